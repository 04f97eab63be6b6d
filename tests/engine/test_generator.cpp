// The synthetic snapshot generator: reproducible to the byte, valid for the parser,
// shaped like a distributor's data, and the source of the committed demo snapshot.

#include "engine/generator/generator.h"
#include "engine/import/snapshotparser.h"
#include "engine/scoring/scoring.h"
#include "engine/storage/itemblock.h"
#include "rankedrecords.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <map>
#include <numeric>
#include <optional>
#include <set>

using namespace Qt::StringLiterals;

namespace {

std::filesystem::path toPath(const QString &dir)
{
    return std::filesystem::path(QFile::encodeName(dir).toStdString());
}

/// Every file of a folder, by name.
engine::SnapshotFiles readFolder(const QString &dir)
{
    engine::SnapshotFiles files;
    const QStringList names = QDir(dir).entryList(QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QFile file(dir + u'/' + name);
        if (file.open(QIODevice::ReadOnly))
            files[name.toStdString()] = file.readAll().toStdString();
    }
    return files;
}

double share(std::int64_t part, std::int64_t whole)
{
    return whole > 0 ? double(part) / double(whole) : 0.0;
}

} // namespace

class TestGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameSeedGivesIdenticalFiles();
    void otherSeedGivesOtherData();
    void outputParsesWithoutIssues();
    void demandIsParetoSkewed();
    void masterDataIsVaried();
    void networkReplenishesEverySkuLocation();
    void openOrdersSpreadAroundTheHorizon();
    void stockHasExcessAndStaleCounts();
    void demoRaisesEveryExceptionType();
    void threadsGiveTheSameQueue();
    void queueSummariesMatchExplanations();
    void stockMovesInWholeUnits();
    void itemBlocksGiveTheSameSnapshot();
    void itemBlocksPackLosslessly();
    void damagedItemBlockIsRefused();
    void committedDemoIsCurrent();
    void rejectsBadOptions();
    void reportsUnwritableFolder();

private:
    QTemporaryDir m_tmp;
    engine::GeneratorOptions m_options;
    engine::GeneratorSummary m_summary;
    engine::ParseResult m_parsed;
};

void TestGenerator::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    // Big enough for the ratios to be stable, small enough to stay fast.
    m_options.items = 2000;
    m_options.locations = 10;
    m_options.seed = 42;
    const auto summary = engine::generateSnapshot(m_options, toPath(m_tmp.filePath(u"shape"_s)));
    QVERIFY2(summary.has_value(), summary ? "" : summary.error().c_str());
    m_summary = *summary;
    m_parsed = engine::parseSnapshot(readFolder(m_tmp.filePath(u"shape"_s)));
}

void TestGenerator::sameSeedGivesIdenticalFiles()
{
    engine::GeneratorOptions options;
    options.items = 300;
    options.locations = 6;
    options.seed = 99;
    QVERIFY(engine::generateSnapshot(options, toPath(m_tmp.filePath(u"a"_s))));
    QVERIFY(engine::generateSnapshot(options, toPath(m_tmp.filePath(u"b"_s))));
    const auto a = readFolder(m_tmp.filePath(u"a"_s));
    const auto b = readFolder(m_tmp.filePath(u"b"_s));
    QCOMPARE(a.size(), engine::kSnapshotFileNames.size());
    for (const auto name : engine::kSnapshotFileNames) {
        const std::string key(name);
        QVERIFY2(a.contains(key), key.c_str());
        QVERIFY2(a.at(key) == b.at(key), key.c_str());
    }
}

void TestGenerator::otherSeedGivesOtherData()
{
    engine::GeneratorOptions options;
    options.items = 300;
    options.locations = 6;
    options.seed = 99;
    QVERIFY(engine::generateSnapshot(options, toPath(m_tmp.filePath(u"seed99"_s))));
    options.seed = 100;
    QVERIFY(engine::generateSnapshot(options, toPath(m_tmp.filePath(u"seed100"_s))));
    const auto a = readFolder(m_tmp.filePath(u"seed99"_s));
    const auto b = readFolder(m_tmp.filePath(u"seed100"_s));
    for (const char *name : {"items.csv", "item_locations.csv", "sales_orders.csv",
             "purchase_orders.csv", "suppliers.csv", "customers.csv"})
        QVERIFY2(a.at(name) != b.at(name), name);
}

