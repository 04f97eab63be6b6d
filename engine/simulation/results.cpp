#include "engine/simulation/results.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace engine::simulation {

namespace {

constexpr double kChanged = 1e-6;

bool changed(double d)
{
    return std::abs(d) > kChanged;
}

double rate(double part, double whole)
{
    return whole > 0 ? part / whole : 1.0;
}

} // namespace

SimulationResult summarise(const NetworkModel &model, const NetworkPlan &plan)
{
    SimulationResult r;
    r.objective = plan.objective;
    r.itemsPlanned = static_cast<int>(model.items.size());
    r.itemsSkipped = model.itemsSkipped;
    const int H = model.horizonDays;
    const std::size_t days = static_cast<std::size_t>(H) + 1;

    // Units leaving over each lane per day, over every hop of the routes used.
    std::vector<double> perDay(model.lanes.size() * days, 0.0);
    r.lanes.resize(model.lanes.size());
    for (std::size_t l = 0; l < model.lanes.size(); ++l)
        r.lanes[l] = {static_cast<Index>(l), model.lanes[l].from, model.lanes[l].to,
            model.lanes[l].capacityPerDay, 0, 0, 0, 0};
    r.locations.resize(model.outside.size());
    for (std::size_t l = 0; l < model.outside.size(); ++l) {
        r.locations[l].location = static_cast<Index>(l);
        r.locations[l].orderUnits = model.outside[l].units;
        r.locations[l].onTimeUnits = model.outside[l].onTime;
        r.locations[l].tier1Units = model.outside[l].tier1Units;
        r.locations[l].tier1OnTimeUnits = model.outside[l].tier1OnTime;
        r.orderUnits += model.outside[l].units;
        r.onTimeUnits += model.outside[l].onTime;
        r.tier1Units += model.outside[l].tier1Units;
        r.tier1OnTimeUnits += model.outside[l].tier1OnTime;
    }
    auto location = [&r](Index l) -> LocationSummary * {
        return l >= 0 && static_cast<std::size_t>(l) < r.locations.size()
            ? &r.locations[static_cast<std::size_t>(l)]
            : nullptr;
    };

    r.items.resize(model.items.size());
    for (const Shipment &s : plan.shipments) {
        const ItemModel &m = model.items[static_cast<std::size_t>(s.item)];
        r.unitsMoved += s.qty;
        r.items[static_cast<std::size_t>(s.item)].unitsMoved += s.qty;
        r.items[static_cast<std::size_t>(s.item)].transferCost += s.cost;
        for (const Hop &h : m.routes[static_cast<std::size_t>(s.lane)]) {
            const int day = s.shipDay + h.offsetDays;
            if (day <= H)
                perDay[static_cast<std::size_t>(h.lane) * days + static_cast<std::size_t>(day)]
                    += s.qty;
            r.lanes[static_cast<std::size_t>(h.lane)].units += s.qty;
        }
        if (LocationSummary *from = location(s.from))
            from->unitsOut += s.qty;
        if (LocationSummary *to = location(s.to)) {
            to->unitsIn += s.qty;
            to->transferCost += s.cost;
        }
    }
    for (LaneUse &u : r.lanes) {
        for (std::size_t d = 0; d < days; ++d) {
            const double q = perDay[static_cast<std::size_t>(u.lane) * days + d];
            if (q > u.peakPerDay + kChanged) {
                u.peakPerDay = q;
                u.peakDay = static_cast<int>(d);
            }
            if (u.capacityPerDay != kUnlimited && q > 0
                && q >= static_cast<double>(u.capacityPerDay) - kChanged)
                ++u.daysFull;
        }
    }

    for (std::size_t k = 0; k < model.items.size(); ++k) {
        const ItemModel &m = model.items[k];
        const ItemResult &res = plan.items[k];
        ItemSummary &item = r.items[k];
        item.item = m.item;
        item.cost = res.costs.total();
        r.transferCost += res.costs.transfers;
        r.expediteCost += res.costs.expedites;
        r.purchaseCost += res.costs.purchases;
        r.unitsExpedited += res.expedited;
        r.unitsPurchased += res.purchased;
        for (std::size_t d = 0; d < m.input.demands.size(); ++d) {
            const Index row = m.salesOrder.empty() ? Index(0) : m.salesOrder[d];
            if (row == kNone)
                continue; // a transfer promised to leave, not an order line
            const planning::Demand &dem = m.input.demands[d];
            const DemandResult &o = res.demands[d];
            const double qty = static_cast<double>(dem.qty);
            const int tier = m.tier.empty() ? 0 : m.tier[d];
            item.valueCovered += o.onTime * dem.unservedCostPerUnit;
            item.exposureLeft += o.cost;
            item.orderUnits += qty;
            item.onTimeUnits += o.onTime;
            r.orderUnits += qty;
            r.onTimeUnits += o.onTime;
            if (tier == 1) {
                item.tier1Units += qty;
                item.tier1OnTimeUnits += o.onTime;
                r.tier1Units += qty;
                r.tier1OnTimeUnits += o.onTime;
            }
            const Index at
                = m.location.empty() ? kNone : m.location[static_cast<std::size_t>(dem.location)];
            if (LocationSummary *loc = location(at)) {
                loc->orderUnits += qty;
                loc->onTimeUnits += o.onTime;
                loc->valueCovered += o.onTime * dem.unservedCostPerUnit;
                loc->exposureLeft += o.cost;
                if (tier == 1) {
                    loc->tier1Units += qty;
                    loc->tier1OnTimeUnits += o.onTime;
                }
            }
        }
        r.valueCovered += item.valueCovered;
        r.exposureLeft += item.exposureLeft;
    }
    r.fillRateAll = rate(r.onTimeUnits, r.orderUnits);
    r.fillRateTier1 = rate(r.tier1OnTimeUnits, r.tier1Units);
    return r;
}

