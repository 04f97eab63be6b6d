#pragma once
// Internal to the scoring engine: raising and scoring the six exception types of
// one SKU-location, given the states of every location of its item (transfer
// sources and destinations live there). One source file per type (shortage.cpp,
// replenishment.cpp, latesupply.cpp, allocation.cpp, excess.cpp, cyclecount.cpp);
// what they share is in common.cpp.

#include "engine/scoring/projection.h"
#include "engine/scoring/recommendations.h"
#include "engine/scoring/scoringoutput.h"

#include <algorithm>
#include <span>
#include <string>
#include <vector>

namespace engine::detail {

/// `<type>:<item_id>@<location_id>`.
std::string exceptionId(const Context &ctx, ExceptionType type, Index item, Index location);

/// A factor's inputs and sentence, built only when the context explains.
struct FactorText {
    std::vector<std::pair<std::string, double>> detail;
    std::string text;
};

/// Appends a factor (value = amount x policy weight); `explain()` returns its
/// FactorText and is called only when ctx.explain is set.
template <class Explain>
void addFactor(
    const Context &ctx, ExceptionRecord &rec, FactorKind kind, double amount, Explain &&explain)
{
    Factor &f = rec.factors.emplace_back();
    f.kind = kind;
    f.amount = amount;
    f.weight = ctx.weight(kind);
    if (ctx.explain) {
        FactorText t = explain();
        f.detail = std::move(t.detail);
        f.text = std::move(t.text);
    }
}

/// Drops factors worth less than half a cent (keeping the first added when all are),
/// orders the rest largest value first and sets the score to their exact sum.
void finishFactors(ExceptionRecord &rec);

/// The recommendation order: feasible first, then net benefit, action, ids.
bool recommendationBefore(const Recommendation &a, const Recommendation &b);
/// Sorts recommendations by recommendationBefore, ties kept in their order.
void sortRecommendations(std::span<Recommendation> recs);

/// Planner when cost is within the planner's approval limit, else "manager".
Role requiredRole(const Context &ctx, double cost);

// Each raise* function returns true and fills `out` when the exception is raised
// (its score reaches the policy's minimum for the type). `siblings` holds the
// states of every location of the item, `s` among them.
bool raiseShortage(
    Context &ctx, std::span<SkuState> siblings, SkuState &s, Scratch &w, ExceptionRecord &out);
bool raiseReplenishment(
    Context &ctx, std::span<SkuState> siblings, SkuState &s, Scratch &w, ExceptionRecord &out);
bool raiseLateSupply(Context &ctx, SkuState &s, ExceptionRecord &out);
bool raiseAllocation(Context &ctx, SkuState &s, Scratch &w, ExceptionRecord &out);
bool raiseExcess(Context &ctx, std::span<SkuState> siblings, SkuState &s, const ItemPlanning &plan,
    ExceptionRecord &out);
bool raiseCycleCount(Context &ctx, SkuState &s, ExceptionRecord &out);

// Whether raiseShortage / raiseReplenishment would raise for `s`, without filling a
// record: a recommendation can name another location's exception before that
// location's turn comes.
bool raisesShortage(const Context &ctx, const SkuState &s);
bool raisesReplenishment(const Context &ctx, const SkuState &s);

// --- costs shared by the raise and recommend functions --------------------------

/// Weighted cost of a shortage evaluation plus its variability part (units).
double shortageWeightedCost(
    const Context &ctx, const SkuState &s, const ShortageCost &c, double volatilityUnits);

/// The replenishment factors when `ipDelta` units are added to the position, over the
/// horizon with nothing new ordered (doing nothing): the horizon's expected demand
/// (d x H, spread sigma_d x sqrt(H)) against stock on hand and the receipts due within
/// the horizon, less the orders due in it. The pinned risk block (over the lead time)
/// decides whether the exception is raised; the money is what the horizon loses.
struct ReplenishmentCost {
    bool cut = false; ///< the lead time ends after the horizon (an order now cannot help)
    double position = 0; ///< stock + receipts - orders due in the horizon (+ ipDelta)
    double demand = 0; ///< d x H
    double gap = 0; ///< max(0, demand - position)
    double expectedShort = 0; ///< sigma * G(z) over the horizon
    double runout = 0; ///< day the position runs out at rate d, at most H
    double waitDays = 0; ///< (H - runout) / 2: a short unit's average wait to the horizon end
    double margin = 0, volatility = 0, sla = 0;
    double weighted = 0;
};
ReplenishmentCost replenishmentCost(const Context &ctx, const SkuState &s, double ipDelta);
/// What `qty` units arriving on `arrivalDay` avoid of the replenishment's exposure:
/// all of what they lift the horizon position by when they land by the run-out day,
/// nothing when they land at or after the horizon end, and in between the share of
/// the shortfall still to come: (H - arrival) / (H - run-out).
double replenishmentBenefit(const Context &ctx, const SkuState &s, double qty, int arrivalDay);

/// The excess factors when `removed` units leave the location.
struct ExcessCost {
    double excessUnits = 0, shelfUnits = 0, overflowUnits = 0;
    double carrying = 0, shelfLife = 0, capacity = 0;
    double weighted = 0;
};
ExcessCost excessCost(const Context &ctx, const SkuState &s, double removed);

/// Expected units of forecast demand left short while a receipt is due between
/// day offsets [from, to) instead of at `from` (capped at the receipt's quantity).
double lateReceiptUnits(const Context &ctx, SkuState &s, int from, int to, double qty);

// --- shared by the exception types (common.cpp) -----------------------------------

inline constexpr double kEps = 1e-9;

/// The policy's minimum score for raising an exception of type `t`.
inline double minScore(const Context &ctx, ExceptionType t)
{
    return ctx.policy.minScore[static_cast<std::size_t>(t)];
}

/// The late penalty per unit-day of forecast demand at `unitPrice` (the policy's
/// forecast tier).
inline double forecastTierPenalty(const Context &ctx, double unitPrice)
{
    const int tier = std::clamp(ctx.policy.forecastDemandTier, 1, 3);
    return ctx.policy.tierPenaltySharePerDay[static_cast<std::size_t>(tier - 1)] * unitPrice;
}

/// 0, 1, 2 for ABC classes A, B, C; 3 for none.
inline int abcIndex(char abc)
{
    switch (abc) {
    case 'A':
        return 0;
    case 'B':
        return 1;
    case 'C':
        return 2;
    default:
        return 3;
    }
}

/// Keeps the most urgent tier (the lowest number above 0) of the affected lines.
inline void noteTier(ExceptionRecord &rec, int tier)
{
    if (tier > 0 && (rec.worstTier == 0 || tier < rec.worstTier))
        rec.worstTier = tier;
}

/// Resets a reused record and fills its type, item, location and (when explaining) id.
void startRecord(const Context &ctx, ExceptionType type, const SkuState &s, ExceptionRecord &out);
/// "ORDER/LINE" of a sales order row.
std::string orderRef(const Snapshot &snap, Index row);
/// The affected order line behind a demand line and its simulated outcome.
OrderImpact impactOf(const Context &ctx, const DemandLine &line, const LineOutcome &o);

} // namespace engine::detail
