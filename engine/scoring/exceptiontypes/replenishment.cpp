#include "engine/scoring/exceptiontypes/exceptiontypes.h"

#include "engine/core/smallsort.h"
#include "engine/core/textformat.h"
#include "engine/scoring/riskmath.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <tuple>

namespace engine::detail {

ReplenishmentCost replenishmentCost(const Context &ctx, const SkuState &s, double ipDelta)
{
    ReplenishmentCost r;
    const double H = ctx.horizon;
    r.cut = s.risk.leadTimeDays > H;
    r.position = s.start + s.receiptsHorizon - s.outboundPending - s.openOrderQtyHorizon + ipDelta;
    r.demand = s.dailyDemand * H;
    r.gap = std::max(0.0, r.demand - r.position);
    r.expectedShort = expectedShortfall(r.demand, s.dailyDemandStd * std::sqrt(H), r.position);
    // The day the horizon's stock runs out at the expected rate (the horizon end when it
    // lasts): the short units fall between it and the horizon end and, nothing being
    // ordered, wait until then: half of that time on average.
    r.runout = s.dailyDemand > 0 ? std::clamp(r.position / s.dailyDemand, 0.0, H) : H;
    r.waitDays = (H - r.runout) / 2;
    r.margin = r.gap * s.unitMargin;
    r.volatility = std::max(0.0, r.expectedShort - r.gap) * s.unitMargin;
    r.sla = r.expectedShort * forecastTierPenalty(ctx, s.unitPrice) * r.waitDays;
    r.weighted = ctx.weight(FactorKind::MarginAtRisk) * r.margin
        + ctx.weight(FactorKind::LeadTimeVolatility) * r.volatility
        + ctx.weight(FactorKind::SlaPenalty) * r.sla;
    return r;
}

double replenishmentBenefit(const Context &ctx, const SkuState &s, double qty, int arrivalDay)
{
    const ReplenishmentCost now = replenishmentCost(ctx, s, 0.0);
    const double full = now.weighted - replenishmentCost(ctx, s, qty).weighted;
    const double H = ctx.horizon;
    const double a = arrivalDay;
    if (a <= now.runout)
        return full;
    if (a >= H)
        return 0.0;
    // Units short before the arrival are lost as the exposure counts them: only the
    // share of the shortfall still to come when the units land is avoided.
    return full * (H - a) / (H - now.runout);
}

namespace {

double serviceTargetOf(const Context &ctx, const SkuState &s)
{
    return ctx.policy
        .serviceTarget[static_cast<std::size_t>(abcIndex(ctx.snap.items.abcClass[s.item]))];
}

bool belowReorderPoint(const Context &ctx, const SkuState &s)
{
    const double rop = ctx.snap.itemLocations.reorderPoint[s.il];
    return isSet(rop) && s.risk.inventoryPosition <= rop;
}

} // namespace

bool raisesReplenishment(const Context &ctx, const SkuState &s)
{
    if (s.hasShortage || !s.risk.defined)
        return false;
    if (!belowReorderPoint(ctx, s) && s.risk.stockoutProbability <= 1.0 - serviceTargetOf(ctx, s))
        return false;
    return replenishmentCost(ctx, s, 0.0).weighted >= minScore(ctx, ExceptionType::Replenishment);
}

bool raiseReplenishment(
    Context &ctx, std::span<SkuState> siblings, SkuState &s, Scratch &w, ExceptionRecord &out)
{
    if (!raisesReplenishment(ctx, s))
        return false;
    const RiskFigures &risk = s.risk;
    const double rop = ctx.snap.itemLocations.reorderPoint[s.il];
    const double target = serviceTargetOf(ctx, s);
    const bool belowRop = belowReorderPoint(ctx, s);
    const ReplenishmentCost cost = replenishmentCost(ctx, s, 0.0);

    startRecord(ctx, ExceptionType::Replenishment, s, out);
    if (!s.projected)
        buildProjection(ctx, s);
    out.needDate = ctx.asOf + ctx.horizon;
    for (int k = 0; k <= ctx.horizon; ++k) {
        if (s.balance[static_cast<std::size_t>(k)] < 0) {
            out.needDate = ctx.asOf + k;
            break;
        }
    }
    const std::string &cur = ctx.currency;
    const std::string why = !ctx.explain ? std::string()
        : belowRop                       ? "at or below its reorder point of " + fmtQty(rop)
                   : "with a stockout probability of " + fmtPercent(risk.stockoutProbability)
            + " against a service target of " + fmtPercent(target);
    // The figures are the horizon's: stock on hand and the receipts due in it against
    // the horizon's expected demand (see ReplenishmentCost); the sentences say so.
    const std::string H = std::to_string(ctx.horizon);
    const std::string lead = cost.cut ? "; the lead time of " + fmtQty(risk.leadTimeDays)
            + " days ends after the horizon, so an order placed now cannot help in it"
                                      : std::string();
    if (cost.margin > 0) {
        addFactor(ctx, out, FactorKind::MarginAtRisk, cost.margin, [&] {
            const std::string text = "Stock on hand and receipts due within the " + H
                + "-day horizon, less the orders due in it, come to " + fmtQty(cost.position) + ", "
                + fmtUnits(cost.gap) + " below the " + fmtQty(cost.demand)
                + " expected in that time with nothing new ordered (" + why + lead
                + "): " + fmtMoney(cost.margin, cur) + " of margin.";
            return FactorText {
                {{"units", cost.gap}, {"unit_margin", s.unitMargin},
                    {"horizon_demand_mean", cost.demand}, {"horizon_position", cost.position}},
                text};
        });
    }
    if (cost.volatility > 0) {
        const double units = cost.expectedShort - cost.gap;
        addFactor(ctx, out, FactorKind::LeadTimeVolatility, cost.volatility, [&] {
            return FactorText {{{"units", units}, {"unit_margin", s.unitMargin},
                                   {"expected_units_short", cost.expectedShort}},
                "Demand variability adds " + fmtQty(units)
                    + " expected units short within the horizon (stock and receipts due in it "
                    + fmtQty(cost.position) + ", " + why + lead
                    + "): " + fmtMoney(cost.volatility, cur) + " of margin."};
        });
    }
    if (cost.sla > 0 || out.factors.empty()) {
        const double rate = forecastTierPenalty(ctx, s.unitPrice);
        addFactor(ctx, out, FactorKind::SlaPenalty, cost.sla, [&] {
            return FactorText {
                {{"expected_units_short", cost.expectedShort}, {"penalty_per_unit_day", rate},
                    {"runout_days", cost.runout}, {"wait_days", cost.waitDays}},
                fmtQty(cost.expectedShort) + " expected backordered "
                    + (fmtQty(cost.expectedShort) == "1" ? "unit waits" : "units wait")
                    + " from the projected run-out (day " + fmtQty(cost.runout)
                    + ") to the horizon end, " + fmtQty(cost.waitDays)
                    + " days on average, at the tier-"
                    + std::to_string(std::clamp(ctx.policy.forecastDemandTier, 1, 3))
                    + " penalty of " + fmtMoney(rate, cur)
                    + " a unit-day: " + fmtMoney(cost.sla, cur) + "."};
        });
    }
    finishFactors(out);
    recommendReplenishment(ctx, siblings, s, w, out);
    return out.score >= minScore(ctx, ExceptionType::Replenishment);
}

} // namespace engine::detail
