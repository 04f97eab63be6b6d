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

double shortageWeightedCost(
    const Context &ctx, const SkuState &s, const ShortageCost &c, double volatilityUnits)
{
    return ctx.weight(FactorKind::MarginAtRisk) * c.margin
        + ctx.weight(FactorKind::SlaPenalty) * c.sla + ctx.weight(FactorKind::OrderAging) * c.aging
        + ctx.weight(FactorKind::LeadTimeVolatility) * volatilityUnits * s.unitMargin;
}

bool raisesShortage(const Context &ctx, const SkuState &s)
{
    return s.hasShortage
        && shortageWeightedCost(ctx, s, s.shortage, s.shortageLtvUnits)
        >= minScore(ctx, ExceptionType::Shortage);
}

bool raiseShortage(
    Context &ctx, std::span<SkuState> siblings, SkuState &s, Scratch &w, ExceptionRecord &out)
{
    if (!raisesShortage(ctx, s))
        return false;
    const ShortageCost &c = s.shortage;

    startRecord(ctx, ExceptionType::Shortage, s, out);
    out.needDate = s.needDate;
    const std::string &cur = ctx.currency;

    int worstTier = 3, maxDaysLate = 0, maxPastDue = 0;
    for (std::size_t i = 0; i < s.lines.size(); ++i) {
        const LineOutcome &o = s.outcomes[i];
        if (o.shortQty <= kEps)
            continue;
        if (ctx.explain)
            out.orders.push_back(impactOf(ctx, s.lines[i], o));
        worstTier = std::min(worstTier, s.lines[i].tier);
        noteTier(out, s.lines[i].tier);
        maxDaysLate = std::max(
            maxDaysLate, std::min(o.recoveryDay, ctx.horizon) - std::max(0, s.lines[i].due));
        maxPastDue = std::max(maxPastDue, -s.lines[i].due);
    }

    // The margin factor always stands, so a shortage keeps at least one factor even
    // for an item sold at cost.
    const double unitMargin = c.lostUnits > 0 ? c.margin / c.lostUnits : 0.0;
    addFactor(ctx, out, FactorKind::MarginAtRisk, c.margin, [&] {
        const std::string lines
            = std::to_string(c.shortLines) + (c.shortLines == 1 ? " order line" : " order lines");
        return FactorText {
            {{"units", c.units}, {"expected_lost_units", c.lostUnits}, {"unit_margin", unitMargin},
                {"lost_sale_days", double(ctx.policy.lostSaleDays)}},
            fmtUnits(c.units) + " on " + lines
                + (c.shortLines == 1
                        ? " of a tier-" + std::to_string(worstTier) + " customer"
                        : " (tier-" + std::to_string(worstTier) + " customers among them)")
                + " cannot ship by their due dates; waiting loses an expected "
                + fmtQty(c.lostUnits) + " of those sales (each day late puts 1/"
                + std::to_string(ctx.policy.lostSaleDays)
                + " of a sale at risk; units no supply covers are lost): " + fmtMoney(c.margin, cur)
                + " of margin at " + fmtMoney(unitMargin, cur) + " a unit."};
    });
    if (c.sla > 0) {
        const double rate = c.unitDays > 0 ? c.sla / c.unitDays : 0.0;
        addFactor(ctx, out, FactorKind::SlaPenalty, c.sla, [&] {
            return FactorText {{{"unit_days", c.unitDays}, {"penalty_per_unit_day", rate},
                                   {"max_days_late", double(maxDaysLate)}},
                "Customers wait " + fmtQty(c.unitDays) + " unit-days from here on (up to "
                    + fmtDays(maxDaysLate)
                    + (c.unrecoveredUnits > kEps ? ", to the horizon end for the "
                                + fmtUnits(c.unrecoveredUnits) + " no open supply covers"
                                                 : std::string())
                    + ") at their late penalties of about " + fmtMoney(rate, cur)
                    + " a unit-day: " + fmtMoney(c.sla, cur) + "."};
        });
    }
    if (c.aging > 0) {
        const double rate = ctx.policy.agingRatePerDay;
        const double valueDays = rate > 0 ? c.aging / rate : 0.0;
        addFactor(ctx, out, FactorKind::OrderAging, c.aging, [&] {
            return FactorText {{{"units", c.agingUnits}, {"unit_days_ahead", c.agingUnitDays},
                                   {"value_days", valueDays}, {"aging_rate_per_day", rate},
                                   {"max_days_past_due", double(maxPastDue)}},
                fmtUnits(c.agingUnits, "short") + " are on lines already past due (up to "
                    + fmtDays(maxPastDue) + ", history) and lose " + fmtPercent(rate)
                    + " of their value for each further day they wait: " + fmtMoney(c.aging, cur)
                    + " still to come."};
        });
    }
    const double ltv = s.shortageLtvUnits * s.unitMargin;
    if (ltv > 0) {
        addFactor(ctx, out, FactorKind::LeadTimeVolatility, ltv, [&] {
            return FactorText {
                {{"units", s.shortageLtvUnits}, {"unit_margin", s.unitMargin},
                    {"expected_units_short", s.risk.expectedUnitsShort},
                    {"plan_gap",
                        std::max(0.0, s.risk.leadTimeDemandMean - s.risk.inventoryPosition)}},
                "Demand and lead-time variability add " + fmtQty(s.shortageLtvUnits)
                    + " expected units short beyond the plan over the "
                    + fmtQty(s.risk.leadTimeDays) + "-day lead time: " + fmtMoney(ltv, cur)
                    + " of margin."};
        });
    }
    finishFactors(out);
    recommendShortage(ctx, siblings, s, w, out);
    return true;
}

} // namespace engine::detail
