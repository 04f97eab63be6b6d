// The queues of the main window on the demo: the queue keys switch between them, the
// filters narrow them (and keys typed in the filter box triage nothing), the header
// sorts by value, replenishment rows name the purchase that comes too late, and the
// window follows another process's changes to the database.

#include "engine/scoring/scoringoutput.h"
#include "mainwindowfixture.h"
#include "model/json/policyjson.h"

#include "ui/common/format.h"
#include "ui/detail/detailpanel.h"
#include "ui/queues/queuelist.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStatusBar>
#include <QUndoStack>

using namespace mainwindowtest;

class TestMainWindowQueues : public MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void queueKeysSwitchQueues();
    void filtersNarrowRowsAndKeysDoNotFireWhileTyping();
    void headerClickSortsByValue();
    void replenishmentRowsNameTheLatePurchase();
    void anotherProcessRescoresAndTheWindowFollows();
    void ruleApprovalsHaveTheirOwnView();
    void aboutNamesVersionScoringAndCommit();
};

void TestMainWindowQueues::initTestCase()
{
    QVERIFY(setUpWindow());
    QVERIFY(importDemo());
}

void TestMainWindowQueues::queueKeysSwitchQueues()
{
    QueueModel *model = m_window->queueModel();
    auto *list = find<ui::QueueList>(m_window.get(), u"queueList"_s);
    const model::Queue &queue = model->queue();
    focusTable();
    for (int type = 0; type < engine::kExceptionTypeCount; ++type) {
        // Key 1 is All, 2..7 the six types in queue order.
        QTest::keyClick(table(), Qt::Key(Qt::Key_2 + type));
        QCOMPARE(list->currentType(), type);
        qint64 expected = 0;
        for (qsizetype r = 0; r < queue.size(); ++r)
            expected += queue.type[std::size_t(r)] == type ? 1 : 0;
        QCOMPARE(qint64(model->rowCount()), expected);
        for (qint32 row : shownRows(model))
            QCOMPARE(int(queue.type[std::size_t(row)]), type);
        // The queue list shows the same count.
        QCOMPARE(
            list->listModel()->index(type + 1).data(ui::QueueListModel::CountRole).toLongLong(),
            expected);
        if (type == 0)
            screenshot(u"shortage-queue"_s);
    }
    QTest::keyClick(table(), Qt::Key_1);
    QCOMPARE(list->currentType(), -1);
    QCOMPARE(qint64(model->rowCount()), qint64(queue.size()));
}

void TestMainWindowQueues::filtersNarrowRowsAndKeysDoNotFireWhileTyping()
{
    QueueModel *model = m_window->queueModel();
    const model::Queue &queue = model->queue();
    QUndoStack *undo = m_window->undoStack();
    const int undoCount = undo->count();
    auto *text = find<QLineEdit>(m_window.get(), u"filterText"_s);

    // "/" puts the cursor in the filter; letters typed there filter, they do not triage.
    focusTable();
    QTest::keyClick(table(), Qt::Key_Slash);
    QTRY_VERIFY(text->hasFocus());
    const QString location = queue.locationIds.front();
    QTest::keyClicks(text, location.toLower());
    QCOMPARE(text->text(), location.toLower());
    QCOMPARE(undo->count(), undoCount); // the "a"s and "r"s of the id approved nothing
    QTRY_VERIFY(model->criteria().text == location.toLower());
    qint64 expected = 0;
    for (qsizetype r = 0; r < queue.size(); ++r) {
        const auto row = std::size_t(r);
        const bool hit
            = queue.locationIds[queue.location[row]].contains(location, Qt::CaseInsensitive)
            || queue.itemIds[queue.item[row]].contains(location, Qt::CaseInsensitive)
            || queue.itemDescriptions[queue.item[row]].contains(location, Qt::CaseInsensitive);
        expected += hit ? 1 : 0;
    }
    QVERIFY(expected > 0);
    QCOMPARE(qint64(model->rowCount()), expected);
    // Escape hands the focus back to the table.
    QTest::keyClick(text, Qt::Key_Escape);
    QTRY_VERIFY(table()->hasFocus());
    screenshot(u"filtered-text"_s);

    // Clear, then the location and ABC pickers combined.
    m_window->findChild<QAction *>(u"actionClearFilters"_s)->trigger();
    QCOMPARE(qint64(model->rowCount()), qint64(queue.size()));
    auto *locationBox = find<QComboBox>(m_window.get(), u"filterLocation"_s);
    auto *abcBox = find<QComboBox>(m_window.get(), u"filterAbc"_s);
    const qint32 someLocation = queue.location.front();
    locationBox->setCurrentIndex(locationBox->findData(queue.locationIds[someLocation]));
    abcBox->setCurrentIndex(abcBox->findData(int('A')));
    expected = 0;
    for (qsizetype r = 0; r < queue.size(); ++r) {
        const auto row = std::size_t(r);
        expected += queue.location[row] == someLocation && queue.abcClass[row] == 'A' ? 1 : 0;
    }
    QCOMPARE(qint64(model->rowCount()), expected);
    for (qint32 row : shownRows(model)) {
        QCOMPARE(queue.location[std::size_t(row)], someLocation);
        QCOMPARE(queue.abcClass[std::size_t(row)], 'A');
    }
    // A filter that matches nothing says so instead of showing a blank table.
    QTest::keyClick(table(), Qt::Key_Slash);
    QTest::keyClicks(text, u"no such thing anywhere"_s);
    QTest::keyClick(text, Qt::Key_Return);
    QCOMPARE(model->rowCount(), 0);
    auto *empty = find<QLabel>(m_window.get(), u"queueEmptyState"_s);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(u"Clear filters"_s));
    m_window->findChild<QAction *>(u"actionClearFilters"_s)->trigger();
    QCOMPARE(qint64(model->rowCount()), qint64(queue.size()));
    QVERIFY(table()->isVisible());
}

