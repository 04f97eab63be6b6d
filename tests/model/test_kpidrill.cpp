// The rows behind a KPI figure (KpiStore::drillDown) on two histories: the demo and the
// demo a day later (kpitestdata.h), and two nights of generated snapshots. For every
// snapshot, every group of every grouping and every figure, the rows add up to the
// figure to the cent (money) or count it (lines, exceptions, decisions, planner-days,
// the touch time's median), or, for inventory turns, sum to its numerator and
// denominator; a few rows are checked by hand against the demo's files.

#include "engine/generator/generator.h"
#include "importedstore.h"
#include "kpitestdata.h"
#include "model/kpi/kpistore.h"
#include "model/workbench.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

engine::Date day(const char *text)
{
    return *engine::parseDate(text);
}

QString dayText(engine::Date date)
{
    return QString::fromStdString(engine::formatDate(date));
}

/// Within half a cent: what a table of money rounded to cents shows as the same.
bool sameCents(double a, double b)
{
    return std::abs(a - b) < 0.005;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

/// Approves, overrides and rejects the first exceptions of the latest run that have a
/// recommendation; empty, or what failed.
QString decide(model::Workbench &wb, int count)
{
    auto queue = wb.runs().queue();
    if (!queue)
        return queue.error().message;
    int taken = 0;
    for (qsizetype r = 0; r < queue->size() && taken < count; ++r) {
        if (queue->action[std::size_t(r)] < 0)
            continue;
        const QString id = queue->exceptionId(r);
        const model::User &user = taken % 2 == 0 ? storetest::kAna : storetest::kBen;
        model::Result<model::Decision> d = std::unexpected(model::Error {});
        switch (taken % 3) {
        case 0:
            d = wb.decisions().record(id, 0, model::Decision::Approved, user);
            break;
        case 1:
            d = wb.decisions().override(id, 0, 1, u"stock_found"_s, user);
            break;
        default:
            d = wb.decisions().record(
                id, 0, model::Decision::Rejected, user, {}, 0, u"customer_agreed_to_wait"_s);
            break;
        }
        if (!d)
            return id + u": "_s + d.error().message;
        ++taken;
    }
    return taken == count ? QString() : u"too few exceptions with a recommendation"_s;
}

} // namespace

class TestKpiDrill : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rowsAddUpToTheFigure_data();
    void rowsAddUpToTheFigure();
    void demoRowsByHand();
    void decisionRows();
    void refused();
    void measureNames();

private:
    model::Workbench &workbench(const QString &name)
    {
        return name == u"demo"_s ? *m_demo : *m_generated;
    }
    QTemporaryDir m_dir;
    std::unique_ptr<model::Workbench> m_demo, m_generated;
};

void TestKpiDrill::initTestCase()
{
    // The demo: a decision on the first night, three on the second.
    const QString demo = QStringLiteral(PWB_SOURCE_DIR) + u"/resources/demo"_s;
    QVERIFY(kpitest::writeDemo(demo, m_dir.filePath(u"s1"_s), false));
    QVERIFY(kpitest::writeDemo(demo, m_dir.filePath(u"s2"_s), true));
    auto opened = model::Workbench::open(m_dir.filePath(u"demo.db"_s));
    QVERIFY(opened);
    m_demo = std::move(*opened);
    for (const char *folder : {"s1", "s2"}) {
        auto imported = m_demo->importer().importSnapshot(
            m_dir.filePath(QString::fromLatin1(folder)), engine::Policy {});
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
        const QString failed = decide(*m_demo, folder[1] == '1' ? 1 : 3);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }

    // Two generated nights, each another ERP state, five decisions on each.
    auto generated = model::Workbench::open(m_dir.filePath(u"generated.db"_s));
    QVERIFY(generated);
    m_generated = std::move(*generated);
    for (const auto &[seed, asOf] : {std::pair {1, "2026-11-28"}, std::pair {2, "2026-11-29"}}) {
        engine::GeneratorOptions options;
        options.items = 150;
        options.locations = 5;
        options.seed = std::uint64_t(seed);
        options.asOf = asOf;
        const QString folder = m_dir.filePath(u"g"_s + QString::number(seed));
        QVERIFY(QDir().mkpath(folder));
        const auto written = engine::generateSnapshot(options, folder.toStdString());
        QVERIFY2(written, written ? "" : written.error().c_str());
        auto imported = m_generated->importer().importSnapshot(folder, engine::Policy {});
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
        const QString failed = decide(*m_generated, 5);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }
}

