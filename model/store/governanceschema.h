#pragma once
// The schema step that adds local accounts and the tamper-evident audit trail. Kept
// apart from store.cpp so that the step can move to another position in the list of
// migrations by changing the one line that lists it there.

namespace model {

/// Local accounts (model/users/userstore.h) and the append-only, hash-chained audit
/// trail (model/audit/auditlog.h). The triggers make the trail append-only for every
/// writer that goes through SQLite with them in place; the hash chain is what catches
/// a writer who drops them first.
inline constexpr const char *kGovernanceSchema = R"sql(
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('planner', 'manager', 'admin')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);

CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    role TEXT NOT NULL,
    event TEXT NOT NULL,
    exception_id TEXT,
    snapshot_id TEXT,
    scoring_version TEXT,
    policy_hash TEXT,
    score REAL,
    factors TEXT,
    action TEXT,
    outcome TEXT NOT NULL,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an event cannot be changed');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an event cannot be removed');
END;
)sql";

} // namespace model
