// The Simulation window on the real main window: opened from View > Simulation…
// (Ctrl+Shift+N); with no snapshot it says what is missing; on the demo a scenario
// written in the editor (closing a lane) is saved and run off the GUI thread, its
// plan drawn with the closed lane dashed, its results beside another scenario's with
// the differences, and its transfers proposed: they show in the Network proposals
// list, and approving one there records the decision.

#include "mainwindowfixture.h"
#include "ui/charts/scenariochart.h"
#include "ui/queues/queuepage.h"
#include "ui/simulation/networkview.h"
#include "ui/simulation/proposallist.h"
#include "ui/simulation/simulationpage.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>

using namespace mainwindowtest;

class TestSimulationWindow : public MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyStateSaysWhatIsMissing();
    void closeALaneRunCompareAndPropose();

private:
    ui::SimulationPage *page() const { return m_window->findChild<ui::SimulationPage *>(); }
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
    page()->close();
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

    // A change the editor cannot read is refused with its line, and nothing is saved.
    find<QLineEdit>(page(), u"scenarioName"_s)->setText(u"Broken"_s);
    find<QPlainTextEdit>(page(), u"scenarioChanges"_s)->setPlainText(u"{\"kind\": "_s);
    page()->saveScenario();
    auto *status = find<QLabel>(page(), u"simulationStatus"_s);
    QVERIFY2(status->text().contains(u"line 1"_s), qPrintable(status->text()));
    QCOMPARE(find<QListWidget>(page(), u"scenarioList"_s)->count(), 0);

    // The "Add change" button writes a template of the kind chosen.
    auto *kind = find<QComboBox>(page(), u"changeKind"_s);
    kind->setCurrentIndex(0);
    find<QPlainTextEdit>(page(), u"scenarioChanges"_s)->clear();
    QTest::mouseClick(find<QPushButton>(page(), u"addChange"_s), Qt::LeftButton);
    QVERIFY(page()->editedScenario().has_value());

    QVERIFY(
        run(u"A items +30%"_s, uR"({"kind": "demand_spike", "abc_class": "A", "percent": 30})"_s));
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
    QTRY_VERIFY(queueButton->text().contains(QString::number(proposed - 1) + u" to decide"_s));
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

QTEST_MAIN(TestSimulationWindow)
#include "test_simulationwindow.moc"