void TestGenerator::outputParsesWithoutIssues()
{
    QVERIFY(m_parsed.ok());
    // Every SKU-location is replenishable and every column known: not even a warning.
    QCOMPARE(m_parsed.warningCount, std::size_t(0));
    const engine::Snapshot &s = m_parsed.snapshot;
    QCOMPARE(s.manifest.format, std::string("erp-snapshot/1"));
    QCOMPARE(engine::formatDate(s.manifest.asOf), m_options.asOf);
    QCOMPARE(s.items.size(), m_options.items);
    QCOMPARE(s.locations.size(), m_options.locations);
    QCOMPARE(
        std::int64_t(s.itemLocations.size()), std::int64_t(m_options.items) * m_options.locations);
    QCOMPARE(std::int64_t(s.itemLocations.size()), m_summary.itemLocations);
    QCOMPARE(std::int64_t(s.salesOrders.size()), m_summary.salesOrderLines);
    QCOMPARE(std::int64_t(s.purchaseOrders.size()), m_summary.purchaseOrderLines);
    QCOMPARE(std::int64_t(s.transfers.size()), m_summary.transfers);
    QCOMPARE(std::int64_t(s.lanes.size()), m_summary.lanes);
    QCOMPARE(std::int64_t(s.forecast.size()), m_summary.forecastRows);
    QCOMPARE(std::int64_t(s.suppliers.size()), m_summary.suppliers);
    QCOMPARE(std::int64_t(s.customers.size()), m_summary.customers);
}

void TestGenerator::demandIsParetoSkewed()
{
    QVERIFY(m_parsed.ok());
    const engine::Snapshot &s = m_parsed.snapshot;
    std::vector<double> byItem(std::size_t(s.items.size()), 0.0);
    for (engine::Index r = 0; r < s.itemLocations.size(); ++r)
        byItem[std::size_t(s.itemLocations.item[r])] += s.itemLocations.dailyDemand[r];
    std::sort(byItem.begin(), byItem.end(), std::greater<>());
    const double total = std::accumulate(byItem.begin(), byItem.end(), 0.0);
    const double top20 = std::accumulate(byItem.begin(), byItem.begin() + byItem.size() / 5, 0.0);
    QVERIFY2(top20 / total > 0.5, qPrintable(QString::number(top20 / total)));

    // ABC by volume: few A items, which carry most of it.
    std::map<char, int> count;
    std::map<char, double> volume;
    for (engine::Index r = 0; r < s.itemLocations.size(); ++r)
        volume[s.items.abcClass[std::size_t(s.itemLocations.item[r])]]
            += s.itemLocations.dailyDemand[r];
    for (engine::Index i = 0; i < s.items.size(); ++i)
        ++count[s.items.abcClass[std::size_t(i)]];
    QVERIFY(count['A'] > 0 && count['B'] > 0 && count['C'] > 0);
    QVERIFY(count['A'] < count['C']);
    QVERIFY(volume['A'] / total > 0.6);
}

