#pragma once
// Internal to the scoring engine: the actions recommended for shortages,
// replenishments and excess stock (recommendations.cpp), and the scratch buffers
// the exception types share with them.

#include "engine/scoring/itemplanning.h"
#include "engine/scoring/projection.h"
#include "engine/scoring/scoringoutput.h"

#include <cstddef>
#include <span>
#include <vector>

namespace engine::detail {

/// A source that can send whole units of an item to another location over the
/// network (recommendations.cpp).
struct TransferOffer {
    const SkuState *source = nullptr;
    const TransferNetwork::Route *route = nullptr;
    double qty = 0;
    int day = 0; ///< days from as_of until it arrives
};

/// The simulated change behind a shortage recommendation.
struct ShortageChange {
    int receiptDay = -1; ///< an extra receipt on this day, when >= 0
    double receiptQty = 0;
    Index movedPo = kNone; ///< a PO receipt moved to newDay
    int newDay = 0;
};

/// A shortage recommendation with the change it was simulated with.
struct ShortageCandidate {
    Recommendation rec;
    ShortageChange change;
    double unitsAfter = 0;
    int hops = 0; ///< transfers: lanes on the route
};

/// Scratch buffers reused across SKU-locations.
struct Scratch {
    std::vector<SupplyEvent> events;
    std::vector<DemandLine> lines;
    std::vector<LineOutcome> outcomes;
    std::vector<TransferOffer> offers;
    std::vector<ShortageCandidate> candidates;
    std::vector<std::size_t> listed; ///< positions in candidates
    ItemPlanning plan; ///< the plan of the item being scored (planItem)
};

struct ExcessCost;

// Recommendations (recommendations.cpp); each fills out.recommendations, sorted.
/// Uses the item's plan (w.plan) when it is solved; otherwise each action is simulated
/// on its own against doing nothing.
void recommendShortage(
    Context &ctx, std::span<SkuState> siblings, SkuState &s, Scratch &w, ExceptionRecord &out);
/// The whole plan of the item whose states are `states`, for the detail pane.
ItemPlanView describeItemPlan(
    const Context &ctx, std::span<const SkuState> states, const ItemPlanning &p);

/// The shortage's share of its item's plan (planrecommendations.cpp); sets out.canSave.
void recommendShortageFromPlan(Context &ctx, std::span<SkuState> siblings, SkuState &s,
    const ItemPlanning &plan, ExceptionRecord &out);
void recommendReplenishment(
    Context &ctx, std::span<SkuState> siblings, SkuState &s, Scratch &w, ExceptionRecord &out);
/// Excess stock (excessrecommendations.cpp): the item plan's transfers out of it,
/// transfers to siblings that need replenishing, and a return of the rest, each only
/// when it pays; sets out.canSave.
void recommendExcess(Context &ctx, std::span<SkuState> siblings, SkuState &s,
    const ExcessCost &base, const ItemPlanning &plan, ExceptionRecord &out);

} // namespace engine::detail
