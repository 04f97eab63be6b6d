#pragma once
// Schema step of the workbench database (store.cpp runs it): approved actions as
// planned supply (model/planned/plannedactions.h).

namespace model {

inline constexpr const char *kPlannedSchema = R"sql(
-- One row per approved (or overridden) transfer, expedite or purchase, written with
-- its decision: what the ERP is to do, counted as supply by every run until a
-- snapshot shows it (or it lapses, or its decision is undone).
CREATE TABLE planned_actions (
    decision_id INTEGER PRIMARY KEY REFERENCES decisions(id),
    kind TEXT NOT NULL CHECK (kind IN ('transfer', 'expedite', 'purchase')),
    item_id TEXT NOT NULL,
    from_location_id TEXT NOT NULL,
    to_location_id TEXT NOT NULL,
    supplier_id TEXT NOT NULL,
    po_id TEXT NOT NULL,
    po_line INTEGER NOT NULL,
    qty REAL NOT NULL CHECK (qty > 0),
    date TEXT NOT NULL,
    -- The ERP rows of the item on the same route when it was approved, one per line:
    -- they cannot be the action when a later snapshot is matched.
    known_refs TEXT NOT NULL,
    snapshot_version INTEGER NOT NULL,
    closed_at TEXT,
    closed_state TEXT CHECK (closed_state IN ('seen', 'gone', 'lapsed')),
    closed_note TEXT,
    closed_snapshot INTEGER
);
CREATE INDEX planned_actions_open ON planned_actions (closed_at);
-- The planned actions each run counted, so its explanations count the same.
CREATE TABLE run_planned_actions (
    run_id INTEGER NOT NULL REFERENCES score_runs(run_id),
    decision_id INTEGER NOT NULL REFERENCES planned_actions(decision_id),
    PRIMARY KEY (run_id, decision_id)
) WITHOUT ROWID;
)sql";

} // namespace model
