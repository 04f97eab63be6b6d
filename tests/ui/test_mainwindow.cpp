// Drives the real main window offscreen with key and mouse events, on a temporary
// database imported from the bundled demo snapshot. Widgets are found by object name.
// Set PWB_SCREENSHOT_DIR to keep PNGs of the states the test walks through.

#include "ui/common/appsettings.h"
#include "ui/common/format.h"
#include "ui/common/shortcutsdialog.h"
#include "ui/detail/detailpanel.h"
#include "ui/detail/whynotdialog.h"
#include "ui/import/importerrordialog.h"
#include "ui/queues/queuelist.h"
#include "ui/queues/queuemodel.h"
#include "ui/queues/weightspanel.h"
#include "ui/shell/mainwindow.h"

#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

#include <algorithm>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;
using ui::MainWindow;
using ui::QueueModel;

namespace {

constexpr int kImportTimeoutMs = 120000;

template <class T> T *find(QWidget *parent, const QString &name)
{
    T *child = parent->findChild<T *>(name);
    if (!child)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return child;
}

/// Source rows in view order.
std::vector<qint32> shownRows(const QueueModel *model)
{
    std::vector<qint32> rows;
    for (int r = 0; r < model->rowCount(); ++r)
        rows.push_back(model->sourceRow(model->index(r, 0)));
    return rows;
}

model::Decision::Kind decisionOf(const QueueModel *model, qint32 sourceRow)
{
    return model::Decision::Kind(model->rawValue(sourceRow, QueueModel::Decision).toInt());
}

/// Standing decisions read straight from the database, through a second connection.
QHash<QString, model::Decision::Kind> storedDecisions(const QString &path)
{
    QHash<QString, model::Decision::Kind> result;
    auto workbench = model::Workbench::open(path);
    if (!workbench)
        return result;
    if (auto decisions = (*workbench)->decisions().standing()) {
        for (const model::Decision &d : *decisions)
            result.insert(d.exceptionId, d.kind);
    }
    return result;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void startsEmptyAndImportsTheDemo();
    void topRowIsRankOneAndBreakdownAddsUp();
    void queueKeysSwitchQueues();
    void filtersNarrowRowsAndKeysDoNotFireWhileTyping();
    void headerClickSortsByValue();
    void reweightingChangesTheOrder();
    void approveUndoAndSurviveReopening();
    void batchApproveIsOneUndoStep();
    void approveLeavesRowsWithoutAFeasibleAction();
    void replenishmentRowsNameTheLatePurchase();
    void enterFocusesTheDetailPanel();
    void brokenImportShowsEveryErrorAndChangesNothing();
    void layoutAndFiltersPersist();
    void shortcutsDialogListsTheTriageKeys();
    void whyNotOffersItemsOutsideTheQueue();
    void importWarningsOpenFromTheStatusBar();

private:
    std::unique_ptr<MainWindow> openWindow();
    QTableView *table() const { return find<QTableView>(m_window.get(), u"queueTable"_s); }
    void focusTable();
    void selectView(int viewRow);
    void screenshot(const QString &name);

    QTemporaryDir m_dir;
    QString m_database;
    std::unique_ptr<ui::AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    Q_INIT_RESOURCE(resources);
    QVERIFY(m_dir.isValid());
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    m_database = m_dir.filePath(u"workbench.sqlite"_s);
    m_settings = std::make_unique<ui::AppSettings>(m_dir.filePath(u"settings.ini"_s));
    m_window = openWindow();
    QVERIFY(m_window);
}

std::unique_ptr<MainWindow> TestMainWindow::openWindow()
{
    auto window = std::make_unique<MainWindow>(m_settings.get());
    window->resize(1600, 1000);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        return nullptr;
    if (auto opened = window->openDatabase(m_database); !opened) {
        qWarning("%s", qPrintable(opened.error().message));
        return nullptr;
    }
    return window;
}

void TestMainWindow::focusTable()
{
    // A dialog closed by an earlier step may have left no window active.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    table()->setFocus(Qt::OtherFocusReason);
    QTRY_VERIFY(table()->hasFocus());
}

void TestMainWindow::selectView(int viewRow)
{
    table()->setCurrentIndex(m_window->queueModel()->index(viewRow, QueueModel::Item));
    focusTable();
}

void TestMainWindow::screenshot(const QString &name)
{
    const QString dir = qEnvironmentVariable("PWB_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents();
    m_window->grab().save(dir + u'/' + name + u".png"_s);
}

void TestMainWindow::startsEmptyAndImportsTheDemo()
{
    auto *empty = find<QLabel>(m_window.get(), u"queueEmptyState"_s);
    QVERIFY(empty);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(u"No snapshot loaded"_s));
    QVERIFY(empty->text().contains(u"Ctrl+I"_s));
    screenshot(u"empty"_s);

    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    QVERIFY(m_window->importBundledDemo());
    QVERIFY(finished.wait(kImportTimeoutMs));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!empty->isVisible());
    QVERIFY(table()->isVisible());
    QVERIFY(m_window->queueModel()->rowCount() > 10);

