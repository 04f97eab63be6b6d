// Scoring on tiny snapshots built in code: each exception type, its factors and its
// recommendations. Every expected figure is worked by hand in the comments from the
// inputs next to it (docs/scoring.md has the formulas).

#include "scoringfixtures.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

using namespace scoringtest;

class TestScoring : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shortageFactorsAndTransfer();
    void excessWithTransferAndReturn();
    void pastDueShortageAgingVolatilityAndNotify();
    void replenishment();
    void replenishmentPastTheHorizonCountsTheHorizon();
    void lateSupply();
    void allocation();
    void excessShelfLifeAndCapacity();
    void excessCountsDependentDemand();
    void slowExcessSaysWhenAReturnWouldPay();
    void substituteAndCycleCount();
    void cycleCountGrowsStaleAndCoversWhatStockServes();
    void projectionFlows();
    void multiHopTransfer();
    void drainedSourceTransfer();
    void transferSpareKeepsDependentDemand();
    void unreachableSourceHasNoRisk();
};

void TestScoring::shortageFactorsAndTransfer()
{
    const Snapshot snap = scenarioA();
    const RankedRecords r = rankedRecords(snap, Policy {});
    const ExceptionRecord *e = find(r, "shortage:X@DC1");
    QVERIFY(e);
    // Firm supply at DC1 by day 2 is 50. SO-1 (tier 1) is served first: 30 <= 50.
    // SO-2 (tier 2) brings demand to 70: 20 short, covered when PO-1 (100) lands on
    // day 6, so 4 days late. Each day late puts 1/28 of a sale at risk:
    //   margin_at_risk = 20 x (100 - 60) x 4/28                      = 114.285714
    //   sla_penalty    = 20 x 4 x (1% of the price 100 a day, tier 2) = 80
    //   no order_aging (nothing past due), no volatility (d = 0: mu = sigma = 0)
    const double exposure = 800.0 * 4 / 28 + 80.0;
    VERIFY_NEAR(factorValue(*e, FactorKind::MarginAtRisk), 800.0 * 4 / 28);
    VERIFY_NEAR(factorValue(*e, FactorKind::SlaPenalty), 80.0);
    QVERIFY(!factor(*e, FactorKind::OrderAging));
    QVERIFY(!factor(*e, FactorKind::LeadTimeVolatility));
    VERIFY_NEAR(e->score, exposure);
    QCOMPARE(e->needDate, kAsOf + 2);
    QCOMPARE(e->factors.front().kind, FactorKind::MarginAtRisk); // largest first
    QCOMPARE(e->orders.size(), std::size_t(1));
    QCOMPARE(e->orders[0].orderId, std::string("SO-2"));
    VERIFY_NEAR(e->orders[0].qtyShort, 20.0);
    QCOMPARE(e->orders[0].daysLate, 4);

    // The item plan covers the 20 units the cheapest way: pulling 20 of PO-1's 100
    // units in to day 1 costs 20 x 1.50 = 30, a transfer from DC2 (1 day, 2/unit +
    // 10 a shipment) 50, DC3 is 5 days away and a purchase takes 10. So it expedites
    // exactly 20 units, not the whole line, and nothing else: every line ships on
    // time, so it saves the whole exposure for 30.
    QCOMPARE(e->recommendations.size(), std::size_t(1));
    const Recommendation &top = e->recommendations[0];
    QCOMPARE(top.action, Action::Expedite);
    QCOMPARE(top.poId, std::string("PO-1"));
    QCOMPARE(top.newExpectedDate, kAsOf + 1);
    VERIFY_NEAR(top.qty, 20.0);
    VERIFY_NEAR(top.cost, 30.0);
    QVERIFY(near(top.benefit, exposure, 1e-4)); // the plan prices in millionths a unit
    QVERIFY(top.feasible && top.inPlan);
    QCOMPARE(top.requiresRole, engine::Role::Planner);
    QCOMPARE(e->topRecommendation(), &top);
    QCOMPARE(e->bestRecommendation(), &top);
    QVERIFY(near(e->canSave, exposure - 30.0, 1e-4));
    const ExceptionSummary &x = r.summary.exceptions[std::size_t(e->rank - 1)];
    QCOMPARE(x.action, std::int8_t(Action::Expedite));
    QVERIFY(x.actionFeasible);
    VERIFY_NEAR(x.actionCost, 30.0);
    QVERIFY(near(x.canSave, exposure - 30.0, 1e-4));
    // Covered in time: no need to warn customer service.
    QVERIFY(!firstOf(*e, Action::NotifyCustomerService));

    // When expediting costs 3 a unit (60 for 20), the transfer from DC2 (50) wins.
    Snapshot dear = scenarioA();
    dear.suppliers.expediteCostPerUnit[0] = 3.0;
    const RankedRecords r2 = rankedRecords(dear, Policy {});
    const ExceptionRecord *e2 = find(r2, "shortage:X@DC1");
    QVERIFY(e2);
    QCOMPARE(e2->recommendations.size(), std::size_t(1));
    const Recommendation &t = e2->recommendations[0];
    QCOMPARE(t.action, Action::Transfer);
    QCOMPARE(t.fromLocationId, std::string("DC2"));
    VERIFY_NEAR(t.qty, 20.0);
    VERIFY_NEAR(t.cost, 50.0);
    QCOMPARE(t.arrivalDate, kAsOf + 1);
    QVERIFY(near(t.benefit, exposure, 1e-4));
    QVERIFY(near(e2->canSave, exposure - 50.0, 1e-4));
}

