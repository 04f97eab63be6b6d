// The Simulation window on the real main window: opened from View > Simulation…
// (Ctrl+Shift+N); with no snapshot it says what is missing; before a run its results
// pane is a sentence naming Run (Ctrl+R), with no empty table or chart, and the first
// result brings them; on the demo a scenario
// written in the editor (closing a lane) is saved and run off the GUI thread, its
// plan drawn with the closed lane dashed, its results beside another scenario's with
// the differences, and its transfers proposed: they show in the Network proposals
// list, each with the value it covers on time and the lateness it avoids, and
// approving one there records the decision. A scenario built in the form
// editor (no JSON typed) runs, and the By location, By item and Lanes tables show the
// engine's figures of every scenario side by side with their changes from the base;
// saved, it re-opens in the form as it was built.

#include "mainwindowfixture.h"
#include "model/simulation/resultbreakdown.h"
#include "model/simulation/scenariojson.h"
#include "ui/charts/scenariochart.h"
#include "ui/common/format.h"
#include "ui/queues/queuepage.h"
#include "ui/simulation/comparisonmodel.h"
#include "ui/simulation/networkview.h"
#include "ui/simulation/proposallist.h"
#include "ui/simulation/resulttabs.h"
#include "ui/simulation/scenarioeditor.h"
#include "ui/simulation/simulationpage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>

using namespace mainwindowtest;

class TestSimulationWindow : public MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyStateSaysWhatIsMissing();
    void closeALaneRunCompareAndPropose();
    void formScenarioResultsByLocationAndItem();

private:
    ui::SimulationPage *page() const { return m_window->findChild<ui::SimulationPage *>(); }
    /// With PWB_SCREENSHOT_DIR set, keeps a PNG of the Simulation window.
    void shotOfPage(const QString &name);
    bool run(const QString &name, const QString &change);
};

void TestSimulationWindow::initTestCase()
{
    QVERIFY(setUpWindow());
}

void TestSimulationWindow::emptyStateSaysWhatIsMissing()
{
    auto *action = find<QAction>(m_window.get(), u"actionSimulation"_s);
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(u"Ctrl+Shift+N"_s));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(page() && page()->isVisible());
    auto *status = find<QLabel>(page(), u"simulationStatus"_s);
    QVERIFY(status);
    QVERIFY2(status->text().startsWith(u"No snapshot yet"_s), qPrintable(status->text()));
    QVERIFY(!find<QPushButton>(page(), u"runScenario"_s)->isEnabled());
    QVERIFY(!find<QPushButton>(page(), u"proposeButton"_s)->isEnabled());
    // The results pane says the same in a sentence; no empty table or chart shows.
    auto *empty = find<QLabel>(page(), u"resultsEmptyState"_s);
    QVERIFY(empty && empty->isVisible());
    QVERIFY2(empty->text().startsWith(u"No snapshot yet"_s), qPrintable(empty->text()));
    QVERIFY(!page()->resultTabs()->isVisible());
    QVERIFY(!find<QTableWidget>(page(), u"proposalTable"_s)->isVisible());
    page()->close();
}

