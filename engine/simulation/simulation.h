#pragma once
// The network simulation of one snapshot: its model (every short item's plan input,
// the lanes they share), the optimal network plan and what it means. A scenario is
// simulated on applyScenario()'s copy of the snapshot, and compare() sets two
// results side by side. Synchronous; polls a cancel flag while it builds the model.

#include "engine/core/policy.h"
#include "engine/core/snapshot.h"
#include "engine/simulation/itemmodels.h"
#include "engine/simulation/networkmodel.h"
#include "engine/simulation/results.h"
#include "engine/simulation/scenario.h"

namespace engine::simulation {

struct Simulation {
    NetworkModel model;
    NetworkPlan plan;
    SimulationResult result;
};

/// Builds, solves and summarises the network plan of `snapshot` (indexed).
std::expected<Simulation, SimulationError> simulate(
    const Snapshot &snapshot, const Policy &policy, const NetworkOptions &options = {});

} // namespace engine::simulation