    // The status bar names the snapshot, its date, the scoring version and the counts.
    const model::Queue &queue = m_window->queueModel()->queue();
    QVERIFY(find<QLabel>(m_window.get(), u"statusSnapshot"_s)
                ->text()
                .contains(queue.snapshot.snapshotId));
    QVERIFY(!find<QLabel>(m_window.get(), u"statusAsOf"_s)->text().isEmpty());
    QCOMPARE(find<QLabel>(m_window.get(), u"statusScoring"_s)->text(),
        QString::fromUtf8(engine::kScoringVersion));
    const QString rows = find<QLabel>(m_window.get(), u"statusRows"_s)->text();
    QVERIFY2(rows.contains(QLocale().toString(queue.size())), qPrintable(rows));
    screenshot(u"demo"_s);
}

void TestMainWindow::topRowIsRankOneAndBreakdownAddsUp()
{
    QueueModel *model = m_window->queueModel();
    QCOMPARE(model->index(0, QueueModel::Rank).data(QueueModel::RawValueRole).toInt(), 1);
    // Ranked by score: no row below scores higher than the one above.
    const std::vector<qint32> rows = shownRows(model);
    for (std::size_t i = 1; i < rows.size(); ++i)
        QVERIFY(model->liveScore(rows[i]) <= model->liveScore(rows[i - 1]));

    // The window selects the top row and the detail panel explains it.
    QCOMPARE(table()->currentIndex().row(), 0);
    auto *panel = find<ui::DetailPanel>(m_window.get(), u"detailPanel"_s);
    QVERIFY(panel);
    QCOMPARE(panel->exceptionId(), model->queue().exceptionId(rows.front()));
    const double score = model->liveScore(rows.front());
    double sum = 0;
    for (double value : panel->breakdownValues())
        sum += value;
    QVERIFY(!panel->breakdownValues().isEmpty());
    QVERIFY2(std::abs(sum - score) <= 1e-6 * std::max(1.0, score),
        qPrintable(u"bars %1, score %2"_s.arg(sum).arg(score)));
    QVERIFY(std::abs(panel->breakdownTotal() - score) <= 1e-6 * std::max(1.0, score));
}

void TestMainWindow::queueKeysSwitchQueues()
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

void TestMainWindow::filtersNarrowRowsAndKeysDoNotFireWhileTyping()
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

void TestMainWindow::headerClickSortsByValue()
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

