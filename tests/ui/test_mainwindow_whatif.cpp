// The detail side of the main window on the demo: the top row is explained with bars
// that add up to its score, what-if weights re-rank the queue live (and the detail
// follows), and "Why not?" explains SKU-locations that raise nothing.

#include "mainwindowfixture.h"

#include "ui/detail/detailpanel.h"
#include "ui/detail/whynotdialog.h"
#include "ui/queues/weightspanel.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QDockWidget>
#include <QLabel>

#include <algorithm>
#include <cmath>

using namespace mainwindowtest;

class TestMainWindowWhatIf : public MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void topRowIsRankOneAndBreakdownAddsUp();
    void reweightingChangesTheOrder();
    void whyNotOffersItemsOutsideTheQueue();
};

void TestMainWindowWhatIf::initTestCase()
{
    QVERIFY(setUpWindow());
    QVERIFY(importDemo());
}

void TestMainWindowWhatIf::topRowIsRankOneAndBreakdownAddsUp()
{
    QueueModel *model = m_window->queueModel();
    QCOMPARE(model->index(0, QueueModel::Rank).data(QueueModel::RawValueRole).toInt(), 1);
    // Ranked by what acting can save, then by score: no row below saves more than the
    // one above, nor, saving as much, scores higher.
    const std::vector<qint32> rows = shownRows(model);
    auto canSave = [model](qint32 row) { return model->queue().canSave[std::size_t(row)]; };
    for (std::size_t i = 1; i < rows.size(); ++i) {
        QVERIFY(canSave(rows[i]) <= canSave(rows[i - 1]));
        if (canSave(rows[i]) == canSave(rows[i - 1]))
            QVERIFY(model->liveScore(rows[i]) <= model->liveScore(rows[i - 1]));
    }

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

void TestMainWindowWhatIf::reweightingChangesTheOrder()
{
    QueueModel *model = m_window->queueModel();
    const model::Queue &queue = model->queue();
    auto *weights = find<ui::WeightsPanel>(m_window.get(), u"weightsPanel"_s);
    QVERIFY(weights);
    QAction *toggle = m_window->findChild<QAction *>(u"actionWeights"_s);
    toggle->trigger();
    QTRY_VERIFY(find<QDockWidget>(m_window.get(), u"weightsDock"_s)->isVisible());

    // Find one factor that, weighted alone (at 2), puts a row other than rank 1 on top,
    // and work out by hand which row that is: the queue ranks by what acting can save,
    // estimated in a what-if as the same share of the what-if score.
    const std::size_t k = engine::kFactorCount;
    int factor = -1;
    qint32 expectedTop = -1;
    for (int f = 0; f < engine::kFactorCount && factor < 0; ++f) {
        double best = -1;
        qint32 bestRow = -1;
        for (qsizetype r = 0; r < queue.size(); ++r) {
            const auto row = std::size_t(r);
            const double score = 2.0 * queue.factorAmounts[row * k + std::size_t(f)];
            const double value
                = queue.score[row] > 0 ? queue.canSave[row] * score / queue.score[row] : 0.0;
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

void TestMainWindowWhatIf::whyNotOffersItemsOutsideTheQueue()
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

QTEST_MAIN(TestMainWindowWhatIf)
#include "test_mainwindow_whatif.moc"
