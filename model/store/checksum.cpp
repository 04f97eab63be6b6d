#include "model/store/checksum.h"

#include "model/store/statement.h"

#include <sqlite3.h>
#include <zlib.h>

#include <array>
#include <bit>
#include <cstring>

namespace model {

namespace {

enum Tag : unsigned char { Null = 0, Integer = 1, Real = 2, Text = 3, Blob = 4 };

std::array<unsigned char, 8> littleEndian(std::uint64_t v)
{
    std::array<unsigned char, 8> bytes {};
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<unsigned char>(v >> (8 * i));
    return bytes;
}

unsigned long crcOf(unsigned long crc, const void *data, std::size_t size)
{
    return crc32_z(crc, static_cast<const Bytef *>(data), size);
}

/// The CRC of one chunk: the key and the chunk's index, then its bytes.
std::uint32_t chunkCrc(
    std::int64_t runId, std::int64_t format, std::size_t index, std::string_view chunk)
{
    ValueChecksum key;
    key.addInt(runId);
    key.addInt(format);
    key.addInt(std::int64_t(index));
    return std::uint32_t(crcOf(std::uint32_t(key.value()), chunk.data(), chunk.size()));
}

std::string_view blobOf(sqlite3_value *value)
{
    const auto *data = static_cast<const char *>(sqlite3_value_blob(value));
    const int size = sqlite3_value_bytes(value);
    return data ? std::string_view(data, std::size_t(size)) : std::string_view {};
}

void checksumFunction(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    ValueChecksum sum;
    for (int i = 0; i < argc; ++i)
        sum.add(argv[i]);
    sqlite3_result_int64(context, sum.value());
}

void chunkChecksumsFunction(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    if (argc != 3) {
        sqlite3_result_error(context, "pwb_chunk_checksums takes 3 arguments", -1);
        return;
    }
    const std::string sums = chunkChecksums(
        sqlite3_value_int64(argv[0]), sqlite3_value_int64(argv[1]), blobOf(argv[2]));
    sqlite3_result_blob64(context, sums.data(), sums.size(), SQLITE_TRANSIENT);
}

} // namespace

void ValueChecksum::tagged(unsigned char tag, const void *data, std::size_t size)
{
    m_crc = crcOf(m_crc, &tag, 1);
    if (size > 0)
        m_crc = crcOf(m_crc, data, size);
}

void ValueChecksum::addNull()
{
    tagged(Null, nullptr, 0);
}

void ValueChecksum::addInt(std::int64_t value)
{
    const auto bytes = littleEndian(std::uint64_t(value));
    tagged(Integer, bytes.data(), bytes.size());
}

void ValueChecksum::addDouble(double value)
{
    const auto bytes = littleEndian(std::bit_cast<std::uint64_t>(value));
    tagged(Real, bytes.data(), bytes.size());
}

void ValueChecksum::addText(std::string_view text)
{
    const auto length = littleEndian(text.size());
    tagged(Text, length.data(), length.size());
    m_crc = crcOf(m_crc, text.data(), text.size());
}

void ValueChecksum::addBlob(std::string_view bytes)
{
    const auto length = littleEndian(bytes.size());
    tagged(Blob, length.data(), length.size());
    m_crc = crcOf(m_crc, bytes.data(), bytes.size());
}

void ValueChecksum::add(sqlite3_value *value)
{
    switch (sqlite3_value_type(value)) {
    case SQLITE_INTEGER:
        addInt(sqlite3_value_int64(value));
        break;
    case SQLITE_FLOAT:
        addDouble(sqlite3_value_double(value));
        break;
    case SQLITE_TEXT: {
        const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(value));
        addText(text ? std::string_view(text, std::size_t(sqlite3_value_bytes(value)))
                     : std::string_view {});
        break;
    }
    case SQLITE_BLOB:
        addBlob(blobOf(value));
        break;
    default:
        addNull();
        break;
    }
}

qint64 rowChecksum(const Statement &st, std::int64_t key, int first, int count)
{
    ValueChecksum sum;
    sum.addInt(key);
    for (int c = first; c < first + count; ++c)
        sum.add(sqlite3_column_value(st.handle(), c));
    return sum.value();
}

