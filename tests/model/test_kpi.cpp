// Managers' KPIs on two snapshots of the demo, the figures worked out by hand from the
// snapshot files (see kpitestdata.h) and the queues: exposure, fill rate proxy,
// backorders, excess stock, decisions by planner and touch time, inventory turns (by
// hand on three SKU-locations, and on the demo against a sum over its files), the date
// range and the groupings.

#include "importedstore.h"
#include "kpitestdata.h"
#include "model/kpi/kpistore.h"
#include "model/workbench.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

engine::Date day(const char *text)
{
    return *engine::parseDate(text);
}

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-6;
}

bool writeText(const QString &path, const char *text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) > 0;
}

/// The rows of a snapshot CSV file as header name -> field, quotes honoured (the demo's
/// descriptions hold commas): read apart from the importer, to check its sums.
QList<QHash<QString, QString>> csvRows(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    const auto split = [](const QString &line) {
        QStringList fields {QString()};
        bool quoted = false;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const QChar c = line[i];
            if (c == u'"' && quoted && i + 1 < line.size() && line[i + 1] == u'"')
                fields.back() += line[++i];
            else if (c == u'"')
                quoted = !quoted;
            else if (c == u',' && !quoted)
                fields << QString();
            else
                fields.back() += c;
        }
        return fields;
    };
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    QList<QHash<QString, QString>> rows;
    const QStringList header = split(lines.value(0).trimmed());
    for (qsizetype l = 1; l < lines.size(); ++l) {
        const QStringList fields = split(lines[l].trimmed());
        QHash<QString, QString> row;
        for (qsizetype c = 0; c < header.size(); ++c)
            row.insert(header[c], fields.value(c));
        rows << row;
    }
    return rows;
}

} // namespace

class TestKpi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void figuresOfTwoSnapshots();
    void decisionsAndTouchTime();
    void canSaveTakenAndLeft();
    void dateRangeAndGroups();
    void inventoryTurnsByHand();
    void inventoryTurnsOfTheDemo();
    void emptyStore();
    void readAgainAndRescored();
    void dimensionNames();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<model::Workbench> m_wb;
};

void TestKpi::initTestCase()
{
    const QString demo = QStringLiteral(PWB_SOURCE_DIR) + u"/resources/demo"_s;
    QVERIFY(kpitest::writeDemo(demo, m_dir.filePath(u"s1"_s), false));
    QVERIFY(kpitest::writeDemo(demo, m_dir.filePath(u"s2"_s), true));
    auto opened = model::Workbench::open(m_dir.filePath(u"wb.db"_s));
    QVERIFY(opened);
    m_wb = std::move(*opened);
    for (const char *folder : {"s1", "s2"}) {
        auto imported = m_wb->importer().importSnapshot(
            m_dir.filePath(QString::fromLatin1(folder)), engine::Policy {});
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
    }
}

