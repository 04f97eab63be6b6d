#pragma once
// Schema 11 -> 12 of the workbench database (store.cpp runs it): the network
// simulation's scenarios saved by name, their last results per snapshot, and the
// transfers a scenario's plan proposed to the planners (model/scenarios/); and
// 13 -> 14: the lateness each proposed transfer avoids.

namespace model {

inline constexpr const char *kScenarioSchema = R"sql(
-- A scenario as its JSON file has it (model/simulation/scenariojson.h), by name.
CREATE TABLE scenarios (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    json TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- The last results of a scenario on each snapshot version it ran on (the totals of
-- the plan without and with it, and their difference, as JSON). `json` is the
-- scenario as it ran, so results of an edited scenario can be told apart.
CREATE TABLE scenario_results (
    scenario_id INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
    snapshot_version INTEGER NOT NULL,
    run_at TEXT NOT NULL,
    json TEXT NOT NULL,
    results TEXT NOT NULL,
    PRIMARY KEY (scenario_id, snapshot_version)
) WITHOUT ROWID;
-- A scenario's plan handed to the planners: made on one snapshot version and run,
-- by its author. A later proposal of the same scenario supersedes it.
CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    scenario_name TEXT NOT NULL,
    json TEXT NOT NULL,
    snapshot_version INTEGER NOT NULL,
    run_id INTEGER NOT NULL REFERENCES score_runs(run_id),
    author TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    superseded_by INTEGER REFERENCES proposals(id)
);
-- One proposed transfer; a decision on it names exception "NP-<proposal>-<line>".
CREATE TABLE proposal_transfers (
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    line INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    from_location_id TEXT NOT NULL,
    to_location_id TEXT NOT NULL,
    qty REAL NOT NULL CHECK (qty > 0),
    ship_date TEXT NOT NULL,
    arrival_date TEXT NOT NULL,
    cost REAL NOT NULL,
    value_covered REAL NOT NULL,
    worst_tier INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, line)
) WITHOUT ROWID;
)sql";

/// 13 -> 14: beside the value a proposed transfer covers on time, the value of the lines
/// it serves late less their lateness (ProposedTransfer::latenessAvoided). Proposals
/// made before have 0: their plans were not kept.
inline constexpr const char *kProposalLatenessSchema = R"sql(
ALTER TABLE proposal_transfers ADD COLUMN lateness_avoided REAL NOT NULL DEFAULT 0;
)sql";

} // namespace model