void TestKpiDrill::rowsAddUpToTheFigure_data()
{
    QTest::addColumn<QString>("history");
    QTest::addColumn<int>("byValue");
    for (const char *history : {"demo", "generated"})
        for (model::KpiDimension by : {model::KpiDimension::None, model::KpiDimension::Location,
                 model::KpiDimension::Abc, model::KpiDimension::Tier, model::KpiDimension::Planner})
            QTest::addRow("%s by %s", history,
                by == model::KpiDimension::None ? "none" : qPrintable(model::dimensionName(by)))
                << QString::fromLatin1(history) << int(by);
}

void TestKpiDrill::rowsAddUpToTheFigure()
{
    QFETCH(QString, history);
    QFETCH(int, byValue);
    const auto by = model::KpiDimension(byValue);
    model::Workbench &wb = workbench(history);
    auto report = wb.kpis().load({engine::kNoDate, engine::kNoDate, by});
    QVERIFY(report);
    QCOMPARE(report->snapshots.size(), std::size_t(2));
    int checked = 0, withRows = 0;
    for (const model::SnapshotKpis &s : report->snapshots) {
        QVERIFY(s.runId > 0);
        std::vector<std::pair<QString, model::KpiFigures>> groups {{QString(), s.overall}};
        for (const auto &[key, f] : s.groups)
            groups.emplace_back(key, f);
        for (const auto &[key, f] : groups) {
            for (int m = 0; m < model::kKpiMeasureCount; ++m) {
                const auto measure = model::KpiMeasure(m);
                const bool planner = by == model::KpiDimension::Planner && !key.isEmpty();
                const QString what = model::measureName(measure) + u" on "_s
                    + dayText(s.snapshot.asOf) + u" of "_s + (key.isEmpty() ? u"all"_s : key);
                auto drill = wb.kpis().drillDown({measure, s.snapshot.asOf, 0, by, key});
                if (planner && model::basisOf(measure) != model::KpiBasis::Decisions) {
                    QVERIFY2(!drill, qPrintable(what)); // no run figure is a planner's
                    continue;
                }
                QVERIFY2(drill,
                    qPrintable(what + u": "_s + (drill ? QString() : drill.error().message)));
                QCOMPARE(drill->snapshot.version, s.snapshot.version);
                QCOMPARE(drill->runId, s.runId);
                const std::optional<double> figure = model::measureValue(f, measure);
                QCOMPARE(drill->value().has_value(), figure.has_value());
                const double total = drill->total();
                const auto rows = drill->rowCount();
                withRows += rows > 0 ? 1 : 0;
                switch (measure) {
                case model::KpiMeasure::Exposure:
                case model::KpiMeasure::CanSave:
                case model::KpiMeasure::BackorderValue:
                case model::KpiMeasure::ExcessStock:
                case model::KpiMeasure::CanSaveTaken:
                case model::KpiMeasure::CanSaveLeft:
                    QVERIFY2(sameCents(total, *figure),
                        qPrintable(what + u": rows "_s + QString::number(total, 'f', 4)
                            + u", figure "_s + QString::number(*figure, 'f', 4)));
                    break;
                case model::KpiMeasure::Exceptions:
                    QCOMPARE(rows, qsizetype(f.exceptionCount()));
                    break;
                case model::KpiMeasure::FillRate:
                    QCOMPARE(rows, qsizetype(f.shortLines));
                    if (f.openLines > 0)
                        QCOMPARE(1.0 - double(rows) / f.openLines, *figure);
                    break;
                case model::KpiMeasure::Tier1FillRate:
                    QCOMPARE(rows, qsizetype(f.tier1ShortLines));
                    break;
                case model::KpiMeasure::BackorderLines:
                    QCOMPARE(rows, qsizetype(f.backorderLines));
                    break;
                case model::KpiMeasure::Decisions:
                    QCOMPARE(rows, qsizetype(f.decisions));
                    break;
                case model::KpiMeasure::Approved:
                    QCOMPARE(rows, qsizetype(f.approved));
                    break;
                case model::KpiMeasure::Overridden:
                    QCOMPARE(rows, qsizetype(f.overridden));
                    break;
                case model::KpiMeasure::Rejected:
                    QCOMPARE(rows, qsizetype(f.rejected));
                    break;
                case model::KpiMeasure::PerPlannerDay: {
                    QSet<QString> days;
                    for (const model::KpiDecisionRow &d : drill->decisions)
                        days.insert(d.planner + u'\n' + d.decidedAt.left(10));
                    QCOMPARE(qsizetype(days.size()), qsizetype(f.plannerDays));
                    if (figure)
                        QCOMPARE(double(rows) / double(days.size()), *figure);
                    break;
                }
                case model::KpiMeasure::TouchHours: {
                    std::vector<double> hours;
                    for (const model::KpiDecisionRow &d : drill->decisions)
                        if (d.touchHours)
                            hours.push_back(*d.touchHours);
                    QCOMPARE(hours.size(), f.touchHours.size());
                    if (figure)
                        QCOMPARE(median(hours), *figure);
                    for (std::size_t i = 1; i < hours.size(); ++i)
                        QVERIFY(hours[i - 1] >= hours[i]); // longest first
                    break;
                }
                case model::KpiMeasure::Stockouts:
                    // Each row a SKU-location without free stock and with demand.
                    QCOMPARE(rows, qsizetype(f.stockouts));
                    for (const model::KpiStockoutRow &r : drill->stockouts)
                        QVERIFY(
                            r.onHand - r.allocated <= 0 && (r.openLines > 0 || r.forecastQty > 0));
                    break;
                case model::KpiMeasure::InventoryTurns: {
                    // The rows add up to the figure's numerator and denominator exactly
                    // (to the cent), each row its own on hand and demand at unit cost.
                    QVERIFY2(sameCents(drill->stockAtCost(), f.stockAtCost), qPrintable(what));
                    QVERIFY2(sameCents(drill->annualCogs(), f.annualCogs), qPrintable(what));
                    if (figure)
                        QVERIFY(
                            std::abs(drill->annualCogs() / drill->stockAtCost() - *figure) < 1e-9);
                    for (const model::KpiStockRow &r : drill->stock) {
                        QVERIFY(r.stockAtCost > 0 || r.annualCogs > 0);
                        QCOMPARE(r.stockAtCost, r.onHand * r.unitCost);
                        QCOMPARE(r.annualCogs, r.dailyDemand * r.unitCost * 365.0);
                        QVERIFY(key.isEmpty() || by != model::KpiDimension::Location
                            || r.location == key);
                    }
                    for (std::size_t i = 1; i < drill->stock.size(); ++i)
                        QVERIFY(drill->stock[i - 1].stockAtCost >= drill->stock[i].stockAtCost);
                    // The whole demo: every one of its 240 SKU-locations has stock or demand.
                    if (key.isEmpty() && history == u"demo"_s)
                        QCOMPARE(rows, qsizetype(240));
                    break;
                }
                case model::KpiMeasure::TransferExportHours:
                case model::KpiMeasure::TransferAckHours:
                case model::KpiMeasure::TransferReceivedHours: {
                    // Every approved transfer is a row; the legs that ended make the median.
                    QCOMPARE(rows, qsizetype(f.transfers));
                    std::vector<double> hours;
                    for (const model::KpiDecisionRow &d : drill->decisions) {
                        QCOMPARE(d.action, u"transfer"_s);
                        const std::optional<double> &leg
                            = measure == model::KpiMeasure::TransferExportHours ? d.exportHours
                            : measure == model::KpiMeasure::TransferAckHours    ? d.ackHours
                                                                                : d.receivedHours;
                        if (leg)
                            hours.push_back(*leg);
                    }
                    if (figure)
                        QCOMPARE(median(hours), *figure);
                    else
                        QVERIFY(hours.empty());
                    break;
                }
                }
                // Largest share first.
                for (std::size_t i = 1; i < drill->exceptions.size(); ++i)
                    QVERIFY(drill->exceptions[i - 1].amount >= drill->exceptions[i].amount);
                for (std::size_t i = 1; i < drill->orderLines.size(); ++i)
                    QVERIFY(drill->orderLines[i - 1].value >= drill->orderLines[i].value);
                // Every row is of the group drilled into.
                for (const model::KpiExceptionRow &e : drill->exceptions)
                    QVERIFY(key.isEmpty()
                        || key
                            == (by == model::KpiDimension::Location  ? e.location
                                    : by == model::KpiDimension::Abc ? e.abc
                                                                     : e.tier));
                for (const model::KpiOrderLineRow &l : drill->orderLines)
                    QVERIFY(
                        key.isEmpty() || by != model::KpiDimension::Location || l.location == key);
                for (const model::KpiDecisionRow &d : drill->decisions)
                    QVERIFY(
                        key.isEmpty() || by != model::KpiDimension::Planner || d.planner == key);
                ++checked;
            }
        }
    }
    QVERIFY(checked >= 2 * model::kKpiMeasureCount);
    QVERIFY(withRows > checked / 2); // not a test of empty lists
}