void TestKpi::figuresOfTwoSnapshots()
{
    auto report = m_wb->kpis().load({});
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->snapshots.size(), std::size_t(2));
    QCOMPARE(report->fillRateTarget, 0.95);
    const model::KpiFigures &a = report->snapshots[0].overall;
    const model::KpiFigures &b = report->snapshots[1].overall;
    QCOMPARE(report->snapshots[0].snapshot.asOf, day("2026-11-28"));
    QCOMPARE(report->snapshots[1].snapshot.snapshotId, u"SYNTH-7-2026-11-29"_s);

    // Exposure: the run's own total; can save: the queue's column summed.
    auto run = m_wb->runs().currentRun();
    QVERIFY(run);
    QVERIFY(near(b.exposure, run->second.totalScore));
    QVERIFY(std::abs(a.exposure - 20114.70) < 0.005);
    QVERIFY2(
        std::abs(b.canSave - 14448.49) < 0.005, qPrintable(QString::number(b.canSave, 'f', 2)));

    // By type. The day later, SKU-00025 and SKU-00039 at DC-WEST are no longer short
    // and the new order makes SKU-00001 at BR-01 short.
    const std::array<int, 6> first {11, 19, 3, 3, 12, 1}, second {10, 20, 3, 3, 12, 1};
    QCOMPARE(a.exceptions, first);
    QCOMPARE(b.exceptions, second);
    QCOMPARE(b.exceptionCount(), 49);

    // Fill rate proxy: 126 open lines, 16 at a short item-location (47 tier-1, 4).
    QCOMPARE(a.openLines, 126);
    QCOMPARE(a.shortLines, 16);
    QCOMPARE(a.tier1Lines, 47);
    QCOMPARE(a.tier1ShortLines, 4);
    QCOMPARE(*a.fillRate(), 1.0 - 16.0 / 126.0);
    // The day later: the new line (tier 1, short) and 14 short lines in all.
    QCOMPARE(b.openLines, 127);
    QCOMPARE(b.shortLines, 14);
    QCOMPARE(b.tier1Lines, 48);
    QCOMPARE(b.tier1ShortLines, 4);
    QCOMPARE(*b.tier1FillRate(), 1.0 - 4.0 / 48.0);

    // Backorders: 27 lines due before 2026-11-28 worth 10,739.33; the day later also
    // the three lines due on the 28th (1,706.01) and the new one (4 x 10.00).
    QCOMPARE(a.backorderLines, 27);
    QVERIFY(near(a.backorderValue, 10739.33));
    QCOMPARE(b.backorderLines, 31);
    QVERIFY(near(b.backorderValue, 10739.33 + 1706.01 + 40.0));

    // Excess stock: units beyond need x unit cost of the 12 excess exceptions, as
    // their explanations give them (273 units of SKU-00054 at 112.52 the largest).
    QVERIFY(std::abs(a.excessValue - 55736.1758) < 1e-4);
    QVERIFY(std::abs(b.excessValue - 55736.1758) < 1e-4);

    // Out of stock with demand: 13 SKU-locations have nothing on hand; 6 of them have
    // open order lines (SKU-00008, SKU-00016, SKU-00025 and SKU-00037 at DC-WEST,
    // SKU-00035 at BR-01, SKU-00042 at BR-02), the other 7 neither lines nor forecast.
    // The day later the same 6: two nights, 12 stockout days.
    QCOMPARE(a.stockouts, 6);
    QCOMPARE(b.stockouts, 6);
    QCOMPARE(report->stockoutDays(), 12);
}