void TestGenerator::masterDataIsVaried()
{
    QVERIFY(m_parsed.ok());
    const engine::Snapshot &s = m_parsed.snapshot;
    const auto [minCost, maxCost]
        = std::minmax_element(s.items.unitCost.begin(), s.items.unitCost.end());
    QVERIFY(*minCost < 1.0); // cents...
    QVERIFY(*maxCost > 1000.0); // ...to thousands
    int perishable = 0;
    std::map<engine::Index, int> groups;
    for (engine::Index i = 0; i < s.items.size(); ++i) {
        const auto k = std::size_t(i);
        QVERIFY(s.items.unitPrice[k] >= s.items.unitCost[k]);
        // Margins of 10-60%; below a few dollars, whole cents blur them.
        if (s.items.unitCost[k] >= 5.0) {
            const double margin = 1.0 - s.items.unitCost[k] / s.items.unitPrice[k];
            QVERIFY2(margin > 0.09 && margin < 0.61, qPrintable(QString::number(margin)));
        }
        perishable += engine::isSet(s.items.shelfLifeDays[k]) ? 1 : 0;
        if (s.items.substituteGroup[k] != engine::kNone)
            ++groups[s.items.substituteGroup[k]];
    }
    QVERIFY(share(perishable, s.items.size()) > 0.02 && share(perishable, s.items.size()) < 0.2);
    QVERIFY(groups.size() >= 10);
    for (const auto &[group, members] : groups)
        QVERIFY(members >= 2);

    // Suppliers of uneven reliability, some able to expedite.
    const auto [minOnTime, maxOnTime]
        = std::minmax_element(s.suppliers.onTimeRate.begin(), s.suppliers.onTimeRate.end());
    QVERIFY(*minOnTime < 0.8 && *maxOnTime > 0.93);
    const auto [minLead, maxLead]
        = std::minmax_element(s.suppliers.leadTimeDays.begin(), s.suppliers.leadTimeDays.end());
    QVERIFY(*minLead <= 7 && *maxLead >= 21);
    const auto expediting = std::count_if(s.suppliers.expediteCostPerUnit.begin(),
        s.suppliers.expediteCostPerUnit.end(), [](double c) { return engine::isSet(c); });
    QVERIFY(expediting > 0 && expediting < s.suppliers.size());

    // Tiered customers: few tier 1, many tier 3, none with a flat penalty of its own
    // (the policy's share of each line's price applies).
    std::array<int, 4> tiers {};
    for (const auto tier : s.customers.tier)
        ++tiers[tier];
    QVERIFY(tiers[1] >= 1 && tiers[1] < tiers[2] && tiers[2] < tiers[3]);
    QVERIFY(std::none_of(s.customers.latePenaltyPerUnitDay.begin(),
        s.customers.latePenaltyPerUnitDay.end(), [](double p) { return engine::isSet(p); }));
}

void TestGenerator::networkReplenishesEverySkuLocation()
{
    QVERIFY(m_parsed.ok());
    const engine::Snapshot &s = m_parsed.snapshot;
    int dcs = 0;
    for (const auto type : s.locations.type)
        dcs += type == engine::LocationType::Dc ? 1 : 0;
    QVERIFY(dcs >= 2 && dcs < s.locations.size());
    std::set<std::pair<engine::Index, engine::Index>> lanes;
    for (engine::Index l = 0; l < s.lanes.size(); ++l) {
        QVERIFY(s.lanes.transitDays[l] >= 1 && s.lanes.transitDays[l] <= 5);
        lanes.insert({s.lanes.from[l], s.lanes.to[l]});
    }
    int byTransfer = 0;
    for (engine::Index r = 0; r < s.itemLocations.size(); ++r) {
        const engine::Index source = s.itemLocations.sourceLocation[r];
        QVERIFY(s.itemLocations.supplier[r] != engine::kNone || source != engine::kNone);
        if (source != engine::kNone) {
            ++byTransfer;
            QCOMPARE(s.locations.type[std::size_t(source)], engine::LocationType::Dc);
            QVERIFY(lanes.contains({source, s.itemLocations.location[r]}));
        }
    }
    QVERIFY(share(byTransfer, s.itemLocations.size()) > 0.3);
}

