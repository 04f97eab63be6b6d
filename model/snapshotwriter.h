#pragma once
// Writes a parsed snapshot into the store as a new version: the `snapshots` row and
// every row of every file, through prepared statements bound with typed values.
// Internal to model/; runs inside the caller's write transaction.

#include "engine/snapshot.h"
#include "model/error.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <string_view>

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

    /// Stores `image` (engine::writeSnapshotImage of the snapshot written as
    /// `version`) for SnapshotLoader::loadAll to read instead of the rows.
    Result<void> writeImage(qint64 version, std::string_view image);

private:
    sqlite3 *m_db;
};

} // namespace model
