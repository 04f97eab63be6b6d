#pragma once
// What scoring produces: ranked exceptions, each the exact sum of named factors,
// with its risk figures, affected order lines and recommendations.

#include "engine/core/date.h"
#include "engine/core/policy.h"
#include "engine/core/role.h"
#include "engine/core/snapshot.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace engine {

inline constexpr const char *kScoringVersion = "pwb-score/3";

/// The pinned stochastic risk of one SKU-location (docs/scoring.md, "The risk block").
struct RiskFigures {
    bool defined = false; ///< false when the SKU-location has no lead time to reason over
    double leadTimeDays = 0, leadTimeStdDays = 0;
    double dailyDemand = 0, dailyDemandStd = 0;
    double leadTimeDemandMean = 0, leadTimeDemandStd = 0;
    double inventoryPosition = 0;
    double z = 0; ///< +/-inf when sigma is 0
    double stockoutProbability = 0;
    double expectedUnitsShort = 0;
    double orderQty = 0;
    double fillRate = 1;
};

struct Factor {
    FactorKind kind {};
    double amount = 0; ///< unweighted, in currency
    double weight = 1;
    double value() const { return amount * weight; }
    /// Inputs used, in display order, e.g. {"units", 83}, {"unit_margin", 74.7}.
    std::vector<std::pair<std::string, double>> detail;
    std::string text; ///< one plain sentence
};

struct OrderImpact {
    Index salesOrder = kNone; ///< row in Snapshot::salesOrders
    std::string orderId;
    std::int32_t line = 0;
    std::string customerId;
    int tier = 0;
    double qtyOpen = 0, qtyShort = 0;
    Date dueDate = kNoDate;
    int daysLate = 0; ///< expected days late of the short units
};

enum class Action : int {
    Transfer,
    Expedite,
    Purchase,
    Substitute,
    NotifyCustomerService,
    SupplierFollowUp,
    Allocate,
    ReturnToSupplier,
    CycleCount
};
/// "transfer", "expedite", ... as in docs/scoring.md.
const char *actionName(Action action);

struct Recommendation {
    Action action {};
    double qty = 0;
    double cost = 0;
    double benefit = 0; ///< reduction of the exception's cost if carried out
    double netBenefit() const { return benefit - cost; }
    bool feasible = true; ///< false when it cannot arrive by the need date
    /// Part of the item's optimal plan: worth doing even when it arrives after the
    /// need date (the lines it serves ship late instead of later or never).
    bool inPlan = false;
    Role requiresRole = Role::Planner; ///< the least role that may approve it
    std::string text; ///< one plain sentence
    // Action-specific fields; empty / kNoDate when not relevant.
    std::string fromLocationId; ///< transfer
    Date arrivalDate = kNoDate; ///< transfer, purchase, substitute
    std::string poId; ///< expedite, supplier_follow_up
    std::int32_t poLine = 0;
    Date newExpectedDate = kNoDate; ///< expedite
    std::string substituteItemId; ///< substitute
    std::string toLocationId; ///< transfer out of excess
    std::string supplierId; ///< purchase, return_to_supplier
    /// Order lines concerned (notify_customer_service, allocate): (order id, line, qty).
    struct OrderLine {
        std::string orderId;
        std::int32_t line = 0;
        double qty = 0;
    };
    std::vector<OrderLine> orderLines;
};

/// One projected day of a SKU-location (for charts and "why not?").
struct ProjectionDay {
    Date date = kNoDate;
    double balance = 0; ///< projected stock at the end of the day
    double receipts = 0; ///< POs and inbound transfers arriving that day
    double ordersDue = 0; ///< open order quantity due that day
    double forecast = 0; ///< forecast demand that day
    double outbound = 0; ///< transfers leaving that day
};

struct ExceptionRecord {
    std::string id; ///< e.g. "shortage:SKU123@DC-EAST", stable for a snapshot
    ExceptionType type {};
    Index itemLocation = kNone;
    Index item = kNone, location = kNone;
    int rank = 0; ///< 1 = first; set by rank()
    double score = 0; ///< sum of factor values
    Date needDate = kNoDate;
    std::vector<Factor> factors; ///< only those that apply, largest value first
    std::vector<OrderImpact> orders;
    std::vector<Recommendation> recommendations; ///< feasible first, best net benefit first
    std::vector<std::string> related; ///< ids of exceptions this one refers to
    /// The most urgent customer tier among the affected order lines (1 = top), 0 when
    /// no order line is affected. Set by scoring and analysis alike.
    int worstTier = 0;
    /// What acting as recommended saves of the score: for a shortage, what its share
    /// of the item plan saves (exposure - cost left after the plan - the plan's own
    /// cost) plus the notice it still needs; otherwise the best net benefit among its
    /// recommendations. Between 0 and the score.
    double canSave = kUnset;
    /// The largest factor, or nullptr when there is none.
    const Factor *topFactor() const;
    /// The first recommendation that is feasible or part of the item plan, or nullptr.
    const Recommendation *topRecommendation() const;
    /// The first recommendation listed, feasible or not (a late purchase when nothing
    /// arrives in time), or nullptr when there is none.
    const Recommendation *bestRecommendation() const;
};

