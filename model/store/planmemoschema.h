#pragma once
// Schema 12 -> 13 of the workbench database (store.cpp runs it): the item plans of
// the last scoring run, kept so that the next run solves only the items whose plan
// input changed (engine/planning/planmemo.h, model/runs/planmemostore.h).

namespace model {

inline constexpr const char *kPlanMemoSchema = R"sql(
-- One plan per distinct plan input of the last run: the input's 128-bit digest as
-- two integers, and the plan as engine::planning::encodePlan() writes it (with a
-- digest of its own, so a damaged plan is solved again, never used).
CREATE TABLE plan_memo (
    key_high INTEGER NOT NULL,
    key_low INTEGER NOT NULL,
    plan BLOB NOT NULL,
    PRIMARY KEY (key_high, key_low)
) WITHOUT ROWID;
)sql";

} // namespace model
