// The network plan (engine/simulation) on instances built in code: its optimum against
// glpsol on the same linear program for hundreds of random multi-item networks
// (shared capacities binding and not, routes of one and two hops, late arrivals);
// with no shared capacity, the sum of the items' own plans; a lane two items compete
// for, worked by hand; and the priced solution (Dantzig-Wolfe with CLP as master)
// against the plain LP and glpsol, to the cent, with the min-cost flow that prices;
// and the search over joined items' fixed costs, worked by hand and on random networks.

#include "glpsolrun.h"
#include "itemplanfixtures.h"
#include "randomnetwork.h"

#include "boostflow.h"
#include "engine/simulation/networkmodel.h"
#include "engine/simulation/pricingflow.h"
#include "engine/simulation/results.h"

#include <QtTest/QtTest>

#include <map>
#include <utility>

#include <QStandardPaths>
#include <QTemporaryDir>

using namespace engine::planning;
using namespace itemplantest;
using namespace networktest;
namespace sim = engine::simulation;

namespace {

QString figures(double a, double b)
{
    return QString::number(a, 'f', 6) + QStringLiteral(" vs ") + QString::number(b, 'f', 6);
}

/// Every shared lane-day carries at most its capacity, and the program's objective is
/// the sum of cost x flow over the instance's arcs.
bool consistent(const sim::NetworkPlan &plan, QString &why)
{
    for (const sim::CapacityRow &row : plan.instance.capacityRows)
        if (row.used > row.capacity + 1e-6) {
            why = QStringLiteral("lane %1 day %2 carries %3 > %4")
                      .arg(row.lane)
                      .arg(row.day)
                      .arg(row.used)
                      .arg(row.capacity);
            return false;
        }
    double sum = plan.instance.constant;
    for (const sim::InstanceArc &a : plan.instance.arcs) {
        if (a.flow < 0 || (a.capacity >= 0 && a.flow > a.capacity + 1e-6)) {
            why = QString::fromStdString(a.name) + QStringLiteral(" outside its bounds");
            return false;
        }
        sum += a.costPerUnit * a.flow;
    }
    if (!near(sum, plan.lpObjective)) {
        why = QStringLiteral("objective ") + figures(plan.lpObjective, sum);
        return false;
    }
    // Flow balance at every node.
    std::vector<double> net(plan.instance.nodes.size(), 0.0);
    for (const sim::InstanceArc &a : plan.instance.arcs) {
        net[static_cast<std::size_t>(a.from)] += a.flow;
        net[static_cast<std::size_t>(a.to)] -= a.flow;
    }
    for (std::size_t v = 0; v < net.size(); ++v)
        if (std::abs(net[v] - plan.instance.nodes[v].supply) > 1e-6) {
            why = QString::fromStdString(plan.instance.nodes[v].name)
                + QStringLiteral(" out of balance");
            return false;
        }
    return true;
}

/// Every shared lane-day carries at most its capacity in the plan's own shipments (the
/// plan, fixed costs paid whole, not the program's flows the instance holds).
bool shipmentsFit(const sim::NetworkModel &m, const sim::NetworkPlan &plan, QString &why)
{
    std::map<std::pair<engine::Index, int>, double> used;
    for (const sim::Shipment &s : plan.shipments)
        for (const sim::Hop &h :
            m.items[static_cast<std::size_t>(s.item)].routes[static_cast<std::size_t>(s.lane)])
            used[{h.lane, s.shipDay + h.offsetDays}] += s.qty;
    for (const auto &[where, units] : used) {
        const Units cap = m.lanes[static_cast<std::size_t>(where.first)].capacityPerDay;
        if (cap != kUnlimited && units > static_cast<double>(cap) + 1e-9) {
            why = QStringLiteral("lane %1 day %2 ships %3 > %4")
                      .arg(where.first)
                      .arg(where.second)
                      .arg(units)
                      .arg(cap);
            return false;
        }
    }
    return true;
}

} // namespace

class TestNetworkPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sharedLaneGoesToTheDearerNeed();
    void twoHopRouteUsesBothLanes();
    void linesCoveredCountsLatenessAvoided();
    void optimumMatchesGlpsol();
    void unlimitedCapacityIsTheSumOfItemPlans();
    void pricedFlowMatchesItemPlanFlow();
    void pricingMixesTwoPlansOfAnItem();
    void pricingMatchesPlainLpAndGlpsol();
    void joinedItemBuysWhatItsLaneFixedCostHid();
    void joinedFixedCostSearchNeverCostsMore();
    void badModelIsAnError();

private:
    QString m_glpsol;
    QTemporaryDir m_dir;
};

void TestNetworkPlan::initTestCase()
{
    m_glpsol = QStandardPaths::findExecutable(QStringLiteral("glpsol"));
    QVERIFY2(!m_glpsol.isEmpty(),
        "glpsol is not on PATH: install the Debian package glpk-utils "
        "(bash packaging/bootstrap.sh build does)");
    QVERIFY(m_dir.isValid());
}

// Two items share lane A -> B (1 day, 50 units a day, ships day 0 only). Each has 50
// units at A and an order of 50 at B due on day 1; moving a unit costs 1.00.
//   item X: a unit not served costs 10.00, so shipping it saves 10 - 1 = 9.00;
//   item Y: a unit not served costs  4.00, so shipping it saves  4 - 1 = 3.00.
// Alone, each ships its 50: cost 50 x 1 = 50 each, 100 together.
// Sharing the lane's 50 units, every unit of capacity given to X saves 9 and to Y
// only 3, so X gets all 50: cost 50 x 1 (X's transfer) + 50 x 4 (Y unserved) = 250.
void TestNetworkPlan::sharedLaneGoesToTheDearerNeed()
{
    sim::NetworkModel m;
    m.horizonDays = 3;
    m.lanes = {{0, 1, 50}};
    m.outside.assign(2, {});
    for (const double value : {10.0, 4.0}) {
        sim::ItemModel item;
        item.input.horizonDays = 3;
        item.input.locations = {{.onHand = 50}, {}};
        item.input.lanes = {{.from = 0,
            .to = 1,
            .transitDays = 1,
            .costPerUnit = 1,
            .capacityPerDay = kUnlimited,
            .lastShipDay = 0}};
        item.input.demands
            = {{.location = 1, .dueDay = 1, .qty = 50, .unservedCostPerUnit = value}};
        item.location = {0, 1};
        item.routes = {{{0, 0}}};
        item.salesOrder = {0};
        item.tier = {1};
        m.items.push_back(item);
    }
    const auto shared = sim::solveNetwork(m);
    QVERIFY(shared);
    QVERIFY(shared->optimal);
    QCOMPARE(shared->objective, 250.0);
    QCOMPARE(shared->shipments.size(), std::size_t(1));
    QCOMPARE(shared->shipments[0].item, 0);
    QCOMPARE(shared->shipments[0].qty, 50.0);
    QCOMPARE(shared->items[1].demands[0].unserved, 50.0);
    QCOMPARE(shared->capacityRows, 1);
    QCOMPARE(shared->instance.capacityRows[0].used, 50.0);

    sim::NetworkOptions alone;
    alone.sharedCapacity = false;
    const auto separate = sim::solveNetwork(m, alone);
    QVERIFY(separate);
    QCOMPARE(separate->objective, 100.0);
    double sum = 0;
    for (const sim::ItemModel &item : m.items)
        sum += optimiseItemPlan(item.input)->modelCost;
    QCOMPARE(sum, 100.0);

    const sim::SimulationResult r = sim::summarise(m, *shared);
    QCOMPARE(r.unitsMoved, 50.0);
    QCOMPARE(r.lanes[0].peakPerDay, 50.0);
    QCOMPARE(r.lanes[0].daysFull, 1);
    QCOMPARE(r.fillRateAll, 0.5);
    QCOMPARE(r.valueCovered, 500.0); // X's 50 units on time at 10.00
    QCOMPARE(r.exposureLeft, 200.0); // Y's 50 units unserved at 4.00
}