void TestKpi::decisionsAndTouchTime()
{
    // On the second snapshot's run: ana approves a shortage both runs show and
    // overrides another, ben rejects a replenishment only the second run shows.
    const QString both1 = u"shortage:SKU-00016@DC-WEST"_s, both2 = u"shortage:SKU-00009@BR-02"_s,
                  onlySecond = u"replenishment:SKU-00025@DC-WEST"_s;
    auto approved = m_wb->decisions().record(both1, 0, model::Decision::Approved, storetest::kAna);
    QVERIFY2(approved, qPrintable(approved ? QString() : approved.error().message));
    auto overridden = m_wb->decisions().override(both2, 0, 1, u"stock_found"_s, storetest::kAna);
    QVERIFY2(overridden, qPrintable(overridden ? QString() : overridden.error().message));
    auto rejected = m_wb->decisions().record(onlySecond, 0, model::Decision::Rejected,
        storetest::kBen, {}, 0, u"customer_agreed_to_wait"_s);
    QVERIFY2(rejected, qPrintable(rejected ? QString() : rejected.error().message));

    auto report = m_wb->kpis().load({});
    QVERIFY(report);
    const model::KpiFigures &a = report->snapshots[0].overall;
    const model::KpiFigures &b = report->snapshots[1].overall;
    QCOMPARE(a.decisions, 0);
    QVERIFY(!a.decisionsPerPlannerDay());
    QCOMPARE(b.decisions, 3);
    QCOMPARE(b.approved, 1);
    QCOMPARE(b.overridden, 1);
    QCOMPARE(b.rejected, 1);
    const bool sameDay = approved->decidedAt.left(10) == rejected->decidedAt.left(10)
        && overridden->decidedAt.left(10) == approved->decidedAt.left(10);
    if (sameDay) {
        QCOMPARE(b.plannerDays, 2);
        QCOMPARE(*b.decisionsPerPlannerDay(), 1.5);
    }
    QCOMPARE(*b.share(b.overridden), 1.0 / 3.0);

    // Touch time: from the first run's creation for the two shortages, from the
    // second's for the replenishment.
    auto createdAt = [&](qint64 run) {
        sqlite3 *db = nullptr;
        sqlite3_open_v2(
            m_wb->databasePath().toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(
            db, "SELECT created_at FROM score_runs WHERE run_id = ?", -1, &st, nullptr);
        sqlite3_bind_int64(st, 1, run);
        QString text;
        if (sqlite3_step(st) == SQLITE_ROW)
            text = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
        sqlite3_close(db);
        return QDateTime::fromString(text, Qt::ISODate);
    };
    const qint64 firstRun = report->snapshots[0].runId, secondRun = report->snapshots[1].runId;
    QVERIFY(firstRun > 0 && secondRun > firstRun);
    auto hours = [](const QDateTime &from, const QString &to) {
        return from.msecsTo(QDateTime::fromString(to, Qt::ISODate)) / 3.6e6;
    };
    const std::vector<double> expected {hours(createdAt(firstRun), approved->decidedAt),
        hours(createdAt(firstRun), overridden->decidedAt),
        hours(createdAt(secondRun), rejected->decidedAt)};
    QCOMPARE(b.touchHours.size(), std::size_t(3));
    for (std::size_t i = 0; i < 3; ++i)
        QVERIFY2(near(b.touchHours[i], expected[i]),
            qPrintable(
                QString::number(b.touchHours[i]) + u" vs "_s + QString::number(expected[i])));

    // By planner: ana two (one override), ben one rejection; the order figures are
    // nobody's.
    auto byPlanner
        = m_wb->kpis().load({engine::kNoDate, engine::kNoDate, model::KpiDimension::Planner});
    QVERIFY(byPlanner);
    const auto &groups = byPlanner->snapshots[1].groups;
    QCOMPARE(groups.size(), std::size_t(2));
    QCOMPARE(groups.at(u"ana"_s).decisions, 2);
    QCOMPARE(groups.at(u"ana"_s).overridden, 1);
    QCOMPARE(groups.at(u"ben"_s).rejected, 1);
    QCOMPARE(groups.at(u"ben"_s).openLines, 0);
    // By location: two decisions at DC-WEST, one at BR-02.
    auto byLocation
        = m_wb->kpis().load({engine::kNoDate, engine::kNoDate, model::KpiDimension::Location});
    QVERIFY(byLocation);
    QCOMPARE(byLocation->snapshots[1].groups.at(u"DC-WEST"_s).decisions, 2);
    QCOMPARE(byLocation->snapshots[1].groups.at(u"BR-02"_s).overridden, 1);
}

void TestKpi::canSaveTakenAndLeft()
{
    // The decisions of decisionsAndTouchTime stand on the second snapshot: ana's
    // approval of shortage:SKU-00016@DC-WEST (can save 381.25, `pwb queue`) and her
    // override of shortage:SKU-00009@BR-02 (297.66) take their can-save; ben's rejection
    // of replenishment:SKU-00025@DC-WEST (1,418.04) does not.
    const QString both1 = u"shortage:SKU-00016@DC-WEST"_s, both2 = u"shortage:SKU-00009@BR-02"_s,
                  rejected = u"replenishment:SKU-00025@DC-WEST"_s;
    auto queue = m_wb->runs().queue();
    QVERIFY(queue);
    QHash<QString, double> canSave;
    for (qsizetype r = 0; r < queue->size(); ++r)
        canSave.insert(queue->exceptionId(r), queue->canSave[std::size_t(r)]);
    const double cs16 = canSave.value(both1), cs09 = canSave.value(both2);
    const auto cents = [](double a, double b) { return std::abs(a - b) < 0.005; };
    QVERIFY2(cents(cs16, 381.25), qPrintable(QString::number(cs16, 'f', 4)));
    QVERIFY2(cents(cs09, 297.66), qPrintable(QString::number(cs09, 'f', 4)));
    QVERIFY(cents(canSave.value(rejected), 1418.04));

    auto report = m_wb->kpis().load({});
    QVERIFY(report);
    const model::KpiFigures &a = report->snapshots[0].overall;
    const model::KpiFigures &b = report->snapshots[1].overall;
    QCOMPARE(a.canSaveTaken, 0.0); // nothing decided on the first snapshot
    QVERIFY(near(a.canSaveLeft(), a.canSave));
    QVERIFY2(near(b.canSaveTaken, cs16 + cs09), qPrintable(QString::number(b.canSaveTaken)));
    QVERIFY(cents(b.canSaveTaken, 678.91));
    QVERIFY(near(b.canSaveLeft(), b.canSave - cs16 - cs09));
    QVERIFY2(
        cents(b.canSaveLeft(), 13769.59), qPrintable(QString::number(b.canSaveLeft(), 'f', 2)));

    // By location: each approval where its exception sits; the groups add up.
    auto byLocation
        = m_wb->kpis().load({engine::kNoDate, engine::kNoDate, model::KpiDimension::Location});
    QVERIFY(byLocation);
    const auto &groups = byLocation->snapshots[1].groups;
    QVERIFY(near(groups.at(u"DC-WEST"_s).canSaveTaken, cs16));
    QVERIFY(near(groups.at(u"BR-02"_s).canSaveTaken, cs09));
    double taken = 0, left = 0;
    for (const auto &[key, f] : groups) {
        taken += f.canSaveTaken;
        left += f.canSaveLeft();
    }
    QVERIFY(near(taken, b.canSaveTaken));
    QVERIFY(near(left, b.canSaveLeft()));
    // By planner: the run's figures are nobody's, can-save taken included.
    auto byPlanner
        = m_wb->kpis().load({engine::kNoDate, engine::kNoDate, model::KpiDimension::Planner});
    QVERIFY(byPlanner);
    QCOMPARE(byPlanner->snapshots[1].groups.at(u"ana"_s).canSaveTaken, 0.0);

    // Behind the figures: the two approved exceptions, and the rest, add up to them.
    const engine::Date asOf = report->snapshots[1].snapshot.asOf;
    auto takenRows = m_wb->kpis().drillDown(
        {model::KpiMeasure::CanSaveTaken, asOf, 0, model::KpiDimension::None, {}});
    QVERIFY2(takenRows, qPrintable(takenRows ? QString() : takenRows.error().message));
    QCOMPARE(takenRows->exceptions.size(), std::size_t(2));
    QCOMPARE(takenRows->exceptions[0].exceptionId, cs16 >= cs09 ? both1 : both2);
    QVERIFY(takenRows->exceptions[0].taken && takenRows->exceptions[1].taken);
    QVERIFY(near(takenRows->total(), *takenRows->value()));
    auto leftRows = m_wb->kpis().drillDown(
        {model::KpiMeasure::CanSaveLeft, asOf, 0, model::KpiDimension::None, {}});
    QVERIFY(leftRows);
    QVERIFY(near(leftRows->total(), b.canSaveLeft()));
    bool rejectedLeft = false;
    for (const model::KpiExceptionRow &row : leftRows->exceptions) {
        QVERIFY(!row.taken);
        QVERIFY(row.canSave != 0);
        rejectedLeft = rejectedLeft || row.exceptionId == rejected;
    }
    QVERIFY(rejectedLeft);
    auto all = m_wb->kpis().drillDown(
        {model::KpiMeasure::CanSave, asOf, 0, model::KpiDimension::None, {}});
    QVERIFY(all);
    QCOMPARE(all->exceptions.size(), takenRows->exceptions.size() + leftRows->exceptions.size());
    QCOMPARE(std::count_if(all->exceptions.begin(), all->exceptions.end(),
                 [](const model::KpiExceptionRow &r) { return r.taken; }),
        2);
    // A planner has no run figures to open.
    QVERIFY(!m_wb->kpis().drillDown(
        {model::KpiMeasure::CanSaveTaken, asOf, 0, model::KpiDimension::Planner, u"ana"_s}));
}

void TestKpi::dateRangeAndGroups()
{
    auto later = m_wb->kpis().load({day("2026-11-29"), engine::kNoDate, model::KpiDimension::None});
    QVERIFY(later);
    QCOMPARE(later->snapshots.size(), std::size_t(1));
    QCOMPARE(later->snapshots[0].snapshot.asOf, day("2026-11-29"));
    QVERIFY(later->snapshots[0].groups.empty());
    auto earlier
        = m_wb->kpis().load({engine::kNoDate, day("2026-11-28"), model::KpiDimension::None});
    QVERIFY(earlier);
    QCOMPARE(earlier->snapshots.size(), std::size_t(1));
    auto none
        = m_wb->kpis().load({day("2026-12-01"), day("2026-12-31"), model::KpiDimension::None});
    QVERIFY(none);
    QVERIFY(none->snapshots.empty());

    // The groups add up to the whole: every exception and order line has one place.
    for (model::KpiDimension by :
        {model::KpiDimension::Location, model::KpiDimension::Abc, model::KpiDimension::Tier}) {
        auto report = m_wb->kpis().load({engine::kNoDate, engine::kNoDate, by});
        QVERIFY(report);
        for (const model::SnapshotKpis &s : report->snapshots) {
            double exposure = 0, backorders = 0;
            int lines = 0, shortLines = 0, exceptions = 0;
            for (const auto &[key, f] : s.groups) {
                exposure += f.exposure;
                backorders += f.backorderValue;
                lines += f.openLines;
                shortLines += f.shortLines;
                exceptions += f.exceptionCount();
            }
            QVERIFY(near(exposure, s.overall.exposure));
            QVERIFY(near(backorders, s.overall.backorderValue));
            QCOMPARE(lines, s.overall.openLines);
            QCOMPARE(shortLines, s.overall.shortLines);
            QCOMPARE(exceptions, s.overall.exceptionCount());
        }
    }
    // Stockouts by location: 4 at DC-WEST, 1 each at BR-01 and BR-02; by ABC they add
    // up to the 6; by tier they are not cut (a SKU-location has no tier).
    auto byLocation
        = m_wb->kpis().load({engine::kNoDate, engine::kNoDate, model::KpiDimension::Location});
    QVERIFY(byLocation);
    const auto &places = byLocation->snapshots[0].groups;
    QCOMPARE(places.at(u"DC-WEST"_s).stockouts, 4);
    QCOMPARE(places.at(u"BR-01"_s).stockouts, 1);
    QCOMPARE(places.at(u"BR-02"_s).stockouts, 1);
    QCOMPARE(places.at(u"DC-EAST"_s).stockouts, 0);
    auto byAbc = m_wb->kpis().load({engine::kNoDate, engine::kNoDate, model::KpiDimension::Abc});
    QVERIFY(byAbc);
    int abcStockouts = 0;
    for (const auto &[key, f] : byAbc->snapshots[1].groups)
        abcStockouts += f.stockouts;
    QCOMPARE(abcStockouts, 6);
    // Tier 1 holds exactly the tier-1 lines.
    auto byTier = m_wb->kpis().load({engine::kNoDate, engine::kNoDate, model::KpiDimension::Tier});
    QVERIFY(byTier);
    QCOMPARE(byTier->snapshots[0].groups.at(u"1"_s).openLines, 47);
    QCOMPARE(byTier->snapshots[0].groups.at(u"1"_s).tier1Lines, 47);
}

void TestKpi::inventoryTurnsByHand()
{
    // Three SKU-locations, a year of 365 days:
    //   SKU1 (A, 10.00) at DC1: 100 on hand, 2 a day   -> stock 1000, COGS 2 x 10 x 365 = 7300
    //   SKU2 (B,  4.00) at DC1:  50 on hand, 0.5 a day -> stock  200, COGS 0.5 x 4 x 365 = 730
    //   SKU1 (A, 10.00) at BR1:   0 on hand, 1 a day   -> stock    0, COGS 1 x 10 x 365 = 3650
    // Overall (7300 + 730 + 3650) / (1000 + 200) = 11680 / 1200 = 9.7333 turns.
    // DC1: 8030 / 1200 = 6.6917; BR1: no stock at cost, no turns (its demand still counts
    // overall). A: 10950 / 1000 = 10.95; B: 730 / 200 = 3.65.
    QTemporaryDir dir;
    const QString folder = dir.filePath(u"small"_s);
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(writeText(folder + u"/manifest.json"_s,
        "{\"format\": \"erp-snapshot/1\", \"snapshot_id\": \"TURNS-1\", "
        "\"as_of\": \"2026-03-02\", \"currency\": \"EUR\"}\n"));
    QVERIFY(writeText(folder + u"/locations.csv"_s, "location_id,name\nDC1,Central\nBR1,Branch\n"));
    QVERIFY(writeText(folder + u"/items.csv"_s,
        "item_id,description,unit_cost,abc_class\nSKU1,Widget,10,A\nSKU2,Gadget,4,B\n"));
    QVERIFY(writeText(folder + u"/item_locations.csv"_s,
        "item_id,location_id,on_hand,daily_demand\nSKU1,DC1,100,2\nSKU2,DC1,50,0.5\n"
        "SKU1,BR1,0,1\n"));
    auto opened = model::Workbench::open(dir.filePath(u"small.db"_s));
    QVERIFY(opened);
    auto imported = (*opened)->importer().importSnapshot(folder, engine::Policy {});
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));

    auto report = (*opened)->kpis().load({});
    QVERIFY(report);
    QCOMPARE(report->snapshots.size(), std::size_t(1));
    const model::KpiFigures &f = report->snapshots[0].overall;
    QVERIFY(near(f.stockAtCost, 1200));
    QVERIFY(near(f.annualCogs, 11680));
    QVERIFY(near(*f.inventoryTurns(), 11680.0 / 1200.0));

    auto byLocation
        = (*opened)->kpis().load({engine::kNoDate, engine::kNoDate, model::KpiDimension::Location});
    QVERIFY(byLocation);
    const auto &places = byLocation->snapshots[0].groups;
    QVERIFY(near(*places.at(u"DC1"_s).inventoryTurns(), 8030.0 / 1200.0));
    QVERIFY(near(places.at(u"BR1"_s).annualCogs, 3650));
    QVERIFY(!places.at(u"BR1"_s).inventoryTurns()); // nothing on hand: no ratio
    auto byAbc
        = (*opened)->kpis().load({engine::kNoDate, engine::kNoDate, model::KpiDimension::Abc});
    QVERIFY(byAbc);
    QVERIFY(near(*byAbc->snapshots[0].groups.at(u"A"_s).inventoryTurns(), 10.95));
    QVERIFY(near(*byAbc->snapshots[0].groups.at(u"B"_s).inventoryTurns(), 3.65));
    // By tier it is not cut: no group holds any of it.
    auto byTier
        = (*opened)->kpis().load({engine::kNoDate, engine::kNoDate, model::KpiDimension::Tier});
    QVERIFY(byTier);
    for (const auto &[key, g] : byTier->snapshots[0].groups)
        QCOMPARE(g.stockAtCost, 0.0);

    // No stock at cost at all: no turns, not a division by zero.
    model::KpiFigures empty;
    empty.annualCogs = 500;
    QVERIFY(!empty.inventoryTurns());
}

