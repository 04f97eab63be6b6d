#pragma once
// Reads a stored snapshot version back into the engine's in-memory form: all of it
// (to re-score), or only what one item needs (to explain it in milliseconds on a
// store of a million SKU-locations). Rows keep their file order either way, so the
// engine sees exactly what it saw at import. Internal to model/.

#include "engine/core/snapshot.h"
#include "model/error.h"

#include <QByteArray>
#include <QtGlobal>

#include <functional>
#include <string_view>
#include <vector>

struct sqlite3;

namespace engine {
struct ItemRows;
}

namespace model {

class Statement;
namespace rows {
struct RowSeal;
}

class SnapshotLoader
{
public:
    explicit SnapshotLoader(sqlite3 *db)
        : m_db(db)
    { }

    /// Every row of `version`, indexed.
    Result<engine::Snapshot> loadAll(qint64 version);

    /// What engine::analyse needs for any SKU-location of `itemId`: the item and its
    /// substitute group, all their SKU-locations, orders, receipts, transfers and
    /// forecast; every location and lane; the suppliers and customers those rows
    /// name. Indexed. Error::BadInput when the item is not in the snapshot.
    Result<engine::Snapshot> loadItem(qint64 version, std::string_view itemId);

    /// The step of the schema 4 -> 5 migration that reads every stored version from
    /// its row tables and writes its item blocks (run inside the migration's
    /// transaction, before the row tables are dropped).
    static Result<void> convertRowsToBlocks(sqlite3 *db);

private:
    Result<void> loadManifest();
    // The tables kept as rows. With `subset` set, only the rows whose seq or id is in
    // that JSON array, appended in seq order; empty: every row at its seq.
    Result<void> loadLocations(bool keepOnHandTotal);
    Result<void> loadItems(const QByteArray &itemIds, std::vector<qint64> *seqs = nullptr);
    Result<void> loadSuppliers(const QByteArray &seqs);
    Result<void> loadCustomers(const QByteArray &seqs);
    Result<void> loadLanes();
    /// Every item block of m_version, each row placed at its seq; `alongside` runs on
    /// this thread while a second one starts on the blocks.
    Result<void> loadAllBlocks(const std::function<Result<void>()> &alongside);
    /// Schema 4 row tables (the migration only): every SKU-location, order,
    /// receipt, transfer and forecast row of m_version.
    Result<void> loadRowTables();
    /// A SELECT of `columns` for m_version, narrowed by `condition` (with `subset`
    /// bound as ?2) when `subset` is not empty, then ordered by seq.
    Result<Statement> select(
        const QByteArray &columns, const char *condition, const QByteArray &subset) const;
    /// "SELECT `columns`, checksum FROM `table`" (no checksum before schema 7).
    QByteArray sealedColumns(const char *columns, const char *table) const;
    /// How readRows checks a row whose checksum follows `columns` columns.
    rows::RowSeal seal(int columns) const;

    sqlite3 *m_db;
    qint64 m_version = 0;
    /// Whether rows carry checksums to check (all but the schema 4 -> 5 migration).
    bool m_sealed = true;
    engine::Snapshot m_snapshot;
    /// Rows of each table in the version (from the snapshots row).
    struct Counts {
        qint64 locations = 0, items = 0, suppliers = 0, customers = 0, itemLocations = 0,
               salesOrders = 0, purchaseOrders = 0, transfers = 0, lanes = 0, forecast = 0;
    } m_counts;
};

} // namespace model