void TestMainWindow::reweightingChangesTheOrder()
{
    QueueModel *model = m_window->queueModel();
    const model::Queue &queue = model->queue();
    auto *weights = find<ui::WeightsPanel>(m_window.get(), u"weightsPanel"_s);
    QVERIFY(weights);
    QAction *toggle = m_window->findChild<QAction *>(u"actionWeights"_s);
    toggle->trigger();
    QTRY_VERIFY(find<QDockWidget>(m_window.get(), u"weightsDock"_s)->isVisible());

    // Find one factor that, weighted alone, puts a row other than rank 1 on top, and
    // work out by hand which row that is.
    const std::size_t k = engine::kFactorCount;
    int factor = -1;
    qint32 expectedTop = -1;
    for (int f = 0; f < engine::kFactorCount && factor < 0; ++f) {
        double best = -1;
        qint32 bestRow = -1;
        for (qsizetype r = 0; r < queue.size(); ++r) {
            const double value = queue.factorAmounts[std::size_t(r) * k + std::size_t(f)];
            if (value > best) {
                best = value;
                bestRow = qint32(r);
            }
        }
        if (best > 0 && queue.rank[std::size_t(bestRow)] != 1) {
            factor = f;
            expectedTop = bestRow;
        }
    }
    QVERIFY2(factor >= 0, "the demo should have a factor that re-orders the queue");

    std::array<double, engine::kFactorCount> w {};
    w[std::size_t(factor)] = 2.0;
    weights->setWeights(w);
    QTRY_VERIFY(model->isReweighted());
    QCOMPARE(model->sourceRow(model->index(0, 0)), expectedTop);
    QCOMPARE(model->index(0, QueueModel::Rank).data(QueueModel::RawValueRole).toInt(), 1);
    const int moved = queue.rank[std::size_t(expectedTop)] - 1;
    QCOMPARE(model->index(0, QueueModel::Moved).data(QueueModel::RawValueRole).toInt(), moved);
    QVERIFY(!table()->isColumnHidden(QueueModel::Moved));
    QVERIFY(find<QLabel>(m_window.get(), u"statusWhatIf"_s)->isVisible());
    // The detail panel explains the selected row with the what-if weights: bars still add up.
    auto *panel = find<ui::DetailPanel>(m_window.get(), u"detailPanel"_s);
    selectView(0);
    QCOMPARE(panel->exceptionId(), queue.exceptionId(expectedTop));
    QVERIFY(std::abs(panel->breakdownTotal() - model->liveScore(expectedTop))
        < 1e-6 * std::max(1.0, model->liveScore(expectedTop)));
    screenshot(u"what-if"_s);

    // Reset to the policy: the stored order, and nothing was saved.
    weights->setWeights(weights->policyWeights());
    QTRY_VERIFY(!model->isReweighted());
    QCOMPARE(model->sourceRow(model->index(0, 0)),
        qint32(std::find(queue.rank.begin(), queue.rank.end(), 1) - queue.rank.begin()));
    QVERIFY(table()->isColumnHidden(QueueModel::Moved));
    toggle->trigger();
    QTRY_VERIFY(!find<QDockWidget>(m_window.get(), u"weightsDock"_s)->isVisible());
}

void TestMainWindow::approveUndoAndSurviveReopening()
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

void TestMainWindow::batchApproveIsOneUndoStep()
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

void TestMainWindow::approveLeavesRowsWithoutAFeasibleAction()
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
    QVERIFY(recommendations[std::size_t(decided->recommendationIndex)].feasible);
    QTest::keyClick(table(), Qt::Key_U);
    QCOMPARE(decisionOf(model, readyRow), model::Decision::None);
}

void TestMainWindow::enterFocusesTheDetailPanel()
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

