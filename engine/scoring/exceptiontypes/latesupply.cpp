#include "engine/scoring/exceptiontypes/exceptiontypes.h"

#include "engine/core/smallsort.h"
#include "engine/core/textformat.h"
#include "engine/scoring/riskmath.h"
#include "engine/scoring/supplieroutlook.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <tuple>

namespace engine::detail {

double lateReceiptUnits(const Context &ctx, SkuState &s, int from, int to, double qty)
{
    to = std::min(to, ctx.horizon + 1);
    from = std::max(0, from);
    if (to <= from)
        return 0.0;
    if (!s.projected)
        buildProjection(ctx, s);
    // Stock left for forecast demand during the window: the projected balance with
    // the window's own forecast added back, at its lowest point.
    double windowForecast = 0, available = std::numeric_limits<double>::infinity();
    for (int t = from; t < to; ++t) {
        const auto k = static_cast<std::size_t>(t);
        windowForecast += s.forecast[k];
        available = std::min(available, s.balance[k] + windowForecast);
    }
    const double days = to - from;
    const double units
        = expectedShortfall(windowForecast, s.dailyDemandStd * std::sqrt(days), available);
    return std::min(std::max(0.0, qty), units);
}

namespace {

struct LateCost {
    int windowDays = 0;
    double units = 0, volatility = 0, sla = 0, weighted = 0;
};

LateCost lateCost(const Context &ctx, SkuState &s, int from, int to, double qty)
{
    LateCost c;
    c.windowDays = std::max(0, std::min(to, ctx.horizon + 1) - std::max(0, from));
    c.units = lateReceiptUnits(ctx, s, from, to, qty);
    c.volatility = c.units * s.unitMargin;
    c.sla = c.units * forecastTierPenalty(ctx, s.unitPrice) * c.windowDays;
    c.weighted = ctx.weight(FactorKind::LeadTimeVolatility) * c.volatility
        + ctx.weight(FactorKind::SlaPenalty) * c.sla;
    return c;
}

} // namespace

bool raiseLateSupply(Context &ctx, SkuState &s, ExceptionRecord &out)
{
    const PurchaseOrders &pos = ctx.snap.purchaseOrders;
    const auto &pidx = ctx.snap.idx.purchasesByItemLocation;
    Index head = kNone;
    int lateCount = 0;
    auto slip = [&pos](Index r) { return pos.expectedDate[r] - pos.promisedDate[r]; };
    // The headline is the line that slipped most, then the later one, then the
    // smaller PO id and line, so the choice does not depend on row order.
    auto headlineBefore = [&](Index a, Index b) {
        if (slip(a) != slip(b))
            return slip(a) > slip(b);
        if (pos.expectedDate[a] != pos.expectedDate[b])
            return pos.expectedDate[a] > pos.expectedDate[b];
        if (const int c = pos.poId[a].compare(pos.poId[b]); c != 0)
            return c < 0;
        return pos.line[a] < pos.line[b];
    };
    for (const Index *r = pidx.begin(s.il); r != pidx.end(s.il); ++r) {
        const Date promised = pos.promisedDate[*r], expected = pos.expectedDate[*r];
        if (promised == kNoDate || expected <= promised)
            continue;
        // Lateness that leaves orders short is the shortage's money and expedite.
        if (s.hasShortage && expected > s.needDate)
            continue;
        ++lateCount;
        if (head == kNone || headlineBefore(*r, head))
            head = *r;
    }
    if (head == kNone)
        return false;

    const Date promised = pos.promisedDate[head], expected = pos.expectedDate[head];
    const int from = std::max(0, promised - ctx.asOf), to = std::max(0, expected - ctx.asOf);
    const double qty = pos.qtyOpen[head];
    const LateCost cost = lateCost(ctx, s, from, to, qty);
    if (cost.weighted < minScore(ctx, ExceptionType::LateSupply))
        return false;

    startRecord(ctx, ExceptionType::LateSupply, s, out);
    // The receipt is needed on the first day the projection runs out without it;
    // if stock lasts until the receipt, the receipt's own date.
    out.needDate = ctx.asOf + to;
    if (!s.projected)
        buildProjection(ctx, s);
    for (int t = from; t < std::min(to, ctx.horizon + 1); ++t) {
        if (s.balance[static_cast<std::size_t>(t)] < 0) {
            out.needDate = ctx.asOf + t;
            break;
        }
    }
    const std::string &cur = ctx.currency;
    const Index sup = pos.supplier[head];
    const std::string supplierId = sup >= 0 ? ctx.snap.suppliers.ids.at(sup) : std::string();
    const std::string poRef
        = ctx.explain ? pos.poId[head] + " line " + std::to_string(pos.line[head]) : std::string();

    addFactor(ctx, out, FactorKind::LeadTimeVolatility, cost.volatility, [&] {
        std::string text = poRef + " (" + fmtUnits(qty) + " from " + supplierId
            + ") is now expected " + fmtDate(expected) + ", " + fmtDays(expected - promised)
            + " after the promised " + fmtDate(promised) + "; forecast demand in the "
            + fmtDays(cost.windowDays) + " still ahead of it is expected to run "
            + fmtUnits(cost.units) + " short: " + fmtMoney(cost.volatility, cur) + " of margin.";
        if (lateCount > 1) {
            text += " Also late:";
            int listed = 0;
            for (const Index *r = pidx.begin(s.il); r != pidx.end(s.il); ++r) {
                if (*r == head || pos.promisedDate[*r] == kNoDate
                    || pos.expectedDate[*r] <= pos.promisedDate[*r]
                    || (s.hasShortage && pos.expectedDate[*r] > s.needDate))
                    continue;
                text += (listed++ ? ", " : " ") + pos.poId[*r] + '/' + std::to_string(pos.line[*r])
                    + " (+" + fmtDays(slip(*r)) + ')';
            }
            text += '.';
        }
        return FactorText {{{"units", cost.units}, {"unit_margin", s.unitMargin},
                               {"delay_days", double(expected - promised)},
                               {"window_days", double(cost.windowDays)}, {"po_qty", qty}},
            std::move(text)};
    });
    if (cost.sla > 0) {
        const double rate = forecastTierPenalty(ctx, s.unitPrice);
        addFactor(ctx, out, FactorKind::SlaPenalty, cost.sla, [&] {
            return FactorText {{{"units", cost.units}, {"penalty_per_unit_day", rate},
                                   {"window_days", double(cost.windowDays)}},
                "Those units wait up to " + fmtDays(cost.windowDays) + " at the tier-"
                    + std::to_string(std::clamp(ctx.policy.forecastDemandTier, 1, 3))
                    + " penalty of " + fmtMoney(rate, cur)
                    + " a unit-day: " + fmtMoney(cost.sla, cur) + "."};
        });
    }
    finishFactors(out);

    // Expedite when the supplier can. Chasing the supplier is always listed too: it
    // is free, so it comes first whenever an expedite would cost more than it saves.
    const Suppliers &sups = ctx.snap.suppliers;
    if (const int newDay = expeditedDay(ctx, sup, std::max(expected, ctx.asOf) - ctx.asOf);
        newDay >= 0) {
        const Date newDate = ctx.asOf + newDay;
        const LateCost after = lateCost(ctx, s, from, std::max(0, newDate - ctx.asOf), qty);
        Recommendation &rec = out.recommendations.emplace_back();
        rec.action = Action::Expedite;
        rec.qty = qty;
        rec.cost = qty * sups.expediteCostPerUnit[sup];
        rec.benefit = cost.weighted - after.weighted;
        rec.feasible = newDate <= out.needDate;
        rec.poId = pos.poId[head];
        rec.poLine = pos.line[head];
        rec.newExpectedDate = newDate;
        rec.supplierId = supplierId;
        rec.requiresRole = requiredRole(ctx, rec.cost);
        if (ctx.explain) {
            rec.text = "Expedite " + poRef + " with " + supplierId + " from " + fmtDate(expected)
                + " to " + fmtDate(newDate) + " for " + fmtMoney(rec.cost, cur)
                + (rec.feasible
                        ? "; it avoids " + fmtMoney(rec.benefit, cur) + " of the delay's cost."
                        : "; still after the projected stockout on " + fmtDate(out.needDate) + ".");
        }
    }
    {
        Recommendation &rec = out.recommendations.emplace_back();
        rec.action = Action::SupplierFollowUp;
        rec.qty = qty;
        rec.poId = pos.poId[head];
        rec.poLine = pos.line[head];
        rec.supplierId = supplierId;
        rec.requiresRole = requiredRole(ctx, 0.0);
        if (ctx.explain) {
            rec.text = "Ask " + supplierId + " to confirm or improve the " + fmtDate(expected)
                + " date of " + poRef + " (promised " + fmtDate(promised) + ").";
        }
    }
    sortRecommendations(out.recommendations);
    return true;
}

} // namespace engine::detail
