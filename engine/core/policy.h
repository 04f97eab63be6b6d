#pragma once
// The scoring policy: every tunable number of the scoring model, with the defaults
// documented in docs/scoring.md and shipped in resources/policy/default-policy.json.
// Parsing the JSON file is model/'s job (policyjson.h); the engine takes this struct.

#include "engine/core/role.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace engine {

/// The eight factors of docs/scoring.md, in the order they are shown.
enum class FactorKind : int {
    MarginAtRisk,
    SlaPenalty,
    OrderAging,
    LeadTimeVolatility,
    CapacityPressure,
    CarryingCost,
    ShelfLifeRisk,
    CountDiscrepancyRisk,
    Count
};
inline constexpr int kFactorCount = static_cast<int>(FactorKind::Count);
/// Stable snake_case name used in JSON and the store ("margin_at_risk", ...).
const char *factorName(FactorKind kind);

/// The six exception types (work queues), in queue order.
enum class ExceptionType : int {
    Shortage,
    Replenishment,
    LateSupply,
    Allocation,
    Excess,
    CycleCount,
    Count
};
inline constexpr int kExceptionTypeCount = static_cast<int>(ExceptionType::Count);
/// "shortage", "replenishment", "late_supply", "allocation", "excess", "cycle_count".
const char *exceptionTypeName(ExceptionType type);
/// Inverse of exceptionTypeName; false when the name is unknown.
bool parseExceptionType(const std::string &name, ExceptionType &out);

/// What the queue is ranked by: what acting as recommended can save (the default), or
/// the exposure (the cost of doing nothing, the score). Ties go to the higher score,
/// then the earlier need date, then the id.
enum class RankBy : std::uint8_t { CanSave, Exposure };

/// One approval limit (policy key approval_limits): the most `role` may approve of a
/// recommendation of `action`, by its cost. A rule with a `tier` applies only where
/// the exception affects an order line of a customer of that tier or a more urgent
/// one, and tightens what the role may approve there (docs/scoring.md, "Approval
/// limits").
struct ApprovalLimit {
    Role role = Role::Planner; ///< planner or manager: an admin may approve anything
    std::string action = "*"; ///< an action name (actionName()), or "*" for any
    int tier = 0; ///< 1..3; 0: whatever the customers affected
    double maxCost = 0;
};

/// One rule of automatic approval (policy key auto_approve): when a run is scored,
/// the system approves the recommendation the window would approve first when it is
/// of `action`, costs at most `maxCost`, a planner may approve it, it needs no second
/// approver, and (with `skipTier`) no customer of that tier or a more urgent one is
/// affected.
struct AutoApproveRule {
    std::string action; ///< an action name; never "*"
    double maxCost = 0;
    int skipTier = 0; ///< 1..3; 0: whatever the customers affected
};

struct Policy {
    RankBy rankBy = RankBy::CanSave;
    int horizonDays = 28; ///< planning horizon from as_of
    double holdingCostRate = 0.25; ///< per year, as a share of unit cost
    /// Cost of one unit one day late as a share of the line's price, by customer tier
    /// 1..3 (index 0..2); a customer's own late_penalty_per_unit_day wins over it.
    std::array<double, 3> tierPenaltySharePerDay {0.02, 0.01, 0.005};
    /// Tier assumed for forecast demand that is not on an order yet.
    int forecastDemandTier = 2;
    /// Service (non-stockout) targets by ABC class A, B, C; index 3 is "no class".
    std::array<double, 4> serviceTarget {0.98, 0.95, 0.90, 0.95};
    /// Share of an order line's value lost per day it is past due (order_aging).
    double agingRatePerDay = 0.01;
    /// Days of waiting after which a short unit's sale counts as lost: each day late
    /// puts 1/lostSaleDays of its margin at risk (margin_at_risk); a unit no supply
    /// covers within the horizon is lost outright.
    int lostSaleDays = 28;
    /// Share of value per horizon charged for stock that does not fit a location.
    double overflowCostRate = 0.05;
    /// Days of cover beyond which stock counts as excess.
    double excessDaysOfCover = 120.0;
    /// Minimum value (units x unit cost) before excess is raised.
    double excessMinValue = 500.0;
    /// Cycle count: the count interval. A count older than this many days is stale, and
    /// the chance that the books are wrong grows with the intervals since the last one;
    /// stock never counted counts as two intervals old.
    int countStaleDays = 90;
    /// Cycle count: the variance rate assumed where the snapshot gives none. 0 (the
    /// default): a SKU-location without a rate raises no count, so an ERP that exports
    /// no count history does not put every SKU in the queue.
    double countDefaultVarianceRate = 0.0;
    /// Cycle count: how far off a wrong count typically is, as a share of the units on
    /// the books. Only the orders those units serve are at risk, not all the stock.
    double countErrorShare = 0.25;
    /// Cycle count: minimum variance rate before a count is suggested.
    double countMinVarianceRate = 0.05;
    /// Cost of one cycle count of one SKU-location.
    double countCost = 25.0;
    /// Restocking fee when returning excess to the supplier, as a share of value.
    double returnCostRate = 0.15;
    /// Fixed cost of placing a purchase order.
    double purchaseOrderCost = 50.0;
    /// Share of an SLA penalty avoided by telling the customer early.
    double notifyPenaltyReduction = 0.25;
    /// Orders due up to this many days after as_of count as "due now" for allocation.
    int allocationWindowDays = 0;
    /// Minimum score for an exception of each type to be raised (by ExceptionType).
    std::array<double, kExceptionTypeCount> minScore {0.01, 1.0, 0.0, 0.01, 1.0, 1.0};
    /// Factor weights (by FactorKind); the value of a factor is weight x amount.
    std::array<double, kFactorCount> weights {1, 1, 1, 1, 1, 1, 1, 1};
    /// Recommendations costing at most this need only a planner; above it, a manager.
    double plannerApprovalLimit = 5000.0;
    /// An approval (or override) costing more than this needs a second approver, who
    /// may not be the one who approved it first (maker and checker); 0: never.
    double secondApprovalAbove = 20000.0;
    /// Governance, not scoring: an exception type whose override rate (overrides and
    /// rejections over all decisions) stays above this share for overrideDriftWeeks
    /// weeks in a row is flagged as drifting on the override history page; 0: never.
    double overrideDriftThreshold = 0.3;
    int overrideDriftWeeks = 2;
    /// Approval limits by role, action and customer tier; when none names the planner
    /// for an action, plannerApprovalLimit is the planner's limit. Empty by default.
    std::vector<ApprovalLimit> approvalLimits;
    /// What the system approves itself when a run is scored; none by default.
    std::vector<AutoApproveRule> autoApprove;
};

} // namespace engine
