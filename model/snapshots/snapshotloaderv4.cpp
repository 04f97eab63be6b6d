// Schema 4 kept the five large files as a table row per line, keyed by text ids. The
// migration to schema 5 reads them here, once per stored version, and writes the
// item blocks that replace them.

#include "model/import/snapshotwriter.h"
#include "model/snapshots/rowreading.h"
#include "model/snapshots/snapshotloader.h"
#include "model/store/snapshotcodes.h"
#include "model/store/statement.h"

namespace model {

using namespace rows;

Result<void> SnapshotLoader::convertRowsToBlocks(sqlite3 *db)
{
    std::vector<qint64> versions;
    {
        auto st = Statement::prepare(db, "SELECT version FROM snapshots ORDER BY version");
        if (!st)
            return std::unexpected(st.error());
        while (st->next())
            versions.push_back(st->columnInt(0));
        if (auto ok = st->status(); !ok)
            return ok;
    }
    for (qint64 version : versions) {
        SnapshotLoader loader(db);
        loader.m_version = version;
        loader.m_sealed = false; // the checksums come with schema 7
        for (auto ok : {loader.loadManifest(), loader.loadLocations(false), loader.loadItems({}),
                 loader.loadSuppliers({}), loader.loadCustomers({}), loader.loadRowTables()}) {
            if (!ok)
                return ok;
        }
        std::int64_t written = 0;
        if (auto ok
            = SnapshotWriter(db).writeBlocks(version, loader.m_snapshot, written, {}, false);
            !ok)
            return ok;
    }
    return {};
}

Result<void> SnapshotLoader::loadRowTables()
{
    auto &s = m_snapshot;
    // item_locations
    {
        auto st = select("SELECT seq, item_id, location_id, on_hand, allocated, safety_stock, "
                         "reorder_point, order_up_to, daily_demand, daily_demand_std, "
                         "supplier_id, source_location_id, lead_time_days, lead_time_std_days, "
                         "min_order_qty, order_multiple, last_count_date, count_variance_rate "
                         "FROM item_locations",
            nullptr, {});
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.itemLocations;
        auto ok = readRows(
            *st, "item_locations", m_counts.itemLocations, {},
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

    // sales_orders
    {
        auto st = select("SELECT seq, order_id, line, customer_id, item_id, location_id, "
                         "qty_open, order_date, due_date, unit_price FROM sales_orders",
            nullptr, {});
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.salesOrders;
        auto ok = readRows(
            *st, "sales_orders", m_counts.salesOrders, {},
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
        auto st = select("SELECT seq, po_id, line, supplier_id, item_id, location_id, "
                         "qty_open, order_date, expected_date, promised_date, status "
                         "FROM purchase_orders",
            nullptr, {});
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.purchaseOrders;
        auto ok = readRows(
            *st, "purchase_orders", m_counts.purchaseOrders, {},
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
        auto st = select("SELECT seq, transfer_id, item_id, from_location_id, to_location_id, "
                         "qty, ship_date, expected_date FROM transfers",
            nullptr, {});
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.transfers;
        auto ok = readRows(
            *st, "transfers", m_counts.transfers, {},
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

    // forecast
    {
        auto st = select("SELECT seq, item_id, location_id, date, qty FROM forecast", nullptr, {});
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.forecast;
        return readRows(
            *st, "forecast", m_counts.forecast, {},
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
