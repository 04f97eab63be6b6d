#pragma once
// The item plan: one optimal plan for one item across its locations and days. Firm
// stock (on hand, transfers in transit, PO receipts) meets the item's demand lines
// as well as it can; transfers over lanes, expedites of PO receipts and new
// purchases are added only where they save more than they cost. The plan and the
// do-nothing baseline (firm stock only, each location serving its own lines) come
// from the same time-expanded min-cost flow, so their costs are comparable and no
// unit is promised twice. See docs/scoring.md ("Principle") for why.
//
// Quantities are whole units. A caller whose item is counted in fractions scales
// them first (for example tenths of a kilogram) and the costs per unit with them.

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

namespace engine::planning {

using Units = std::int64_t;
/// "No limit" for capacities and maximum quantities.
inline constexpr Units kUnlimited = -1;
/// "Any day" for day limits.
inline constexpr int kUnlimitedDay = -1;

/// One location of the item. Costs are in the snapshot's currency.
struct PlanLocation {
    Units onHand = 0; ///< free stock on day 0
    /// Units the location can receive a day (all arrivals: receipts, transfers,
    /// purchases). A day whose booked arrivals (in transit, PO receipts at their
    /// expected day) already exceed it keeps them and takes nothing more.
    Units receivingPerDay = kUnlimited;
    /// Units the location can hold overnight without cost beyond holding; units
    /// above it cost overflowCostPerUnitDay more (capacity_pressure). Soft.
    Units storage = kUnlimited;
    double holdingCostPerUnitDay = 0;
    double overflowCostPerUnitDay = 0;
    /// The most units the location may send away by transfer (what it can spare after
    /// its own orders, forecast and safety stock). A limited location ships on day 0
    /// only: every lane out of it must have lastShipDay 0.
    Units maxShipped = kUnlimited;
};

/// A transfer already shipped to `location`, arriving on `arrivalDay` (days from
/// as_of; a day before 0 counts on day 0, a day after the horizon is not planned).
struct InTransit {
    int location = 0;
    int arrivalDay = 0;
    Units qty = 0;
};

/// An earlier day a PO receipt can be moved to, at a cost per unit moved.
struct ExpediteOption {
    int day = 0;
    double costPerUnit = 0;
    Units maxQty = kUnlimited;
};

/// An open PO receipt on its expected day. It may be expected after the horizon,
/// in which case only an expedite brings it into the plan.
struct PoReceipt {
    int location = 0;
    int expectedDay = 0;
    Units qty = 0;
    std::vector<ExpediteOption> expedites;
    std::int64_t ref = -1; ///< the caller's PO line
};

/// A purchase the plan may place today, arriving on `arrivalDay`. The fixed cost is
/// paid once when anything is ordered. The optimum is found for any quantity; the
/// ordered quantity is then rounded up to minQty and to a multiple of `multiple`
/// (see Plan::modelCost).
struct PurchaseOption {
    int location = 0;
    int arrivalDay = 0;
    double costPerUnit = 0;
    double fixedCost = 0;
    Units minQty = 0;
    Units multiple = 1;
    Units maxQty = kUnlimited;
    std::int64_t ref = -1; ///< the caller's supplier or source
};

/// A lane between two locations of the item; one shipment may leave each day.
struct Lane {
    int from = 0;
    int to = 0;
    int transitDays = 1;
    double costPerUnit = 0;
    Units capacityPerDay = kUnlimited;
    double fixedCostPerShipment = 0;
    /// The last day a shipment may leave; kUnlimited: any day of the horizon. A plan
    /// that recommends what to ship today sets 0.
    int lastShipDay = kUnlimitedDay;
    /// Units the origin keeps back for this destination (its own forecast and safety
    /// stock when the origin replenishes it): they may leave over this lane on top of
    /// the origin's maxShipped, and over no other.
    Units reservedForDestination = 0;
    std::int64_t ref = -1; ///< the caller's lane
};

/// A demand line. A line already past due has dueDay < 0 and is due on day 0: the
/// lateness already incurred is history; only lateness still to come costs.
struct Demand {
    int location = 0;
    int dueDay = 0;
    Units qty = 0;
    /// The cost of a unit not served within the horizon (what doing nothing
    /// about it costs: margin lost, penalties).
    double unservedCostPerUnit = 0;
    double lateCostPerUnitDay = 0;
    /// What a lost sale of one unit costs (its margin). A customer who waits may walk
    /// away: the share of the sale lost grows by 1/lostSaleDays a day late, counted
    /// from the line's own due date (daysPastDue before day 0), up to the whole; only
    /// the growth from day 0 on is a cost of the plan. lostSaleDays 0: the whole sale
    /// is at risk on the first day late.
    double lostSaleCostPerUnit = 0;
    int lostSaleDays = 0;
    int daysPastDue = 0; ///< days the line was already late on day 0 (history)
    std::int64_t ref = -1; ///< the caller's order line or need
};

/// The share of a sale lost after `daysLate` days late (see Demand).
double lostSaleShare(const Demand &d, int daysLate);

/// What serving one unit of `d` costs when it ships `daysLate` days after
/// max(dueDay, 0): the cost per day late and the growth of the lost-sale share.
double lateCostPerUnit(const Demand &d, int daysLate);

/// One item's planning problem. Days run 0..horizonDays from as_of.
struct Input {
    int horizonDays = 28;
    std::vector<PlanLocation> locations;
    std::vector<InTransit> inTransit;
    std::vector<PoReceipt> receipts;
    std::vector<PurchaseOption> purchases;
    std::vector<Lane> lanes;
    std::vector<Demand> demands;
};

struct LateUnits {
    int days = 0; ///< after max(dueDay, 0)
    Units qty = 0;
};

/// What happens to one demand line.
struct DemandOutcome {
    Units onTime = 0;
    Units late = 0;
    Units unserved = 0;
    std::vector<LateUnits> lateBy; ///< by days late, ascending
    double cost = 0; ///< lateness + unserved cost of this line
};

/// Units of an action that reach a demand line.
struct Allocation {
    int demand = 0;
    Units qty = 0;
};

enum class ActionKind { Transfer, Expedite, Purchase };

/// One action of the plan with the demand lines it is for.
struct Action {
    ActionKind kind = ActionKind::Transfer;
    int index = 0; ///< the lane, PO receipt or purchase option in Input
    int option = -1; ///< expedite: the option of the receipt
    int fromLocation = -1; ///< transfer only
    int location = 0; ///< where the units arrive
    int day = 0; ///< transfer: ship day; expedite: the receipt's expected day; purchase: 0
    int arrivalDay = 0;
    Units qty = 0; ///< units the plan moves
    Units orderedQty = 0; ///< purchase: qty rounded to minimum and multiple; else qty
    double cost = 0; ///< variable + fixed cost of the action
    std::vector<Allocation> serves;
    Units keptInStock = 0; ///< units that serve no line (rounding, storage relief)
};

/// The cost of a plan, by kind.
struct PlanCosts {
    double holding = 0;
    double overflow = 0;
    double lateness = 0;
    double unserved = 0;
    double transfers = 0;
    double expedites = 0;
    double purchases = 0;
    double total() const
    {
        return holding + overflow + lateness + unserved + transfers + expedites + purchases;
    }
};

/// The optimal plan of one item, beside its do-nothing baseline.
struct Plan {
    /// Cost of the plan as recommended (purchases at their rounded quantities).
    double cost = 0;
    PlanCosts costs;
    /// The optimum of the model before rounding purchases to minimum and multiple:
    /// what toCplexLp() describes. cost >= modelCost; equal when nothing is rounded.
    double modelCost = 0;
    /// Cost of doing nothing: firm stock only, each location serving its own lines
    /// as well as it can. cost <= doNothingCost.
    double doNothingCost = 0;
    PlanCosts doNothingCosts;
    /// Per location: what its stock above the storage capacity costs with the plan and
    /// doing nothing (the overflow part of costs.overflow, in currency).
    std::vector<double> overflowAt, doNothingOverflowAt;
    std::vector<DemandOutcome> demands; ///< as Input::demands
    std::vector<DemandOutcome> doNothing; ///< as Input::demands
    std::vector<Action> actions; ///< transfers, expedites, purchases; by kind, then day
    /// False when the search over fixed costs stopped at Options::maxBranchNodes;
    /// the plan is then the best found and modelCost a lower bound.
    bool optimal = true;
    int branchNodes = 0; ///< flow problems solved for the fixed costs
};

struct PlanError {
    std::string message;
};

struct PlanOptions {
    int maxBranchNodes = 20000;
};

/// The optimal plan for `input`, or why it cannot be planned (bad input).
std::expected<Plan, PlanError> optimiseItemPlan(
    const Input &input, const PlanOptions &options = {});

/// The optimum of the model's linear relaxation: every fixed cost spread over the
/// most units its shipment or purchase could carry (the search's root bound in
/// optimiseItemPlan()). At most Plan::modelCost, equal when nothing has a fixed cost.
/// The network simulation (engine/simulation) prices fixed costs the same way, so
/// this is what it adds up to when the items share no capacity.
std::expected<double, PlanError> relaxedModelCost(const Input &input);

/// The model optimiseItemPlan() solves (before rounding), in CPLEX LP format, so that
/// an independent solver (glpsol --lp) can check its optimum.
std::expected<std::string, PlanError> toCplexLp(const Input &input);

} // namespace engine::planning
