#include "engine/simulation/pricingflow.h"

#include "engine/planning/mincostflow.h"

namespace engine::simulation::detail {

std::optional<PricedFlow> cheapestFlow(const planning::detail::TimeNetwork &net,
    std::span<const Units> cap, std::span<const double> cost)
{
    planning::detail::MinCostFlow solver(net);
    std::optional<planning::detail::FlowSolution> sol = solver.solve(cap, cost);
    if (!sol)
        return std::nullopt;
    return PricedFlow {std::move(sol->flow), sol->cost, std::move(sol->potential)};
}

} // namespace engine::simulation::detail
