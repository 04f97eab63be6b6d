// Recommendations for shortages, replenishments and excess. Every benefit is the
// drop of the exception's own (weighted) cost when the action is simulated, so a
// benefit is directly comparable with the score and with the action's cost.

#include "engine/scoring/recommendations.h"

#include "engine/core/smallsort.h"
#include "engine/core/textformat.h"
#include "engine/scoring/exceptiontypes/exceptiontypes.h"
#include "engine/scoring/supplieroutlook.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace engine::detail {

namespace {

/// Transfer sources listed per exception; more only repeat the same advice.
constexpr std::size_t kMaxTransfers = 5;

double roundUpToMultiple(double qty, double multiple)
{
    if (!(multiple > 0))
        return qty;
    return std::ceil(qty / multiple - kEps) * multiple;
}

double orOne(double v)
{
    return isSet(v) && v > 0 ? v : 1.0;
}

/// Stock moves in whole units: enough to cover `want`, never more than the whole
/// units `available`, and within a lane's daily capacity (kUnset: unlimited).
double wholeUnitsToMove(double want, double available, double capacity = kUnset)
{
    double qty = std::min(std::ceil(want - kEps), std::floor(available + kEps));
    if (isSet(capacity))
        qty = std::min(qty, std::floor(capacity + kEps));
    return std::max(0.0, qty);
}

void applyChange(const SkuState &s, const ShortageChange &c, std::vector<SupplyEvent> &events)
{
    events.assign(s.events.begin(), s.events.end());
    if (c.movedPo != kNone) {
        for (SupplyEvent &e : events) {
            if (e.po == c.movedPo)
                e.day = c.newDay;
        }
    }
    if (c.receiptDay >= 0)
        events.push_back({c.receiptDay, c.receiptQty, kNone});
    stableSort(events.begin(), events.end(),
        [](const SupplyEvent &a, const SupplyEvent &b) { return a.day < b.day; });
}

/// Weighted shortage cost and units still short after `change`. The variability
/// part is held as it is: these actions fix the firm shortage, and moving the
/// inventory position towards the lead-time demand would shift units between the
/// plan part and the variability part without changing what is at stake.
std::pair<double, double> simulate(const Context &ctx, const SkuState &s,
    const ShortageChange &change, Scratch &w, std::vector<LineOutcome> *outcomes)
{
    applyChange(s, change, w.events);
    const ShortageCost c = serveLines(ctx, s, w.events, s.lines, outcomes);
    return {shortageWeightedCost(ctx, s, c, s.shortageLtvUnits), c.units};
}

std::string avoids(double benefit, const std::string &cur)
{
    return benefit > 0 ? "; it avoids " + fmtMoney(benefit, cur) + " of the cost of waiting"
                       : "; it does not reduce the cost of waiting";
}

/// A transfer-replenished SKU-location whose source has nothing to spare would get no
/// recommendation at all; the transfer it needs is listed as infeasible instead, with
/// the reason and, when the source raises an exception of its own, that exception (the
/// one to act on first).
void recommendDrainedSource(Context &ctx, std::span<const SkuState> siblings, const SkuState &s,
    double want, ExceptionRecord &out)
{
    const auto src = std::find_if(siblings.begin(), siblings.end(),
        [&s](const SkuState &x) { return x.location == s.sourceLocation && x.il != s.il; });
    if (src == siblings.end())
        return;
    const TransferNetwork::Route &route = ctx.network.route(src->location, s.location);
    if (!route.reachable)
        return;
    const double qty
        = wholeUnitsToMove(want, std::numeric_limits<double>::infinity(), route.capacityPerDay);
    if (qty <= kEps)
        return;
    const Snapshot &snap = ctx.snap;
    const int day = ceilDays(route.transitDays);
    Recommendation &r = out.recommendations.emplace_back();
    r.action = Action::Transfer;
    r.qty = qty;
    r.fromLocationId = snap.locations.ids.at(src->location);
    r.arrivalDate = ctx.asOf + day;
    r.cost = qty * route.costPerUnit + route.fixedCost;
    r.benefit = replenishmentBenefit(ctx, s, qty, day);
    r.feasible = false;
    r.requiresRole = requiredRole(ctx, r.cost);
    // Nothing can be saved here until the source is replenished: the benefit says what
    // the transfer would be worth then, the exception cannot save it now.
    out.canSave = 0.0;
    if (ctx.explain) {
        std::string sourceException;
        if (raisesShortage(ctx, *src))
            sourceException = exceptionId(ctx, ExceptionType::Shortage, src->item, src->location);
        else if (raisesReplenishment(ctx, *src))
            sourceException
                = exceptionId(ctx, ExceptionType::Replenishment, src->item, src->location);
        const std::string &from = r.fromLocationId;
        const double available = std::max(0.0, src->start);
        const double needs
            = std::max(available, src->start - spareFor(siblings, *src, s, ctx.horizon));
        const bool keptForOthers = src->dependentDemand - s.dailyDemand > kEps
            || src->dependentSafetyStock - s.safetyStock > kEps;
        r.text = "Transfer " + fmtUnits(qty) + " from " + from + " (arrives "
            + fmtDate(r.arrivalDate) + ") for " + fmtMoney(r.cost, ctx.currency)
            + " cannot be done now: " + from + " has no stock to spare for "
            + snap.locations.ids.at(s.location) + " (its own orders, forecast and safety stock"
            + (keptForOthers ? " and those of the other locations it replenishes" : "") + " need "
            + fmtQty(needs) + " against " + fmtQty(available) + " available); replenish " + from
            + " first" + (sourceException.empty() ? std::string() : " — see " + sourceException)
            + ".";
        if (!sourceException.empty())
            out.related.push_back(std::move(sourceException));
    }
}

/// Every sibling location with stock to spare for `dst` and a route to it, with the
/// whole units it would send towards `want`, into `offers`. Shared by shortages and
/// replenishments.
void transferOffers(Context &ctx, std::span<SkuState> siblings, const SkuState &dst, double want,
    const ItemPlanning &plan, std::vector<TransferOffer> &offers)
{
    offers.clear();
    if (want <= kEps)
        return;
    for (const SkuState &src : siblings) {
        if (src.il == dst.il)
            continue;
        // What the item plan already ships out of src is promised.
        const std::size_t at = static_cast<std::size_t>(&src - siblings.data());
        const double shipped = plan.solved ? plan.shippedFrom[at] : 0.0;
        const double spare = spareFor(siblings, src, dst, ctx.horizon) - shipped;
        if (spare <= kEps)
            continue;
        const TransferNetwork::Route &route = ctx.network.route(src.location, dst.location);
        if (!route.reachable)
            continue;
        const double qty = wholeUnitsToMove(want, spare, route.capacityPerDay);
        if (qty <= kEps)
            continue;
        offers.push_back({&src, &route, qty, ceilDays(route.transitDays)});
    }
}

} // namespace