void TestKpiDrill::demoRowsByHand()
{
    // Backorders as of 2026-11-29 at BR-01 include the line added to the demo: 4 units
    // at 10.00 for tier-1 C-0001, due 2026-11-02 (27 days late), at a short SKU.
    auto backorders = m_demo->kpis().drillDown({model::KpiMeasure::BackorderValue,
        day("2026-11-29"), 0, model::KpiDimension::Location, u"BR-01"_s});
    QVERIFY(backorders);
    QCOMPARE(backorders->basis, model::KpiBasis::OrderLines);
    const auto added = std::find_if(backorders->orderLines.begin(), backorders->orderLines.end(),
        [](const model::KpiOrderLineRow &l) { return l.orderId == u"SO-999999"_s; });
    QVERIFY(added != backorders->orderLines.end());
    QCOMPARE(added->line, 1);
    QCOMPARE(added->customer, u"C-0001"_s);
    QCOMPARE(added->tier, 1);
    QCOMPARE(added->item, u"SKU-00001"_s);
    QCOMPARE(added->qtyOpen, 4.0);
    QCOMPARE(added->value, 40.0);
    QCOMPARE(added->daysLate, 27);
    QVERIFY(added->isShort);
    // The day before, the whole snapshot: 27 lines worth 10,739.33 (test_kpi.cpp).
    auto before = m_demo->kpis().drillDown(
        {model::KpiMeasure::BackorderValue, day("2026-11-28"), 0, model::KpiDimension::None, {}});
    QVERIFY(before);
    QCOMPARE(before->rowCount(), 27);
    QVERIFY(sameCents(before->total(), 10739.33));
    QVERIFY(std::none_of(before->orderLines.begin(), before->orderLines.end(),
        [](const model::KpiOrderLineRow &l) { return l.orderId == u"SO-999999"_s; }));

    // Excess stock: the 12 excess exceptions, those of SKU-00054 at 112.52 first.
    auto excess = m_demo->kpis().drillDown(
        {model::KpiMeasure::ExcessStock, day("2026-11-28"), 0, model::KpiDimension::None, {}});
    QVERIFY(excess);
    QCOMPARE(excess->rowCount(), 12);
    QVERIFY(excess->exceptions.front().exceptionId.startsWith(u"excess:SKU-00054@"_s));
    // (272.96 units: the explanation rounds them to 273.)
    QVERIFY2(std::abs(excess->exceptions.front().amount / 112.52 - 273) < 0.05,
        qPrintable(QString::number(excess->exceptions.front().amount, 'f', 4)));
    QVERIFY(std::abs(excess->total() - 55736.1758) < 1e-4);

    // Exposure: the largest exception of the latest run first, the run's total in all.
    auto exposure = m_demo->kpis().drillDown(
        {model::KpiMeasure::Exposure, day("2026-11-29"), 0, model::KpiDimension::None, {}});
    QVERIFY(exposure);
    auto run = m_demo->runs().currentRun();
    QVERIFY(run);
    QCOMPARE(exposure->runId, run->second.runId);
    QCOMPARE(exposure->rowCount(), qsizetype(run->second.exceptionCount));
    QVERIFY(sameCents(exposure->total(), run->second.totalScore));
    auto queue = m_demo->runs().queue();
    QVERIFY(queue);
    const auto largest = std::max_element(queue->score.begin(), queue->score.end());
    QCOMPARE(exposure->exceptions.front().exceptionId,
        queue->exceptionId(qsizetype(largest - queue->score.begin())));
    QCOMPARE(exposure->exceptions.front().amount, *largest);
}

