#include "engine/storage/itemblock.h"

#include <algorithm>
#include <bit>
#include <climits>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

namespace engine {

static_assert(std::endian::native == std::endian::little,
    "item blocks store raw doubles in the machine's byte order; this build assumes little-endian");

namespace {

// The columns of each table kept in a block, in block order. The `item` column is
// not stored: every row of a block belongs to its item. Each visitor calls `f` once
// per column with that column of every table given, so the same list drives
// encoding (one table), decoding (one table) and placing (two tables side by side).
template <class F, class... T> void itemLocationColumns(F &&f, T &...t)
{
    f(t.location...);
    f(t.onHand...);
    f(t.allocated...);
    f(t.safetyStock...);
    f(t.reorderPoint...);
    f(t.orderUpTo...);
    f(t.dailyDemand...);
    f(t.dailyDemandStd...);
    f(t.supplier...);
    f(t.sourceLocation...);
    f(t.leadTimeDays...);
    f(t.leadTimeStdDays...);
    f(t.minOrderQty...);
    f(t.orderMultiple...);
    f(t.lastCountDate...);
    f(t.countVarianceRate...);
}

template <class F, class... T> void salesOrderColumns(F &&f, T &...t)
{
    f(t.orderId...);
    f(t.line...);
    f(t.customer...);
    f(t.location...);
    f(t.qtyOpen...);
    f(t.orderDate...);
    f(t.dueDate...);
    f(t.unitPrice...);
}

template <class F, class... T> void purchaseOrderColumns(F &&f, T &...t)
{
    f(t.poId...);
    f(t.line...);
    f(t.supplier...);
    f(t.location...);
    f(t.qtyOpen...);
    f(t.orderDate...);
    f(t.expectedDate...);
    f(t.promisedDate...);
    f(t.status...);
}

template <class F, class... T> void transferColumns(F &&f, T &...t)
{
    f(t.transferId...);
    f(t.fromLocation...);
    f(t.toLocation...);
    f(t.qty...);
    f(t.shipDate...);
    f(t.expectedDate...);
}

template <class F, class... T> void forecastColumns(F &&f, T &...t)
{
    f(t.location...);
    f(t.date...);
    f(t.qty...);
}

// A packed column: a tag byte, the smallest value (zigzag varint), then each value's
// distance from it in 0, 1, 2, 4 or 8 bytes (little-endian). With the "missing" bit,
// the all-ones value of that width stands for a missing value (kNoDate, kUnset).
// Doubles that are whole after scaling by 10^k (k <= 4) are packed as those whole
// numbers with k in the tag; others are stored raw after the tag kRawDoubles.
constexpr std::uint8_t kWidthMask = 0x07;
constexpr std::uint8_t kMissingBit = 0x08;
constexpr int kScaleShift = 4;
constexpr std::uint8_t kRawDoubles = 0xff;
constexpr int kWidths[] = {0, 1, 2, 4, 8};
constexpr double kScale[] = {1.0, 10.0, 100.0, 1000.0, 10000.0};
constexpr int kScales = int(std::size(kScale));
/// Whole numbers beyond this are left raw: well inside a double's exact integers.
constexpr double kLargestScaled = 4503599627370496.0; // 2^52
constexpr std::int64_t kMissing = INT64_MIN;

/// The one way a packed number becomes a double again, used by the encoder to check
/// that it would decode to the very same bits.
double unscale(std::int64_t n, int k)
{
    return static_cast<double>(n) / kScale[k];
}

std::uint64_t allOnes(int width)
{
    return width >= 8 ? ~std::uint64_t(0) : (std::uint64_t(1) << (8 * width)) - 1;
}

template <class T> std::int64_t asInt(T v)
{
    if constexpr (std::is_enum_v<T>)
        return static_cast<std::int64_t>(std::to_underlying(v));
    else
        return static_cast<std::int64_t>(v);
}

class BlockWriter
{
public:
    explicit BlockWriter(std::string &out)
        : m_out(out)
    { }