void TestMainWindow::brokenImportShowsEveryErrorAndChangesNothing()
{
    const QString broken = QStringLiteral(PWB_SOURCE_DIR) + u"/tests/data/broken/bad-date"_s;
    QFile expectedFile(broken + u"/expected-error.txt"_s);
    QVERIFY(expectedFile.open(QIODevice::ReadOnly));
    const QString expected
        = QString::fromUtf8(expectedFile.readAll()).trimmed().split(u'\n').front();
    QVERIFY(expected.contains(u".csv:"_s));

    QueueModel *model = m_window->queueModel();
    const QString snapshotBefore = model->queue().snapshot.snapshotId;
    const qsizetype sizeBefore = model->queue().size();
    const QString topBefore = model->queue().exceptionId(model->sourceRow(model->index(0, 0)));
    auto versions = [this] {
        auto workbench = model::Workbench::open(m_database);
        auto list = workbench ? (*workbench)->snapshots().list()
                              : model::Result<std::vector<model::SnapshotInfo>>();
        return list ? qsizetype(list->size()) : -1;
    };
    const qsizetype versionsBefore = versions();
    QVERIFY(versionsBefore >= 1);

    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    QVERIFY(m_window->importSnapshot(broken));
    QVERIFY(finished.wait(kImportTimeoutMs));
    QCOMPARE(finished.first().first().toBool(), false);

    ui::ImportErrorDialog *dialog = nullptr;
    QTRY_VERIFY(
        (dialog = m_window->findChild<ui::ImportErrorDialog *>(u"importErrorDialog"_s)) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    auto *list = find<QPlainTextEdit>(dialog, u"importErrorList"_s);
    QVERIFY2(list->toPlainText().contains(expected), qPrintable(list->toPlainText()));
    QVERIFY(dialog->reportText().contains(expected));
    screenshot(u"import-error"_s);
    dialog->grab().save(
        qEnvironmentVariable("PWB_SCREENSHOT_DIR", m_dir.path()) + u"/import-error-dialog.png"_s);
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(!m_window->findChild<ui::ImportErrorDialog *>(u"importErrorDialog"_s));

    // Nothing changed: same snapshot, same rows, same top, no new version stored.
    QCOMPARE(model->queue().snapshot.snapshotId, snapshotBefore);
    QCOMPARE(model->queue().size(), sizeBefore);
    QCOMPARE(model->queue().exceptionId(model->sourceRow(model->index(0, 0))), topBefore);
    QCOMPARE(versions(), versionsBefore);
}

void TestMainWindow::layoutAndFiltersPersist()
{
    auto *abc = find<QComboBox>(m_window.get(), u"filterAbc"_s);
    abc->setCurrentIndex(abc->findData(int('B')));
    focusTable();
    QTest::keyClick(table(), Qt::Key_3); // replenishment
    table()->horizontalHeader()->resizeSection(QueueModel::Location, 171);
    const qint64 shown = m_window->queueModel()->rowCount();
    m_window->close();
    m_window.reset();

    m_window = openWindow();
    QVERIFY(m_window);
    const ui::QueueCriteria criteria = m_window->queueModel()->criteria();
    QCOMPARE(criteria.abcClass, 'B');
    QCOMPARE(criteria.type, int(engine::ExceptionType::Replenishment));
    QCOMPARE(find<QComboBox>(m_window.get(), u"filterAbc"_s)->currentData().toInt(), int('B'));
    QCOMPARE(find<ui::QueueList>(m_window.get(), u"queueList"_s)->currentType(),
        int(engine::ExceptionType::Replenishment));
    QCOMPARE(qint64(m_window->queueModel()->rowCount()), shown);
    QCOMPARE(table()->horizontalHeader()->sectionSize(QueueModel::Location), 171);
    QVERIFY(m_settings->recentDatabases().contains(QFileInfo(m_database).absoluteFilePath()));

    m_window->findChild<QAction *>(u"actionClearFilters"_s)->trigger();
    focusTable();
    QTest::keyClick(table(), Qt::Key_1);
}

void TestMainWindow::shortcutsDialogListsTheTriageKeys()
{
    m_window->findChild<QAction *>(u"actionShortcuts"_s)->trigger();
    ui::ShortcutsDialog *dialog = nullptr;
    QTRY_VERIFY(
        (dialog = m_window->findChild<ui::ShortcutsDialog *>(u"shortcutsDialog"_s)) != nullptr);
    QStringList lines;
    const QTreeWidget *tree = find<QTreeWidget>(dialog, u"shortcutsList"_s);
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        lines << tree->topLevelItem(i)->text(0) + u" = "_s + tree->topLevelItem(i)->text(1);
    const QString all = lines.join(u'\n');
    for (const QString &needle :
        {u"A = Approve"_s, u"R = Reject"_s, u"U = Undo"_s, u"/ = Filter"_s, u"J = Next"_s,
            u"K = Previous"_s, u"Enter = Show details"_s, u"7 = Show the queue: Cycle count"_s})
        QVERIFY2(all.contains(needle), qPrintable(all));
    dialog->close();
}

void TestMainWindow::whyNotOffersItemsOutsideTheQueue()
{
    // An item of the demo that raises no exception at any location: no queue row names it.
    const model::Queue &queue = m_window->queueModel()->queue();
    auto raises = [&queue](const QString &item) {
        return std::any_of(queue.item.begin(), queue.item.end(),
            [&](qint32 i) { return queue.itemIds.at(i) == item; });
    };
    auto items = m_window->workbench()->snapshots().itemIds();
    auto locations = m_window->workbench()->snapshots().locationIds();
    QVERIFY(items && locations);
    QVERIFY(std::is_sorted(items->begin(), items->end()));
    QVERIFY(locations->contains(u"DC-WEST"_s));
    QString quiet, where;
    for (const QString &item : std::as_const(*items)) {
        if (raises(item))
            continue;
        for (const QString &location : std::as_const(*locations)) {
            if (m_window->workbench()->runs().explainItemLocation(item, location)) {
                quiet = item;
                where = location;
                break;
            }
        }
        if (!quiet.isEmpty())
            break;
    }
    QVERIFY2(!quiet.isEmpty(), "the demo has no item without an exception");

    m_window->findChild<QAction *>(u"actionWhyNot"_s)->trigger();
    ui::WhyNotDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ui::WhyNotDialog *>(u"whyNotDialog"_s)) != nullptr);
    auto *itemCombo = find<QComboBox>(dialog, u"whyNotItemCombo"_s);
    QVERIFY(itemCombo && itemCombo->completer());
    // The completer offers it when the planner types its id.
    QCompleter *completer = itemCombo->completer();
    completer->setCompletionPrefix(quiet);
    QStringList offered;
    for (int i = 0; i < completer->completionCount(); ++i) {
        completer->setCurrentRow(i);
        offered << completer->currentCompletion();
    }
    QVERIFY2(offered.contains(quiet), qPrintable(offered.join(u", "_s)));
    QCOMPARE(itemCombo->count(), items->size());

    dialog->explain(quiet, where);
    auto *panel = find<ui::DetailPanel>(dialog, u"whyNotDetailPanel"_s);
    QVERIFY(panel);
    QCOMPARE(find<QLabel>(panel, u"detailTypeChip"_s)->text(), u"No exception"_s);
    const QString verdict = find<QLabel>(panel, u"detailActionLabel"_s)->text();
    QVERIFY2(verdict.contains(u"No exception:"_s), qPrintable(verdict));
    QVERIFY(!find<QLabel>(dialog, u"whyNotErrorLabel"_s)->isVisible());
    dialog->close();
}

