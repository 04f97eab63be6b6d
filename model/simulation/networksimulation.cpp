#include "model/simulation/networksimulation.h"

#include "model/workbench.h"

#include <QJsonArray>

#include <exception>

using namespace Qt::StringLiterals;

namespace model {

namespace sim = engine::simulation;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QJsonValue id(const engine::IdTable &ids, engine::Index i)
{
    return i >= 0 && i < ids.size() ? QJsonValue(qs(ids.at(i))) : QJsonValue(QJsonValue::Null);
}

QJsonValue capacity(double c)
{
    return c < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(c);
}

QJsonValue units(sim::Units u)
{
    return u == sim::kUnlimited ? QJsonValue(QJsonValue::Null) : QJsonValue(static_cast<double>(u));
}

QJsonObject instanceJson(const sim::NetworkPlan &plan)
{
    QJsonArray nodes, arcs, rows;
    for (std::size_t v = 0; v < plan.instance.nodes.size(); ++v) {
        const sim::InstanceNode &n = plan.instance.nodes[v];
        nodes.append(QJsonObject {{u"id"_s, static_cast<qint64>(v)}, {u"item"_s, n.item},
            {u"name"_s, qs(n.name)}, {u"supply"_s, n.supply}});
    }
    for (std::size_t a = 0; a < plan.instance.arcs.size(); ++a) {
        const sim::InstanceArc &x = plan.instance.arcs[a];
        arcs.append(QJsonObject {{u"id"_s, static_cast<qint64>(a)}, {u"item"_s, x.item},
            {u"name"_s, qs(x.name)}, {u"from"_s, x.from}, {u"to"_s, x.to}, {u"day"_s, x.day},
            {u"transit_days"_s, x.transitDays}, {u"cost"_s, x.costPerUnit},
            {u"capacity"_s, capacity(x.capacity)}, {u"flow"_s, x.flow}});
    }
    for (const sim::CapacityRow &r : plan.instance.capacityRows) {
        QJsonArray members;
        for (int a : r.arcs)
            members.append(a);
        rows.append(QJsonObject {{u"lane"_s, r.lane}, {u"day"_s, r.day},
            {u"capacity"_s, r.capacity}, {u"used"_s, r.used}, {u"arcs"_s, members}});
    }
    return {{u"objective"_s, plan.lpObjective}, {u"constant"_s, plan.instance.constant},
        {u"nodes"_s, nodes}, {u"arcs"_s, arcs}, {u"capacity_rows"_s, rows}};
}

} // namespace

QJsonObject totalsToJson(const sim::SimulationResult &r)
{
    return {{u"objective"_s, r.objective}, {u"items_planned"_s, r.itemsPlanned},
        {u"items_skipped"_s, r.itemsSkipped}, {u"units_moved"_s, r.unitsMoved},
        {u"transfer_cost"_s, r.transferCost}, {u"expedite_cost"_s, r.expediteCost},
        {u"purchase_cost"_s, r.purchaseCost}, {u"units_expedited"_s, r.unitsExpedited},
        {u"units_purchased"_s, r.unitsPurchased}, {u"value_covered"_s, r.valueCovered},
        {u"exposure_left"_s, r.exposureLeft}, {u"fill_rate_tier1"_s, r.fillRateTier1},
        {u"fill_rate_all"_s, r.fillRateAll}, {u"order_units"_s, r.orderUnits},
        {u"on_time_units"_s, r.onTimeUnits}};
}

Result<SimulationRun> simulateCurrent(Workbench &workbench, const engine::Policy &policy,
    const std::optional<sim::Scenario> &scenario, const sim::NetworkOptions &options)
{
    // As the next run would see it: approved actions not in the ERP yet are supply.
    auto current = workbench.runs().currentWithPlanned();
    if (!current)
        return std::unexpected(current.error());
    SimulationRun run;
    run.info = current->first;
    run.snapshot = current->second;
    auto failed = [](const std::string &why) {
        return std::unexpected(Error {Error::BadInput, u"The simulation failed: "_s + qs(why), {}});
    };
    try {
        auto base = sim::simulate(*run.snapshot, policy, options);
        if (!base)
            return failed(base.error().message);
        run.base = std::move(*base);
        if (!scenario)
            return run;
        auto changed = sim::applyScenario(*run.snapshot, *scenario);
        if (!changed)
            return std::unexpected(Error {Error::BadInput,
                u"The scenario does not fit the snapshot: "_s + qs(changed.error().message), {}});
        run.scenario = scenario;
        run.scenarioSnapshot = std::make_shared<const engine::Snapshot>(std::move(*changed));
        auto with = sim::simulate(*run.scenarioSnapshot, policy, options);
        if (!with)
            return failed(with.error().message);
        run.withScenario = std::move(*with);
        run.comparison = sim::compare(run.base.result, run.withScenario->result);
    } catch (const std::exception &e) {
        return failed(e.what());
    }
    return run;
}

