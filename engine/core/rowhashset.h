#pragma once
// An open-addressing hash set of row numbers. The keys stay in the caller's columns
// (an id vector, a pair of index columns), so interning an id or finding a repeated key
// among a million rows costs one short probe and no allocation per row.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace engine {

/// Mixes a 64-bit value into a hash whose high bits are well spread (splitmix64).
constexpr std::uint64_t mixHash(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// Row numbers keyed by a caller-supplied hash and equality. Each slot keeps the high
/// 32 bits of the hash, which both pick the slot and filter most false matches, so the
/// table can grow without asking the caller to hash its keys again.
class RowHashSet
{
public:
    using Row = std::int32_t;
    static constexpr Row kNoRow = -1;

    void reserve(std::size_t rows)
    {
        int bits = 4;
        // Linear probing stays short below ~70% load.
        while ((std::size_t(1) << bits) * 7 < rows * 10)
            ++bits;
        if (bits > m_bits)
            rehash(bits);
    }

    std::size_t size() const { return m_size; }

    /// The row whose key `sameKey(row)` matches, or kNoRow.
    template <typename SameKey> Row find(std::uint64_t hash, SameKey &&sameKey) const
    {
        if (m_slots.empty())
            return kNoRow;
        const auto tag = static_cast<std::uint32_t>(hash >> 32);
        for (std::size_t i = position(tag);; i = (i + 1) & mask()) {
            const Slot &slot = m_slots[i];
            if (slot.row == kNoRow)
                return kNoRow;
            if (slot.tag == tag && sameKey(slot.row))
                return slot.row;
        }
    }

    /// Adds `row` unless a row with an equal key is present: returns that row, or kNoRow
    /// when `row` was added.
    template <typename SameKey> Row insert(std::uint64_t hash, Row row, SameKey &&sameKey)
    {
        if ((m_size + 1) * 10 > m_slots.size() * 7)
            rehash(m_bits < 4 ? 4 : m_bits + 1);
        const auto tag = static_cast<std::uint32_t>(hash >> 32);
        for (std::size_t i = position(tag);; i = (i + 1) & mask()) {
            Slot &slot = m_slots[i];
            if (slot.row == kNoRow) {
                slot = {tag, row};
                ++m_size;
                return kNoRow;
            }
            if (slot.tag == tag && sameKey(slot.row))
                return slot.row;
        }
    }

private:
    struct Slot {
        std::uint32_t tag = 0;
        Row row = kNoRow;
    };

    std::size_t mask() const { return m_slots.size() - 1; }
    std::size_t position(std::uint32_t tag) const
    {
        return static_cast<std::size_t>(tag) >> (32 - m_bits);
    }

    void rehash(int bits)
    {
        std::vector<Slot> old(std::size_t(1) << bits);
        old.swap(m_slots);
        m_bits = bits;
        for (const Slot &slot : old) {
            if (slot.row == kNoRow)
                continue;
            std::size_t i = position(slot.tag);
            while (m_slots[i].row != kNoRow)
                i = (i + 1) & mask();
            m_slots[i] = slot;
        }
    }

    std::vector<Slot> m_slots;
    int m_bits = 0; ///< log2 of the capacity (0 before the first insert)
    std::size_t m_size = 0;
};

/// Row numbers by a 64-bit key, such as an (item, location) pair, in one flat array:
/// a lookup touches one slot where a node-based map touches three.
class KeyRowMap
{
public:
    using Row = RowHashSet::Row;
    static constexpr Row kNoRow = RowHashSet::kNoRow;

    void reserve(std::size_t rows)
    {
        int bits = 4;
        while ((std::size_t(1) << bits) * 7 < rows * 10)
            ++bits;
        if (bits > m_bits)
            rehash(bits);
    }

    std::size_t size() const { return m_size; }

    /// The row stored for `key`, or kNoRow.
    Row find(std::uint64_t key) const
    {
        if (m_slots.empty())
            return kNoRow;
        for (std::size_t i = position(key);; i = (i + 1) & mask()) {
            const Slot &slot = m_slots[i];
            if (slot.row == kNoRow || slot.key == key)
                return slot.row;
        }
    }

    /// Stores `row` for `key` unless the key is present: returns the present row, or
    /// kNoRow when `row` was stored.
    Row insert(std::uint64_t key, Row row)
    {
        if ((m_size + 1) * 10 > m_slots.size() * 7)
            rehash(m_bits < 4 ? 4 : m_bits + 1);
        for (std::size_t i = position(key);; i = (i + 1) & mask()) {
            Slot &slot = m_slots[i];
            if (slot.row == kNoRow) {
                slot = {key, row};
                ++m_size;
                return kNoRow;
            }
            if (slot.key == key)
                return slot.row;
        }
    }

private:
    struct Slot {
        std::uint64_t key = 0;
        Row row = kNoRow;
    };

    std::size_t mask() const { return m_slots.size() - 1; }
    std::size_t position(std::uint64_t key) const
    {
        return static_cast<std::size_t>(mixHash(key) >> (64 - m_bits));
    }

    void rehash(int bits)
    {
        std::vector<Slot> old(std::size_t(1) << bits);
        old.swap(m_slots);
        m_bits = bits;
        for (const Slot &slot : old) {
            if (slot.row == kNoRow)
                continue;
            std::size_t i = position(slot.key);
            while (m_slots[i].row != kNoRow)
                i = (i + 1) & mask();
            m_slots[i] = slot;
        }
    }

    std::vector<Slot> m_slots;
    int m_bits = 0; ///< log2 of the capacity (0 before the first insert)
    std::size_t m_size = 0;
};

} // namespace engine