void TestKpiDrill::decisionRows()
{
    // The second night of the demo: ana approves, ben overrides, ana rejects.
    auto all = m_demo->kpis().drillDown(
        {model::KpiMeasure::Decisions, day("2026-11-29"), 0, model::KpiDimension::None, {}});
    QVERIFY(all);
    QCOMPARE(all->basis, model::KpiBasis::Decisions);
    QCOMPARE(all->rowCount(), 3);
    QCOMPARE(all->decisions[0].planner, u"ana"_s);
    QCOMPARE(all->decisions[0].kind, model::Decision::Approved);
    QCOMPARE(all->decisions[0].state, u"not exported yet"_s);
    QCOMPARE(all->decisions[1].planner, u"ben"_s);
    QCOMPARE(all->decisions[1].kind, model::Decision::Overridden);
    QCOMPARE(all->decisions[1].overrideQty, 1.0);
    QCOMPARE(all->decisions[1].reasonCode, u"stock_found"_s);
    QCOMPARE(all->decisions[2].kind, model::Decision::Rejected);
    QCOMPARE(all->decisions[2].reasonCode, u"customer_agreed_to_wait"_s);
    for (const model::KpiDecisionRow &d : all->decisions) {
        QVERIFY(d.touchHours && *d.touchHours >= 0);
        QVERIFY(!d.decidedAt.isEmpty());
        QVERIFY(!d.action.isEmpty());
    }
    // By planner: ben's one decision, the override.
    auto ben = m_demo->kpis().drillDown({model::KpiMeasure::Overridden, day("2026-11-29"), 0,
        model::KpiDimension::Planner, u"ben"_s});
    QVERIFY(ben);
    QCOMPARE(ben->rowCount(), 1);
    QCOMPARE(ben->decisions[0].id, all->decisions[1].id);
    // The first night's single approval is not the second's.
    auto first = m_demo->kpis().drillDown(
        {model::KpiMeasure::Decisions, day("2026-11-28"), 0, model::KpiDimension::None, {}});
    QVERIFY(first);
    QCOMPARE(first->rowCount(), 1);
    QVERIFY(first->decisions[0].id < all->decisions[0].id);
}

