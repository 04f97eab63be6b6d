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
    const Policy &policy = ctx.policy;
    const double given = ils.countVarianceRate[s.il];
    const double rate = isSet(given) ? given : policy.countDefaultVarianceRate;
    if (!(rate > 0) || rate < policy.countMinVarianceRate || s.onHand <= kEps)
        return false;
    // The count interval; stock never counted is a whole interval overdue.
    const double interval = std::max(1, policy.countStaleDays);
    const Date last = ils.lastCountDate[s.il];
    const double age = last == kNoDate ? 2 * interval : double(ctx.asOf - last);
    if (age <= policy.countStaleDays)
        return false;
    if (!s.projected)
        buildProjection(ctx, s);
    // The demand over the horizon that a wrong count would leave unserved: a wrong
    // count is typically off by a share of the units on the books; those units are
    // missed only where the stock and the receipts due in the horizon are tight for
    // the open lines and the forecast (what they leave short already is a shortage,
    // not the count's). Priced at the demand's average price.
    double orderValue = 0, orderUnits = 0, forecastUnits = 0;
    for (const DemandLine &l : s.lines) {
        orderValue += l.qty * l.price;
        orderUnits += l.qty;
    }
    for (double f : s.forecast)
        forecastUnits += f;
    const double demandValue = orderValue + forecastUnits * s.unitPrice;
    const double demandUnits = orderUnits + forecastUnits;
    const double missing = std::min(1.0, policy.countErrorShare) * s.onHand;
    const double supply = s.start + s.receiptsHorizon - s.outboundPending;
    const double shortNow = std::max(0.0, demandUnits - supply);
    const double unserved = std::max(0.0, demandUnits - (supply - missing)) - shortNow;
    const double exposed = demandUnits > kEps ? demandValue / demandUnits * unserved : 0.0;
    // Each interval the count has a `rate` chance to go wrong: after age/interval of
    // them, the chance that it is wrong now.
    const double wrong = 1.0 - std::pow(1.0 - std::min(rate, 1.0), age / interval);
    const double amount = wrong * exposed;
    // A count that costs more than the risk it removes is not worth a row in the queue.
    const double weighted = ctx.weight(FactorKind::CountDiscrepancyRisk) * amount;
    if (weighted < minScore(ctx, ExceptionType::CycleCount) || weighted < policy.countCost)
        return false;

    startRecord(ctx, ExceptionType::CycleCount, s, out);
    out.needDate = ctx.asOf;
    const std::string &cur = ctx.currency;
    std::string ageText, rateText;
    if (ctx.explain) {
        ageText = last == kNoDate ? "it has never been counted (taken as " + fmtDays(int(age))
                + " old, two count intervals)"
                                  : "the last count is " + fmtDays(int(age)) + " old";
        rateText = isSet(given)
            ? "Counts here found a discrepancy " + fmtPercent(rate) + " of the time"
            : "No variance rate is on file; the policy assumes " + fmtPercent(rate) + " a count";
    }
    addFactor(ctx, out, FactorKind::CountDiscrepancyRisk, amount, [&] {
        return FactorText {{{"variance_rate", rate}, {"order_value", orderValue},
                               {"forecast_value", forecastUnits * s.unitPrice},
                               {"days_since_count", last == kNoDate ? -1.0 : age},
                               {"count_interval_days", interval}, {"chance_wrong", wrong},
                               {"error_share", policy.countErrorShare}, {"supply_units", supply},
                               {"demand_units", demandUnits}, {"unserved_units", unserved},
                               {"exposed_value", exposed}},
            rateText + ", and " + ageText + " against a " + fmtDays(int(interval))
                + " count interval: a " + fmtPercent(wrong)
                + " chance the books are wrong now. A wrong count is typically off by "
                + fmtPercent(policy.countErrorShare) + " of the " + fmtUnits(s.onHand)
                + " on the books (" + fmtUnits(missing) + "); against the " + fmtUnits(demandUnits)
                + " of orders and forecast over the next " + fmtDays(ctx.horizon) + " and "
                + fmtUnits(supply) + " of stock and receipts for them, that would leave "
                + fmtUnits(unserved) + " (" + fmtMoney(exposed, cur)
                + ") unserved: " + fmtMoney(amount, cur) + " at risk."};
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
