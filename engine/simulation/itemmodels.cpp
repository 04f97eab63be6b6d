#include "engine/simulation/itemmodels.h"

#include "engine/planning/timenetwork.h"
#include "engine/scoring/itemplanning.h"
#include "engine/scoring/projection.h"
#include "engine/scoring/supplieroutlook.h"

#include <cmath>

namespace engine::simulation {

using namespace engine::detail;

namespace {

/// The hops of the route from `from` to `to`: each lane with the day a unit leaves
/// onto it, counted from the route's start (the transit of the hops before it,
/// rounded up to whole days, as the route's own transit is).
std::vector<Hop> hopsOf(
    const Snapshot &snap, TransferNetwork &network, Index from, Index to, int transitDays)
{
    std::vector<Hop> hops;
    double before = 0;
    for (const Index lane : network.routeLanes(from, to)) {
        const int offset = std::min(transitDays - 1, ceilDays(before));
        hops.push_back({lane, std::max(0, offset)});
        before += snap.lanes.transitDays[static_cast<std::size_t>(lane)];
    }
    return hops;
}

void countOutside(const SkuState &s, LinesOutside &out)
{
    for (std::size_t k = 0; k < s.lines.size(); ++k) {
        const DemandLine &l = s.lines[k];
        const double onTime
            = k < s.outcomes.size() ? std::max(0.0, l.qty - s.outcomes[k].shortQty) : l.qty;
        out.units += l.qty;
        out.onTime += onTime;
        if (l.tier == 1) {
            out.tier1Units += l.qty;
            out.tier1OnTime += onTime;
        }
    }
}

} // namespace

std::expected<NetworkModel, SimulationError> buildNetworkModel(
    const Snapshot &snapshot, const Policy &policy, const std::atomic<bool> *cancel)
{
    NetworkModel model;
    Context ctx(snapshot, policy);
    ctx.explain = false;
    model.horizonDays = ctx.horizon;
    const Lanes &lanes = snapshot.lanes;
    model.lanes.reserve(static_cast<std::size_t>(lanes.size()));
    for (Index i = 0; i < lanes.size(); ++i) {
        const double cap = lanes.capacityPerDay[static_cast<std::size_t>(i)];
        model.lanes.push_back({lanes.from[static_cast<std::size_t>(i)],
            lanes.to[static_cast<std::size_t>(i)],
            isSet(cap) ? static_cast<Units>(std::floor(std::max(0.0, cap) + 1e-9)) : kUnlimited});
    }
    model.outside.assign(static_cast<std::size_t>(snapshot.locations.size()), {});
    if (snapshot.idx.itemLocationsByItem.start.size()
        != static_cast<std::size_t>(snapshot.items.size()) + 1)
        return model; // not indexed: nothing to plan

    const RowIndex &byItem = snapshot.idx.itemLocationsByItem;
    std::vector<SkuState> states;
    EchelonScratch echelon;
    ItemPlanning planning;
    for (Index item = 0; item < snapshot.items.size(); ++item) {
        if (cancel && (item & 255) == 0 && cancel->load(std::memory_order_relaxed))
            return std::unexpected(SimulationError {"cancelled"});
        const std::size_t n = byItem.count(item);
        if (n == 0)
            continue;
        if (states.size() < n)
            states.resize(n);
        const std::span<SkuState> items(states.data(), n);
        std::size_t i = 0;
        for (const Index *il = byItem.begin(item); il != byItem.end(item); ++il)
            loadState(ctx, *il, items[i++]);
        addDependentDemand(items, ctx.horizon, echelon);
        for (SkuState &s : items)
            evaluateShortage(ctx, s);

        const bool planned = buildPlanInput(ctx, items, planning)
            && planning::detail::validate(planning.input).empty();
        if (!planned && !planning.input.demands.empty())
            ++model.itemsSkipped;
        // Lines the model does not hold: every line of an item without a plan, and of
        // the locations of a planned item that are not short.
        for (const SkuState &s : items)
            if (!planned || !s.hasShortage)
                countOutside(s, model.outside[static_cast<std::size_t>(s.location)]);
        if (!planned)
            continue;

        ItemModel m;
        m.item = item;
        m.input = std::move(planning.input);
        for (const SkuState &s : items)
            m.location.push_back(s.location);
        for (std::size_t l = 0; l < m.input.lanes.size(); ++l) {
            const planning::Lane &ln = m.input.lanes[l];
            m.routes.push_back(hopsOf(snapshot, ctx.network, items[planning.laneSource[l]].location,
                items[static_cast<std::size_t>(ln.to)].location, ln.transitDays));
        }
        for (const PlanDemandSource &src : planning.demandSource) {
            if (src.line == PlanDemandSource::kNoLine) {
                m.salesOrder.push_back(kNone);
                m.tier.push_back(0);
                continue;
            }
            const DemandLine &l = items[src.state].lines[src.line];
            m.salesOrder.push_back(l.row);
            m.tier.push_back(l.tier);
        }
        model.items.push_back(std::move(m));
    }
    return model;
}

} // namespace engine::simulation