// What a plan does for one location's order lines, worked by hand. A has 30 units, B
// none; A -> B takes 3 days at 1.00 a unit. B's lines cost 2.00 a unit per day late,
// and a unit not served its every day late to the horizon (day 10) end:
//   line 1: 20 units due day 1, unserved 2 x 9 = 18.00 a unit;
//   line 2: 10 units due day 5, unserved 2 x 5 = 10.00 a unit.
// The plan ships all 30 on day 0, arriving on day 3: line 2 on time (value covered
// 10 x 10 = 100), line 1 two days late (20 x 18 = 360 less 20 x 2 x 2 = 80 of lateness:
// 280 of lateness avoided, though nothing of it is on time). Plan cost 30 + 80 = 110;
// without the lane the lines cost 360 + 100 = 460: the plan saves 460 - 110 = 350,
// which is the benefit 100 + 280 less the transfer's 30.
void TestNetworkPlan::linesCoveredCountsLatenessAvoided()
{
    const auto model = [](bool lane) {
        sim::NetworkModel m;
        m.horizonDays = 10;
        m.lanes = {{0, 1, kUnlimited}};
        m.outside.assign(2, {});
        sim::ItemModel item;
        item.input.horizonDays = 10;
        item.input.locations = {{.onHand = 30}, {}};
        if (lane) {
            item.input.lanes = {{.from = 0, .to = 1, .transitDays = 3, .costPerUnit = 1}};
            item.routes = {{{0, 0}}};
        }
        item.input.demands = {{.location = 1,
                                  .dueDay = 1,
                                  .qty = 20,
                                  .unservedCostPerUnit = 18,
                                  .lateCostPerUnitDay = 2},
            {.location = 1,
                .dueDay = 5,
                .qty = 10,
                .unservedCostPerUnit = 10,
                .lateCostPerUnitDay = 2}};
        item.location = {0, 1};
        item.salesOrder = {0, 1};
        item.tier = {2, 1};
        m.items.push_back(item);
        return m;
    };
    const sim::NetworkModel m = model(true);
    const auto plan = sim::solveNetwork(m);
    QVERIFY(plan && plan->optimal);
    QCOMPARE(plan->objective, 110.0);
    QCOMPARE(plan->items[0].demands[0].late, 20.0);
    QCOMPARE(plan->items[0].demands[1].onTime, 10.0);
    double moved = 0, transferCost = 0;
    for (const sim::Shipment &s : plan->shipments) {
        moved += s.qty;
        transferCost += s.cost;
    }
    QCOMPARE(moved, 30.0);
    QCOMPARE(transferCost, 30.0);

    const sim::LinesCovered atB = sim::linesCovered(m, *plan, 0, 1);
    QCOMPARE(atB.valueCovered, 100.0);
    QCOMPARE(atB.latenessAvoided, 280.0);
    QCOMPARE(atB.benefit(), 380.0);
    QCOMPARE(atB.worstTier, 1);
    // A has no lines: nothing covered there.
    QCOMPARE(sim::linesCovered(m, *plan, 0, 0).benefit(), 0.0);

    // The benefit less the transfers' cost is what the plan saves over no lane at all.
    const auto nothing = sim::solveNetwork(model(false));
    QVERIFY(nothing && nothing->optimal);
    QCOMPARE(nothing->objective, 460.0);
    QCOMPARE(nothing->objective - plan->objective, atB.benefit() - transferCost);
}

