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

bool raiseCycleCount(Context &ctx, SkuState &s, ExceptionRecord &out)
{
    const ItemLocations &ils = ctx.snap.itemLocations;
    const double rate = ils.countVarianceRate[s.il];
    if (!isSet(rate) || rate < ctx.policy.countMinVarianceRate)
        return false;
    const Date last = ils.lastCountDate[s.il];
    if (last != kNoDate && last >= ctx.asOf - ctx.policy.countStaleDays)
        return false;
    if (!s.projected)
        buildProjection(ctx, s);
    double orderValue = 0, forecastUnits = 0;
    for (const DemandLine &l : s.lines)
        orderValue += l.qty * l.price;
    for (double f : s.forecast)
        forecastUnits += f;
    const double exposed = orderValue + forecastUnits * s.unitPrice;
    const double amount = rate * exposed;
    if (ctx.weight(FactorKind::CountDiscrepancyRisk) * amount
        < minScore(ctx, ExceptionType::CycleCount))
        return false;

    startRecord(ctx, ExceptionType::CycleCount, s, out);
    out.needDate = ctx.asOf;
    const std::string &cur = ctx.currency;
    const std::string age = !ctx.explain ? std::string()
        : last == kNoDate                ? std::string("it has never been counted")
                                         : "the last count is " + fmtDays(ctx.asOf - last) + " old";
    addFactor(ctx, out, FactorKind::CountDiscrepancyRisk, amount, [&] {
        return FactorText {
            {{"variance_rate", rate}, {"order_value", orderValue},
                {"forecast_value", forecastUnits * s.unitPrice},
                {"days_since_count", last == kNoDate ? -1.0 : double(ctx.asOf - last)}},
            "Counts here found a discrepancy " + fmtPercent(rate) + " of the time and " + age
                + "; an error would hit " + fmtMoney(exposed, cur)
                + " of orders and forecast demand over the next " + fmtDays(ctx.horizon) + ": "
                + fmtMoney(amount, cur) + " at risk."};
    });
    finishFactors(out);

    Recommendation &rec = out.recommendations.emplace_back();
    rec.action = Action::CycleCount;
    rec.qty = s.onHand;
    rec.cost = ctx.policy.countCost;
    rec.benefit = out.score;
    rec.requiresRole = requiredRole(ctx, rec.cost);
    if (ctx.explain) {
        rec.text = "Count the " + fmtUnits(s.onHand) + " on hand now (about "
            + fmtMoney(rec.cost, cur) + ").";
    }
    return true;
}

} // namespace engine::detail