void TestScoring::excessWithTransferAndReturn()
{
    const Snapshot snap = scenarioA();
    const RankedRecords r = rankedRecords(snap, Policy {});
    const ExceptionRecord *e = find(r, "excess:X@DC2");
    QVERIFY(e);
    // DC2: 200 on hand, no demand (infinite cover), no orders, lead time 10 but
    // d = 0: excess = 200 units, value 12,000 >= 500.
    //   carrying_cost = 200 x 60 x 0.25 x 28 / 365 = 84,000 / 365 = 230.136986...
    VERIFY_NEAR(e->score, 84000.0 / 365.0);
    QCOMPARE(e->factors.size(), std::size_t(1));
    QCOMPARE(e->factors[0].kind, FactorKind::CarryingCost);
    // The item plan covers DC1's shortage by expediting PO-1 (30), not from here
    // (50), and returning all 200 would cost a 0.15 x 12,000 = 1,800 fee to save
    // 230.14 of holding: no action pays, so none is recommended and nothing can be
    // saved. The shortage and this excess are unrelated.
    QVERIFY(e->recommendations.empty());
    QCOMPARE(e->canSave, 0.0);
    QVERIFY(e->related.empty());

    // When expediting is dear (3 a unit), the plan ships DC1's 20 units from here:
    // the excess lists that transfer with what it saves at DC1 (the whole shortage,
    // 194.29) and the holding it saves here (20 x 60 x 0.25 x 28/365 = 23.01), and
    // can save only the latter (the former is the shortage's). They refer to each
    // other.
    Snapshot dear = scenarioA();
    dear.suppliers.expediteCostPerUnit[0] = 3.0;
    const RankedRecords r2 = rankedRecords(dear, Policy {});
    const ExceptionRecord *e2 = find(r2, "excess:X@DC2");
    QVERIFY(e2);
    QCOMPARE(e2->recommendations.size(), std::size_t(1));
    const Recommendation &t = e2->recommendations[0];
    QCOMPARE(t.action, Action::Transfer);
    QCOMPARE(t.toLocationId, std::string("DC1"));
    VERIFY_NEAR(t.qty, 20.0);
    VERIFY_NEAR(t.cost, 50.0);
    QVERIFY(t.inPlan);
    QVERIFY(near(t.benefit, 800.0 * 4 / 28 + 80.0 + 8400.0 / 365.0, 1e-4));
    VERIFY_NEAR(e2->canSave, 8400.0 / 365.0);
    QCOMPARE(e2->related, std::vector<std::string> {"shortage:X@DC1"});
    QCOMPARE(find(r2, "shortage:X@DC1")->related, std::vector<std::string> {"excess:X@DC2"});
    // DC1 itself is short now, so its later receipt is not called excess.
    QVERIFY(!find(r, "excess:X@DC1"));
    // Queue, ranked by what acting can save: the shortage first (194.29 at stake, 20
    // units 4 days late, see shortageFactorsAndTransfer; the expedite of 20 at 1.50
    // saves all of it for 30), then the two excesses no action pays for, by exposure:
    // DC3's (300 x 60 x 0.25 x 28/365 = 345.21), DC2's (230.14).
    QCOMPARE(r.exceptions.size(), std::size_t(3));
    QCOMPARE(r.exceptions[0].id, std::string("shortage:X@DC1"));
    QVERIFY(near(r.exceptions[0].canSave, r.exceptions[0].score - 30.0, 1e-4));
    QCOMPARE(r.exceptions[1].id, std::string("excess:X@DC3"));
    QCOMPARE(r.exceptions[1].canSave, 0.0);
    QCOMPARE(r.exceptions[2].id, std::string("excess:X@DC2"));
    QCOMPARE(r.exceptions[2].rank, 3);
    // Ranked by exposure (the policy's switch), the shortage comes last.
    Policy byExposure;
    byExposure.rankBy = RankBy::Exposure;
    const RankedRecords r3 = rankedRecords(snap, byExposure);
    QCOMPARE(r3.exceptions.size(), std::size_t(3));
    QCOMPARE(r3.exceptions[0].id, std::string("excess:X@DC3"));
    QCOMPARE(r3.exceptions[1].id, std::string("excess:X@DC2"));
    QCOMPARE(r3.exceptions[2].id, std::string("shortage:X@DC1"));
}

void TestScoring::pastDueShortageAgingVolatilityAndNotify()
{
    Builder b;
    const Index dc = b.location("DC1");
    const Index y = b.item("Y", 10, 25); // margin 15
    const Index sup = b.supplier("SUPY", 4); // cannot expedite
    const Index c = b.customer("C3", 3); // tier 3: 0.5% of the price a day
    b.itemLocation(y, dc, 10, 2, 2, sup);
    b.salesOrder("SO-9", 1, c, y, dc, 30, -10, -3, 25);
    b.purchaseOrder("PO-9", 1, sup, y, dc, 28, 5);
    const Snapshot &snap = b.done();
    const RankedRecords r = rankedRecords(snap, Policy {});
    const ExceptionRecord *e = find(r, "shortage:Y@DC1");
    QVERIFY(e);
    // SO-9 was due 3 days ago: served on as_of from 10 on hand, 20 short until PO-9
    // (28) lands on day 5: 5 more days late (8 in all). The 3 days already past are
    // history: only the 5 still ahead are priced. Each day late puts 1/28 of a sale
    // at risk: 3/28 of it is already gone (history), (3 + 5)/28 will be.
    //   margin_at_risk = 20 x 15 x (8/28 - 3/28)    = 53.571429
    //   sla_penalty    = 20 x 5 x (0.005 x 25)      = 12.5
    //   order_aging    = 20 x 25 x 0.01 x 5 ahead   = 25
    // Risk: d = 2 (std 2), L = 4: mu = 8, sigma = sqrt(4 x 4) = 4;
    // IP = 10 + 28 - 30 = 8, z = 0, E[short] = 4 x G(0) = 4 x 0.3989423 = 1.5957691,
    // plan gap max(0, 8 - 8) = 0:
    //   lead_time_volatility = 1.595769 x 15 = 23.936537
    VERIFY_NEAR(factorValue(*e, FactorKind::MarginAtRisk), 300.0 * 5 / 28);
    VERIFY_NEAR(factorValue(*e, FactorKind::SlaPenalty), 12.5);
    VERIFY_NEAR(factorValue(*e, FactorKind::OrderAging), 25.0);
    QVERIFY(near(factorValue(*e, FactorKind::LeadTimeVolatility), 60.0 * 0.3989423, 1e-5));
    QVERIFY(near(e->score, 300.0 * 5 / 28 + 37.5 + 60.0 * 0.3989423, 1e-5));
    QCOMPARE(e->needDate, kAsOf); // past due: needed today
    QCOMPARE(e->orders[0].daysLate, 8);
    // The supplier cannot expedite and there is no other location. A new purchase
    // (4 days) would land one day before PO-9: it costs 50 + 20 x 10 x 0.25 x 28/365 =
    // 53.84 to save 20 units one day each (0.125 + 0.25 + 15/28 = 0.91 a unit-day, 18.21):
    // it loses money, so the plan does nothing and customer service is told:
    // benefit 0.25 x 12.5 = 3.125, free of cost.
    QCOMPARE(e->recommendations.size(), std::size_t(1));
    const Recommendation *top = e->topRecommendation();
    QVERIFY(top);
    QCOMPARE(top->action, Action::NotifyCustomerService);
    VERIFY_NEAR(top->benefit, 3.125);
    VERIFY_NEAR(top->cost, 0.0);
    QCOMPARE(top->orderLines.size(), std::size_t(1));
    QCOMPARE(top->orderLines[0].orderId, std::string("SO-9"));
    VERIFY_NEAR(top->orderLines[0].qty, 20.0);
    QVERIFY2(top->text.find("No transfer, expedite or purchase that arrives within the 28-day "
                            "horizon saves more than it costs")
            != std::string::npos,
        top->text.c_str());
    QVERIFY(near(e->canSave, 3.125, 1e-4));
}