void TestMainWindow::importWarningsOpenFromTheStatusBar()
{
    // The demo imported without a warning: nothing to open.
    auto *button = find<QToolButton>(m_window.get(), u"importWarningsButton"_s);
    QVERIFY(button);
    QVERIFY(!button->isVisible());

    // items.csv of this valid snapshot has a "colour" column the format does not know.
    const QString odd = QStringLiteral(PWB_SOURCE_DIR) + u"/tests/data/valid/odd-syntax"_s;
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    QVERIFY(m_window->importSnapshot(odd));
    QVERIFY(finished.wait(kImportTimeoutMs));
    QCOMPARE(finished.first().first().toBool(), true);
    QTRY_VERIFY(button->isVisible());
    QVERIFY2(button->text().contains(u"warning"_s), qPrintable(button->text()));
    // The count on the button is the number of lines the dialog lists.
    const qsizetype count = button->text().split(u' ').front().toLongLong();
    QVERIFY(count >= 1);
    // Still there once the import message has been replaced by another one.
    m_window->statusBar()->showMessage(u"something else"_s);
    QVERIFY(button->isVisible());

    QTest::mouseClick(button, Qt::LeftButton);
    ui::ImportErrorDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ui::ImportErrorDialog *>(u"importWarningsDialog"_s))
        != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    const QString listed = find<QPlainTextEdit>(dialog, u"importErrorList"_s)->toPlainText();
    QCOMPARE(listed.split(u'\n').size(), count);
    QVERIFY2(listed.contains(u"items.csv:1:"_s) && listed.contains(u"colour"_s)
            && listed.contains(u"unknown column"_s),
        qPrintable(listed));
    QVERIFY(dialog->reportText().contains(odd));
    QVERIFY(dialog->reportText().contains(u"unknown column"_s));
    QVERIFY(find<QPushButton>(dialog, u"importErrorCopy"_s));
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(!m_window->findChild<ui::ImportErrorDialog *>(u"importWarningsDialog"_s));
}

void TestMainWindow::replenishmentRowsNameTheLatePurchase()
{
    QueueModel *model = m_window->queueModel();
    model::Workbench *workbench = m_window->workbench();
    const model::Queue &queue = model->queue();
    const QColor grey = QColor(0x75, 0x75, 0x75);
    int late = 0, latePurchases = 0, inTime = 0;
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
            QCOMPARE(text, u"No feasible action"_s);
            continue;
        }
        const engine::Recommendation &best = recommendations.front();
        QCOMPARE(row.action, int(best.action));
        QCOMPARE(row.actionFeasible, best.feasible);
        if (best.feasible) {
            QVERIFY2(!text.endsWith(u"(late)"_s), qPrintable(text));
            ++inTime;
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
}

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
