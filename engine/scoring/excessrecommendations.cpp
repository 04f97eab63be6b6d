// Recommendations for excess stock. Excess first goes where the item needs it: the
// item plan's transfers out of this location (for shortages elsewhere), then
// locations of the item that need replenishing; only what is left may go back to the
// supplier. Each is listed only when it pays for itself; when none does, the
// exception has no recommendation and says so (holding the stock costs less).

#include "engine/scoring/recommendations.h"

#include "engine/core/textformat.h"
#include "engine/scoring/exceptiontypes/exceptiontypes.h"

#include <algorithm>
#include <cmath>

namespace engine::detail {

namespace {

/// Excess moved by the item plan: one recommendation per plan transfer out of `here`.
double planTransfersOut(Context &ctx, std::span<const SkuState> siblings, const SkuState &s,
    std::size_t here, const ExcessCost &base, const ItemPlanning &plan, ExceptionRecord &out)
{
    if (!plan.solved)
        return 0;
    const Snapshot &snap = ctx.snap;
    const std::string &cur = ctx.currency;
    double moved = 0;
    for (std::size_t a = 0; a < plan.plan.actions.size(); ++a) {
        const planning::Action &act = plan.plan.actions[a];
        if (act.kind != planning::ActionKind::Transfer
            || plan.laneSource[static_cast<std::size_t>(act.index)] != here)
            continue;
        const SkuState &dst = siblings[static_cast<std::size_t>(act.location)];
        const double qty = static_cast<double>(act.qty);
        const double held = base.weighted - excessCost(ctx, s, moved + qty).weighted
            - (base.weighted - excessCost(ctx, s, moved).weighted);
        moved += qty;
        const double there = plan.actionBenefit(a);
        Recommendation &r = out.recommendations.emplace_back();
        r.action = Action::Transfer;
        r.qty = qty;
        r.toLocationId = snap.locations.ids.at(dst.location);
        r.arrivalDate = ctx.asOf + act.arrivalDay;
        r.cost = act.cost;
        r.benefit = there + held;
        r.feasible = true;
        r.inPlan = true;
        r.requiresRole = requiredRole(ctx, r.cost);
        if (ctx.explain) {
            const std::string shortage
                = exceptionId(ctx, ExceptionType::Shortage, dst.item, dst.location);
            r.text = "Transfer " + fmtUnits(qty) + " to " + r.toLocationId + " today (arrives "
                + fmtDate(r.arrivalDate) + ") for " + fmtMoney(r.cost, cur)
                + ", as the item plan does for " + shortage + ": it saves " + fmtMoney(there, cur)
                + " there and " + fmtMoney(held, cur) + " of holding here.";
        }
    }
    return moved;
}

/// Locations of the item that need replenishing and can take some of the excess.
/// Returns the units moved.
double transfersToReplenish(Context &ctx, std::span<SkuState> siblings, const SkuState &s,
    const ExcessCost &base, double moved, ExceptionRecord &out)
{
    const double before = moved;
    const Snapshot &snap = ctx.snap;
    const std::string &cur = ctx.currency;
    for (const SkuState &dst : siblings) {
        if (dst.il == s.il || dst.hasShortage || !raisesReplenishment(ctx, dst))
            continue;
        const TransferNetwork::Route &route = ctx.network.route(s.location, dst.location);
        if (!route.reachable)
            continue;
        const double left = std::floor(std::max(0.0, base.excessUnits - moved) + kEps);
        const double want
            = std::ceil(std::max(dst.risk.leadTimeDemandMean - dst.risk.inventoryPosition,
                            dst.risk.expectedUnitsShort)
                - kEps);
        double qty = std::min(left, std::max(0.0, want));
        if (isSet(route.capacityPerDay))
            qty = std::min(qty, std::floor(route.capacityPerDay + kEps));
        if (qty <= kEps)
            continue;
        const int day = std::max(0, clampDays(std::ceil(route.transitDays - kEps)));
        const double there = replenishmentBenefit(ctx, dst, qty, day);
        const double held
            = excessCost(ctx, s, moved).weighted - excessCost(ctx, s, moved + qty).weighted;
        Recommendation r;
        r.action = Action::Transfer;
        r.qty = qty;
        r.toLocationId = snap.locations.ids.at(dst.location);
        r.arrivalDate = ctx.asOf + day;
        r.cost = qty * route.costPerUnit + route.fixedCost;
        r.benefit = there + held;
        r.requiresRole = requiredRole(ctx, r.cost);
        if (r.netBenefit() <= 0)
            continue;
        if (ctx.explain) {
            const std::string need
                = exceptionId(ctx, ExceptionType::Replenishment, dst.item, dst.location);
            r.text = "Transfer " + fmtUnits(qty) + " to " + r.toLocationId
                + ", which needs replenishing (arrives " + fmtDate(r.arrivalDate) + ") for "
                + fmtMoney(r.cost, cur) + ": it saves " + fmtMoney(there, cur) + " there and "
                + fmtMoney(held, cur) + " of holding here.";
            out.related.push_back(need);
        }
        moved += qty;
        out.recommendations.push_back(std::move(r));
    }
    return moved - before;
}

/// Says, in the carrying cost's sentence, when returning `returnQty` units loses money
/// over the horizon but would pay over the time the units would otherwise sit: the
/// restocking fee equals `payback` days of holding, and units still on hand after
/// that many days would earn it back. The horizon keeps it out of the money.
void explainSlowReturn(
    const Context &ctx, const SkuState &s, double returnQty, ExceptionRecord &out)
{
    const Policy &policy = ctx.policy;
    if (!(policy.holdingCostRate > 0) || !(policy.returnCostRate > 0))
        return;
    const double payback = 365.0 * policy.returnCostRate / policy.holdingCostRate;
    const double demand = s.dailyDemand + s.dependentDemand;
    const double beyond = std::floor(
        std::min(returnQty, std::max(0.0, s.start - std::max(0.0, demand) * payback)) + kEps);
    if (beyond < 1)
        return;
    for (Factor &f : out.factors) {
        if (f.kind != FactorKind::CarryingCost)
            continue;
        f.text += " No return pays within the " + fmtDays(ctx.horizon) + ": the "
            + fmtPercent(policy.returnCostRate) + " restocking fee equals "
            + fmtDays(int(std::ceil(payback))) + " of holding, and " + fmtUnits(beyond)
            + " would still be here after that long; returning those would pay over their "
            + "life, a decision beyond this queue's horizon.";
    }
}

} // namespace

void recommendExcess(Context &ctx, std::span<SkuState> siblings, SkuState &s,
    const ExcessCost &base, const ItemPlanning &plan, ExceptionRecord &out)
{
    const Snapshot &snap = ctx.snap;
    const std::string &cur = ctx.currency;
    const std::size_t here = static_cast<std::size_t>(&s - siblings.data());
    // Built in place: the record is reused from one exception to the next.
    std::vector<Recommendation> &recs = out.recommendations;
    recs.clear();

    const double planned = planTransfersOut(ctx, siblings, s, here, base, plan, out);
    const std::size_t firstOther = recs.size();
    const double moved = planned + transfersToReplenish(ctx, siblings, s, base, planned, out);
    // Transfers count here only for the holding they save: what they save where they
    // go, and what they cost, is that location's exception's.
    const double held = base.weighted - excessCost(ctx, s, moved).weighted;

    // What is left may go back to the supplier, when the fee costs less than holding.
    const double returnQty = std::floor(std::max(0.0, base.excessUnits - moved) + kEps);
    if (s.supplier != kNone && returnQty > 0) {
        Recommendation r;
        r.action = Action::ReturnToSupplier;
        r.qty = returnQty;
        r.supplierId = snap.suppliers.ids.at(s.supplier);
        r.cost = ctx.policy.returnCostRate * returnQty * s.unitCost;
        r.benefit
            = excessCost(ctx, s, moved).weighted - excessCost(ctx, s, moved + returnQty).weighted;
        r.requiresRole = requiredRole(ctx, r.cost);
        if (r.netBenefit() <= 0 && ctx.explain)
            explainSlowReturn(ctx, s, returnQty, out);
        if (r.netBenefit() > 0) {
            if (ctx.explain)
                r.text = "Return " + fmtUnits(r.qty) + " to " + r.supplierId + " for a "
                    + fmtPercent(ctx.policy.returnCostRate) + " restocking fee of "
                    + fmtMoney(r.cost, cur) + "; it saves " + fmtMoney(r.benefit, cur)
                    + " of holding, write-off and overflow over the horizon and frees "
                    + fmtMoney(returnQty * s.unitCost, cur) + " of stock value.";
            recs.push_back(std::move(r));
        }
    }
    sortRecommendations(std::span(recs).subspan(firstOther));

    double returned = 0;
    for (std::size_t i = firstOther; i < recs.size(); ++i)
        if (recs[i].action == Action::ReturnToSupplier)
            returned += recs[i].netBenefit();
    out.canSave = std::clamp(held + returned, 0.0, std::max(0.0, out.score));
    std::sort(out.related.begin(), out.related.end());
    out.related.erase(std::unique(out.related.begin(), out.related.end()), out.related.end());
}

} // namespace engine::detail