// A route over two lanes uses each on its own day: A -> B leaves on day 0 (2 days),
// B -> C on day 2. B -> C holds 10 units a day, so only 10 of the 30 needed get to C
// and the rest stay unserved.
void TestNetworkPlan::twoHopRouteUsesBothLanes()
{
    sim::NetworkModel m;
    m.horizonDays = 5;
    m.lanes = {{0, 1, kUnlimited}, {1, 2, 10}};
    m.outside.assign(3, {});
    sim::ItemModel item;
    item.input.horizonDays = 5;
    item.input.locations = {{.onHand = 30}, {}, {}};
    item.input.lanes = {{.from = 0, .to = 2, .transitDays = 3, .costPerUnit = 1, .lastShipDay = 0}};
    item.input.demands = {{.location = 2, .dueDay = 3, .qty = 30, .unservedCostPerUnit = 20}};
    item.location = {0, 1, 2};
    item.routes = {{{0, 0}, {1, 2}}};
    m.items.push_back(item);
    const auto plan = sim::solveNetwork(m);
    QVERIFY(plan);
    QCOMPARE(plan->shipments.size(), std::size_t(1));
    QCOMPARE(plan->shipments[0].qty, 10.0);
    QCOMPARE(plan->shipments[0].arrivalDay, 3);
    QCOMPARE(plan->instance.capacityRows.size(), std::size_t(1));
    QCOMPARE(plan->instance.capacityRows[0].day, 2);
    QCOMPARE(plan->objective, 10 * 1.0 + 20 * 20.0);
    const sim::SimulationResult r = sim::summarise(m, *plan);
    QCOMPARE(r.lanes[0].units, 10.0);
    QCOMPARE(r.lanes[0].peakDay, 0);
    QCOMPARE(r.lanes[1].peakDay, 2);
    QCOMPARE(r.lanes[1].daysFull, 1);
}

void TestNetworkPlan::optimumMatchesGlpsol()
{
    Rng rng(90210);
    int binding = 0, multiHop = 0, late = 0, shipped = 0;
    const int instances = 240;
    for (int i = 0; i < instances; ++i) {
        const sim::NetworkModel m = randomNetwork(rng, i % 2 == 0);
        const QString where = QStringLiteral("instance %1: ").arg(i);
        const auto plan = sim::solveNetwork(m);
        if (!plan)
            QFAIL(qPrintable(where + QString::fromStdString(plan.error().message)));
        QVERIFY(plan->optimal);
        const auto lp = sim::toCplexLp(m);
        QVERIFY(lp);
        const glpsoltest::GlpkResult g = glpsoltest::runGlpsol(m_glpsol, m_dir.path(), *lp);
        QVERIFY2(g.optimal, qPrintable(where + g.log));
        QVERIFY(!g.mip);
        QVERIFY2(near(plan->lpObjective, g.objective + plan->instance.constant),
            qPrintable(
                where + figures(plan->lpObjective, g.objective) + QStringLiteral(" (glpsol)")));
        QString why;
        QVERIFY2(consistent(*plan, why), qPrintable(where + why));

        for (const sim::CapacityRow &row : plan->instance.capacityRows)
            if (row.used >= row.capacity - 1e-6 && row.used > 0)
                ++binding;
        for (const sim::Shipment &s : plan->shipments) {
            ++shipped;
            if (m.items[static_cast<std::size_t>(s.item)]
                    .routes[static_cast<std::size_t>(s.lane)]
                    .size()
                > 1)
                ++multiHop;
        }
        for (const sim::ItemResult &r : plan->items)
            for (const sim::DemandResult &d : r.demands)
                late += d.late > 0 ? 1 : 0;
    }
    qInfo("%d instances: %d shipments, %d over two lanes, %d full lane-days, %d lines served late",
        instances, shipped, multiHop, binding, late);
    QVERIFY(binding > 50);
    QVERIFY(multiHop > 20);
    QVERIFY(late > 20);
}

