#include "model/import/zipreader.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace model {

namespace {

constexpr std::uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr std::uint32_t kZip64EndLocator = 0x07064b50;
constexpr std::uint32_t kZip64End = 0x06064b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::size_t kEndSize = 22;
constexpr std::size_t kCentralHeaderSize = 46;
constexpr std::size_t kLocalHeaderSize = 30;
/// An entry may not claim more than this (a snapshot file of 20 million rows is ~2 GB).
constexpr std::uint64_t kMaxEntrySize = std::uint64_t(16) << 30;

/// Little-endian reads with bounds checks: a truncated archive must not read past its end.
class Cursor
{
public:
    Cursor(std::span<const std::uint8_t> data, std::uint64_t offset)
        : m_data(data)
        , m_pos(offset)
    { }
    bool fits(std::uint64_t n) const
    {
        return m_pos <= m_data.size() && n <= m_data.size() - m_pos;
    }
    std::uint64_t pos() const { return m_pos; }
    void skip(std::uint64_t n) { m_pos += n; }
    std::uint16_t u16()
    {
        const auto v = std::uint16_t(m_data[m_pos] | m_data[m_pos + 1] << 8);
        m_pos += 2;
        return v;
    }
    std::uint32_t u32()
    {
        const std::uint32_t lo = u16();
        return lo | std::uint32_t(u16()) << 16;
    }
    std::uint64_t u64()
    {
        const std::uint64_t lo = u32();
        return lo | std::uint64_t(u32()) << 32;
    }
    std::string text(std::size_t n)
    {
        std::string s(reinterpret_cast<const char *>(m_data.data() + m_pos), n);
        m_pos += n;
        return s;
    }

private:
    std::span<const std::uint8_t> m_data;
    std::uint64_t m_pos;
};

} // namespace

Error ZipReader::corrupt(const QString &why) const
{
    return Error {Error::BadInput,
        m_name + u": not a readable .zip archive ("_s + why
            + u"). Re-create it, or import the snapshot folder instead."_s,
        {}};
}

Result<ZipReader> ZipReader::open(std::span<const std::uint8_t> archive, const QString &displayName)
{
    ZipReader reader(archive, displayName);
    if (archive.size() < kEndSize)
        return std::unexpected(reader.corrupt(u"too short"_s));

    // The end record sits in the last 22 bytes plus a comment of up to 64 KiB.
    const std::size_t lowest
        = archive.size() > kEndSize + 0xffff ? archive.size() - kEndSize - 0xffff : 0;
    std::size_t end = archive.size() - kEndSize + 1;
    bool found = false;
    while (end-- > lowest) {
        Cursor c(archive, end);
        if (c.u32() == kEndOfCentralDirectory) {
            found = true;
            break;
        }
    }
    if (!found)
        return std::unexpected(reader.corrupt(u"no end of central directory"_s));

    Cursor c(archive, end + 4);
    c.skip(6); // disk numbers, entries on this disk
    std::uint64_t count = c.u16();
    std::uint64_t directorySize = c.u32();
    std::uint64_t directoryOffset = c.u32();
    if (count == 0xffff || directorySize == 0xffffffff || directoryOffset == 0xffffffff) {
        if (end < 20)
            return std::unexpected(reader.corrupt(u"ZIP64 locator missing"_s));
        Cursor locator(archive, end - 20);
        if (locator.u32() != kZip64EndLocator)
            return std::unexpected(reader.corrupt(u"ZIP64 locator missing"_s));
        locator.skip(4);
        Cursor zip64(archive, locator.u64());
        if (!zip64.fits(56) || zip64.u32() != kZip64End)
            return std::unexpected(reader.corrupt(u"ZIP64 end record missing"_s));
        zip64.skip(8 + 2 + 2 + 4 + 4 + 8); // size, versions, disks, entries on this disk
        count = zip64.u64();
        directorySize = zip64.u64();
        directoryOffset = zip64.u64();
    }
    if (directoryOffset > archive.size() || directorySize > archive.size() - directoryOffset)
        return std::unexpected(reader.corrupt(u"central directory out of bounds"_s));
    if (count > directorySize / kCentralHeaderSize)
        return std::unexpected(reader.corrupt(u"entry count out of bounds"_s));

    Cursor d(archive, directoryOffset);
    reader.m_entries.reserve(std::size_t(count));
    for (std::uint64_t i = 0; i < count; ++i) {
        if (!d.fits(kCentralHeaderSize) || d.u32() != kCentralHeader)
            return std::unexpected(reader.corrupt(u"bad central directory entry"_s));
        Entry e;
        d.skip(4); // versions
        e.flags = d.u16();
        e.method = d.u16();
        d.skip(4); // time, date
        e.crc32 = d.u32();
        e.compressedSize = d.u32();
        e.size = d.u32();
        const std::size_t nameLength = d.u16();
        const std::size_t extraLength = d.u16();
        const std::size_t commentLength = d.u16();
        d.skip(8); // disk, attributes
        e.localHeaderOffset = d.u32();
        if (!d.fits(nameLength + extraLength + commentLength))
            return std::unexpected(reader.corrupt(u"bad central directory entry"_s));
        e.name = d.text(nameLength);
        // ZIP64 extra field: the 64-bit values of the fields that are saturated.
        Cursor extra(archive, d.pos());
        const std::uint64_t extraEnd = d.pos() + extraLength;
        while (extra.pos() + 4 <= extraEnd) {
            const std::uint16_t id = extra.u16();
            const std::uint16_t size = extra.u16();
            const std::uint64_t next = extra.pos() + size;
            if (next > extraEnd)
                break;
            if (id == 0x0001) {
                auto take = [&](std::uint64_t &field, std::uint64_t saturated) {
                    if (field == saturated && extra.pos() + 8 <= next)
                        field = extra.u64();
                };
                take(e.size, 0xffffffff);
                take(e.compressedSize, 0xffffffff);
                take(e.localHeaderOffset, 0xffffffff);
            }
            extra = Cursor(archive, next);
        }
        d.skip(extraLength + commentLength);
        reader.m_entries.push_back(std::move(e));
    }
    return reader;
}

