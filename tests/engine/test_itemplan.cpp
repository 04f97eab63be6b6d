// The item plan on cases a planner would work by hand, and its promises on random
// instances: every unit exists where it is used, every capacity holds, every demand
// line is accounted for, the plan never costs more than doing nothing, and an action
// that loses money is never part of it.

#include "boostflow.h"
#include "itemplanfixtures.h"

#include "engine/planning/mincostflow.h"
#include "engine/planning/planextract.h"
#include "engine/planning/timenetwork.h"

#include "engine/planning/itemplan.h"

#include <QtTest/QtTest>

#include <cmath>
#include <numeric>

using namespace engine::planning;
using namespace itemplantest;

namespace {

Plan plan(const Input &in)
{
    auto p = optimiseItemPlan(in);
    if (!p) {
        qWarning("%s", p.error().message.c_str());
        return {};
    }
    return *p;
}

const Action *onlyAction(const Plan &p, ActionKind kind)
{
    const Action *found = nullptr;
    for (const Action &a : p.actions)
        if (a.kind == kind) {
            if (found)
                return nullptr;
            found = &a;
        }
    return found;
}

Units units(const Action &a, int demand)
{
    Units n = 0;
    for (const Allocation &s : a.serves)
        if (s.demand == demand)
            n += s.qty;
    return n;
}

} // namespace

class TestItemPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transferFromDcBeatsLatePo();
    void expediteMovesOnlyTheShortUnits();
    void latePurchaseServesTheLaterLines();
    void twoShortagesShareSpareStock();
    void actingThatLosesMoneyIsNotRecommended();
    void fixedCostDecidesOneShipment();
    void pastDueLinesCountOnlyLatenessToCome();
    void receivingAndStorageLimits();
    void badInputIsAnError();
    void randomInstancesKeepThePromises();
    void keptDaysKeepTheOptimum();
    void inertLocationsLeftOutKeepTheCosts();
    void shippingLimitBoundsALanesFixedCost();
    void flowSolverMatchesBoostColdAndWarm();
};

// A tier-1 line of 40 units is due at the store on day 2. The store has nothing; its
// PO of 100 lands on day 12, ten days late at 2.00 a unit-day: 800 of penalties.
// The DC holds 300 it has no orders for, one day away at 1.50 a unit: 60. The plan
// ships 40 on day 1 (a day later than it could: the store holds stock at twice the
// DC's rate) and the line ships on time.
void TestItemPlan::transferFromDcBeatsLatePo()
{
    Input in;
    in.horizonDays = 14;
    in.locations = {{.onHand = 300, .holdingCostPerUnitDay = 0.01},
        {.onHand = 0, .holdingCostPerUnitDay = 0.02}};
    in.receipts = {{.location = 1, .expectedDay = 12, .qty = 100, .expedites = {}}};
    in.lanes = {{.from = 0, .to = 1, .transitDays = 1, .costPerUnit = 1.5}};
    in.demands = {{.location = 1,
        .dueDay = 2,
        .qty = 40,
        .unservedCostPerUnit = 75,
        .lateCostPerUnitDay = 2}};
    const Plan p = plan(in);
    QCOMPARE(p.demands[0].onTime, Units(40));
    QCOMPARE(p.doNothing[0].late, Units(40));
    QCOMPARE(p.doNothing[0].lateBy.front().days, 10);
    QCOMPARE(p.doNothingCosts.lateness, 800.0);
    const Action *t = onlyAction(p, ActionKind::Transfer);
    QVERIFY(t);
    QCOMPARE(p.actions.size(), std::size_t(1));
    QCOMPARE(t->qty, Units(40));
    QCOMPARE(t->day, 1);
    QCOMPARE(t->arrivalDay, 2);
    QCOMPARE(t->cost, 60.0);
    QCOMPARE(units(*t, 0), Units(40));
    // Holding moves too: the 40 leave the DC after one night instead of fourteen, and
    // the PO's 40 that would have shipped on day 12 sit at the store instead.
    // 0.01 x 40 x 13 nights saved at the DC; 0.02 x 40 x 2 nights added at the store.
    QCOMPARE(p.costs.lateness, 0.0);
    QVERIFY(near(p.doNothingCost - p.cost, 800 - 60 + 0.01 * 40 * 13 - 0.02 * 40 * 2));
}