    /// The rows of the table being written, as rows of the snapshot's table.
    void setRows(const Index *begin, const Index *end)
    {
        m_rows = {begin, end};
        varint(m_rows.size());
    }
    void seq()
    {
        m_values.clear();
        for (Index r : m_rows)
            m_values.push_back(r);
        packed(0);
    }

    template <class T>
    requires(std::is_integral_v<T> || std::is_enum_v<T>) void operator()(
        const std::vector<T> &column)
    {
        m_values.clear();
        for (Index r : m_rows) {
            const std::int64_t v = asInt(column[std::size_t(r)]);
            // INT32_MIN (kNoDate) travels as "missing"; it comes back as itself.
            m_values.push_back(v == INT32_MIN ? kMissing : v);
        }
        packed(0);
    }

    void operator()(const std::vector<double> &column)
    {
        for (int k = 0; k < kScales; ++k) {
            if (scaledExactly(column, k)) {
                packed(k);
                return;
            }
        }
        m_out.push_back(char(kRawDoubles));
        for (Index r : m_rows)
            m_out.append(reinterpret_cast<const char *>(&column[std::size_t(r)]), sizeof(double));
    }

    void operator()(const std::vector<std::string> &column)
    {
        for (Index r : m_rows) {
            const std::string &text = column[std::size_t(r)];
            varint(text.size());
            m_out.append(text);
        }
    }

    void varint(std::uint64_t v)
    {
        while (v >= 0x80) {
            m_out.push_back(char(std::uint8_t(v) | 0x80));
            v >>= 7;
        }
        m_out.push_back(char(v));
    }

private:
    /// Fills m_values with the column scaled by 10^k when every value survives the
    /// round trip bit for bit.
    bool scaledExactly(const std::vector<double> &column, int k)
    {
        m_values.clear();
        for (Index r : m_rows) {
            const double v = column[std::size_t(r)];
            if (std::isnan(v)) {
                m_values.push_back(kMissing);
                continue;
            }
            const double scaled = v * kScale[k];
            if (!(std::fabs(scaled) < kLargestScaled))
                return false;
            const auto n = static_cast<std::int64_t>(std::llround(scaled));
            if (std::bit_cast<std::uint64_t>(unscale(n, k)) != std::bit_cast<std::uint64_t>(v))
                return false;
            m_values.push_back(n);
        }
        return true;
    }

    void packed(int k)
    {
        bool missing = false, any = false;
        std::int64_t lo = 0, hi = 0;
        for (std::int64_t v : m_values) {
            if (v == kMissing) {
                missing = true;
            } else if (!any) {
                lo = hi = v;
                any = true;
            } else {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
        const std::uint64_t range = std::uint64_t(hi) - std::uint64_t(lo);
        const std::uint64_t need = missing ? range + 1 : range;
        int code = 0;
        while (need > allOnes(kWidths[code]))
            ++code;
        const int width = kWidths[code];
        m_out.push_back(char(code | (missing ? kMissingBit : 0) | (k << kScaleShift)));
        varint((std::uint64_t(lo) << 1) ^ std::uint64_t(lo >> 63)); // zigzag
        if (width == 0)
            return;
        for (std::int64_t v : m_values) {
            const std::uint64_t u
                = v == kMissing ? allOnes(width) : std::uint64_t(v) - std::uint64_t(lo);
            char bytes[8];
            std::memcpy(bytes, &u, sizeof bytes);
            m_out.append(bytes, std::size_t(width));
        }
    }

    std::string &m_out;
    std::span<const Index> m_rows;
    std::vector<std::int64_t> m_values;
};

/// Reads a block back; any inconsistency fails the whole block.
class BlockReader
{
public:
    explicit BlockReader(std::string_view bytes)
        : m_bytes(bytes)
    { }

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos == m_bytes.size(); }

    bool byte(std::uint8_t &out)
    {
        if (!m_ok || m_pos >= m_bytes.size())
            return m_ok = false;
        out = std::uint8_t(m_bytes[m_pos++]);
        return true;
    }

    bool varint(std::uint64_t &out)
    {
        out = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            std::uint8_t b = 0;
            if (!byte(b))
                return false;
            out |= std::uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80))
                return true;
        }
        return m_ok = false;
    }