void TestKpi::inventoryTurnsOfTheDemo()
{
    // Summed apart from the importer, over the demo's files: on_hand x unit_cost, and
    // daily_demand x unit_cost x 365, per SKU-location (2,722,698.63 / 193,666.66 =
    // 14.06 turns).
    const QString demo = QStringLiteral(PWB_SOURCE_DIR) + u"/resources/demo"_s;
    QHash<QString, double> unitCost;
    for (const auto &item : csvRows(demo + u"/items.csv"_s))
        unitCost.insert(item.value(u"item_id"_s), item.value(u"unit_cost"_s).toDouble());
    QCOMPARE(unitCost.size(), 60);
    double stock = 0, cogs = 0;
    QHash<QString, double> stockAt, cogsAt;
    const auto itemLocations = csvRows(demo + u"/item_locations.csv"_s);
    QCOMPARE(itemLocations.size(), 240);
    for (const auto &il : itemLocations) {
        const double cost = unitCost.value(il.value(u"item_id"_s));
        const double s = il.value(u"on_hand"_s).toDouble() * cost;
        const double c = il.value(u"daily_demand"_s).toDouble() * cost * 365.0;
        stock += s;
        cogs += c;
        stockAt[il.value(u"location_id"_s)] += s;
        cogsAt[il.value(u"location_id"_s)] += c;
    }
    QVERIFY(std::abs(stock - 193666.66) < 1e-6);
    QVERIFY(std::abs(cogs - 2722698.6295) < 1e-6);

    auto report
        = m_wb->kpis().load({engine::kNoDate, engine::kNoDate, model::KpiDimension::Location});
    QVERIFY(report);
    for (const model::SnapshotKpis &s : report->snapshots) { // the stock is the same both nights
        QVERIFY(near(s.overall.stockAtCost, stock));
        QVERIFY(near(s.overall.annualCogs, cogs));
        QVERIFY(near(*s.overall.inventoryTurns(), cogs / stock));
        QVERIFY(std::abs(*s.overall.inventoryTurns() - 14.0587) < 1e-4);
        // The locations add up to the whole, each as summed from the file.
        double groupStock = 0, groupCogs = 0;
        for (const auto &[key, f] : s.groups) {
            QVERIFY2(near(f.stockAtCost, stockAt.value(key)), qPrintable(key));
            QVERIFY2(near(f.annualCogs, cogsAt.value(key)), qPrintable(key));
            groupStock += f.stockAtCost;
            groupCogs += f.annualCogs;
        }
        QCOMPARE(s.groups.size(), std::size_t(4));
        QVERIFY(near(groupStock, s.overall.stockAtCost));
        QVERIFY(near(groupCogs, s.overall.annualCogs));
    }
    // By ABC class too.
    auto byAbc = m_wb->kpis().load({engine::kNoDate, engine::kNoDate, model::KpiDimension::Abc});
    QVERIFY(byAbc);
    double abcStock = 0, abcCogs = 0;
    for (const auto &[key, f] : byAbc->snapshots[0].groups) {
        abcStock += f.stockAtCost;
        abcCogs += f.annualCogs;
    }
    QVERIFY(near(abcStock, stock));
    QVERIFY(near(abcCogs, cogs));
}

