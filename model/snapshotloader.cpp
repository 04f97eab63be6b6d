#include "snapshotloader.h"

#include "snapshotcodes.h"
#include "statement.h"

#include "engine/snapshotimage.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <sqlite3.h>

#include <future>
#include <limits>
#include <memory>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;

namespace model {

namespace {

using engine::Index;

/// Which rows of a per-item table one item's explanation needs.
constexpr const char *kByItem = "item_id IN (SELECT value FROM json_each(?2))";

Error damaged(const char *table, std::int64_t seq, const char *what)
{
    return Error {Error::Database,
        u"The workbench database is damaged: row "_s + QString::number(seq) + u" of table "_s
            + QString::fromUtf8(table) + u' ' + QString::fromUtf8(what)
            + u". Import the snapshot again into a new database."_s,
        {}};
}

template <class... Columns> void resizeAll(std::size_t n, Columns &...columns)
{
    (columns.resize(n), ...);
}

/// Steps a SELECT whose first column is `seq` and places each row at its position in
/// the file. A whole table (expected >= 0) arrives in key order and goes to index
/// `seq`; a filtered one (expected < 0) arrives ordered by seq and is appended.
/// `resize(n)` sizes every column vector; `fill(pos)` reads the row, false when it
/// refers to an id that is not loaded.
template <class Resize, class Fill>
Result<void> readRows(
    Statement &st, const char *table, std::int64_t expected, Resize resize, Fill fill)
{
    std::size_t capacity = expected >= 0 ? std::size_t(expected) : 0;
    resize(capacity);
    std::size_t count = 0;
    while (st.next()) {
        const std::int64_t seq = st.columnInt(0);
        std::size_t pos = count;
        if (expected >= 0) {
            if (seq < 0 || seq >= expected)
                return std::unexpected(damaged(table, seq, "is out of sequence"));
            pos = std::size_t(seq);
        } else if (pos >= capacity) {
            capacity = std::max<std::size_t>(16, capacity * 2);
            resize(capacity);
        }
        if (!fill(pos))
            return std::unexpected(damaged(table, seq, "refers to an id that is not stored"));
        ++count;
    }
    if (auto ok = st.status(); !ok)
        return ok;
    if (expected < 0)
        resize(count);
    else if (count != std::size_t(expected))
        return std::unexpected(damaged(table, std::int64_t(count), "count does not match"));
    return {};
}

/// Interns ids read at their file positions, so indexes come out as the parser made them.
bool internAll(engine::IdTable &table, const std::vector<std::string> &ids)
{
    table.reserve(ids.size());
    for (const auto &id : ids) {
        if (table.intern(id) != table.size() - 1)
            return false; // a repeated key
    }
    return true;
}

/// The index of a stored id that must be loaded.
bool resolve(const engine::IdTable &table, std::string_view id, Index &out)
{
    out = table.find(id);
    return out != engine::kNone;
}

/// Like resolve(), for a column that may be NULL (kNone then).
bool resolveOptional(const engine::IdTable &table, std::string_view id, Index &out)
{
    if (id.empty()) {
        out = engine::kNone;
        return true;
    }
    return resolve(table, id, out);
}

/// Row-table dates are day numbers since 1970-01-01 (schema 4), NULL when not given.
bool readDate(const Statement &st, int column, engine::Date &out)
{
    switch (sqlite3_column_type(st.handle(), column)) {
    case SQLITE_NULL:
        out = engine::kNoDate;
        return true;
    case SQLITE_INTEGER: {
        const sqlite3_int64 day = sqlite3_column_int64(st.handle(), column);
        if (day <= engine::kNoDate || day > std::numeric_limits<engine::Date>::max())
            return false;
        out = engine::Date(day);
        return true;
    }
    default:
        return false;
    }
}

} // namespace

Result<engine::Snapshot> SnapshotLoader::loadAll(qint64 version)
{
    m_snapshot = {};
    m_version = version;
    m_items.clear();
    if (auto ok = loadManifest(); !ok)
        return std::unexpected(ok.error());
    if (auto image = loadImage())
        return std::move(*image);
    if (auto ok = loadMasters(m_db); !ok)
        return std::unexpected(ok.error());

    // The SKU-location rows, the largest table, are read on a second (read-only)
    // connection while this one reads the orders: SQLite steps one statement per
    // connection at a time, and the two halves take about as long. The rows go into
    // separate vectors; the master id tables are only read from here on.
    struct Reader {
        sqlite3 *db = nullptr;
        ~Reader() { sqlite3_close(db); }
    };
    auto reader = std::make_shared<Reader>();
    const char *path = sqlite3_db_filename(m_db, "main");
    const bool parallel = path && *path
        && sqlite3_open_v2(path, &reader->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr)
            == SQLITE_OK;
    std::future<Result<void>> itemLocations;
    if (parallel) {
        sqlite3_busy_timeout(reader->db, 10'000);
        itemLocations = std::async(
            std::launch::async, [this, reader] { return loadItemLocations(reader->db); });
    }
    auto orders = loadOrders(m_db);
    auto rows = parallel ? itemLocations.get() : loadItemLocations(m_db);
    if (!orders)
        return std::unexpected(orders.error());
    if (!rows)
        return std::unexpected(rows.error());
    m_snapshot.index();
    return std::move(m_snapshot);
}

Result<engine::Snapshot> SnapshotLoader::loadItem(qint64 version, std::string_view itemId)
{
    m_snapshot = {};
    m_version = version;
    m_items.clear();
    if (auto ok = loadManifest(); !ok)
        return std::unexpected(ok.error());

    auto group = Statement::prepare(
        m_db, "SELECT substitute_group FROM items WHERE snapshot_version = ?1 AND item_id = ?2");
    if (!group)
        return std::unexpected(group.error());
    group->bindInt(1, version);
    group->bindTextNotNull(2, itemId);
    if (!group->next()) {
        if (auto ok = group->status(); !ok)
            return std::unexpected(ok.error());
        return std::unexpected(Error {Error::BadInput,
            u"Item \""_s + QString::fromUtf8(itemId.data(), qsizetype(itemId.size()))
                + u"\" is not in snapshot version "_s + QString::number(version) + u'.',
            {}});
    }
    QJsonArray items {QString::fromUtf8(itemId.data(), qsizetype(itemId.size()))};
    if (!group->isNull(0)) {
        auto members = Statement::prepare(m_db,
            "SELECT item_id FROM items WHERE snapshot_version = ?1 AND substitute_group = ?2 "
            "AND item_id <> ?3");
        if (!members)
            return std::unexpected(members.error());
        members->bindInt(1, version);
        members->bindTextNotNull(2, group->columnText(0));
        members->bindTextNotNull(3, itemId);
        while (members->next())
            items.append(members->columnString(0));
        if (auto ok = members->status(); !ok)
            return std::unexpected(ok.error());
    }
    m_items = QJsonDocument(items).toJson(QJsonDocument::Compact);
    for (auto load : {&SnapshotLoader::loadMasters, &SnapshotLoader::loadItemLocations,
             &SnapshotLoader::loadOrders}) {
        if (auto ok = (this->*load)(m_db); !ok)
            return std::unexpected(ok.error());
    }
    m_snapshot.index();
    return std::move(m_snapshot);
}

Result<void> SnapshotLoader::loadManifest()
{
    const qint64 version = m_version;
    auto st = Statement::prepare(m_db,
        "SELECT format, snapshot_id, as_of, currency, source_system, extracted_at, "
        "location_count, item_count, supplier_count, customer_count, item_location_count, "
        "sales_order_count, purchase_order_count, transfer_count, lane_count, forecast_count "
        "FROM snapshots WHERE version = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, version);
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return ok;
        return std::unexpected(Error {Error::BadInput,
            u"There is no snapshot version "_s + QString::number(version) + u" in the database."_s,
            {}});
    }
    auto &m = m_snapshot.manifest;
    m.format = st->columnText(0);
    m.snapshotId = st->columnText(1);
    m.asOf = st->columnDate(2).value_or(engine::kNoDate);
    m.currency = st->columnText(3);
    m.sourceSystem = st->columnText(4);
    m.extractedAt = st->columnText(5);
    if (m.asOf == engine::kNoDate)
        return std::unexpected(damaged("snapshots", version, "has no valid as_of date"));
    m_counts = {st->columnInt(6), st->columnInt(7), st->columnInt(8), st->columnInt(9),
        st->columnInt(10), st->columnInt(11), st->columnInt(12), st->columnInt(13),
        st->columnInt(14), st->columnInt(15)};
    return {};
}

std::optional<engine::Snapshot> SnapshotLoader::loadImage()
{
    // Anything short of a whole image of this format is not an error: the rows hold
    // the same snapshot, only slower to read.
    auto st = Statement::prepare(
        m_db, "SELECT format, image FROM snapshot_images WHERE snapshot_version = ?1");
    if (!st)
        return std::nullopt;
    st->bindInt(1, m_version);
    if (!st->next() || st->columnInt(0) != engine::kSnapshotImageFormat)
        return std::nullopt;
    const void *data = sqlite3_column_blob(st->handle(), 1);
    const int size = sqlite3_column_bytes(st->handle(), 1);
    if (!data || size <= 0)
        return std::nullopt;
    auto image = engine::readSnapshotImage(
        std::string_view(static_cast<const char *>(data), std::size_t(size)));
    if (!image)
        return std::nullopt;
    const engine::Snapshot &s = *image;
    const Counts c = m_counts;
    if (s.locations.size() != c.locations || s.items.size() != c.items
        || s.suppliers.size() != c.suppliers || s.customers.size() != c.customers
        || s.itemLocations.size() != c.itemLocations || s.salesOrders.size() != c.salesOrders
        || s.purchaseOrders.size() != c.purchaseOrders || s.transfers.size() != c.transfers
        || s.lanes.size() != c.lanes || s.forecast.size() != c.forecast
        || s.manifest.snapshotId != m_snapshot.manifest.snapshotId
        || s.manifest.asOf != m_snapshot.manifest.asOf)
        return std::nullopt;
    return image;
}

Result<Statement> SnapshotLoader::select(
    sqlite3 *db, const char *columns, const char *subsetCondition) const
{
    const bool subset = !m_items.isEmpty() && subsetCondition;
    QByteArray sql = QByteArray(columns) + " WHERE snapshot_version = ?1";
    if (subset)
        sql += QByteArray(" AND ") + subsetCondition + " ORDER BY seq";
    auto st = Statement::prepare(db, std::string_view(sql.constData(), std::size_t(sql.size())));
    if (st) {
        st->bindInt(1, m_version);
        if (subset)
            st->bindTextNotNull(
                2, std::string_view(m_items.constData(), std::size_t(m_items.size())));
    }
    return st;
}

qint64 SnapshotLoader::expected(qint64 total, const char *subsetCondition) const
{
    return m_items.isEmpty() || !subsetCondition ? total : qint64(-1);
}

Result<void> SnapshotLoader::loadMasters(sqlite3 *db)
{
    auto &s = m_snapshot;

    // locations
    {
        auto st = select(db,
            "SELECT seq, location_id, name, type, region, storage_capacity, "
            "inbound_capacity_per_day, on_hand_total FROM locations",
            nullptr);
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.locations;
        std::vector<std::string> ids;
        std::vector<double> onHandTotal;
        auto ok = readRows(
            *st, "locations", expected(m_counts.locations, nullptr),
            [&](std::size_t n) {
                resizeAll(n, ids, t.name, t.type, t.region, t.storageCapacity,
                    t.inboundCapacityPerDay, onHandTotal);
            },
            [&](std::size_t r) {
                ids[r] = st->columnText(1);
                t.name[r] = st->columnText(2);
                const auto type = parseLocationType(st->columnText(3));
                t.type[r] = type.value_or(engine::LocationType::Dc);
                t.region[r] = st->columnText(4);
                t.storageCapacity[r] = st->columnDouble(5);
                t.inboundCapacityPerDay[r] = st->columnDouble(6);
                onHandTotal[r] = st->columnDouble(7);
                return type.has_value();
            });
        if (!ok)
            return ok;
        if (!internAll(t.ids, ids))
            return std::unexpected(damaged("locations", 0, "repeats a location id"));
        // Only part of each location's stock is loaded for one item; for a whole
        // snapshot the engine sums it itself.
        if (!m_items.isEmpty())
            t.onHandTotal = std::move(onHandTotal);
    }

    // items
    {
        auto st = select(db,
            "SELECT seq, item_id, description, unit_cost, unit_price, abc_class, "
            "shelf_life_days, substitute_group FROM items",
            kByItem);
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.items;
        std::vector<std::string> ids, groups;
        auto ok = readRows(
            *st, "items", expected(m_counts.items, kByItem),
            [&](std::size_t n) {
                resizeAll(n, ids, groups, t.description, t.unitCost, t.unitPrice, t.abcClass,
                    t.shelfLifeDays, t.substituteGroup);
            },
            [&](std::size_t r) {
                ids[r] = st->columnText(1);
                t.description[r] = st->columnText(2);
                t.unitCost[r] = st->columnDouble(3);
                t.unitPrice[r] = st->columnDouble(4);
                const std::string_view abc = st->columnText(5);
                t.abcClass[r] = abc.empty() ? char(0) : abc.front();
                t.shelfLifeDays[r] = st->columnDouble(6);
                groups[r] = st->columnText(7);
                return true;
            });
        if (!ok)
            return ok;
        if (!internAll(t.ids, ids))
            return std::unexpected(damaged("items", 0, "repeats an item id"));
        for (std::size_t r = 0; r < groups.size(); ++r) {
            t.substituteGroup[r]
                = groups[r].empty() ? engine::kNone : s.substituteGroups.intern(groups[r]);
        }
    }

    // suppliers: all, or those the item's SKU-locations and purchase orders name
    {
        constexpr const char *kNamed
            = "supplier_id IN (SELECT supplier_id FROM item_locations WHERE snapshot_version = "
              "?1 AND item_id IN (SELECT value FROM json_each(?2)) UNION SELECT supplier_id "
              "FROM purchase_orders WHERE snapshot_version = ?1 AND item_id IN (SELECT value "
              "FROM json_each(?2)))";
        auto st = select(db,
            "SELECT seq, supplier_id, name, lead_time_days, lead_time_std_days, "
            "on_time_rate, expedite_cost_per_unit, expedite_max_days FROM suppliers",
            kNamed);
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.suppliers;
        std::vector<std::string> ids;
        auto ok = readRows(
            *st, "suppliers", expected(m_counts.suppliers, kNamed),
            [&](std::size_t n) {
                resizeAll(n, ids, t.name, t.leadTimeDays, t.leadTimeStdDays, t.onTimeRate,
                    t.expediteCostPerUnit, t.expediteMaxDays);
            },
            [&](std::size_t r) {
                ids[r] = st->columnText(1);
                t.name[r] = st->columnText(2);
                t.leadTimeDays[r] = st->columnDouble(3);
                t.leadTimeStdDays[r] = st->columnDouble(4);
                t.onTimeRate[r] = st->columnDouble(5);
                t.expediteCostPerUnit[r] = st->columnDouble(6);
                t.expediteMaxDays[r] = st->columnDouble(7);
                return true;
            });
        if (!ok)
            return ok;
        if (!internAll(t.ids, ids))
            return std::unexpected(damaged("suppliers", 0, "repeats a supplier id"));
    }

    // customers: all, or those on the item's sales orders
    {
        constexpr const char *kNamed
            = "customer_id IN (SELECT customer_id FROM sales_orders WHERE snapshot_version = ?1 "
              "AND item_id IN (SELECT value FROM json_each(?2)))";
        auto st = select(db,
            "SELECT seq, customer_id, name, tier, late_penalty_per_unit_day "
            "FROM customers",
            kNamed);
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.customers;
        std::vector<std::string> ids;
        auto ok = readRows(
            *st, "customers", expected(m_counts.customers, kNamed),
            [&](std::size_t n) { resizeAll(n, ids, t.name, t.tier, t.latePenaltyPerUnitDay); },
            [&](std::size_t r) {
                ids[r] = st->columnText(1);
                t.name[r] = st->columnText(2);
                t.tier[r] = static_cast<std::uint8_t>(st->columnInt(3));
                t.latePenaltyPerUnitDay[r] = st->columnDouble(4);
                return true;
            });
        if (!ok)
            return ok;
        if (!internAll(t.ids, ids))
            return std::unexpected(damaged("customers", 0, "repeats a customer id"));
    }
    return {};
}

Result<void> SnapshotLoader::loadItemLocations(sqlite3 *db)
{
    auto &s = m_snapshot;
    // item_locations
    {
        auto st = select(db,
            "SELECT seq, item_id, location_id, on_hand, allocated, safety_stock, "
            "reorder_point, order_up_to, daily_demand, daily_demand_std, "
            "supplier_id, source_location_id, lead_time_days, lead_time_std_days, "
            "min_order_qty, order_multiple, last_count_date, count_variance_rate "
            "FROM item_locations",
            kByItem);
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.itemLocations;
        auto ok = readRows(
            *st, "item_locations", expected(m_counts.itemLocations, kByItem),
            [&](std::size_t n) {
                resizeAll(n, t.item, t.location, t.onHand, t.allocated, t.safetyStock,
                    t.reorderPoint, t.orderUpTo, t.dailyDemand, t.dailyDemandStd, t.supplier,
                    t.sourceLocation, t.leadTimeDays, t.leadTimeStdDays, t.minOrderQty,
                    t.orderMultiple, t.lastCountDate, t.countVarianceRate);
            },
            [&](std::size_t r) {
                t.onHand[r] = st->columnDouble(3);
                t.allocated[r] = st->columnDouble(4);
                t.safetyStock[r] = st->columnDouble(5);
                t.reorderPoint[r] = st->columnDouble(6);
                t.orderUpTo[r] = st->columnDouble(7);
                t.dailyDemand[r] = st->columnDouble(8);
                t.dailyDemandStd[r] = st->columnDouble(9);
                t.leadTimeDays[r] = st->columnDouble(12);
                t.leadTimeStdDays[r] = st->columnDouble(13);
                t.minOrderQty[r] = st->columnDouble(14);
                t.orderMultiple[r] = st->columnDouble(15);
                t.countVarianceRate[r] = st->columnDouble(17);
                return resolve(s.items.ids, st->columnText(1), t.item[r])
                    && resolve(s.locations.ids, st->columnText(2), t.location[r])
                    && resolveOptional(s.suppliers.ids, st->columnText(10), t.supplier[r])
                    && resolveOptional(s.locations.ids, st->columnText(11), t.sourceLocation[r])
                    && readDate(*st, 16, t.lastCountDate[r]);
            });
        if (!ok)
            return ok;
    }
    return {};
}

Result<void> SnapshotLoader::loadOrders(sqlite3 *db)
{
    auto &s = m_snapshot;
    // sales_orders
    {
        auto st = select(db,
            "SELECT seq, order_id, line, customer_id, item_id, location_id, "
            "qty_open, order_date, due_date, unit_price FROM sales_orders",
            kByItem);
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.salesOrders;
        auto ok = readRows(
            *st, "sales_orders", expected(m_counts.salesOrders, kByItem),
            [&](std::size_t n) {
                resizeAll(n, t.orderId, t.line, t.customer, t.item, t.location, t.qtyOpen,
                    t.orderDate, t.dueDate, t.unitPrice);
            },
            [&](std::size_t r) {
                t.orderId[r] = st->columnText(1);
                t.line[r] = static_cast<std::int32_t>(st->columnInt(2));
                t.qtyOpen[r] = st->columnDouble(6);
                t.unitPrice[r] = st->columnDouble(9);
                return resolve(s.customers.ids, st->columnText(3), t.customer[r])
                    && resolve(s.items.ids, st->columnText(4), t.item[r])
                    && resolve(s.locations.ids, st->columnText(5), t.location[r])
                    && readDate(*st, 7, t.orderDate[r]) && readDate(*st, 8, t.dueDate[r]);
            });
        if (!ok)
            return ok;
    }

    // purchase_orders
    {
        auto st = select(db,
            "SELECT seq, po_id, line, supplier_id, item_id, location_id, "
            "qty_open, order_date, expected_date, promised_date, status "
            "FROM purchase_orders",
            kByItem);
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.purchaseOrders;
        auto ok = readRows(
            *st, "purchase_orders", expected(m_counts.purchaseOrders, kByItem),
            [&](std::size_t n) {
                resizeAll(n, t.poId, t.line, t.supplier, t.item, t.location, t.qtyOpen, t.orderDate,
                    t.expectedDate, t.promisedDate, t.status);
            },
            [&](std::size_t r) {
                t.poId[r] = st->columnText(1);
                t.line[r] = static_cast<std::int32_t>(st->columnInt(2));
                t.qtyOpen[r] = st->columnDouble(6);
                const auto status = parsePoStatus(st->columnText(10));
                t.status[r] = status.value_or(engine::PoStatus::Open);
                return status && resolve(s.suppliers.ids, st->columnText(3), t.supplier[r])
                    && resolve(s.items.ids, st->columnText(4), t.item[r])
                    && resolve(s.locations.ids, st->columnText(5), t.location[r])
                    && readDate(*st, 7, t.orderDate[r]) && readDate(*st, 8, t.expectedDate[r])
                    && readDate(*st, 9, t.promisedDate[r]);
            });
        if (!ok)
            return ok;
    }

    // transfers
    {
        auto st = select(db,
            "SELECT seq, transfer_id, item_id, from_location_id, to_location_id, "
            "qty, ship_date, expected_date FROM transfers",
            kByItem);
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.transfers;
        auto ok = readRows(
            *st, "transfers", expected(m_counts.transfers, kByItem),
            [&](std::size_t n) {
                resizeAll(n, t.transferId, t.item, t.fromLocation, t.toLocation, t.qty, t.shipDate,
                    t.expectedDate);
            },
            [&](std::size_t r) {
                t.transferId[r] = st->columnText(1);
                t.qty[r] = st->columnDouble(5);
                return resolve(s.items.ids, st->columnText(2), t.item[r])
                    && resolve(s.locations.ids, st->columnText(3), t.fromLocation[r])
                    && resolve(s.locations.ids, st->columnText(4), t.toLocation[r])
                    && readDate(*st, 6, t.shipDate[r]) && readDate(*st, 7, t.expectedDate[r]);
            });
        if (!ok)
            return ok;
    }

    // lanes
    {
        auto st = select(db,
            "SELECT seq, from_location_id, to_location_id, transit_days, "
            "cost_per_unit, fixed_cost, capacity_per_day, active FROM lanes",
            nullptr);
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.lanes;
        auto ok = readRows(
            *st, "lanes", expected(m_counts.lanes, nullptr),
            [&](std::size_t n) {
                resizeAll(n, t.from, t.to, t.transitDays, t.costPerUnit, t.fixedCost,
                    t.capacityPerDay, t.active);
            },
            [&](std::size_t r) {
                t.transitDays[r] = st->columnDouble(3);
                t.costPerUnit[r] = st->columnDouble(4);
                t.fixedCost[r] = st->columnDouble(5);
                t.capacityPerDay[r] = st->columnDouble(6);
                t.active[r] = st->columnInt(7) != 0 ? 1 : 0;
                return resolve(s.locations.ids, st->columnText(1), t.from[r])
                    && resolve(s.locations.ids, st->columnText(2), t.to[r]);
            });
        if (!ok)
            return ok;
    }

    // forecast
    {
        auto st = select(db, "SELECT seq, item_id, location_id, date, qty FROM forecast", kByItem);
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.forecast;
        return readRows(
            *st, "forecast", expected(m_counts.forecast, kByItem),
            [&](std::size_t n) { resizeAll(n, t.item, t.location, t.date, t.qty); },
            [&](std::size_t r) {
                t.qty[r] = st->columnDouble(4);
                return resolve(s.items.ids, st->columnText(1), t.item[r])
                    && resolve(s.locations.ids, st->columnText(2), t.location[r])
                    && readDate(*st, 3, t.date[r]);
            });
    }
}

} // namespace model
