// The queue table model, its filter/sort permutation and the queue list, on a small
// hand-built queue whose expected orders are worked out in the comments.

#include "ui/common/format.h"
#include "ui/queues/queuefilter.h"
#include "ui/queues/queuelist.h"
#include "ui/queues/queuemodel.h"
#include "ui/queues/queuetableview.h"

#include "engine/core/date.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QLocale>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using ui::QueueCriteria;
using ui::QueueFilter;
using ui::QueueModel;

namespace {

engine::Date day(const char *text)
{
    return *engine::parseDate(text);
}

struct RowSpec {
    engine::ExceptionType type;
    int item, location, supplier, tier;
    char abc;
    engine::Date need;
    int topFactor, action;
    std::array<double, engine::kFactorCount> amounts;
};

/// Six exceptions, stored rank = row + 1, every weight 1 (score = sum of amounts):
///   row score  type           item   location  supplier tier abc need
///   0   1000   shortage       SKU10  DC-EAST   SUP-A    1    A   2026-12-01
///   1    900   excess         SKU2   DC-WEST   SUP-B    0    B   (none)
///   2    500   shortage       SKU2   DC-EAST   SUP-B    2    B   2026-11-30
///   3    120   cycle_count    SKU3   STORE-1   (none)   3    C   2026-12-05
///   4     50   late_supply    SKU10  DC-WEST   SUP-A    1    A   2026-12-03
///   5    9.5   replenishment  SKU3   DC-EAST   SUP-A    0    C   2026-12-10
model::Queue makeQueue()
{
    using T = engine::ExceptionType;
    const std::array<RowSpec, 6> rows {{
        {T::Shortage, 0, 0, 0, 1, 'A', day("2026-12-01"), 0, 0, {600, 400, 0, 0, 0, 0, 0, 0}},
        {T::Excess, 1, 1, 1, 0, 'B', engine::kNoDate, 5, 7, {0, 0, 0, 0, 0, 900, 0, 0}},
        {T::Shortage, 1, 0, 1, 2, 'B', day("2026-11-30"), 1, 1, {200, 300, 0, 0, 0, 0, 0, 0}},
        {T::CycleCount, 2, 2, -1, 3, 'C', day("2026-12-05"), 7, 8, {0, 0, 0, 0, 0, 0, 0, 120}},
        {T::LateSupply, 0, 1, 0, 1, 'A', day("2026-12-03"), 3, -1, {0, 0, 0, 50, 0, 0, 0, 0}},
        {T::Replenishment, 2, 0, 0, 0, 'C', day("2026-12-10"), 3, 2, {0, 0, 0, 9.5, 0, 0, 0, 0}},
    }};
    model::Queue queue;
    queue.snapshot.version = 1;
    queue.snapshot.snapshotId = u"TEST-1"_s;
    queue.snapshot.currency = u"USD"_s;
    queue.snapshot.asOf = day("2026-11-28");
    queue.run.scoringVersion = u"pwb-score/1"_s;
    queue.itemIds = {u"SKU10"_s, u"SKU2"_s, u"SKU3"_s};
    queue.itemDescriptions = {u"Blue widget"_s, u"Red gadget"_s, u"Green thing"_s};
    queue.locationIds = {u"DC-EAST"_s, u"DC-WEST"_s, u"STORE-1"_s};
    queue.supplierIds = {u"SUP-A"_s, u"SUP-B"_s};
    qint32 rank = 0;
    for (const RowSpec &row : rows) {
        queue.item.push_back(row.item);
        queue.location.push_back(row.location);
        queue.supplier.push_back(row.supplier);
        queue.type.push_back(quint8(row.type));
        queue.topFactor.push_back(quint8(row.topFactor));
        queue.action.push_back(qint8(row.action));
        queue.actionFeasible.push_back(row.action >= 0 ? 1 : 0);
        queue.worstTier.push_back(quint8(row.tier));
        queue.abcClass.push_back(row.abc);
        queue.rank.push_back(++rank);
        double score = 0;
        for (double amount : row.amounts) {
            queue.factorAmounts.push_back(amount);
            score += amount;
        }
        queue.score.push_back(score);
        queue.needDate.push_back(row.need);
        queue.actionCost.push_back(row.action >= 0 ? 100.0 : 0.0);
        queue.decision.push_back(0);
    }
    return queue;
}

QueueModel::Weights ones()
{
    QueueModel::Weights w;
    w.fill(1.0);
    return w;
}

/// Source rows in view order.
std::vector<qint32> shown(const QueueModel &model)
{
    std::vector<qint32> rows;
    for (int r = 0; r < model.rowCount(); ++r)
        rows.push_back(model.sourceRow(model.index(r, 0)));
    return rows;
}

std::vector<qint32> selected(const model::Queue &queue, const QueueCriteria &criteria)
{
    return QueueFilter::select(queue, queue.score, criteria);
}

} // namespace

class TestQueueModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void scoreColumnGrowsToTheLargestScore()
    {
        // Six-figure scores fit the default width; a seven-figure one, or heavier
        // what-if weights, widen the column so no score is cut short.
        QueueModel model;
        ui::QueueTableView view(&model);
        model.setQueue(makeQueue(), ones());
        const int base = view.horizontalHeader()->sectionSize(QueueModel::Score);
        // With the cell's padding, as the view sizes its columns.
        const auto fits = [&](double score) {
            const QString text = ui::formatMoney(score, u"USD"_s);
            return view.fontMetrics().horizontalAdvance(text) + 14
                <= view.horizontalHeader()->sectionSize(QueueModel::Score);
        };
        QVERIFY(fits(999499.0));
        QVERIFY(!fits(2133243.61)); // the default width would cut this one
        model::Queue big = makeQueue();
        for (std::size_t k = 0; k < engine::kFactorCount; ++k)
            big.factorAmounts[k] *= 2133.24361; // row 0: 1,000 -> 2,133,243.61
        big.score[0] = 2133243.61;
        model.setQueue(big, ones());
        QVERIFY(view.horizontalHeader()->sectionSize(QueueModel::Score) > base);
        QVERIFY(fits(2133243.61));
        // What-if: ten times the weights make it 21 million.
        QueueModel::Weights heavy;
        heavy.fill(10.0);
        model.setWeights(heavy);
        QVERIFY(fits(model.liveScore(0)));
        QVERIFY(model.liveScore(0) > 2.1e7);
    }

    void modelTesterThroughEveryOperation()
    {
        QueueModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setQueue(makeQueue(), ones());
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.columnCount(), int(QueueModel::ColumnCount));
        model.sort(QueueModel::Score, Qt::AscendingOrder);
        QueueCriteria criteria;
        criteria.type = int(engine::ExceptionType::Shortage);
        model.setCriteria(criteria);
        QCOMPARE(model.rowCount(), 2);
        QueueModel::Weights weights = ones();
        weights[1] = 3;
        model.setWeights(weights);
        model.setDecision(2, model::Decision::Approved);
        model.sort(QueueModel::Decision, Qt::DescendingOrder);
        model.setCriteria({});
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void queueListModelTester()
    {
        ui::QueueListModel list;
        QAbstractItemModelTester tester(
            &list, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const model::Queue queue = makeQueue();
        ui::QueueTally tally;
        QueueFilter::select(queue, queue.score, {}, &tally);
        list.setTally(tally, u"USD"_s);
        QCOMPARE(list.rowCount(), 7);
        QCOMPARE(list.index(0).data(ui::QueueListModel::TypeRole).toInt(), -1);
        QCOMPARE(list.index(0).data(ui::QueueListModel::CountRole).toLongLong(), 6);
        QCOMPARE(list.index(0).data(ui::QueueListModel::ExposureRole).toDouble(), 2579.5);
        // Row 1 is the shortage queue: rows 0 and 2, 1000 + 500.
        QCOMPARE(list.index(1).data(ui::QueueListModel::TypeRole).toInt(),
            int(engine::ExceptionType::Shortage));
        QCOMPARE(list.index(1).data(ui::QueueListModel::CountRole).toLongLong(), 2);
        QCOMPARE(list.index(1).data(ui::QueueListModel::ExposureRole).toDouble(), 1500.0);
        QVERIFY(list.index(1)
                    .data(ui::QueueListModel::ExposureTextRole)
                    .toString()
                    .contains(u"1,500"_s));
        QCOMPARE(list.index(6).data(ui::QueueListModel::CountRole).toLongLong(), 1); // cycle count
    }

    void defaultOrderIsStoredRank()
    {
        QueueModel model;
        model.setQueue(makeQueue(), ones());
        QCOMPARE(shown(model), (std::vector<qint32> {0, 1, 2, 3, 4, 5}));
        QCOMPARE(model.index(0, QueueModel::Rank).data().toString(), u"1"_s);
        QCOMPARE(model.index(0, QueueModel::Rank).data(QueueModel::RawValueRole).toInt(), 1);
        QCOMPARE(
            model.index(0, QueueModel::Score).data(QueueModel::RawValueRole).toDouble(), 1000.0);
        QVERIFY(model.index(0, QueueModel::Score).data().toString().contains(u"1,000"_s));
        QCOMPARE(model.index(0, QueueModel::NeedDate).data(QueueModel::RawValueRole).toDate(),
            QDate(2026, 12, 1));
        QCOMPARE(model.index(0, QueueModel::Item).data().toString(), u"SKU10"_s);
        QCOMPARE(model.index(0, QueueModel::Description).data().toString(), u"Blue widget"_s);
        QCOMPARE(model.index(0, 0).data(QueueModel::ExceptionIdRole).toString(),
            u"shortage:SKU10@DC-EAST"_s);
        const auto alignment
            = model.index(0, QueueModel::Score).data(Qt::TextAlignmentRole).value<Qt::Alignment>();
        QVERIFY(alignment & Qt::AlignRight);
        // The type column carries its colour chip.
        QVERIFY(
            model.index(0, QueueModel::Type).data(Qt::DecorationRole).value<QColor>().isValid());
        // No action that pays reads as such, not as an empty cell.
        QVERIFY(!model.index(4, QueueModel::Action).data().toString().isEmpty());
        QVERIFY(!model.index(4, QueueModel::Action).data(QueueModel::RawValueRole).isValid());
    }

    void sortsByValueNotText()
    {
        QueueModel model;
        model.setQueue(makeQueue(), ones());
        // As text "$1,000" < "$120" < "$50" < "$500" < "$9.50" < "$900"; by value it is
        // 9.5 < 50 < 120 < 500 < 900 < 1000.
        model.sort(QueueModel::Score, Qt::AscendingOrder);
        QCOMPARE(shown(model), (std::vector<qint32> {5, 4, 3, 2, 1, 0}));
        model.sort(QueueModel::Score, Qt::DescendingOrder);
        QCOMPARE(shown(model), (std::vector<qint32> {0, 1, 2, 3, 4, 5}));
        // Items in natural order SKU2 < SKU3 < SKU10, ties by rank.
        model.sort(QueueModel::Item, Qt::AscendingOrder);
        QCOMPARE(shown(model), (std::vector<qint32> {1, 2, 3, 5, 0, 4}));
        model.sort(QueueModel::Item, Qt::DescendingOrder);
        QCOMPARE(shown(model), (std::vector<qint32> {0, 4, 3, 5, 1, 2}));
        // Dates by date; the row without a need date last in both directions.
        model.sort(QueueModel::NeedDate, Qt::AscendingOrder);
        QCOMPARE(shown(model), (std::vector<qint32> {2, 0, 4, 3, 5, 1}));
        model.sort(QueueModel::NeedDate, Qt::DescendingOrder);
        QCOMPARE(shown(model), (std::vector<qint32> {5, 3, 4, 0, 2, 1}));
        // Actions by their engine order; the row without one last.
        model.sort(QueueModel::Action, Qt::AscendingOrder);
        QCOMPARE(shown(model), (std::vector<qint32> {0, 2, 5, 1, 3, 4}));
        // Location: DC-EAST (0, 2, 5), DC-WEST (1, 4), STORE-1 (3).
        model.sort(QueueModel::Location, Qt::AscendingOrder);
        QCOMPARE(shown(model), (std::vector<qint32> {0, 2, 5, 1, 4, 3}));
    }

    void sortKeepsPersistentSelection()
    {
        QueueModel model;
        model.setQueue(makeQueue(), ones());
        const QPersistentModelIndex row3 = model.index(3, QueueModel::Item);
        model.sort(QueueModel::Score, Qt::AscendingOrder);
        // Source row 3 (score 120) is third from the bottom of 6 ascending: view row 2.
        QCOMPARE(row3.row(), 2);
        QCOMPARE(model.sourceRow(row3), 3);
        QCOMPARE(row3.column(), int(QueueModel::Item));
    }

    void filterCombinations()
    {
        const model::Queue queue = makeQueue();
        QueueCriteria c;
        QCOMPARE(selected(queue, c).size(), std::size_t(6));
        c.type = int(engine::ExceptionType::Shortage);
        QCOMPARE(selected(queue, c), (std::vector<qint32> {0, 2}));

        c = {};
        c.text = u"widget"_s; // description of SKU10
        QCOMPARE(selected(queue, c), (std::vector<qint32> {0, 4}));
        c.text = u"GADGET"_s; // case-insensitive, SKU2
        QCOMPARE(selected(queue, c), (std::vector<qint32> {1, 2}));
        c.text = u"store"_s; // a location id
        QCOMPARE(selected(queue, c), (std::vector<qint32> {3}));
        c.text = u"sku1"_s; // item id prefix: SKU10 only
        QCOMPARE(selected(queue, c), (std::vector<qint32> {0, 4}));

        c = {};
        c.locationId = u"DC-WEST"_s;
        QCOMPARE(selected(queue, c), (std::vector<qint32> {1, 4}));
        c = {};
        c.supplierId = u"SUP-A"_s;
        QCOMPARE(selected(queue, c), (std::vector<qint32> {0, 4, 5}));
        c = {};
        c.tier = 1;
        QCOMPARE(selected(queue, c), (std::vector<qint32> {0, 4}));
        c = {};
        c.abcClass = 'C';
        QCOMPARE(selected(queue, c), (std::vector<qint32> {3, 5}));
        c = {};
        c.minScore = 100;
        QCOMPARE(selected(queue, c), (std::vector<qint32> {0, 1, 2, 3}));

        // Combinations narrow further.
        c = {};
        c.supplierId = u"SUP-A"_s;
        c.abcClass = 'A';
        c.minScore = 100;
        QCOMPARE(selected(queue, c), (std::vector<qint32> {0}));
        c = {};
        c.locationId = u"DC-EAST"_s;
        c.type = int(engine::ExceptionType::Shortage);
        QCOMPARE(selected(queue, c), (std::vector<qint32> {0, 2}));
        c.text = u"gadget"_s;
        QCOMPARE(selected(queue, c), (std::vector<qint32> {2}));

        // An id the queue does not know (a filter kept from another snapshot) matches nothing.
        c = {};
        c.locationId = u"NOWHERE"_s;
        QVERIFY(selected(queue, c).empty());
    }

    void decisionViewsSplitPeopleFromRules()
    {
        model::Queue queue = makeQueue();
        queue.decision[0] = model::Decision::Approved; // by a planner
        queue.decision[2] = model::Decision::Approved; // by the auto-approve rule
        queue.autoRule.insert(2, u"auto_approve[0]"_s);
        queue.decision[3] = model::Decision::Rejected;
        queue.decision[4] = model::Decision::Overridden;
        QueueCriteria c;
        using ui::DecisionView;
        c.decision = DecisionView::ByRule;
        QVERIFY(!c.isUnfiltered());
        QCOMPARE(selected(queue, c), (std::vector<qint32> {2}));
        c.decision = DecisionView::Approved; // a person's approvals only
        QCOMPARE(selected(queue, c), (std::vector<qint32> {0}));
        c.decision = DecisionView::Undecided;
        QCOMPARE(selected(queue, c), (std::vector<qint32> {1, 5}));
        c.decision = DecisionView::Rejected;
        QCOMPARE(selected(queue, c), (std::vector<qint32> {3}));
        c.decision = DecisionView::Overridden;
        QCOMPARE(selected(queue, c), (std::vector<qint32> {4}));
        // Combined with the other criteria, and counted in the queue list's tally.
        c.decision = DecisionView::ByRule;
        c.type = int(engine::ExceptionType::Excess);
        ui::QueueTally tally;
        QVERIFY(QueueFilter::select(queue, queue.score, c, &tally).empty());
        QCOMPARE(tally.totalCount, 1);
        QCOMPARE(tally.count[std::size_t(engine::ExceptionType::Shortage)], 1);

        // A planner deciding a rule's row makes it the planner's.
        QueueModel model;
        model.setQueue(queue, ones());
        model.setDecision(2, model::Decision::Rejected);
        c = {};
        c.decision = DecisionView::ByRule;
        model.setCriteria(c);
        QCOMPARE(model.rowCount(), 0);
        c.decision = DecisionView::Rejected;
        model.setCriteria(c);
        QCOMPARE(shown(model), (std::vector<qint32> {2, 3}));
    }

    void tallyIgnoresOnlyTheType()
    {
        const model::Queue queue = makeQueue();
        QueueCriteria c;
        c.locationId = u"DC-EAST"_s; // rows 0, 2, 5
        c.type = int(engine::ExceptionType::Excess); // no excess at DC-EAST
        ui::QueueTally tally;
        QVERIFY(QueueFilter::select(queue, queue.score, c, &tally).empty());
        QCOMPARE(tally.totalCount, 3);
        QCOMPARE(tally.totalExposure, 1509.5);
        QCOMPARE(tally.count[std::size_t(engine::ExceptionType::Shortage)], 2);
        QCOMPARE(tally.exposure[std::size_t(engine::ExceptionType::Shortage)], 1500.0);
        QCOMPARE(tally.count[std::size_t(engine::ExceptionType::Replenishment)], 1);
        QCOMPARE(tally.count[std::size_t(engine::ExceptionType::Excess)], 0);
    }

    void reweightingMovesRows()
    {
        QueueModel model;
        model.setQueue(makeQueue(), ones());
        QVERIFY(!model.isReweighted());
        // margin_at_risk x0, carrying_cost x0.5:
        //   row0 = 0*600 + 400 = 400, row1 = 0.5*900 = 450, row2 = 0*200 + 300 = 300,
        //   rows 3..5 unchanged (120, 50, 9.5). New order 1, 0, 2, 3, 4, 5.
        QueueModel::Weights w = ones();
        w[std::size_t(engine::FactorKind::MarginAtRisk)] = 0;
        w[std::size_t(engine::FactorKind::CarryingCost)] = 0.5;
        model.setWeights(w);
        QVERIFY(model.isReweighted());
        QCOMPARE(shown(model), (std::vector<qint32> {1, 0, 2, 3, 4, 5}));
        QCOMPARE(model.liveScore(0), 400.0);
        QCOMPARE(model.liveScore(1), 450.0);
        QCOMPARE(model.liveScore(2), 300.0);
        QCOMPARE(model.liveRank(1), 1);
        QCOMPARE(model.liveRank(0), 2);
        // Moved is stored rank - live rank: row 1 went from 2 to 1, row 0 from 1 to 2.
        const QModelIndex first = model.index(0, QueueModel::Moved);
        QCOMPARE(first.data(QueueModel::RawValueRole).toInt(), 1);
        QCOMPARE(first.data().toString(), u"▲ +1"_s);
        QCOMPARE(model.index(1, QueueModel::Moved).data(QueueModel::RawValueRole).toInt(), -1);
        QCOMPARE(model.index(1, QueueModel::Moved).data().toString(), u"▼ −1"_s);
        QCOMPARE(model.index(2, QueueModel::Moved).data().toString(), QString());
        QCOMPARE(model.index(0, QueueModel::Rank).data(QueueModel::RawValueRole).toInt(), 1);

        // The minimum score applies to the what-if score: only 450 and 400 reach 400.
        QueueCriteria c;
        c.minScore = 400;
        model.setCriteria(c);
        QCOMPARE(shown(model), (std::vector<qint32> {1, 0}));
        model.setCriteria({});

        // sla_penalty x3: row0 = 600 + 1200 = 1800, row2 = 200 + 900 = 1100, row1 = 900.
        w = ones();
        w[std::size_t(engine::FactorKind::SlaPenalty)] = 3;
        model.setWeights(w);
        QCOMPARE(shown(model), (std::vector<qint32> {0, 2, 1, 3, 4, 5}));
        QCOMPARE(model.liveScore(2), 1100.0);
        QCOMPARE(model.index(1, QueueModel::Moved).data(QueueModel::RawValueRole).toInt(), 1);

        // Back to the policy weights: the stored ranks and scores, nothing moved.
        model.setWeights(ones());
        QVERIFY(!model.isReweighted());
        QCOMPARE(shown(model), (std::vector<qint32> {0, 1, 2, 3, 4, 5}));
        QCOMPARE(model.liveScore(0), 1000.0);
        QCOMPARE(model.index(0, QueueModel::Moved).data().toString(), QString());
    }

    void reweightTiesBreakOnNeedDateThenStoredRank()
    {
        // Every weight 0: every score ties at 0, so the need date decides (earliest
        // first, none last): 2 (30 Nov), 0 (1 Dec), 4 (3 Dec), 3 (5 Dec), 5 (10 Dec), 1.
        const model::Queue queue = makeQueue();
        QueueModel::Weights zero {};
        const std::vector<double> scores = QueueFilter::weightedScores(queue, zero);
        const std::vector<qint32> ranks
            = QueueFilter::ranks(queue, scores, {}, engine::RankBy::Exposure);
        QCOMPARE(ranks, (std::vector<qint32> {2, 6, 1, 4, 3, 5}));
    }

    void whatIfRanksByEstimatedCanSave()
    {
        // Scores 1000, 900, 500, 120, 50, 9.5; what acting saves: 100, 0, 450, 120, 50, 0.
        // Ranked by what can be saved, row 2 comes first, and row 1, whose excess no
        // action pays for, falls behind every row that saves anything; ties (rows 1
        // and 5 at 0) go to the higher score.
        model::Queue queue = makeQueue();
        queue.canSave = {100, 0, 450, 120, 50, 0};
        queue.rank = {3, 5, 1, 2, 4, 6};
        QueueModel model;
        model.setQueue(queue, ones(), engine::RankBy::CanSave);
        QVERIFY(!model.isReweighted());
        QCOMPARE(model.liveRank(2), 1);
        // What-if: margin at risk (row 0: 600 of 1000, row 2: 200 of 500) weighs 3.
        QueueModel::Weights w = ones();
        w[std::size_t(engine::FactorKind::MarginAtRisk)] = 3;
        model.setWeights(w);
        QVERIFY(model.isReweighted());
        // Row 0: 2200, saves 100 x 2.2 = 220; row 2: 900, saves 450 x 1.8 = 810.
        const std::vector<double> estimate
            = QueueFilter::whatIfCanSave(queue, QueueFilter::weightedScores(queue, w));
        QCOMPARE(estimate[0], 220.0);
        QCOMPARE(estimate[2], 810.0);
        QCOMPARE(estimate[3], 120.0);
        const std::vector<qint32> bySave = QueueFilter::ranks(
            queue, QueueFilter::weightedScores(queue, w), estimate, engine::RankBy::CanSave);
        QCOMPARE(bySave, (std::vector<qint32> {2, 5, 1, 3, 4, 6}));
        for (qint32 r = 0; r < 6; ++r)
            QCOMPARE(model.liveRank(r), bySave[std::size_t(r)]);
        // The column shows the estimate the rank uses (the first row shown is row 2).
        QCOMPARE(
            model.index(0, QueueModel::CanSave).data(QueueModel::RawValueRole).toDouble(), 810.0);
        // By exposure the same what-if puts row 0 (2200) first.
        const std::vector<qint32> byScore = QueueFilter::ranks(
            queue, QueueFilter::weightedScores(queue, w), estimate, engine::RankBy::Exposure);
        QCOMPARE(byScore, (std::vector<qint32> {1, 3, 2, 4, 5, 6}));
    }

    void lateActionIsNamedGreyAndSortsAfterFeasible()
    {
        // Row 0 can only be served by a purchase that arrives late; row 5's purchase is
        // in time; row 4 has no recommendation at all; row 1's purchase is late and
        // saves nothing (its source has nothing to spare): not a recommendation.
        model::Queue queue = makeQueue();
        queue.canSave = {100, 0, 450, 120, 50, 0};
        queue.action[0] = qint8(engine::Action::Purchase);
        queue.actionFeasible[0] = 0;
        queue.action[1] = qint8(engine::Action::Purchase);
        queue.actionFeasible[1] = 0;
        QCOMPARE(queue.canSave[1], 0.0);
        QueueModel model;
        model.setQueue(std::move(queue), ones());
        const QModelIndex late = model.index(0, QueueModel::Action);
        const QModelIndex inTime = model.index(5, QueueModel::Action);
        const QModelIndex none = model.index(4, QueueModel::Action);
        QCOMPARE(late.data().toString(), u"Purchase (late)"_s);
        QCOMPARE(inTime.data().toString(), u"Purchase"_s);
        QCOMPARE(none.data().toString(), u"No action pays"_s);
        const QModelIndex useless = model.index(1, QueueModel::Action);
        QCOMPARE(useless.data().toString(), u"No action pays"_s);
        QVERIFY(useless.data(Qt::ToolTipRole).toString().contains(u"Purchase cannot help now"_s));
        QCOMPARE(useless.data(QueueModel::RawValueRole).toInt(), int(engine::Action::Purchase));
        // Late reads as grey as no action at all; a feasible one keeps the default colour.
        QVERIFY(none.data(Qt::ForegroundRole).value<QColor>().isValid());
        QCOMPARE(late.data(Qt::ForegroundRole).value<QColor>(),
            none.data(Qt::ForegroundRole).value<QColor>());
        QVERIFY(!inTime.data(Qt::ForegroundRole).isValid());
        QVERIFY(late.data(Qt::ToolTipRole).toString().contains(u"after the need date"_s));
        // The raw value is the action, late or not.
        QCOMPARE(late.data(QueueModel::RawValueRole).toInt(), int(engine::Action::Purchase));
        QCOMPARE(model.itemAt(late).action, int(engine::Action::Purchase));
        QVERIFY(!model.itemAt(late).actionFeasible);
        QVERIFY(model.itemAt(inTime).actionFeasible);
        // By action (expedite 1 < purchase 2 < cycle count 8), the purchase in time
        // before the late ones; the row without an action last either way.
        model.sort(QueueModel::Action, Qt::AscendingOrder);
        QCOMPARE(shown(model), (std::vector<qint32> {2, 5, 0, 1, 3, 4}));
        model.sort(QueueModel::Action, Qt::DescendingOrder);
        QCOMPARE(shown(model), (std::vector<qint32> {3, 0, 1, 5, 2, 4}));
    }

    void sortRowsPutsNaNLast()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const std::vector<double> keys {3, nan, 1, 3};
        const std::vector<qint32> ties {4, 3, 2, 1};
        std::vector<qint32> rows {0, 1, 2, 3};
        QueueFilter::sortRows(rows, keys, Qt::AscendingOrder, ties);
        QCOMPARE(rows, (std::vector<qint32> {2, 3, 0, 1})); // 1, 3 (tie 1), 3 (tie 4), NaN
        QueueFilter::sortRows(rows, keys, Qt::DescendingOrder, ties);
        QCOMPARE(rows, (std::vector<qint32> {3, 0, 2, 1}));
    }

    void findsExceptionsAndDecisions()
    {
        QueueModel model;
        model.setQueue(makeQueue(), ones());
        QCOMPARE(model.findException(u"shortage:SKU2@DC-EAST"_s), 2);
        QCOMPARE(model.findException(u"late_supply:SKU10@DC-WEST"_s), 4);
        QCOMPARE(model.findException(u"shortage:SKU2@DC-WEST"_s), -1);
        QCOMPARE(model.findException(u"nonsense"_s), -1);
        QCOMPARE(model.findException(u"shortage:SKU@2@DC-EAST"_s), -1);

        model.setDecision(2, model::Decision::Rejected);
        const QModelIndex cell = model.index(2, QueueModel::Decision);
        QVERIFY(cell.data().toString().contains(u"Rejected"_s));
        QCOMPARE(cell.data(QueueModel::RawValueRole).toInt(), int(model::Decision::Rejected));
        const QueueModel::Row row = model.itemAt(cell);
        QCOMPARE(row.sourceRow, 2);
        QCOMPARE(row.exceptionId, u"shortage:SKU2@DC-EAST"_s);
        QCOMPARE(row.decision, model::Decision::Rejected);
        QVERIFY(!model.itemAt(QModelIndex()).isValid());

        // A filtered-out row has no index.
        QueueCriteria c;
        c.type = int(engine::ExceptionType::Excess);
        model.setCriteria(c);
        QVERIFY(!model.indexOfSourceRow(2).isValid());
        QCOMPARE(model.indexOfSourceRow(1).row(), 0);
    }
};

QTEST_MAIN(TestQueueModel)
#include "test_queuemodel.moc"