void TestScoring::replenishment()
{
    Builder b;
    const Index dc = b.location("DC1");
    const Index z = b.item("Z", 10, 30, 'A'); // margin 20; class A: target 98%
    const Index sup = b.supplier("SUPZ", 9);
    b.itemLocation(z, dc, 78, 10, 4, sup);
    const Snapshot &snap = b.done();
    const RankedRecords r = rankedRecords(snap, Policy {});
    QCOMPARE(r.exceptions.size(), std::size_t(1));
    const ExceptionRecord &e = r.exceptions[0];
    QCOMPARE(e.id, std::string("replenishment:Z@DC1"));
    // Raised by the risk block (mu = 90, sigma = 12, IP = 78: P(stockout) 0.841 > 2%).
    // The money is the horizon's with nothing ordered: 280 expected against the 78 on
    // hand, spread 4 x sqrt(28), z = -9.54: 202 short (the gap; less than 1e-12 more).
    //   margin_at_risk = 202 x 20 = 4,040; the 78 last 7.8 days, short units wait
    //   (28 - 7.8) / 2 = 10.1 days: sla_penalty = 202 x (0.01 x 30) x 10.1 = 612.06
    VERIFY_NEAR(factorValue(e, FactorKind::MarginAtRisk), 4040.0);
    QVERIFY(factorValue(e, FactorKind::LeadTimeVolatility) < 1e-6);
    QVERIFY(near(factorValue(e, FactorKind::SlaPenalty), 612.06, 1e-6));
    VERIFY_NEAR(e.score, 4652.06);
    // Projected balance: 78 - 10 a day from day 1 goes negative on day 8.
    QCOMPARE(e.needDate, kAsOf + 8);
    // Order Q = d x L = 90, on day 9, after the run-out. With 90 more: 112 short from
    // day 16.8 (2,240 + 112 x 0.3 x 5.6 = 2,428.16), 2,223.90 less, of which it avoids
    // the share (28 - 9) / (28 - 7.8) still to come; holding 90 x 10 x 0.25 x 28/365.
    QCOMPARE(e.recommendations.size(), std::size_t(1));
    QCOMPARE(e.recommendations[0].action, Action::Purchase);
    VERIFY_NEAR(e.recommendations[0].qty, 90.0);
    QCOMPARE(e.recommendations[0].arrivalDate, kAsOf + 9);
    QVERIFY(near(e.recommendations[0].benefit, 2223.90 * 19 / 20.2, 1e-4));
    QVERIFY(near(e.recommendations[0].cost, 90 * 10 * 0.25 * 28 / 365.0, 1e-6));
    QVERIFY(!e.recommendations[0].feasible);
    QVERIFY(!e.topRecommendation());
    // The queue still shows the best move, marked late: the purchase, its cost and
    // its supplier.
    QCOMPARE(e.bestRecommendation(), &e.recommendations[0]);
    const ExceptionSummary &x = r.summary.exceptions[0];
    QCOMPARE(x.action, std::int8_t(Action::Purchase));
    QVERIFY(!x.actionFeasible);
    QCOMPARE(x.actionCost, e.recommendations[0].cost);
    QVERIFY(x.actionCost > 0);
    QCOMPARE(x.supplier, sup);
}

void TestScoring::replenishmentPastTheHorizonCountsTheHorizon()
{
    // A 56-day lead time against the 28-day horizon. The planner's reading: an order
    // placed today lands on day 56, after the horizon, so the money at stake in the
    // horizon is what stock on hand and the receipts due in it leave short of the
    // horizon's demand; the PO due on day 40 does not help before then.
    auto snapshot = [](double onHand) {
        Builder b;
        const Index dc = b.location("DC1");
        const Index y = b.item("Y", 10, 30, 'A'); // margin 20
        const Index sup = b.supplier("SUPY", 56);
        b.itemLocation(y, dc, onHand, 10, 0, sup);
        b.purchaseOrder("PO-Y", 1, sup, y, dc, 200, 40);
        return b.done();
    };
    auto run = [&](double onHand) { return rankedRecords(snapshot(onHand), Policy {}); };
    // 300 on hand covers the 280 of the horizon: nothing is at stake in it, although
    // over the lead time (mu = 560 against IP = 500) 60 units would be short.
    QVERIFY(!find(run(300), "replenishment:Y@DC1"));

    // 250 on hand: 30 units short of the horizon's 280 (no spread in demand). The 250
    // last 25 days; the short units wait from then to the horizon end, 1.5 days on
    // average.
    //   margin_at_risk = 30 x 20                               = 600
    //   sla_penalty    = 30 x (0.01 x 30, tier 2) x (28 - 25) / 2 = 13.50
    const RankedRecords r = run(250);
    const ExceptionRecord *e = find(r, "replenishment:Y@DC1");
    QVERIFY(e);
    VERIFY_NEAR(factorValue(*e, FactorKind::MarginAtRisk), 600.0);
    VERIFY_NEAR(factorValue(*e, FactorKind::SlaPenalty), 13.5);
    VERIFY_NEAR(e->score, 613.5);
    const Factor *margin = factor(*e, FactorKind::MarginAtRisk);
    VERIFY_NEAR(detailOf(*margin, "horizon_demand_mean"), 280.0);
    VERIFY_NEAR(detailOf(*margin, "horizon_position"), 250.0);
    QVERIFY2(
        margin->text.find("ends after the horizon") != std::string::npos, margin->text.c_str());
    // The pinned risk block still reads over the whole lead time.
    const ItemLocationAnalysis a = analyse(snapshot(250), Policy {}, 0);
    VERIFY_NEAR(a.risk.leadTimeDemandMean, 560.0);
    VERIFY_NEAR(a.risk.inventoryPosition, 450.0);
    VERIFY_NEAR(a.risk.expectedUnitsShort, 110.0);
    // A purchase lands on day 56, after the horizon: it avoids nothing in it, so it is
    // not offered as saving anything.
    for (const Recommendation &rec : e->recommendations)
        QVERIFY(rec.action != Action::Purchase || rec.benefit == 0.0);
    QCOMPARE(e->canSave, 0.0);
}

