#include "model/snapshots/snapshotloader.h"

#include "model/snapshots/rowreading.h"
#include "model/store/snapshotcodes.h"
#include "model/store/statement.h"

#include "engine/storage/itemblock.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <latch>
#include <limits>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;

namespace model {

namespace {

using namespace rows;

using engine::Index;

/// Rows named by a JSON array bound as ?2: by id, or by position in the file.
constexpr const char *kByItem = "item_id IN (SELECT value FROM json_each(?2))";
constexpr const char *kBySeq = "seq IN (SELECT value FROM json_each(?2))";

Error damagedBlock(qint64 version, qint64 itemSeq, const char *what)
{
    return Error {Error::Database,
        u"The workbench database is damaged: the block of item "_s + QString::number(itemSeq)
            + u" of snapshot version "_s + QString::number(version) + u' ' + QString::fromUtf8(what)
            + u". Import the snapshot again (pwb import) to store a sound copy."_s,
        {}};
}

std::string_view blobOf(const Statement &st, int column)
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(st.handle(), column));
    return data ? std::string_view(data, std::size_t(sqlite3_column_bytes(st.handle(), column)))
                : std::string_view {};
}

bool within(const std::vector<Index> &column, qint64 size, bool nullable)
{
    return std::all_of(column.begin(), column.end(),
        [&](Index v) { return (nullable && v == engine::kNone) || (v >= 0 && v < size); });
}

/// Every reference of a block's rows names a row that exists in the whole snapshot.
bool referencesExist(
    const engine::ItemRows &r, qint64 locations, qint64 suppliers, qint64 customers)
{
    const auto &il = r.itemLocations;
    const auto &so = r.salesOrders;
    const auto &po = r.purchaseOrders;
    const auto &tr = r.transfers;
    return within(il.location, locations, false) && within(il.supplier, suppliers, true)
        && within(il.sourceLocation, locations, true) && within(so.customer, customers, true)
        && within(so.location, locations, false) && within(po.supplier, suppliers, true)
        && within(po.location, locations, false) && within(tr.fromLocation, locations, false)
        && within(tr.toLocation, locations, false) && within(r.forecast.location, locations, false);
}

/// A JSON array of the distinct values of `values`, which it sorts.
QByteArray jsonArray(std::vector<Index> &values)
{
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    QByteArray json = "[";
    for (std::size_t i = 0; i < values.size(); ++i)
        json += (i ? "," : "") + QByteArray::number(values[i]);
    return json + ']';
}

/// Replaces each reference by its position in `loaded` (sorted, distinct), the order
/// in which a subset of the table was read; kNone stays.
void renumber(std::vector<Index> &column, const std::vector<Index> &loaded)
{
    for (Index &v : column) {
        if (v != engine::kNone)
            v = Index(std::lower_bound(loaded.begin(), loaded.end(), v) - loaded.begin());
    }
}

/// Positions for the rows of several blocks of one table, ordered by seq: block b's
/// row i goes to out[b][i]. False when two rows claim one seq.
bool positionsBySeq(
    const std::vector<const std::vector<Index> *> &seqs, std::vector<std::vector<Index>> &out)
{
    std::vector<std::pair<Index, std::pair<std::size_t, std::size_t>>> all;
    for (std::size_t b = 0; b < seqs.size(); ++b) {
        for (std::size_t i = 0; i < seqs[b]->size(); ++i)
            all.push_back({(*seqs[b])[i], {b, i}});
    }
    std::sort(all.begin(), all.end());
    out.assign(seqs.size(), {});
    for (std::size_t b = 0; b < seqs.size(); ++b)
        out[b].resize(seqs[b]->size());
    for (std::size_t k = 0; k < all.size(); ++k) {
        if (k > 0 && all[k].first == all[k - 1].first)
            return false;
        out[all[k].second.first][all[k].second.second] = Index(k);
    }
    return true;
}

} // namespace

