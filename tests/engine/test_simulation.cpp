// The network simulation on generated snapshots: with unlimited lane capacity its
// objective is the sum of the item plans the scoring would make (their relaxation,
// and exactly their optimum when nothing has a fixed cost); tighter lanes only cost
// more; and each kind of scenario changes what it should.

#include "generatedsnapshot.h"
#include "itemplanfixtures.h"

#include "engine/simulation/simulation.h"

#include <QtTest/QtTest>

#include <QTemporaryDir>

namespace sim = engine::simulation;
using itemplantest::near;
using testsupport::generated;

namespace {

QString figures(double a, double b)
{
    return QString::number(a, 'f', 6) + QStringLiteral(" vs ") + QString::number(b, 'f', 6);
}

const std::string &locationId(const engine::Snapshot &s, engine::Index l)
{
    return s.locations.ids.at(l);
}

/// The lane that carries the most units in `result`.
engine::Index busiestLane(const sim::SimulationResult &result)
{
    engine::Index best = engine::kNone;
    double most = 0;
    for (const sim::LaneUse &u : result.lanes)
        if (u.units > most) {
            most = u.units;
            best = u.lane;
        }
    return best;
}

double totalDemand(const sim::NetworkModel &m)
{
    double q = 0;
    for (const sim::ItemModel &item : m.items)
        for (std::size_t d = 0; d < item.input.demands.size(); ++d)
            if (item.salesOrder[d] != engine::kNone)
                q += static_cast<double>(item.input.demands[d].qty);
    for (const sim::LinesOutside &o : m.outside)
        q += o.units;
    return q;
}

} // namespace

class TestSimulation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unlimitedCapacityIsTheSumOfItemPlans();
    void withoutFixedCostsItIsTheItemPlansOptimum();
    void tighterLanesCostMore();
    void disabledLaneCarriesNothing();
    void supplierDelayMakesReceiptsLater();
    void demandSpikeAddsDemand();
    void demandSpikeByItemGroup();
    void extraStockAndNewLane();
    void unknownIdsAreErrors();

private:
    QTemporaryDir m_dir;
    engine::Snapshot m_snap;
    engine::Policy m_policy;
    sim::Simulation m_base;
};

void TestSimulation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    engine::ParseResult parsed = generated(m_dir.path(), 400, 6, 17);
    QVERIFY(parsed.ok());
    m_snap = std::move(parsed.snapshot);
    m_snap.index();
    auto base = sim::simulate(m_snap, m_policy);
    QVERIFY(base);
    m_base = std::move(*base);
    qInfo("%zu items planned, %zu shipments, %d shared lane-days, objective %.2f",
        m_base.model.items.size(), m_base.plan.shipments.size(), m_base.plan.capacityRows,
        m_base.plan.objective);
    QVERIFY(m_base.model.items.size() > 20);
    QVERIFY(m_base.plan.shipments.size() > 5);
}

void TestSimulation::unlimitedCapacityIsTheSumOfItemPlans()
{
    engine::Snapshot s = m_snap;
    for (double &cap : s.lanes.capacityPerDay)
        cap = engine::kUnset;
    const auto r = sim::simulate(s, m_policy);
    QVERIFY(r);
    QCOMPARE(r->plan.capacityRows, 0);
    double relaxed = 0, plans = 0;
    for (const sim::ItemModel &item : r->model.items) {
        const auto c = engine::planning::relaxedModelCost(item.input);
        QVERIFY(c);
        relaxed += *c;
        const auto p = engine::planning::optimiseItemPlan(item.input);
        QVERIFY(p);
        plans += p->modelCost;
    }
    QVERIFY2(near(r->plan.lpObjective, relaxed), qPrintable(figures(r->plan.lpObjective, relaxed)));
    // Purchases carry the policy's order cost, so the relaxation is below the plans; the
    // plan itself pays fixed costs whole, as the item plans do, and is their sum.
    QVERIFY2(relaxed <= plans + 1e-6, qPrintable(figures(relaxed, plans)));
    QVERIFY(r->plan.itemsFixedExact > 0);
    QVERIFY2(near(r->plan.objective, plans), qPrintable(figures(r->plan.objective, plans)));
    qInfo("network %.2f, sum of item relaxations %.2f, sum of item plans %.2f", r->plan.objective,
        relaxed, plans);
}

// Like with like: no order cost, no shipment cost, so each item plan is a plain
// min-cost flow and the network plan without shared capacity must equal their sum.
void TestSimulation::withoutFixedCostsItIsTheItemPlansOptimum()
{
    engine::Snapshot s = m_snap;
    for (double &cap : s.lanes.capacityPerDay)
        cap = engine::kUnset;
    for (double &fixed : s.lanes.fixedCost)
        fixed = 0;
    engine::Policy policy = m_policy;
    policy.purchaseOrderCost = 0;
    const auto r = sim::simulate(s, policy);
    QVERIFY(r);
    double plans = 0;
    for (const sim::ItemModel &item : r->model.items) {
        const auto p = engine::planning::optimiseItemPlan(item.input);
        QVERIFY(p);
        QVERIFY(p->optimal);
        plans += p->modelCost;
    }
    QVERIFY2(near(r->plan.objective, plans), qPrintable(figures(r->plan.objective, plans)));
}