void TestScoring::lateSupply()
{
    Builder b;
    const Index dc = b.location("DC1");
    const Index w = b.item("W", 10, 20); // margin 10
    const Index sup = b.supplier("SUPW", 5, 0, 1.0, 4);
    b.itemLocation(w, dc, 100, 10, 0, sup);
    b.purchaseOrder("PO-L", 1, sup, w, dc, 50, 13, 3); // promised day 3, now day 13
    const Snapshot &snap = b.done();
    const RankedRecords r = rankedRecords(snap, Policy {});
    const ExceptionRecord *e = find(r, "late_supply:W@DC1");
    QVERIFY(e);
    // Window days 3..12 (10 days). Stock at the start of day 3: 100 - 2 x 10 = 80;
    // forecast demand in the window 100, no spread: 20 units short (days 11 and 12).
    //   lead_time_volatility = 20 x 10              = 200
    //   sla_penalty          = 20 x (0.01 x 20) x 10 days = 40
    VERIFY_NEAR(factorValue(*e, FactorKind::LeadTimeVolatility), 200.0);
    VERIFY_NEAR(factorValue(*e, FactorKind::SlaPenalty), 40.0);
    VERIFY_NEAR(e->score, 240.0);
    // The balance first goes negative on day 11 (100 - 110).
    QCOMPARE(e->needDate, kAsOf + 11);
    // Expedite by 4 days to day 9 (<= day 11): cost 50, window 3..8 has 60 of
    // demand against 80 of stock: nothing short, so the whole 240 is avoided.
    const Recommendation &top = e->recommendations.at(0);
    QCOMPARE(top.action, Action::Expedite);
    QCOMPARE(top.newExpectedDate, kAsOf + 9);
    VERIFY_NEAR(top.cost, 50.0);
    VERIFY_NEAR(top.benefit, 240.0);
    QVERIFY(top.feasible);
    QCOMPARE(e->recommendations.at(1).action, Action::SupplierFollowUp);
    // No order is at risk, so no shortage; IP = 150 covers mu = 50: no replenishment.
    QCOMPARE(r.exceptions.size(), std::size_t(1));
}

void TestScoring::allocation()
{
    Builder b;
    const Index dc = b.location("DC1");
    const Index v = b.item("V", 10, 30); // margin 20
    const Index sup = b.supplier("SUPV", 3);
    const Index c3 = b.customer("SMALL", 3), c1 = b.customer("KEY", 1);
    b.itemLocation(v, dc, 10, 0, 0, sup);
    b.salesOrder("SO-A", 1, c3, v, dc, 10, -10, 0, 30); // ordered first, tier 3
    b.salesOrder("SO-B", 1, c1, v, dc, 10, -5, 0, 30); // ordered later, tier 1
    b.purchaseOrder("PO-V", 1, sup, v, dc, 50, 4);
    const Snapshot &snap = b.done();
    const RankedRecords r = rankedRecords(snap, Policy {});
    const ExceptionRecord *a = find(r, "allocation:V@DC1");
    const ExceptionRecord *s = find(r, "shortage:V@DC1");
    QVERIFY(a && s);
    // 10 on hand, 20 due today. Late units wait for PO-V on day 4.
    // Penalties are a share of the price 30 a day: tier 1 2% = 0.60, tier 3 0.5% = 0.15.
    // First come, first served: SO-A gets the 10, SO-B (0.60/unit-day) waits:
    //   10 x 4 x 0.60 = 24. By penalty: SO-A (0.15) waits: 10 x 4 x 0.15 = 6.
    //   sla_penalty (allocation) = 24 - 6 = 18
    VERIFY_NEAR(a->score, 18.0);
    QCOMPARE(a->factors.size(), std::size_t(1));
    QCOMPARE(a->recommendations.size(), std::size_t(1));
    const Recommendation &alloc = a->recommendations[0];
    QCOMPARE(alloc.action, Action::Allocate);
    QCOMPARE(alloc.orderLines.size(), std::size_t(2));
    QCOMPARE(alloc.orderLines[0].orderId, std::string("SO-B"));
    VERIFY_NEAR(alloc.orderLines[0].qty, 10.0);
    QCOMPARE(alloc.orderLines[1].orderId, std::string("SO-A"));
    VERIFY_NEAR(alloc.orderLines[1].qty, 0.0);
    // The shortage serves tier 1 first too: SO-A is 10 short for 4 days.
    //   margin 10 x 20 x 4/28 = 28.571429, sla 10 x 4 x 0.15 = 6: 34.571429; each
    //   refers to the other.
    VERIFY_NEAR(s->score, 200.0 * 4 / 28 + 6.0);
    QCOMPARE(a->related, std::vector<std::string> {"shortage:V@DC1"});
    QCOMPARE(s->related, std::vector<std::string> {"allocation:V@DC1"});
    // The purchase (3 days) comes after today's need; nothing else: notify first.
    QCOMPARE(s->topRecommendation()->action, Action::NotifyCustomerService);
}

