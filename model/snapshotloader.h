#pragma once
// Reads a stored snapshot version back into the engine's in-memory form: all of it
// (to re-score), or only the rows one item needs (to explain it in milliseconds on a
// store of a million SKU-locations). Rows keep their file order either way, so the
// engine sees exactly what it saw at import. Internal to model/.

#include "engine/snapshot.h"
#include "model/error.h"

#include <QByteArray>
#include <QtGlobal>

#include <optional>
#include <string_view>

struct sqlite3;

namespace model {

class Statement;

class SnapshotLoader
{
public:
    explicit SnapshotLoader(sqlite3 *db)
        : m_db(db)
    { }

    /// Every row of `version`, indexed: from the version's stored image when it has a
    /// readable one of this build's format, else from the rows.
    Result<engine::Snapshot> loadAll(qint64 version);

    /// What engine::analyse needs for any SKU-location of `itemId`: the item and its
    /// substitute group, all their SKU-locations, orders, receipts, transfers and
    /// forecast; every location and lane; the suppliers and customers those rows
    /// name. Indexed. Error::BadInput when the item is not in the snapshot.
    Result<engine::Snapshot> loadItem(qint64 version, std::string_view itemId);

private:
    Result<void> loadManifest();
    /// The version's image, when it has one that reads back whole and holds as many
    /// rows as the snapshots row says; nullopt otherwise (then the rows are read).
    std::optional<engine::Snapshot> loadImage();
    // Each reads some tables of m_version through `db`: all rows, or with m_items
    // set, those of the items it lists.
    Result<void> loadMasters(sqlite3 *db);
    Result<void> loadItemLocations(sqlite3 *db);
    Result<void> loadOrders(sqlite3 *db);
    /// A SELECT of `columns` for m_version, narrowed by `subsetCondition` (bound to
    /// m_items as ?2) when loading one item; null: the whole table in both cases.
    Result<Statement> select(sqlite3 *db, const char *columns, const char *subsetCondition) const;
    /// The row count to expect: the stored total, or -1 when filtered.
    qint64 expected(qint64 total, const char *subsetCondition) const;

    sqlite3 *m_db;
    qint64 m_version = 0;
    QByteArray m_items; ///< JSON array of the item ids to load; empty: every row
    engine::Snapshot m_snapshot;
    /// Rows of each table in the version (from the snapshots row).
    struct Counts {
        qint64 locations = 0, items = 0, suppliers = 0, customers = 0, itemLocations = 0,
               salesOrders = 0, purchaseOrders = 0, transfers = 0, lanes = 0, forecast = 0;
    } m_counts;
};

} // namespace model
