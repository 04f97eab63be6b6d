#pragma once
// The network simulation of the current snapshot: the plan as the snapshot stands
// and, given a scenario, the plan with it and what changes between the two. Reads
// the snapshot whole (as a score run does); stores nothing.

#include "engine/core/policy.h"
#include "engine/simulation/simulation.h"
#include "model/error.h"
#include "model/snapshots/snapshotinfo.h"

#include <QJsonObject>

#include <memory>
#include <optional>

namespace model {

class Workbench;

struct SimulationRun {
    SnapshotInfo info;
    std::shared_ptr<const engine::Snapshot> snapshot;
    engine::simulation::Simulation base;
    /// With a scenario: its snapshot (the current one changed), its plan, and the
    /// differences from the base.
    std::optional<engine::simulation::Scenario> scenario;
    std::shared_ptr<const engine::Snapshot> scenarioSnapshot;
    std::optional<engine::simulation::Simulation> withScenario;
    std::optional<engine::simulation::Comparison> comparison;
};

/// Simulates the current snapshot under `policy`, and under `scenario` when given. A
/// scenario that names what the snapshot does not have is a BadInput error.
Result<SimulationRun> simulateCurrent(Workbench &workbench, const engine::Policy &policy,
    const std::optional<engine::simulation::Scenario> &scenario,
    const engine::simulation::NetworkOptions &options = {});

/// A simulation's totals as JSON: objective, units moved, costs, value covered,
/// exposure left, fill rates (the keys `pwb simulate --format json` prints).
QJsonObject totalsToJson(const engine::simulation::SimulationResult &result);

/// One simulation as JSON: totals, lanes, locations, items, the shipments, and, when
/// `instance`, the linear program it solved (nodes with supply, arcs with cost,
/// capacity, transit and flow, the shared capacity rows, the objective).
QJsonObject simulationToJson(const engine::Snapshot &snapshot,
    const engine::simulation::Simulation &simulation, bool instance);

/// The differences between two simulations, with ids from `snapshot`.
QJsonObject comparisonToJson(
    const engine::Snapshot &snapshot, const engine::simulation::Comparison &comparison);

} // namespace model
