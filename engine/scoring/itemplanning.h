#pragma once
// Internal to the scoring engine: the item plan (engine/planning) of one item, built
// from the states of its SKU-locations, and what it means for each of them. The plan
// sees every location of the item at once, so the transfers, expedites and purchases
// it recommends never promise one unit twice, move only what is needed, and pay for
// themselves; doing nothing in it uses only firm supply, as the scores do.

#include "engine/planning/itemplan.h"
#include "engine/scoring/projection.h"

#include <cstddef>
#include <span>
#include <vector>

namespace engine::detail {

/// Where a demand line of the plan comes from.
struct PlanDemandSource {
    std::size_t state = 0; ///< position among the item's states
    std::size_t line = kNoLine; ///< position in that state's lines; kNoLine: a pending outbound
    static constexpr std::size_t kNoLine = static_cast<std::size_t>(-1);
};

/// What the plan means for one SKU-location of the item.
struct PlanShare {
    /// The plan's cost of this location's order lines when doing nothing and with the
    /// plan (weighted, in currency).
    double doNothingCost = 0, planCost = 0;
    /// The share of the plan's action costs that is for this location's lines.
    double actionCost = 0;
    /// Units of its lines still late or unserved with the plan, and the penalty part
    /// (SLA and aging, weighted) of what they still cost.
    double unitsLeft = 0, penaltyLeft = 0;
    /// What the plan saves here: doNothingCost - planCost - actionCost, at least 0.
    double saving() const;
};

struct ItemPlanning {
    bool solved = false; ///< false: no shortage in the item, or the plan could not be built
    bool fromMemo = false; ///< the plan is the last run's, its input unchanged
    planning::Input input;
    planning::Plan plan;
    std::vector<PlanDemandSource> demandSource; ///< per input demand
    std::vector<std::size_t> laneSource; ///< per input lane: the state it leaves from
    std::vector<Index> receiptPo; ///< per input receipt: the PO row
    /// Per input purchase: the state that buys it (itself, or the transfer source that
    /// forwards it).
    std::vector<std::size_t> purchaseBuyer;
    std::vector<PlanShare> shares; ///< per state
    std::vector<double> shippedFrom; ///< per state: units the plan's transfers take from it
    /// Per action of the plan: the units it brings to each state's lines.
    std::vector<std::vector<double>> servedAt;
    /// Per action of the plan: what the stock it brings costs above its destination's
    /// storage capacity (the plan's extra overflow there, shared by units brought);
    /// already part of the action's cost.
    std::vector<double> overflowCost;
    /// Per input demand: what the plan saves on it per unit its actions bring it (an
    /// action's benefit is the sum over the units it brings).
    std::vector<double> unitSaving;
    /// The benefit of plan action `a` by that measure.
    double actionBenefit(std::size_t a) const;
};

/// Fills out.input (and the sources of its demands, lanes, receipts and purchases) as
/// planItem() does, without solving it. False, with `out` cleared, when no state of the
/// item raises a shortage: the item then has no plan.
bool buildPlanInput(Context &ctx, std::span<const SkuState> states, ItemPlanning &out);

/// Builds and solves the plan of the item whose states are `states` (loaded and
/// evaluated) when any of them raises a shortage; clears `out` otherwise.
void planItem(Context &ctx, std::span<const SkuState> states, ItemPlanning &out);

} // namespace engine::detail