void TestSimulationWindow::shotOfPage(const QString &name)
{
    const QString dir = qEnvironmentVariable("PWB_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents();
    page()->grab().save(dir + u'/' + name + u".png"_s);
}

bool TestSimulationWindow::run(const QString &name, const QString &change)
{
    auto *nameEdit = find<QLineEdit>(page(), u"scenarioName"_s);
    auto *changes = find<QPlainTextEdit>(page(), u"scenarioChanges"_s);
    auto *runButton = find<QPushButton>(page(), u"runScenario"_s);
    if (!nameEdit || !changes || !runButton || !runButton->isEnabled())
        return false;
    nameEdit->clear();
    QTest::keyClicks(nameEdit, name);
    changes->setPlainText(change);
    QSignalSpy finished(page(), &ui::SimulationPage::runFinished);
    // Alt+R is Run's mnemonic: the keyboard reaches it.
    runButton->setFocus();
    QTest::keyClick(runButton, Qt::Key_Space);
    return finished.wait(60'000) && page()->lastRun().has_value();
}

void TestSimulationWindow::closeALaneRunCompareAndPropose()
{
    QVERIFY(importDemo());
    m_window->showSimulation();
    QTRY_VERIFY(page() && page()->isVisible());
    QVERIFY(find<QPushButton>(page(), u"runScenario"_s)->isEnabled());

    // Before any run on the snapshot: a sentence naming what to press, and neither the
    // totals table nor the chart; no proposal table either, but why it is empty.
    auto *empty = find<QLabel>(page(), u"resultsEmptyState"_s);
    auto *totalsTable = find<QTableWidget>(page(), u"comparisonTable"_s);
    auto *totalsChart = find<ui::ScenarioChart>(page(), u"scenarioChart"_s);
    QVERIFY(empty->isVisible());
    QVERIFY2(empty->text().startsWith(u"No simulation run yet"_s), qPrintable(empty->text()));
    QVERIFY2(empty->text().contains(u"Run (Ctrl+R)"_s), qPrintable(empty->text()));
    QVERIFY(!totalsTable->isVisible());
    QVERIFY(!totalsChart->isVisible());
    QVERIFY(!find<QPushButton>(page(), u"proposeButton"_s)->isVisible());
    QVERIFY(!find<QTableWidget>(page(), u"proposalTable"_s)->isVisible());
    QVERIFY(find<QLabel>(page(), u"proposalEmptyState"_s)
                ->text()
                .startsWith(u"No open network proposal."_s));
    QVERIFY(!find<QTableWidget>(page(), u"laneItems"_s)->isVisible());
    shotOfPage(u"simulation-before-run"_s);

    // A change the editor cannot read is refused with its line, and nothing is saved.
    find<QLineEdit>(page(), u"scenarioName"_s)->setText(u"Broken"_s);
    find<QPlainTextEdit>(page(), u"scenarioChanges"_s)->setPlainText(u"{\"kind\": "_s);
    page()->saveScenario();
    auto *status = find<QLabel>(page(), u"simulationStatus"_s);
    QVERIFY2(status->text().contains(u"line 1"_s), qPrintable(status->text()));
    QCOMPARE(find<QListWidget>(page(), u"scenarioList"_s)->count(), 0);

    // "Add change" adds a change of the kind chosen, filled from the snapshot.
    QTRY_VERIFY(page()->editor()->choices().snapshotVersion > 0);
    auto *kind = find<QComboBox>(page(), u"changeKind"_s);
    kind->setCurrentIndex(0);
    find<QPlainTextEdit>(page(), u"scenarioChanges"_s)->clear();
    QTest::mouseClick(find<QPushButton>(page(), u"addChange"_s), Qt::LeftButton);
    QVERIFY(page()->editedScenario().has_value());
    QCOMPARE(page()->editor()->changes().size(), std::size_t(1));

    QVERIFY(
        run(u"A items +30%"_s, uR"({"kind": "demand_spike", "abc_class": "A", "percent": 30})"_s));
    // The first result replaces the sentence with the totals and their chart.
    QVERIFY(!empty->isVisible());
    QVERIFY(totalsTable->isVisible());
    QVERIFY(totalsChart->isVisible());
    QCOMPARE(totalsChart->values().size(), 2);
    QVERIFY(run(u"West to BR-02 closed"_s,
        uR"({"kind": "disable_lane", "from": "DC-WEST", "to": "BR-02"})"_s));
    QCOMPARE(find<QListWidget>(page(), u"scenarioList"_s)->count(), 2);
    // The editor says each change in words.
    QCOMPARE(
        find<QLabel>(page(), u"changesInWords"_s)->text(), u"1. Close the lane DC-WEST → BR-02"_s);

    // The closed lane carries nothing in the plan drawn.
    const auto &run = *page()->lastRun();
    const engine::Snapshot &changed = *run.scenarioSnapshot;
    for (const auto &lane : run.withScenario->result.lanes) {
        const auto l = std::size_t(lane.lane);
        if (changed.locations.ids.at(changed.lanes.from[l]) == "DC-WEST"
            && changed.locations.ids.at(changed.lanes.to[l]) == "BR-02")
            QCOMPARE(lane.units, 0.0);
    }
    // Selecting a lane lists what it carries.
    auto *network = find<ui::NetworkView>(page(), u"networkView"_s);
    QVERIFY(network);
    int used = -1;
    for (const auto &lane : run.withScenario->result.lanes) {
        if (lane.units > 0)
            used = int(lane.lane);
    }
    QVERIFY(used >= 0);
    network->selectLane(used);
    QVERIFY(find<QTableWidget>(page(), u"laneItems"_s)->rowCount() > 0);
    QVERIFY(find<QTableWidget>(page(), u"laneItems"_s)->isVisible());

    // Both scenarios side by side with the base, each with its change.
    auto *table = find<QTableWidget>(page(), u"comparisonTable"_s);
    QCOMPARE(table->columnCount(), 5);
    QCOMPARE(table->horizontalHeaderItem(0)->text(), u"Base"_s);
    QStringList headers;
    for (int c = 1; c < table->columnCount(); ++c)
        headers << table->horizontalHeaderItem(c)->text();
    QVERIFY2(headers.contains(u"West to BR-02 closed"_s), qPrintable(headers.join(u'|')));
    QCOMPARE(table->rowCount(), 6);
    auto *chart = find<ui::ScenarioChart>(page(), u"scenarioChart"_s);
    QCOMPARE(chart->values().size(), 3);

    // Propose: the transfers appear in the Simulation window's list and in the main
    // window's Network proposals queue.
    auto *propose = find<QPushButton>(page(), u"proposeButton"_s);
    QVERIFY(propose->isEnabled());
    QTest::mouseClick(propose, Qt::LeftButton);
    auto *proposals = find<QTableWidget>(page(), u"proposalTable"_s);
    QTRY_VERIFY(proposals->rowCount() > 0);
    const int proposed = proposals->rowCount();
    QCOMPARE(proposals->item(0, ui::ProposalList::Scenario)->text(), u"West to BR-02 closed"_s);
    QVERIFY(proposals->isVisible());
    // Each transfer shows what it covers on time and the lateness it avoids, as stored.
    QCOMPARE(proposals->horizontalHeaderItem(ui::ProposalList::LatenessAvoided)->text(),
        u"Lateness avoided"_s);
    {
        auto workbench = model::Workbench::open(m_database);
        QVERIFY(workbench);
        auto open = (*workbench)->scenarios().proposals(true);
        QVERIFY(open && open->size() == 1);
        const QString currency = page()->lastRun()->info.currency;
        QCOMPARE(int(open->front().transfers.size()), proposed);
        for (int r = 0; r < proposed; ++r) {
            const model::ProposedTransfer &t = open->front().transfers[std::size_t(r)];
            QVERIFY(t.benefit() > 0);
            QCOMPARE(proposals->item(r, ui::ProposalList::ValueCovered)->text(),
                ui::formatMoney(t.valueCovered, currency));
            QCOMPARE(proposals->item(r, ui::ProposalList::LatenessAvoided)->text(),
                ui::formatMoney(t.latenessAvoided, currency));
        }
    }
    shotOfPage(u"simulation-after-propose"_s);

    auto *queueButton = find<QPushButton>(m_window.get(), u"proposalQueueButton"_s);
    QVERIFY(queueButton);
    QTRY_VERIFY2(queueButton->text().contains(QString::number(proposed) + u" to decide"_s),
        qPrintable(queueButton->text()));
    page()->close();
    m_window->activateWindow();
    QTest::mouseClick(queueButton, Qt::LeftButton);
    auto *queue = m_window->centralWidget()->findChild<ui::ProposalList *>();
    QVERIFY(queue && queue->isVisible());
    QCOMPARE(queue->table()->rowCount(), proposed);
    QVERIFY(queue->table()->item(0, ui::ProposalList::Id)->text().startsWith(u"NP-1-"_s));
    QCOMPARE(queue->table()->item(0, ui::ProposalList::Decision)->text(), u"to decide"_s);
    // Approved there, through the decisions' path.
    queue->table()->selectRow(0);
    QTest::mouseClick(find<QPushButton>(queue, u"approveProposal"_s), Qt::LeftButton);
    QVERIFY2(queue->table()->item(0, ui::ProposalList::Decision)->text().startsWith(u"approved"_s),
        qPrintable(queue->table()->item(0, ui::ProposalList::Decision)->text()));
    if (proposed > 1)
        QTRY_VERIFY(queueButton->text().contains(QString::number(proposed - 1) + u" to decide"_s));
    else
        QTRY_COMPARE(queueButton->text(), u"Network proposals"_s);
    {
        auto workbench = model::Workbench::open(m_database);
        QVERIFY(workbench);
        auto standing = (*workbench)->decisions().standing();
        QVERIFY(standing);
        QVERIFY(std::any_of(standing->begin(), standing->end(),
            [](const model::Decision &d) { return d.exceptionId == u"NP-1-1"_s; }));
    }
    // Taken back there too: the transfer is to decide again, and no longer stands.
    queue->table()->selectRow(0);
    QSignalSpy said(queue, &ui::ProposalList::message);
    QTest::mouseClick(find<QPushButton>(queue, u"undoProposalDecision"_s), Qt::LeftButton);
    QCOMPARE(said.size(), 1);
    QCOMPARE(said.first().first().toString(), u"Undone: NP-1-1."_s);
    QCOMPARE(queue->table()->item(0, ui::ProposalList::Decision)->text(), u"to decide"_s);
    {
        auto workbench = model::Workbench::open(m_database);
        QVERIFY(workbench);
        auto standing = (*workbench)->decisions().standing();
        QVERIFY(standing);
        QVERIFY(std::none_of(standing->begin(), standing->end(),
            [](const model::Decision &d) { return d.exceptionId.startsWith(u"NP-"_s); }));
    }
    // Choosing a queue goes back to the exceptions.
    QTest::mouseClick(find<QPushButton>(m_window.get(), u"proposalQueueButton"_s), Qt::LeftButton);
    m_window->queuePage()->switchQueue(-1);
    QVERIFY(!m_window->queuePage()->showsProposals());
}

namespace {

/// The figures the By location table shows for `f` (its figure index), from the engine.
double locationFigure(const model::LocationFigures &l, int f)
{
    const double v[] = {l.unitsIn, l.unitsOut, l.transferCost, l.valueCovered, l.exposureLeft};
    return v[f];
}

} // namespace

void TestSimulationWindow::formScenarioResultsByLocationAndItem()
{
    m_window->showSimulation();
    QTRY_VERIFY(page() && page()->isVisible());
    ui::ScenarioEditor *editor = page()->editor();
    QTRY_VERIFY(editor->choices().snapshotVersion > 0);
    const model::ScenarioChoices &choices = editor->choices();
    QVERIFY(choices.hasLane(u"DC-WEST"_s, u"BR-02"_s));
    page()->editScenario({});
    find<QLineEdit>(page(), u"scenarioName"_s)->setText(u"Form built"_s);
    auto *kind = find<QComboBox>(page(), u"changeKind"_s);
    auto *add = find<QPushButton>(page(), u"addChange"_s);

    // 1. The West → BR-02 lane takes 4 days and carries at most 20 a day.
    kind->setCurrentIndex(ui::ScenarioEditor::ChangeLane);
    QTest::mouseClick(add, Qt::LeftButton);
    auto *lane = find<QComboBox>(page(), u"laneField"_s);
    QCOMPARE(lane->count(), int(choices.lanes.size()));
    lane->setCurrentIndex(lane->findText(u"DC-WEST → BR-02"_s));
    find<QCheckBox>(page(), u"transitOn"_s)->setChecked(true);
    find<QDoubleSpinBox>(page(), u"transitField"_s)->setValue(4);
    find<QCheckBox>(page(), u"capacityOn"_s)->setChecked(true);
    find<QDoubleSpinBox>(page(), u"capacityField"_s)->setValue(20);
    // 2. Demand of A items up 30%.
    kind->setCurrentIndex(ui::ScenarioEditor::DemandSpike);
    QTest::mouseClick(add, Qt::LeftButton);
    find<QComboBox>(page(), u"abcField"_s)->setCurrentIndex(1);
    find<QDoubleSpinBox>(page(), u"percentField"_s)->setValue(30);
    // 3. A PO the snapshot does not have: said under the form, and the scenario refused
    // until it is removed.
    kind->setCurrentIndex(ui::ScenarioEditor::DelayPo);
    QTest::mouseClick(add, Qt::LeftButton);
    auto *po = find<QComboBox>(page(), u"poField"_s);
    QVERIFY(po->count() > 0);
    po->setCurrentText(u"PO-NOPE"_s);
    auto *problem = find<QLabel>(page(), u"changeProblem"_s);
    QCOMPARE(problem->text(), u"The current snapshot has no open PO PO-NOPE."_s);
    QVERIFY(!problem->isHidden());
    auto refused = page()->editedScenario();
    QVERIFY(!refused);
    QVERIFY2(
        refused.error().message.startsWith(u"Change 3 "_s), qPrintable(refused.error().message));
    QTest::mouseClick(find<QPushButton>(page(), u"removeChange"_s), Qt::LeftButton);
    QVERIFY(problem->isHidden());

    auto *list = find<QListWidget>(page(), u"changeList"_s);
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->text(),
        u"1. Change the lane DC-WEST → BR-02: transit 4 days, capacity 20 a day"_s);
    QCOMPARE(list->item(1)->text(), u"2. Demand +30% for A items"_s);
    auto built = page()->editedScenario();
    QVERIFY(built);
    const QJsonObject builtJson = model::scenarioToJson(*built);
    // The JSON tab holds the same changes, one per line.
    QCOMPARE(find<QPlainTextEdit>(page(), u"scenarioChanges"_s)->toPlainText().count(u'\n'), 1);

    // Run it; the engine, asked here, gives the figures the tables must show.
    // Ctrl+R runs it, as the empty results pane and the Run button's tip say.
    QSignalSpy finished(page(), &ui::SimulationPage::runFinished);
    page()->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(page()));
    QTest::keyClick(page(), Qt::Key_R, Qt::ControlModifier);
    QVERIFY(finished.wait(60'000) && page()->lastRun().has_value());
    model::ResultBreakdown base, with;
    {
        auto workbench = model::Workbench::open(m_database);
        QVERIFY(workbench);
        auto policy = (*workbench)->policies().effective();
        QVERIFY(policy);
        engine::simulation::NetworkOptions options;
        options.keepInstance = false;
        auto run = model::simulateCurrent(**workbench, *policy, *built, options);
        QVERIFY2(run, qPrintable(run ? QString() : run.error().message));
        base = model::breakdownOf(*run->snapshot, run->base.result);
        with = model::breakdownOf(*run->scenarioSnapshot, run->withScenario->result);
    }

    ui::ResultTabs *tabs = page()->resultTabs();
    QCOMPARE(tabs->tabText(1), u"By &location"_s);
    tabs->setCurrentIndex(1);
    ui::ComparisonModel *byLocation = tabs->model(ui::ResultTabs::Locations);
    QAbstractItemModelTester tester(
        byLocation, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Base, then the three scenarios run on this snapshot, each with its change.
    QCOMPARE(byLocation->resultCount(), 4);
    int mine = -1;
    for (int r = 1; r < byLocation->resultCount(); ++r) {
        if (byLocation->headerData(
                ui::ComparisonModel::valueColumn(r), Qt::Horizontal, Qt::DisplayRole)
            == u"Form built"_s)
            mine = r;
    }
    QVERIFY(mine > 0);
    QCOMPARE(byLocation->rowCount(), int(with.locations.size()));
    bool someChange = false;
    auto *figure = find<QComboBox>(page(), u"locationFigure"_s);
    for (int f = 0; f < 5; ++f) {
        figure->setCurrentIndex(f);
        QCOMPARE(byLocation->figure(), f);
        for (std::size_t l = 0; l < with.locations.size(); ++l) {
            const int row = int(l); // the base's order: the snapshot's
            QCOMPARE(byLocation->key(row), with.locations[l].location);
            const double b = locationFigure(base.locations[l], f);
            const double w = locationFigure(with.locations[l], f);
            QVERIFY(qAbs(byLocation->value(row, 0) - b) < 1e-6);
            QVERIFY(qAbs(byLocation->value(row, mine) - w) < 1e-6);
            QVERIFY(qAbs(byLocation->difference(row, mine) - (w - b)) < 1e-6);
            someChange = someChange || qAbs(w - b) > 1e-6;
            // Shown as the rest of the window shows money and units.
            const QString shown
                = byLocation->data(byLocation->index(row, ui::ComparisonModel::valueColumn(mine)))
                      .toString();
            QCOMPARE(shown,
                f >= 2 ? ui::formatMoney(w, page()->lastRun()->info.currency) : ui::formatQty(w));
        }
    }
    QVERIFY(someChange);
    // Sorted on the change column by its raw value, the biggest rise in units in first.
    figure->setCurrentIndex(0);
    QTableView *locationView = tabs->view(ui::ResultTabs::Locations);
    locationView->sortByColumn(ui::ComparisonModel::valueColumn(mine) + 1, Qt::DescendingOrder);
    QSortFilterProxyModel *proxy = tabs->proxy(ui::ResultTabs::Locations);
    double most = -1e300;
    for (std::size_t l = 0; l < with.locations.size(); ++l)
        most = std::max(most, with.locations[l].unitsIn - base.locations[l].unitsIn);
    const int top = proxy->mapToSource(proxy->index(0, 0)).row();
    QVERIFY(qAbs(byLocation->difference(top, mine) - most) < 1e-6);

    // By item: the engine's per-item figures, found with the search box.
    ui::ComparisonModel *byItem = tabs->model(ui::ResultTabs::Items);
    const model::ItemFigures *changed = nullptr;
    for (const model::ItemFigures &i : with.items) {
        const auto was = std::find_if(base.items.begin(), base.items.end(),
            [&i](const model::ItemFigures &b) { return b.item == i.item; });
        const double before = was == base.items.end() ? 0.0 : was->exposureLeft;
        if (!changed && qAbs(i.exposureLeft - before) > 1e-6)
            changed = &i;
    }
    QVERIFY(changed);
    tabs->setCurrentIndex(2);
    auto *search = find<QLineEdit>(page(), u"itemSearch"_s);
    QTest::keyClicks(search, changed->item);
    QSortFilterProxyModel *items = tabs->proxy(ui::ResultTabs::Items);
    QVERIFY(items->rowCount() >= 1 && items->rowCount() < byItem->rowCount());
    int found = -1;
    for (int r = 0; r < items->rowCount(); ++r) {
        const int row = items->mapToSource(items->index(r, 0)).row();
        QVERIFY(byItem->key(row).contains(changed->item, Qt::CaseInsensitive));
        if (byItem->key(row) == changed->item)
            found = row;
    }
    QVERIFY(found >= 0);
    const auto was = std::find_if(base.items.begin(), base.items.end(),
        [changed](const model::ItemFigures &b) { return b.item == changed->item; });
    const double before = was == base.items.end() ? 0.0 : was->exposureLeft;
    find<QComboBox>(page(), u"itemFigure"_s)->setCurrentIndex(3);
    QCOMPARE(byItem->figure(), 3); // exposure left
    QVERIFY(qAbs(byItem->value(found, mine) - changed->exposureLeft) < 1e-6);
    QVERIFY(qAbs(byItem->difference(found, mine) - (changed->exposureLeft - before)) < 1e-6);
    QVERIFY(find<QLabel>(page(), u"itemCount"_s)->text().contains(u" of "_s));
    // A search that finds nothing says so instead of showing an empty table.
    {
        auto *itemTable = tabs->view(ui::ResultTabs::Items);
        QVERIFY(itemTable->isVisible());
        const QString typed = search->text();
        search->setText(u"no such item"_s);
        QCOMPARE(
            find<QLabel>(page(), u"itemCount"_s)->text(), u"No item matches \"no such item\"."_s);
        QVERIFY(!itemTable->isVisible());
        search->setText(typed);
        QVERIFY(itemTable->isVisible());
    }

    // Exported as shown: the filtered rows, raw numbers.
    QTemporaryDir dir;
    const QString csv = dir.filePath(u"items.csv"_s);
    QVERIFY(tabs->exportTable(ui::ResultTabs::Items, csv));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines
        = QString::fromUtf8(file.readAll()).split(u"\r\n"_s, Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + items->rowCount());
    QVERIFY2(
        lines.front().startsWith(u"Item,\"Exposure left, Base\""_s), qPrintable(lines.front()));

    // Lanes: the lane the scenario slowed, its units in each plan.
    ui::ComparisonModel *lanes = tabs->model(ui::ResultTabs::Lanes);
    int west = -1;
    for (int r = 0; r < lanes->rowCount(); ++r)
        if (lanes->key(r) == u"DC-WEST → BR-02"_s)
            west = r;
    QVERIFY(west >= 0);
    for (const model::LaneFigures &l : with.lanes)
        if (l.from == u"DC-WEST"_s && l.to == u"BR-02"_s) {
            QVERIFY(qAbs(lanes->value(west, mine) - l.units) < 1e-6);
            QCOMPARE(l.capacityPerDay, 20.0);
            QVERIFY(l.peakPerDay <= 20 + 1e-6);
        }

    // Saved, it re-opens in the form as it was built.
    auto *scenarios = find<QListWidget>(page(), u"scenarioList"_s);
    scenarios->setCurrentRow(0);
    QVERIFY(find<QLineEdit>(page(), u"scenarioName"_s)->text() != u"Form built"_s);
    const auto back = scenarios->findItems(u"Form built"_s, Qt::MatchExactly);
    QCOMPARE(back.size(), 1);
    scenarios->setCurrentItem(back.front());
    QCOMPARE(find<QLineEdit>(page(), u"scenarioName"_s)->text(), u"Form built"_s);
    auto reopened = page()->editedScenario();
    QVERIFY(reopened);
    QCOMPARE(model::scenarioToJson(*reopened), builtJson);
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->text(),
        u"1. Change the lane DC-WEST → BR-02: transit 4 days, capacity 20 a day"_s);
    editor->selectChange(0);
    QCOMPARE(lane->currentText(), u"DC-WEST → BR-02"_s);
    QVERIFY(find<QCheckBox>(page(), u"transitOn"_s)->isChecked());
    QCOMPARE(find<QDoubleSpinBox>(page(), u"transitField"_s)->value(), 4.0);
    QVERIFY(!find<QCheckBox>(page(), u"costOn"_s)->isChecked());
    QCOMPARE(find<QDoubleSpinBox>(page(), u"capacityField"_s)->value(), 20.0);
    editor->selectChange(1);
    QCOMPARE(find<QComboBox>(page(), u"abcField"_s)->currentText(), u"A"_s);
    QCOMPARE(find<QDoubleSpinBox>(page(), u"percentField"_s)->value(), 30.0);
    // The results say they match the scenario as saved.
    QVERIFY(
        !byLocation
             ->headerData(ui::ComparisonModel::valueColumn(mine), Qt::Horizontal, Qt::DisplayRole)
             .toString()
             .contains(u"edited"_s));
    page()->close();
}

QTEST_MAIN(TestSimulationWindow)
#include "test_simulationwindow.moc"
