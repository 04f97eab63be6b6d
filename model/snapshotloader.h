#pragma once
// Reads a stored snapshot version back into the engine's in-memory form: all of it
// (to re-score), or only the rows one item needs (to explain it in milliseconds on a
// store of a million SKU-locations). Rows keep their file order either way, so the
// engine sees exactly what it saw at import. Internal to model/.

#include "engine/snapshot.h"
#include "model/error.h"

#include <QtGlobal>

#include <string_view>

struct sqlite3;

namespace model {

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

private:
    Result<void> loadManifest(qint64 version);
    Result<void> loadTables(qint64 version, const QByteArray &items);

    sqlite3 *m_db;
    engine::Snapshot m_snapshot;
    /// Rows of each table in the version (from the snapshots row).
    struct Counts {
        qint64 locations = 0, items = 0, suppliers = 0, customers = 0, itemLocations = 0,
               salesOrders = 0, purchaseOrders = 0, transfers = 0, lanes = 0, forecast = 0;
    } m_counts;
};

} // namespace model
