#pragma once
// Internal to the item plan: min-cost flow over a TimeNetwork with Boost.Graph's
// successive shortest paths. The graph is built once per network; each solve may
// change the capacity and cost of any arc (the search over fixed costs does).

#include "engine/planning/timenetwork.h"

#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace engine::planning::detail {

struct FlowSolution {
    std::vector<Units> flow; ///< per arc of the network
    double cost = 0; ///< sum of cost x flow over the arcs, in millionths
};

class MinCostFlow
{
public:
    explicit MinCostFlow(const TimeNetwork &network);
    ~MinCostFlow();
    MinCostFlow(const MinCostFlow &) = delete;
    MinCostFlow &operator=(const MinCostFlow &) = delete;

    /// The cheapest flow that meets every node's supply, with these capacities
    /// (kUnlimited: none) and costs per arc (all costs >= 0, whole millionths);
    /// nullopt when no flow meets them (only a capacity can cause that).
    std::optional<FlowSolution> solve(std::span<const Units> cap, std::span<const double> cost);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace engine::planning::detail