// The line wants 100 on day 3; 80 are on hand. The PO of 500 lands on day 10 and can
// be brought forward to day 3 at 0.50 a unit. Pulling all 500 in would cost 250;
// the plan pulls in the 20 that are short (10.00) and leaves the rest of the PO where
// it is, against 20 x 7 days x 1.00 = 140 of lateness.
void TestItemPlan::expediteMovesOnlyTheShortUnits()
{
    Input in;
    in.horizonDays = 14;
    in.locations = {{.onHand = 80}};
    in.receipts = {{.location = 0,
        .expectedDay = 10,
        .qty = 500,
        .expedites = {{.day = 3, .costPerUnit = 0.5}},
        .ref = 7}};
    in.demands = {{.location = 0,
        .dueDay = 3,
        .qty = 100,
        .unservedCostPerUnit = 50,
        .lateCostPerUnitDay = 1}};
    const Plan p = plan(in);
    const Action *x = onlyAction(p, ActionKind::Expedite);
    QVERIFY(x);
    QCOMPARE(p.actions.size(), std::size_t(1));
    QCOMPARE(x->qty, Units(20));
    QCOMPARE(x->arrivalDay, 3);
    QCOMPARE(x->day, 10);
    QCOMPARE(x->cost, 10.0);
    QCOMPARE(units(*x, 0), Units(20));
    QCOMPARE(p.demands[0].onTime, Units(100));
    QCOMPARE(p.cost, 10.0);
    QCOMPARE(p.doNothingCost, 140.0);
}

// Nothing is in stock. Line A (30, due day 1) has a customer who charges 10 a
// unit-day; lines B (20, day 8) and C (25, day 12) charge 0.50. A purchase arrives on
// day 5 at 4 a unit plus 20 an order, at least 50 units in tens. Serving A four days
// late would cost 40 + 4 a unit, more than the 30 a unit of not serving it, so A is
// left to customer service; B and C are served on time from the purchase. The model
// buys 45 (200.00); the order is rounded up to 50, and the 5 extra units wait.
void TestItemPlan::latePurchaseServesTheLaterLines()
{
    Input in;
    in.horizonDays = 14;
    in.locations = {{}};
    in.purchases = {{.location = 0,
        .arrivalDay = 5,
        .costPerUnit = 4,
        .fixedCost = 20,
        .minQty = 50,
        .multiple = 10}};
    in.demands = {{.location = 0,
                      .dueDay = 1,
                      .qty = 30,
                      .unservedCostPerUnit = 30,
                      .lateCostPerUnitDay = 10},
        {.location = 0,
            .dueDay = 8,
            .qty = 20,
            .unservedCostPerUnit = 30,
            .lateCostPerUnitDay = 0.5},
        {.location = 0,
            .dueDay = 12,
            .qty = 25,
            .unservedCostPerUnit = 30,
            .lateCostPerUnitDay = 0.5}};
    const Plan p = plan(in);
    QCOMPARE(p.demands[0].unserved, Units(30));
    QCOMPARE(p.demands[1].onTime, Units(20));
    QCOMPARE(p.demands[2].onTime, Units(25));
    const Action *b = onlyAction(p, ActionKind::Purchase);
    QVERIFY(b);
    QCOMPARE(b->orderedQty, Units(50));
    QCOMPARE(b->arrivalDay, 5);
    QCOMPARE(units(*b, 0), Units(0));
    QCOMPARE(units(*b, 1), Units(20));
    QCOMPARE(units(*b, 2), Units(25));
    QCOMPARE(b->keptInStock, Units(5));
    QCOMPARE(b->cost, 220.0);
    QCOMPARE(p.modelCost, 30 * 30 + 45 * 4 + 20.0);
    QCOMPARE(p.cost, 30 * 30 + 220.0);
    QCOMPARE(p.doNothingCost, 75 * 30.0);
}