    /// The row count of the next table. Rows have distinct positions, so from two
    /// rows on each takes at least one byte of the position column: a count beyond
    /// what is left is damage, not a reason to allocate.
    bool rows(std::size_t &n)
    {
        std::uint64_t count = 0;
        if (!varint(count) || count > m_bytes.size() - m_pos + 1 || count > INT32_MAX)
            return m_ok = false;
        n = std::size_t(count);
        return true;
    }

    void setRows(std::size_t n) { m_n = n; }

    template <class T>
    requires(std::is_integral_v<T> || std::is_enum_v<T>) void operator()(std::vector<T> &column)
    {
        column.resize(m_n);
        if (!unpack() || m_scale != 0) {
            m_ok = false;
            return;
        }
        using Int = typename std::conditional_t<std::is_enum_v<T>, std::underlying_type<T>,
            std::type_identity<T>>::type;
        constexpr auto lowest = std::int64_t(std::numeric_limits<Int>::min());
        constexpr auto highest = std::int64_t(std::numeric_limits<Int>::max());
        // The common case, checked once for the whole column: nothing missing and
        // every value the width can hold fits the column's type.
        if (!m_anyMissing && m_base >= lowest && m_base <= highest
            && m_span <= std::uint64_t(highest - m_base)) {
            for (std::size_t i = 0; i < m_n; ++i)
                column[i] = static_cast<T>(m_base + std::int64_t(m_raw[i]));
            return;
        }
        for (std::size_t i = 0; i < m_n; ++i) {
            if (m_anyMissing && m_raw[i] == m_missing) {
                if constexpr (std::is_same_v<T, std::int32_t>) {
                    column[i] = INT32_MIN;
                    continue;
                }
                m_ok = false;
                return;
            }
            const auto v = std::int64_t(std::uint64_t(m_base) + m_raw[i]);
            if (v < lowest || v > highest) {
                m_ok = false;
                return;
            }
            column[i] = static_cast<T>(v);
        }
    }

    void operator()(std::vector<double> &column)
    {
        column.resize(m_n);
        if (m_ok && m_pos < m_bytes.size() && std::uint8_t(m_bytes[m_pos]) == kRawDoubles) {
            ++m_pos;
            const std::string_view raw = take(m_n * sizeof(double));
            if (m_ok && m_n > 0)
                std::memcpy(column.data(), raw.data(), raw.size());
            return;
        }
        if (!unpack())
            return;
        if (!m_anyMissing) {
            for (std::size_t i = 0; i < m_n; ++i)
                column[i] = unscale(std::int64_t(std::uint64_t(m_base) + m_raw[i]), m_scale);
            return;
        }
        for (std::size_t i = 0; i < m_n; ++i) {
            column[i] = m_raw[i] == m_missing
                ? kUnset
                : unscale(std::int64_t(std::uint64_t(m_base) + m_raw[i]), m_scale);
        }
    }

    void operator()(std::vector<std::string> &column)
    {
        column.resize(m_n);
        for (std::size_t i = 0; i < m_n && m_ok; ++i) {
            std::uint64_t length = 0;
            if (!varint(length) || length > m_bytes.size() - m_pos) {
                m_ok = false;
                return;
            }
            column[i].assign(take(std::size_t(length)));
        }
    }

private:
    std::string_view take(std::size_t n)
    {
        if (!m_ok || n > m_bytes.size() - m_pos) {
            m_ok = false;
            return {};
        }
        const std::string_view part = m_bytes.substr(m_pos, n);
        m_pos += n;
        return part;
    }

