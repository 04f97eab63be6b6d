#include "engine/simulation/simulation.h"

namespace engine::simulation {

std::expected<Simulation, SimulationError> simulate(
    const Snapshot &snapshot, const Policy &policy, const NetworkOptions &options)
{
    auto model = buildNetworkModel(snapshot, policy, options.cancel);
    if (!model)
        return std::unexpected(model.error());
    auto plan = solveNetwork(*model, options);
    if (!plan)
        return std::unexpected(plan.error());
    Simulation s {std::move(*model), std::move(*plan), {}};
    s.result = summarise(s.model, s.plan);
    return s;
}

} // namespace engine::simulation