LinesCovered linesCovered(
    const NetworkModel &model, const NetworkPlan &plan, int item, Index location)
{
    LinesCovered c;
    const ItemModel &m = model.items[static_cast<std::size_t>(item)];
    const ItemResult &r = plan.items[static_cast<std::size_t>(item)];
    for (std::size_t d = 0; d < m.input.demands.size(); ++d) {
        const planning::Demand &dem = m.input.demands[d];
        const Index at = m.location.empty() ? Index(dem.location)
                                            : m.location[static_cast<std::size_t>(dem.location)];
        if (at != location || (!m.salesOrder.empty() && m.salesOrder[d] == kNone))
            continue;
        const DemandResult &o = r.demands[d];
        const double unit = dem.unservedCostPerUnit;
        c.valueCovered += o.onTime * unit;
        // DemandResult::cost is lateness plus unserved cost; what is left after the
        // unserved units is the lateness the late units pay.
        const double lateness = std::max(0.0, o.cost - o.unserved * unit);
        c.latenessAvoided += std::max(0.0, o.late * unit - lateness);
        const int tier = m.tier.empty() ? 0 : m.tier[d];
        if (tier > 0 && (c.worstTier == 0 || tier < c.worstTier))
            c.worstTier = tier;
    }
    return c;
}

Comparison compare(const SimulationResult &base, const SimulationResult &scenario)
{
    Comparison c;
    c.objective = scenario.objective - base.objective;
    c.unitsMoved = scenario.unitsMoved - base.unitsMoved;
    c.transferCost = scenario.transferCost - base.transferCost;
    c.expediteCost = scenario.expediteCost - base.expediteCost;
    c.purchaseCost = scenario.purchaseCost - base.purchaseCost;
    c.valueCovered = scenario.valueCovered - base.valueCovered;
    c.exposureLeft = scenario.exposureLeft - base.exposureLeft;
    c.fillRateTier1 = scenario.fillRateTier1 - base.fillRateTier1;
    c.fillRateAll = scenario.fillRateAll - base.fillRateAll;

    const std::size_t lanes = std::max(base.lanes.size(), scenario.lanes.size());
    for (std::size_t l = 0; l < lanes; ++l) {
        const LaneUse none;
        const LaneUse &a = l < base.lanes.size() ? base.lanes[l] : none;
        const LaneUse &b = l < scenario.lanes.size() ? scenario.lanes[l] : none;
        const LaneDifference d {
            static_cast<Index>(l), b.units - a.units, b.peakPerDay - a.peakPerDay};
        if (changed(d.units) || changed(d.peakPerDay))
            c.lanes.push_back(d);
    }
    const std::size_t locations = std::max(base.locations.size(), scenario.locations.size());
    for (std::size_t l = 0; l < locations; ++l) {
        const LocationSummary none;
        const LocationSummary &a = l < base.locations.size() ? base.locations[l] : none;
        const LocationSummary &b = l < scenario.locations.size() ? scenario.locations[l] : none;
        const LocationDifference d {static_cast<Index>(l), b.unitsIn - a.unitsIn,
            b.unitsOut - a.unitsOut, b.onTimeUnits - a.onTimeUnits,
            b.exposureLeft - a.exposureLeft};
        if (changed(d.unitsIn) || changed(d.unitsOut) || changed(d.onTimeUnits)
            || changed(d.exposureLeft))
            c.locations.push_back(d);
    }
    // An item planned in only one of the two counts as nothing (0) in the other.
    std::map<Index, ItemDifference> items;
    for (const ItemSummary &s : base.items) {
        ItemDifference &d = items[s.item];
        d.item = s.item;
        d.cost -= s.cost;
        d.unitsMoved -= s.unitsMoved;
        d.exposureLeft -= s.exposureLeft;
    }
    for (const ItemSummary &s : scenario.items) {
        ItemDifference &d = items[s.item];
        d.item = s.item;
        d.cost += s.cost;
        d.unitsMoved += s.unitsMoved;
        d.exposureLeft += s.exposureLeft;
    }
    for (const auto &[item, d] : items)
        if (changed(d.cost) || changed(d.unitsMoved) || changed(d.exposureLeft))
            c.items.push_back(d);
    return c;
}

} // namespace engine::simulation
