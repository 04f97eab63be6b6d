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
    const RiskFigures &risk = s.risk;
    const double H = ctx.horizon;
    r.cut = risk.leadTimeDays > H;
    r.window = std::min(risk.leadTimeDays, H);
    double sigma = risk.leadTimeDemandStd;
    if (r.cut) {
        r.position = s.start + s.receiptsHorizon - s.outboundPending - s.openOrderQtyHorizon;
        r.demand = s.dailyDemand * H;
        sigma = s.dailyDemandStd * std::sqrt(H);
    } else {
        r.position = risk.inventoryPosition;
        r.demand = risk.leadTimeDemandMean;
    }
    r.position += ipDelta;
    r.gap = std::max(0.0, r.demand - r.position);
    r.expectedShort = expectedShortfall(r.demand, sigma, r.position);
    r.margin = r.gap * s.unitMargin;
    r.volatility = std::max(0.0, r.expectedShort - r.gap) * s.unitMargin;
    // A backordered unit waits about one lead time for the next receipt; only the
    // days within the horizon count.
    r.sla = r.expectedShort * forecastTierPenalty(ctx, s.unitPrice) * r.window;
    r.weighted = ctx.weight(FactorKind::MarginAtRisk) * r.margin
        + ctx.weight(FactorKind::LeadTimeVolatility) * r.volatility
        + ctx.weight(FactorKind::SlaPenalty) * r.sla;
    return r;
}

double replenishmentBenefit(const Context &ctx, const SkuState &s, double qty, int arrivalDay)
{
    const double full
        = replenishmentCost(ctx, s, 0.0).weighted - replenishmentCost(ctx, s, qty).weighted;
    const double H = ctx.horizon;
    const double window = std::min(s.risk.leadTimeDays, H);
    if (arrivalDay <= window)
        return full;
    if (arrivalDay >= H)
        return 0.0;
    return full * (H - arrivalDay) / (H - window);
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
    // With a lead time past the horizon the figures are the horizon's (see
    // ReplenishmentCost), and the sentences say so.
    if (cost.margin > 0) {
        addFactor(ctx, out, FactorKind::MarginAtRisk, cost.margin, [&] {
            const std::string text = cost.cut
                ? "Stock on hand and receipts due within the " + std::to_string(ctx.horizon)
                    + "-day horizon, less the orders due in it, come to " + fmtQty(cost.position)
                    + ", " + fmtUnits(cost.gap) + " below the " + fmtQty(cost.demand)
                    + " expected in that time (" + why + "; the lead time of "
                    + fmtQty(risk.leadTimeDays)
                    + " days ends after the horizon, so an order placed now cannot help in it): "
                    + fmtMoney(cost.margin, cur) + " of margin."
                : "The inventory position of " + fmtQty(cost.position) + " (" + why + ") is "
                    + fmtUnits(cost.gap) + " below the " + fmtQty(cost.demand)
                    + " expected over the lead time: " + fmtMoney(cost.margin, cur) + " of margin.";
            return FactorText {
                {{"units", cost.gap}, {"unit_margin", s.unitMargin},
                    {cost.cut ? "horizon_demand_mean" : "lead_time_demand_mean", cost.demand},
                    {cost.cut ? "horizon_position" : "inventory_position", cost.position}},
                text};
        });
    }
    if (cost.volatility > 0) {
        const double units = cost.expectedShort - cost.gap;
        addFactor(ctx, out, FactorKind::LeadTimeVolatility, cost.volatility, [&] {
            return FactorText {{{"units", units}, {"unit_margin", s.unitMargin},
                                   {"expected_units_short", cost.expectedShort}},
                (cost.cut ? "Demand variability adds " + fmtQty(units)
                            + " expected units short within the horizon (stock and receipts "
                              "due in it "
                          : "Demand and lead-time variability add " + fmtQty(units)
                            + " expected units short before the next receipt could arrive "
                              "(inventory position ")
                    + fmtQty(cost.position) + ", " + why + "): " + fmtMoney(cost.volatility, cur)
                    + " of margin."};
        });
    }
    if (cost.sla > 0 || out.factors.empty()) {
        const double rate = forecastTierPenalty(ctx, s.unitPrice);
        const double waitDays = cost.window;
        addFactor(ctx, out, FactorKind::SlaPenalty, cost.sla, [&] {
            return FactorText {{{"expected_units_short", cost.expectedShort},
                                   {"penalty_per_unit_day", rate}, {"wait_days", waitDays}},
                fmtQty(cost.expectedShort) + " expected backordered "
                    + (fmtQty(cost.expectedShort) == "1" ? "unit waits" : "units wait")
                    + " about one lead time (" + fmtQty(waitDays)
                    + (waitDays < risk.leadTimeDays ? " days within the horizon" : " days")
                    + ") at the tier-"
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
