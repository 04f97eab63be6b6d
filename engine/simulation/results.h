#pragma once
// What a network plan means for the supply teams: units moved and what moving them
// costs, the value of the order lines it serves on time and the exposure it leaves,
// fill rates, how full each lane runs, and summaries per location and per item; and
// the differences between two scenarios' results.

#include "engine/simulation/networkmodel.h"

#include <vector>

namespace engine::simulation {

/// One snapshot lane over the horizon.
struct LaneUse {
    Index lane = kNone;
    Index from = kNone, to = kNone;
    Units capacityPerDay = kUnlimited;
    double units = 0; ///< units leaving over it (on any hop of any route), all days
    double peakPerDay = 0; ///< the most units leaving over it on one day
    int peakDay = 0;
    int daysFull = 0; ///< days it carries its whole capacity
    /// peakPerDay / capacityPerDay; 0 when unlimited.
    double peakUtilisation() const
    {
        return capacityPerDay > 0 ? peakPerDay / static_cast<double>(capacityPerDay) : 0.0;
    }
};

struct LocationSummary {
    Index location = kNone;
    double unitsIn = 0, unitsOut = 0; ///< transfers the plan makes
    double transferCost = 0; ///< what the transfers into it cost
    double orderUnits = 0, onTimeUnits = 0; ///< order lines due within the horizon
    double tier1Units = 0, tier1OnTimeUnits = 0; ///< of them, tier-1 customers' lines
    double valueCovered = 0; ///< as SimulationResult::valueCovered, of its lines
    double exposureLeft = 0; ///< lateness and unserved cost of its lines with the plan
};

struct ItemSummary {
    Index item = kNone;
    double cost = 0; ///< the item's part of the objective
    double unitsMoved = 0, transferCost = 0;
    double valueCovered = 0, exposureLeft = 0;
    /// The order lines the item's plan holds (not those its own stock serves anyway).
    double orderUnits = 0, onTimeUnits = 0, tier1Units = 0, tier1OnTimeUnits = 0;
};

struct SimulationResult {
    double objective = 0; ///< the plan's cost (NetworkPlan::objective)
    int itemsPlanned = 0, itemsSkipped = 0;
    double unitsMoved = 0; ///< units shipped over routes
    double transferCost = 0, expediteCost = 0, purchaseCost = 0;
    double unitsExpedited = 0, unitsPurchased = 0;
    /// Units of order lines served on time times what each unit not served would cost
    /// (its margin and penalties: the unserved cost of the item plan).
    double valueCovered = 0;
    /// What the order lines still cost with the plan: lateness and unserved units.
    double exposureLeft = 0;
    /// On-time units over ordered units, of tier-1 customers' lines and of all lines
    /// due within the horizon (those the plan holds and those served from own stock).
    double fillRateTier1 = 1, fillRateAll = 1;
    double orderUnits = 0, onTimeUnits = 0, tier1Units = 0, tier1OnTimeUnits = 0;
    std::vector<LaneUse> lanes; ///< per snapshot lane
    std::vector<LocationSummary> locations; ///< per snapshot location
    std::vector<ItemSummary> items; ///< per planned item, as NetworkModel::items
};

/// The result of `plan`, solved from `model`.
SimulationResult summarise(const NetworkModel &model, const NetworkPlan &plan);

/// What one item's plan does for its order lines at one snapshot location (not for
/// transfers promised to leave from there), priced as the plan prices them: against
/// a unit not served within the horizon (its unserved cost: margin lost and every day
/// of penalty to the horizon end), a unit on time saves all of it and a unit served
/// late all of it less the lateness it still costs. The two together are what the
/// lines would cost if nothing reached them minus what they cost with the plan.
struct LinesCovered {
    double valueCovered = 0; ///< units on time x their unserved cost
    /// Units served late x their unserved cost, less the lateness cost they still pay.
    double latenessAvoided = 0;
    int worstTier = 0; ///< the most urgent customer tier among the lines; 0 when none
    double benefit() const { return valueCovered + latenessAvoided; }
};

/// LinesCovered of item `item` (a position in model.items) at snapshot location
/// `location`, as `plan` serves them.
LinesCovered linesCovered(
    const NetworkModel &model, const NetworkPlan &plan, int item, Index location);

/// Differences (scenario - base), keyed as the results are.
struct LaneDifference {
    Index lane = kNone;
    double units = 0, peakPerDay = 0;
};
struct LocationDifference {
    Index location = kNone;
    double unitsIn = 0, unitsOut = 0, onTimeUnits = 0, exposureLeft = 0;
};
struct ItemDifference {
    Index item = kNone;
    double cost = 0, unitsMoved = 0, exposureLeft = 0;
};

struct Comparison {
    double objective = 0, unitsMoved = 0, transferCost = 0, expediteCost = 0, purchaseCost = 0;
    double valueCovered = 0, exposureLeft = 0, fillRateTier1 = 0, fillRateAll = 0;
    std::vector<LaneDifference> lanes; ///< lanes whose figures changed, by lane
    std::vector<LocationDifference> locations; ///< locations whose figures changed
    std::vector<ItemDifference> items; ///< items whose figures changed, by item
};

/// What changes from `base` to `scenario`. Lanes and locations are matched by
/// position (a scenario adds lanes at the end only), items by their snapshot row.
Comparison compare(const SimulationResult &base, const SimulationResult &scenario);

} // namespace engine::simulation
