#pragma once
// A scenario change in plain words ("Close the lane DC-WEST → BR-02"), and what is
// wrong with it, if anything, against what the current snapshot has: the scenario
// editor's list and its inline messages.

#include "engine/simulation/scenario.h"
#include "model/simulation/scenariochoices.h"

#include <QString>

namespace ui {

/// The change in words, for a supply planner.
QString changeInWords(const engine::simulation::Change &change);

/// What keeps the change from running, in words; empty when nothing does. Ids are
/// checked against `choices` only when it holds a snapshot (snapshotVersion > 0).
QString changeProblem(
    const engine::simulation::Change &change, const model::ScenarioChoices &choices);

} // namespace ui
