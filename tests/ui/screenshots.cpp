// Renders the workbench's main screens into PNGs for the README and the user guide:
// the main window on the demo snapshot, the top shortage in detail, the "Why not?"
// dialog, what-if weights with the re-ranked queue, the Simulation window with two
// scenarios side by side, the import error dialog, and a
// manager's audit trail and override history after four weeks of decisions.
//
//   pwb-screenshots [output folder]     (default: docs/images; run offscreen)
//
// It drives the real main window on a throwaway database and settings file, so the
// pictures show exactly what a planner sees at 1600 x 1000.

#include "model/simulation/scenariojson.h"
#include "ui/audit/auditpage.h"
#include "ui/common/appsettings.h"
#include "ui/detail/detailpanel.h"
#include "ui/detail/whynotdialog.h"
#include "ui/history/overridehistorypage.h"
#include "ui/import/importerrordialog.h"
#include "ui/queues/queuemodel.h"
#include "ui/queues/queuepage.h"
#include "ui/queues/weightspanel.h"
#include "ui/shell/mainwindow.h"
#include "ui/simulation/comparisonmodel.h"
#include "ui/simulation/networkview.h"
#include "ui/simulation/resulttabs.h"
#include "ui/simulation/simulationpage.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <array>
#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

constexpr QSize kWindowSize(1600, 1000);
constexpr int kImportTimeoutMs = 120'000;

void fail(const QString &message)
{
    std::fprintf(stderr, "pwb-screenshots: %s\n", qPrintable(message));
    std::exit(1);
}

void settle()
{
    // Layouts and charts finish on posted events; a few rounds let them land.
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents();
        QTest::qWait(20);
    }
}

void save(QWidget *widget, const QDir &out, const QString &name)
{
    settle();
    const QString path = out.filePath(name);
    if (!widget->grab().save(path))
        fail(u"cannot write %1"_s.arg(path));
    std::printf("%s\n", qPrintable(QDir::toNativeSeparators(path)));
}

QAction *action(ui::MainWindow &window, const QString &name)
{
    auto *found = window.findChild<QAction *>(name);
    if (!found)
        fail(u"the main window has no action %1"_s.arg(name));
    return found;
}

bool import(ui::MainWindow &window, const std::function<bool()> &start)
{
    QSignalSpy finished(&window, &ui::MainWindow::importFinished);
    if (!start())
        fail(u"the import did not start"_s);
    if (!finished.wait(kImportTimeoutMs))
        fail(u"the import did not finish in time"_s);
    settle();
    return finished.constFirst().constFirst().toBool();
}

/// The bundled demo, copied out and spoiled in three ways a real ERP extract can be.
QString brokenDemo(const QTemporaryDir &dir)
{
    const QString name = u"erp-extract-2026-11-28"_s;
    const QString path = dir.filePath(name);
    QDir().mkpath(path);
    QDirIterator it(u":/demo"_s, QDir::Files);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = path + u'/' + it.fileName();
        if (!QFile::copy(source, target))
            fail(u"cannot copy %1"_s.arg(source));
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
    }
    QFile orders(path + u"/sales_orders.csv"_s);
    if (!orders.open(QIODevice::Append))
        fail(u"cannot spoil the demo"_s);
    orders.write("SO-900001,1,C-0002,SKU-99999,BR-01,5,2026-11-26,2026-12-02,10.00\n"
                 "SO-900002,1,C-0001,SKU-00002,DC-WEST,-3,2026-11-28,2026-12-10,\n"
                 "SO-900003,1,C-0001,SKU-00003,DC-WEST,4,2026-11-28,2026-11-31,\n");
    // Relative to the scratch folder, so the dialog shows a name, not a temporary path.
    QDir::setCurrent(dir.path());
    return name;
}

/// Runs `sql` on the database file through a connection of its own.
void rawSql(const QString &path, const QByteArray &sql)
{
    sqlite3 *db = nullptr;
    char *message = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK
        || sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message) != SQLITE_OK)
        fail(u"cannot change the decisions: %1"_s.arg(QString::fromUtf8(message)));
    sqlite3_close(db);
}

/// Four weeks of decisions by three planners on the demo, spread back by rewriting
/// their dates (the audit trail keeps today's, as it should): mostly approvals, and
/// overrides and rejections of shortages climbing over the last two weeks. Returns the
/// SKU-locations ("item,location,") of every other override and rejection: the next
/// snapshot has them dealt with.
/// SKU-locations ("item,location,") and the stock on hand they have the next day.
using StockChanges = QList<std::pair<QByteArray, QByteArray>>;