// With no capacity shared the network plan falls apart into its items: its program's
// optimum is the sum of each item's own relaxation (solved by the item plan's own
// min-cost flow, not by CLP), and the plan, with fixed costs paid whole, is the sum of
// the item plans' optima (before purchases are rounded), fixed costs or not.
void TestNetworkPlan::unlimitedCapacityIsTheSumOfItemPlans()
{
    Rng rng(4242);
    int withFixed = 0, exact = 0;
    for (int i = 0; i < 150; ++i) {
        sim::NetworkModel m = randomNetwork(rng, true);
        const QString where = QStringLiteral("instance %1: ").arg(i);
        const auto shared = sim::solveNetwork(m);
        QVERIFY(shared);
        for (sim::SharedLane &l : m.lanes)
            l.capacityPerDay = kUnlimited;
        const auto unlimited = sim::solveNetwork(m);
        QVERIFY(unlimited);
        QCOMPARE(unlimited->capacityRows, 0);
        QVERIFY2(shared->objective >= unlimited->objective - 1e-6,
            qPrintable(where + figures(shared->objective, unlimited->objective)));

        double relaxed = 0, items = 0;
        bool fixed = false;
        for (const sim::ItemModel &item : m.items) {
            const auto r = relaxedModelCost(item.input);
            QVERIFY(r);
            relaxed += *r;
            const auto p = optimiseItemPlan(item.input);
            QVERIFY(p);
            items += p->modelCost;
            for (const PurchaseOption &o : item.input.purchases)
                fixed = fixed || o.fixedCost > 0;
            for (const Lane &ln : item.input.lanes)
                fixed = fixed || ln.fixedCostPerShipment > 0;
        }
        QVERIFY2(near(unlimited->lpObjective, relaxed),
            qPrintable(where + figures(unlimited->lpObjective, relaxed)));
        QVERIFY(unlimited->fixedCostsProven);
        QVERIFY2(near(unlimited->objective, items),
            qPrintable(where + figures(unlimited->objective, items)));
        // The relaxation never costs more than the plan with whole shipments and orders.
        QVERIFY2(relaxed <= items + 1e-6, qPrintable(where + figures(relaxed, items)));
        if (fixed) {
            ++withFixed;
            QVERIFY(unlimited->itemsFixedExact > 0);
        } else {
            ++exact;
            QVERIFY2(near(unlimited->lpObjective, items),
                qPrintable(where + figures(unlimited->lpObjective, items)));
        }
    }
    qInfo("%d networks with fixed costs, %d without", withFixed, exact);
    QVERIFY(withFixed > 30);
    QVERIFY(exact > 30);
}

// The min-cost flow that prices items (engine/simulation/pricingflow.h) against the
// tests' reference (Boost.Graph's successive shortest paths, boostflow.h) on the items
// of random networks, with prices on a 1/1024 grid added to the lane arcs: the same cost, a flow
// that meets every supply, and potentials that prove it optimal.
void TestNetworkPlan::pricedFlowMatchesItemPlanFlow()
{
    Rng rng(1357);
    int checked = 0;
    for (int i = 0; i < 120; ++i) {
        const sim::NetworkModel m = randomNetwork(rng, true);
        for (const sim::ItemModel &item : m.items) {
            auto net = detail::buildNetwork(item.input, {true, {}});
            detail::relaxFixedCosts(net);
            std::vector<Units> cap(net.arcs.size());
            std::vector<double> cost(net.arcs.size());
            for (std::size_t a = 0; a < net.arcs.size(); ++a) {
                cap[a] = net.arcs[a].cap;
                cost[a] = net.arcs[a].cost;
                if (net.arcs[a].kind == detail::ArcKind::Lane && rng.chance(0.5))
                    cost[a] += rng.between(0, 40 << 20) / 1024.0;
            }
            const auto mine = sim::detail::cheapestFlow(net, cap, cost);
            const auto ref = boostflow::solve(net, cap, cost);
            QCOMPARE(mine.has_value(), ref.has_value());
            if (!mine)
                continue;
            ++checked;
            QVERIFY2(std::abs(mine->cost - ref->cost) < 1e-6,
                qPrintable(figures(mine->cost, ref->cost)));
            std::vector<Units> balance(net.nodes.size(), 0);
            for (std::size_t a = 0; a < net.arcs.size(); ++a) {
                const detail::Arc &arc = net.arcs[a];
                const Units f = mine->flow[a];
                QVERIFY(f >= 0 && (arc.cap == kUnlimited || f <= arc.cap));
                balance[static_cast<std::size_t>(arc.from)] += f;
                balance[static_cast<std::size_t>(arc.to)] -= f;
                const double reduced = cost[a] + mine->potential[static_cast<std::size_t>(arc.from)]
                    - mine->potential[static_cast<std::size_t>(arc.to)];
                QVERIFY(!(reduced < 0 && (arc.cap == kUnlimited || f < arc.cap)));
                QVERIFY(!(reduced > 0 && f > 0));
            }
            QVERIFY(balance == net.supply);
        }
    }
    QVERIFY(checked > 200);
}

