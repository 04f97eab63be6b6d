#include "model/import/snapshotwriter.h"

#include "model/store/checksum.h"
#include "model/store/snapshotcodes.h"
#include "model/store/statement.h"

#include "engine/storage/itemblock.h"

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace model {

namespace {

using engine::Index;

/// Drives one table's INSERT: prepares it, binds the version once, and steps each
/// row that `bindRow` binds. Reports progress and honours cancellation.
class TableInsert
{
public:
    TableInsert(sqlite3 *db, const SnapshotWriter::RowsWritten &onRows, std::int64_t &written)
        : m_db(db)
        , m_onRows(onRows)
        , m_written(written)
    { }

    template <class BindRow>
    Result<void> run(const char *sql, qint64 version, Index rows, BindRow bindRow)
    {
        auto statement = Statement::prepare(m_db, sql);
        if (!statement)
            return std::unexpected(statement.error());
        statement->bindInt(1, version);
        for (Index row = 0; row < rows; ++row) {
            statement->bindInt(2, row); // seq: the position in the file
            bindRow(*statement, static_cast<std::size_t>(row));
            if (auto ok = statement->run(); !ok)
                return ok;
            if ((++m_written & 0x3fff) == 0 && m_onRows && !m_onRows(m_written))
                return std::unexpected(Error {Error::Cancelled, u"Import cancelled."_s, {}});
        }
        return {};
    }

private:
    sqlite3 *m_db;
    const SnapshotWriter::RowsWritten &m_onRows;
    std::int64_t &m_written;
};

std::string_view idOrEmpty(const engine::IdTable &ids, Index index)
{
    return index == engine::kNone ? std::string_view {} : std::string_view {ids.at(index)};
}

std::string_view abcCode(const char &abc)
{
    return abc ? std::string_view {&abc, 1} : std::string_view {};
}

} // namespace

std::int64_t SnapshotWriter::rowCount(const engine::Snapshot &s)
{
    return std::int64_t(s.locations.size()) + s.items.size() + s.suppliers.size()
        + s.customers.size() + s.itemLocations.size() + s.salesOrders.size()
        + s.purchaseOrders.size() + s.transfers.size() + s.lanes.size() + s.forecast.size();
}

Result<void> SnapshotWriter::write(qint64 version, const engine::Snapshot &s,
    const QString &sourcePath, const QString &importedAt, const RowsWritten &onRows)
{
    {
        auto statement = Statement::prepare(m_db,
            "INSERT INTO snapshots (version, snapshot_id, format, as_of, currency, "
            "source_system, extracted_at, imported_at, source_path, location_count, "
            "item_count, supplier_count, customer_count, item_location_count, "
            "sales_order_count, purchase_order_count, transfer_count, lane_count, "
            "forecast_count) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        if (!statement)
            return std::unexpected(statement.error());
        const auto &m = s.manifest;
        statement->bindInt(1, version);
        statement->bindTextNotNull(2, m.snapshotId);
        statement->bindTextNotNull(3, m.format);
        statement->bindDate(4, m.asOf);
        statement->bindTextNotNull(5, m.currency);
        statement->bindTextNotNull(6, m.sourceSystem);
        statement->bindTextNotNull(7, m.extractedAt);
        statement->bindText(8, importedAt);
        statement->bindText(9, sourcePath);
        const std::int64_t counts[] = {s.locations.size(), s.items.size(), s.suppliers.size(),
            s.customers.size(), s.itemLocations.size(), s.salesOrders.size(),
            s.purchaseOrders.size(), s.transfers.size(), s.lanes.size(), s.forecast.size()};
        for (int i = 0; i < int(std::size(counts)); ++i)
            statement->bindInt(10 + i, counts[i]);
        if (auto ok = statement->run(); !ok)
            return ok;
    }

    std::int64_t written = 0;
    TableInsert insert(m_db, onRows, written);

    const auto &loc = s.locations;
    // Summed in row order, exactly as the engine sums them, so a one-item explanation
    // sees the very same figure as the full score did.
    std::vector<double> onHandTotal(std::size_t(loc.size()), 0.0);
    for (std::size_t r = 0; r < std::size_t(s.itemLocations.size()); ++r)
        onHandTotal[std::size_t(s.itemLocations.location[r])] += s.itemLocations.onHand[r];
    auto ok = insert.run("INSERT INTO locations (snapshot_version, seq, location_id, name, type, "
                         "region, storage_capacity, inbound_capacity_per_day, on_hand_total) "
                         "VALUES (?,?,?,?,?,?,?,?,?)",
        version, loc.size(), [&](Statement &st, std::size_t r) {
            st.bindTextNotNull(3, loc.ids.at(Index(r)));
            st.bindText(4, loc.name[r]);
            st.bindTextNotNull(5, locationTypeCode(loc.type[r]));
            st.bindText(6, loc.region[r]);
            st.bindDouble(7, loc.storageCapacity[r]);
            st.bindDouble(8, loc.inboundCapacityPerDay[r]);
            st.bindDouble(9, onHandTotal[r]);
        });
    if (!ok)
        return ok;

    const auto &items = s.items;
    ok = insert.run("INSERT INTO items (snapshot_version, seq, item_id, description, unit_cost, "
                    "unit_price, abc_class, shelf_life_days, substitute_group) "
                    "VALUES (?,?,?,?,?,?,?,?,?)",
        version, items.size(), [&](Statement &st, std::size_t r) {
            st.bindTextNotNull(3, items.ids.at(Index(r)));
            st.bindText(4, items.description[r]);
            st.bindDouble(5, items.unitCost[r]);
            st.bindDouble(6, items.unitPrice[r]);
            st.bindText(7, abcCode(items.abcClass[r]));
            st.bindDouble(8, items.shelfLifeDays[r]);
            st.bindText(9, idOrEmpty(s.substituteGroups, items.substituteGroup[r]));
        });
    if (!ok)
        return ok;

    const auto &sup = s.suppliers;
    ok = insert.run("INSERT INTO suppliers (snapshot_version, seq, supplier_id, name, "
                    "lead_time_days, lead_time_std_days, on_time_rate, expedite_cost_per_unit, "
                    "expedite_max_days) VALUES (?,?,?,?,?,?,?,?,?)",
        version, sup.size(), [&](Statement &st, std::size_t r) {
            st.bindTextNotNull(3, sup.ids.at(Index(r)));
            st.bindText(4, sup.name[r]);
            st.bindDouble(5, sup.leadTimeDays[r]);
            st.bindDouble(6, sup.leadTimeStdDays[r]);
            st.bindDouble(7, sup.onTimeRate[r]);
            st.bindDouble(8, sup.expediteCostPerUnit[r]);
            st.bindDouble(9, sup.expediteMaxDays[r]);
        });
    if (!ok)
        return ok;

    const auto &cus = s.customers;
    ok = insert.run("INSERT INTO customers (snapshot_version, seq, customer_id, name, tier, "
                    "late_penalty_per_unit_day) VALUES (?,?,?,?,?,?)",
        version, cus.size(), [&](Statement &st, std::size_t r) {
            st.bindTextNotNull(3, cus.ids.at(Index(r)));
            st.bindText(4, cus.name[r]);
            st.bindInt(5, cus.tier[r]);
            st.bindDouble(6, cus.latePenaltyPerUnitDay[r]);
        });
    if (!ok)
        return ok;

    const auto &lanes = s.lanes;
    ok = insert.run("INSERT INTO lanes (snapshot_version, seq, from_location_id, "
                    "to_location_id, transit_days, cost_per_unit, fixed_cost, capacity_per_day, "
                    "active) VALUES (?,?,?,?,?,?,?,?,?)",
        version, lanes.size(), [&](Statement &st, std::size_t r) {
            st.bindTextNotNull(3, loc.ids.at(lanes.from[r]));
            st.bindTextNotNull(4, loc.ids.at(lanes.to[r]));
            st.bindDouble(5, lanes.transitDays[r]);
            st.bindDouble(6, lanes.costPerUnit[r]);
            st.bindDouble(7, lanes.fixedCost[r]);
            st.bindDouble(8, lanes.capacityPerDay[r]);
            st.bindInt(9, lanes.active[r] ? 1 : 0);
        });
    if (!ok)
        return ok;
    if (auto sealedRows = sealSnapshotRows(m_db, version); !sealedRows)
        return sealedRows;
    return writeBlocks(version, s, written, onRows);
}

Result<void> SnapshotWriter::writeBlocks(qint64 version, const engine::Snapshot &s,
    std::int64_t &written, const RowsWritten &onRows, bool withChecksums)
{
    auto statement = Statement::prepare(m_db,
        withChecksums
            ? "INSERT INTO item_blocks (snapshot_version, item_seq, block, checksum) "
              "VALUES (?,?,?,?)"
            : "INSERT INTO item_blocks (snapshot_version, item_seq, block) VALUES (?,?,?)");
    if (!statement)
        return std::unexpected(statement.error());
    statement->bindInt(1, version);
    const engine::RowsByItem rows = engine::groupRowsByItem(s);
    std::string block;
    std::int64_t reported = written;
    for (Index item = 0; item < s.items.size(); ++item) {
        if (engine::hasNoRows(rows, item))
            continue;
        block.clear();
        engine::encodeItemBlock(s, rows, item, block);
        statement->bindInt(2, item);
        sqlite3_bind_blob64(statement->handle(), 3, block.data(), block.size(), SQLITE_STATIC);
        if (withChecksums)
            statement->bindInt(4, itemBlockChecksum(version, item, block));
        if (auto ok = statement->run(); !ok)
            return ok;
        written += std::int64_t(rows.itemLocations.count(item) + rows.salesOrders.count(item)
            + rows.purchaseOrders.count(item) + rows.transfers.count(item)
            + rows.forecast.count(item));
        if (written - reported >= 0x4000) {
            reported = written;
            if (onRows && !onRows(written))
                return std::unexpected(Error {Error::Cancelled, u"Import cancelled."_s, {}});
        }
    }
    return {};
}

} // namespace model
