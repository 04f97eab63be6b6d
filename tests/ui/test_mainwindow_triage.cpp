// Keyboard triage in the main window on the demo: approve, reject and undo (one row or a
// batch as one step), decisions that survive reopening, rows without a feasible action
// left alone, J/K/Enter/Escape moving between the queue and the detail panel, and every
// decision recorded as the user the window was given; an approval above that user's
// role is refused with the rule shown, and nothing is recorded.

#include "mainwindowfixture.h"

#include "ui/detail/detailpanel.h"
#include "ui/queues/queuepage.h"

#include <QMessageBox>
#include <QScopeGuard>
#include <QStatusBar>
#include <QUndoStack>

#include <algorithm>

using namespace mainwindowtest;

class TestMainWindowTriage : public MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void approveUndoAndSurviveReopening();
    void batchApproveIsOneUndoStep();
    void approveLeavesRowsWithoutAFeasibleAction();
    void enterFocusesTheDetailPanel();
    void recordsDecisionsAsTheUserPassedIn();
    void approvalAboveTheRoleShowsWhyAndRecordsNothing();
};

void TestMainWindowTriage::initTestCase()
{
    QVERIFY(setUpWindow());
    QVERIFY(importDemo());
}

void TestMainWindowTriage::approveUndoAndSurviveReopening()
{
    QueueModel *model = m_window->queueModel();
    // The first row that has a feasible recommendation.
    int view = 0;
    while (view < model->rowCount() && !model->itemAt(model->index(view, 0)).actionFeasible)
        ++view;
    QVERIFY(view < model->rowCount());
    const qint32 row = model->sourceRow(model->index(view, 0));
    const QString id = model->queue().exceptionId(row);
    selectView(view);

    QTest::keyClick(table(), Qt::Key_A);
    QCOMPARE(decisionOf(model, row), model::Decision::Approved);
    QVERIFY(model->index(view, QueueModel::Decision).data().toString().contains(u"Approved"_s));
    QCOMPARE(storedDecisions(m_database).value(id), model::Decision::Approved);
    QCOMPARE(m_window->undoStack()->count(), 1);
    screenshot(u"approved"_s);

    // U takes it back, in the table and in the database.
    QTest::keyClick(table(), Qt::Key_U);
    QCOMPARE(decisionOf(model, row), model::Decision::None);
    QVERIFY(!storedDecisions(m_database).contains(id));

    // Approve again, close the window, open the database in a new one: still approved.
    QTest::keyClick(table(), Qt::Key_A);
    QCOMPARE(decisionOf(model, row), model::Decision::Approved);
    m_window->close();
    m_window.reset();
    m_window = openWindow();
    QVERIFY(m_window);
    model = m_window->queueModel();
    const qint32 reopened = model->findException(id);
    QVERIFY(reopened >= 0);
    QCOMPARE(decisionOf(model, reopened), model::Decision::Approved);

    // R overrides with a rejection; U brings the approval back.
    const QModelIndex index = model->indexOfSourceRow(reopened, QueueModel::Item);
    QVERIFY(index.isValid());
    selectView(index.row());
    QTest::keyClick(table(), Qt::Key_R);
    QCOMPARE(decisionOf(model, reopened), model::Decision::Rejected);
    QCOMPARE(storedDecisions(m_database).value(id), model::Decision::Rejected);
    QTest::keyClick(table(), Qt::Key_U);
    QCOMPARE(decisionOf(model, reopened), model::Decision::Approved);
    QCOMPARE(storedDecisions(m_database).value(id), model::Decision::Approved);
}