// Lane L1 (A -> B, 40 units on day 0) is shared; lane L2 (A -> B) has no limit.
//   item X: 50 units at A, 50 ordered at B (10.00 a unit unserved); L1 costs 1.00 a
//           unit, L2 3.00;
//   item Y: 30 units at A, 30 ordered at B (20.00 unserved); only L1, at 1.00.
// Alone, both ship over L1 (80 > 40). Y gains 19.00 a unit from L1, X only 2.00, so Y
// takes 30 and X the 10 left, sending its other 40 over L2: 30 + 10 + 40 x 3 = 160.
// X's plan is neither of the master's first two for it (all over L1, or none): it is
// a mix of them, 1/5 and 4/5.
void TestNetworkPlan::pricingMixesTwoPlansOfAnItem()
{
    sim::NetworkModel m;
    m.horizonDays = 3;
    m.lanes = {{0, 1, 40}, {0, 1, kUnlimited}};
    m.outside.assign(2, {});
    auto item = [&](Units stock, double unserved, bool both) {
        sim::ItemModel it;
        it.input.horizonDays = 3;
        it.input.locations = {{.onHand = stock}, {}};
        it.input.lanes
            = {{.from = 0, .to = 1, .transitDays = 1, .costPerUnit = 1, .lastShipDay = 0}};
        it.routes = {{{0, 0}}};
        if (both) {
            it.input.lanes.push_back(
                {.from = 0, .to = 1, .transitDays = 1, .costPerUnit = 3, .lastShipDay = 0});
            it.routes.push_back({{1, 0}});
        }
        it.input.demands
            = {{.location = 1, .dueDay = 1, .qty = stock, .unservedCostPerUnit = unserved}};
        it.location = {0, 1};
        return it;
    };
    m.items = {item(50, 10, true), item(30, 20, false)};
    const auto plan = sim::solveNetwork(m);
    QVERIFY(plan);
    QVERIFY(plan->optimal);
    QCOMPARE(plan->objective, 160.0);
    QCOMPARE(plan->itemsJoined, 2);
    QCOMPARE(plan->itemsInLp, 2);
    QVERIFY(!plan->fellBack);
    QVERIFY(std::abs(plan->dualBound - 160.0) < 1e-6);
    double overL1 = 0, overL2 = 0;
    for (const sim::Shipment &sh : plan->shipments)
        if (sh.item == 0)
            (sh.lane == 0 ? overL1 : overL2) += sh.qty;
    QCOMPARE(overL1, 10.0);
    QCOMPARE(overL2, 40.0);
    sim::NetworkOptions plainLp;
    plainLp.decompose = false;
    const auto plain = sim::solveNetwork(m, plainLp);
    QVERIFY(plain);
    QCOMPARE(plain->objective, 160.0);
}

// The priced solution against the plain LP (every joined item in one CLP program) and
// glpsol, to the cent, on models of two or three independent regions: groups of items
// no capacity row joins, items whose own plan uses a full lane and must change, and
// rounds of pricing that add flows neither first plan of the item had.
void TestNetworkPlan::pricingMatchesPlainLpAndGlpsol()
{
    Rng rng(6060);
    int groups = 0, rounds = 0, kept = 0;
    const int instances = 120;
    sim::NetworkOptions plainLp;
    plainLp.decompose = false;
    for (int i = 0; i < instances; ++i) {
        const sim::NetworkModel m = regions(rng, rng.between(2, 3));
        const QString where = QStringLiteral("instance %1: ").arg(i);
        const auto priced = sim::solveNetwork(m);
        if (!priced)
            QFAIL(qPrintable(where + QString::fromStdString(priced.error().message)));
        const auto plain = sim::solveNetwork(m, plainLp);
        QVERIFY(plain);
        QVERIFY(priced->optimal && plain->optimal);
        QVERIFY2(!priced->fellBack, qPrintable(where));
        QVERIFY2(std::abs(priced->lpObjective - plain->lpObjective) < 0.005,
            qPrintable(where + figures(priced->lpObjective, plain->lpObjective)));
        QVERIFY2(std::abs(priced->lpObjective - priced->dualBound) < 0.005,
            qPrintable(where + figures(priced->lpObjective, priced->dualBound)));
        const auto lp = sim::toCplexLp(m);
        QVERIFY(lp);
        const glpsoltest::GlpkResult g = glpsoltest::runGlpsol(m_glpsol, m_dir.path(), *lp);
        QVERIFY2(g.optimal, qPrintable(where + g.log));
        QVERIFY2(std::abs(priced->lpObjective - (g.objective + priced->instance.constant)) < 0.005,
            qPrintable(
                where + figures(priced->lpObjective, g.objective) + QStringLiteral(" (glpsol)")));
        QString why;
        QVERIFY2(consistent(*priced, why), qPrintable(where + why));
        groups += plain->components >= 2 ? 1 : 0;
        rounds += priced->rounds >= 2 ? 1 : 0;
        kept += priced->itemsJoined > priced->itemsInLp ? 1 : 0;
    }
    qInfo("%d instances: %d with independent groups, %d priced over several rounds, %d with "
          "joined items that kept their own plan unpriced",
        instances, groups, rounds, kept);
    QVERIFY(groups > 40);
    QVERIFY(rounds > 20);
}

