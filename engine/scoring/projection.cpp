#include "engine/scoring/projection.h"

#include "engine/core/smallsort.h"
#include "engine/scoring/riskmath.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>

namespace engine::detail {

namespace {

constexpr double kEps = 1e-9;

double orZero(double v)
{
    return isSet(v) ? v : 0.0;
}

int dayOffset(Date date, Date asOf)
{
    return date == kNoDate ? 0 : std::max(0, date - asOf);
}

} // namespace

Context::Context(const Snapshot &s, const Policy &p)
    : snap(s)
    , policy(p)
    , asOf(s.manifest.asOf)
    , horizon(std::max(0, p.horizonDays))
    , network(s)
    , locationOnHand(static_cast<std::size_t>(std::max<Index>(0, s.locations.size())), 0.0)
    , currency(s.manifest.currency)
{
    if (s.locations.onHandTotal.size() == locationOnHand.size()) {
        locationOnHand = s.locations.onHandTotal;
        return;
    }
    const ItemLocations &ils = s.itemLocations;
    for (Index il = 0; il < ils.size(); ++il) {
        const Index loc = ils.location[il];
        if (loc >= 0 && loc < s.locations.size())
            locationOnHand[static_cast<std::size_t>(loc)] += ils.onHand[il];
    }
}

void loadState(Context &ctx, Index il, SkuState &s)
{
    const Snapshot &snap = ctx.snap;
    const ItemLocations &ils = snap.itemLocations;
    const Date asOf = ctx.asOf;
    const int horizon = ctx.horizon;

    s.il = il;
    s.item = ils.item[il];
    s.location = ils.location[il];
    s.onHand = ils.onHand[il];
    s.allocated = orZero(ils.allocated[il]);
    s.start = s.onHand - s.allocated;
    s.safetyStock = orZero(ils.safetyStock[il]);
    s.dailyDemand = std::max(0.0, orZero(ils.dailyDemand[il]));
    s.dailyDemandStd = std::max(0.0, orZero(ils.dailyDemandStd[il]));
    s.unitCost = orZero(snap.items.unitCost[s.item]);
    s.unitPrice = isSet(snap.items.unitPrice[s.item]) ? snap.items.unitPrice[s.item] : s.unitCost;
    s.unitMargin = std::max(0.0, s.unitPrice - s.unitCost);
    s.projected = false;
    s.hasShortage = false;
    s.needDate = kNoDate;
    s.shortage = {};
    s.shortageLtvUnits = 0;
    s.outcomes.clear();

    // Firm supply: receipts on their expected date, unshipped outbound on its ship date.
    s.events.clear();
    s.openPoQty = s.inboundQty = s.outboundPending = s.receiptsHorizon = 0;
    const auto &idx = snap.idx;
    const PurchaseOrders &pos = snap.purchaseOrders;
    for (const Index *r = idx.purchasesByItemLocation.begin(il);
         r != idx.purchasesByItemLocation.end(il); ++r) {
        const int day = dayOffset(pos.expectedDate[*r], asOf);
        s.events.push_back({day, pos.qtyOpen[*r], *r});
        s.openPoQty += pos.qtyOpen[*r];
        if (day <= horizon)
            s.receiptsHorizon += pos.qtyOpen[*r];
    }
    const Transfers &tr = snap.transfers;
    for (const Index *r = idx.inboundByItemLocation.begin(il);
         r != idx.inboundByItemLocation.end(il); ++r) {
        const int day = dayOffset(tr.expectedDate[*r], asOf);
        s.events.push_back({day, tr.qty[*r], kNone});
        s.inboundQty += tr.qty[*r];
        if (day <= horizon)
            s.receiptsHorizon += tr.qty[*r];
    }
    for (const Index *r = idx.outboundByItemLocation.begin(il);
         r != idx.outboundByItemLocation.end(il); ++r) {
        const Date ship = tr.shipDate[*r];
        if (ship != kNoDate && ship <= asOf)
            continue; // shipped: already out of on_hand
        s.events.push_back({dayOffset(ship, asOf), -tr.qty[*r], kNone});
        s.outboundPending += tr.qty[*r];
    }
    stableSort(s.events.begin(), s.events.end(),
        [](const SupplyEvent &a, const SupplyEvent &b) { return a.day < b.day; });

    // Open order lines in service order: due date, tier 1 first, order id, line.
    s.lines.clear();
    s.openOrderQty = s.openOrderQtyHorizon = 0;
    const SalesOrders &so = snap.salesOrders;
    const Customers &cu = snap.customers;
    for (const Index *r = idx.salesByItemLocation.begin(il); r != idx.salesByItemLocation.end(il);
         ++r) {
        const double qty = so.qtyOpen[*r];
        s.openOrderQty += qty;
        const int due = so.dueDate[*r] - asOf;
        if (due > horizon)
            continue;
        s.openOrderQtyHorizon += qty;
        DemandLine line;
        line.row = *r;
        line.due = due;
        line.qty = qty;
        line.price = isSet(so.unitPrice[*r]) ? so.unitPrice[*r] : s.unitPrice;
        const Index c = so.customer[*r];
        line.tier = std::clamp<int>(c >= 0 ? cu.tier[c] : 3, 1, 3);
        line.penaltyRate = c >= 0 && isSet(cu.latePenaltyPerUnitDay[c])
            ? cu.latePenaltyPerUnitDay[c]
            : ctx.policy.tierPenaltySharePerDay[static_cast<std::size_t>(line.tier - 1)]
                * line.price;
        s.lines.push_back(line);
    }
    std::sort(s.lines.begin(), s.lines.end(), [&so](const DemandLine &a, const DemandLine &b) {
        if (a.due != b.due)
            return a.due < b.due;
        if (a.tier != b.tier)
            return a.tier < b.tier;
        if (const int c = so.orderId[a.row].compare(so.orderId[b.row]); c != 0)
            return c < 0;
        return so.line[a.row] < so.line[b.row];
    });

    // Who replenishes it and how long that takes.
    const double overrideL = ils.leadTimeDays[il], overrideStd = ils.leadTimeStdDays[il];
    double leadTime = kUnset, leadTimeStd = 0;
    s.supplier = ils.supplier[il];
    s.sourceLocation = ils.sourceLocation[il];
    s.replenisher = Replenisher::None;
    if (s.supplier != kNone) {
        s.replenisher = Replenisher::Supplier;
        const Suppliers &sup = snap.suppliers;
        leadTime = isSet(overrideL) ? overrideL : sup.leadTimeDays[s.supplier];
        leadTimeStd = isSet(overrideStd) ? overrideStd : orZero(sup.leadTimeStdDays[s.supplier]);
    } else if (s.sourceLocation != kNone) {
        s.replenisher = Replenisher::Transfer;
        const auto &route = ctx.network.route(s.sourceLocation, s.location);
        leadTime = isSet(overrideL) ? overrideL : route.reachable ? route.transitDays : kUnset;
        // A lane's transit is taken as certain unless the SKU-location says otherwise.
        leadTimeStd = orZero(overrideStd);
    } else if (isSet(overrideL)) {
        leadTime = overrideL;
        leadTimeStd = orZero(overrideStd);
    }

    const double ip = s.start + s.openPoQty + s.inboundQty - s.outboundPending - s.openOrderQty;
    if (std::isfinite(leadTime) && leadTime >= 0.0) {
        RiskInputs in;
        in.dailyDemand = s.dailyDemand;
        in.dailyDemandStd = s.dailyDemandStd;
        in.leadTimeDays = leadTime;
        in.leadTimeStdDays = std::max(0.0, leadTimeStd);
        in.inventoryPosition = ip;
        in.orderQty = orderQuantity(ils.reorderPoint[il], ils.orderUpTo[il], ils.minOrderQty[il],
            ils.orderMultiple[il], s.dailyDemand, leadTime);
        s.risk = computeRisk(in);
    } else {
        s.risk = {};
        s.risk.dailyDemand = s.dailyDemand;
        s.risk.dailyDemandStd = s.dailyDemandStd;
        s.risk.inventoryPosition = ip;
    }

    s.freeStock = s.start - s.openOrderQtyHorizon - s.outboundPending - s.dailyDemand * horizon
        - s.safetyStock;
}

void buildProjection(const Context &ctx, SkuState &s)
{
    const std::size_t days = static_cast<std::size_t>(ctx.horizon) + 1;
    for (auto *v : {&s.receipts, &s.ordersDue, &s.forecast, &s.outbound, &s.balance})
        v->assign(days, 0.0);
    for (const SupplyEvent &e : s.events) {
        if (e.day > ctx.horizon)
            break;
        if (e.qty > 0)
            s.receipts[static_cast<std::size_t>(e.day)] += e.qty;
        else
            s.outbound[static_cast<std::size_t>(e.day)] -= e.qty;
    }
    for (const DemandLine &l : s.lines)
        s.ordersDue[static_cast<std::size_t>(std::max(0, l.due))] += l.qty;

    // Forecast demand starts the day after as_of: as_of's own demand is already in
    // the snapshot's orders and stock. Forecast rows win over daily_demand where
    // their periods reach; NaN marks days no row covers.
    const auto &fidx = ctx.snap.idx.forecastByItemLocation;
    if (fidx.count(s.il) == 0) {
        for (std::size_t k = 1; k < days; ++k)
            s.forecast[k] = s.dailyDemand;
    } else {
        const Forecast &fc = ctx.snap.forecast;
        std::fill(s.forecast.begin() + 1, s.forecast.end(), kUnset);
        for (const Index *r = fidx.begin(s.il); r != fidx.end(s.il); ++r) {
            const Date from = fc.date[*r];
            Date to = r + 1 != fidx.end(s.il) ? fc.date[*(r + 1)] : from + 7;
            if (to <= from)
                to = from + 1;
            const double perDay = fc.qty[*r] / double(to - from);
            const Date lo = std::max(from, ctx.asOf + 1);
            const Date hi = std::min<Date>(to, ctx.asOf + ctx.horizon + 1);
            for (Date d = lo; d < hi; ++d) {
                double &slot = s.forecast[static_cast<std::size_t>(d - ctx.asOf)];
                slot = (isSet(slot) ? slot : 0.0) + perDay;
            }
        }
        for (std::size_t k = 1; k < days; ++k) {
            if (!isSet(s.forecast[k]))
                s.forecast[k] = s.dailyDemand;
        }
    }

    double b = s.start;
    for (std::size_t k = 0; k < days; ++k) {
        b += s.receipts[k] - s.ordersDue[k] - s.forecast[k] - s.outbound[k];
        s.balance[k] = b;
    }
    s.projected = true;
}

ShortageCost serveLines(const Context &ctx, const SkuState &s, std::span<const SupplyEvent> events,
    std::span<const DemandLine> lines, std::vector<LineOutcome> *outcomes)
{
    ShortageCost cost;
    const int horizon = ctx.horizon;
    double supply = s.start, demand = 0;
    std::size_t next = 0;
    for (const DemandLine &line : lines) {
        const int day = std::max(0, line.due);
        while (next < events.size() && events[next].day <= day)
            supply += events[next++].qty;
        demand += line.qty;
        const double shortQty = std::clamp(demand - supply, 0.0, line.qty);
        LineOutcome out {0.0, day};
        if (shortQty > kEps) {
            // The short units arrive with the first later receipt that covers every
            // line served before them as well (receipts beyond the horizon count).
            // Without one they never arrive: doing nothing orders nothing.
            double later = supply;
            int recovery = kNoRecovery;
            for (std::size_t j = next; j < events.size();) {
                const int d = events[j].day;
                while (j < events.size() && events[j].day == d)
                    later += events[j++].qty;
                if (later >= demand - kEps) {
                    recovery = d;
                    break;
                }
            }
            out = {shortQty, recovery};
            // Only the lateness still to come, within the horizon, costs money.
            const int daysAhead = std::max(0, std::min(recovery, horizon) - day);
            cost.units += shortQty;
            if (recovery == kNoRecovery)
                cost.unrecoveredUnits += shortQty;
            // The share of the sale still to be lost: all that is left of it when
            // nothing arrives, else what the days still ahead add to it.
            const int past = std::max(0, -line.due), days = ctx.policy.lostSaleDays;
            const double lost = recovery == kNoRecovery
                ? 1.0 - lostShare(past, days)
                : lostShare(past + daysAhead, days) - lostShare(past, days);
            cost.lostUnits += shortQty * lost;
            cost.margin += shortQty * lost * std::max(0.0, line.price - s.unitCost);
            cost.unitDays += shortQty * daysAhead;
            cost.sla += shortQty * daysAhead * line.penaltyRate;
            if (line.due < 0) {
                cost.agingUnits += shortQty;
                cost.agingUnitDays += shortQty * daysAhead;
                cost.aging += shortQty * line.price * ctx.policy.agingRatePerDay * daysAhead;
            }
            cost.firstShortDue = std::min(cost.firstShortDue, line.due);
            ++cost.shortLines;
        }
        if (outcomes)
            outcomes->push_back(out);
    }
    return cost;
}

void evaluateShortage(const Context &ctx, SkuState &s)
{
    s.outcomes.clear();
    s.shortage = serveLines(ctx, s, s.events, s.lines, &s.outcomes);
    s.hasShortage = s.shortage.units > kEps;
    s.needDate = s.hasShortage ? ctx.asOf + std::max(0, s.shortage.firstShortDue) : kNoDate;
    s.shortageLtvUnits = volatilityUnits(s);
}

void addDependentDemand(std::span<SkuState> states, int horizon, EchelonScratch &scratch)
{
    for (SkuState &s : states) {
        s.dependentDemand = s.dependentSafetyStock = 0;
        s.sourceState = SkuState::kNoSource;
    }
    const bool anyTransfer = std::ranges::any_of(
        states, [](const SkuState &s) { return s.replenisher == Replenisher::Transfer; });
    if (states.size() < 2 || !anyTransfer)
        return;

    // Each SKU-location has at most one source, so the sources above one form a path;
    // walking up it from every SKU-location adds that one's demand to each ancestor.
    const std::size_t n = states.size();
    constexpr std::size_t kNoParent = SkuState::kNoSource;
    auto &byLocation = scratch.byLocation;
    byLocation.resize(n);
    std::iota(byLocation.begin(), byLocation.end(), std::size_t {0});
    std::ranges::sort(byLocation, [&](std::size_t a, std::size_t b) {
        return std::tie(states[a].location, a) < std::tie(states[b].location, b);
    });
    auto &parent = scratch.parent;
    parent.assign(n, kNoParent);
    for (std::size_t i = 0; i < n; ++i) {
        if (states[i].replenisher != Replenisher::Transfer)
            continue;
        const Index source = states[i].sourceLocation;
        const auto it = std::ranges::lower_bound(
            byLocation, source, {}, [&](std::size_t k) { return states[k].location; });
        if (it != byLocation.end() && states[*it].location == source && *it != i)
            parent[i] = *it;
    }
    auto &seen = scratch.seen;
    seen.assign(n, kNoParent);
    for (std::size_t i = 0; i < n; ++i) {
        const double demand = states[i].dailyDemand, safety = states[i].safetyStock;
        if (demand <= 0 && safety <= 0)
            continue;
        seen[i] = i;
        for (std::size_t p = parent[i]; p != kNoParent && seen[p] != i; p = parent[p]) {
            seen[p] = i;
            states[p].dependentDemand += demand;
            states[p].dependentSafetyStock += safety;
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        SkuState &s = states[i];
        s.sourceState = parent[i];
        s.freeStock -= s.dependentDemand * horizon + s.dependentSafetyStock;
    }
}

double spareFor(
    std::span<const SkuState> states, const SkuState &src, const SkuState &dst, int horizon)
{
    const std::size_t from = static_cast<std::size_t>(&src - states.data());
    std::size_t at = static_cast<std::size_t>(&dst - states.data());
    // The sources above dst form a path that may close into a cycle: n steps visit it all.
    for (std::size_t step = 0; step < states.size(); ++step) {
        at = states[at].sourceState;
        if (at == SkuState::kNoSource)
            break;
        if (at == from)
            return src.freeStock + dst.dailyDemand * horizon + dst.safetyStock;
    }
    return src.freeStock;
}

double volatilityUnits(const SkuState &s)
{
    if (!s.risk.defined)
        return 0.0;
    const double gap = std::max(0.0, s.risk.leadTimeDemandMean - s.risk.inventoryPosition);
    return std::max(0.0, s.risk.expectedUnitsShort - gap);
}

double freeStockOf(const Context &ctx, Index il)
{
    const Snapshot &snap = ctx.snap;
    const ItemLocations &ils = snap.itemLocations;
    double stock = ils.onHand[il] - orZero(ils.allocated[il]);
    const auto &idx = snap.idx;
    for (const Index *r = idx.salesByItemLocation.begin(il); r != idx.salesByItemLocation.end(il);
         ++r) {
        if (snap.salesOrders.dueDate[*r] - ctx.asOf <= ctx.horizon)
            stock -= snap.salesOrders.qtyOpen[*r];
    }
    for (const Index *r = idx.outboundByItemLocation.begin(il);
         r != idx.outboundByItemLocation.end(il); ++r) {
        const Date ship = snap.transfers.shipDate[*r];
        if (ship == kNoDate || ship > ctx.asOf)
            stock -= snap.transfers.qty[*r];
    }
    return stock - std::max(0.0, orZero(ils.dailyDemand[il])) * ctx.horizon
        - orZero(ils.safetyStock[il]);
}

} // namespace engine::detail