// The DC has 283 units no one there has ordered. Store 1 is short 200 for a tier-1
// customer (80 a unit unserved, 3 a unit-day late), store 2 is short 200 for a tier-3
// one (20 and 0.25). Both lanes take two days at 1 a unit. Each store alone would
// take all 283's worth it can; together the tier-1 line gets its 200 and the tier-3
// line the other 83. No unit goes to both.
void TestItemPlan::twoShortagesShareSpareStock()
{
    Input in;
    in.horizonDays = 10;
    in.locations = {{.onHand = 283, .holdingCostPerUnitDay = 0.01}, {.holdingCostPerUnitDay = 0.02},
        {.holdingCostPerUnitDay = 0.02}};
    in.lanes = {{.from = 0, .to = 1, .transitDays = 2, .costPerUnit = 1},
        {.from = 0, .to = 2, .transitDays = 2, .costPerUnit = 1}};
    in.demands = {{.location = 1,
                      .dueDay = 3,
                      .qty = 200,
                      .unservedCostPerUnit = 80,
                      .lateCostPerUnitDay = 3},
        {.location = 2,
            .dueDay = 3,
            .qty = 200,
            .unservedCostPerUnit = 20,
            .lateCostPerUnitDay = 0.25}};
    const Plan p = plan(in);
    QCOMPARE(p.demands[0].onTime, Units(200));
    QCOMPARE(p.demands[1].onTime, Units(83));
    QCOMPARE(p.demands[1].unserved, Units(117));
    Units shipped = 0;
    for (const Action &a : p.actions) {
        QCOMPARE(a.kind, ActionKind::Transfer);
        QCOMPARE(a.day, 1);
        QCOMPARE(a.keptInStock, Units(0));
        shipped += a.qty;
        QCOMPARE(units(a, a.location - 1), a.qty);
    }
    QCOMPARE(shipped, Units(283));
    QCOMPARE(replay(in, p).problem, std::string());
}

// A store is short 10 units worth 5 each. A transfer costs 8 a unit: it would lose
// 30, so the plan is to do nothing. With a 1.00 lane but 100 per shipment it still
// loses 40. At 1.00 and 20 per shipment it saves 10 and is the plan.
void TestItemPlan::actingThatLosesMoneyIsNotRecommended()
{
    Input in;
    in.horizonDays = 7;
    in.locations = {{.onHand = 50}, {}};
    in.lanes = {{.from = 0, .to = 1, .transitDays = 1, .costPerUnit = 8}};
    in.demands = {
        {.location = 1, .dueDay = 2, .qty = 10, .unservedCostPerUnit = 5, .lateCostPerUnitDay = 0}};
    Plan p = plan(in);
    QVERIFY(p.actions.empty());
    QCOMPARE(p.cost, p.doNothingCost);
    QCOMPARE(p.demands[0].unserved, Units(10));

    in.lanes[0].costPerUnit = 1;
    in.lanes[0].fixedCostPerShipment = 100;
    p = plan(in);
    QVERIFY(p.actions.empty());
    QCOMPARE(p.cost, 50.0);

    in.lanes[0].fixedCostPerShipment = 20;
    p = plan(in);
    QCOMPARE(p.actions.size(), std::size_t(1));
    QCOMPARE(p.cost, 30.0);
    QCOMPARE(p.doNothingCost - p.cost, 20.0);
}

// Two lines at the store, 10 due day 2 and 10 due day 4, from a DC one day away at
// 0.10 a unit and 25 a shipment. Two shipments would each meet a line on its day for
// 52.00; one shipment of 20 on day 1 pays the fixed cost once (25 + 2.00) and holds
// 10 units two nights at 0.05 (1.00): 28.00.
void TestItemPlan::fixedCostDecidesOneShipment()
{
    Input in;
    in.horizonDays = 6;
    in.locations = {{.onHand = 40}, {.holdingCostPerUnitDay = 0.05}};
    in.lanes
        = {{.from = 0, .to = 1, .transitDays = 1, .costPerUnit = 0.1, .fixedCostPerShipment = 25}};
    in.demands = {
        {.location = 1, .dueDay = 2, .qty = 10, .unservedCostPerUnit = 50, .lateCostPerUnitDay = 3},
        {.location = 1,
            .dueDay = 4,
            .qty = 10,
            .unservedCostPerUnit = 50,
            .lateCostPerUnitDay = 3}};
    const Plan p = plan(in);
    QVERIFY(p.optimal);
    QCOMPARE(p.actions.size(), std::size_t(1));
    QCOMPARE(p.actions[0].qty, Units(20));
    QCOMPARE(p.actions[0].day, 1);
    QVERIFY(near(p.cost, 25 + 2 + 0.05 * 10 * 2));
    QCOMPARE(p.demands[0].onTime + p.demands[1].onTime, Units(20));
}

