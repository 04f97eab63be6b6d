#include "model/snapshots/snapshotcatalog.h"

#include "model/snapshots/snapshotloader.h"
#include "model/store/checksum.h"
#include "model/store/statement.h"
#include "model/store/store.h"

#include <string>

using namespace Qt::StringLiterals;

namespace model {

namespace {

/// "SELECT version, <the sealed columns>, checksum FROM snapshots".
QByteArray snapshotColumns()
{
    return QByteArray("SELECT version, ") + sealed::kSnapshots + ", checksum FROM snapshots";
}

Result<SnapshotInfo> readSnapshotInfo(const Statement &st)
{
    SnapshotInfo info;
    info.version = st.columnInt(0);
    if (!rowIntact(st, info.version, 1, sealed::kSnapshotCount, 1 + sealed::kSnapshotCount)) {
        return std::unexpected(Error {Error::Database,
            u"The workbench database is damaged: the row of snapshot version "_s
                + QString::number(info.version)
                + u" in table snapshots does not match its checksum. Import the snapshot again "
                  u"(pwb import) to store a sound copy."_s,
            {}});
    }
    info.snapshotId = st.columnString(1);
    info.asOf = st.columnDate(3).value_or(engine::kNoDate);
    info.currency = st.columnString(4);
    info.sourceSystem = st.columnString(5);
    info.importedAt = st.columnString(7);
    info.itemLocationCount = st.columnInt(13);
    return info;
}

} // namespace

Result<std::optional<SnapshotInfo>> SnapshotCatalog::current()
{
    const QByteArray sql = snapshotColumns() + " ORDER BY version DESC LIMIT 1";
    auto st = Statement::prepare(m_store.handle(), sql.toStdString());
    if (!st)
        return std::unexpected(st.error());
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
        return std::nullopt;
    }
    auto info = readSnapshotInfo(*st);
    if (!info)
        return std::unexpected(info.error());
    return *info;
}

Result<SnapshotInfo> SnapshotCatalog::requireCurrent()
{
    auto current = this->current();
    if (!current)
        return std::unexpected(current.error());
    if (!*current) {
        return std::unexpected(Error {Error::BadInput,
            u"The database holds no snapshot yet; import one first (pwb import <folder or .zip>)."_s,
            {}});
    }
    return **current;
}

Result<std::vector<SnapshotInfo>> SnapshotCatalog::list()
{
    const QByteArray sql = snapshotColumns() + " ORDER BY version";
    auto st = Statement::prepare(m_store.handle(), sql.toStdString());
    if (!st)
        return std::unexpected(st.error());
    std::vector<SnapshotInfo> infos;
    while (st->next()) {
        auto info = readSnapshotInfo(*st);
        if (!info)
            return std::unexpected(info.error());
        infos.push_back(*info);
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return infos;
}

// The ids are read straight from the snapshot tables, so that items and locations
// raising no exception are offered too.
Result<QStringList> SnapshotCatalog::itemIds()
{
    return currentIds("items", "item_id");
}

Result<QStringList> SnapshotCatalog::locationIds()
{
    return currentIds("locations", "location_id");
}

Result<QStringList> SnapshotCatalog::currentIds(std::string_view table, std::string_view column)
{
    auto current = this->current();
    if (!current)
        return std::unexpected(current.error());
    if (!*current)
        return QStringList {};
    // The primary key (snapshot_version, id) serves both the filter and the order.
    std::string sql = "SELECT ";
    sql.append(column).append(" FROM ").append(table);
    sql.append(" WHERE snapshot_version = ?1 ORDER BY ").append(column);
    auto st = Statement::prepare(m_store.handle(), sql);
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, (*current)->version);
    QStringList ids;
    while (st->next())
        ids.append(st->columnString(0));
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return ids;
}

Result<std::shared_ptr<const engine::Snapshot>> SnapshotCatalog::whole(const SnapshotInfo &info)
{
    if (m_snapshot && m_snapshotVersion == info.version && m_snapshotImportedAt == info.importedAt)
        return m_snapshot;
    m_snapshot.reset(); // free the old one before loading the next
    SnapshotLoader loader(m_store.handle());
    auto loaded = loader.loadAll(info.version);
    if (!loaded)
        return std::unexpected(loaded.error());
    keep(std::make_shared<const engine::Snapshot>(std::move(*loaded)), info);
    return m_snapshot;
}

void SnapshotCatalog::keep(
    std::shared_ptr<const engine::Snapshot> snapshot, const SnapshotInfo &info)
{
    m_snapshot = std::move(snapshot);
    m_snapshotVersion = info.version;
    m_snapshotImportedAt = info.importedAt;
}

Result<engine::Snapshot> SnapshotCatalog::itemRows(qint64 version, const QString &itemId)
{
    SnapshotLoader loader(m_store.handle());
    return loader.loadItem(version, itemId.toStdString());
}

} // namespace model
