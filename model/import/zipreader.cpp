#include "model/import/zipreader.h"

#include <zlib.h>

#include <algorithm>
#include <array>
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
constexpr std::uint32_t kSaturated32 = 0xffffffff;
/// Inflated in chunks of this size, so a member never takes more than its declared
/// size plus one chunk, whatever its compressed stream holds.
constexpr std::size_t kChunk = std::size_t(256) << 10;
/// The output buffer starts no larger than this, whatever the directory claims, and
/// grows with the data actually inflated.
constexpr std::uint64_t kInitialReserve = std::uint64_t(64) << 20;

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

/// The usual name of a compression method, for the message that refuses it.
QString methodName(std::uint16_t method)
{
    switch (method) {
    case 9:
        return u" (Deflate64)"_s;
    case 12:
        return u" (bzip2)"_s;
    case 14:
        return u" (LZMA)"_s;
    case 93:
        return u" (Zstandard)"_s;
    case 95:
        return u" (XZ)"_s;
    default:
        return {};
    }
}

} // namespace

QString ZipReader::shownName(const std::string &name)
{
    constexpr qsizetype kMaxShown = 100;
    QString shown = QString::fromUtf8(name.data(), qsizetype(name.size()));
    for (QChar &c : shown) {
        // Control and format characters (line breaks, bidirectional overrides) would
        // let a crafted name break or disguise the one-line message.
        const auto category = c.category();
        if (category == QChar::Other_Control || category == QChar::Other_Format)
            c = u'?';
    }
    if (shown.size() > kMaxShown)
        shown = shown.left(kMaxShown) + u"..."_s;
    return shown;
}

QString ZipReader::sizeText(std::uint64_t bytes)
{
    if (bytes < 1024)
        return QString::number(bytes) + (bytes == 1 ? u" byte"_s : u" bytes"_s);
    static constexpr std::array<const char16_t *, 6> kUnits {
        u"KiB", u"MiB", u"GiB", u"TiB", u"PiB", u"EiB"};
    double value = double(bytes);
    std::size_t unit = 0;
    for (value /= 1024; value >= 1024 && unit + 1 < kUnits.size(); value /= 1024)
        ++unit;
    QString number = QString::number(value, 'f', 1);
    if (number.endsWith(u".0"_s))
        number.chop(2);
    return number + u' ' + QString::fromUtf16(kUnits[unit]);
}

Error ZipReader::corrupt(const QString &why) const
{
    return Error {Error::BadInput,
        m_name + u": not a readable .zip archive ("_s + why
            + u"). Re-create it, or import the snapshot folder instead."_s,
        {}};
}

Error ZipReader::refusal(const QString &why) const
{
    return Error {Error::BadInput, m_name + u": "_s + why, {}};
}