StockChanges decideFourWeeks(ui::MainWindow &window, const QString &database)
{
    model::Workbench &wb = *window.workbench();
    const model::Queue queue = window.queueModel()->queue();
    const std::array<model::User, 3> planners {
        model::User {u"ana.lima"_s}, model::User {u"ben.okafor"_s}, model::User {u"chen.wu"_s}};
    const auto &reasons = model::reasonCodes();
    StockChanges stocked;
    QByteArray backdate;
    std::vector<qsizetype> rows;
    for (qsizetype r = 0; r < queue.size(); ++r) {
        if (queue.action[std::size_t(r)] >= 0 && queue.actionFeasible[std::size_t(r)])
            rows.push_back(r);
    }
    int changed = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto row = std::size_t(rows[i]);
        const int weeksAgo = 3 - int(i * 4 / rows.size()); // the oldest first
        const bool shortage = queue.type[row] == quint8(engine::ExceptionType::Shortage);
        const bool overrule = shortage ? (weeksAgo <= 1 ? i % 3 != 0 : i % 4 == 0) : i % 6 == 0;
        const model::User &user = planners[i % 3];
        const QString id = queue.exceptionId(rows[i]);
        model::Result<model::Decision> decision = std::unexpected(model::Error {});
        if (!overrule) {
            decision = wb.decisions().record(id, 0, model::Decision::Approved, user);
        } else if (changed % 2 == 0) {
            auto explained = wb.runs().explainException(id);
            if (!explained || explained->exception->recommendations.empty())
                continue;
            const double qty = explained->exception->recommendations[0].qty;
            decision = wb.decisions().override(id, 0, std::max(1.0, std::floor(qty / 2)),
                QString::fromLatin1(reasons[std::size_t(changed / 2 % 5)].code), user,
                u"Half now, the rest with next week's delivery"_s);
        } else {
            decision = wb.decisions().record(id, 0, model::Decision::Rejected, user,
                u"Customer confirmed they can wait"_s, 0,
                QString::fromLatin1(reasons[std::size_t(changed % 3 == 0 ? 0 : 2)].code));
        }
        if (!decision)
            continue; // above the planner's role: the trail shows it refused
        // Every other one is dealt with by the next day: stock arrived for a shortage,
        // the excess was sold.
        const bool excess = queue.type[row] == quint8(engine::ExceptionType::Excess);
        if (overrule && changed++ % 2 == 0)
            stocked.append({(queue.itemIds.at(queue.item[row]) + u','
                                + queue.locationIds.at(queue.location[row]) + u',')
                                .toUtf8(),
                excess ? QByteArray("0") : QByteArray("5000")});
        backdate += "UPDATE decisions SET decided_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-"
            + QByteArray::number(weeksAgo * 7 + int(i % 4))
            + " days') WHERE id = " + QByteArray::number(decision->id) + ";";
    }
    rawSql(database, backdate);
    return stocked;
}

/// The demo as the next day's extract, with the stock of `stocked` changed.
QString nextDay(const QTemporaryDir &dir, const StockChanges &stocked)
{
    const QString path = dir.filePath(u"erp-extract-2026-11-29"_s);
    QDir().mkpath(path);
    QDirIterator it(u":/demo"_s, QDir::Files);
    while (it.hasNext()) {
        const QString source = it.next();
        QFile in(source);
        if (!in.open(QIODevice::ReadOnly))
            fail(u"cannot read %1"_s.arg(source));
        QByteArray text = in.readAll();
        if (it.fileName() == u"manifest.json"_s) {
            text.replace("SYNTH-7-2026-11-28", "SYNTH-7-2026-11-29");
            text.replace("\"as_of\": \"2026-11-28\"", "\"as_of\": \"2026-11-29\"");
            text.replace("2026-11-28T23:05:00Z", "2026-11-29T23:05:00Z");
        }
        if (it.fileName() == u"item_locations.csv"_s) {
            QList<QByteArray> lines = text.split('\n');
            for (QByteArray &line : lines) {
                for (const auto &[prefix, onHand] : stocked) {
                    if (line.startsWith(prefix)) {
                        QList<QByteArray> fields = line.split(',');
                        fields[2] = onHand;
                        line = fields.join(',');
                    }
                }
            }
            text = lines.join('\n');
        }
        QFile out(path + u'/' + it.fileName());
        if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size())
            fail(u"cannot write %1"_s.arg(out.fileName()));
    }
    return path;
}