void TestSimulation::tighterLanesCostMore()
{
    // Every lane to a tenth of what the base plan sends over it on its busiest day.
    sim::Scenario tight;
    for (const sim::LaneUse &u : m_base.result.lanes)
        if (u.peakPerDay >= 10)
            tight.changes.push_back(
                sim::ChangeLane {locationId(m_snap, u.from), locationId(m_snap, u.to), std::nullopt,
                    std::nullopt, std::floor(u.peakPerDay / 10)});
    QVERIFY(!tight.changes.empty());
    const auto snap = sim::applyScenario(m_snap, tight);
    QVERIFY(snap);
    const auto r = sim::simulate(*snap, m_policy);
    QVERIFY(r);
    QVERIFY2(r->plan.objective > m_base.plan.objective + 1,
        qPrintable(figures(r->plan.objective, m_base.plan.objective)));
    QVERIFY(r->result.unitsMoved < m_base.result.unitsMoved);
    int full = 0;
    for (const sim::CapacityRow &row : r->plan.instance.capacityRows) {
        QVERIFY(row.used <= row.capacity + 1e-6);
        full += row.used >= row.capacity - 1e-6 ? 1 : 0;
    }
    QVERIFY(full > 0);
    const sim::Comparison c = sim::compare(m_base.result, r->result);
    QVERIFY(c.objective > 0);
    QVERIFY(c.unitsMoved < 0);
    QVERIFY(!c.lanes.empty());
}

void TestSimulation::disabledLaneCarriesNothing()
{
    const engine::Index lane = busiestLane(m_base.result);
    QVERIFY(lane != engine::kNone);
    const auto &u = m_base.result.lanes[static_cast<std::size_t>(lane)];
    sim::Scenario closed {
        "closed", {sim::DisableLane {locationId(m_snap, u.from), locationId(m_snap, u.to)}}};
    const auto snap = sim::applyScenario(m_snap, closed);
    QVERIFY(snap);
    const auto r = sim::simulate(*snap, m_policy);
    QVERIFY(r);
    for (const sim::LaneUse &x : r->result.lanes)
        if (x.from == u.from && x.to == u.to)
            QCOMPARE(x.units, 0.0);
    for (const sim::ItemModel &item : r->model.items)
        for (const auto &route : item.routes)
            for (const sim::Hop &h : route) {
                const sim::SharedLane &l = r->model.lanes[static_cast<std::size_t>(h.lane)];
                QVERIFY(!(l.from == u.from && l.to == u.to));
            }
    QVERIFY(r->plan.objective >= m_base.plan.objective - 1e-6);
}

void TestSimulation::supplierDelayMakesReceiptsLater()
{
    // The supplier with the most open PO lines, ten days late.
    std::vector<int> lines(static_cast<std::size_t>(m_snap.suppliers.size()), 0);
    for (engine::Index s : m_snap.purchaseOrders.supplier)
        ++lines[static_cast<std::size_t>(s)];
    const auto sup
        = static_cast<engine::Index>(std::max_element(lines.begin(), lines.end()) - lines.begin());
    const sim::Scenario late {"late", {sim::DelaySupplier {m_snap.suppliers.ids.at(sup), 10}}};
    const auto snap = sim::applyScenario(m_snap, late);
    QVERIFY(snap);
    for (engine::Index i = 0; i < m_snap.purchaseOrders.size(); ++i) {
        const auto r = static_cast<std::size_t>(i);
        QCOMPARE(snap->purchaseOrders.expectedDate[r],
            m_snap.purchaseOrders.expectedDate[r]
                + (m_snap.purchaseOrders.supplier[r] == sup ? 10 : 0));
    }
    const auto r = sim::simulate(*snap, m_policy);
    QVERIFY(r);
    // Every receipt of that supplier the two models share is 10 days later.
    std::map<std::int64_t, int> before;
    for (const sim::ItemModel &item : m_base.model.items)
        for (const auto &rec : item.input.receipts)
            before[rec.ref] = rec.expectedDay;
    int compared = 0;
    for (const sim::ItemModel &item : r->model.items)
        for (const auto &rec : item.input.receipts) {
            const auto it = before.find(rec.ref);
            if (it == before.end())
                continue;
            const bool ours
                = m_snap.purchaseOrders.supplier[static_cast<std::size_t>(rec.ref)] == sup;
            QCOMPARE(rec.expectedDay, it->second + (ours ? 10 : 0));
            compared += ours ? 1 : 0;
        }
    QVERIFY(compared > 0);
    QVERIFY(r->result.fillRateAll <= m_base.result.fillRateAll + 1e-9);
}