Result<ZipReader> ZipReader::open(
    std::span<const std::uint8_t> archive, const QString &displayName, const ZipLimits &limits)
{
    ZipReader reader(archive, displayName, limits);
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
    if (count == 0xffff || directorySize == kSaturated32 || directoryOffset == kSaturated32) {
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
        const std::uint64_t count64 = zip64.u64();
        const std::uint64_t directorySize64 = zip64.u64();
        const std::uint64_t directoryOffset64 = zip64.u64();
        // A field that is not saturated must say what its ZIP64 twin says: two
        // directories that disagree are two readings of one archive.
        if ((count != 0xffff && count != count64)
            || (directorySize != kSaturated32 && directorySize != directorySize64)
            || (directoryOffset != kSaturated32 && directoryOffset != directoryOffset64))
            return std::unexpected(
                reader.corrupt(u"the ZIP64 end record disagrees with the end record"_s));
        count = count64;
        directorySize = directorySize64;
        directoryOffset = directoryOffset64;
    }
    if (directoryOffset > archive.size() || directorySize > archive.size() - directoryOffset)
        return std::unexpected(reader.corrupt(u"central directory out of bounds"_s));
    if (count > directorySize / kCentralHeaderSize)
        return std::unexpected(reader.corrupt(u"entry count out of bounds"_s));
    if (count > limits.maxMembers) {
        return std::unexpected(reader.refusal(u"holds "_s + QString::number(count)
            + u" members, more than the "_s + QString::number(limits.maxMembers)
            + u" a snapshot archive may have; it is not read. Zip only the snapshot's folder."_s));
    }

    Cursor d(archive, directoryOffset);
    reader.m_entries.reserve(std::size_t(count));
    for (std::uint64_t i = 0; i < count; ++i) {
        if (!d.fits(kCentralHeaderSize) || d.u32() != kCentralHeader)
            return std::unexpected(reader.corrupt(u"bad central directory entry"_s));
        Entry e;
        e.madeBy = d.u16();
        d.skip(2); // version needed
        e.flags = d.u16();
        e.method = d.u16();
        d.skip(4); // time, date
        e.crc32 = d.u32();
        e.compressedSize = d.u32();
        e.size = d.u32();
        const std::size_t nameLength = d.u16();
        const std::size_t extraLength = d.u16();
        const std::size_t commentLength = d.u16();
        d.skip(4); // disk, internal attributes
        e.externalAttributes = d.u32();
        e.localHeaderOffset = d.u32();
        if (!d.fits(nameLength + extraLength + commentLength))
            return std::unexpected(reader.corrupt(u"bad central directory entry"_s));
        e.name = d.text(nameLength);
        // ZIP64 extra field: the 64-bit values of the fields that are saturated, in
        // this order, each present only when its field is saturated.
        std::uint64_t *const saturated[] = {&e.size, &e.compressedSize, &e.localHeaderOffset};
        bool missing[] = {e.size == kSaturated32, e.compressedSize == kSaturated32,
            e.localHeaderOffset == kSaturated32};
        Cursor extra(archive, d.pos());
        const std::uint64_t extraEnd = d.pos() + extraLength;
        while (extra.pos() + 4 <= extraEnd) {
            const std::uint16_t id = extra.u16();
            const std::uint16_t size = extra.u16();
            const std::uint64_t next = extra.pos() + size;
            if (next > extraEnd)
                break;
            if (id == 0x0001) {
                for (std::size_t f = 0; f < std::size(saturated); ++f) {
                    if (missing[f] && extra.pos() + 8 <= next) {
                        *saturated[f] = extra.u64();
                        missing[f] = false;
                    }
                }
            }
            extra = Cursor(archive, next);
        }
        if (std::ranges::any_of(missing, [](bool m) { return m; })) {
            return std::unexpected(reader.corrupt(shownName(e.name)
                + u" marks a size or offset as ZIP64 but gives no ZIP64 value"_s));
        }
        d.skip(extraLength + commentLength);
        reader.m_entries.push_back(std::move(e));
    }

    // Two members of one name: which one a tool extracts differs from tool to tool, so
    // the snapshot would depend on who reads it.
    std::vector<std::string_view> names;
    names.reserve(reader.m_entries.size());
    for (const auto &e : reader.m_entries)
        names.emplace_back(e.name);
    std::ranges::sort(names);
    if (const auto twin = std::ranges::adjacent_find(names); twin != names.end()) {
        return std::unexpected(
            reader.refusal(u"holds two members named \""_s + shownName(std::string(*twin))
                + u"\"; which one is the snapshot's is unclear, so it is not read."_s));
    }
    return reader;
}

Result<std::uint64_t> ZipReader::dataOffset(const Entry &entry) const
{
    const QString name = shownName(entry.name);
    Cursor local(m_data, entry.localHeaderOffset);
    if (!local.fits(kLocalHeaderSize) || local.u32() != kLocalHeader)
        return std::unexpected(corrupt(name + u": bad local header"_s));
    local.skip(2); // version needed
    const std::uint16_t flags = local.u16();
    const std::uint16_t method = local.u16();
    local.skip(4); // time, date
    const std::uint32_t crc = local.u32();
    const std::uint32_t compressedSize = local.u32();
    const std::uint32_t size = local.u32();
    const std::uint64_t nameLength = local.u16();
    const std::uint64_t extraLength = local.u16();
    if (!local.fits(nameLength) || local.text(nameLength) != entry.name || method != entry.method)
        return std::unexpected(
            corrupt(name + u": its local header does not match its directory entry"_s));
    // Without a data descriptor (bit 3 of the flags) the local header repeats the directory's
    // sizes; a saturated size is in a ZIP64 field, already checked in the directory.
    if (!(flags & 0x8)) {
        auto differs = [](std::uint32_t inLocal, std::uint64_t central) {
            return inLocal != kSaturated32 && inLocal != central;
        };
        QString disagreement;
        if (differs(size, entry.size))
            disagreement = sizeText(size) + u" against "_s + sizeText(entry.size);
        else if (differs(compressedSize, entry.compressedSize))
            disagreement = u"packed "_s + sizeText(compressedSize) + u" against "_s
                + sizeText(entry.compressedSize);
        else if (crc != entry.crc32)
            disagreement = u"on the checksum"_s;
        if (!disagreement.isEmpty()) {
            return std::unexpected(refusal(name
                + u": its local header and the central directory disagree ("_s + disagreement
                + u"); the archive is damaged or was made to mislead, so it is not read."_s));
        }
    }
    local.skip(extraLength);
    if (!local.fits(entry.compressedSize))
        return std::unexpected(corrupt(name + u" is truncated"_s));
    return local.pos();
}

