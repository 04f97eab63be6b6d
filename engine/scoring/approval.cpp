#include "engine/scoring/approval.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace engine {

namespace {

constexpr double kUnlimited = std::numeric_limits<double>::infinity();
constexpr int kActionCount = static_cast<int>(Action::CycleCount) + 1;

bool reachesTier(int ruleTier, int worstTier)
{
    return ruleTier == 0 || (worstTier > 0 && worstTier <= ruleTier);
}

/// The limit of `role` for `action` and the rule that sets it.
struct Limit {
    double maxCost = kUnlimited;
    std::string rule;
};

Limit limitOf(const Policy &policy, Role role, const char *action, int worstTier)
{
    Limit limit;
    // The base rule: the one naming the action, else the one naming "*".
    int exact = -1, any = -1;
    for (std::size_t i = 0; i < policy.approvalLimits.size(); ++i) {
        const ApprovalLimit &r = policy.approvalLimits[i];
        if (r.role != role || r.tier != 0)
            continue;
        if (r.action == action && exact < 0)
            exact = int(i);
        else if (r.action == "*" && any < 0)
            any = int(i);
    }
    const int base = exact >= 0 ? exact : any;
    if (base >= 0) {
        limit.maxCost = policy.approvalLimits[std::size_t(base)].maxCost;
        limit.rule = "approval_limits[" + std::to_string(base) + ']';
    } else if (role == Role::Planner) {
        limit.maxCost = policy.plannerApprovalLimit;
        limit.rule = "planner_approval_limit";
    }
    // Tier rules the exception reaches tighten it.
    for (std::size_t i = 0; i < policy.approvalLimits.size(); ++i) {
        const ApprovalLimit &r = policy.approvalLimits[i];
        if (r.role != role || r.tier == 0 || !reachesTier(r.tier, worstTier))
            continue;
        if ((r.action == action || r.action == "*") && r.maxCost < limit.maxCost) {
            limit.maxCost = r.maxCost;
            limit.rule = "approval_limits[" + std::to_string(i) + ']';
        }
    }
    return limit;
}

std::string money(double value)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

} // namespace

ApprovalNeed approvalNeeded(const Policy &policy, Action action, double cost, int worstTier)
{
    const char *name = actionName(action);
    ApprovalNeed need;
    // A cost that is not a number is approved by nobody below an admin.
    const bool finite = std::isfinite(cost);
    const Limit planner = limitOf(policy, Role::Planner, name, worstTier);
    if (finite && cost <= planner.maxCost)
        return need;
    need.role = Role::Manager;
    need.rule = planner.rule;
    need.limit = planner.maxCost;
    const Limit manager = limitOf(policy, Role::Manager, name, worstTier);
    if (finite && cost <= manager.maxCost)
        return need;
    need.role = Role::Admin;
    need.rule = manager.rule;
    need.limit = manager.maxCost;
    return need;
}

std::string describeRule(const Policy &policy, const ApprovalNeed &need)
{
    if (need.rule.empty())
        return {};
    if (need.rule == "planner_approval_limit")
        return need.rule + " (" + money(policy.plannerApprovalLimit) + ')';
    const std::size_t open = need.rule.find('[');
    const std::size_t index = std::stoul(need.rule.substr(open + 1));
    if (index >= policy.approvalLimits.size())
        return need.rule;
    const ApprovalLimit &r = policy.approvalLimits[index];
    std::string text = need.rule + " (" + roleName(r.role) + ", "
        + (r.action == "*" ? std::string("any action") : r.action);
    if (r.tier > 0)
        text += ", affecting tier " + std::to_string(r.tier)
            + (r.tier > 1 ? " or a more urgent tier" : "");
    return text + ": up to " + money(r.maxCost) + ')';
}

int autoApproveRule(const Policy &policy, const Recommendation &recommendation, int worstTier)
{
    if (!(recommendation.feasible || recommendation.inPlan) || !std::isfinite(recommendation.cost))
        return -1;
    if (approvalNeeded(policy, recommendation.action, recommendation.cost, worstTier).role
        != Role::Planner)
        return -1;
    if (policy.secondApprovalAbove > 0 && recommendation.cost > policy.secondApprovalAbove)
        return -1;
    const char *name = actionName(recommendation.action);
    for (std::size_t i = 0; i < policy.autoApprove.size(); ++i) {
        const AutoApproveRule &r = policy.autoApprove[i];
        if (r.action != name || recommendation.cost > r.maxCost)
            continue;
        if (r.skipTier > 0 && worstTier > 0 && worstTier <= r.skipTier)
            continue;
        return int(i);
    }
    return -1;
}

std::string describeAutoRule(const Policy &policy, int index)
{
    std::string name = "auto_approve[" + std::to_string(index) + ']';
    if (index < 0 || std::size_t(index) >= policy.autoApprove.size())
        return name;
    const AutoApproveRule &r = policy.autoApprove[std::size_t(index)];
    std::string text = name + " (" + r.action + " up to " + money(r.maxCost);
    if (r.skipTier > 0)
        text += r.skipTier == 1 ? std::string(", not where a tier-1 customer is affected")
                                : ", not where a customer of tier " + std::to_string(r.skipTier)
                + " or above is affected";
    return text + ')';
}

bool parseAction(std::string_view name, Action &out)
{
    for (int i = 0; i < kActionCount; ++i) {
        if (name == actionName(static_cast<Action>(i))) {
            out = static_cast<Action>(i);
            return true;
        }
    }
    return false;
}

} // namespace engine
