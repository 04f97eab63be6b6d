#pragma once
// One event of the audit trail, and what checking the trail found.

#include <QString>
#include <QtGlobal>

#include <optional>

namespace model {

/// One entry of the append-only audit trail (Workbench::audit()). Each event holds
/// the SHA-256 of the event before it, so that editing, removing or inserting an
/// event breaks the chain at that event.
struct AuditEvent {
    // What happened (`event`), as the trail names it.
    static constexpr auto kUserAdd = "user.add";
    static constexpr auto kSignIn = "user.sign-in";
    static constexpr auto kDecisionApprove = "decision.approve";
    static constexpr auto kDecisionReject = "decision.reject";
    static constexpr auto kDecisionOverride = "decision.override";
    static constexpr auto kDecisionCheck = "decision.check";
    static constexpr auto kDecisionUndo = "decision.undo";
    /// An approved action the ERP's data now shows (or whose PO line is gone, or that
    /// lapsed): no longer counted as planned supply.
    static constexpr auto kDecisionClose = "decision.close";
    /// A new version of the stored policy set (pending), and one put in force.
    static constexpr auto kPolicyEdit = "policy.edit";
    static constexpr auto kPolicyApprove = "policy.approve";
    /// A network scenario saved (new or changed) or deleted, and a scenario's plan
    /// proposed to the planners as transfers.
    static constexpr auto kScenarioSave = "scenario.save";
    static constexpr auto kScenarioDelete = "scenario.delete";
    static constexpr auto kScenarioPropose = "scenario.propose";

    qint64 seq = 0; ///< 1, 2, ... in the order the events were written
    QString at; ///< ISO 8601 UTC
    QString user; ///< who acted (for a failed sign-in: the name given)
    QString role; ///< their role then ("planner", "manager", "admin"); empty when unknown
    QString event;
    // The exception decided on and the run behind it; empty for account events.
    QString exceptionId;
    QString snapshotId;
    QString scoringVersion;
    QString policyHash;
    std::optional<double> score; ///< the exception's score at that moment
    QString factors; ///< "factor=value;..." : the weighted factor values at that moment
    QString action; ///< the recommended action decided on
    QString outcome; ///< "recorded", "created", "refused: ...", "failed: ..."
    QString detail; ///< e.g. the decision id, the recommendation, the comment
    QString previousHash; ///< hex SHA-256 of the event before (64 zeros for the first)
    QString hash; ///< hex SHA-256 of this event's canonical bytes
};

/// What walking the audit trail found (AuditLog::verify()).
struct AuditCheck {
    bool intact = true;
    qint64 eventCount = 0;
    QString latestHash; ///< of the last event; record it elsewhere to catch a cut tail
    qint64 brokenAt = 0; ///< the first event edited, removed or inserted (0 when intact)
    QString problem; ///< one sentence naming that event and what is wrong with it
};

} // namespace model