Result<void> ZipReader::check(const Entry &entry) const
{
    const QString name = shownName(entry.name);
    if ((entry.flags & 0x41) || entry.method == 99) {
        return std::unexpected(refusal(name
            + u" is encrypted; export the snapshot without a password and import it again."_s));
    }
    if (entry.method != 0 && entry.method != 8) {
        return std::unexpected(refusal(name + u" is compressed with method "_s
            + QString::number(entry.method) + methodName(entry.method)
            + u"; only stored and deflate (the usual method of every zip tool) can be read."_s));
    }
    if (entry.isSymlink()) {
        return std::unexpected(refusal(
            name + u" is a symbolic link, not a file; zip the snapshot's files themselves."_s));
    }
    const auto offset = dataOffset(entry);
    if (!offset)
        return std::unexpected(offset.error());
    if (entry.size > m_limits.maxMemberSize) {
        return std::unexpected(refusal(name + u" would unpack to "_s + sizeText(entry.size)
            + u", over the limit of "_s + sizeText(m_limits.maxMemberSize)
            + u" for one file. If the extract is genuine, unzip it and import the folder."_s));
    }
    // Real CSV packs by at most about 7 times; data that packs by hundreds of times is
    // made to exhaust memory (a "zip bomb").
    if (m_limits.maxRatio > 0 && entry.size > m_limits.ratioFloor
        && entry.size / m_limits.maxRatio > entry.compressedSize) {
        return std::unexpected(refusal(name + u" would unpack to "_s + sizeText(entry.size)
            + u" from "_s + sizeText(entry.compressedSize) + u", more than "_s
            + QString::number(m_limits.maxRatio)
            + u" times its packed size, which no real snapshot file reaches; the archive "
              "looks made to exhaust memory, so it is not read."_s));
    }
    return {};
}

Result<std::string> ZipReader::read(const Entry &entry) const
{
    if (auto ok = check(entry); !ok)
        return std::unexpected(ok.error());
    const auto offset = dataOffset(entry);
    if (!offset)
        return std::unexpected(offset.error());
    const QString name = shownName(entry.name);
    const std::uint8_t *data = m_data.data() + *offset;
    auto lied = [&](const QString &what) {
        return refusal(name + u' ' + what + u" the "_s + sizeText(entry.size)
            + u" its directory entry declares; the archive is damaged or was made to "
              "mislead, so it is not read."_s);
    };

    std::string out;
    uLong crc = crc32_z(0L, nullptr, 0);
    if (entry.method == 0) {
        if (entry.compressedSize != entry.size)
            return std::unexpected(corrupt(name + u": stored sizes differ"_s));
        out.assign(reinterpret_cast<const char *>(data), std::size_t(entry.size));
        crc = crc32_z(crc, data, out.size());
    } else {
        out.reserve(std::size_t(std::min(entry.size, kInitialReserve)));
        z_stream z {};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
            return std::unexpected(corrupt(u"zlib could not start"_s));
        std::vector<Bytef> chunk(kChunk);
        // zlib counts in uInt, so large entries go in slices.
        constexpr std::uint64_t kSlice = std::numeric_limits<uInt>::max() / 2;
        std::uint64_t inLeft = entry.compressedSize;
        const std::uint8_t *in = data;
        enum class Outcome { Complete, Damaged, TooLong } outcome = Outcome::Complete;
        for (;;) {
            if (z.avail_in == 0 && inLeft > 0) {
                z.next_in = const_cast<Bytef *>(in);
                z.avail_in = uInt(std::min(inLeft, kSlice));
                in += z.avail_in;
                inLeft -= z.avail_in;
            }
            z.next_out = chunk.data();
            z.avail_out = uInt(chunk.size());
            const int rc = inflate(&z, Z_NO_FLUSH);
            if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
                outcome = Outcome::Damaged;
                break;
            }
            const std::size_t produced = chunk.size() - z.avail_out;
            // Stop at the declared size: what the limits were checked against.
            if (produced > entry.size - out.size()) {
                outcome = Outcome::TooLong;
                break;
            }
            out.append(reinterpret_cast<const char *>(chunk.data()), produced);
            crc = crc32_z(crc, chunk.data(), produced);
            if (rc == Z_STREAM_END) {
                // The stream must end where the directory says the member does.
                if (z.avail_in != 0 || inLeft != 0)
                    outcome = Outcome::Damaged;
                break;
            }
            // No progress possible: the input ran out before the stream ended.
            if (rc == Z_BUF_ERROR && z.avail_in == 0 && inLeft == 0) {
                outcome = Outcome::Damaged;
                break;
            }
        }
        inflateEnd(&z);
        if (outcome == Outcome::TooLong)
            return std::unexpected(lied(u"holds more than"_s));
        if (outcome == Outcome::Damaged)
            return std::unexpected(corrupt(name + u": compressed data is damaged"_s));
        if (out.size() != entry.size)
            return std::unexpected(lied(u"holds "_s + sizeText(out.size()) + u", not"_s));
    }
    if (crc != entry.crc32)
        return std::unexpected(corrupt(name + u": checksum mismatch"_s));
    return out;
}

} // namespace model