void TestKpiDrill::refused()
{
    auto noDate = m_demo->kpis().drillDown(
        {model::KpiMeasure::Exposure, day("2026-12-01"), 0, model::KpiDimension::None, {}});
    QVERIFY(!noDate);
    QCOMPARE(noDate.error().code, model::Error::BadInput);
    QVERIFY2(noDate.error().message.contains(u"2026-11-28, 2026-11-29"_s),
        qPrintable(noDate.error().message));
    auto noGroup = m_demo->kpis().drillDown({model::KpiMeasure::Exposure, day("2026-11-28"), 0,
        model::KpiDimension::Location, u"DC-NORTH"_s});
    QVERIFY(!noGroup);
    QVERIFY2(noGroup.error().message.contains(u"BR-01"_s), qPrintable(noGroup.error().message));
    auto keyAlone = m_demo->kpis().drillDown(
        {model::KpiMeasure::Exposure, day("2026-11-28"), 0, model::KpiDimension::None, u"BR-01"_s});
    QVERIFY(!keyAlone);
    auto plannerExposure = m_demo->kpis().drillDown({model::KpiMeasure::Exposure, day("2026-11-29"),
        0, model::KpiDimension::Planner, u"ana"_s});
    QVERIFY(!plannerExposure);
    QVERIFY(plannerExposure.error().message.contains(u"planner"_s));
}

void TestKpiDrill::measureNames()
{
    for (int m = 0; m < model::kKpiMeasureCount; ++m) {
        const auto measure = model::KpiMeasure(m);
        QCOMPARE(model::parseMeasure(model::measureName(measure)), measure);
        QVERIFY(!model::measureTitle(measure).isEmpty());
    }
    QVERIFY(!model::parseMeasure(u"stockouts"_s));
    QVERIFY(model::isMoney(model::KpiMeasure::BackorderValue));
    QVERIFY(!model::isMoney(model::KpiMeasure::BackorderLines));
}

QTEST_GUILESS_MAIN(TestKpiDrill)
#include "test_kpidrill.moc"