void TestScoring::excessShelfLifeAndCapacity()
{
    Builder b;
    const Index dc = b.location("DC9", 1000);
    const Index it = b.item("S", 2, 3, 0, 30); // perishable, 30 days
    const Index sup = b.supplier("SUPS", 10);
    b.itemLocation(it, dc, 1500, 5, 0, sup);
    const Snapshot &snap = b.done();
    const RankedRecords r = rankedRecords(snap, Policy {});
    QCOMPARE(r.exceptions.size(), std::size_t(1));
    const ExceptionRecord &e = r.exceptions[0];
    QCOMPARE(e.id, std::string("excess:S@DC9"));
    // Cover 1500 / 5 = 300 days > 120. Excess = 1500 - 5 x (28 + 10) = 1310 (2,620).
    //   carrying_cost     = 1310 x 2 x 0.25 x 28 / 365 = 50.246575
    //   shelf_life_risk   = (1500 - 5 x 30) x 2          = 2700
    //   capacity_pressure = min(1310, (1500 - 1000) x 1500/1500) x 2 x 0.05 = 50
    VERIFY_NEAR(factorValue(e, FactorKind::CarryingCost), 1310.0 * 2 * 0.25 * 28 / 365);
    VERIFY_NEAR(factorValue(e, FactorKind::ShelfLifeRisk), 2700.0);
    VERIFY_NEAR(factorValue(e, FactorKind::CapacityPressure), 50.0);
    QCOMPARE(e.factors.front().kind, FactorKind::ShelfLifeRisk);
    // Returning the 1310 units clears the carrying cost, 1310 of the 1350 units that
    // would expire, and the overflow share: benefit 50.25 + 2620 + 50.
    const Recommendation *ret = firstOf(e, Action::ReturnToSupplier);
    QVERIFY(ret);
    VERIFY_NEAR(ret->benefit, 1310.0 * 2 * 0.25 * 28 / 365 + 1310.0 * 2 + 50.0);
    VERIFY_NEAR(ret->cost, 0.15 * 1310 * 2);
}