void TestGenerator::openOrdersSpreadAroundTheHorizon()
{
    QVERIFY(m_parsed.ok());
    const engine::Snapshot &s = m_parsed.snapshot;
    const engine::Date asOf = s.manifest.asOf;
    const auto skuLocations = s.itemLocations.size();
    const double salesPerSku = share(s.salesOrders.size(), skuLocations);
    QVERIFY2(salesPerSku > 0.4 && salesPerSku < 0.65, qPrintable(QString::number(salesPerSku)));
    const double posPerSku = share(s.purchaseOrders.size(), skuLocations);
    QVERIFY2(posPerSku > 0.15 && posPerSku < 0.25, qPrintable(QString::number(posPerSku)));

    int pastDue = 0, beyondHorizon = 0;
    for (engine::Index r = 0; r < s.salesOrders.size(); ++r) {
        QVERIFY(s.salesOrders.qtyOpen[r] > 0);
        QVERIFY(s.salesOrders.orderDate[r] <= asOf);
        QVERIFY(s.salesOrders.orderDate[r] < s.salesOrders.dueDate[r]);
        pastDue += s.salesOrders.dueDate[r] < asOf ? 1 : 0;
        beyondHorizon += s.salesOrders.dueDate[r] > asOf + 28 ? 1 : 0;
    }
    QVERIFY(share(pastDue, s.salesOrders.size()) > 0.03);
    QVERIFY(share(pastDue, s.salesOrders.size()) < 0.3);
    QVERIFY(share(beyondHorizon, s.salesOrders.size()) > 0.05);
    QVERIFY(share(beyondHorizon, s.salesOrders.size()) < 0.4);

    int late = 0;
    for (engine::Index r = 0; r < s.purchaseOrders.size(); ++r) {
        QVERIFY(s.purchaseOrders.expectedDate[r] > asOf);
        const engine::Date promised = s.purchaseOrders.promisedDate[r];
        late += promised != engine::kNoDate && s.purchaseOrders.expectedDate[r] > promised ? 1 : 0;
    }
    QVERIFY(share(late, s.purchaseOrders.size()) > 0.05);
    QVERIFY(share(late, s.purchaseOrders.size()) < 0.35);

    int shipped = 0;
    for (engine::Index r = 0; r < s.transfers.size(); ++r)
        shipped += s.transfers.shipDate[r] != engine::kNoDate && s.transfers.shipDate[r] <= asOf;
    QVERIFY(shipped > 0 && shipped < s.transfers.size());

    // A weekly forecast for a small share of SKU-locations.
    std::set<std::pair<engine::Index, engine::Index>> forecasted;
    for (engine::Index r = 0; r < s.forecast.size(); ++r)
        forecasted.insert({s.forecast.item[r], s.forecast.location[r]});
    QVERIFY(!forecasted.empty());
    QVERIFY(share(std::int64_t(forecasted.size()), skuLocations) < 0.1);
}

void TestGenerator::stockHasExcessAndStaleCounts()
{
    QVERIFY(m_parsed.ok());
    const engine::Snapshot &s = m_parsed.snapshot;
    const engine::Date asOf = s.manifest.asOf;
    const auto &il = s.itemLocations;
    int overstocked = 0, stale = 0, varying = 0;
    for (engine::Index r = 0; r < il.size(); ++r) {
        QVERIFY(il.onHand[r] >= 0 && il.allocated[r] <= il.onHand[r]);
        overstocked += il.onHand[r] > 120.0 * il.dailyDemand[r] ? 1 : 0;
        stale += il.lastCountDate[r] == engine::kNoDate || il.lastCountDate[r] < asOf - 90 ? 1 : 0;
        varying += engine::isSet(il.countVarianceRate[r]) && il.countVarianceRate[r] >= 0.05;
    }
    QVERIFY(share(overstocked, il.size()) > 0.01 && share(overstocked, il.size()) < 0.2);
    QVERIFY(share(stale, il.size()) > 0.05 && share(stale, il.size()) < 0.5);
    QVERIFY(share(varying, il.size()) > 0.05 && share(varying, il.size()) < 0.4);
}

void TestGenerator::demoRaisesEveryExceptionType()
{
    const QString dir = m_tmp.filePath(u"demo"_s);
    QVERIFY(engine::generateSnapshot(engine::demoGeneratorOptions(), toPath(dir)));
    const auto parsed = engine::parseSnapshot(readFolder(dir));
    QVERIFY(parsed.ok());
    const auto result = engine::score(parsed.snapshot, engine::Policy {});
    std::array<int, engine::kExceptionTypeCount> byType {};
    for (const auto &e : result.exceptions)
        ++byType[std::size_t(e.type)];
    for (int t = 0; t < engine::kExceptionTypeCount; ++t)
        QVERIFY2(byType[std::size_t(t)] > 0, engine::exceptionTypeName(engine::ExceptionType(t)));
    // Readable: a queue a person can take in, not one row per SKU-location.
    QVERIFY(result.exceptions.size() < std::size_t(parsed.snapshot.itemLocations.size()) / 2);
}