Result<std::string> ZipReader::read(const Entry &entry) const
{
    const QString entryName = QString::fromStdString(entry.name);
    if (entry.flags & 0x1)
        return std::unexpected(corrupt(entryName + u" is encrypted"_s));
    if (entry.method != 0 && entry.method != 8) {
        return std::unexpected(corrupt(entryName + u" uses compression method "_s
            + QString::number(entry.method) + u"; only stored and deflate are supported"_s));
    }
    if (entry.size > kMaxEntrySize)
        return std::unexpected(corrupt(entryName + u" is too large"_s));

    Cursor local(m_data, entry.localHeaderOffset);
    if (!local.fits(kLocalHeaderSize) || local.u32() != kLocalHeader)
        return std::unexpected(corrupt(entryName + u": bad local header"_s));
    local.skip(22);
    const std::uint64_t nameLength = local.u16();
    const std::uint64_t extraLength = local.u16();
    local.skip(nameLength + extraLength);
    if (!local.fits(entry.compressedSize))
        return std::unexpected(corrupt(entryName + u" is truncated"_s));
    const std::uint8_t *data = m_data.data() + local.pos();

    std::string out;
    if (entry.method == 0) {
        if (entry.compressedSize != entry.size)
            return std::unexpected(corrupt(entryName + u": stored sizes differ"_s));
        out.assign(reinterpret_cast<const char *>(data), std::size_t(entry.size));
    } else {
        // One spare byte, so a stream longer than its declared size is caught.
        out.resize(std::size_t(entry.size) + 1);
        z_stream z {};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
            return std::unexpected(corrupt(u"zlib could not start"_s));
        // zlib counts in uInt, so large entries go through in slices.
        constexpr std::uint64_t kSlice = std::numeric_limits<uInt>::max() / 2;
        std::uint64_t inLeft = entry.compressedSize, outGiven = 0;
        const std::uint8_t *in = data;
        int rc = Z_OK;
        while (rc == Z_OK) {
            if (z.avail_in == 0 && inLeft > 0) {
                z.next_in = const_cast<Bytef *>(in);
                z.avail_in = uInt(std::min(inLeft, kSlice));
                in += z.avail_in;
                inLeft -= z.avail_in;
            }
            if (z.avail_out == 0 && outGiven < out.size()) {
                z.next_out = reinterpret_cast<Bytef *>(out.data() + outGiven);
                z.avail_out = uInt(std::min(out.size() - outGiven, kSlice));
                outGiven += z.avail_out;
            }
            // Z_BUF_ERROR ends the loop too: no progress is possible (input or room ran out).
            rc = inflate(&z, Z_NO_FLUSH);
        }
        const bool complete = rc == Z_STREAM_END && z.total_out == entry.size;
        inflateEnd(&z);
        out.resize(std::size_t(entry.size));
        if (!complete)
            return std::unexpected(corrupt(entryName + u": compressed data is damaged"_s));
    }
    const auto crc = crc32_z(0L, reinterpret_cast<const Bytef *>(out.data()), out.size());
    if (crc != entry.crc32)
        return std::unexpected(corrupt(entryName + u": checksum mismatch"_s));
    return out;
}

} // namespace model