void recommendShortage(
    Context &ctx, std::span<SkuState> siblings, SkuState &s, Scratch &w, ExceptionRecord &out)
{
    if (w.plan.solved) {
        recommendShortageFromPlan(ctx, siblings, s, w.plan, out);
        return;
    }
    const Snapshot &snap = ctx.snap;
    const std::string &cur = ctx.currency;
    const double base = out.score;
    const double shortUnits = s.shortage.units;
    const std::string needText = ctx.explain ? fmtDate(s.needDate) : std::string();
    transferOffers(ctx, siblings, s, shortUnits, w.plan, w.offers);
    // Every candidate built, and the positions of those listed, best first: positions
    // are sorted rather than candidates, each of which holds a handful of strings.
    std::vector<ShortageCandidate> &candidates = w.candidates;
    candidates.clear();
    std::vector<std::size_t> &listed = w.listed;
    listed.clear();
    auto sortListed = [&listed, &candidates] {
        stableSort(listed.begin(), listed.end(), [&candidates](std::size_t a, std::size_t b) {
            return recommendationBefore(candidates[a].rec, candidates[b].rec);
        });
    };
    auto add = [&listed, &candidates]() -> ShortageCandidate & {
        listed.push_back(candidates.size());
        return candidates.emplace_back();
    };

    auto finish = [&](ShortageCandidate &c) {
        const auto [after, unitsAfter] = simulate(ctx, s, c.change, w, nullptr);
        c.rec.benefit = base - after;
        c.unitsAfter = unitsAfter;
        c.rec.requiresRole = requiredRole(ctx, c.rec.cost);
    };

    // Transfer in from locations with stock to spare.
    for (const TransferOffer &o : w.offers) {
        ShortageCandidate &c = add();
        c.change = {o.day, o.qty, kNone, 0};
        c.rec.action = Action::Transfer;
        c.rec.qty = o.qty;
        c.rec.fromLocationId = snap.locations.ids.at(o.source->location);
        c.rec.arrivalDate = ctx.asOf + o.day;
        c.rec.cost = o.qty * o.route->costPerUnit + o.route->fixedCost;
        c.rec.feasible = c.rec.arrivalDate <= s.needDate;
        c.hops = o.route->hops;
        finish(c);
    }
    sortListed();
    if (listed.size() > kMaxTransfers)
        listed.resize(kMaxTransfers);
    // Sentences only for the sources kept.
    for (const std::size_t i : listed) {
        ShortageCandidate &c = candidates[i];
        const int day = c.rec.arrivalDate - ctx.asOf;
        if (ctx.explain)
            c.rec.text = "Transfer " + fmtUnits(c.rec.qty) + " from " + c.rec.fromLocationId + " ("
                + fmtDays(day) + " in transit"
                + (c.hops > 1 ? ", " + std::to_string(c.hops) + " hops" : std::string())
                + ", arrives " + fmtDate(c.rec.arrivalDate) + ") for " + fmtMoney(c.rec.cost, cur)
                + (c.rec.feasible ? avoids(c.rec.benefit, cur)
                                  : "; too late for the need date " + needText)
                + ".";
    }

    // Expedite the POs that arrive after the need date, where the supplier can.
    const PurchaseOrders &pos = snap.purchaseOrders;
    const Suppliers &sups = snap.suppliers;
    const int needDay = s.needDate - ctx.asOf;
    for (const SupplyEvent &e : s.events) {
        if (e.po == kNone || e.day <= needDay)
            continue;
        const Index sup = pos.supplier[e.po];
        const Date expected = std::max(pos.expectedDate[e.po], ctx.asOf);
        const int newDay = expeditedDay(ctx, sup, expected - ctx.asOf);
        if (newDay < 0)
            continue;
        const Date newDate = ctx.asOf + newDay;
        ShortageCandidate &c = add();
        c.change = {-1, 0, e.po, newDate - ctx.asOf};
        c.rec.action = Action::Expedite;
        c.rec.qty = e.qty;
        c.rec.cost = e.qty * sups.expediteCostPerUnit[sup];
        c.rec.poId = pos.poId[e.po];
        c.rec.poLine = pos.line[e.po];
        c.rec.newExpectedDate = newDate;
        c.rec.supplierId = sups.ids.at(sup);
        c.rec.feasible = newDate <= s.needDate;
        finish(c);
        if (ctx.explain)
            c.rec.text = "Expedite " + c.rec.poId + " line " + std::to_string(c.rec.poLine) + " ("
                + fmtUnits(e.qty) + ") with " + c.rec.supplierId + " from " + fmtDate(expected)
                + " to " + fmtDate(newDate) + " for " + fmtMoney(c.rec.cost, cur)
                + (c.rec.feasible ? avoids(c.rec.benefit, cur)
                                  : "; still after the need date " + needText)
                + ".";
    }

    // Buy more from the supplier.
    if (s.replenisher == Replenisher::Supplier && s.risk.defined) {
        const ItemLocations &ils = snap.itemLocations;
        const double qty = roundUpToMultiple(
            std::max(shortUnits, orOne(ils.minOrderQty[s.il])), orOne(ils.orderMultiple[s.il]));
        const SupplierOutlook outlook = supplierOutlook(ctx, s.item, s.supplier);
        const int day = outlook.arrivalDay(s.risk.leadTimeDays);
        ShortageCandidate &c = add();
        c.change = {day, qty, kNone, 0};
        c.rec.action = Action::Purchase;
        c.rec.qty = qty;
        c.rec.arrivalDate = ctx.asOf + day;
        c.rec.supplierId = sups.ids.at(s.supplier);
        c.rec.cost = ctx.policy.purchaseOrderCost
            + qty * s.unitCost * ctx.policy.holdingCostRate * ctx.horizon / 365.0;
        c.rec.feasible = c.rec.arrivalDate <= s.needDate;
        finish(c);
        if (ctx.explain)
            c.rec.text = "Order " + fmtUnits(qty) + " from " + c.rec.supplierId + " now (arrives "
                + fmtDate(c.rec.arrivalDate) + " after " + outlook.leadText(s.risk.leadTimeDays)
                + ") for " + fmtMoney(c.rec.cost, cur) + " in ordering and holding cost"
                + (c.rec.feasible ? avoids(c.rec.benefit, cur)
                                  : "; too late for the need date " + needText)
                + ".";
    }

    // Ship a substitute that has stock to spare at the same location.
    const Index group = snap.items.substituteGroup[s.item];
    if (group != kNone) {
        const RowIndex &byGroup = snap.idx.itemsBySubstituteGroup;
        for (const Index *it = byGroup.begin(group); it != byGroup.end(group); ++it) {
            if (*it == s.item)
                continue;
            const Index il2 = snap.itemLocation(*it, s.location);
            if (il2 == kNone)
                continue;
            const double qty = wholeUnitsToMove(shortUnits, freeStockOf(ctx, il2));
            if (qty <= kEps)
                continue;
            const double priceDiff = std::max(0.0, snap.items.unitPrice[*it] - s.unitPrice);
            ShortageCandidate &c = add();
            c.change = {0, qty, kNone, 0};
            c.rec.action = Action::Substitute;
            c.rec.qty = qty;
            c.rec.substituteItemId = snap.items.ids.at(*it);
            c.rec.arrivalDate = ctx.asOf;
            c.rec.cost = qty * priceDiff;
            c.rec.feasible = true;
            finish(c);
            if (ctx.explain)
                c.rec.text = "Ship " + fmtUnits(qty) + " of " + c.rec.substituteItemId
                    + " (same substitute group, spare stock here) instead; the price difference "
                      "costs "
                    + fmtMoney(c.rec.cost, cur) + avoids(c.rec.benefit, cur) + ".";
        }
    }

    sortListed();

    // Tell customer service when nothing feasible covers the shortage in time.
    const bool covered = std::any_of(listed.begin(), listed.end(), [&candidates](std::size_t i) {
        return candidates[i].rec.feasible && candidates[i].unitsAfter <= kEps;
    });
    if (!covered) {
        const auto best = std::find_if(listed.begin(), listed.end(),
            [&candidates](std::size_t i) { return candidates[i].rec.feasible; });
        const bool hasBest = best != listed.end();
        w.outcomes.clear();
        applyChange(s, hasBest ? candidates[*best].change : ShortageChange {}, w.events);
        const ShortageCost after = serveLines(ctx, s, w.events, s.lines, &w.outcomes);
        ShortageCandidate &c = add();
        c.rec.action = Action::NotifyCustomerService;
        c.rec.qty = after.units;
        c.rec.benefit
            = ctx.policy.notifyPenaltyReduction * ctx.weight(FactorKind::SlaPenalty) * after.sla;
        c.rec.requiresRole = requiredRole(ctx, 0.0);
        if (ctx.explain) {
            std::string list;
            for (std::size_t i = 0; i < s.lines.size(); ++i) {
                if (w.outcomes[i].shortQty <= kEps)
                    continue;
                const Index row = s.lines[i].row;
                c.rec.orderLines.push_back({snap.salesOrders.orderId[row],
                    snap.salesOrders.line[row], w.outcomes[i].shortQty});
                const int recovery = w.outcomes[i].recoveryDay;
                list += (list.empty() ? "" : ", ") + snap.salesOrders.orderId[row] + '/'
                    + std::to_string(snap.salesOrders.line[row]) + " ("
                    + fmtUnits(w.outcomes[i].shortQty)
                    + (recovery == kNoRecovery ? std::string(", no supply in sight")
                                               : ", expected " + fmtDate(ctx.asOf + recovery))
                    + ')';
            }
            c.rec.text = "Tell customer service now which lines will be late: " + list
                + (hasBest ? " even after the best action" : std::string())
                + "; early notice saves about " + fmtPercent(ctx.policy.notifyPenaltyReduction)
                + " of their " + fmtMoney(after.sla, cur) + " late penalty.";
        }
        sortListed();
    }

    // Already in recommendation order.
    out.recommendations.clear();
    out.recommendations.reserve(listed.size());
    for (const std::size_t i : listed)
        out.recommendations.push_back(std::move(candidates[i].rec));
}