QJsonObject simulationToJson(
    const engine::Snapshot &snapshot, const sim::Simulation &simulation, bool instance)
{
    const sim::SimulationResult &r = simulation.result;
    const sim::NetworkPlan &plan = simulation.plan;
    QJsonArray lanes, locations, items, shipments;
    for (const sim::LaneUse &u : r.lanes)
        lanes.append(
            QJsonObject {{u"lane"_s, u.lane}, {u"from"_s, id(snapshot.locations.ids, u.from)},
                {u"to"_s, id(snapshot.locations.ids, u.to)},
                {u"capacity_per_day"_s, units(u.capacityPerDay)}, {u"units"_s, u.units},
                {u"peak_per_day"_s, u.peakPerDay}, {u"peak_day"_s, u.peakDay},
                {u"days_full"_s, u.daysFull}, {u"peak_utilisation"_s, u.peakUtilisation()}});
    for (const sim::LocationSummary &l : r.locations)
        locations.append(QJsonObject {{u"location"_s, id(snapshot.locations.ids, l.location)},
            {u"units_in"_s, l.unitsIn}, {u"units_out"_s, l.unitsOut},
            {u"transfer_cost"_s, l.transferCost}, {u"order_units"_s, l.orderUnits},
            {u"on_time_units"_s, l.onTimeUnits}, {u"tier1_units"_s, l.tier1Units},
            {u"tier1_on_time_units"_s, l.tier1OnTimeUnits}, {u"value_covered"_s, l.valueCovered},
            {u"exposure_left"_s, l.exposureLeft}});
    for (const sim::ItemSummary &i : r.items)
        items.append(QJsonObject {{u"item"_s, id(snapshot.items.ids, i.item)}, {u"cost"_s, i.cost},
            {u"units_moved"_s, i.unitsMoved}, {u"transfer_cost"_s, i.transferCost},
            {u"value_covered"_s, i.valueCovered}, {u"exposure_left"_s, i.exposureLeft},
            {u"order_units"_s, i.orderUnits}, {u"on_time_units"_s, i.onTimeUnits},
            {u"tier1_units"_s, i.tier1Units}, {u"tier1_on_time_units"_s, i.tier1OnTimeUnits}});
    for (const sim::Shipment &s : plan.shipments) {
        const sim::ItemModel &m = simulation.model.items[static_cast<std::size_t>(s.item)];
        QJsonArray route;
        for (const sim::Hop &h : m.routes[static_cast<std::size_t>(s.lane)])
            route.append(
                QJsonObject {{u"lane"_s, h.lane}, {u"leaves_day"_s, s.shipDay + h.offsetDays}});
        shipments.append(QJsonObject {{u"item"_s, id(snapshot.items.ids, m.item)},
            {u"from"_s, id(snapshot.locations.ids, s.from)},
            {u"to"_s, id(snapshot.locations.ids, s.to)}, {u"ship_day"_s, s.shipDay},
            {u"arrival_day"_s, s.arrivalDay}, {u"qty"_s, s.qty}, {u"cost"_s, s.cost},
            {u"route"_s, route}});
    }
    QJsonObject out {{u"totals"_s, totalsToJson(r)},
        {u"horizon_days"_s, simulation.model.horizonDays},
        {u"solver"_s,
            QJsonObject {{u"name"_s, u"clp"_s}, {u"optimal"_s, plan.optimal},
                {u"rows"_s, plan.rows}, {u"columns"_s, plan.columns},
                {u"nonzeros"_s, static_cast<qint64>(plan.nonzeros)},
                {u"capacity_rows"_s, plan.capacityRows}, {u"items_joined"_s, plan.itemsJoined},
                {u"items_priced"_s, plan.itemsInLp}, {u"rounds"_s, plan.rounds},
                {u"lp_objective"_s, plan.lpObjective}, {u"proven_bound"_s, plan.dualBound},
                {u"items_fixed_costs_whole"_s, plan.itemsFixedExact},
                {u"joined_items_fixed_costs_searched"_s, plan.itemsFixedSearched},
                {u"joined_items_fixed_costs_improved"_s, plan.itemsFixedImproved},
                {u"fixed_costs_proven"_s, plan.fixedCostsProven},
                {u"fixed_costs_seconds"_s, plan.fixedSeconds},
                {u"build_seconds"_s, plan.buildSeconds}, {u"solve_seconds"_s, plan.solveSeconds}}},
        {u"lanes"_s, lanes}, {u"locations"_s, locations}, {u"items"_s, items},
        {u"shipments"_s, shipments}};
    if (instance)
        out[u"instance"_s] = instanceJson(plan);
    return out;
}

QJsonObject comparisonToJson(const engine::Snapshot &snapshot, const sim::Comparison &c)
{
    QJsonArray lanes, locations, items;
    for (const sim::LaneDifference &d : c.lanes)
        lanes.append(QJsonObject {
            {u"lane"_s, d.lane}, {u"units"_s, d.units}, {u"peak_per_day"_s, d.peakPerDay}});
    for (const sim::LocationDifference &d : c.locations)
        locations.append(QJsonObject {{u"location"_s, id(snapshot.locations.ids, d.location)},
            {u"units_in"_s, d.unitsIn}, {u"units_out"_s, d.unitsOut},
            {u"on_time_units"_s, d.onTimeUnits}, {u"exposure_left"_s, d.exposureLeft}});
    for (const sim::ItemDifference &d : c.items)
        items.append(QJsonObject {{u"item"_s, id(snapshot.items.ids, d.item)}, {u"cost"_s, d.cost},
            {u"units_moved"_s, d.unitsMoved}, {u"exposure_left"_s, d.exposureLeft}});
    return {{u"objective"_s, c.objective}, {u"units_moved"_s, c.unitsMoved},
        {u"transfer_cost"_s, c.transferCost}, {u"expedite_cost"_s, c.expediteCost},
        {u"purchase_cost"_s, c.purchaseCost}, {u"value_covered"_s, c.valueCovered},
        {u"exposure_left"_s, c.exposureLeft}, {u"fill_rate_tier1"_s, c.fillRateTier1},
        {u"fill_rate_all"_s, c.fillRateAll}, {u"lanes"_s, lanes}, {u"locations"_s, locations},
        {u"items"_s, items}};
}

} // namespace model