    /// Reads a packed column's header and its m_n distances from the base into m_raw.
    bool unpack()
    {
        std::uint8_t tag = 0;
        std::uint64_t zigzag = 0;
        if (!byte(tag) || !varint(zigzag))
            return false;
        const int code = tag & kWidthMask;
        m_scale = tag >> kScaleShift;
        if (code >= int(std::size(kWidths)) || m_scale >= kScales)
            return m_ok = false;
        m_base = std::int64_t((zigzag >> 1) ^ (~(zigzag & 1) + 1));
        const int width = kWidths[code];
        m_span = allOnes(width);
        m_missing = allOnes(width);
        m_anyMissing = (tag & kMissingBit) && width > 0;
        const std::string_view data = take(m_n * std::size_t(width));
        if (!m_ok)
            return false;
        m_raw.resize(m_n);
        const auto *p = reinterpret_cast<const unsigned char *>(data.data());
        switch (width) {
        case 0:
            std::fill(m_raw.begin(), m_raw.end(), 0);
            break;
        case 1:
            for (std::size_t i = 0; i < m_n; ++i)
                m_raw[i] = p[i];
            break;
        case 2:
            for (std::size_t i = 0; i < m_n; ++i) {
                std::uint16_t v;
                std::memcpy(&v, p + 2 * i, 2);
                m_raw[i] = v;
            }
            break;
        case 4:
            for (std::size_t i = 0; i < m_n; ++i) {
                std::uint32_t v;
                std::memcpy(&v, p + 4 * i, 4);
                m_raw[i] = v;
            }
            break;
        default:
            if (m_n > 0)
                std::memcpy(m_raw.data(), p, m_n * 8);
            break;
        }
        return true;
    }

    std::string_view m_bytes;
    std::size_t m_pos = 0;
    std::size_t m_n = 0;
    bool m_ok = true;
    // The packed column last read: its distances, base, scale and missing marker.
    std::vector<std::uint64_t> m_raw;
    std::int64_t m_base = 0;
    std::uint64_t m_span = 0; ///< the largest distance the width can hold
    std::uint64_t m_missing = 0;
    bool m_anyMissing = false;
    int m_scale = 0;
};

RowIndex groupByItem(const std::vector<Index> &item, Index items)
{
    RowIndex index;
    index.start.assign(std::size_t(items) + 1, 0);
    for (Index i : item)
        ++index.start[std::size_t(i) + 1];
    for (std::size_t k = 1; k < index.start.size(); ++k)
        index.start[k] += index.start[k - 1];
    index.rows.resize(item.size());
    std::vector<Index> next(index.start.begin(), index.start.end() - 1);
    for (std::size_t r = 0; r < item.size(); ++r)
        index.rows[std::size_t(next[std::size_t(item[r])]++)] = Index(r);
    return index;
}

/// Copies (or moves) row i of each column of `from` to row at[i] of `to`.
struct Place {
    std::span<const Index> at;
    template <class T> void operator()(std::vector<T> &to, std::vector<T> &from) const
    {
        for (std::size_t i = 0; i < at.size(); ++i)
            to[std::size_t(at[i])] = std::move(from[i]);
    }
};

} // namespace

RowsByItem groupRowsByItem(const Snapshot &s)
{
    const Index items = s.items.size();
    return {groupByItem(s.itemLocations.item, items), groupByItem(s.salesOrders.item, items),
        groupByItem(s.purchaseOrders.item, items), groupByItem(s.transfers.item, items),
        groupByItem(s.forecast.item, items)};
}

bool hasNoRows(const RowsByItem &rows, Index item)
{
    for (const RowIndex *index : {&rows.itemLocations, &rows.salesOrders, &rows.purchaseOrders,
             &rows.transfers, &rows.forecast}) {
        if (index->count(item) > 0)
            return false;
    }
    return true;
}

void encodeItemBlock(const Snapshot &s, const RowsByItem &rows, Index item, std::string &out)
{
    BlockWriter put(out);
    out.push_back(char(kItemBlockFormat));
    put.setRows(rows.itemLocations.begin(item), rows.itemLocations.end(item));
    if (rows.itemLocations.count(item) > 0) {
        put.seq();
        itemLocationColumns(put, s.itemLocations);
    }
    put.setRows(rows.salesOrders.begin(item), rows.salesOrders.end(item));
    if (rows.salesOrders.count(item) > 0) {
        put.seq();
        salesOrderColumns(put, s.salesOrders);
    }
    put.setRows(rows.purchaseOrders.begin(item), rows.purchaseOrders.end(item));
    if (rows.purchaseOrders.count(item) > 0) {
        put.seq();
        purchaseOrderColumns(put, s.purchaseOrders);
    }
    put.setRows(rows.transfers.begin(item), rows.transfers.end(item));
    if (rows.transfers.count(item) > 0) {
        put.seq();
        transferColumns(put, s.transfers);
    }
    put.setRows(rows.forecast.begin(item), rows.forecast.end(item));
    if (rows.forecast.count(item) > 0) {
        put.seq();
        forecastColumns(put, s.forecast);
    }
}

