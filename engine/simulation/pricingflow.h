#pragma once
// Internal to the network plan: the min-cost flow of one item's network under prices,
// solved many times while the network plan prices its items: planning::detail::
// MinCostFlow's primal-dual flow, with the potentials that prove it optimal.

#include "engine/planning/timenetwork.h"

#include <optional>
#include <span>
#include <vector>

namespace engine::simulation::detail {

using planning::kUnlimited;
using planning::Units;

struct PricedFlow {
    std::vector<Units> flow; ///< per arc
    double cost = 0; ///< sum of cost x flow (the costs given, millionths)
    /// Per node: a potential p with cost + p[from] - p[to] >= 0 on every arc that could
    /// carry more and <= 0 on every arc that carries some (the flow's proof of
    /// optimality, exact as the costs are).
    std::vector<double> potential;
};

/// The cheapest flow of `net` meeting every node's supply with capacities `cap`
/// (kUnlimited: none) and costs `cost` (>= 0; sums of them must be exact in a double,
/// as whole millionths plus prices on kPriceGrid are); nullopt when none meets them.
std::optional<PricedFlow> cheapestFlow(const planning::detail::TimeNetwork &net,
    std::span<const Units> cap, std::span<const double> cost);

} // namespace engine::simulation::detail
