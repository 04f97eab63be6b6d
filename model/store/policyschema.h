#pragma once
// Schema 10 -> 11 of the workbench database (store.cpp runs it): the governed policy
// (model/policy/policystore.h) and the decisions the system takes by its rules.

namespace model {

inline constexpr const char *kPolicySchema = R"sql(
-- The rule of the policy's auto_approve by which the system took a decision (user
-- "system"); NULL for a person's decision.
ALTER TABLE decisions ADD COLUMN auto_rule TEXT;
-- Every version of the stored policy: set by a manager or an admin, in force once
-- another one approved it. The latest approved one is the current policy.
CREATE TABLE policies (
    id INTEGER PRIMARY KEY,
    json TEXT NOT NULL,
    hash TEXT NOT NULL,
    edited_by TEXT NOT NULL,
    edited_at TEXT NOT NULL,
    approved_by TEXT,
    approved_at TEXT
);
)sql";

} // namespace model