void recommendReplenishment(
    Context &ctx, std::span<SkuState> siblings, SkuState &s, Scratch &w, ExceptionRecord &out)
{
    const Snapshot &snap = ctx.snap;
    const ItemLocations &ils = snap.itemLocations;
    const std::string &cur = ctx.currency;
    const std::string needText = ctx.explain ? fmtDate(out.needDate) : std::string();

    // Order up to the max when a min-max policy is set, else one order quantity.
    const double rop = ils.reorderPoint[s.il], upTo = ils.orderUpTo[s.il];
    double want = isSet(rop) && isSet(upTo) ? upTo - s.risk.inventoryPosition : s.risk.orderQty;
    want = std::max(want, s.risk.leadTimeDemandMean - s.risk.inventoryPosition);
    // Built in place: the record is reused from one exception to the next.
    std::vector<Recommendation> &recs = out.recommendations;
    recs.clear();

    if (s.replenisher == Replenisher::Supplier) {
        const double qty = roundUpToMultiple(
            std::max(want, orOne(ils.minOrderQty[s.il])), orOne(ils.orderMultiple[s.il]));
        const SupplierOutlook outlook = supplierOutlook(ctx, s.item, s.supplier);
        const int day = outlook.arrivalDay(s.risk.leadTimeDays);
        Recommendation &r = recs.emplace_back();
        r.action = Action::Purchase;
        r.qty = qty;
        r.arrivalDate = ctx.asOf + day;
        r.supplierId = snap.suppliers.ids.at(s.supplier);
        // A replenishment is bought sooner or later: ordering now moves the order's
        // fixed cost, it does not add it. What ordering now costs is holding the
        // stock over the horizon.
        r.cost = qty * s.unitCost * ctx.policy.holdingCostRate * ctx.horizon / 365.0;
        r.benefit = replenishmentBenefit(ctx, s, qty, day);
        r.feasible = r.arrivalDate <= out.needDate;
        r.requiresRole = requiredRole(ctx, r.cost);
        if (ctx.explain)
            r.text = "Order " + fmtUnits(qty) + " from " + r.supplierId + " now (arrives "
                + fmtDate(r.arrivalDate) + " after " + outlook.leadText(s.risk.leadTimeDays)
                + ") for " + fmtMoney(r.cost, cur)
                + " in holding cost (the order's own cost is due whenever it is placed)"
                + (r.feasible ? avoids(r.benefit, cur)
                              : "; arrives after the projected stockout on " + needText)
                + ".";
    }

    const std::size_t firstTransfer = recs.size();
    transferOffers(ctx, siblings, s, want, w.plan, w.offers);
    for (const TransferOffer &o : w.offers) {
        Recommendation &r = recs.emplace_back();
        r.action = Action::Transfer;
        r.qty = o.qty;
        r.fromLocationId = snap.locations.ids.at(o.source->location);
        r.arrivalDate = ctx.asOf + o.day;
        r.cost = o.qty * o.route->costPerUnit + o.route->fixedCost;
        r.benefit = replenishmentBenefit(ctx, s, o.qty, o.day);
        r.feasible = r.arrivalDate <= out.needDate;
        r.requiresRole = requiredRole(ctx, r.cost);
    }
    sortRecommendations(std::span(recs).subspan(firstTransfer));
    if (recs.size() - firstTransfer > kMaxTransfers)
        recs.resize(firstTransfer + kMaxTransfers);
    if (ctx.explain) {
        for (std::size_t i = firstTransfer; i < recs.size(); ++i) {
            Recommendation &r = recs[i];
            r.text = "Transfer " + fmtUnits(r.qty, "spare") + " from " + r.fromLocationId
                + " (arrives " + fmtDate(r.arrivalDate) + ") for " + fmtMoney(r.cost, cur)
                + (r.feasible ? avoids(r.benefit, cur)
                              : "; arrives after the projected stockout on " + needText)
                + ".";
        }
    }
    if (recs.empty() && s.replenisher == Replenisher::Transfer && want > kEps)
        recommendDrainedSource(ctx, siblings, s, want, out);
    sortRecommendations(recs);
}

} // namespace engine::detail
