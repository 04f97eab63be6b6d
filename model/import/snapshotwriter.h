#pragma once
// Writes a parsed snapshot into the store as a new version: the `snapshots` row, a
// row per location, item, supplier, customer and lane (prepared statements bound
// with typed values), and one block per item holding that item's SKU-locations,
// orders, receipts, transfers and forecast (engine/itemblock.h), every row with its
// checksum (model/store/checksum.h). Internal to model/; runs inside the caller's
// write transaction.

#include "engine/core/snapshot.h"
#include "model/error.h"

#include <QString>

#include <cstdint>
#include <functional>

struct sqlite3;

namespace model {

class SnapshotWriter
{
public:
    /// Called every few thousand rows with the rows written so far; returning false
    /// stops the write with Error::Cancelled.
    using RowsWritten = std::function<bool(std::int64_t rows)>;

    explicit SnapshotWriter(sqlite3 *db)
        : m_db(db)
    { }

    /// Rows of every table of the snapshot, for progress totals.
    static std::int64_t rowCount(const engine::Snapshot &snapshot);

    Result<void> write(qint64 version, const engine::Snapshot &snapshot, const QString &sourcePath,
        const QString &importedAt, const RowsWritten &onRows = {});

    /// Writes the item blocks of `snapshot` as `version`, adding the rows they hold
    /// to `written` (the schema migration that replaced row tables by blocks calls
    /// this alone, without checksums: schema 5 had none).
    Result<void> writeBlocks(qint64 version, const engine::Snapshot &snapshot,
        std::int64_t &written, const RowsWritten &onRows = {}, bool withChecksums = true);

private:
    sqlite3 *m_db;
};

} // namespace model
