#pragma once
// Internal to the scoring engine: raising and scoring the six exception types of
// one SKU-location, given the states of every location of its item (transfer
// sources and destinations live there).

#include "projection.h"
#include "result.h"

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
};

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

/// "planner" when cost is within the planner's approval limit, else "manager".
const char *requiredRole(const Context &ctx, double cost);

// Each raise* function returns true and fills `out` when the exception is raised
// (its score reaches the policy's minimum for the type). `siblings` holds the
// states of every location of the item, `s` among them.
bool raiseShortage(
    Context &ctx, std::span<SkuState> siblings, SkuState &s, Scratch &w, ExceptionRecord &out);
bool raiseReplenishment(
    Context &ctx, std::span<SkuState> siblings, SkuState &s, Scratch &w, ExceptionRecord &out);
bool raiseLateSupply(Context &ctx, SkuState &s, ExceptionRecord &out);
bool raiseAllocation(Context &ctx, SkuState &s, Scratch &w, ExceptionRecord &out);
bool raiseExcess(Context &ctx, std::span<SkuState> siblings, SkuState &s, ExceptionRecord &out);
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

/// The replenishment factors when `ipDelta` units are added to the inventory position.
struct ReplenishmentCost {
    double gap = 0; ///< max(0, mu - IP)
    double expectedShort = 0; ///< sigma * G(z)
    double margin = 0, volatility = 0, sla = 0;
    double weighted = 0;
};
ReplenishmentCost replenishmentCost(const Context &ctx, const SkuState &s, double ipDelta);

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

// Recommendations (recommendations.cpp); each fills out.recommendations, sorted.
void recommendShortage(
    Context &ctx, std::span<SkuState> siblings, SkuState &s, Scratch &w, ExceptionRecord &out);
void recommendReplenishment(
    Context &ctx, std::span<SkuState> siblings, SkuState &s, Scratch &w, ExceptionRecord &out);
void recommendExcess(Context &ctx, std::span<SkuState> siblings, SkuState &s,
    const ExcessCost &base, ExceptionRecord &out);

} // namespace engine::detail