void TestMainWindowTriage::batchApproveIsOneUndoStep()
{
    QueueModel *model = m_window->queueModel();
    QUndoStack *undo = m_window->undoStack();
    // Three consecutive undecided rows with a feasible recommendation.
    int first = 0;
    auto ready = [&](int view) {
        const auto row = model->itemAt(model->index(view, 0));
        return row.actionFeasible && row.decision == model::Decision::None;
    };
    while (first + 2 < model->rowCount() && !(ready(first) && ready(first + 1) && ready(first + 2)))
        ++first;
    QVERIFY(first + 2 < model->rowCount());
    std::vector<qint32> rows;
    for (int v = first; v < first + 3; ++v)
        rows.push_back(model->sourceRow(model->index(v, 0)));

    selectView(first);
    QTest::keyClick(table(), Qt::Key_Down, Qt::ShiftModifier);
    QTest::keyClick(table(), Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(table()->selectionModel()->selectedRows().size(), 3);

    const int before = undo->index();
    QTest::keyClick(table(), Qt::Key_A);
    QCOMPARE(undo->index(), before + 1);
    const QHash<QString, model::Decision::Kind> stored = storedDecisions(m_database);
    for (qint32 row : rows) {
        QCOMPARE(decisionOf(model, row), model::Decision::Approved);
        QCOMPARE(stored.value(model->queue().exceptionId(row)), model::Decision::Approved);
    }
    QTest::keyClick(table(), Qt::Key_U);
    const QHash<QString, model::Decision::Kind> after = storedDecisions(m_database);
    for (qint32 row : rows) {
        QCOMPARE(decisionOf(model, row), model::Decision::None);
        QVERIFY(!after.contains(model->queue().exceptionId(row)));
    }
    QCOMPARE(undo->index(), before); // one step back undid all three
    QVERIFY(undo->canRedo());
}

void TestMainWindowTriage::approveLeavesRowsWithoutAFeasibleAction()
{
    QueueModel *model = m_window->queueModel();
    model::Workbench *workbench = m_window->workbench();
    QUndoStack *undo = m_window->undoStack();
    const model::Queue &queue = model->queue();
    auto recommendationsOf = [&](qint32 row) {
        auto explanation = workbench->runs().explainException(queue.exceptionId(row));
        return explanation && explanation->exception ? explanation->exception->recommendations
                                                     : std::vector<engine::Recommendation> {};
    };
    auto anyFeasible = [](const std::vector<engine::Recommendation> &recommendations) {
        return std::any_of(recommendations.begin(), recommendations.end(),
            [](const engine::Recommendation &r) { return r.feasible; });
    };
    // A row whose recommendations all arrive too late, and an undecided one with a
    // feasible recommendation; both checked on the explanation, not on the table.
    int stuck = -1, ready = -1;
    for (int view = 0; view < model->rowCount() && (stuck < 0 || ready < 0); ++view) {
        const QueueModel::Row row = model->itemAt(model->index(view, 0));
        const auto recommendations = recommendationsOf(row.sourceRow);
        if (stuck < 0 && !recommendations.empty() && !anyFeasible(recommendations))
            stuck = view;
        else if (ready < 0 && anyFeasible(recommendations) && row.decision == model::Decision::None)
            ready = view;
    }
    QVERIFY2(stuck >= 0, "the demo has no exception with only infeasible recommendations");
    QVERIFY(ready >= 0);
    const qint32 stuckRow = model->sourceRow(model->index(stuck, 0));
    const qint32 readyRow = model->sourceRow(model->index(ready, 0));
    // The table still names its best move, marked late; the queue's flag agrees.
    QVERIFY(model->index(stuck, QueueModel::Action).data().toString().endsWith(u" (late)"_s));
    QVERIFY(!model->itemAt(model->index(stuck, 0)).actionFeasible);
    const QString skuLocation = queue.itemIds.at(queue.item[std::size_t(stuckRow)]) + u" @ "_s
        + queue.locationIds.at(queue.location[std::size_t(stuckRow)]);

    // Alone: nothing recorded, and the status bar says which SKU-location and why.
    const int before = undo->index();
    selectView(stuck);
    QTest::keyClick(table(), Qt::Key_A);
    QCOMPARE(undo->index(), before);
    QCOMPARE(decisionOf(model, stuckRow), model::Decision::None);
    QVERIFY(!storedDecisions(m_database).contains(queue.exceptionId(stuckRow)));
    const QString message = m_window->statusBar()->currentMessage();
    QVERIFY2(message.startsWith(skuLocation + u": no feasible action to approve"_s),
        qPrintable(message));

    // With a decidable row: that one is approved, on a feasible recommendation; the other is
    // counted.
    table()->selectionModel()->select(
        model->index(ready, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(table()->selectionModel()->selectedRows().size(), 2);
    QTest::keyClick(table(), Qt::Key_A);
    QCOMPARE(undo->index(), before + 1);
    QCOMPARE(decisionOf(model, readyRow), model::Decision::Approved);
    QCOMPARE(decisionOf(model, stuckRow), model::Decision::None);
    const QString batchMessage = m_window->statusBar()->currentMessage();
    QVERIFY2(batchMessage.contains(u"Approved 1 exception"_s)
            && batchMessage.contains(u"skipped 1 without a feasible action"_s),
        qPrintable(batchMessage));
    auto decisions = workbench->decisions().standing();
    QVERIFY(decisions);
    const auto decided = std::find_if(decisions->begin(), decisions->end(),
        [&](const model::Decision &d) { return d.exceptionId == queue.exceptionId(readyRow); });
    QVERIFY(decided != decisions->end());
    const auto recommendations = recommendationsOf(readyRow);
    QVERIFY(decided->recommendationIndex >= 0
        && std::size_t(decided->recommendationIndex) < recommendations.size());
    // Approval takes the first action that arrives in time or is the item plan's own
    // (a plan action may arrive late and still pay).
    const auto &approved = recommendations[std::size_t(decided->recommendationIndex)];
    QVERIFY(approved.feasible || approved.inPlan);
    QTest::keyClick(table(), Qt::Key_U);
    QCOMPARE(decisionOf(model, readyRow), model::Decision::None);
}

void TestMainWindowTriage::enterFocusesTheDetailPanel()
{
    auto *panel = find<ui::DetailPanel>(m_window.get(), u"detailPanel"_s);
    selectView(1);
    // J/K move down and up.
    QTest::keyClick(table(), Qt::Key_J);
    QCOMPARE(table()->currentIndex().row(), 2);
    QTest::keyClick(table(), Qt::Key_K);
    QTest::keyClick(table(), Qt::Key_K);
    QCOMPARE(table()->currentIndex().row(), 0);
    QTest::keyClick(table(), Qt::Key_K); // stays on the first row
    QCOMPARE(table()->currentIndex().row(), 0);

    QTest::keyClick(table(), Qt::Key_Return);
    QWidget *focus = QApplication::focusWidget();
    QVERIFY(focus);
    QVERIFY2(focus == panel || panel->isAncestorOf(focus), qPrintable(focus->objectName()));
    // Escape goes back to the queue.
    QTest::keyClick(focus, Qt::Key_Escape);
    QTRY_VERIFY(table()->hasFocus());
}

void TestMainWindowTriage::recordsDecisionsAsTheUserPassedIn()
{
    // Whoever the operating system says is logged in, the decision is the window's user's.
    const QByteArray user = qgetenv("USER"), userName = qgetenv("USERNAME");
    const auto restore = qScopeGuard([&] {
        qputenv("USER", user);
        qputenv("USERNAME", userName);
    });
    qputenv("USER", "someone-else");
    qputenv("USERNAME", "someone-else");

    QueueModel *model = m_window->queueModel();
    int view = 0;
    auto ready = [&](int v) {
        const auto row = model->itemAt(model->index(v, 0));
        return row.actionFeasible && row.decision == model::Decision::None;
    };
    while (view < model->rowCount() && !ready(view))
        ++view;
    QVERIFY(view < model->rowCount());
    const qint32 row = model->sourceRow(model->index(view, 0));
    const QString id = model->queue().exceptionId(row);
    selectView(view);

    QTest::keyClick(table(), Qt::Key_A);
    QCOMPARE(decisionOf(model, row), model::Decision::Approved);
    const model::Decision stored = storedDecisionRecords(m_database).value(id);
    QCOMPARE(stored.kind, model::Decision::Approved);
    QCOMPARE(stored.user, m_user.name);
    QVERIFY(stored.user != u"someone-else"_s);
    QTest::keyClick(table(), Qt::Key_U);
    QVERIFY(!storedDecisions(m_database).contains(id));
}

void TestMainWindowTriage::approvalAboveTheRoleShowsWhyAndRecordsNothing()
{
    // Every demo recommendation is within a planner's limit: re-scored with none, any
    // that costs something needs a manager.
    auto reader = model::Workbench::open(m_database);
    QVERIFY(reader);
    auto policy = (*reader)->runs().runPolicy();
    QVERIFY(policy);
    policy->plannerApprovalLimit = 0;
    QVERIFY((*reader)->runs().rescore(*policy));
    m_window->queuePage()->reload();

    // The first undecided row whose first feasible recommendation needs more than the
    // window's planner.
    QueueModel *model = m_window->queueModel();
    int view = -1;
    QString needs;
    for (int v = 0; v < model->rowCount() && view < 0; ++v) {
        const auto row = model->itemAt(model->index(v, 0));
        if (!row.actionFeasible || row.decision != model::Decision::None)
            continue;
        auto e = (*reader)->runs().explainException(
            model->queue().exceptionId(model->sourceRow(model->index(v, 0))));
        QVERIFY(e);
        const engine::Recommendation *top = e->exception->topRecommendation();
        if (top && top->requiresRole != engine::Role::Planner) {
            view = v;
            needs = QString::fromLatin1(engine::roleName(top->requiresRole));
        }
    }
    QVERIFY2(view >= 0, "the demo has no recommendation above a planner's role");
    const qint32 row = model->sourceRow(model->index(view, 0));
    const QString id = model->queue().exceptionId(row);
    const int undoSteps = m_window->undoStack()->count();
    selectView(view);

    QTest::keyClick(table(), Qt::Key_A);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"errorMessage"_s)) != nullptr);
    QVERIFY2(box->text().contains(u"needs the "_s + needs + u" role"_s), qPrintable(box->text()));
    QVERIFY(box->text().contains(u"test-planner is a planner"_s));
    QVERIFY2(box->text().contains(u"the policy's planner_approval_limit (0)"_s),
        qPrintable(box->text()));
    box->close();
    QCOMPARE(decisionOf(model, row), model::Decision::None);
    QVERIFY(!storedDecisions(m_database).contains(id));
    QCOMPARE(m_window->undoStack()->count(), undoSteps);

    // The attempt is in the audit trail, as refused.
    auto events = (*reader)->audit().events();
    QVERIFY(events && !events->empty());
    QCOMPARE(events->back().exceptionId, id);
    QCOMPARE(events->back().user, m_user.name);
    QVERIFY(events->back().outcome.startsWith(u"refused"_s));

    // In a selection of several rows, what the role may not approve is skipped row by
    // row, with the policy rule, and nothing is asked of the store for it.
    QVERIFY(view + 1 < model->rowCount());
    selectView(view);
    QTest::keyClick(table(), Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(table()->selectionModel()->selectedRows().size(), 2);
    const std::size_t eventCount = events->size();
    QTest::keyClick(table(), Qt::Key_A);
    const QString message = m_window->statusBar()->currentMessage();
    QVERIFY2(message.contains(u"your role may not approve (the policy's planner_approval_limit)"_s),
        qPrintable(message));
    for (const QMessageBox *shown : m_window->findChildren<QMessageBox *>(u"errorMessage"_s))
        QVERIFY(!shown->isVisible());
    QCOMPARE(decisionOf(model, row), model::Decision::None);
    events = (*reader)->audit().events();
    QVERIFY(events);
    for (std::size_t i = eventCount; i < events->size(); ++i)
        QVERIFY(!(*events)[i].outcome.startsWith(u"refused"_s));
}

QTEST_MAIN(TestMainWindowTriage)
#include "test_mainwindow_triage.moc"
