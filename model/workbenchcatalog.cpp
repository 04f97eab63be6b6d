// The ids a planner can pick from in the current snapshot (Workbench::itemIds and
// Workbench::locationIds), read straight from the snapshot tables so that items
// and locations raising no exception are offered too.

#include "model/store/statement.h"
#include "model/store/store.h"
#include "model/workbench.h"

#include <string>

namespace model {

namespace {

/// Every value of `column` in `table` for `version`, in id order. The primary key
/// (snapshot_version, id) serves both the filter and the order.
Result<QStringList> idsOf(
    sqlite3 *db, std::string_view table, std::string_view column, qint64 version)
{
    std::string sql = "SELECT ";
    sql.append(column).append(" FROM ").append(table);
    sql.append(" WHERE snapshot_version = ?1 ORDER BY ").append(column);
    auto st = Statement::prepare(db, sql);
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, version);
    QStringList ids;
    while (st->next())
        ids.append(st->columnString(0));
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return ids;
}

} // namespace

Result<QStringList> Workbench::itemIds()
{
    auto current = currentSnapshot();
    if (!current)
        return std::unexpected(current.error());
    if (!*current)
        return QStringList {};
    return idsOf(m_store->handle(), "items", "item_id", (*current)->version);
}

Result<QStringList> Workbench::locationIds()
{
    auto current = currentSnapshot();
    if (!current)
        return std::unexpected(current.error());
    if (!*current)
        return QStringList {};
    return idsOf(m_store->handle(), "locations", "location_id", (*current)->version);
}

} // namespace model
