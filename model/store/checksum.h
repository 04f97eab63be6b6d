#pragma once
// Checksums of what the store keeps, so that a damaged database file gives a clear
// error instead of different results. SQLite checks the structure of its b-trees
// when it walks them, but not the values in them: a flipped bit in a number, an id
// or a blob reads back as another valid value. Internal to model/.
//
// Every checksum is zlib's CRC-32 (already linked for the zip reader) over the
// values of a row in a fixed column order, each with its type, after a key that
// names the row (snapshot version, run id): a row copied or moved to another key
// fails too. CRC-32 finds every error of up to three bits in any blob below 2^32
// bits and every burst of up to 32 bits; anything else escapes it with a chance of
// one in 2^32. That is enough for damage from disks, memory or a bad copy. It is
// no defence against someone who edits the file on purpose: they can write a
// matching checksum too.

#include "model/error.h"

#include <QByteArray>
#include <QtGlobal>

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;
struct sqlite3_value;

namespace model {

class Statement;

/// CRC-32 over typed values: each adds a type tag and its bytes (numbers as 8 bytes,
/// text and blobs after their length), so ("ab", "c") and ("a", "bc") differ, and so
/// do 1 and 1.0.
class ValueChecksum
{
public:
    void addNull();
    void addInt(std::int64_t value);
    void addDouble(double value);
    void addText(std::string_view text);
    void addBlob(std::string_view bytes);
    void add(sqlite3_value *value);
    /// The checksum as the store keeps it (an INTEGER column, 0 .. 2^32 - 1).
    qint64 value() const { return qint64(m_crc); }

private:
    void tagged(unsigned char tag, const void *data, std::size_t size);
    unsigned long m_crc = 0;
};

/// The checksum of `key` and then columns [first, first + count) of the row `st`
/// is on.
qint64 rowChecksum(const Statement &st, std::int64_t key, int first, int count);

/// Whether the row `st` is on matches the checksum in its column `checksumColumn`
/// (a NULL checksum never does): rowChecksum(st, key, first, count).
bool rowIntact(const Statement &st, std::int64_t key, int first, int count, int checksumColumn);

/// Registers on `db` the SQL functions that seal rows (migrations and writers):
/// pwb_checksum(key, v1, v2, ...) is rowChecksum of its arguments, and
/// pwb_chunk_checksums(run_id, format, image) is chunkChecksums() as a blob.
bool registerChecksumFunctions(sqlite3 *db);

/// Queue images are checked in chunks, so that finding one exception reads a few
/// chunks of a large image instead of all of it.
inline constexpr std::size_t kChecksumChunk = 4096;

/// The CRC-32 of each kChecksumChunk bytes of `image` (after the key `runId`,
/// `format` and the chunk's index), 4 bytes each, little-endian.
std::string chunkChecksums(std::int64_t runId, std::int64_t format, std::string_view image);

/// Whether chunk `index` of an image (`chunk` holds its bytes) matches `checksums`.
bool chunkIntact(std::int64_t runId, std::int64_t format, std::size_t index, std::string_view chunk,
    std::string_view checksums);

/// Whether `checksums` has one entry per chunk of an image of `size` bytes.
bool checksumsFit(std::string_view checksums, std::uint64_t size);

/// The columns whose values each sealed table's `checksum` covers, in this order,
/// after the key (`version` of snapshots, `run_id` of score_runs, `snapshot_version`
/// of the others). A reader selects them in this order, then `checksum`.
namespace sealed {
inline constexpr const char *kSnapshots
    = "snapshot_id, format, as_of, currency, source_system, extracted_at, imported_at, "
      "source_path, location_count, item_count, supplier_count, customer_count, "
      "item_location_count, sales_order_count, purchase_order_count, transfer_count, "
      "lane_count, forecast_count";
inline constexpr int kSnapshotCount = 18;
inline constexpr const char *kLocations = "seq, location_id, name, type, region, "
                                          "storage_capacity, inbound_capacity_per_day, "
                                          "on_hand_total";
inline constexpr const char *kItems = "seq, item_id, description, unit_cost, unit_price, "
                                      "abc_class, shelf_life_days, substitute_group";
inline constexpr const char *kSuppliers = "seq, supplier_id, name, lead_time_days, "
                                          "lead_time_std_days, on_time_rate, "
                                          "expedite_cost_per_unit, expedite_max_days";
inline constexpr const char *kCustomers = "seq, customer_id, name, tier, late_penalty_per_unit_day";
inline constexpr const char *kLanes = "seq, from_location_id, to_location_id, transit_days, "
                                      "cost_per_unit, fixed_cost, capacity_per_day, active";
inline constexpr const char *kRuns = "snapshot_version, scoring_version, policy_hash, "
                                     "policy_json, created_at, exception_count, total_score";
inline constexpr int kRunCount = 7;
} // namespace sealed

/// Schema 6 -> 7: the checksum columns, checked on every read, so that a damaged file
/// is an error and never another result. sealAll() fills them; a row without one
/// reads as damaged.
inline constexpr const char *kChecksumSchema = R"sql(
ALTER TABLE snapshots ADD COLUMN checksum INTEGER;
ALTER TABLE locations ADD COLUMN checksum INTEGER;
ALTER TABLE items ADD COLUMN checksum INTEGER;
ALTER TABLE suppliers ADD COLUMN checksum INTEGER;
ALTER TABLE customers ADD COLUMN checksum INTEGER;
ALTER TABLE lanes ADD COLUMN checksum INTEGER;
ALTER TABLE item_blocks ADD COLUMN checksum INTEGER;
ALTER TABLE score_runs ADD COLUMN checksum INTEGER;
-- The queue image is checked in chunks (a CRC-32 per 4 KiB), so finding one
-- exception still reads only a few chunks of it.
ALTER TABLE run_queues ADD COLUMN checksums BLOB;
)sql";

/// The end of schema 6 -> 7: the checksum of every row, block and image in the file.
/// What they held before is taken as it is: a block or an image that was already
/// damaged stays damaged (its decoder still refuses what does not fit), and from here
/// on any change to it is found.
Result<void> sealAll(sqlite3 *db);

/// The checksum of an item block as its row keeps it: the snapshot version, the
/// item's seq, the block.
qint64 itemBlockChecksum(std::int64_t version, std::int64_t itemSeq, std::string_view block);

/// Writes the checksums of the rows kept per snapshot (the snapshots row, locations,
/// items, suppliers, customers, lanes) of `version`, or of every version when
/// `version` is negative. Runs in the caller's transaction, on a connection with
/// registerChecksumFunctions().
Result<void> sealSnapshotRows(sqlite3 *db, qint64 version);

/// Writes the checksum of the score_runs row of `runId`, or of every run when
/// `runId` is negative.
Result<void> sealRunRows(sqlite3 *db, qint64 runId);

} // namespace model