// A line due five days ago is due today in the plan: its lateness so far is history.
// Stock arrives on day 3, so the line is 3 days late from now, not 8.
void TestItemPlan::pastDueLinesCountOnlyLatenessToCome()
{
    Input in;
    in.horizonDays = 5;
    in.locations = {{}};
    in.inTransit = {{.location = 0, .arrivalDay = 3, .qty = 12}};
    in.demands = {{.location = 0,
        .dueDay = -5,
        .qty = 12,
        .unservedCostPerUnit = 40,
        .lateCostPerUnitDay = 1}};
    const Plan p = plan(in);
    QCOMPARE(p.demands[0].late, Units(12));
    QCOMPARE(p.demands[0].lateBy.size(), std::size_t(1));
    QCOMPARE(p.demands[0].lateBy[0].days, 3);
    QCOMPARE(p.cost, 36.0);
}

// The store receives at most 12 a day and 10 of day 2's are booked by a transfer in
// transit, so a transfer can bring only 2 more that day. Line 1 (15 on day 2) needs 5
// beyond the transfer in transit: 2 on day 2, 3 the day before. Line 2 (15 on day 3)
// gets 12 on day 3 and 3 the day before day 2 too. Six units spend the night after
// day 1 at the store, which holds 4 without cost: 2 x 1.00 of overflow, cheaper than
// 3 units a day late at 2.00. Cost: 20 x 0.20 + 2.00 = 6.00.
void TestItemPlan::receivingAndStorageLimits()
{
    Input in;
    in.horizonDays = 4;
    in.locations = {{.onHand = 100},
        {.receivingPerDay = 12,
            .storage = 4,
            .holdingCostPerUnitDay = 0,
            .overflowCostPerUnitDay = 1}};
    in.inTransit = {{.location = 1, .arrivalDay = 2, .qty = 10}};
    in.lanes = {{.from = 0, .to = 1, .transitDays = 1, .costPerUnit = 0.2}};
    in.demands = {
        {.location = 1, .dueDay = 2, .qty = 15, .unservedCostPerUnit = 50, .lateCostPerUnitDay = 2},
        {.location = 1,
            .dueDay = 3,
            .qty = 15,
            .unservedCostPerUnit = 50,
            .lateCostPerUnitDay = 2}};
    const Plan p = plan(in);
    QCOMPARE(replay(in, p).problem, std::string());
    QCOMPARE(p.demands[0].onTime, Units(15));
    QCOMPARE(p.demands[1].onTime, Units(15));
    Units byDay[5] = {};
    for (const Action &a : p.actions)
        byDay[a.arrivalDay] += a.qty;
    QCOMPARE(byDay[1], Units(6));
    QCOMPARE(byDay[2], Units(2));
    QCOMPARE(byDay[3], Units(12));
    QVERIFY(near(p.cost, 6.0));
    QVERIFY(near(p.costs.overflow, 2.0));
    QVERIFY(near(replay(in, p).cost, p.cost));
}

