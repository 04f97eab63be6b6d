#include "engine/simulation/networkassembly.h"

#include <string>

namespace engine::simulation::detail {

using planning::detail::ArcKind;

namespace {

std::string checkRoutes(const NetworkModel &model, const ItemModel &m)
{
    const planning::Input &in = m.input;
    if (in.horizonDays != model.horizonDays)
        return "its horizon differs from the network's";
    if (m.routes.size() != in.lanes.size())
        return "it needs one route per lane";
    if (!m.salesOrder.empty() && m.salesOrder.size() != in.demands.size())
        return "it needs one sales-order row per demand, or none";
    if (!m.tier.empty() && m.tier.size() != in.demands.size())
        return "it needs one tier per demand, or none";
    if (!m.location.empty() && m.location.size() != in.locations.size())
        return "it needs one snapshot location per plan location, or none";
    const auto lanes = static_cast<Index>(model.lanes.size());
    for (std::size_t i = 0; i < m.routes.size(); ++i) {
        if (m.routes[i].empty())
            return "lane " + std::to_string(i) + " has an empty route";
        for (const Hop &h : m.routes[i])
            if (h.lane < 0 || h.lane >= lanes || h.offsetDays < 0
                || h.offsetDays >= in.lanes[i].transitDays)
                return "lane " + std::to_string(i)
                    + " has a hop on an unknown lane or outside its transit";
    }
    return {};
}

} // namespace

std::expected<Assembly, SimulationError> assemble(
    const NetworkModel &model, const NetworkOptions &options)
{
    if (model.horizonDays < 0 || model.horizonDays > 3660)
        return std::unexpected(SimulationError {"the horizon must be 0 to 3660 days"});
    for (const SharedLane &l : model.lanes)
        if (l.capacityPerDay != kUnlimited && l.capacityPerDay < 0)
            return std::unexpected(SimulationError {"a lane capacity must not be negative"});
    Assembly a;
    const std::size_t N = model.items.size();
    a.nets.reserve(N);
    a.switches.reserve(N);
    a.nodeBase.reserve(N);
    a.arcBase.reserve(N);
    const std::size_t days = static_cast<std::size_t>(model.horizonDays) + 1;
    // Row of (lane, day) among the capacity rows, -1 while none.
    std::vector<int> rowOf(options.sharedCapacity ? model.lanes.size() * days : 0, -1);
    for (std::size_t k = 0; k < N; ++k) {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed))
            return std::unexpected(SimulationError {"cancelled"});
        const ItemModel &m = model.items[k];
        std::string why = planning::detail::validate(m.input);
        if (why.empty())
            why = checkRoutes(model, m);
        if (!why.empty())
            return std::unexpected(SimulationError {"item " + std::to_string(k) + ": " + why});
        planning::detail::TimeNetwork net = planning::detail::buildNetwork(m.input, {true, {}});
        a.switches.push_back(net.switches);
        planning::detail::relaxFixedCosts(net);
        a.nodeBase.push_back(a.balanceRows);
        a.arcBase.push_back(a.columns);
        a.balanceRows += static_cast<int>(net.nodes.size());
        a.constantMicro += net.fixedCost;
        if (options.sharedCapacity) {
            for (std::size_t i = 0; i < net.arcs.size(); ++i) {
                const planning::detail::Arc &arc = net.arcs[i];
                if (arc.kind != ArcKind::Lane)
                    continue;
                for (const Hop &h : m.routes[static_cast<std::size_t>(arc.ref)]) {
                    const SharedLane &lane = model.lanes[static_cast<std::size_t>(h.lane)];
                    const int day = arc.day + h.offsetDays;
                    if (lane.capacityPerDay == kUnlimited || day > model.horizonDays)
                        continue;
                    int &row = rowOf[static_cast<std::size_t>(h.lane) * days
                        + static_cast<std::size_t>(day)];
                    if (row < 0) {
                        row = static_cast<int>(a.capacity.size());
                        a.capacity.push_back({h.lane, day, lane.capacityPerDay, {}});
                    }
                    a.capacity[static_cast<std::size_t>(row)].columns.push_back(
                        a.columns + static_cast<int>(i));
                }
            }
        }
        a.columns += static_cast<int>(net.arcs.size());
        a.nets.push_back(std::move(net));
    }
    return a;
}

} // namespace engine::simulation::detail
