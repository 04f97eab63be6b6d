// The detail panel, fed hand-built explanations: breakdown, projection, order lines,
// recommendations with their decisions, the empty state and the no-exception verdict.

#include "explanationfixture.h"

#include "ui/charts/breakdownchart.h"
#include "ui/charts/projectionchart.h"
#include "ui/detail/detailpanel.h"
#include "ui/detail/itemplanview.h"
#include "ui/detail/orderlinesview.h"

#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDetailPanel : public QObject
{
    Q_OBJECT

private:
    template <class T> T *child(ui::DetailPanel &panel, const QString &name)
    {
        auto *widget = panel.findChild<T *>(name);
        if (!widget)
            qWarning("no child named %s", qPrintable(name));
        return widget;
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void breakdownBarsAreTheFactorValuesAndAddUpToTheScore()
    {
        ui::DetailPanel panel;
        const model::Explanation x = fixture::explanation();
        panel.setExplanation(x);
        // Factor values: 6,200 x 1, 3,000 x 1.5, 1,700 x 1 (largest first).
        const QList<double> values = panel.breakdownValues();
        QCOMPARE(values.size(), 3);
        QCOMPARE(values.at(0), 6200.0);
        QCOMPARE(values.at(1), 4500.0);
        QCOMPARE(values.at(2), 1700.0);
        QCOMPARE(panel.breakdownTotal(), x.exception->score);
        auto *total = child<QLabel>(panel, u"breakdownTotalLabel"_s);
        QVERIFY(total);
        QVERIFY2(total->text().contains(u"= score"_s), qPrintable(total->text()));
        QVERIFY2(total->text().contains(u"12,400"_s), qPrintable(total->text()));
        QVERIFY2(!total->text().contains(u"differs"_s), qPrintable(total->text()));
    }

    void breakdownBarsAreLabelledWithNameAndMoney()
    {
        ui::DetailPanel panel;
        panel.setExplanation(fixture::explanation());
        auto *chart = child<ui::BreakdownChart>(panel, u"breakdownChart"_s);
        QVERIFY(chart);
        const QString nbsp = QString(QChar(0x00A0));
        QCOMPARE(chart->labels(),
            QStringList({u"Margin at risk · EUR"_s + nbsp + u"6,200"_s,
                u"SLA penalty · EUR"_s + nbsp + u"4,500"_s,
                u"Order aging · EUR"_s + nbsp + u"1,700"_s}));
    }

    void eightFactorsKeepEveryLabelClearAtTheNarrowestWidth()
    {
        // Every factor kind, from a large amount down to cents, as the many-factor
        // exceptions of a big snapshot have them.
        model::Explanation x = fixture::explanation();
        const double amounts[] = {6200, 3100, 950, 410, 87.5, 12.25, 3.5, 0.4};
        x.exception->factors.clear();
        double score = 0;
        for (int k = 0; k < engine::kFactorCount; ++k) {
            engine::Factor f;
            f.kind = engine::FactorKind(k);
            f.amount = amounts[k];
            f.text = "A factor";
            x.exception->factors.push_back(f);
            score += f.amount;
        }
        x.exception->score = score;
        ui::DetailPanel panel;
        panel.resize(380, 900);
        panel.show();
        panel.setExplanation(x);
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCoreApplication::processEvents();
        auto *chart = child<ui::BreakdownChart>(panel, u"breakdownChart"_s);
        QVERIFY(chart);
        QCOMPARE(chart->values().size(), engine::kFactorCount);
        const QList<QRectF> names = chart->nameRects();
        const QList<QRectF> amountsShown = chart->amountRects();
        QCOMPARE(names.size(), engine::kFactorCount);
        const QRectF inside = QRectF(QPointF(0, 0), QSizeF(chart->size()));
        for (qsizetype i = 0; i < names.size(); ++i) {
            // Inside the chart, name before amount, and clear of the next row.
            QVERIFY2(inside.contains(names[i]) && inside.contains(amountsShown[i]),
                qPrintable(chart->labels().at(i)));
            QVERIFY(names[i].right() < amountsShown[i].left());
            if (i > 0) {
                QVERIFY(!names[i].intersects(names[i - 1]));
                QVERIFY(!amountsShown[i].intersects(amountsShown[i - 1]));
            }
        }
        // At 380 px the longest factor name still fits whole.
        QVERIFY(chart->shownNames().contains(u"Count discrepancy risk"_s));
        if (const QString dir = qEnvironmentVariable("PWB_SCREENSHOT_DIR"); !dir.isEmpty())
            chart->grab().save(dir + u"/breakdown-8-factors.png"_s);
    }

    void largeScoresFitTheNarrowPane()
    {
        // A big distributor's top exception costs millions: the headings that carry the
        // score wrap instead of widening the pane past its dock and clipping its lines.
        model::Explanation x = fixture::explanation();
        for (engine::Factor &f : x.exception->factors)
            f.amount *= 1000;
        x.exception->score *= 1000; // EUR 12,400,000
        ui::DetailPanel panel;
        panel.resize(380, 900);
        panel.show();
        panel.setExplanation(x);
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCoreApplication::processEvents();
        auto *scroll = child<QScrollArea>(panel, u"detailScrollArea"_s);
        QVERIFY(scroll && scroll->widget());
        QVERIFY2(scroll->widget()->minimumSizeHint().width() <= scroll->viewport()->width(),
            qPrintable(QString::number(scroll->widget()->minimumSizeHint().width()) + u" > "_s
                + QString::number(scroll->viewport()->width())));
    }

    void riskWithoutLeadTimeSaysWhy()
    {
        ui::DetailPanel panel;
        panel.show();
        model::Explanation x = fixture::explanation();
        x.result.risk = engine::RiskFigures {};
        panel.setExplanation(x);
        QVERIFY(child<QLabel>(panel, u"riskUndefinedLabel"_s)->isVisible());
        QVERIFY(!child<QLabel>(panel, u"stockoutProbabilityValue"_s)->isVisible());
        panel.setExplanation(fixture::explanation());
        QVERIFY(!child<QLabel>(panel, u"riskUndefinedLabel"_s)->isVisible());
        QVERIFY(child<QLabel>(panel, u"stockoutProbabilityValue"_s)->isVisible());
    }

    void breakdownFlagsAScoreThatIsNotTheSumOfItsFactors()
    {
        ui::DetailPanel panel;
        model::Explanation x = fixture::explanation();
        x.exception->score = 13000;
        panel.setExplanation(x);
        QCOMPARE(panel.breakdownTotal(), 12400.0);
        auto *total = child<QLabel>(panel, u"breakdownTotalLabel"_s);
        QVERIFY2(total->text().contains(u"differs"_s), qPrintable(total->text()));
    }

    void projectionChartHasOnePointPerDay()
    {
        ui::DetailPanel panel;
        const model::Explanation x = fixture::explanation();
        panel.setExplanation(x);
        auto *chart = child<ui::ProjectionChart>(panel, u"projectionChart"_s);
        QVERIFY(chart);
        QCOMPARE(chart->balancePointCount(), qsizetype(29));
        QCOMPARE(chart->balancePointCount(), qsizetype(x.result.projection.size()));
        // One receipt (day 10) and two days with orders due (days 3 and 5).
        QCOMPARE(chart->receiptMarkerCount(), qsizetype(1));
        QCOMPARE(chart->ordersDueMarkerCount(), qsizetype(2));
        // 29 days in 5 whole-day tick intervals: 6 days each, so the axis spans 30 days.
        QCOMPARE(chart->axisStart(), QDate(2026, 11, 26));
        QCOMPARE(chart->axisEnd(), QDate(2026, 12, 26));
    }

    void headerSaysWhatItIsAndWhatToDo()
    {
        ui::DetailPanel panel;
        panel.setExplanation(fixture::explanation());
        QCOMPARE(child<QLabel>(panel, u"detailTypeChip"_s)->text(), u"Shortage"_s);
        QCOMPARE(child<QLabel>(panel, u"detailRankLabel"_s)->text(), u"Rank 3"_s);
        QCOMPARE(child<QLabel>(panel, u"detailScoreLabel"_s)->text(),
            u"EUR"_s + QChar(0x00A0) + u"12,400"_s);
        QCOMPARE(child<QLabel>(panel, u"detailTitleLabel"_s)->text(),
            u"SKU-100 — Hydraulic hose 1/2 in, 2 m"_s);
        const QString where = child<QLabel>(panel, u"detailWhereLabel"_s)->text();
        QVERIFY2(where.contains(u"East distribution centre"_s), qPrintable(where));
        // Need date day 5 after as_of 2026-11-26.
        QVERIFY2(where.contains(u"need by 1 Dec 2026 (in 5 days)"_s), qPrintable(where));
        const QString action = child<QLabel>(panel, u"detailActionLabel"_s)->text();
        QVERIFY2(action.contains(u"Transfer 40 units in from DC-WEST (West distribution centre)"_s),
            qPrintable(action));
        // Net benefit of the transfer: 11,800 - 120.
        QVERIFY2(action.contains(u"11,680"_s), qPrintable(action));
    }

    void orderLinesShowCustomerAndShortfall()
    {
        ui::DetailPanel panel;
        panel.setExplanation(fixture::explanation());
        auto *table = child<ui::OrderLinesView>(panel, u"orderLinesView"_s);
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, ui::OrderLinesView::OrderLine)->text(), u"SO-1043/1"_s);
        QCOMPARE(table->item(0, ui::OrderLinesView::Customer)->text(), u"ACME (Acme Industrial)"_s);
        QCOMPARE(table->item(0, ui::OrderLinesView::QtyShort)->text(), u"40"_s);
        QCOMPARE(table->item(1, ui::OrderLinesView::Due)->text(), u"29 Nov"_s);
        QCOMPARE(table->item(1, ui::OrderLinesView::Due)->toolTip(), u"29 Nov 2026"_s);
        QCOMPARE(table->item(1, ui::OrderLinesView::DaysLate)->text(), u"7"_s);
    }

    void itemPlanShowsEveryActionAndLocation()
    {
        // SKU-100's plan: DC-WEST ships 40 to DC-EAST (this exception) for 120, and a
        // purchase of 50 lands at DC-WEST for its own lines, 5 kept in stock. Doing
        // nothing costs 12,400; the plan 3,120.
        model::Explanation x = fixture::explanation();
        engine::ItemPlanView &plan = x.result.plan;
        plan.planned = true;
        plan.doNothingCost = 12400;
        plan.planCost = 3120;
        engine::PlanStep transfer;
        transfer.action.action = engine::Action::Transfer;
        transfer.action.qty = 40;
        transfer.action.cost = 120;
        transfer.action.fromLocationId = "DC-WEST";
        transfer.action.arrivalDate = fixture::day(2);
        transfer.toLocationId = "DC-EAST";
        transfer.serves = {{"DC-EAST", 40}};
        engine::PlanStep purchase;
        purchase.action.action = engine::Action::Purchase;
        purchase.action.qty = 50;
        purchase.action.cost = 80;
        purchase.action.supplierId = "SUP-1";
        purchase.action.arrivalDate = fixture::day(6);
        purchase.toLocationId = "DC-WEST";
        purchase.serves = {{"DC-WEST", 45}};
        purchase.keptInStock = 5;
        plan.steps = {transfer, purchase};
        plan.locations = {{"DC-EAST", 83, 10, 0, 0, 9000}, {"DC-WEST", 45, 0, 45, 0, 280}};

        ui::DetailPanel panel;
        panel.resize(700, 1400);
        panel.show();
        panel.setExplanation(x);
        auto *view = child<ui::ItemPlanView>(panel, u"itemPlanView"_s);
        QVERIFY(view);
        QVERIFY(view->isVisible());
        QVERIFY2(view->summary().contains(u"2 actions across the item's locations"_s),
            qPrintable(view->summary()));
        QVERIFY2(
            view->summary().contains(u"it saves EUR"_s) && view->summary().contains(u"9,280"_s),
            qPrintable(view->summary()));
        const ui::PlanStepsTable *steps = view->steps();
        QCOMPARE(steps->rowCount(), 2);
        QCOMPARE(steps->item(0, ui::PlanStepsTable::Route)->text(), u"DC-WEST → DC-EAST"_s);
        QCOMPARE(steps->item(1, ui::PlanStepsTable::Route)->text(), u"SUP-1 → DC-WEST"_s);
        QCOMPARE(
            steps->item(1, ui::PlanStepsTable::Serves)->text(), u"DC-WEST 45, 5 kept in stock"_s);
        auto *locations = child<QLabel>(panel, u"planLocations"_s);
        QVERIFY(locations);
        QVERIFY2(locations->text().contains(
                     u"DC-EAST (this exception): 83 units late doing nothing, 10 with the plan"_s),
            qPrintable(locations->text()));
        QVERIFY2(locations->text().contains(u"DC-WEST: 45 units late doing nothing, 0 with the "
                                            "plan (45 fewer never served in the horizon)"_s),
            qPrintable(locations->text()));

        // A type that is not part of a plan (a cycle count) shows no plan.
        x.exception->type = engine::ExceptionType::CycleCount;
        panel.setExplanation(x);
        QVERIFY(!view->isVisible());
    }

    void infeasibleRecommendationCannotBeApproved()
    {
        ui::DetailPanel panel;
        panel.setExplanation(fixture::explanation());
        QVERIFY(child<QPushButton>(panel, u"approveButton_0"_s)->isEnabled());
        QVERIFY(child<QPushButton>(panel, u"approveButton_1"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(panel, u"approveButton_2"_s)->isEnabled());
        auto *reason = child<QLabel>(panel, u"infeasibleReason_2"_s);
        QVERIFY(reason);
        QVERIFY2(reason->text().contains(u"after the need date 1 Dec 2026"_s),
            qPrintable(reason->text()));
        QVERIFY(!panel.findChild<QLabel *>(u"infeasibleReason_0"_s));
    }

    void approveAndRejectEmitTheRecommendationIndex()
    {
        ui::DetailPanel panel;
        panel.resize(520, 900);
        panel.show();
        panel.setExplanation(fixture::explanation());
        QSignalSpy approved(&panel, &ui::DetailPanel::approveRequested);
        QSignalSpy rejected(&panel, &ui::DetailPanel::rejectRequested);
        QTest::mouseClick(child<QPushButton>(panel, u"approveButton_1"_s), Qt::LeftButton);
        QCOMPARE(approved.size(), 1);
        QCOMPARE(approved.at(0).at(0).toInt(), 1);
        QCOMPARE(rejected.size(), 0);
        QTest::mouseClick(child<QPushButton>(panel, u"rejectButton_0"_s), Qt::LeftButton);
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(rejected.at(0).at(0).toInt(), 0);
        // A disabled button of an infeasible recommendation sends nothing.
        QTest::mouseClick(child<QPushButton>(panel, u"approveButton_2"_s), Qt::LeftButton);
        QCOMPARE(approved.size(), 1);
        // Override asks the window for another quantity of that recommendation.
        QSignalSpy overridden(&panel, &ui::DetailPanel::overrideRequested);
        QTest::mouseClick(child<QPushButton>(panel, u"overrideButton_1"_s), Qt::LeftButton);
        QCOMPARE(overridden.size(), 1);
        QCOMPARE(overridden.at(0).at(0).toInt(), 1);
        QTest::mouseClick(child<QPushButton>(panel, u"overrideButton_2"_s), Qt::LeftButton);
        QCOMPARE(overridden.size(), 1);
        // Once overridden, the card says so and its buttons rest.
        panel.setDecision(model::Decision::Overridden, 1);
        QCOMPARE(child<QLabel>(panel, u"decisionStatus_1"_s)->text(), u"✔ Overridden"_s);
        QVERIFY(!child<QPushButton>(panel, u"overrideButton_1"_s)->isEnabled());
        // Above the second-approval threshold the card says it waits for a checker.
        panel.setDecision(model::Decision::Approved, 1, true);
        QCOMPARE(child<QLabel>(panel, u"decisionStatus_1"_s)->text(),
            u"✔ Approved, awaiting a second approver"_s);
    }

    void standingDecisionIsShownAndItsButtonsRest()
    {
        ui::DetailPanel panel;
        panel.resize(520, 900);
        panel.show();
        panel.setExplanation(fixture::explanation());
        panel.setDecision(model::Decision::Approved, 0);
        auto *status = child<QLabel>(panel, u"decisionStatus_0"_s);
        QVERIFY(status->isVisible());
        QVERIFY2(status->text().contains(u"Approved"_s), qPrintable(status->text()));
        QVERIFY(!child<QPushButton>(panel, u"approveButton_0"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(panel, u"rejectButton_0"_s)->isEnabled());
        QVERIFY(child<QPushButton>(panel, u"approveButton_1"_s)->isEnabled());
        QVERIFY(!child<QLabel>(panel, u"decisionStatus_1"_s)->isVisible());

        panel.setDecision(model::Decision::Rejected, 1);
        QVERIFY(!status->isVisible());
        QVERIFY(child<QPushButton>(panel, u"approveButton_0"_s)->isEnabled());
        QVERIFY(child<QLabel>(panel, u"decisionStatus_1"_s)->text().contains(u"Rejected"_s));

        panel.setDecision(model::Decision::None, -1);
        QVERIFY(child<QPushButton>(panel, u"approveButton_1"_s)->isEnabled());
        QVERIFY(!child<QLabel>(panel, u"decisionStatus_1"_s)->isVisible());
    }

    void decisionButtonsCanBeHidden()
    {
        ui::DetailPanel panel;
        panel.show();
        panel.setExplanation(fixture::explanation());
        panel.setDecisionsEnabled(false);
        QVERIFY(!child<QPushButton>(panel, u"approveButton_0"_s)->isVisible());
        panel.setDecisionsEnabled(true);
        QVERIFY(child<QPushButton>(panel, u"approveButton_0"_s)->isVisible());
    }

    void clearShowsTheEmptyState()
    {
        ui::DetailPanel panel;
        panel.show();
        auto *empty = child<QLabel>(panel, u"detailEmptyLabel"_s);
        QVERIFY(panel.isEmpty());
        QVERIFY(empty->isVisible());
        QVERIFY(!empty->text().isEmpty());

        panel.setExplanation(fixture::explanation());
        QVERIFY(!panel.isEmpty());
        QVERIFY(!empty->isVisible());
        QCOMPARE(panel.exceptionId(), u"shortage:SKU-100@DC-EAST"_s);

        const QString message = u"No snapshot loaded — File > Import snapshot… (Ctrl+I)"_s;
        panel.clear(message);
        QVERIFY(panel.isEmpty());
        QVERIFY(empty->isVisible());
        QCOMPARE(empty->text(), message);
        QVERIFY(panel.exceptionId().isEmpty());
        QVERIFY(panel.breakdownValues().isEmpty());
    }

    void skuLocationWithoutExceptionGetsAVerdict()
    {
        ui::DetailPanel panel;
        panel.show();
        const model::Explanation x = fixture::quietItemLocation();
        panel.setExplanation(x);
        // Class B: service target 95%, so at most 5% stockout probability.
        const QString expected
            = u"No exception: stock covers orders and risk is within the service "
              u"target (stockout probability 2.1% vs target 5%)."_s;
        QCOMPARE(ui::noExceptionVerdict(x), expected);
        QVERIFY(
            child<QLabel>(panel, u"detailActionLabel"_s)->text().contains(u"2.1% vs target 5%"_s));
        QCOMPARE(child<QLabel>(panel, u"detailTypeChip"_s)->text(), u"No exception"_s);
        QVERIFY(!child<QLabel>(panel, u"detailScoreLabel"_s)->isVisible());
        QVERIFY(panel.breakdownValues().isEmpty());
        QVERIFY(!child<ui::OrderLinesView>(panel, u"orderLinesView"_s)->isVisible());
        QVERIFY(!panel.findChild<QPushButton *>(u"approveButton_0"_s));
        QCOMPARE(child<QLabel>(panel, u"detailTitleLabel"_s)->text(),
            u"SKU-100 — Hydraulic hose 1/2 in, 2 m"_s);
        QVERIFY(child<QLabel>(panel, u"detailWhereLabel"_s)->text().startsWith(u"DC-WEST"_s));
    }

    void stockoutAboveTargetIsFlagged()
    {
        ui::DetailPanel panel;
        panel.setExplanation(fixture::explanation());
        // Class A target: at most 2%; 43% is well above.
        auto *value = child<QLabel>(panel, u"stockoutProbabilityValue"_s);
        QCOMPARE(value->text(), u"43%"_s);
        QVERIFY(value->palette().color(QPalette::WindowText)
            != panel.palette().color(QPalette::WindowText));
        panel.setExplanation(fixture::quietItemLocation());
        QCOMPARE(value->text(), u"2.1%"_s);
        QCOMPARE(value->palette().color(QPalette::WindowText),
            panel.palette().color(QPalette::WindowText));
    }

    void malformedExplanationShowsPlaceholdersInsteadOfCrashing()
    {
        ui::DetailPanel panel;
        model::Explanation x = fixture::explanation();
        x.rows.reset();
        x.exception->item = 99;
        x.exception->location = -7;
        x.exception->orders[0].customerId = "NOBODY";
        x.result.projection.clear();
        panel.setExplanation(x);
        QCOMPARE(child<QLabel>(panel, u"detailTitleLabel"_s)->text(), u"—"_s);
        QVERIFY(child<QLabel>(panel, u"detailWhereLabel"_s)->text().startsWith(u"—"_s));
        QCOMPARE(child<ui::OrderLinesView>(panel, u"orderLinesView"_s)
                     ->item(0, ui::OrderLinesView::Customer)
                     ->text(),
            u"NOBODY"_s);
        QCOMPARE(child<ui::ProjectionChart>(panel, u"projectionChart"_s)->balancePointCount(),
            qsizetype(0));
    }
};

QTEST_MAIN(TestDetailPanel)
#include "test_detailpanel.moc"