bool rowIntact(const Statement &st, std::int64_t key, int first, int count, int checksumColumn)
{
    return sqlite3_column_type(st.handle(), checksumColumn) == SQLITE_INTEGER
        && st.columnInt(checksumColumn) == rowChecksum(st, key, first, count);
}

bool registerChecksumFunctions(sqlite3 *db)
{
    constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;
    return sqlite3_create_function_v2(
               db, "pwb_checksum", -1, flags, nullptr, checksumFunction, nullptr, nullptr, nullptr)
        == SQLITE_OK
        && sqlite3_create_function_v2(db, "pwb_chunk_checksums", 3, flags, nullptr,
               chunkChecksumsFunction, nullptr, nullptr, nullptr)
        == SQLITE_OK;
}

std::string chunkChecksums(std::int64_t runId, std::int64_t format, std::string_view image)
{
    std::string out;
    const std::size_t chunks = (image.size() + kChecksumChunk - 1) / kChecksumChunk;
    out.reserve(chunks * 4);
    for (std::size_t i = 0; i < chunks; ++i) {
        const std::uint32_t crc
            = chunkCrc(runId, format, i, image.substr(i * kChecksumChunk, kChecksumChunk));
        for (int b = 0; b < 4; ++b)
            out.push_back(char(crc >> (8 * b)));
    }
    return out;
}

bool chunkIntact(std::int64_t runId, std::int64_t format, std::size_t index, std::string_view chunk,
    std::string_view checksums)
{
    if (index >= checksums.size() / 4)
        return false;
    std::uint32_t stored = 0;
    for (int b = 0; b < 4; ++b)
        stored |= std::uint32_t(std::uint8_t(checksums[index * 4 + std::size_t(b)])) << (8 * b);
    return stored == chunkCrc(runId, format, index, chunk);
}

bool checksumsFit(std::string_view checksums, std::uint64_t size)
{
    return checksums.size() == (size + kChecksumChunk - 1) / kChecksumChunk * 4;
}

qint64 itemBlockChecksum(std::int64_t version, std::int64_t itemSeq, std::string_view block)
{
    ValueChecksum sum;
    sum.addInt(version);
    sum.addInt(itemSeq);
    sum.addBlob(block);
    return sum.value();
}

namespace {

Result<void> seal(sqlite3 *db, const char *table, const char *key, const char *columns, qint64 only)
{
    QByteArray sql = QByteArray("UPDATE ") + table + " SET checksum = pwb_checksum(" + key + ", "
        + columns + ")";
    if (only >= 0)
        sql += QByteArray(" WHERE ") + key + " = ?1";
    auto st = Statement::prepare(db, sql.toStdString());
    if (!st)
        return std::unexpected(st.error());
    if (only >= 0)
        st->bindInt(1, only);
    return st->run();
}

} // namespace

Result<void> sealSnapshotRows(sqlite3 *db, qint64 version)
{
    for (auto ok : {seal(db, "snapshots", "version", sealed::kSnapshots, version),
             seal(db, "locations", "snapshot_version", sealed::kLocations, version),
             seal(db, "items", "snapshot_version", sealed::kItems, version),
             seal(db, "suppliers", "snapshot_version", sealed::kSuppliers, version),
             seal(db, "customers", "snapshot_version", sealed::kCustomers, version),
             seal(db, "lanes", "snapshot_version", sealed::kLanes, version)}) {
        if (!ok)
            return ok;
    }
    return {};
}

Result<void> sealRunRows(sqlite3 *db, qint64 runId)
{
    return seal(db, "score_runs", "run_id", sealed::kRuns, runId);
}

Result<void> sealAll(sqlite3 *db)
{
    for (auto ok :
        {sealSnapshotRows(db, -1), sealRunRows(db, -1),
            execSql(db,
                "UPDATE item_blocks SET checksum = pwb_checksum(snapshot_version, item_seq, "
                "block);"
                "UPDATE run_queues SET checksums = pwb_chunk_checksums(run_id, format, queue);")}) {
        if (!ok)
            return ok;
    }
    return {};
}

} // namespace model