// Two items share lane A -> B (1 day, ships day 0 only, 12 units a day). Each unit
// over it costs 1.00; B's orders are due on day 1.
//   item X: 10 units at A, 10 ordered (20.00 a unit unserved);
//   item Y: 40 units at A, 40 ordered (10.00 unserved), a shipment fixed cost of 90.00
//           and a purchase at B arriving day 1 at 5.00 a unit.
// The program spreads Y's 90.00 over the 40 units A holds: 90 / 40 = 2.25 a unit, so
// the lane looks like 3.25 to Y against 5.00 to buy. X gains 19.00 a unit from the
// lane, Y 1.75, so X takes 10 and Y the 2 left, buying 38 (program: 10 + 2 x 3.25 +
// 38 x 5 = 206.50). Paid whole, Y's 2 units cost 2 + 90, and that plan 10 + 92 + 190
// = 292.00. Searched within the 2 units X leaves, Y ships 2 (282 for Y) or buys all 40
// (200): the plan is 10 + 200 = 210.00, X's 10 units the only ones on the lane.
void TestNetworkPlan::joinedItemBuysWhatItsLaneFixedCostHid()
{
    sim::NetworkModel m;
    m.horizonDays = 3;
    m.lanes = {{0, 1, 12}};
    m.outside.assign(2, {});
    const auto item = [](Units stock, double unserved, double fixed) {
        sim::ItemModel it;
        it.input.horizonDays = 3;
        it.input.locations = {{.onHand = stock}, {}};
        it.input.lanes = {{.from = 0,
            .to = 1,
            .transitDays = 1,
            .costPerUnit = 1,
            .fixedCostPerShipment = fixed,
            .lastShipDay = 0}};
        it.input.demands
            = {{.location = 1, .dueDay = 1, .qty = stock, .unservedCostPerUnit = unserved}};
        it.location = {0, 1};
        it.routes = {{{0, 0}}};
        return it;
    };
    m.items = {item(10, 20, 0), item(40, 10, 90)};
    m.items[1].input.purchases = {{.location = 1, .arrivalDay = 1, .costPerUnit = 5}};

    sim::NetworkOptions unsearched;
    unsearched.searchJoinedFixedCosts = false;
    const auto before = sim::solveNetwork(m, unsearched);
    QVERIFY(before);
    QCOMPARE(before->itemsJoined, 2);
    QCOMPARE(before->lpObjective, 206.5);
    QCOMPARE(before->objective, 292.0);
    QCOMPARE(before->items[1].purchased, 38.0);
    QCOMPARE(before->itemsFixedSearched, 0);
    QVERIFY(!before->fixedCostsProven); // Y is joined and has a fixed cost

    const auto plan = sim::solveNetwork(m);
    QVERIFY(plan);
    QCOMPARE(plan->lpObjective, 206.5); // the program is the same
    QCOMPARE(plan->objective, 210.0);
    QCOMPARE(plan->itemsFixedSearched, 1);
    QCOMPARE(plan->itemsFixedImproved, 1);
    QVERIFY(!plan->fixedCostsProven);
    QCOMPARE(plan->items[1].purchased, 40.0);
    QCOMPARE(plan->items[1].costs.total(), 200.0);
    QCOMPARE(plan->shipments.size(), std::size_t(1));
    QCOMPARE(plan->shipments[0].item, 0);
    QCOMPARE(plan->shipments[0].qty, 10.0);
    QString why;
    QVERIFY2(shipmentsFit(m, *plan, why), qPrintable(why));
}