void TestScoring::excessCountsDependentDemand()
{
    auto network = [](double dcOnHand) {
        Builder b;
        const Index dc = b.location("DC"), br = b.location("BR");
        const Index x = b.item("X", 10, 15);
        const Index sup = b.supplier("SUP", 7);
        // DC sells nothing itself; BR sells 2 a day, keeps 10 safety stock and is
        // replenished from DC.
        b.itemLocation(x, dc, dcOnHand, 0, 0, sup);
        const Index il = b.itemLocation(x, br, 60, 2);
        b.s.itemLocations.sourceLocation[il] = dc;
        b.s.itemLocations.safetyStock[il] = 10;
        b.lane(dc, br, 2, 1);
        return rankedRecords(b.done(), Policy {});
    };
    // 100 on hand cover 100 / 2 = 50 days of BR's demand: below 120, not excess.
    QVERIFY(!find(network(100), "excess:X@DC"));
    // 10,000 cover 5,000 days. Need over H + L = 28 + 7 days: 2 x 35 = 70, plus BR's
    // safety stock 10, so excess = 10,000 - 70 - 10 = 9,920 units.
    const RankedRecords r = network(10'000);
    const ExceptionRecord *e = find(r, "excess:X@DC");
    QVERIFY(e);
    const Factor *carrying = factor(*e, FactorKind::CarryingCost);
    QVERIFY(carrying);
    VERIFY_NEAR(detailOf(*carrying, "units"), 9920.0);
    VERIFY_NEAR(detailOf(*carrying, "days_of_cover"), 5000.0);
    VERIFY_NEAR(carrying->value(), 9920.0 * 10 * 0.25 * 28 / 365);
    QVERIFY(!find(r, "excess:X@BR"));

    // Two locations replenishing each other: each counts the other's demand once and
    // never its own. A: 1 a day and 10,000 on hand, lead time 1 (the lane from B);
    // it also serves B's 2 a day: excess = 10,000 - 3 x (28 + 1) = 9,913.
    Builder b;
    const Index la = b.location("A"), lb = b.location("B");
    const Index y = b.item("Y", 10, 15);
    const Index ila = b.itemLocation(y, la, 10'000, 1);
    const Index ilb = b.itemLocation(y, lb, 100, 2);
    b.s.itemLocations.sourceLocation[ila] = lb;
    b.s.itemLocations.sourceLocation[ilb] = la;
    b.lane(lb, la, 1, 1);
    b.lane(la, lb, 1, 1);
    const RankedRecords cyc = rankedRecords(b.done(), Policy {});
    const ExceptionRecord *ea = find(cyc, "excess:Y@A");
    QVERIFY(ea);
    const Factor *fa = factor(*ea, FactorKind::CarryingCost);
    QVERIFY(fa);
    VERIFY_NEAR(detailOf(*fa, "units"), 9913.0);
}

void TestScoring::slowExcessSaysWhenAReturnWouldPay()
{
    // 1,000 on hand at 10 a unit, 1 a day of demand: 1,000 days of cover, and beyond
    // what the horizon and the 10-day lead time need, 1,000 - 38 = 962 units. Returning
    // them costs 15% (1,443) and saves 28 days of holding at 25% a year (184.49): it
    // loses money within the horizon, so it is not recommended. But
    // the fee equals 365 x 0.15 / 0.25 = 219 days of holding, and 1,000 - 219 = 781
    // units would still be on the shelf after that long: the sentence says so.
    Builder b;
    const Index dc = b.location("DC1");
    const Index it = b.item("SLOW", 10, 15);
    const Index sup = b.supplier("SUP", 10);
    b.itemLocation(it, dc, 1000, 1, 0, sup);
    const RankedRecords r = rankedRecords(b.done(), Policy {});
    const ExceptionRecord *e = find(r, "excess:SLOW@DC1");
    QVERIFY(e);
    QVERIFY(!firstOf(*e, Action::ReturnToSupplier));
    const Factor *carrying = factor(*e, FactorKind::CarryingCost);
    QVERIFY(carrying);
    VERIFY_NEAR(carrying->amount, 962 * 10 * 0.25 * 28 / 365.0);
    QVERIFY2(carrying->text.find("equals 219 days of holding, and 781 units would still be here")
            != std::string::npos,
        carrying->text.c_str());

    // A fee of 1%: returning pays within the horizon and is recommended; no such sentence.
    Policy cheap;
    cheap.returnCostRate = 0.01;
    const RankedRecords r2 = rankedRecords(b.s, cheap);
    const ExceptionRecord *e2 = find(r2, "excess:SLOW@DC1");
    QVERIFY(e2);
    QVERIFY(firstOf(*e2, Action::ReturnToSupplier));
    QVERIFY(
        factor(*e2, FactorKind::CarryingCost)->text.find("No return pays") == std::string::npos);
}

void TestScoring::substituteAndCycleCount()
{
    const Snapshot snap = scenarioF();
    const RankedRecords r = rankedRecords(snap, Policy {});
    const ExceptionRecord *e = find(r, "shortage:P@DC1");
    QVERIFY(e);
    // 10 units due on day 5 with no stock and no supply: doing nothing orders nothing,
    // so they wait to the horizon end (day 28), 23 days at 1% of the price 8 a day:
    //   margin_at_risk = 10 x (8 - 5)      = 30
    //   sla_penalty    = 10 x 23 x 0.08    = 18.4
    VERIFY_NEAR(e->score, 48.4);
    // A purchase of 10 (arrives day 2) would cost 50 + 10 x 5 x 0.25 x 28/365 = 50.96
    // to save 48.40: it loses money, so the plan buys nothing and it is not offered.
    // P2 has 100 - 28 x 1 = 72 spare: ship 10 of it for 10 x (9 - 8) = 10, net 38.4.
    const Recommendation *top = e->topRecommendation();
    QCOMPARE(top->action, Action::Substitute);
    QCOMPARE(top->substituteItemId, std::string("P2"));
    VERIFY_NEAR(top->cost, 10.0);
    QVERIFY(near(top->benefit, 48.4, 1e-4));
    QVERIFY(!firstOf(*e, Action::Purchase));
    QVERIFY(near(e->canSave, 38.4, 1e-4));

    // P2 was counted 200 days ago with a 20% variance rate, but its 100 units cover
    // the horizon's 28 of forecast more than three times: even a count off by a
    // quarter (25 units) leaves 75, so nothing would go unserved and a count protects
    // no sale in the horizon. No row.
    QVERIFY(!find(r, "cycle_count:P2@DC1"));
}

void TestScoring::cycleCountGrowsStaleAndCoversWhatStockServes()
{
    // P2 of scenario F (1 a day of forecast at 9, variance 20% a count) with 20 on
    // hand: the horizon's 28 units of forecast already find 8 short (replenishment's
    // business); a wrong count is typically off by a quarter of the 20 on the books,
    // 5 units, which would leave 5 more unserved: 45 at 9. Counted 91 and 900 days
    // ago: a day past the interval the chance of a wrong count is 1 - 0.8^(91/90) =
    // 0.2024, ten intervals on 1 - 0.8^10 = 0.8926. A count costs 1 here, so even the
    // small risks get a row.
    Snapshot snap = scenarioF();
    const Index il2 = 1;
    snap.itemLocations.onHand[il2] = 20;
    auto countScore = [&snap](const Policy &policy) {
        const RankedRecords r = rankedRecords(snap, policy);
        const ExceptionRecord *cc = find(r, "cycle_count:P2@DC1");
        return cc ? cc->score : 0.0;
    };
    Policy cheap;
    cheap.countCost = 1;
    snap.itemLocations.lastCountDate[il2] = kAsOf - 91;
    VERIFY_NEAR(countScore(cheap), (1 - std::pow(0.8, 91.0 / 90)) * 45);
    snap.itemLocations.lastCountDate[il2] = kAsOf - 900;
    VERIFY_NEAR(countScore(cheap), (1 - std::pow(0.8, 10.0)) * 45);
    {
        const RankedRecords r = rankedRecords(snap, cheap);
        const ExceptionRecord *cc = find(r, "cycle_count:P2@DC1");
        QVERIFY(cc);
        const Factor *f = factor(*cc, FactorKind::CountDiscrepancyRisk);
        VERIFY_NEAR(detailOf(*f, "supply_units"), 20.0);
        VERIFY_NEAR(detailOf(*f, "demand_units"), 28.0);
        VERIFY_NEAR(detailOf(*f, "unserved_units"), 5.0);
        QCOMPARE(cc->recommendations.at(0).action, Action::CycleCount);
        VERIFY_NEAR(cc->recommendations.at(0).cost, 1.0);
    }
    // At the default count cost of 25, 0.8926 x 45 = 40.17 is worth a count.
    VERIFY_NEAR(countScore(Policy {}), (1 - std::pow(0.8, 10.0)) * 45);
    // A policy that expects a wrong count to miss everything: all 20 units could be
    // missing, leaving the whole 28 unserved, 20 more than today: 180.
    Policy whole = cheap;
    whole.countErrorShare = 1;
    VERIFY_NEAR(countScore(whole), (1 - std::pow(0.8, 10.0)) * 180);
    // Stock that covers the horizon with room to spare: 100 on hand less a quarter
    // still covers the 28, so nothing is at risk however stale the count.
    snap.itemLocations.onHand[il2] = 100;
    QCOMPARE(countScore(cheap), 0.0);
    snap.itemLocations.onHand[il2] = 20;
    // Counted within the interval: nothing to do.
    snap.itemLocations.lastCountDate[il2] = kAsOf - 90;
    QCOMPARE(countScore(cheap), 0.0);

    // Never counted and no rate on file: no count by default (an ERP that exports no
    // count history would otherwise flag every SKU); with the policy's default rate of
    // 5% it is two intervals old: 1 - 0.95^2 = 0.0975 of 45 = 4.39, less than the 25
    // a count costs: not worth a row. At 1 a count it is.
    snap.itemLocations.lastCountDate[il2] = kNoDate;
    snap.itemLocations.countVarianceRate[il2] = kUnset;
    QCOMPARE(countScore(Policy {}), 0.0);
    Policy assumed;
    assumed.countDefaultVarianceRate = 0.05;
    QCOMPARE(countScore(assumed), 0.0);
    assumed.countCost = 1;
    VERIFY_NEAR(countScore(assumed), (1 - 0.95 * 0.95) * 45);

    // Only what the missing units would serve is at risk: with 14 on hand, a quarter is
    // 3.5 units, 3.5 more of the 28 units of forecast unserved: 31.5.
    snap.itemLocations.onHand[il2] = 14;
    VERIFY_NEAR(countScore(assumed), (1 - 0.95 * 0.95) * 31.5);
}

void TestScoring::projectionFlows()
{
    Builder b;
    const Index dc = b.location("DC1"), br = b.location("BR1");
    const Index it = b.item("F", 1, 2);
    const Index sup = b.supplier("SUPF", 3);
    const Index c = b.customer("C", 2);
    const Index il = b.itemLocation(it, dc, 500, 5, 0, sup);
    b.itemLocation(it, br, 0, 0);
    b.s.itemLocations.allocated[il] = 20;
    // Forecast rows: 70 from day -3 (10 a day until day 4), 140 from day 4 (20 a day
    // until day 11), 7 from day 11 (the last row: 1 a day for 7 days, to day 17);
    // daily_demand (5) from day 18.
    b.forecast(it, dc, -3, 70);
    b.forecast(it, dc, 4, 140);
    b.forecast(it, dc, 11, 7);
    b.purchaseOrder("PO-OLD", 1, sup, it, dc, 30, -2); // overdue: counts today
    b.purchaseOrder("PO-NEW", 1, sup, it, dc, 40, 6);
    b.transfer("T-SHIPPED", it, dc, br, 15, 0, 2); // left on_hand already
    b.transfer("T-LATER", it, dc, br, 25, 3, 5); // leaves on day 3
    b.transfer("T-NODATE", it, dc, br, 8, std::nullopt, 4); // leaves today
    b.salesOrder("SO-P", 1, c, it, dc, 12, -9, -1, 2); // past due: today
    b.salesOrder("SO-Q", 1, c, it, dc, 9, -2, 2, 2);
    const Snapshot &snap = b.done();
    const ItemLocationAnalysis a = analyse(snap, Policy {}, il);
    const auto &p = a.projection;
    QCOMPARE(p.size(), std::size_t(29));
    QCOMPARE(p[0].date, kAsOf);
    QCOMPARE(p[0].forecast, 0.0); // today's demand is already in the orders
    QCOMPARE(p[1].forecast, 10.0);
    QCOMPARE(p[3].forecast, 10.0);
    QCOMPARE(p[4].forecast, 20.0);
    QCOMPARE(p[10].forecast, 20.0);
    QCOMPARE(p[11].forecast, 1.0);
    QCOMPARE(p[17].forecast, 1.0);
    QCOMPARE(p[18].forecast, 5.0);
    QCOMPARE(p[0].receipts, 30.0);
    QCOMPARE(p[6].receipts, 40.0);
    QCOMPARE(p[0].outbound, 8.0);
    QCOMPARE(p[3].outbound, 25.0);
    QCOMPARE(p[0].ordersDue, 12.0);
    QCOMPARE(p[2].ordersDue, 9.0);
    // Day 0: 500 - 20 allocated + 30 - 8 - 12 = 490; day 1: 480; day 2: 470 - 9 = 461;
    // day 3: 461 - 10 - 25 = 426.
    QCOMPARE(p[0].balance, 490.0);
    QCOMPARE(p[2].balance, 461.0);
    QCOMPARE(p[3].balance, 426.0);
    // IP = 480 + 70 POs - 33 unshipped outbound - 21 ordered = 496; the shipped
    // transfer is neither on hand here nor pending.
    QCOMPARE(a.risk.inventoryPosition, 496.0);
    QCOMPARE(a.risk.leadTimeDemandMean, 15.0);
}

void TestScoring::multiHopTransfer()
{
    Builder b;
    const Index dc1 = b.location("DC1"), dc2 = b.location("DC2"), dc3 = b.location("DC3");
    const Index x = b.item("X", 60, 100);
    const Index c = b.customer("C", 1);
    b.itemLocation(x, dc1, 0, 0);
    b.itemLocation(x, dc2, 0, 0);
    b.itemLocation(x, dc3, 100, 0);
    b.salesOrder("SO", 1, c, x, dc1, 10, -1, 4, 100);
    b.lane(dc3, dc1, 6, 0.5); // direct but slow
    b.lane(dc3, dc2, 1, 1, 5);
    b.lane(dc2, dc1, 2, 2, 10);
    const Snapshot &snap = b.done();
    const RankedRecords r = rankedRecords(snap, Policy {});
    const ExceptionRecord *e = find(r, "shortage:X@DC1");
    QVERIFY(e);
    // Fastest route DC3 -> DC2 -> DC1: 3 days (arrives day 3 <= due day 4), cost
    // 10 x (1 + 2) + 5 + 10 = 45. The direct lane would take 6 days.
    const Recommendation *t = e->topRecommendation();
    QVERIFY(t);
    QCOMPARE(t->action, Action::Transfer);
    QCOMPARE(t->fromLocationId, std::string("DC3"));
    QCOMPARE(t->arrivalDate, kAsOf + 3);
    VERIFY_NEAR(t->cost, 45.0);
    QVERIFY(t->feasible);
}

void TestScoring::drainedSourceTransfer()
{
    Builder b;
    const Index dc = b.location("DC"), br = b.location("BR");
    const Index x = b.item("X", 10, 30); // margin 20
    const Index sup = b.supplier("SUP", 5);
    const Index c = b.customer("C", 2);
    // DC: its 30 on hand all go to its own order, and it forecasts 1 a day more.
    b.itemLocation(x, dc, 30, 1, 0, sup);
    b.salesOrder("SO-DC", 1, c, x, dc, 30, -1, 3, 30);
    // BR: nothing on hand, 2 a day forecast, replenished from DC in 2 days.
    const Index il = b.itemLocation(x, br, 0, 2);
    b.s.itemLocations.sourceLocation[il] = dc;
    b.lane(dc, br, 2, 1, 5);
    const Snapshot &snap = b.done();
    const RankedRecords r = rankedRecords(snap, Policy {});
    // DC's own position 30 - 30 = 0 is below the 5 it expects over its lead time.
    QVERIFY(find(r, "replenishment:X@DC"));
    const ExceptionRecord *e = find(r, "replenishment:X@BR");
    QVERIFY(e);
    // BR over the horizon, nothing ordered: 2 x 28 = 56 expected, nothing on hand, no
    // spread: margin 56 x 20 = 1,120; it runs out on day 0, so short units wait 14 days
    // on average: sla 56 x (0.01 x 30) x 14 = 235.20.
    VERIFY_NEAR(e->score, 1355.2);
    QCOMPARE(e->needDate, kAsOf + 1);
    // DC's free stock is 30 - 30 - 1 x horizon < 0: no transfer can be made, yet BR is
    // told what it needs and from where: Q = d x L = 4 units, arriving day 2, cost
    // 4 x 1 + 5 = 9. With them BR is 52 short from day 2 (1,040 + 52 x 0.3 x 13 =
    // 1,242.80, 112.40 less), and landing on day 2 they miss the share 2/28 of it:
    // benefit 112.40 x 26/28 = 104.37.
    QCOMPARE(e->recommendations.size(), std::size_t(1));
    const Recommendation &t = e->recommendations[0];
    QCOMPARE(t.action, Action::Transfer);
    QCOMPARE(t.fromLocationId, std::string("DC"));
    VERIFY_NEAR(t.qty, 4.0);
    QCOMPARE(t.arrivalDate, kAsOf + 2);
    VERIFY_NEAR(t.cost, 9.0);
    QVERIFY(near(t.benefit, 112.4 * 26 / 28, 1e-6));
    QVERIFY(!t.feasible);
    QVERIFY(!e->topRecommendation());
    QCOMPARE(e->canSave, 0.0); // nothing can be saved until DC is replenished
    QVERIFY2(t.text.find("DC has no stock to spare for BR") != std::string::npos, t.text.c_str());
    QVERIFY2(t.text.find("see replenishment:X@DC") != std::string::npos, t.text.c_str());
    QVERIFY(std::ranges::find(e->related, std::string("replenishment:X@DC")) != e->related.end());
}

void TestScoring::transferSpareKeepsDependentDemand()
{
    // DC1 (200 on hand, no demand of its own) replenishes BR (3 a day, safety stock 20);
    // DC2, a peer, or BR itself is short of an order for `qty` due on day 4.
    auto transferFromDc1 = [](bool shortAtBranch, double qty) -> std::optional<Recommendation> {
        Builder b;
        const Index dc1 = b.location("DC1"), dc2 = b.location("DC2"), br = b.location("BR");
        const Index x = b.item("X", 10, 30);
        const Index sup = b.supplier("SUP", 7);
        const Index c = b.customer("C", 1);
        b.itemLocation(x, dc1, 200, 0, 0, sup);
        b.itemLocation(x, dc2, 0, 0, 0, sup);
        const Index il = b.itemLocation(x, br, shortAtBranch ? 0 : 500, 3);
        b.s.itemLocations.sourceLocation[il] = dc1;
        b.s.itemLocations.safetyStock[il] = 20;
        b.salesOrder("SO", 1, c, x, shortAtBranch ? br : dc2, qty, -1, 4, 30);
        b.lane(dc1, dc2, 1, 1);
        b.lane(dc1, br, 1, 1);
        const RankedRecords r = rankedRecords(b.done(), Policy {});
        const ExceptionRecord *e = find(r, shortAtBranch ? "shortage:X@BR" : "shortage:X@DC2");
        if (!e)
            return std::nullopt;
        for (const Recommendation &rec : e->recommendations) {
            if (rec.action == Action::Transfer && rec.fromLocationId == "DC1")
                return rec;
        }
        return std::nullopt;
    };
    // For the peer DC2, DC1 keeps back BR's need until DC1's own replenishment can
    // arrive (its supplier's 7 days) and BR's safety stock: 200 - 3 x 7 - 20 = 159 to
    // spare, so a 170-unit shortage gets 159 units (it would get all 170 if BR's need
    // were ignored).
    const auto toPeer = transferFromDc1(false, 170);
    QVERIFY(toPeer);
    VERIFY_NEAR(toPeer->qty, 159.0);
    // The share DC1 keeps back for BR is BR's to take: a 180-unit shortage at BR gets
    // all 180 of DC1's 200 (159 + 3 x 7 + 20), not just the 159 it can spare a peer.
    const auto toBranch = transferFromDc1(true, 180);
    QVERIFY(toBranch);
    VERIFY_NEAR(toBranch->qty, 180.0);
}

void TestScoring::unreachableSourceHasNoRisk()
{
    Builder b;
    const Index dc = b.location("DC1"), st = b.location("ST1"), other = b.location("DC9");
    const Index it = b.item("R", 1, 2);
    b.itemLocation(it, dc, 100, 1);
    const Index il = b.itemLocation(it, st, 1, 5, 1);
    b.s.itemLocations.sourceLocation[il] = dc;
    b.lane(dc, other, 1, 1); // a lane, but not into ST1
    const Snapshot &snap = b.done();
    const ItemLocationAnalysis a = analyse(snap, Policy {}, il);
    QVERIFY(!a.risk.defined);
    for (const ExceptionRecord &e : a.exceptions)
        QVERIFY(std::isfinite(e.score));
    // With a lane into ST1 the lane's transit is the lead time, with no spread.
    b.lane(dc, st, 3, 1);
    const ItemLocationAnalysis withLane = analyse(b.done(), Policy {}, il);
    QVERIFY(withLane.risk.defined);
    QCOMPARE(withLane.risk.leadTimeDays, 3.0);
    QCOMPARE(withLane.risk.leadTimeStdDays, 0.0);
    QCOMPARE(withLane.risk.leadTimeDemandMean, 15.0);
}

QTEST_GUILESS_MAIN(TestScoring)
#include "test_scoring.moc"
