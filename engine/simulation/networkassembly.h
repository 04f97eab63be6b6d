#pragma once
// Internal to the network plan: the linear program of a NetworkModel, assembled once
// from the items' time-expanded networks, for the CLP solver (networksolver.cpp) and
// the LP writer (networklp.cpp), so that both describe one problem.
//
// Columns: every arc of every item (units on it), in item order. Rows: one balance
// row per node of every item (units out - units in = the node's supply), then one
// capacity row per snapshot lane and day that some route uses (units <= capacity).

#include "engine/planning/timenetwork.h"
#include "engine/simulation/networkmodel.h"

#include <expected>
#include <vector>

namespace engine::simulation::detail {

struct CapacityUse {
    Index lane = kNone;
    int day = 0;
    Units capacity = 0;
    std::vector<int> columns;
};

struct Assembly {
    std::vector<planning::detail::TimeNetwork> nets; ///< per item, fixed costs relaxed
    /// Per item: the arcs with a fixed cost before the relaxation (each relaxed arc
    /// carries floor(fixedCost / bound) more per unit and at most `bound`).
    std::vector<std::vector<planning::detail::Switch>> switches;
    std::vector<int> nodeBase; ///< per item: the row of its node 0
    std::vector<int> arcBase; ///< per item: the column of its arc 0
    int balanceRows = 0;
    int columns = 0;
    std::vector<CapacityUse> capacity; ///< capacity rows, after the balance rows
    double constantMicro = 0;

    const planning::detail::Arc &arc(int item, int a) const
    {
        return nets[static_cast<std::size_t>(item)].arcs[static_cast<std::size_t>(a)];
    }
};

/// Checks `model` and assembles its program; an error names the item and what is
/// wrong with it.
std::expected<Assembly, SimulationError> assemble(
    const NetworkModel &model, const NetworkOptions &options);

} // namespace engine::simulation::detail
