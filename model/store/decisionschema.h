#pragma once
// Schema 7 -> 8 of the workbench database (store.cpp runs it): decisions that last
// beyond their run, overrides, and the export outbox.

namespace model {

inline constexpr const char *kDecisionSchema8 =
    // The identity of the action a decision is about (DecisionStore::actionKey), so
    // that it stands on later runs while the same action is still recommended.
    "ALTER TABLE decisions ADD COLUMN action_key TEXT;"
    // An override is an approval at another quantity, with the reason it was changed.
    "ALTER TABLE decisions ADD COLUMN override_qty REAL;"
    "ALTER TABLE decisions ADD COLUMN reason_code TEXT;"
    // The export outbox: each batch as written, and the batch a decision went out in.
    "ALTER TABLE decisions ADD COLUMN exported_batch INTEGER;"
    // Above the policy's second_approval_above, an approval waits for a second
    // approver (maker and checker).
    "ALTER TABLE decisions ADD COLUMN needs_check INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE decisions ADD COLUMN checked_by TEXT;"
    "ALTER TABLE decisions ADD COLUMN checked_at TEXT;"
    "CREATE TABLE export_batches (batch_id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, "
    "format TEXT NOT NULL, user TEXT NOT NULL, record_count INTEGER NOT NULL, "
    "chain_hash TEXT NOT NULL, file_name TEXT NOT NULL, payload TEXT NOT NULL);";

} // namespace model