void TestItemPlan::badInputIsAnError()
{
    Input in;
    in.horizonDays = 5;
    in.locations = {{}};
    in.demands = {{.location = 3, .dueDay = 1, .qty = 1}};
    auto p = optimiseItemPlan(in);
    QVERIFY(!p);
    QVERIFY(p.error().message.find("demand 0") != std::string::npos);
    in.demands = {{.location = 0, .dueDay = 9, .qty = 1}};
    QVERIFY(!optimiseItemPlan(in));
    in.demands.clear();
    in.lanes = {{.from = 0, .to = 0}};
    QVERIFY(!optimiseItemPlan(in));
    in.lanes.clear();
    in.purchases = {{.location = 0, .multiple = 0}};
    QVERIFY(!optimiseItemPlan(in));
    in.purchases.clear();
    in.locations[0].onHand = 4'000'000'000'000;
    in.demands = {{.location = 0, .dueDay = 1, .qty = 1, .unservedCostPerUnit = 1e9}};
    QVERIFY(!optimiseItemPlan(in));
    QVERIFY(!toCplexLp(in));
}

void TestItemPlan::randomInstancesKeepThePromises()
{
    Rng rng(20260501);
    Shape shape;
    shape.maxHorizon = 14;
    int withActions = 0, rounded = 0;
    for (int i = 0; i < 300; ++i) {
        const Input in = randomInput(rng, shape);
        const auto p = optimiseItemPlan(in);
        QVERIFY2(p, p ? "" : p.error().message.c_str());
        const std::string where = "instance " + std::to_string(i);
        const char *w = where.c_str();
        QVERIFY2(p->optimal, w);
        const Replay r = replay(in, *p);
        QVERIFY2(r.problem.empty(), (where + ": " + r.problem).c_str());
        QVERIFY2(near(r.cost, p->cost),
            (where + ": replayed " + std::to_string(r.cost) + ", planned "
                + std::to_string(p->cost))
                .c_str());
        QVERIFY2(near(p->cost, p->costs.total()), w);
        // The overflow by location adds up to the overflow cost, with and without acting.
        QCOMPARE(p->overflowAt.size(), in.locations.size());
        QCOMPARE(p->doNothingOverflowAt.size(), in.locations.size());
        QVERIFY2(near(std::accumulate(p->overflowAt.begin(), p->overflowAt.end(), 0.0),
                     p->costs.overflow),
            w);
        QVERIFY2(
            near(std::accumulate(p->doNothingOverflowAt.begin(), p->doNothingOverflowAt.end(), 0.0),
                p->doNothingCosts.overflow),
            w);
        QVERIFY2(p->cost <= p->doNothingCost + 1e-9, w);
        QVERIFY2(p->modelCost <= p->cost + 1e-9, w);
        QVERIFY2(p->actions.empty() || p->cost < p->doNothingCost, w);
        // The baseline is a plan too: firm stock only, and it prices the same.
        Plan idle;
        idle.demands = p->doNothing;
        const Replay ri = replay(in, idle);
        QVERIFY2(ri.problem.empty(), (where + ": do nothing: " + ri.problem).c_str());
        QVERIFY2(near(ri.cost, p->doNothingCost), w);
        // No action credits a line with more than it gets. (A unit can be credited to
        // two actions: an expedited receipt that a transfer then carries on.)
        for (std::size_t k = 0; k < in.demands.size(); ++k)
            for (const Action &a : p->actions)
                QVERIFY2(
                    units(a, static_cast<int>(k)) <= p->demands[k].onTime + p->demands[k].late, w);
        withActions += p->actions.empty() ? 0 : 1;
        rounded += p->cost > p->modelCost + 1e-9 ? 1 : 0;
    }
    // The instances must exercise the plan, not only the baseline.
    QVERIFY(withActions > 100);
    QVERIFY(rounded > 5);
}