/// Everything known about one SKU-location after scoring, exception or not.
/// One action of an item's plan, with where its units go.
struct PlanStep {
    /// The action as a recommendation at its destination: action, quantity, cost,
    /// dates, source, supplier or PO, sentence. Its benefit is what it saves there.
    Recommendation action;
    std::string toLocationId; ///< where the units arrive
    /// Units it brings to each location's order lines (location id, units), and the
    /// units left in stock at the destination (rounding up a purchase, for instance).
    std::vector<std::pair<std::string, double>> serves;
    double keptInStock = 0;
};

/// What the plan changes at one location of the item.
struct PlanLocationOutcome {
    std::string locationId;
    /// Units of its order lines late or never served, doing nothing and with the plan.
    double unitsLateDoingNothing = 0, unitsLateWithPlan = 0;
    /// Of those, the units not served within the horizon at all.
    double unitsUnservedDoingNothing = 0, unitsUnservedWithPlan = 0;
    /// What the plan saves on its lines, net of the share of action costs spent on them.
    double saving = 0;
};

/// The whole plan of one item: every location it touches, every action.
struct ItemPlanView {
    bool planned = false; ///< false: no location of the item is short
    double doNothingCost = 0; ///< the cost of doing nothing, in the plan's terms
    double planCost = 0; ///< the cost with the plan, actions included
    std::vector<PlanStep> steps;
    std::vector<PlanLocationOutcome> locations; ///< the short ones, in snapshot order
};

struct ItemLocationAnalysis {
    Index itemLocation = kNone;
    ItemPlanView plan; ///< the plan of the SKU-location's item
    RiskFigures risk;
    std::vector<ProjectionDay> projection; ///< as_of .. as_of + horizon
    std::vector<ExceptionRecord> exceptions; ///< unranked
};

/// What the ranked queue keeps of one exception: plain numbers, no text, so a run of
/// a million SKU-locations holds a few hundred thousand of them in one allocation.
/// Its figures are those of the ExceptionRecord that analyse() gives for the same
/// SKU-location (the same code computes both; only the sentences are skipped).
struct ExceptionSummary {
    ExceptionType type {};
    Index itemLocation = kNone;
    Index item = kNone, location = kNone;
    /// The supplier the best recommendation names (a late PO's, the one to buy from or
    /// return to), else the SKU-location's own; kNone when neither.
    Index supplier = kNone;
    int rank = 0; ///< 1 = first; set by rank()
    Date needDate = kNoDate;
    double score = 0; ///< sum of weighted factor values
    /// Unweighted amount of each factor, by FactorKind; 0 when it does not apply.
    std::array<double, kFactorCount> amounts {};
    std::int8_t topFactor = -1; ///< FactorKind of the largest factor, -1 when none
    /// Action of the best recommendation (ExceptionRecord::bestRecommendation), feasible
    /// or not, so a planner sees the best move even when all of them arrive late; -1
    /// when there is none.
    std::int8_t action = -1;
    std::int8_t worstTier = 0; ///< as ExceptionRecord::worstTier
    /// Whether the best recommendation arrives by the need date or, late, is part of the
    /// item plan (worth doing all the same); false when there is none.
    bool actionFeasible = false;
    double actionCost = kUnset; ///< cost of the best recommendation; kUnset when none
    double canSave = 0; ///< as ExceptionRecord::canSave
};

/// How much planning a scoring run did (for benchmarks and the import summary).
struct PlanStats {
    std::int64_t itemsPlanned = 0; ///< items with a plan (solved, or kept from the last run)
    std::int64_t itemsFromMemo = 0; ///< of those, plans kept from the last run, not solved
    std::int64_t flowProblems = 0; ///< min-cost flows solved, every branch node included
    double cpuSeconds = 0; ///< time spent planning, summed over the workers
};

struct RankedQueue {
    std::string scoringVersion = kScoringVersion;
    PlanStats planStats;
    std::vector<ExceptionSummary> exceptions; ///< ranked: exceptions[i].rank == i + 1
    bool cancelled = false;
};

} // namespace engine
