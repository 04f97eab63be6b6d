#pragma once
// The item plans of the last scoring run in the database (table plan_memo): read
// before a run, so that items whose plan input did not change are not solved again,
// and replaced by the run's own plans in the transaction that writes the run.

#include "model/error.h"

#include "engine/planning/planmemo.h"

struct sqlite3;

namespace model::planmemo {

/// Fills `memo` with the kept plans.
Result<void> load(sqlite3 *db, engine::planning::PlanMemo &memo);

/// Replaces the kept plans by those the run used (found or solved). Call inside the
/// transaction that writes the run; writes nothing when the run found every kept plan
/// and solved none.
Result<void> save(sqlite3 *db, const engine::planning::PlanMemo &memo);

} // namespace model::planmemo