void TestItemPlan::keptDaysKeepTheOptimum()
{
    // When every lane ships today only, the network keeps only the days on which
    // something is due or arrives. The optimum must be the one of the full network:
    // a lane that can never carry anything but may ship on any day forces every day
    // back in, and both solves must cost the same, plan and doing nothing alike.
    Rng rng(9091);
    Shape shape;
    shape.minLocations = 2;
    shape.todayOnlyChance = 1.0;
    shape.maxHorizon = 14;
    int compressed = 0;
    for (int i = 0; i < 300; ++i) {
        Input in = randomInput(rng, shape);
        const auto fewer = optimiseItemPlan(in);
        QVERIFY(fewer);
        const Replay replayed = replay(in, *fewer);
        QVERIFY2(replayed.problem.empty(),
            qPrintable(
                QStringLiteral("instance %1: ").arg(i) + QString::fromStdString(replayed.problem)));
        if (detail::keptDays(in).size() < static_cast<std::size_t>(in.horizonDays) + 1)
            ++compressed;
        Lane dead;
        dead.from = 0;
        dead.to = 1;
        dead.capacityPerDay = 0;
        if (in.locations[0].maxShipped != kUnlimited)
            dead.lastShipDay = 0; // a limited origin ships today only: swap the ends
        in.lanes.push_back(dead);
        if (dead.lastShipDay == 0) {
            in.lanes.back().from = 1;
            in.lanes.back().to = 0;
            in.lanes.back().lastShipDay
                = in.locations[1].maxShipped != kUnlimited ? 0 : kUnlimitedDay;
        }
        if (in.lanes.back().lastShipDay == 0)
            continue; // both ends limited: no lane can force every day back
        QVERIFY(detail::keptDays(in).size() == static_cast<std::size_t>(in.horizonDays) + 1);
        const auto every = optimiseItemPlan(in);
        QVERIFY(every);
        const QString where = QStringLiteral("instance %1: ").arg(i);
        QVERIFY2(near(fewer->modelCost, every->modelCost),
            qPrintable(where + QString::number(fewer->modelCost, 'f', 6) + QStringLiteral(" vs ")
                + QString::number(every->modelCost, 'f', 6)));
        QVERIFY(near(fewer->doNothingCost, every->doNothingCost));
    }
    qInfo("%d of 300 instances planned on fewer days", compressed);
    QVERIFY(compressed > 200);
}

void TestItemPlan::inertLocationsLeftOutKeepTheCosts()
{
    // A location where nothing can happen for the item (no line, no arrival, no lane,
    // no purchase) only holds its stock to the horizon, overflowing where it holds
    // more than its storage. The planner leaves it out of the network and adds that
    // cost; a pure source (lanes leave it today, nothing else names it) keeps one node,
    // what it does not ship priced to the horizon. On random items with three locations
    // added (the first idle, the others idle or pure sources), the lean network must
    // cost exactly what the whole network costs, flow and fixed costs alike, with the
    // same holding, overflow and overflow per location; and a planner adding idle
    // locations to an item must see the same saving from acting.
    Rng rng(4417);
    Shape shape;
    shape.maxLocations = 4;
    int nodesLeftOut = 0, pureSources = 0;
    for (int i = 0; i < 300; ++i) {
        const Input bare = randomInput(rng, shape);
        Input in = bare;
        for (int extra = 0; extra < 3; ++extra) {
            PlanLocation p;
            p.onHand = rng.between(0, 60);
            p.storage = extra == 0 ? kUnlimited : rng.between(1, 40);
            p.holdingCostPerUnitDay = rng.money(0, 0.3);
            p.overflowCostPerUnitDay = rng.money(0.01, 2);
            p.maxShipped = rng.chance(0.5) ? rng.between(0, 20) : kUnlimited;
            in.locations.push_back(p);
            if (extra == 0 || rng.chance(0.3))
                continue; // idle: left out
            // A pure source: lanes leave it today only, nothing else names it.
            Lane ln;
            ln.from = static_cast<int>(in.locations.size()) - 1;
            ln.to = rng.between(0, static_cast<int>(bare.locations.size()) - 1);
            ln.transitDays = rng.between(1, 3);
            ln.costPerUnit = rng.money(0.05, 4);
            ln.capacityPerDay = rng.chance(0.3) ? rng.between(1, 30) : kUnlimited;
            ln.fixedCostPerShipment = rng.chance(0.3) ? rng.money(5, 80) : 0;
            ln.lastShipDay = 0;
            if (p.maxShipped != kUnlimited && rng.chance(0.5))
                ln.reservedForDestination = rng.between(1, 15);
            in.lanes.push_back(ln);
            ++pureSources;
        }
        const QString where = QStringLiteral("instance %1").arg(i);
        for (const bool actions : {false, true}) {
            const detail::TimeNetwork whole = detail::buildNetwork(in, {actions, {}, false});
            const detail::TimeNetwork lean = detail::buildNetwork(in, {actions, {}, true});
            QVERIFY2(lean.nodes.size() < whole.nodes.size(), qPrintable(where));
            nodesLeftOut += static_cast<int>(whole.nodes.size() - lean.nodes.size());
            const auto a = detail::cheapestWithFixedCosts(whole, 5000);
            const auto b = detail::cheapestWithFixedCosts(lean, 5000);
            QVERIFY2(a && b && a->proven && b->proven, qPrintable(where));
            QVERIFY2(a->cost == b->cost,
                qPrintable(where + QStringLiteral(": %1 vs %2").arg(a->cost).arg(b->cost)));
            const detail::PlanParts pa = detail::describePlan(in, whole, a->flow);
            const detail::PlanParts pb = detail::describePlan(in, lean, b->flow);
            QVERIFY2(near(pa.costs.total(), pb.costs.total()), qPrintable(where));
            QVERIFY2(near(pa.costs.holding, pb.costs.holding), qPrintable(where));
            QVERIFY2(near(pa.costs.overflow, pb.costs.overflow), qPrintable(where));
            QCOMPARE(pa.overflowAt.size(), pb.overflowAt.size());
            for (std::size_t l = 0; l < pa.overflowAt.size(); ++l)
                QVERIFY2(near(pa.overflowAt[l], pb.overflowAt[l]), qPrintable(where));
        }
        if (in.lanes.size() > bare.lanes.size())
            continue; // a source added may change the plan
        const auto without = optimiseItemPlan(bare);
        const auto with = optimiseItemPlan(in);
        QVERIFY2(without && with, qPrintable(where));
        QVERIFY2(near(without->doNothingCost - without->cost, with->doNothingCost - with->cost),
            qPrintable(where));
        QCOMPARE(with->actions.size(), without->actions.size());
    }
    QVERIFY(nodesLeftOut >= 300 * 2);
    QVERIFY(pureSources >= 200);
}