void TestKpi::emptyStore()
{
    QTemporaryDir dir;
    auto opened = model::Workbench::open(dir.filePath(u"empty.db"_s));
    QVERIFY(opened);
    auto report = (*opened)->kpis().load({});
    QVERIFY(report);
    QVERIFY(report->snapshots.empty());
    QCOMPARE(report->fillRateTarget, model::kDefaultFillRateTarget);
}

void TestKpi::readAgainAndRescored()
{
    // Read again (from the figures kept for the process), every figure is the same.
    auto first
        = m_wb->kpis().load({engine::kNoDate, engine::kNoDate, model::KpiDimension::Location});
    auto again
        = m_wb->kpis().load({engine::kNoDate, engine::kNoDate, model::KpiDimension::Location});
    QVERIFY(first && again);
    QCOMPARE(again->snapshots.size(), first->snapshots.size());
    for (std::size_t i = 0; i < first->snapshots.size(); ++i) {
        const model::SnapshotKpis &a = first->snapshots[i], &b = again->snapshots[i];
        QCOMPARE(b.runId, a.runId);
        QCOMPARE(b.overall.exposure, a.overall.exposure);
        QCOMPARE(b.overall.openLines, a.overall.openLines);
        QCOMPARE(b.overall.backorderValue, a.overall.backorderValue);
        QCOMPARE(b.overall.decisions, a.overall.decisions);
        QCOMPARE(b.groups.size(), a.groups.size());
        for (const auto &[key, f] : a.groups) {
            QCOMPARE(b.groups.at(key).exposure, f.exposure);
            QCOMPARE(b.groups.at(key).shortLines, f.shortLines);
            QCOMPARE(b.groups.at(key).decisions, f.decisions);
        }
    }
    // A new run of the latest snapshot is read afresh: its own id, its policy's target.
    engine::Policy policy;
    policy.serviceTarget[3] = 0.9;
    auto run = m_wb->runs().rescore(policy);
    QVERIFY2(run, qPrintable(run ? QString() : run.error().message));
    auto after = m_wb->kpis().load({});
    QVERIFY(after);
    QCOMPARE(after->snapshots.back().runId, run->runId);
    QVERIFY(after->snapshots.back().runId != first->snapshots.back().runId);
    QCOMPARE(after->fillRateTarget, 0.9);
    QCOMPARE(after->snapshots.back().overall.openLines, first->snapshots.back().overall.openLines);
}

void TestKpi::dimensionNames()
{
    QCOMPARE(model::parseDimension(u""_s), model::KpiDimension::None);
    QCOMPARE(model::parseDimension(u"abc"_s), model::KpiDimension::Abc);
    QCOMPARE(model::parseDimension(u"planner"_s), model::KpiDimension::Planner);
    QVERIFY(!model::parseDimension(u"region"_s));
    model::KpiFigures f;
    f.touchHours = {4, 1, 3, 2};
    QCOMPARE(*f.medianTouchHours(), 2.5);
    QCOMPARE(*f.meanTouchHours(), 2.5);
    f.touchHours.push_back(10);
    QCOMPARE(*f.medianTouchHours(), 3.0);
}

QTEST_GUILESS_MAIN(TestKpi)
#include "test_kpi.moc"
