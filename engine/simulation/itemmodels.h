#pragma once
// The network model of a whole snapshot: every item with a shortage, with the input
// its item plan would get in a scoring run (engine/scoring's construction, reused),
// and the lanes of the routes its transfers would take. Items without a shortage
// have no plan: their lines are served from their own stock, as scored, and count in
// the fill rates as such (NetworkModel::outside).

#include "engine/core/policy.h"
#include "engine/core/snapshot.h"
#include "engine/simulation/networkmodel.h"

#include <atomic>

namespace engine::simulation {

/// Builds the model of `snapshot` (index() must have run) under `policy`; nullopt-like
/// error only when cancelled.
std::expected<NetworkModel, SimulationError> buildNetworkModel(
    const Snapshot &snapshot, const Policy &policy, const std::atomic<bool> *cancel = nullptr);

} // namespace engine::simulation
