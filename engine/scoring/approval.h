#pragma once
// Who may approve a recommendation under the policy's approval limits, and which
// recommendations the policy lets the system approve itself. The window, the command
// line and the store all ask these functions, so the rule is the same everywhere.

#include "engine/core/policy.h"
#include "engine/core/role.h"
#include "engine/scoring/scoringoutput.h"

#include <string>
#include <string_view>

namespace engine {

/// The least role that may approve an action, and the policy field that asks for it.
struct ApprovalNeed {
    Role role = Role::Planner;
    /// The rule that keeps the role below `role` from approving it, as the policy
    /// names it ("approval_limits[2]", "planner_approval_limit"); empty for a planner.
    std::string rule;
    /// That rule's limit: the most the role below may approve here.
    double limit = 0;
};

/// The least role that may approve `action` at `cost` for an exception whose most
/// urgent affected customer tier is `worstTier` (0: no order line affected).
///
/// Per role, the rule naming the action counts, else the one naming "*", else (for a
/// planner) planner_approval_limit; tier rules whose tier the exception reaches
/// tighten it. A role may approve what costs at most its limit; a manager without a
/// rule, and an admin, may approve anything.
ApprovalNeed approvalNeeded(const Policy &policy, Action action, double cost, int worstTier);

/// "approval_limits[2] (planner, transfer, tier 1: up to 500)" or
/// "planner_approval_limit (5000)": the rule of `need` as a person reads it.
std::string describeRule(const Policy &policy, const ApprovalNeed &need);

/// The index in policy.autoApprove of the first rule that lets the system approve
/// `recommendation` of an exception whose most urgent affected tier is `worstTier`,
/// -1 when none does. Only what a planner may approve, what needs no second approver
/// and what arrives in time (or is the item plan's own) qualifies.
int autoApproveRule(const Policy &policy, const Recommendation &recommendation, int worstTier);

/// "auto_approve[0] (transfer up to 250, not where a tier-1 customer is affected)":
/// rule `index` of the policy's auto_approve as a person reads it.
std::string describeAutoRule(const Policy &policy, int index);

/// The action named `name` ("transfer", ...); false when it names none.
bool parseAction(std::string_view name, Action &out);

} // namespace engine