void TestMainWindowQueues::headerClickSortsByValue()
{
    QueueModel *model = m_window->queueModel();
    QHeaderView *header = table()->horizontalHeader();
    const QPoint scoreHeader(
        header->sectionViewportPosition(QueueModel::Score) + 10, header->height() / 2);
    // Rank ascending is on; the first click on Score sorts ascending, the second descending.
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, scoreHeader);
    std::vector<qint32> rows = shownRows(model);
    for (std::size_t i = 1; i < rows.size(); ++i)
        QVERIFY(model->liveScore(rows[i - 1]) <= model->liveScore(rows[i]));
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, scoreHeader);
    rows = shownRows(model);
    for (std::size_t i = 1; i < rows.size(); ++i)
        QVERIFY(model->liveScore(rows[i - 1]) >= model->liveScore(rows[i]));
    // Back to rank order for the tests that follow.
    table()->sortByColumn(QueueModel::Rank, Qt::AscendingOrder);
    QCOMPARE(model->index(0, QueueModel::Rank).data(QueueModel::RawValueRole).toInt(), 1);
}

void TestMainWindowQueues::replenishmentRowsNameTheLatePurchase()
{
    QueueModel *model = m_window->queueModel();
    model::Workbench *workbench = m_window->workbench();
    const model::Queue &queue = model->queue();
    const QColor grey = QColor(0x75, 0x75, 0x75);
    int late = 0, latePurchases = 0, inTime = 0, useless = 0;
    for (int view = 0; view < model->rowCount(); ++view) {
        const QueueModel::Row row = model->itemAt(model->index(view, 0));
        if (row.type != int(engine::ExceptionType::Replenishment))
            continue;
        // What the explanation lists decides what the table must say.
        auto explanation = workbench->runs().explainException(queue.exceptionId(row.sourceRow));
        QVERIFY(explanation && explanation->exception);
        const auto &recommendations = explanation->exception->recommendations;
        const QModelIndex cell = model->index(view, QueueModel::Action);
        const QString text = cell.data().toString();
        if (recommendations.empty()) {
            QCOMPARE(text, u"No action pays"_s);
            continue;
        }
        const engine::Recommendation &best = recommendations.front();
        QCOMPARE(row.action, int(best.action));
        QCOMPARE(row.actionFeasible, best.feasible || best.inPlan);
        if (best.feasible) {
            QVERIFY2(!text.endsWith(u"(late)"_s), qPrintable(text));
            ++inTime;
        } else if (explanation->exception->canSave <= 0) {
            // Late and saving nothing (its source has nothing to spare): not offered as
            // an action; the tooltip names it and says why.
            QCOMPARE(text, u"No action pays"_s);
            QVERIFY(cell.data(Qt::ToolTipRole)
                        .toString()
                        .contains(ui::actionLabel(best.action) + u" cannot help now"_s));
            QCOMPARE(cell.data(Qt::ForegroundRole).value<QColor>(), grey);
            ++useless;
        } else {
            QCOMPARE(text, ui::actionLabel(best.action) + u" (late)"_s);
            QCOMPARE(cell.data(Qt::ForegroundRole).value<QColor>(), grey);
            ++late;
            latePurchases += text == u"Purchase (late)"_s ? 1 : 0;
        }
    }
    // The demo's replenishments are partly too late to buy in time.
    QVERIFY2(latePurchases > 0, "the demo has no replenishment that can only be bought late");
    QVERIFY(inTime > 0);
    // The demo's branches whose DC has nothing to spare.
    QVERIFY(useless > 0);
}