// A DC holds 500 units but may ship only 20 of them (the rest is for its own orders);
// a store 40 units short can take them over a lane with a 30.00 fixed cost per
// shipment. No shipment can carry more than the 20 the DC may send (plus the 5 it keeps
// back for that store, where it does), so the search prices the fixed cost over 20 (or
// 25) units, not over all 500 on hand: the relaxation sits closer to what shipping
// really costs, and the plan is the same.
void TestItemPlan::shippingLimitBoundsALanesFixedCost()
{
    Input in;
    in.horizonDays = 5;
    in.locations = {{.onHand = 500, .maxShipped = 20}, {.onHand = 0}};
    in.lanes = {{.from = 0,
        .to = 1,
        .transitDays = 1,
        .costPerUnit = 0.5,
        .fixedCostPerShipment = 30,
        .lastShipDay = 0}};
    in.demands = {{.location = 1, .dueDay = 3, .qty = 40, .unservedCostPerUnit = 20}};
    detail::TimeNetwork net = detail::buildNetwork(in, {true, {}});
    QCOMPARE(net.switches.size(), std::size_t(1));
    QCOMPARE(net.switches[0].bound, Units(20));
    const auto plan = optimiseItemPlan(in);
    QVERIFY(plan);
    QVERIFY(plan->optimal);
    QCOMPARE(plan->actions.size(), std::size_t(1));
    QCOMPARE(plan->actions[0].qty, Units(20));
    // 20 units ship for 30 + 20 x 0.5 = 40.00 (and a millionth a unit); the other 20 go
    // unserved at 20.00: 400.00.
    QVERIFY(near(plan->cost, 440.0 + 20e-6));

    in.lanes[0].reservedForDestination = 5;
    net = detail::buildNetwork(in, {true, {}});
    QCOMPARE(net.switches.size(), std::size_t(1));
    QCOMPARE(net.switches[0].bound, Units(25));
    const auto reserved = optimiseItemPlan(in);
    QVERIFY(reserved);
    QCOMPARE(reserved->actions.size(), std::size_t(1));
    QCOMPARE(reserved->actions[0].qty, Units(25));
}