Result<engine::Snapshot> SnapshotLoader::loadAll(qint64 version)
{
    m_snapshot = {};
    m_version = version;
    if (auto ok = loadManifest(); !ok)
        return std::unexpected(ok.error());
    // The tables kept as rows are read while the second block reader has started:
    // blocks refer to them by position only, and fill other columns.
    auto tables = [this]() -> Result<void> {
        for (auto ok : {loadLocations(false), loadItems({}), loadSuppliers({}), loadCustomers({}),
                 loadLanes()}) {
            if (!ok)
                return ok;
        }
        return {};
    };
    if (auto ok = loadAllBlocks(tables); !ok)
        return std::unexpected(ok.error());
    m_snapshot.index();
    return std::move(m_snapshot);
}

Result<void> SnapshotLoader::loadAllBlocks(const std::function<Result<void>()> &alongside)
{
    engine::Snapshot &s = m_snapshot;
    const Counts &c = m_counts;
    // Each row goes to its seq, and every seq must be claimed exactly once. Claims
    // are atomic because two readers place rows side by side.
    const qint64 sizes[]
        = {c.itemLocations, c.salesOrders, c.purchaseOrders, c.transfers, c.forecast};
    std::vector<std::atomic<std::uint64_t>> claimed[5];
    for (int t = 0; t < 5; ++t)
        claimed[t] = std::vector<std::atomic<std::uint64_t>>(std::size_t(sizes[t] + 63) / 64);
    std::atomic<qint64> placed {0};

    // Each reader sizes its share of the columns, then waits for the other's share
    // before placing rows anywhere.
    std::latch sized(2);
    auto resize = [&](int part) {
        engine::resizeRowTables(s, Index(c.itemLocations), Index(c.salesOrders),
            Index(c.purchaseOrders), Index(c.transfers), Index(c.forecast), part, 2);
    };
    // Reads the blocks of items [from, to) through `db`.
    auto readRange = [&](sqlite3 *db, qint64 from, qint64 to) -> Result<void> {
        auto st = Statement::prepare(db,
            "SELECT item_seq, block, checksum FROM item_blocks WHERE snapshot_version = ?1 AND "
            "item_seq >= ?2 AND item_seq < ?3");
        if (!st)
            return std::unexpected(st.error());
        st->bindInt(1, m_version);
        st->bindInt(2, from);
        st->bindInt(3, to);
        engine::ItemRows rows;
        qint64 count = 0;
        while (st->next()) {
            const qint64 item = st->columnInt(0);
            if (!rowIntact(*st, m_version, 0, 2, 2))
                return std::unexpected(
                    damagedBlock(m_version, item, "does not match its checksum"));
            const std::string_view block = blobOf(*st, 1);
            if (!engine::decodeItemBlock(block, Index(item), rows)
                || !referencesExist(rows, c.locations, c.suppliers, c.customers))
                return std::unexpected(damagedBlock(m_version, item, "cannot be read"));
            const std::vector<Index> *seqs[] = {&rows.itemLocationSeq, &rows.salesOrderSeq,
                &rows.purchaseOrderSeq, &rows.transferSeq, &rows.forecastSeq};
            for (int t = 0; t < 5; ++t) {
                for (Index seq : *seqs[t]) {
                    const std::uint64_t bit = std::uint64_t(1) << (seq & 63);
                    if (seq < 0 || seq >= sizes[t]
                        || (claimed[t][std::size_t(seq) / 64].fetch_or(bit) & bit))
                        return std::unexpected(
                            damagedBlock(m_version, item, "repeats or misplaces a row"));
                }
                count += qint64(seqs[t]->size());
            }
            engine::placeItemRows(rows,
                {rows.itemLocationSeq, rows.salesOrderSeq, rows.purchaseOrderSeq, rows.transferSeq,
                    rows.forecastSeq},
                s);
        }
        placed += count;
        return st->status();
    };

    // The upper half of the items on a second, read-only connection: SQLite steps one
    // statement per connection at a time, and decoding is most of the work.
    struct Reader {
        sqlite3 *db = nullptr;
        ~Reader() { sqlite3_close(db); }
    } reader;
    const char *path = sqlite3_db_filename(m_db, "main");
    const bool parallel = c.items > 1 && path && *path
        && sqlite3_open_v2(path, &reader.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr)
            == SQLITE_OK;
    const qint64 middle = parallel ? c.items / 2 : c.items;
    std::future<Result<void>> upper;
    if (parallel) {
        sqlite3_busy_timeout(reader.db, 10'000);
        upper = std::async(std::launch::async, [&, middle] {
            resize(1);
            sized.arrive_and_wait();
            return readRange(reader.db, middle, c.items);
        });
    } else {
        resize(1);
        sized.count_down();
    }
    resize(0);
    sized.arrive_and_wait();
    auto first = alongside();
    auto lower = first ? readRange(m_db, 0, middle) : first;
    auto higher = parallel ? upper.get() : Result<void> {};
    if (!lower)
        return lower;
    if (!higher)
        return higher;
    if (placed != c.itemLocations + c.salesOrders + c.purchaseOrders + c.transfers + c.forecast)
        return std::unexpected(Error {Error::Database,
            u"The workbench database is damaged: the item blocks of snapshot version "_s
                + QString::number(m_version)
                + u" lack rows the snapshot counts. Import the snapshot again into a new "
                  u"database."_s,
            {}});
    return {};
}

Result<engine::Snapshot> SnapshotLoader::loadItem(qint64 version, std::string_view itemId)
{
    m_snapshot = {};
    m_version = version;
    if (auto ok = loadManifest(); !ok)
        return std::unexpected(ok.error());

    // The item's row is checked like any other before its group is believed.
    const QByteArray itemSql
        = sealedColumns(sealed::kItems, "items") + " WHERE snapshot_version = ?1 AND item_id = ?2";
    auto group = Statement::prepare(m_db, itemSql.toStdString());
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
    if (m_sealed && !rowIntact(*group, version, 0, 8, 8))
        return std::unexpected(
            damaged("items", group->columnInt(0), "does not match its checksum"));
    QJsonArray items {QString::fromUtf8(itemId.data(), qsizetype(itemId.size()))};
    if (!group->isNull(7)) {
        // Every item row is read and checked, not only those an index names: a damaged
        // group (or index entry) must not quietly drop a substitute.
        const std::string groupId(group->columnText(7));
        auto members = select(sealedColumns(sealed::kItems, "items"), nullptr, {});
        if (!members)
            return std::unexpected(members.error());
        std::vector<QString> found;
        auto ok = readRows(
            *members, "items", m_counts.items, seal(8), [](std::size_t) {},
            [&](std::size_t) {
                if (members->columnText(7) == groupId && members->columnText(1) != itemId)
                    found.push_back(members->columnString(1));
                return true;
            });
        if (!ok)
            return std::unexpected(ok.error());
        for (const QString &member : found)
            items.append(member);
    }
    std::vector<qint64> itemSeqs; // of the items loaded, in load (= seq) order
    const QByteArray itemIds = QJsonDocument(items).toJson(QJsonDocument::Compact);
    for (auto ok : {loadLocations(true), loadItems(itemIds, &itemSeqs), loadLanes()}) {
        if (!ok)
            return std::unexpected(ok.error());
    }

    const qint64 firstSeq = itemSeqs.empty() ? -1 : itemSeqs.front();

    // The items' blocks, in seq order like the items.
    QByteArray seqJson = "[";
    for (std::size_t i = 0; i < itemSeqs.size(); ++i)
        seqJson += (i ? "," : "") + QByteArray::number(itemSeqs[i]);
    seqJson += ']';
    auto st = Statement::prepare(m_db,
        "SELECT item_seq, block, checksum FROM item_blocks WHERE snapshot_version = ?1 AND "
        "item_seq IN (SELECT value FROM json_each(?2)) ORDER BY item_seq");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, version);
    st->bindTextNotNull(2, std::string_view(seqJson.constData(), std::size_t(seqJson.size())));
    std::vector<engine::ItemRows> blocks;
    const Counts &c = m_counts;
    while (st->next()) {
        const qint64 seq = st->columnInt(0);
        const auto at = std::find(itemSeqs.begin(), itemSeqs.end(), seq);
        if (!rowIntact(*st, version, 0, 2, 2))
            return std::unexpected(damagedBlock(version, seq, "does not match its checksum"));
        engine::ItemRows &rows = blocks.emplace_back();
        if (at == itemSeqs.end()
            || !engine::decodeItemBlock(blobOf(*st, 1), Index(at - itemSeqs.begin()), rows)
            || !referencesExist(rows, c.locations, c.suppliers, c.customers))
            return std::unexpected(damagedBlock(version, seq, "cannot be read"));
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());

    // Only the suppliers and customers the rows name, renumbered in seq order.
    std::vector<Index> suppliers, customers;
    for (const engine::ItemRows &rows : blocks) {
        for (const auto *column : {&rows.itemLocations.supplier, &rows.purchaseOrders.supplier})
            std::copy_if(column->begin(), column->end(), std::back_inserter(suppliers),
                [](Index v) { return v != engine::kNone; });
        std::copy_if(rows.salesOrders.customer.begin(), rows.salesOrders.customer.end(),
            std::back_inserter(customers), [](Index v) { return v != engine::kNone; });
    }
    for (auto ok : {loadSuppliers(jsonArray(suppliers)), loadCustomers(jsonArray(customers))}) {
        if (!ok)
            return std::unexpected(ok.error());
    }
    if (m_snapshot.suppliers.size() != Index(suppliers.size())
        || m_snapshot.customers.size() != Index(customers.size()))
        return std::unexpected(
            damagedBlock(version, firstSeq, "names a missing supplier or customer"));

    // Rows of all the blocks, in file order.
    std::vector<std::vector<Index>> at[5];
    const auto seqsOf = [&](auto member) {
        std::vector<const std::vector<Index> *> seqs;
        seqs.reserve(blocks.size());
        for (const engine::ItemRows &rows : blocks)
            seqs.push_back(&(rows.*member));
        return seqs;
    };
    if (!positionsBySeq(seqsOf(&engine::ItemRows::itemLocationSeq), at[0])
        || !positionsBySeq(seqsOf(&engine::ItemRows::salesOrderSeq), at[1])
        || !positionsBySeq(seqsOf(&engine::ItemRows::purchaseOrderSeq), at[2])
        || !positionsBySeq(seqsOf(&engine::ItemRows::transferSeq), at[3])
        || !positionsBySeq(seqsOf(&engine::ItemRows::forecastSeq), at[4]))
        return std::unexpected(damagedBlock(version, firstSeq, "repeats a row"));
    Index totals[5] = {};
    for (const engine::ItemRows &rows : blocks) {
        totals[0] += rows.itemLocations.size();
        totals[1] += rows.salesOrders.size();
        totals[2] += rows.purchaseOrders.size();
        totals[3] += rows.transfers.size();
        totals[4] += rows.forecast.size();
    }
    engine::resizeRowTables(m_snapshot, totals[0], totals[1], totals[2], totals[3], totals[4]);
    for (std::size_t b = 0; b < blocks.size(); ++b) {
        engine::ItemRows &rows = blocks[b];
        renumber(rows.itemLocations.supplier, suppliers);
        renumber(rows.purchaseOrders.supplier, suppliers);
        renumber(rows.salesOrders.customer, customers);
        engine::placeItemRows(rows, {at[0][b], at[1][b], at[2][b], at[3][b], at[4][b]}, m_snapshot);
    }
    m_snapshot.index();
    return std::move(m_snapshot);
}

