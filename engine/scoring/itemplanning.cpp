#include "engine/scoring/itemplanning.h"

#include "engine/planning/planmemo.h"
#include "engine/scoring/exceptiontypes/exceptiontypes.h"
#include "engine/scoring/supplieroutlook.h"

#include <algorithm>
#include <cmath>

namespace engine::detail {

namespace {

/// Branch-and-bound nodes per item: enough for the fixed costs of a purchase per
/// location and a shipment per lane; beyond it the best plan found is used.
constexpr int kMaxBranchNodes = 400;

/// Transfer sources a short location is offered at most (the fastest, then cheapest).
constexpr std::size_t kMaxSources = 4;

planning::Units wholeDown(double q)
{
    return q > kEps ? static_cast<planning::Units>(std::floor(q + kEps)) : 0;
}

planning::Units wholeUp(double q)
{
    return q > kEps ? static_cast<planning::Units>(std::ceil(q - kEps)) : 0;
}

double orZero(double v)
{
    return isSet(v) ? v : 0.0;
}

void clear(ItemPlanning &out)
{
    out.solved = false;
    out.fromMemo = false;
    out.input = {};
    out.plan = {};
    out.demandSource.clear();
    out.laneSource.clear();
    out.receiptPo.clear();
    out.purchaseBuyer.clear();
    out.shares.clear();
    out.shippedFrom.clear();
    out.servedAt.clear();
    out.overflowCost.clear();
    out.unitSaving.clear();
}

/// The receiving and storage limits of a short location for this item: the
/// location's inbound capacity a day, and the room its storage capacity leaves after
/// every other item's stock there (none when it is already full), beyond which each
/// unit-day costs the policy's overflow rate (capacity_pressure).
void setCapacity(const Context &ctx, const SkuState &s, planning::PlanLocation &p)
{
    const Locations &locs = ctx.snap.locations;
    const auto loc = static_cast<std::size_t>(s.location);
    if (isSet(locs.inboundCapacityPerDay[loc]))
        p.receivingPerDay = wholeDown(locs.inboundCapacityPerDay[loc]);
    const double capacity = locs.storageCapacity[loc];
    if (!isSet(capacity) || ctx.horizon <= 0)
        return;
    const double others = ctx.locationOnHand[loc] - s.onHand;
    p.storage = wholeDown(std::max(0.0, capacity - others - s.allocated));
    p.overflowCostPerUnitDay = ctx.weight(FactorKind::CapacityPressure) * s.unitCost
        * ctx.policy.overflowCostRate / ctx.horizon;
}

/// Days a location must cover from its own stock before its replenishment can arrive:
/// its lead time, at most the horizon (the horizon when it has none).
double coverDays(const Context &ctx, const SkuState &s)
{
    return s.risk.defined ? std::min(s.risk.leadTimeDays, double(ctx.horizon))
                          : double(ctx.horizon);
}

/// What a location can send away today: free stock after its own orders, outbound,
/// safety stock and the demand (its own and of the locations it replenishes) until its
/// next replenishment can arrive.
double spareToday(const Context &ctx, const SkuState &s)
{
    // freeStock keeps the whole horizon's demand back; only the lead time's is needed.
    return s.freeStock
        + (s.dailyDemand + s.dependentDemand) * (double(ctx.horizon) - coverDays(ctx, s));
}

/// A purchase for the lines of state `i`: from its supplier, or through its transfer
/// source (bought there, forwarded over the route as soon as it lands).
void addPurchase(Context &ctx, std::span<const SkuState> states, std::size_t i, ItemPlanning &out)
{
    const ItemLocations &ils = ctx.snap.itemLocations;
    const int H = ctx.horizon;
    const SkuState &s = states[i];
    const SkuState *buyer = &s;
    double days = 0, perUnit = 0, fixed = 0;
    if (s.replenisher == Replenisher::Transfer && s.sourceState != SkuState::kNoSource) {
        buyer = &states[s.sourceState];
        const TransferNetwork::Route &route = ctx.network.route(buyer->location, s.location);
        if (!route.reachable)
            return;
        days = route.transitDays;
        perUnit = route.costPerUnit;
        fixed = route.fixedCost;
    }
    if (buyer->replenisher != Replenisher::Supplier || !buyer->risk.defined
        || buyer->supplier == kNone)
        return;
    // The supplier delivers as late as it runs now or as its record says.
    const SupplierOutlook outlook = supplierOutlook(ctx, buyer->item, buyer->supplier);
    const int arrival = outlook.arrivalDay(buyer->risk.leadTimeDays, days);
    if (arrival > H)
        return;
    planning::PurchaseOption buy;
    buy.location = static_cast<int>(i);
    buy.arrivalDay = arrival;
    buy.costPerUnit = buyer->unitCost * ctx.policy.holdingCostRate * H / 365.0 + perUnit;
    buy.fixedCost = ctx.policy.purchaseOrderCost + fixed;
    buy.minQty = wholeUp(orZero(ils.minOrderQty[buyer->il]));
    buy.multiple = std::max<planning::Units>(1, wholeUp(orZero(ils.orderMultiple[buyer->il])));
    buy.ref = buyer->supplier;
    out.purchaseBuyer.push_back(static_cast<std::size_t>(buyer - states.data()));
    out.input.purchases.push_back(buy);
}

/// Every state's stock; for the short ones also their firm supply, order lines and
/// what they may buy or expedite.
void addLocations(Context &ctx, std::span<const SkuState> states, ItemPlanning &out)
{
    const Snapshot &snap = ctx.snap;
    const Suppliers &sups = snap.suppliers;
    const int H = ctx.horizon;
    planning::Input &in = out.input;
    const double wMargin = ctx.weight(FactorKind::MarginAtRisk);
    const double wSla = ctx.weight(FactorKind::SlaPenalty);
    const double wAging = ctx.weight(FactorKind::OrderAging);
    for (std::size_t i = 0; i < states.size(); ++i) {
        const SkuState &s = states[i];
        const int loc = static_cast<int>(i);
        planning::PlanLocation p;
        p.onHand = wholeDown(s.start);
        p.maxShipped = wholeDown(spareToday(ctx, s));
        in.locations.push_back(p);
        // A location without a shortage takes part only as a source of what it can
        // spare today: its own lines are served from its own stock whatever the plan
        // does (the spare is what is left after them), so they stay out of the model.
        if (!s.hasShortage)
            continue;
        setCapacity(ctx, s, in.locations.back());

        for (const SupplyEvent &e : s.events) {
            if (e.qty <= 0)
                continue; // pending outbound: a demand below
            const planning::Units qty = wholeDown(e.qty);
            if (qty == 0)
                continue;
            if (e.po == kNone) {
                if (e.day <= H)
                    in.inTransit.push_back({loc, e.day, qty});
                continue;
            }
            planning::PoReceipt r;
            r.location = loc;
            r.expectedDay = e.day;
            r.qty = qty;
            const Index sup = snap.purchaseOrders.supplier[e.po];
            if (const int day = expeditedDay(ctx, sup, e.day); day >= 0)
                r.expedites.push_back({day, sups.expediteCostPerUnit[sup], planning::kUnlimited});
            r.ref = e.po;
            out.receiptPo.push_back(e.po);
            in.receipts.push_back(std::move(r));
        }

        // Order lines, priced as the shortage factors price a short unit: its margin
        // once when it misses its due date, then penalty (and aging, when already
        // past due) for every further day, to the horizon end at most.
        for (std::size_t k = 0; k < s.lines.size(); ++k) {
            const DemandLine &l = s.lines[k];
            planning::Demand d;
            d.location = loc;
            d.dueDay = std::min(l.due, H);
            d.qty = wholeUp(l.qty);
            if (d.qty == 0)
                continue;
            const double perDay = wSla * l.penaltyRate
                + (l.due < 0 ? wAging * l.price * ctx.policy.agingRatePerDay : 0.0);
            d.lostSaleCostPerUnit = wMargin * std::max(0.0, l.price - s.unitCost);
            d.lostSaleDays = ctx.policy.lostSaleDays;
            d.daysPastDue = std::max(0, -l.due);
            d.lateCostPerUnitDay = perDay;
            d.unservedCostPerUnit
                = d.lostSaleCostPerUnit * (1.0 - planning::lostSaleShare(d, d.daysPastDue))
                + perDay * (H - std::max(0, l.due));
            d.ref = l.row;
            out.demandSource.push_back({i, k});
            in.demands.push_back(d);
        }

        // A new purchase: from the location's own supplier, or, when a location
        // replenishes it by transfer, bought there and forwarded on arrival.
        // Only where lines are short: elsewhere stock brought in serves nothing.
        if (s.hasShortage)
            addPurchase(ctx, states, i, out);
    }
}

/// Transfers that leave any location with stock to spare today for one whose lines
/// are short.
void addLanes(Context &ctx, std::span<const SkuState> states, ItemPlanning &out)
{
    planning::Input &in = out.input;
    struct Candidate {
        planning::Lane lane;
        std::size_t from = 0;
        double spare = 0;
    };
    std::vector<Candidate> candidates;
    for (std::size_t b = 0; b < states.size(); ++b) {
        if (!states[b].hasShortage)
            continue;
        candidates.clear();
        for (std::size_t a = 0; a < states.size(); ++a) {
            if (a == b)
                continue;
            // What a keeps back for b's own forecast and safety stock is b's to take.
            const bool replenishesB
                = spareFor(states, states[a], states[b], ctx.horizon) > states[a].freeStock + kEps;
            const planning::Units reserved = replenishesB
                ? wholeDown(
                    states[b].dailyDemand * coverDays(ctx, states[a]) + states[b].safetyStock)
                : 0;
            if (in.locations[a].maxShipped + reserved == 0)
                continue;
            const TransferNetwork::Route &route
                = ctx.network.route(states[a].location, states[b].location);
            if (!route.reachable)
                continue;
            const int transit = std::max(1, ceilDays(route.transitDays));
            if (transit > ctx.horizon)
                continue;
            Candidate c;
            planning::Lane &ln = c.lane;
            ln.from = static_cast<int>(a);
            ln.to = static_cast<int>(b);
            ln.transitDays = transit;
            ln.costPerUnit = route.costPerUnit;
            ln.capacityPerDay = isSet(route.capacityPerDay) ? wholeDown(route.capacityPerDay)
                                                            : planning::kUnlimited;
            ln.fixedCostPerShipment = route.fixedCost;
            ln.lastShipDay = 0;
            ln.reservedForDestination = reserved;
            c.from = a;
            c.spare = double(in.locations[a].maxShipped + reserved);
            candidates.push_back(c);
        }
        // The fastest sources first, then the cheapest: enough of them to cover twice
        // what b is short, and never more than kMaxSources. A farther or dearer source
        // serves only where these cannot, so the plan rarely misses it (docs/scoring.md).
        std::sort(candidates.begin(), candidates.end(), [](const Candidate &x, const Candidate &y) {
            if (x.lane.transitDays != y.lane.transitDays)
                return x.lane.transitDays < y.lane.transitDays;
            if (x.lane.costPerUnit != y.lane.costPerUnit)
                return x.lane.costPerUnit < y.lane.costPerUnit;
            return x.from < y.from;
        });
        double covered = 0;
        const double wanted = 2 * states[b].shortage.units;
        for (std::size_t k = 0; k < candidates.size() && k < kMaxSources && covered < wanted; ++k) {
            covered += candidates[k].spare;
            out.laneSource.push_back(candidates[k].from);
            in.lanes.push_back(candidates[k].lane);
        }
    }
}

/// Transfers already promised to leave: served before any order line, as the scores
/// take them off the stock on their ship day.
void addOutbound(const Context &ctx, std::span<const SkuState> states, ItemPlanning &out)
{
    planning::Input &in = out.input;
    double dearest = 0;
    for (const planning::Demand &d : in.demands)
        dearest = std::max(dearest, d.unservedCostPerUnit);
    const double perDay = dearest + 1.0;
    for (std::size_t i = 0; i < states.size(); ++i) {
        if (!states[i].hasShortage)
            continue; // its spare is net of its outbound already
        for (const SupplyEvent &e : states[i].events) {
            if (e.qty >= 0 || e.day > ctx.horizon)
                continue;
            planning::Demand d;
            d.location = static_cast<int>(i);
            d.dueDay = e.day;
            d.qty = wholeUp(-e.qty);
            d.lateCostPerUnitDay = perDay;
            d.unservedCostPerUnit = perDay * (ctx.horizon + 1);
            out.demandSource.push_back({i, PlanDemandSource::kNoLine});
            in.demands.push_back(d);
        }
    }
}

void shareOut(const Context &ctx, std::span<const SkuState> states, ItemPlanning &out)
{
    const planning::Plan &plan = out.plan;
    const planning::Input &in = out.input;
    const std::size_t n = states.size();
    out.shares.assign(n, {});
    for (std::size_t k = 0; k < in.demands.size(); ++k) {
        const PlanDemandSource &src = out.demandSource[k];
        if (src.line == PlanDemandSource::kNoLine)
            continue;
        PlanShare &share = out.shares[src.state];
        const planning::DemandOutcome &o = plan.demands[k];
        const planning::Demand &d = in.demands[k];
        share.doNothingCost += plan.doNothing[k].cost;
        share.planCost += o.cost;
        share.unitsLeft += static_cast<double>(o.late + o.unserved);
        const DemandLine &line = states[src.state].lines[src.line];
        const double sla = ctx.weight(FactorKind::SlaPenalty) * line.penaltyRate;
        for (const planning::LateUnits &l : o.lateBy)
            share.penaltyLeft += sla * l.days * static_cast<double>(l.qty);
        share.penaltyLeft
            += sla * (ctx.horizon - std::max(0, d.dueDay)) * static_cast<double>(o.unserved);
    }
    std::vector<double> delivered(in.demands.size(), 0.0);
    for (const planning::Action &act : plan.actions)
        for (const planning::Allocation &s : act.serves)
            delivered[static_cast<std::size_t>(s.demand)] += static_cast<double>(s.qty);
    // What the plan saves at a location (all its lines, net) goes to the lines its
    // actions bring units to, in proportion to what each of those lines saves. Among
    // plans of the same cost, stock on hand may serve line A and the transfer line B, or
    // the other way round: the location saves the same, but line by line the saving can
    // sit on the line the stock serves. So when a line an action serves shows no saving
    // of its own, the location's saving is shared by the units the actions bring.
    std::vector<double> locationSaving(n, 0.0), servedSaving(n, 0.0), servedUnits(n, 0.0);
    std::vector<char> swapped(n, 0);
    for (std::size_t k = 0; k < in.demands.size(); ++k) {
        const PlanDemandSource &src = out.demandSource[k];
        if (src.line == PlanDemandSource::kNoLine)
            continue;
        const double saved = plan.doNothing[k].cost - plan.demands[k].cost;
        locationSaving[src.state] += saved;
        if (delivered[k] > 0) {
            servedSaving[src.state] += std::max(0.0, saved);
            servedUnits[src.state] += delivered[k];
            swapped[src.state] = swapped[src.state] || saved <= 0;
        }
    }
    out.unitSaving.assign(in.demands.size(), 0.0);
    for (std::size_t k = 0; k < in.demands.size(); ++k) {
        const PlanDemandSource &src = out.demandSource[k];
        if (delivered[k] <= 0 || src.line == PlanDemandSource::kNoLine)
            continue;
        const std::size_t i = src.state;
        const double total = std::max(0.0, locationSaving[i]);
        const double saved = plan.doNothing[k].cost - plan.demands[k].cost;
        out.unitSaving[k]
            = swapped[i] ? total / servedUnits[i] : total * saved / servedSaving[i] / delivered[k];
    }
    out.shippedFrom.assign(n, 0.0);
    for (const planning::Action &act : plan.actions)
        if (act.kind == planning::ActionKind::Transfer)
            out.shippedFrom[out.laneSource[static_cast<std::size_t>(act.index)]]
                += static_cast<double>(act.qty);
    // What the plan adds to a location's overflow is a cost of the actions that bring
    // stock there, by units brought.
    out.overflowCost.assign(plan.actions.size(), 0.0);
    std::vector<double> arriving(n, 0.0);
    for (const planning::Action &act : plan.actions)
        arriving[static_cast<std::size_t>(act.location)] += static_cast<double>(act.qty);
    for (std::size_t a = 0; a < plan.actions.size(); ++a) {
        planning::Action &act = out.plan.actions[a];
        const auto at = static_cast<std::size_t>(act.location);
        const double extra = at < plan.overflowAt.size() && at < plan.doNothingOverflowAt.size()
            ? plan.overflowAt[at] - plan.doNothingOverflowAt[at]
            : 0.0;
        if (extra <= 0 || arriving[at] <= 0)
            continue;
        out.overflowCost[a] = extra * static_cast<double>(act.qty) / arriving[at];
        act.cost += out.overflowCost[a];
    }
    out.servedAt.assign(plan.actions.size(), std::vector<double>(n, 0.0));
    for (std::size_t a = 0; a < plan.actions.size(); ++a) {
        const planning::Action &act = plan.actions[a];
        std::vector<double> &at = out.servedAt[a];
        for (const planning::Allocation &s : act.serves)
            at[out.demandSource[static_cast<std::size_t>(s.demand)].state]
                += static_cast<double>(s.qty);
        at[static_cast<std::size_t>(act.location)] += static_cast<double>(act.keptInStock);
        const double qty = static_cast<double>(act.qty);
        if (qty <= 0)
            continue;
        for (std::size_t i = 0; i < n; ++i)
            out.shares[i].actionCost += act.cost * at[i] / qty;
    }
}

} // namespace

double ItemPlanning::actionBenefit(std::size_t a) const
{
    double benefit = 0;
    for (const planning::Allocation &s : plan.actions[a].serves)
        benefit += static_cast<double>(s.qty) * unitSaving[static_cast<std::size_t>(s.demand)];
    return benefit;
}

double PlanShare::saving() const
{
    return std::max(0.0, doNothingCost - planCost - actionCost);
}

bool buildPlanInput(Context &ctx, std::span<const SkuState> states, ItemPlanning &out)
{
    clear(out);
    if (std::none_of(states.begin(), states.end(),
            [&ctx](const SkuState &s) { return raisesShortage(ctx, s); }))
        return false;
    out.input.horizonDays = ctx.horizon;
    addLocations(ctx, states, out);
    addLanes(ctx, states, out);
    addOutbound(ctx, states, out);
    return true;
}

void planItem(Context &ctx, std::span<const SkuState> states, ItemPlanning &out)
{
    if (!buildPlanInput(ctx, states, out))
        return;
    // Nothing to act with (no source to spare, no purchase in time, no expedite): the
    // plan is to do nothing, and each short location keeps the score's own outcome.
    const bool canAct = !out.input.lanes.empty() || !out.input.purchases.empty()
        || std::any_of(out.input.receipts.begin(), out.input.receipts.end(),
            [](const planning::PoReceipt &r) { return !r.expedites.empty(); });
    if (!canAct) {
        out.shares.assign(states.size(), {});
        out.shippedFrom.assign(states.size(), 0.0);
        out.unitSaving.assign(out.input.demands.size(), 0.0);
        out.solved = true;
        return;
    }
    planning::PlanOptions options;
    options.maxBranchNodes = kMaxBranchNodes;
    planning::PlanKey key;
    if (ctx.memo) {
        key = planning::planKey(out.input, options);
        if (std::optional<planning::Plan> kept = ctx.memo->find(key, out.input)) {
            out.plan = std::move(*kept);
            out.fromMemo = true;
            shareOut(ctx, states, out);
            out.solved = true;
            return;
        }
    }
    auto plan = planning::optimiseItemPlan(out.input, options);
    if (!plan)
        return; // too large for exact arithmetic: the recommendations fall back
    out.plan = std::move(*plan);
    if (ctx.memo)
        ctx.memo->keep(key, out.plan);
    shareOut(ctx, states, out);
    out.solved = true;
}

} // namespace engine::detail
