#pragma once
// A planner's decision on one recommendation, as the audit trail keeps it.

#include <QString>
#include <QtGlobal>

#include <array>

namespace model {

/// Why a planner changed or turned down a recommendation: one of a fixed list, so
/// that managers can count them (plus the decision's free-text comment).
struct ReasonCode {
    const char *code; ///< stored and scripted: "customer_agreed_to_wait", ...
    const char *label; ///< shown
};
/// Every reason code, in the order a list shows them.
const std::array<ReasonCode, 7> &reasonCodes();
/// Whether `code` is one of reasonCodes().
bool isReasonCode(const QString &code);

/// A planner's decision on one recommendation: approve it, approve it at another
/// quantity (override, with a reason), or reject it.
struct Decision {
    enum Kind : quint8 { None = 0, Approved = 1, Rejected = 2, Overridden = 3 };
    qint64 id = 0;
    QString exceptionId;
    int recommendationIndex = 0; ///< position in ExceptionRecord::recommendations
    QString action; ///< engine action name
    Kind kind = None;
    QString user;
    QString comment;
    /// Overridden: the quantity approved instead of the recommended one.
    double overrideQty = 0;
    /// Overridden (required) or rejected (optional): a code of reasonCodes().
    QString reasonCode;
    QString decidedAt; ///< ISO 8601 UTC
    qint64 runId = 0; ///< the run it was taken on
    /// What the decision is about: action, quantity, locations, PO line, supplier and
    /// substitute of the recommendation (not its dates, which move with the snapshot).
    QString actionKey;
    /// Above the policy's second_approval_above: it needs a second approver, and
    /// stands but is not exported until one (not its own user) has approved it too.
    bool needsCheck = false;
    QString checkedBy; ///< the second approver, once there is one
    QString checkedAt; ///< ISO 8601 UTC
    bool awaitingCheck() const { return needsCheck && checkedBy.isEmpty(); }
    /// The policy rule by which the system took it ("auto_approve[0]"), user "system";
    /// empty for a person's decision.
    QString autoRule;
    bool automatic() const { return !autoRule.isEmpty(); }
    /// Taken on an earlier run and standing on this one, where the same action is
    /// still recommended for the same exception (recommendationIndex is its place now).
    bool carried = false;
    // recommendationIndex is -1 for an approval the run counted as planned supply
    // (PlannedActions): the run no longer recommends what is already on its way.
};

} // namespace model