QByteArray SnapshotLoader::sealedColumns(const char *columns, const char *table) const
{
    return QByteArray("SELECT ") + columns + (m_sealed ? ", checksum" : "") + " FROM " + table;
}

rows::RowSeal SnapshotLoader::seal(int columns) const
{
    return {m_version, m_sealed ? columns : -1};
}

Result<Statement> SnapshotLoader::select(
    const QByteArray &columns, const char *condition, const QByteArray &subset) const
{
    const bool narrowed = condition && !subset.isEmpty();
    QByteArray sql = columns + " WHERE snapshot_version = ?1";
    if (narrowed)
        sql += QByteArray(" AND ") + condition + " ORDER BY seq";
    auto st = Statement::prepare(m_db, std::string_view(sql.constData(), std::size_t(sql.size())));
    if (st) {
        st->bindInt(1, m_version);
        if (narrowed)
            st->bindTextNotNull(
                2, std::string_view(subset.constData(), std::size_t(subset.size())));
    }
    return st;
}

Result<void> SnapshotLoader::loadManifest()
{
    const qint64 version = m_version;
    const QByteArray sql = sealedColumns(sealed::kSnapshots, "snapshots") + " WHERE version = ?1";
    auto st = Statement::prepare(m_db, sql.toStdString());
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
    if (m_sealed && !rowIntact(*st, version, 0, sealed::kSnapshotCount, sealed::kSnapshotCount))
        return std::unexpected(damaged("snapshots", version, "does not match its checksum"));
    auto &m = m_snapshot.manifest;
    m.snapshotId = st->columnText(0);
    m.format = st->columnText(1);
    m.asOf = st->columnDate(2).value_or(engine::kNoDate);
    m.currency = st->columnText(3);
    m.sourceSystem = st->columnText(4);
    m.extractedAt = st->columnText(5);
    if (m.asOf == engine::kNoDate)
        return std::unexpected(damaged("snapshots", version, "has no valid as_of date"));
    m_counts = {st->columnInt(8), st->columnInt(9), st->columnInt(10), st->columnInt(11),
        st->columnInt(12), st->columnInt(13), st->columnInt(14), st->columnInt(15),
        st->columnInt(16), st->columnInt(17)};
    return {};
}