bool decodeItemBlock(std::string_view bytes, Index item, ItemRows &rows)
{
    BlockReader get(bytes);
    std::uint8_t format = 0;
    if (!get.byte(format) || format != kItemBlockFormat)
        return false;
    auto table
        = [&](std::vector<Index> &seq, auto &t, std::vector<Index> &itemColumn, auto columns) {
              std::size_t n = 0;
              if (!get.rows(n))
                  return;
              get.setRows(n);
              itemColumn.assign(n, item);
              if (n == 0) {
                  seq.clear();
                  auto clear = [](auto &column) { column.clear(); };
                  columns(clear, t);
                  return;
              }
              get(seq);
              columns(get, t);
          };
    table(rows.itemLocationSeq, rows.itemLocations, rows.itemLocations.item,
        [](auto &f, ItemLocations &t) { itemLocationColumns(f, t); });
    table(rows.salesOrderSeq, rows.salesOrders, rows.salesOrders.item,
        [](auto &f, SalesOrders &t) { salesOrderColumns(f, t); });
    table(rows.purchaseOrderSeq, rows.purchaseOrders, rows.purchaseOrders.item,
        [](auto &f, PurchaseOrders &t) { purchaseOrderColumns(f, t); });
    table(rows.transferSeq, rows.transfers, rows.transfers.item,
        [](auto &f, Transfers &t) { transferColumns(f, t); });
    table(rows.forecastSeq, rows.forecast, rows.forecast.item,
        [](auto &f, Forecast &t) { forecastColumns(f, t); });
    if (!get.ok() || !get.atEnd())
        return false;
    for (PoStatus status : rows.purchaseOrders.status) {
        if (static_cast<int>(status) > static_cast<int>(PoStatus::Shipped))
            return false;
    }
    return true;
}

void resizeRowTables(Snapshot &s, Index itemLocations, Index salesOrders, Index purchaseOrders,
    Index transfers, Index forecast, int part, int parts)
{
    int k = 0;
    auto resize = [&k, part, parts](std::size_t n) {
        return [&k, n, part, parts](auto &column) {
            if (k++ % parts == part)
                column.resize(n);
        };
    };
    auto il = resize(std::size_t(itemLocations));
    itemLocationColumns(il, s.itemLocations);
    il(s.itemLocations.item);
    auto so = resize(std::size_t(salesOrders));
    salesOrderColumns(so, s.salesOrders);
    so(s.salesOrders.item);
    auto po = resize(std::size_t(purchaseOrders));
    purchaseOrderColumns(po, s.purchaseOrders);
    po(s.purchaseOrders.item);
    auto tr = resize(std::size_t(transfers));
    transferColumns(tr, s.transfers);
    tr(s.transfers.item);
    auto fc = resize(std::size_t(forecast));
    forecastColumns(fc, s.forecast);
    fc(s.forecast.item);
}

void placeItemRows(ItemRows &rows, const RowPositions &at, Snapshot &s)
{
    Place il {at.itemLocations};
    itemLocationColumns(il, s.itemLocations, rows.itemLocations);
    il(s.itemLocations.item, rows.itemLocations.item);
    Place so {at.salesOrders};
    salesOrderColumns(so, s.salesOrders, rows.salesOrders);
    so(s.salesOrders.item, rows.salesOrders.item);
    Place po {at.purchaseOrders};
    purchaseOrderColumns(po, s.purchaseOrders, rows.purchaseOrders);
    po(s.purchaseOrders.item, rows.purchaseOrders.item);
    Place tr {at.transfers};
    transferColumns(tr, s.transfers, rows.transfers);
    tr(s.transfers.item, rows.transfers.item);
    Place fc {at.forecast};
    forecastColumns(fc, s.forecast, rows.forecast);
    fc(s.forecast.item, rows.forecast.item);
}

} // namespace engine