void TestMainWindowQueues::anotherProcessRescoresAndTheWindowFollows()
{
    // The planner looks at the third row while a nightly job re-scores the database
    // through a connection of its own.
    QueueModel *model = m_window->queueModel();
    auto *panel = find<ui::DetailPanel>(m_window.get(), u"detailPanel"_s);
    QVERIFY(panel);
    selectView(2);
    const QString selected = panel->exceptionId();
    QVERIFY(!selected.isEmpty());
    const qint64 shown = model->queue().run.runId;

    auto other = model::Workbench::open(m_database);
    QVERIFY(other);
    auto run = (*other)->runs().rescore(engine::Policy {});
    QVERIFY2(run, qPrintable(run ? QString() : run.error().message));
    QVERIFY(run->runId > shown);

    // Within a few seconds the window shows the new run, says so, and keeps the
    // same exception selected.
    QTRY_COMPARE_WITH_TIMEOUT(model->queue().run.runId, run->runId, 10000);
    const QString message = m_window->statusBar()->currentMessage();
    QVERIFY2(message.contains(
                 u"Another process changed the database: now showing run %1"_s.arg(run->runId)),
        qPrintable(message));
    QCOMPARE(panel->exceptionId(), selected);
}

void TestMainWindowQueues::ruleApprovalsHaveTheirOwnView()
{
    // The nightly job scores with the demo's policy, whose auto-approve rules approve
    // small transfers on their own; the planner wants to see just those, to check them
    // before the export.
    QueueModel *model = m_window->queueModel();
    auto other = model::Workbench::open(m_database);
    QVERIFY(other);
    auto policy = model::loadPolicy(u":/policy/demo-policy.json"_s);
    QVERIFY2(policy, qPrintable(policy ? QString() : policy.error().message));
    QVERIFY(!policy->autoApprove.empty());
    auto run = (*other)->runs().rescore(*policy);
    QVERIFY2(run, qPrintable(run ? QString() : run.error().message));
    QVERIFY2(run->autoApproved > 0, "the demo policy approves some transfers by itself");
    QTRY_COMPARE_WITH_TIMEOUT(model->queue().run.runId, run->runId, 10000);
    const int all = model->rowCount();

    focusTable();
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(model->rowCount(), int(run->autoApproved));
    for (int r = 0; r < model->rowCount(); ++r) {
        QCOMPARE(model->index(r, QueueModel::Decision).data().toString(), u"✓ By rule"_s);
        QVERIFY(!model->index(r, QueueModel::Decision).data(Qt::ToolTipRole).toString().isEmpty());
    }
    auto *combo = find<QComboBox>(m_window.get(), u"filterDecision"_s);
    QVERIFY(combo);
    QCOMPARE(combo->currentText(), u"Approved by rule"_s);
    QCOMPARE(model->criteria().decision, ui::DecisionView::ByRule);
    screenshot(u"rule-approvals"_s);

    // Each is the system's decision in the store, under the rule the tooltip names.
    const QHash<QString, model::Decision> stored = storedDecisionRecords(m_database);
    qint64 automatic = 0;
    for (const model::Decision &d : stored)
        automatic += d.automatic() ? 1 : 0;
    QCOMPARE(automatic, run->autoApproved);

    // A planner's approvals are another view; clearing the filters brings every row back.
    combo->setCurrentIndex(combo->findText(u"Approved by a planner"_s));
    for (int r = 0; r < model->rowCount(); ++r)
        QVERIFY(model->index(r, QueueModel::Decision).data().toString() != u"✓ By rule"_s);
    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(model->rowCount(), all);
    QCOMPARE(combo->currentText(), u"Any decision"_s);
}

void TestMainWindowQueues::aboutNamesVersionScoringAndCommit()
{
    // Help > About is there, and says what a support request needs: the version, the
    // scoring version (which decides every figure) and the commit of the build.
    QAction *about = m_window->findChild<QAction *>(u"actionAbout"_s);
    QVERIFY(about);
    QVERIFY(about->isEnabled());
    QCoreApplication::setApplicationVersion(u"9.8.7"_s);
    qApp->setProperty("buildCommit", u"0123456789ab"_s);
    const QString text = MainWindow::aboutText();
    QVERIFY2(text.contains(u"Planner Workbench 9.8.7"_s), qPrintable(text));
    QVERIFY(text.contains(QString::fromLatin1(engine::kScoringVersion)));
    QVERIFY(text.contains(u"commit 0123456789ab"_s));
    qApp->setProperty("buildCommit", QVariant());
    QVERIFY(MainWindow::aboutText().contains(u"commit unknown"_s));
}

QTEST_MAIN(TestMainWindowQueues)
#include "test_mainwindow_queues.moc"