Result<void> SnapshotLoader::loadLocations(bool keepOnHandTotal)
{
    auto &s = m_snapshot;
    {
        auto st = select(sealedColumns(sealed::kLocations, "locations"), nullptr, {});
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.locations;
        std::vector<std::string> ids;
        std::vector<double> onHandTotal;
        auto ok = readRows(
            *st, "locations", m_counts.locations, seal(8),
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
        if (keepOnHandTotal)
            t.onHandTotal = std::move(onHandTotal);
    }
    return {};
}

Result<void> SnapshotLoader::loadItems(const QByteArray &itemIds, std::vector<qint64> *seqs)
{
    auto &s = m_snapshot;
    {
        auto st = select(sealedColumns(sealed::kItems, "items"), kByItem, itemIds);
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.items;
        std::vector<std::string> ids, groups;
        auto ok = readRows(
            *st, "items", itemIds.isEmpty() ? m_counts.items : -1, seal(8),
            [&](std::size_t n) {
                resizeAll(n, ids, groups, t.description, t.unitCost, t.unitPrice, t.abcClass,
                    t.shelfLifeDays, t.substituteGroup);
            },
            [&](std::size_t r) {
                if (seqs)
                    seqs->push_back(st->columnInt(0));
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

    return {};
}

Result<void> SnapshotLoader::loadSuppliers(const QByteArray &seqs)
{
    auto &s = m_snapshot;
    {
        auto st = select(sealedColumns(sealed::kSuppliers, "suppliers"), kBySeq, seqs);
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.suppliers;
        std::vector<std::string> ids;
        auto ok = readRows(
            *st, "suppliers", seqs.isEmpty() ? m_counts.suppliers : -1, seal(8),
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

    return {};
}

Result<void> SnapshotLoader::loadCustomers(const QByteArray &seqs)
{
    auto &s = m_snapshot;
    {
        auto st = select(sealedColumns(sealed::kCustomers, "customers"), kBySeq, seqs);
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.customers;
        std::vector<std::string> ids;
        auto ok = readRows(
            *st, "customers", seqs.isEmpty() ? m_counts.customers : -1, seal(5),
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

Result<void> SnapshotLoader::loadLanes()
{
    auto &s = m_snapshot;
    {
        auto st = select(sealedColumns(sealed::kLanes, "lanes"), nullptr, {});
        if (!st)
            return std::unexpected(st.error());
        auto &t = s.lanes;
        auto ok = readRows(
            *st, "lanes", m_counts.lanes, seal(8),
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
    return {};
}

} // namespace model
