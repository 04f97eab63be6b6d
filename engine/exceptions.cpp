#include "exceptions.h"

#include "riskmath.h"
#include "smallsort.h"
#include "textformat.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <tuple>

namespace engine::detail {

namespace {

constexpr double kEps = 1e-9;

double minScore(const Context &ctx, ExceptionType t)
{
    return ctx.policy.minScore[static_cast<std::size_t>(t)];
}

double forecastTierPenalty(const Context &ctx)
{
    const int tier = std::clamp(ctx.policy.forecastDemandTier, 1, 3);
    return ctx.policy.tierPenaltyPerUnitDay[static_cast<std::size_t>(tier - 1)];
}

void startRecord(const Context &ctx, ExceptionType type, const SkuState &s, ExceptionRecord &out)
{
    // Cleared member by member: the record is reused from one exception to the next,
    // and its vectors keep their capacity when a scoring run does not move it out.
    out.id.clear();
    out.factors.clear();
    out.orders.clear();
    out.recommendations.clear();
    out.related.clear();
    out.rank = 0;
    out.score = 0;
    out.needDate = kNoDate;
    out.worstTier = 0;
    if (ctx.explain)
        out.id = exceptionId(ctx, type, s.item, s.location);
    out.type = type;
    out.itemLocation = s.il;
    out.item = s.item;
    out.location = s.location;
}

std::string orderRef(const Snapshot &snap, Index row)
{
    return snap.salesOrders.orderId[row] + '/' + std::to_string(snap.salesOrders.line[row]);
}

OrderImpact impactOf(const Context &ctx, const DemandLine &line, const LineOutcome &o)
{
    const SalesOrders &so = ctx.snap.salesOrders;
    OrderImpact imp;
    imp.salesOrder = line.row;
    imp.orderId = so.orderId[line.row];
    imp.line = so.line[line.row];
    const Index c = so.customer[line.row];
    imp.customerId = c >= 0 ? ctx.snap.customers.ids.at(c) : std::string();
    imp.tier = line.tier;
    imp.qtyOpen = line.qty;
    imp.qtyShort = o.shortQty;
    imp.dueDate = so.dueDate[line.row];
    imp.daysLate = o.shortQty > kEps ? o.recoveryDay - line.due : 0;
    return imp;
}

int abcIndex(char abc)
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
void noteTier(ExceptionRecord &rec, int tier)
{
    if (tier > 0 && (rec.worstTier == 0 || tier < rec.worstTier))
        rec.worstTier = tier;
}

} // namespace

std::string exceptionId(const Context &ctx, ExceptionType type, Index item, Index location)
{
    std::string id = exceptionTypeName(type);
    id += ':';
    id += ctx.snap.items.ids.at(item);
    id += '@';
    id += ctx.snap.locations.ids.at(location);
    return id;
}

void finishFactors(ExceptionRecord &rec)
{
    // Factors worth less than half a cent do not apply; the first one added is the
    // type's main factor and stays when nothing else does.
    auto negligible = [](const Factor &f) { return std::abs(f.value()) < 0.005; };
    if (std::all_of(rec.factors.begin(), rec.factors.end(), negligible))
        rec.factors.resize(std::min<std::size_t>(rec.factors.size(), 1));
    else
        std::erase_if(rec.factors, negligible);
    stableSort(rec.factors.begin(), rec.factors.end(), [](const Factor &a, const Factor &b) {
        if (a.value() != b.value())
            return a.value() > b.value();
        return a.kind < b.kind;
    });
    double sum = 0;
    for (const Factor &f : rec.factors)
        sum += f.value();
    rec.score = sum;
}

bool recommendationBefore(const Recommendation &a, const Recommendation &b)
{
    if (a.feasible != b.feasible)
        return a.feasible;
    if (a.netBenefit() != b.netBenefit())
        return a.netBenefit() > b.netBenefit();
    if (a.action != b.action)
        return a.action < b.action;
    return std::tie(
               a.fromLocationId, a.toLocationId, a.poId, a.poLine, a.substituteItemId, a.supplierId)
        < std::tie(
            b.fromLocationId, b.toLocationId, b.poId, b.poLine, b.substituteItemId, b.supplierId);
}

void sortRecommendations(std::span<Recommendation> recs)
{
    const std::size_t n = recs.size();
    if (n > static_cast<std::size_t>(kInsertionSortMax)) {
        std::stable_sort(recs.begin(), recs.end(), recommendationBefore);
        return;
    }
    // A recommendation is a handful of strings and a vector: sort their positions,
    // then move each one into place once.
    std::array<std::uint8_t, kInsertionSortMax> order;
    for (std::size_t i = 0; i < n; ++i)
        order[i] = static_cast<std::uint8_t>(i);
    stableSort(order.begin(), order.begin() + n,
        [recs](std::uint8_t a, std::uint8_t b) { return recommendationBefore(recs[a], recs[b]); });
    // order[k] is the position the k-th recommendation comes from: follow each cycle.
    for (std::size_t k = 0; k < n; ++k) {
        if (order[k] == k)
            continue;
        Recommendation held = std::move(recs[k]);
        std::size_t to = k;
        while (order[to] != k) {
            const std::size_t from = order[to];
            recs[to] = std::move(recs[from]);
            order[to] = static_cast<std::uint8_t>(to);
            to = from;
        }
        recs[to] = std::move(held);
        order[to] = static_cast<std::uint8_t>(to);
    }
}

const char *requiredRole(const Context &ctx, double cost)
{
    return cost <= ctx.policy.plannerApprovalLimit ? "planner" : "manager";
}

// --- shortage ---------------------------------------------------------------------

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
        maxDaysLate = std::max(maxDaysLate, o.recoveryDay - s.lines[i].due);
        maxPastDue = std::max(maxPastDue, -s.lines[i].due);
    }

    // The margin factor always stands, so a shortage keeps at least one factor even
    // for an item sold at cost.
    const double unitMargin = c.units > 0 ? c.margin / c.units : 0.0;
    addFactor(ctx, out, FactorKind::MarginAtRisk, c.margin, [&] {
        const std::string lines
            = std::to_string(c.shortLines) + (c.shortLines == 1 ? " order line" : " order lines");
        return FactorText {{{"units", c.units}, {"unit_margin", unitMargin}},
            fmtUnits(c.units) + " on " + lines
                + (c.shortLines == 1
                        ? " of a tier-" + std::to_string(worstTier) + " customer"
                        : " (tier-" + std::to_string(worstTier) + " customers among them)")
                + " cannot ship by their due dates: " + fmtMoney(c.margin, cur) + " of margin at "
                + fmtMoney(unitMargin, cur) + " a unit."};
    });
    if (c.sla > 0) {
        const double rate = c.unitDays > 0 ? c.sla / c.unitDays : 0.0;
        addFactor(ctx, out, FactorKind::SlaPenalty, c.sla, [&] {
            return FactorText {{{"unit_days", c.unitDays}, {"penalty_per_unit_day", rate},
                                   {"max_days_late", double(maxDaysLate)}},
                "Customers wait " + fmtQty(c.unitDays) + " unit-days from here on (up to "
                    + fmtDays(maxDaysLate) + " late) at their late penalties of about "
                    + fmtMoney(rate, cur) + " a unit-day: " + fmtMoney(c.sla, cur) + "."};
        });
    }
    if (c.aging > 0) {
        const double rate = ctx.policy.agingRatePerDay;
        const double valueDays = rate > 0 ? c.aging / rate : 0.0;
        addFactor(ctx, out, FactorKind::OrderAging, c.aging, [&] {
            return FactorText {
                {{"units", c.agingUnits}, {"value_days", valueDays}, {"aging_rate_per_day", rate}},
                fmtUnits(c.agingUnits, "short") + " are on lines already past due (up to "
                    + fmtDays(maxPastDue) + "), losing " + fmtPercent(rate)
                    + " of their value a day: " + fmtMoney(c.aging, cur) + "."};
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

// --- replenishment ----------------------------------------------------------------

ReplenishmentCost replenishmentCost(const Context &ctx, const SkuState &s, double ipDelta)
{
    ReplenishmentCost r;
    const RiskFigures &risk = s.risk;
    const double ip = risk.inventoryPosition + ipDelta;
    const double mu = risk.leadTimeDemandMean;
    r.gap = std::max(0.0, mu - ip);
    r.expectedShort = expectedShortfall(mu, risk.leadTimeDemandStd, ip);
    r.margin = r.gap * s.unitMargin;
    r.volatility = std::max(0.0, r.expectedShort - r.gap) * s.unitMargin;
    // A backordered unit waits about one lead time for the next receipt.
    r.sla = r.expectedShort * forecastTierPenalty(ctx) * risk.leadTimeDays;
    r.weighted = ctx.weight(FactorKind::MarginAtRisk) * r.margin
        + ctx.weight(FactorKind::LeadTimeVolatility) * r.volatility
        + ctx.weight(FactorKind::SlaPenalty) * r.sla;
    return r;
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
    if (cost.margin > 0) {
        addFactor(ctx, out, FactorKind::MarginAtRisk, cost.margin, [&] {
            return FactorText {{{"units", cost.gap}, {"unit_margin", s.unitMargin},
                                   {"lead_time_demand_mean", risk.leadTimeDemandMean},
                                   {"inventory_position", risk.inventoryPosition}},
                "The inventory position of " + fmtQty(risk.inventoryPosition) + " (" + why + ") is "
                    + fmtUnits(cost.gap) + " below the " + fmtQty(risk.leadTimeDemandMean)
                    + " expected over the lead time: " + fmtMoney(cost.margin, cur)
                    + " of margin."};
        });
    }
    if (cost.volatility > 0) {
        const double units = cost.expectedShort - cost.gap;
        addFactor(ctx, out, FactorKind::LeadTimeVolatility, cost.volatility, [&] {
            return FactorText {{{"units", units}, {"unit_margin", s.unitMargin},
                                   {"expected_units_short", cost.expectedShort}},
                "Demand and lead-time variability add " + fmtQty(units)
                    + " expected units short before the next receipt could arrive (inventory "
                      "position "
                    + fmtQty(risk.inventoryPosition) + ", " + why
                    + "): " + fmtMoney(cost.volatility, cur) + " of margin."};
        });
    }
    if (cost.sla > 0 || out.factors.empty()) {
        const double rate = forecastTierPenalty(ctx);
        addFactor(ctx, out, FactorKind::SlaPenalty, cost.sla, [&] {
            return FactorText {
                {{"expected_units_short", cost.expectedShort}, {"penalty_per_unit_day", rate},
                    {"lead_time_days", risk.leadTimeDays}},
                fmtQty(cost.expectedShort)
                    + " expected backordered units wait about one lead time ("
                    + fmtQty(risk.leadTimeDays) + " days) at the tier-"
                    + std::to_string(std::clamp(ctx.policy.forecastDemandTier, 1, 3))
                    + " penalty of " + fmtMoney(rate, cur)
                    + " a unit-day: " + fmtMoney(cost.sla, cur) + "."};
        });
    }
    finishFactors(out);
    recommendReplenishment(ctx, siblings, s, w, out);
    return out.score >= minScore(ctx, ExceptionType::Replenishment);
}

// --- late supply ------------------------------------------------------------------

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
    c.sla = c.units * forecastTierPenalty(ctx) * c.windowDays;
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
        const double rate = forecastTierPenalty(ctx);
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
    const bool canExpedite = sup >= 0 && isSet(sups.expediteCostPerUnit[sup])
        && isSet(sups.expediteMaxDays[sup]) && sups.expediteMaxDays[sup] >= 1.0;
    if (canExpedite) {
        const Date newDate = std::max<Date>(
            ctx.asOf, expected - static_cast<Date>(std::floor(sups.expediteMaxDays[sup])));
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

// --- allocation -------------------------------------------------------------------

bool raiseAllocation(Context &ctx, SkuState &s, Scratch &w, ExceptionRecord &out)
{
    if (s.start <= kEps)
        return false;
    w.lines.clear();
    double dueNow = 0;
    for (const DemandLine &l : s.lines) {
        if (l.due <= ctx.policy.allocationWindowDays) {
            w.lines.push_back(l);
            dueNow += l.qty;
        }
    }
    if (w.lines.size() < 2 || dueNow <= s.start + kEps)
        return false;

    const SalesOrders &so = ctx.snap.salesOrders;
    auto byIds = [&so](const DemandLine &a, const DemandLine &b) {
        if (const int c = so.orderId[a.row].compare(so.orderId[b.row]); c != 0)
            return c < 0;
        return so.line[a.row] < so.line[b.row];
    };
    // What the ERP does by default: first come, first served.
    std::sort(w.lines.begin(), w.lines.end(), [&](const DemandLine &a, const DemandLine &b) {
        if (so.orderDate[a.row] != so.orderDate[b.row])
            return so.orderDate[a.row] < so.orderDate[b.row];
        return byIds(a, b);
    });
    const double fcfs = serveLines(ctx, s, s.events, w.lines, nullptr).sla;
    // The recommendation: the costliest lateness first, then the earliest due.
    std::sort(w.lines.begin(), w.lines.end(), [&](const DemandLine &a, const DemandLine &b) {
        if (a.penaltyRate != b.penaltyRate)
            return a.penaltyRate > b.penaltyRate;
        if (a.due != b.due)
            return a.due < b.due;
        return byIds(a, b);
    });
    w.outcomes.clear();
    const double better = serveLines(ctx, s, s.events, w.lines, &w.outcomes).sla;
    const double saving = std::max(0.0, fcfs - better);
    if (ctx.weight(FactorKind::SlaPenalty) * saving < minScore(ctx, ExceptionType::Allocation))
        return false;

    startRecord(ctx, ExceptionType::Allocation, s, out);
    int firstDue = INT_MAX;
    for (const DemandLine &l : w.lines)
        firstDue = std::min(firstDue, l.due);
    out.needDate = ctx.asOf + std::max(0, firstDue);
    const std::string &cur = ctx.currency;
    addFactor(ctx, out, FactorKind::SlaPenalty, saving, [&] {
        return FactorText {{{"available", s.start}, {"due_now", dueNow}, {"penalty_fcfs", fcfs},
                               {"penalty_recommended", better}, {"lines", double(w.lines.size())}},
            fmtUnits(s.start) + " on hand must serve " + fmtUnits(dueNow) + " due on "
                + std::to_string(w.lines.size()) + " order lines; first come, first served costs "
                + fmtMoney(fcfs, cur) + " in late penalties, serving the costliest lateness first "
                + fmtMoney(better, cur) + "."};
    });
    finishFactors(out);

    Recommendation &rec = out.recommendations.emplace_back();
    rec.action = Action::Allocate;
    rec.qty = s.start;
    rec.benefit = out.score;
    rec.requiresRole = requiredRole(ctx, 0.0);
    for (const DemandLine &l : w.lines)
        noteTier(out, l.tier);
    if (ctx.explain) {
        double left = s.start;
        std::string list;
        for (std::size_t i = 0; i < w.lines.size(); ++i) {
            const DemandLine &l = w.lines[i];
            const double give = std::clamp(left, 0.0, l.qty);
            left -= give;
            rec.orderLines.push_back({so.orderId[l.row], so.line[l.row], give});
            out.orders.push_back(impactOf(ctx, l, w.outcomes[i]));
            if (give > kEps)
                list
                    += (list.empty() ? "" : ", ") + orderRef(ctx.snap, l.row) + ": " + fmtQty(give);
        }
        rec.text = "Allocate the " + fmtUnits(s.start) + " by late penalty (" + list
            + "); this saves " + fmtMoney(out.score, cur) + " against first come, first served.";
    }
    return true;
}

// --- excess -----------------------------------------------------------------------

ExcessCost excessCost(const Context &ctx, const SkuState &s, double removed)
{
    ExcessCost c;
    const Snapshot &snap = ctx.snap;
    const double lead = s.risk.defined ? s.risk.leadTimeDays : 0.0;
    // A source's stock also serves the locations it replenishes (dependent demand).
    const double demand = s.dailyDemand + s.dependentDemand;
    const double excess0 = std::max(0.0,
        s.start + s.receiptsHorizon - s.openOrderQty - s.outboundPending
            - demand * (ctx.horizon + lead) - s.safetyStock - s.dependentSafetyStock);
    c.excessUnits = std::max(0.0, excess0 - removed);
    c.carrying = c.excessUnits * s.unitCost * ctx.policy.holdingCostRate * ctx.horizon / 365.0;

    const double shelf = snap.items.shelfLifeDays[s.item];
    if (isSet(shelf)) {
        const double beyond
            = std::max(0.0, s.start - s.openOrderQty - s.outboundPending - demand * shelf);
        c.shelfUnits = std::max(0.0, beyond - removed);
        c.shelfLife = c.shelfUnits * s.unitCost;
    }

    const double capacity = snap.locations.storageCapacity[s.location];
    const double total = ctx.locationOnHand[static_cast<std::size_t>(s.location)];
    if (isSet(capacity) && total > capacity && total > 0) {
        // The overflow is shared by the SKUs in proportion to their stock.
        const double share = (total - capacity) * s.onHand / total;
        c.overflowUnits = std::max(0.0, std::min(excess0, share) - removed);
        c.capacity = c.overflowUnits * s.unitCost * ctx.policy.overflowCostRate;
    }
    c.weighted = ctx.weight(FactorKind::CarryingCost) * c.carrying
        + ctx.weight(FactorKind::ShelfLifeRisk) * c.shelfLife
        + ctx.weight(FactorKind::CapacityPressure) * c.capacity;
    return c;
}

bool raiseExcess(Context &ctx, std::span<SkuState> siblings, SkuState &s, ExceptionRecord &out)
{
    // Stock that cannot even serve today's orders is not excess, whatever arrives later.
    if (s.hasShortage || s.start <= kEps)
        return false;
    const double demand = s.dailyDemand + s.dependentDemand;
    const double cover = demand > 0 ? s.start / demand : std::numeric_limits<double>::infinity();
    if (!(cover > ctx.policy.excessDaysOfCover))
        return false;
    const ExcessCost cost = excessCost(ctx, s, 0.0);
    const double value = cost.excessUnits * s.unitCost;
    if (cost.excessUnits <= kEps || value < ctx.policy.excessMinValue
        || cost.weighted < minScore(ctx, ExceptionType::Excess))
        return false;

    startRecord(ctx, ExceptionType::Excess, s, out);
    out.needDate = ctx.asOf + ctx.horizon;
    const std::string &cur = ctx.currency;
    std::string coverText;
    if (ctx.explain) {
        if (std::isinf(cover))
            coverText = "with no forecast demand";
        else if (s.dependentDemand > 0)
            coverText = "covering " + fmtNumber(cover, 0)
                + " days of its own demand and that of the locations it replenishes";
        else
            coverText = "covering " + fmtNumber(cover, 0) + " days of demand";
    }
    addFactor(ctx, out, FactorKind::CarryingCost, cost.carrying, [&] {
        return FactorText {{{"units", cost.excessUnits}, {"unit_cost", s.unitCost},
                               {"holding_cost_rate", ctx.policy.holdingCostRate},
                               {"days", double(ctx.horizon)}, {"days_of_cover", cover}},
            fmtUnits(cost.excessUnits) + " (" + fmtMoney(value, cur) + ") are beyond need, "
                + coverText + "; holding them for " + fmtDays(ctx.horizon) + " costs "
                + fmtMoney(cost.carrying, cur) + "."};
    });
    if (cost.shelfLife > 0) {
        const double shelf = ctx.snap.items.shelfLifeDays[s.item];
        addFactor(ctx, out, FactorKind::ShelfLifeRisk, cost.shelfLife, [&] {
            return FactorText {
                {{"units", cost.shelfUnits}, {"unit_cost", s.unitCost}, {"shelf_life_days", shelf}},
                fmtUnits(cost.shelfUnits) + " will not sell within the " + fmtNumber(shelf, 0)
                    + "-day shelf life: " + fmtMoney(cost.shelfLife, cur) + " of write-off."};
        });
    }
    if (cost.capacity > 0) {
        const double capacity = ctx.snap.locations.storageCapacity[s.location];
        addFactor(ctx, out, FactorKind::CapacityPressure, cost.capacity, [&] {
            return FactorText {
                {{"units", cost.overflowUnits}, {"unit_cost", s.unitCost},
                    {"overflow_cost_rate", ctx.policy.overflowCostRate},
                    {"location_on_hand", ctx.locationOnHand[static_cast<std::size_t>(s.location)]},
                    {"storage_capacity", capacity}},
                "The location holds more than its capacity of " + fmtUnits(capacity) + "; "
                    + fmtQty(cost.overflowUnits)
                    + " of the overflow are this SKU's: " + fmtMoney(cost.capacity, cur) + "."};
        });
    }
    finishFactors(out);
    recommendExcess(ctx, siblings, s, cost, out);
    return out.score >= minScore(ctx, ExceptionType::Excess);
}

// --- cycle count ------------------------------------------------------------------

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