void TestGenerator::threadsGiveTheSameQueue()
{
    // Each worker scores a contiguous range of items; the queue must not depend on
    // where the ranges split, nor on how many there are.
    QVERIFY(m_parsed.ok());
    const engine::Snapshot &snap = m_parsed.snapshot;
    const auto one = engine::score(snap, engine::Policy {}, {}, 1);
    QVERIFY(!one.cancelled);
    QVERIFY(one.exceptions.size() > 1000);
    auto same = [&snap](const engine::ExceptionSummary &a, const engine::ExceptionSummary &b) {
        return engine::exceptionId(snap, a) == engine::exceptionId(snap, b)
            && a.itemLocation == b.itemLocation && a.supplier == b.supplier && a.rank == b.rank
            && a.needDate == b.needDate && a.score == b.score && a.amounts == b.amounts
            && a.topFactor == b.topFactor && a.action == b.action && a.worstTier == b.worstTier
            && a.actionFeasible == b.actionFeasible && a.canSave == b.canSave
            && (a.actionCost == b.actionCost
                || (std::isnan(a.actionCost) && std::isnan(b.actionCost)));
    };
    for (int threads : {2, 3, 7, 0}) {
        const auto many = engine::score(snap, engine::Policy {}, {}, threads);
        QCOMPARE(many.exceptions.size(), one.exceptions.size());
        for (std::size_t i = 0; i < one.exceptions.size(); ++i) {
            QVERIFY2(same(one.exceptions[i], many.exceptions[i]),
                qPrintable(QStringLiteral("%1 threads, rank %2").arg(threads).arg(i + 1)));
        }
    }
    // Ranked: what can be saved descending, then score descending, then need date,
    // then id.
    for (std::size_t i = 1; i < one.exceptions.size(); ++i) {
        const auto &a = one.exceptions[i - 1], &b = one.exceptions[i];
        QCOMPARE(b.rank, int(i + 1));
        QVERIFY(a.canSave > b.canSave
            || (a.canSave == b.canSave
                && (a.score > b.score
                    || (a.score == b.score
                        && (a.needDate < b.needDate
                            || (a.needDate == b.needDate
                                && engine::exceptionId(snap, a)
                                    < engine::exceptionId(snap, b)))))));
    }
}

void TestGenerator::queueSummariesMatchExplanations()
{
    // Every number the queue stores is the one the explanation of that SKU-location
    // shows (rankedRecords fails the test on the first difference).
    QVERIFY(m_parsed.ok());
    const auto ranked = testsupport::rankedRecords(m_parsed.snapshot, engine::Policy {}, {}, 2);
    QVERIFY(ranked.exceptions.size() > 1000);
    QCOMPARE(ranked.exceptions.size(), ranked.summary.exceptions.size());
}

void TestGenerator::stockMovesInWholeUnits()
{
    // Demand forecasts make fractional shortfalls; nobody ships 0.7 of a drive. Every
    // transfer, substitute and return moves whole units, and sentences say "1 unit".
    QVERIFY(m_parsed.ok());
    const auto ranked = testsupport::rankedRecords(m_parsed.snapshot, engine::Policy {}, {}, 2);
    int moves = 0;
    for (const engine::ExceptionRecord &e : ranked.exceptions) {
        for (const engine::Recommendation &r : e.recommendations) {
            if (r.action != engine::Action::Transfer && r.action != engine::Action::Substitute
                && r.action != engine::Action::ReturnToSupplier)
                continue;
            ++moves;
            QVERIFY2(r.qty >= 1 && r.qty == std::floor(r.qty), r.text.c_str());
            QVERIFY2(r.text.find(" 1 units") == std::string::npos, r.text.c_str());
        }
        for (const engine::Factor &f : e.factors)
            QVERIFY2(f.text.find(" 1 units") == std::string::npos && !f.text.starts_with("1 units"),
                f.text.c_str());
    }
    QVERIFY(moves > 100);
}