// On random networks with capacities that bind and lanes with fixed costs, the search
// over the joined items' fixed costs keeps every shared lane-day within its capacity,
// never makes the plan dearer than the program's flows priced with whole fixed costs,
// and gives the same plan every time.
void TestNetworkPlan::joinedFixedCostSearchNeverCostsMore()
{
    Rng rng(8080);
    sim::NetworkOptions unsearched;
    unsearched.searchJoinedFixedCosts = false;
    int searched = 0, improved = 0, cheaper = 0;
    double saved = 0;
    const int instances = 200;
    for (int i = 0; i < instances; ++i) {
        const sim::NetworkModel m = i % 3 == 0 ? regions(rng, 2) : randomNetwork(rng, true, 0.4);
        const QString where = QStringLiteral("instance %1: ").arg(i);
        const auto plan = sim::solveNetwork(m);
        const auto again = sim::solveNetwork(m);
        const auto before = sim::solveNetwork(m, unsearched);
        QVERIFY(plan && again && before);
        QString why;
        QVERIFY2(shipmentsFit(m, *plan, why), qPrintable(where + why));
        QVERIFY2(plan->objective <= before->objective + 1e-9,
            qPrintable(where + figures(plan->objective, before->objective)));
        QCOMPARE(plan->lpObjective, before->lpObjective);
        QVERIFY(plan->itemsFixedImproved <= plan->itemsFixedSearched);
        QVERIFY(plan->itemsFixedSearched <= plan->itemsJoined);
        // Same twice, to the last bit.
        QCOMPARE(again->objective, plan->objective);
        QCOMPARE(again->shipments.size(), plan->shipments.size());
        for (std::size_t s = 0; s < plan->shipments.size(); ++s) {
            const sim::Shipment &x = plan->shipments[s], &y = again->shipments[s];
            QVERIFY(
                x.item == y.item && x.lane == y.lane && x.shipDay == y.shipDay && x.qty == y.qty);
        }
        searched += plan->itemsFixedSearched;
        improved += plan->itemsFixedImproved;
        if (plan->objective < before->objective - 1e-6) {
            ++cheaper;
            saved += before->objective - plan->objective;
        }
        // An improved item is strictly cheaper, and nothing else changes.
        QCOMPARE(plan->objective<before->objective, plan->itemsFixedImproved> 0);
    }
    qInfo("%d instances: %d joined items searched, %d improved; %d plans cheaper, by %.2f "
          "in all",
        instances, searched, improved, cheaper, saved);
    QVERIFY(searched > 100);
    QVERIFY(cheaper > 10);
}

void TestNetworkPlan::badModelIsAnError()
{
    sim::NetworkModel m;
    m.horizonDays = 3;
    m.lanes = {{0, 1, 5}};
    sim::ItemModel item;
    item.input.horizonDays = 3;
    item.input.locations = {{.onHand = 5}, {}};
    item.input.lanes = {{.from = 0, .to = 1, .transitDays = 1}};
    m.items.push_back(item); // no route for its lane
    const auto plan = sim::solveNetwork(m);
    QVERIFY(!plan);
    QVERIFY(plan.error().message.find("route") != std::string::npos);
    m.items[0].routes = {{{7, 0}}}; // an unknown lane
    QVERIFY(!sim::solveNetwork(m));
    m.items[0].routes = {{{0, 0}}};
    QVERIFY(sim::solveNetwork(m));
}

QTEST_GUILESS_MAIN(TestNetworkPlan)
#include "test_networkplan.moc"