QTEST_GUILESS_MAIN(TestItemPlan)
// The item plan's flow solver against Boost.Graph's successive shortest paths on the
// networks of random items, solved from nothing and then from the previous solution
// after the changes the search over fixed costs makes (an arc closed, an arc's price
// lowered), and after arbitrary changes of capacity and cost: the same cost every
// time, a flow that meets every supply within every capacity, and potentials that
// prove it optimal. Infeasible changes (an arc closed that every flow needs) must be
// found infeasible by both.
void TestItemPlan::flowSolverMatchesBoostColdAndWarm()
{
    Rng rng(424242);
    Shape shape;
    shape.maxLocations = 5;
    int solves = 0, warm = 0, infeasible = 0;
    for (int i = 0; i < 250; ++i) {
        const Input in = randomInput(rng, shape);
        const detail::TimeNetwork net = detail::buildNetwork(in, {true, {}});
        const std::size_t m = net.arcs.size();
        std::vector<Units> cap(m);
        std::vector<double> cost(m);
        for (std::size_t a = 0; a < m; ++a) {
            cap[a] = net.arcs[a].cap;
            cost[a] = net.arcs[a].cost;
        }
        detail::MinCostFlow solver(net);
        std::optional<detail::FlowSolution> last;
        for (int round = 0; round < 8; ++round) {
            if (round > 0) {
                // Change a few arcs: close one, lower or raise a price, narrow or widen.
                for (int k = rng.between(1, 3); k > 0; --k) {
                    const auto a
                        = static_cast<std::size_t>(rng.between(0, static_cast<int>(m) - 1));
                    switch (rng.between(0, 3)) {
                    case 0:
                        cap[a] = 0;
                        break;
                    case 1:
                        cost[a] = std::floor(cost[a] / 2);
                        break;
                    case 2:
                        cost[a] += rng.between(0, 5'000'000);
                        break;
                    default:
                        cap[a] = net.arcs[a].cap == kUnlimited
                            ? kUnlimited
                            : rng.between(0, 2 * static_cast<int>(net.arcs[a].cap) + 1);
                        break;
                    }
                }
            }
            const auto ref = boostflow::solve(net, cap, cost);
            const auto mine = solver.solve(cap, cost, last ? &*last : nullptr);
            const QString where = QStringLiteral("instance %1 round %2").arg(i).arg(round);
            QVERIFY2(mine.has_value() == ref.has_value(), qPrintable(where));
            ++solves;
            if (!mine) {
                ++infeasible;
                continue;
            }
            warm += last ? 1 : 0;
            QVERIFY2(mine->cost == ref->cost,
                qPrintable(where
                    + QStringLiteral(": %1 vs %2")
                          .arg(mine->cost, 0, 'f', 0)
                          .arg(ref->cost, 0, 'f', 0)));
            std::vector<Units> balance(net.nodes.size(), 0);
            for (std::size_t a = 0; a < m; ++a) {
                const Units f = mine->flow[a];
                const Units c = cap[a] == kUnlimited ? net.totalSupply : cap[a];
                QVERIFY2(f >= 0 && f <= c, qPrintable(where));
                balance[static_cast<std::size_t>(net.arcs[a].from)] += f;
                balance[static_cast<std::size_t>(net.arcs[a].to)] -= f;
                const double reduced = cost[a]
                    + mine->potential[static_cast<std::size_t>(net.arcs[a].from)]
                    - mine->potential[static_cast<std::size_t>(net.arcs[a].to)];
                QVERIFY2(!(reduced < 0 && f < c), qPrintable(where));
                QVERIFY2(!(reduced > 0 && f > 0), qPrintable(where));
            }
            QVERIFY2(balance == net.supply, qPrintable(where));
            last = mine;
        }
    }
    qInfo("%d solves, %d from an earlier solution, %d infeasible", solves, warm, infeasible);
    QVERIFY(warm > 1000);
    QVERIFY(infeasible > 10);
}

#include "test_itemplan.moc"
