#pragma once
// Planners' decisions: every approval and rejection of a recommendation of the latest
// run, appended, and taken back by marking it undone (never by deleting it). Each
// decision, undo and refused approval is also an event of the tamper-evident audit
// trail (model/audit/auditlog.h), written in the same transaction. The role rule is
// enforced here, below the window and the command line: approving a recommendation
// needs at least the role it requires. All SQL on the decisions table lives here.

#include "model/decisions/decision.h"
#include "model/error.h"
#include "model/users/user.h"

#include "engine/planned/plannedsupply.h"
#include "engine/scoring/approval.h"
#include "engine/scoring/scoringoutput.h"

#include <QString>

#include <optional>
#include <vector>

namespace model {

struct AuditEvent;
struct Explanation;
class ScoreRuns;
class SnapshotCatalog;
class Store;
class Transaction;
class UserStore;

/// Planners' decisions (Workbench::decisions()).
class DecisionStore
{
public:
    DecisionStore(Store &store, SnapshotCatalog &snapshots, ScoreRuns &runs, UserStore &users)
        : m_store(store)
        , m_snapshots(snapshots)
        , m_runs(runs)
        , m_users(users)
    { }
    DecisionStore(const DecisionStore &) = delete;
    DecisionStore &operator=(const DecisionStore &) = delete;

    /// Records `user`'s decision on a recommendation of an exception of the latest run.
    /// An approval of a recommendation that requires a higher role than the user's is
    /// refused (NotAllowed, naming the rule) and recorded in the audit trail as
    /// refused; so is a user the database has no enabled account for. With
    /// `expectedRunId` (the run whose queue is on screen), a decision is refused (Busy,
    /// nothing recorded) when another run is the latest by now: the recommendation at
    /// that place may no longer be the one the user saw.
    /// A rejection may name a reason code (reasonCodes()); an approval names none.
    Result<Decision> record(const QString &exceptionId, int recommendationIndex,
        Decision::Kind kind, const User &user, const QString &comment = {},
        qint64 expectedRunId = 0, const QString &reasonCode = {});
    /// Approves the recommendation at another quantity (Decision::Overridden), with a
    /// reason code (required) and the comment. The role rule applies to the cost at
    /// that quantity (the recommendation's cost scaled by it), so a planner may approve
    /// less of an action that needs a manager in full, and not more of one that fits.
    Result<Decision> override(const QString &exceptionId, int recommendationIndex, double quantity,
        const QString &reasonCode, const User &user, const QString &comment = {},
        qint64 expectedRunId = 0);
    /// The name automatic approvals are recorded under; no account may take it.
    static constexpr auto kSystemUser = "system";
    /// Approves, as the system, what the rules of the policy's auto_approve name among
    /// the exceptions of the latest run `runId` that have no standing decision: each
    /// through record()'s path (an audit event naming the rule, planned supply,
    /// exportable, undoable until exported). Returns how many it approved.
    Result<qint64> autoApprove(qint64 runId);

    /// Records `user`'s approval or rejection of proposed transfer `lineId`
    /// ("NP-<proposal>-<line>", model/scenarios/proposal.h) as a decision on the latest
    /// run, through record()'s path: the same role rule and approval limits, second
    /// approver, audit event, planned supply and export. Refused (NotAllowed, nothing
    /// recorded) when its proposal was superseded or made on another snapshot than the
    /// current one, whose plan may differ.
    Result<Decision> decideProposal(const QString &lineId, Decision::Kind kind, const User &user,
        const QString &comment = {}, const QString &reasonCode = {});

    /// Takes back a decision (kept as undone, and an undo event in the audit trail).
    Result<void> undo(qint64 decisionId, const User &user);
    /// Takes back the second approval `checker` gave decision `decisionId`: it awaits a
    /// second approver again (an undo event in the audit trail). Refused when another
    /// user gave it, or once the decision was exported.
    Result<void> undoCheck(qint64 decisionId, const User &checker);
    /// The latest standing decision per exception of the latest run (empty when
    /// nothing is scored).
    Result<std::vector<Decision>> standing();

    /// The latest standing decision per exception of run `runId`, the latest run of
    /// the current snapshot, oldest first: what the run's queue shows beside each
    /// exception. A decision taken on an earlier run (a re-score, yesterday's
    /// snapshot) stands on it while the run still recommends the same action for the
    /// same exception (Decision::carried); once the action is no longer recommended
    /// (done, changed, or the exception gone) it no longer stands.
    static Result<std::vector<Decision>> standingOf(Store &store, ScoreRuns &runs, qint64 runId);

    /// The least role that may take a decision of `kind` on `recommendation` of an
    /// exception whose most urgent affected customer tier is `worstTier`, and the
    /// policy rule that asks for it (engine::approvalNeeded): for an approval at the
    /// recommendation's cost, for an override at its cost at `quantity` (the cost
    /// scaled by it).
    static engine::ApprovalNeed approvalNeed(const engine::Recommendation &recommendation,
        Decision::Kind kind, double quantity, int worstTier, const engine::Policy &policy);
    /// approvalNeed()'s role.
    static engine::Role roleNeeded(const engine::Recommendation &recommendation,
        Decision::Kind kind, double quantity, int worstTier, const engine::Policy &policy)
    {
        return approvalNeed(recommendation, kind, quantity, worstTier, policy).role;
    }

    /// The identity of a recommendation's action that a decision keeps: what moves,
    /// how many, from and to where (not when: dates move with the snapshot).
    static QString actionKey(const engine::Recommendation &r);

private:
    /// `checker` approves `first` a second time, inside `transaction` (committed here).
    /// `planned`: what the approval brings, planned supply once approved twice.
    Result<Decision> check(Decision first, const User &checker, AuditEvent event,
        Transaction &transaction, const std::optional<engine::PlannedAction> &planned,
        qint64 snapshotVersion);
    /// `autoRule`: taken by the system under that rule of the policy's auto_approve
    /// (its index), which must still let it approve the recommendation.
    Result<Decision> decide(const QString &exceptionId, int recommendationIndex,
        Decision::Kind kind, double quantity, const QString &reasonCode, const User &user,
        const QString &comment, qint64 expectedRunId, int autoRule = -1);

    /// decide() once the exception is known: `subject` holds it, its run, policy and
    /// rows; `user` is confirmed already.
    Result<Decision> decideOn(const Explanation &subject, int recommendationIndex,
        Decision::Kind kind, double quantity, const QString &reasonCode, const User &user,
        const QString &comment, int autoRule);

    Store &m_store;
    SnapshotCatalog &m_snapshots;
    ScoreRuns &m_runs;
    UserStore &m_users;
};

} // namespace model
