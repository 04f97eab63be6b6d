#pragma once
// Internal to the item plan (and the network plan's pricing): the min-cost flow of a
// TimeNetwork. A primal-dual method on the residual network held in flat arrays: a
// shortest-path search (Dijkstra on reduced costs) from every node with units to send,
// then as many units as fit along every path of zero reduced cost before searching
// again. Each solve may change the capacity and cost of any arc, and may start from an
// earlier solution of the same network (the search over fixed costs changes one arc
// from a node to its children, so a child needs a few paths, not the whole flow).

#include "engine/planning/timenetwork.h"

#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace engine::planning::detail {

struct FlowSolution {
    std::vector<Units> flow; ///< per arc of the network
    double cost = 0; ///< sum of cost x flow over the arcs, in millionths
    /// Per node: a potential p with cost + p[from] - p[to] >= 0 on every arc that could
    /// carry more and <= 0 on every arc that carries some: the flow's proof of
    /// optimality, exact because the costs are whole millionths (or multiples of a
    /// power-of-two fraction) whose sums a double holds exactly.
    std::vector<double> potential;
};

class MinCostFlow
{
public:
    explicit MinCostFlow(const TimeNetwork &network);
    ~MinCostFlow();
    MinCostFlow(const MinCostFlow &) = delete;
    MinCostFlow &operator=(const MinCostFlow &) = delete;

    /// The cheapest flow that meets every node's supply, with these capacities
    /// (kUnlimited: none) and costs per arc (all costs >= 0, sums exact in a double);
    /// nullopt when no flow meets them (only a capacity can cause that). With `start`
    /// (an earlier solution of this network, under any capacities and costs) the
    /// search begins from its flow and potentials; the cost found is the same.
    std::optional<FlowSolution> solve(std::span<const Units> cap, std::span<const double> cost,
        const FlowSolution *start = nullptr);

    /// Shortest-path searches run by this solver so far (for the benchmarks).
    long long searches() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace engine::planning::detail