/// A SKU-location of the queue's items that raises no exception, for "Why not?".
std::optional<std::pair<QString, QString>> quietItemLocation(ui::MainWindow &window)
{
    const model::Queue &queue = window.queueModel()->queue();
    for (const QString &item : queue.itemIds) {
        for (const QString &location : queue.locationIds) {
            auto x = window.workbench()->runs().explainItemLocation(item, location);
            if (x && x->result.exceptions.empty() && x->result.risk.defined
                && x->result.risk.stockoutProbability > 0.001)
                return std::pair {item, location};
        }
    }
    return std::nullopt;
}

} // namespace

int main(int argc, char *argv[])
{
    Q_INIT_RESOURCE(resources);
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"planner-workbench-screenshots"_s);
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));

    // Absolute: the current folder changes before the last picture.
    const QDir out(
        QDir(argc > 1 ? QString::fromLocal8Bit(argv[1]) : u"docs/images"_s).absolutePath());
    if (!QDir().mkpath(out.path()))
        fail(u"cannot create %1"_s.arg(out.path()));
    QTemporaryDir scratch;
    if (!scratch.isValid())
        fail(u"no temporary folder"_s);

    ui::AppSettings settings(scratch.filePath(u"settings.ini"_s));
    ui::MainWindow window(&settings, model::User {u"planner"_s}, &model::Workbench::open);
    window.resize(kWindowSize);
    window.show();
    settle();
    save(&window, out, u"empty-state.png"_s);

    auto opened = model::Workbench::open(scratch.filePath(u"workbench.sqlite"_s));
    if (!opened)
        fail(opened.error().message);
    if (auto shown = window.setWorkbench(std::move(*opened)); !shown)
        fail(shown.error().message);
    if (!import(window, [&] { return window.importBundledDemo(); }))
        fail(u"the demo snapshot did not import"_s);
    window.resize(kWindowSize);

    // 1. The queue as a planner finds it in the morning: all exceptions, top one selected.
    action(window, u"actionQueue1"_s)->trigger();
    save(&window, out, u"main-window.png"_s);

    // 2. The top shortage, and the full detail panel for it.
    action(window, u"actionQueue2"_s)->trigger();
    save(&window, out, u"shortage-detail.png"_s);
    auto *panel = window.findChild<ui::DetailPanel *>(u"detailPanel"_s);
    auto *scroll = panel ? panel->findChild<QScrollArea *>(u"detailScrollArea"_s) : nullptr;
    if (!scroll || panel->isEmpty())
        fail(u"no shortage is shown in the detail panel"_s);
    save(scroll->widget(), out, u"detail-panel.png"_s);

    // 3. "Why not?" on a SKU-location that raises nothing.
    action(window, u"actionWhyNot"_s)->trigger();
    settle();
    auto *whyNot = window.findChild<ui::WhyNotDialog *>();
    if (!whyNot)
        fail(u"the Why-not dialog did not open"_s);
    if (const auto quiet = quietItemLocation(window))
        whyNot->explain(quiet->first, quiet->second);
    save(whyNot, out, u"why-not.png"_s);
    whyNot->close();

    // 4. What-if weights: margin counts double, carrying cost not at all; the queue re-ranks.
    action(window, u"actionQueue1"_s)->trigger();
    auto *weightsDock = window.findChild<QDockWidget *>(u"weightsDock"_s);
    auto *weights = window.findChild<ui::WeightsPanel *>(u"weightsPanel"_s);
    if (!weightsDock || !weights)
        fail(u"no weights panel"_s);
    weightsDock->show();
    auto w = weights->weights();
    w[std::size_t(engine::FactorKind::MarginAtRisk)] = 2.0;
    w[std::size_t(engine::FactorKind::CarryingCost)] = 0.0;
    w[std::size_t(engine::FactorKind::SlaPenalty)] = 1.5;
    weights->setWeights(w);
    if (!QTest::qWaitFor([&] { return window.queueModel()->isReweighted(); }, 2000))
        fail(u"the queue did not re-rank"_s);
    save(&window, out, u"what-if-weights.png"_s);
    weights->setWeights(weights->policyWeights());
    weightsDock->hide();

    // 5. The Simulation window: two scenarios run side by side, the plan of the first on
    // the network with its busiest lane selected, and its transfers proposed.
    action(window, u"actionSimulation"_s)->trigger();
    auto *simulation = window.findChild<ui::SimulationPage *>();
    if (!simulation)
        fail(u"the Simulation window did not open"_s);
    const auto runScenario = [&](const char *json) {
        auto scenario = model::scenarioFromJson(QByteArray(json), u"screenshots"_s);
        if (!scenario)
            fail(scenario.error().message);
        simulation->editScenario(*scenario);
        simulation->runScenario();
        if (!QTest::qWaitFor([&] { return !simulation->isRunning(); }, 120'000)
            || !simulation->lastRun())
            fail(u"the scenario did not run: "_s
                + simulation->findChild<QLabel *>(u"simulationStatus"_s)->text());
        settle();
    };
    runScenario(R"({"name": "A items +30%", "changes": [
        {"kind": "demand_spike", "abc_class": "A", "percent": 30}]})");
    runScenario(R"({"name": "West to BR-02 closed, SUP-002 late", "changes": [
        {"kind": "disable_lane", "from": "DC-WEST", "to": "BR-02"},
        {"kind": "delay_supplier", "supplier": "SUP-002", "days": 10}]})");
    simulation->proposeTransfers();
    if (auto *network = simulation->findChild<ui::NetworkView *>(u"networkView"_s)) {
        const auto &lanes = simulation->lastRun()->withScenario->result.lanes;
        int busiest = -1;
        double most = 0;
        for (const auto &lane : lanes) {
            if (lane.units > most) {
                most = lane.units;
                busiest = int(lane.lane);
            }
        }
        network->selectLane(busiest);
    }
    simulation->resize(1600, 1000);
    settle();
    save(simulation, out, u"simulation.png"_s);
    // Its results per location beside the others', the biggest rise in exposure first.
    if (ui::ResultTabs *tabs = simulation->resultTabs()) {
        tabs->setCurrentIndex(1 + ui::ResultTabs::Locations);
        if (auto *figure = tabs->findChild<QComboBox *>(u"locationFigure"_s))
            figure->setCurrentIndex(4);
        const ui::ComparisonModel *model = tabs->model(ui::ResultTabs::Locations);
        tabs->view(ui::ResultTabs::Locations)
            ->sortByColumn(ui::ComparisonModel::valueColumn(model->resultCount() - 1) + 1,
                Qt::DescendingOrder);
        settle();
        save(simulation, out, u"simulation-by-location.png"_s);
    }
    simulation->close();
    // The planners' side: the proposed transfers in the Network proposals queue.
    window.queuePage()->showProposals();
    settle();
    save(&window, out, u"network-proposals.png"_s);
    window.queuePage()->switchQueue(-1);

    // 6. A snapshot the importer refuses, with every problem listed.
    if (import(window, [&] { return window.importSnapshot(brokenDemo(scratch)); }))
        fail(u"the spoiled snapshot was imported"_s);
    auto *errors = window.findChild<ui::ImportErrorDialog *>();
    if (!errors)
        fail(u"no import error dialog"_s);
    save(errors, out, u"import-errors.png"_s);
    errors->close();

    // 7. Four weeks later, as a manager sees them: the audit trail and the override
    // history, with the next day's snapshot telling what became of the overrides.
    const QString database = window.workbench()->databasePath();
    const StockChanges stocked = decideFourWeeks(window, database);
    if (!import(window, [&] { return window.importSnapshot(nextDay(scratch, stocked)); }))
        fail(u"the next day's snapshot did not import"_s);
    window.showAuditTrail();
    ui::AuditPage *audit = window.auditPage();
    if (!audit || !QTest::qWaitFor([&] { return !audit->isLoading(); }, 30'000))
        fail(u"the audit trail did not load"_s);
    audit->resize(1600, 900);
    save(audit, out, u"audit-trail.png"_s);
    audit->close();
    window.setUser(model::User {u"maria.santos"_s, engine::Role::Manager});
    window.showOverrideHistory();
    ui::OverrideHistoryPage *history = window.overrideHistoryPage();
    if (!history || !QTest::qWaitFor([&] { return !history->isLoading(); }, 30'000))
        fail(u"the override history did not load"_s);
    history->resize(1600, 1000);
    save(history, out, u"override-history.png"_s);
    return 0;
}