namespace {

/// Bit-for-bit equality of two columns (NaN equals NaN, -0.0 differs from 0.0).
template <class T> bool sameBits(const std::vector<T> &a, const std::vector<T> &b)
{
    if constexpr (std::is_same_v<T, std::string>)
        return a == b;
    else
        return a.size() == b.size()
            && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

/// A copy of `s` rebuilt from the item blocks of its rows.
std::optional<engine::Snapshot> throughBlocks(const engine::Snapshot &s, std::size_t &bytes)
{
    engine::Snapshot out;
    out.manifest = s.manifest;
    out.items = s.items;
    out.locations = s.locations;
    out.suppliers = s.suppliers;
    out.customers = s.customers;
    out.substituteGroups = s.substituteGroups;
    out.lanes = s.lanes;
    engine::resizeRowTables(out, s.itemLocations.size(), s.salesOrders.size(),
        s.purchaseOrders.size(), s.transfers.size(), s.forecast.size());
    const engine::RowsByItem rows = engine::groupRowsByItem(s);
    engine::ItemRows decoded;
    bytes = 0;
    for (engine::Index item = 0; item < s.items.size(); ++item) {
        std::string block;
        engine::encodeItemBlock(s, rows, item, block);
        bytes += block.size();
        if (!engine::decodeItemBlock(block, item, decoded))
            return std::nullopt;
        engine::placeItemRows(decoded,
            {decoded.itemLocationSeq, decoded.salesOrderSeq, decoded.purchaseOrderSeq,
                decoded.transferSeq, decoded.forecastSeq},
            out);
    }
    out.index();
    return out;
}

} // namespace

void TestGenerator::itemBlocksGiveTheSameSnapshot()
{
    QVERIFY(m_parsed.ok());
    const engine::Snapshot &a = m_parsed.snapshot;
    std::size_t bytes = 0;
    const auto b = throughBlocks(a, bytes);
    QVERIFY(b);
    const auto &il = a.itemLocations, &jl = b->itemLocations;
    for (const auto &[x, y] :
        {std::pair {&il.onHand, &jl.onHand}, {&il.allocated, &jl.allocated},
            {&il.safetyStock, &jl.safetyStock}, {&il.reorderPoint, &jl.reorderPoint},
            {&il.orderUpTo, &jl.orderUpTo}, {&il.dailyDemand, &jl.dailyDemand},
            {&il.dailyDemandStd, &jl.dailyDemandStd}, {&il.leadTimeDays, &jl.leadTimeDays},
            {&il.leadTimeStdDays, &jl.leadTimeStdDays}, {&il.minOrderQty, &jl.minOrderQty},
            {&il.orderMultiple, &jl.orderMultiple}, {&il.countVarianceRate, &jl.countVarianceRate}})
        QVERIFY(sameBits(*x, *y));
    QVERIFY(sameBits(il.item, jl.item) && sameBits(il.location, jl.location)
        && sameBits(il.supplier, jl.supplier) && sameBits(il.sourceLocation, jl.sourceLocation)
        && sameBits(il.lastCountDate, jl.lastCountDate));
    const auto &so = a.salesOrders, &to = b->salesOrders;
    QVERIFY(sameBits(so.orderId, to.orderId) && sameBits(so.line, to.line)
        && sameBits(so.customer, to.customer) && sameBits(so.item, to.item)
        && sameBits(so.location, to.location) && sameBits(so.qtyOpen, to.qtyOpen)
        && sameBits(so.orderDate, to.orderDate) && sameBits(so.dueDate, to.dueDate)
        && sameBits(so.unitPrice, to.unitPrice));
    const auto &po = a.purchaseOrders, &qo = b->purchaseOrders;
    QVERIFY(sameBits(po.poId, qo.poId) && sameBits(po.line, qo.line)
        && sameBits(po.supplier, qo.supplier) && sameBits(po.item, qo.item)
        && sameBits(po.location, qo.location) && sameBits(po.qtyOpen, qo.qtyOpen)
        && sameBits(po.orderDate, qo.orderDate) && sameBits(po.expectedDate, qo.expectedDate)
        && sameBits(po.promisedDate, qo.promisedDate) && sameBits(po.status, qo.status));
    const auto &tr = a.transfers, &ur = b->transfers;
    QVERIFY(sameBits(tr.transferId, ur.transferId) && sameBits(tr.item, ur.item)
        && sameBits(tr.fromLocation, ur.fromLocation) && sameBits(tr.toLocation, ur.toLocation)
        && sameBits(tr.qty, ur.qty) && sameBits(tr.shipDate, ur.shipDate)
        && sameBits(tr.expectedDate, ur.expectedDate));
    const auto &fa = a.forecast, &fb = b->forecast;
    QVERIFY(sameBits(fa.item, fb.item) && sameBits(fa.location, fb.location)
        && sameBits(fa.date, fb.date) && sameBits(fa.qty, fb.qty));
    // Far smaller than the columns in memory.
    const std::size_t inMemory = std::size_t(il.size()) * (12 * 8 + 5 * 4)
        + std::size_t(so.size()) * (4 * 8 + 6 * 4) + std::size_t(po.size()) * (4 * 8 + 7 * 4);
    QVERIFY2(bytes * 3 < inMemory,
        qPrintable(QString::number(bytes) + u" of "_s + QString::number(inMemory)));
    // Indexed, and scored alike.
    QCOMPARE(b->idx.salesByItemLocation.rows, a.idx.salesByItemLocation.rows);
    const auto sa = engine::score(a, engine::Policy {}, {}, 1);
    const auto sb = engine::score(*b, engine::Policy {}, {}, 1);
    QCOMPARE(sb.exceptions.size(), sa.exceptions.size());
    for (std::size_t i = 0; i < sa.exceptions.size(); ++i) {
        QCOMPARE(sb.exceptions[i].itemLocation, sa.exceptions[i].itemLocation);
        QCOMPARE(sb.exceptions[i].score, sa.exceptions[i].score);
    }
}

void TestGenerator::itemBlocksPackLosslessly()
{
    // Values of every kind a column can hold come back with the same bits: whole,
    // decimal (one to four places), beyond four places, huge, negative, negative
    // zero, not given (NaN, kNoDate, kNone), and dates far apart.
    engine::Snapshot s = m_parsed.snapshot;
    auto &il = s.itemLocations;
    const engine::Index item = il.item[0];
    const engine::RowsByItem rows = engine::groupRowsByItem(s);
    const engine::Index *first = rows.itemLocations.begin(item);
    const std::size_t n = rows.itemLocations.count(item);
    QVERIFY(n >= 4);
    const double values[] = {0.0, -0.0, 12.5, 0.1 + 0.2, 3.14159, 1e300, -7.25, 0.0001,
        engine::kUnset, 123456789.0, 2.0 / 3.0, -1e-9};
    for (std::size_t k = 0; k < n; ++k) {
        const auto r = std::size_t(first[k]);
        il.onHand[r] = values[k % std::size(values)];
        il.dailyDemand[r] = values[(k + 3) % std::size(values)];
        il.safetyStock[r] = k % 2 ? engine::kUnset : double(k); // whole, some not given
        il.lastCountDate[r] = k % 3 ? engine::kNoDate : engine::Date(-40000 + 70000 * int(k));
        il.supplier[r] = k % 2 ? engine::kNone : il.supplier[r];
    }
    std::string block;
    engine::encodeItemBlock(s, rows, item, block);
    engine::ItemRows back;
    QVERIFY(engine::decodeItemBlock(block, item, back));
    QCOMPARE(back.itemLocations.size(), engine::Index(n));
    for (std::size_t k = 0; k < n; ++k) {
        const auto r = std::size_t(first[k]);
        QCOMPARE(back.itemLocationSeq[k], first[k]);
        QCOMPARE(std::bit_cast<std::uint64_t>(back.itemLocations.onHand[k]),
            std::bit_cast<std::uint64_t>(il.onHand[r]));
        QCOMPARE(std::bit_cast<std::uint64_t>(back.itemLocations.dailyDemand[k]),
            std::bit_cast<std::uint64_t>(il.dailyDemand[r]));
        QCOMPARE(std::isnan(back.itemLocations.safetyStock[k]), std::isnan(il.safetyStock[r]));
        if (!std::isnan(il.safetyStock[r]))
            QCOMPARE(back.itemLocations.safetyStock[k], il.safetyStock[r]);
        QCOMPARE(back.itemLocations.lastCountDate[k], il.lastCountDate[r]);
        QCOMPARE(back.itemLocations.supplier[k], il.supplier[r]);
        QCOMPARE(back.itemLocations.item[k], item);
    }
}

void TestGenerator::damagedItemBlockIsRefused()
{
    QVERIFY(m_parsed.ok());
    const engine::Snapshot &s = m_parsed.snapshot;
    const engine::RowsByItem rows = engine::groupRowsByItem(s);
    std::string block;
    engine::encodeItemBlock(s, rows, 0, block);
    QVERIFY(block.size() > 100);
    engine::ItemRows back;
    QVERIFY(engine::decodeItemBlock(block, 0, back));
    // Every shorter prefix, a byte too many, another format: refused, never read.
    for (std::size_t size = 0; size < block.size(); ++size)
        QVERIFY(!engine::decodeItemBlock(std::string_view(block).substr(0, size), 0, back));
    QVERIFY(!engine::decodeItemBlock(block + 'x', 0, back));
    std::string other = block;
    other[0] = char(engine::kItemBlockFormat + 1);
    QVERIFY(!engine::decodeItemBlock(other, 0, back));
    // A row count far beyond the bytes that follow is refused before anything is sized.
    const std::string huge
        = std::string(1, char(engine::kItemBlockFormat)) + "\xff\xff\xff\xff\x0f";
    QVERIFY(!engine::decodeItemBlock(huge, 0, back));
    // Flipping any one byte never crashes; whatever still decodes has every column of
    // a table at one length.
    for (std::size_t i = 0; i < block.size(); ++i) {
        std::string flipped = block;
        flipped[i] = char(~flipped[i]);
        if (engine::decodeItemBlock(flipped, 0, back)) {
            QCOMPARE(back.itemLocations.onHand.size(), back.itemLocationSeq.size());
            QCOMPARE(back.salesOrders.orderId.size(), back.salesOrderSeq.size());
        }
    }
}

void TestGenerator::committedDemoIsCurrent()
{
    const QString dir = m_tmp.filePath(u"demo-now"_s);
    QVERIFY(engine::generateSnapshot(engine::demoGeneratorOptions(), toPath(dir)));
    auto committed = readFolder(QStringLiteral(PWB_DEMO_DIR));
    committed.erase("README.md");
    const auto generated = readFolder(dir);
    QCOMPARE(committed.size(), generated.size());
    for (const auto &[name, bytes] : generated) {
        QVERIFY2(committed.contains(name), name.c_str());
        // On failure: regenerate with the command in resources/demo/README.md.
        QVERIFY2(committed.at(name) == bytes, name.c_str());
    }
}

void TestGenerator::rejectsBadOptions()
{
    const auto dir = toPath(m_tmp.filePath(u"bad"_s));
    engine::GeneratorOptions options;
    options.items = 0;
    auto result = engine::generateSnapshot(options, dir);
    QVERIFY(!result && result.error().find("items") != std::string::npos);

    options = {};
    options.locations = engine::kGeneratorMaxLocations + 1;
    result = engine::generateSnapshot(options, dir);
    QVERIFY(!result && result.error().find("locations") != std::string::npos);

    options = {};
    options.asOf = "2026-02-30";
    result = engine::generateSnapshot(options, dir);
    QVERIFY(!result && result.error().find("2026-02-30") != std::string::npos);

    options = {};
    options.currency = "DOLLARS";
    result = engine::generateSnapshot(options, dir);
    QVERIFY(!result && result.error().find("currency") != std::string::npos);
    QVERIFY(!QFileInfo::exists(m_tmp.filePath(u"bad"_s)));
}

void TestGenerator::reportsUnwritableFolder()
{
    // A folder cannot be made under a regular file.
    QFile blocker(m_tmp.filePath(u"blocker"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    engine::GeneratorOptions options;
    options.items = 10;
    options.locations = 2;
    const auto result = engine::generateSnapshot(options, toPath(m_tmp.filePath(u"blocker/out"_s)));
    QVERIFY(!result);
    QVERIFY2(result.error().find("blocker") != std::string::npos, result.error().c_str());
}

QTEST_GUILESS_MAIN(TestGenerator)
#include "test_generator.moc"
