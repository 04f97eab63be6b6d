#pragma once
// The snapshot versions of a workbench database: which one is current, all of them,
// and the ids of the current one a planner can pick from. It also keeps the last
// snapshot read or imported whole (versions never change once stored), so that
// re-scoring with other weights does not read a million rows again.

#include "engine/core/snapshot.h"
#include "model/error.h"
#include "model/snapshots/snapshotinfo.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace model {

class Store;

/// The snapshot versions in the store (Workbench::snapshots()).
class SnapshotCatalog
{
public:
    explicit SnapshotCatalog(Store &store)
        : m_store(store)
    { }
    SnapshotCatalog(const SnapshotCatalog &) = delete;
    SnapshotCatalog &operator=(const SnapshotCatalog &) = delete;

    /// The current snapshot (highest version), if any.
    Result<std::optional<SnapshotInfo>> current();
    /// The current snapshot, or a BadInput error asking for an import when there is none.
    Result<SnapshotInfo> requireCurrent();
    /// Every snapshot version, in import order.
    Result<std::vector<SnapshotInfo>> list();

    /// Every item id of the current snapshot, exception or not, in id order (empty
    /// when no snapshot is loaded): what a "why not?" lookup can pick from.
    Result<QStringList> itemIds();
    /// Every location id of the current snapshot, in id order (empty when none).
    Result<QStringList> locationIds();

    /// The whole of a snapshot version, from memory when this catalogue has it.
    Result<std::shared_ptr<const engine::Snapshot>> whole(const SnapshotInfo &info);
    /// Keeps `snapshot`, just stored as `info`, for whole().
    void keep(std::shared_ptr<const engine::Snapshot> snapshot, const SnapshotInfo &info);
    /// The rows engine::analyse needs for any SKU-location of one item of `version`.
    Result<engine::Snapshot> itemRows(qint64 version, const QString &itemId);

private:
    /// Every value of `column` in `table` for the current snapshot, in id order.
    Result<QStringList> currentIds(std::string_view table, std::string_view column);

    Store &m_store;
    std::shared_ptr<const engine::Snapshot> m_snapshot;
    qint64 m_snapshotVersion = 0;
    QString m_snapshotImportedAt;
};

} // namespace model
