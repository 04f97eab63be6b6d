#pragma once
// Internal to the item plan: turns a flow over the TimeNetwork back into the plan's
// words: what each demand line gets, what each cost is, and every action with the
// lines it serves.

#include "engine/planning/timenetwork.h"

#include <span>

namespace engine::planning::detail {

struct PlanParts {
    std::vector<DemandOutcome> demands;
    PlanCosts costs;
    std::vector<double> overflowAt; ///< per location
    std::vector<Action> actions;
};

/// The plan a flow describes; a fixed cost is paid where its arc carries flow.
PlanParts describePlan(const Input &input, const TimeNetwork &net, std::span<const Units> flow);

} // namespace engine::planning::detail