void TestSimulation::demandSpikeAddsDemand()
{
    const sim::Scenario spike {"spike",
        {sim::DemandSpike {.location = {},
            .item = {},
            .group = {},
            .abcClass = 'A',
            .percent = 50,
            .units = 20,
            .dueInDays = 7,
            .tier = 2}}};
    const auto snap = sim::applyScenario(m_snap, spike);
    QVERIFY(snap);
    QVERIFY(snap->salesOrders.size() > m_snap.salesOrders.size());
    double before = 0, after = 0;
    for (engine::Index i = 0; i < m_snap.salesOrders.size(); ++i) {
        const auto r = static_cast<std::size_t>(i);
        before += m_snap.salesOrders.qtyOpen[r];
        after += snap->salesOrders.qtyOpen[r];
        if (m_snap.items.abcClass[static_cast<std::size_t>(m_snap.salesOrders.item[r])] == 'A')
            QVERIFY(near(snap->salesOrders.qtyOpen[r], 1.5 * m_snap.salesOrders.qtyOpen[r]));
    }
    QVERIFY(after > before);
    const auto r = sim::simulate(*snap, m_policy);
    QVERIFY(r);
    QVERIFY(totalDemand(r->model) > totalDemand(m_base.model));
    QVERIFY(r->result.orderUnits > m_base.result.orderUnits);
    QVERIFY(r->model.items.size() >= m_base.model.items.size());
    QVERIFY(r->plan.objective > m_base.plan.objective);
}

void TestSimulation::demandSpikeByItemGroup()
{
    // An item group is the snapshot's substitute_group: a spike there doubles the open
    // lines of the group's items and leaves every other line as it was.
    QVERIFY(m_snap.substituteGroups.size() > 0);
    const std::string group = m_snap.substituteGroups.at(0);
    sim::DemandSpike spike;
    spike.group = group;
    spike.percent = 100;
    const auto snap = sim::applyScenario(m_snap, {"group", {spike}});
    QVERIFY2(snap, snap ? "" : snap.error().message.c_str());
    QCOMPARE(snap->salesOrders.size(), m_snap.salesOrders.size()); // no units asked for
    int grown = 0;
    for (engine::Index i = 0; i < m_snap.salesOrders.size(); ++i) {
        const auto r = static_cast<std::size_t>(i);
        const auto item = static_cast<std::size_t>(m_snap.salesOrders.item[r]);
        const bool inGroup = m_snap.items.substituteGroup[item] == 0;
        const double factor = inGroup ? 2.0 : 1.0;
        QVERIFY(near(snap->salesOrders.qtyOpen[r], factor * m_snap.salesOrders.qtyOpen[r]));
        grown += inGroup && m_snap.salesOrders.qtyOpen[r] > 0 ? 1 : 0;
    }
    QVERIFY2(grown > 0, "the group has open order lines");

    spike.group = "NO-SUCH-GROUP";
    const auto unknown = sim::applyScenario(m_snap, {"group", {spike}});
    QVERIFY(!unknown);
    QVERIFY(unknown.error().message.find("NO-SUCH-GROUP") != std::string::npos);
}

void TestSimulation::extraStockAndNewLane()
{
    const engine::Index il = 0;
    const std::string item = m_snap.items.ids.at(m_snap.itemLocations.item[0]);
    const std::string loc = locationId(m_snap, m_snap.itemLocations.location[0]);
    const std::string other = locationId(m_snap, m_snap.itemLocations.location[0] == 0 ? 1 : 0);
    sim::NewLane lane;
    lane.from = other;
    lane.to = loc;
    lane.transitDays = 1;
    lane.costPerUnit = 0.01;
    lane.capacityPerDay = 7;
    const sim::Scenario more {"more", {sim::ExtraStock {item, loc, 250}, lane}};
    const auto snap = sim::applyScenario(m_snap, more);
    QVERIFY(snap);
    QCOMPARE(snap->itemLocations.onHand[il], m_snap.itemLocations.onHand[il] + 250);
    QCOMPARE(snap->lanes.size(), m_snap.lanes.size() + 1);
    const auto r = sim::simulate(*snap, m_policy);
    QVERIFY(r);
    QCOMPARE(r->model.lanes.back().capacityPerDay, engine::planning::Units(7));
    for (const sim::CapacityRow &row : r->plan.instance.capacityRows)
        QVERIFY(row.used <= row.capacity + 1e-6);
}

void TestSimulation::unknownIdsAreErrors()
{
    const auto a = sim::applyScenario(m_snap, {"x", {sim::DisableLane {"NOWHERE", "DC-01"}}});
    QVERIFY(!a);
    QVERIFY(a.error().message.find("NOWHERE") != std::string::npos);
    QVERIFY(!sim::applyScenario(m_snap, {"x", {sim::DelayPo {"NO-SUCH-PO", 0, 3}}}));
    QVERIFY(!sim::applyScenario(m_snap, {"x", {sim::DemandSpike {}}}));
    QVERIFY(!sim::applyScenario(m_snap, {"x", {sim::DelaySupplier {"NO-SUCH-SUPPLIER", 3}}}));
}

QTEST_GUILESS_MAIN(TestSimulation)
#include "test_simulation.moc"
