#include "engine/planning/timenetwork.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace engine::planning::detail {

double toMicro(double currency)
{
    return static_cast<double>(std::llround(currency * kMicro));
}

double actionCost(double currency)
{
    return std::max(1.0, toMicro(currency));
}

namespace {

std::string str(std::string_view prefix, long long a)
{
    return std::string(prefix) + std::to_string(a);
}

bool goodCost(double c)
{
    return std::isfinite(c) && c >= 0 && c <= 1e9;
}

bool goodLimit(Units u)
{
    return u == kUnlimited || (u >= 0 && u <= 1'000'000'000'000);
}

bool goodQty(Units u)
{
    return u >= 0 && u <= 1'000'000'000'000;
}

} // namespace

std::string validate(const Input &in)
{
    const int H = in.horizonDays;
    if (H < 0 || H > 3660)
        return "the horizon must be 0 to 3660 days, not " + std::to_string(H);
    const int L = static_cast<int>(in.locations.size());
    auto badLocation = [L](int l) { return l < 0 || l >= L; };
    double maxHold = 0;
    long double units = 0;
    for (std::size_t l = 0; l < in.locations.size(); ++l) {
        const PlanLocation &p = in.locations[l];
        const std::string what = "location " + std::to_string(l);
        if (!goodQty(p.onHand) || !goodLimit(p.receivingPerDay) || !goodLimit(p.storage))
            return what + ": stock and capacities must be whole units, not negative";
        if (!goodCost(p.holdingCostPerUnitDay) || !goodCost(p.overflowCostPerUnitDay))
            return what + ": holding and overflow costs must be 0 to 1e9";
        if (!goodLimit(p.maxShipped))
            return what + ": the shipping limit must be whole units, not negative";
        maxHold = std::max(maxHold, p.holdingCostPerUnitDay + p.overflowCostPerUnitDay);
        units += static_cast<long double>(p.onHand);
    }
    for (std::size_t i = 0; i < in.inTransit.size(); ++i) {
        const InTransit &t = in.inTransit[i];
        if (badLocation(t.location) || !goodQty(t.qty))
            return "transfer in transit " + std::to_string(i)
                + ": unknown location or bad quantity";
        units += static_cast<long double>(t.qty);
    }
    double maxAction = 0;
    for (std::size_t i = 0; i < in.receipts.size(); ++i) {
        const PoReceipt &r = in.receipts[i];
        const std::string what = "PO receipt " + std::to_string(i);
        if (badLocation(r.location) || !goodQty(r.qty))
            return what + ": unknown location or bad quantity";
        for (const ExpediteOption &e : r.expedites) {
            if (!goodCost(e.costPerUnit) || !goodLimit(e.maxQty))
                return what + ": an expedite option has a bad cost or quantity";
            maxAction = std::max(maxAction, e.costPerUnit);
        }
        units += static_cast<long double>(r.qty);
    }
    long double fixed = 0;
    for (std::size_t i = 0; i < in.purchases.size(); ++i) {
        const PurchaseOption &p = in.purchases[i];
        const std::string what = "purchase option " + std::to_string(i);
        if (badLocation(p.location))
            return what + ": unknown location";
        if (!goodCost(p.costPerUnit) || !goodCost(p.fixedCost))
            return what + ": costs must be 0 to 1e9";
        if (!goodQty(p.minQty) || p.multiple < 1 || p.multiple > 1'000'000'000
            || !goodLimit(p.maxQty))
            return what + ": minimum, multiple (at least 1) and maximum must be whole units";
        maxAction = std::max(maxAction, p.costPerUnit);
        fixed += p.fixedCost;
    }
    double maxLane = 0;
    for (std::size_t i = 0; i < in.lanes.size(); ++i) {
        const Lane &ln = in.lanes[i];
        const std::string what = "lane " + std::to_string(i);
        if (badLocation(ln.from) || badLocation(ln.to) || ln.from == ln.to)
            return what + ": it must join two different known locations";
        // A day is the plan's smallest step: a move that arrives the day it leaves
        // joins two sites that plan as one location.
        if (ln.transitDays < 1 || !goodLimit(ln.capacityPerDay))
            return what + ": transit must take at least a day and capacity must not be negative";
        if (!goodCost(ln.costPerUnit) || !goodCost(ln.fixedCostPerShipment))
            return what + ": costs must be 0 to 1e9";
        if (ln.lastShipDay != kUnlimitedDay && ln.lastShipDay < 0)
            return what + ": the last ship day must be 0 or later";
        if (!goodQty(ln.reservedForDestination))
            return what + ": the reserve for its destination must be whole units, not negative";
        if (ln.reservedForDestination > 0
            && in.locations[static_cast<std::size_t>(ln.from)].maxShipped == kUnlimited)
            return what + ": a reserve for its destination needs a shipping limit at its origin";
        if (in.locations[static_cast<std::size_t>(ln.from)].maxShipped != kUnlimited
            && ln.lastShipDay != 0)
            return what
                + ": it leaves a location with a shipping limit, so it must ship on "
                  "day 0 only (lastShipDay 0)";
        maxLane = std::max(maxLane, ln.costPerUnit);
        fixed += static_cast<long double>(ln.fixedCostPerShipment) * (H + 1);
    }
    double maxDemand = 0;
    for (std::size_t i = 0; i < in.demands.size(); ++i) {
        const Demand &d = in.demands[i];
        const std::string what = "demand " + std::to_string(i);
        if (badLocation(d.location) || !goodQty(d.qty))
            return what + ": unknown location or bad quantity";
        if (d.dueDay > H)
            return what + ": due on day " + std::to_string(d.dueDay) + ", after the horizon ("
                + std::to_string(H) + ")";
        if (!goodCost(d.unservedCostPerUnit) || !goodCost(d.lateCostPerUnitDay)
            || !goodCost(d.lostSaleCostPerUnit))
            return what + ": costs must be 0 to 1e9";
        if (d.lostSaleDays < 0 || d.lostSaleDays > 36600 || d.daysPastDue < 0
            || d.daysPastDue > 36600)
            return what + ": lost-sale days and days past due must be 0 to 36600";
        maxDemand = std::max({maxDemand, d.unservedCostPerUnit,
            d.lateCostPerUnitDay * static_cast<double>(H) + d.lostSaleCostPerUnit});
        units += static_cast<long double>(d.qty);
    }
    // The dearest path one unit can take, times every unit there is: an upper bound
    // on any cost the solver adds up.
    const long double perUnit = static_cast<long double>(maxDemand) + maxHold * (H + 1.0L)
        + maxLane * (H + 1.0L) + 2.0L * maxAction + 1.0L;
    if ((units * perUnit + fixed) * kMicro > kExactLimit)
        return "the item's quantities and costs are too large to plan in exact arithmetic "
               "(their product must stay below "
            + std::to_string(static_cast<long long>(kExactLimit / kMicro)) + ")";
    return {};
}

std::vector<int> keptDays(const Input &in)
{
    const int H = in.horizonDays;
    if (std::any_of(
            in.lanes.begin(), in.lanes.end(), [](const Lane &ln) { return ln.lastShipDay != 0; })) {
        std::vector<int> all(static_cast<std::size_t>(H) + 1);
        for (int t = 0; t <= H; ++t)
            all[static_cast<std::size_t>(t)] = t;
        return all; // a shipment may leave on any day: every day counts
    }
    std::vector<bool> on(static_cast<std::size_t>(H) + 1, false);
    auto mark = [&](int t) {
        t = std::max(0, t);
        if (t <= H)
            on[static_cast<std::size_t>(t)] = true;
    };
    mark(0);
    mark(H);
    for (const InTransit &t : in.inTransit)
        mark(t.arrivalDay);
    for (const PoReceipt &r : in.receipts) {
        mark(r.expectedDay);
        for (const ExpediteOption &x : r.expedites)
            mark(x.day);
    }
    for (const PurchaseOption &p : in.purchases)
        mark(p.arrivalDay);
    for (const Lane &ln : in.lanes)
        mark(ln.transitDays);
    for (const Demand &d : in.demands)
        mark(d.dueDay);
    std::vector<int> kept;
    for (int t = 0; t <= H; ++t)
        if (on[static_cast<std::size_t>(t)])
            kept.push_back(t);
    return kept;
}

namespace {

/// Working arrays of buildNetwork(), reused by each thread: the item plan builds
/// thousands of small networks, and allocating them each time cost a tenth of planning.
struct BuildScratch {
    std::vector<int> slotOf, firstStock, receiving, dispatch, todo;
    std::vector<char> named, shipsOut, shipsLater, single, seen, wanted;
    std::vector<Units> booked, reach, direct, demandReached, demandAt;
};

BuildScratch &buildScratch()
{
    thread_local BuildScratch s;
    return s;
}

} // namespace

TimeNetwork buildNetwork(const Input &in, const NetworkSpec &spec)
{

    BuildScratch &scratch = buildScratch();
    TimeNetwork net;
    const int H = in.horizonDays;
    const int L = static_cast<int>(in.locations.size());
    net.horizon = H;
    // The days with a node: every day, or, when every lane ships on day 0 only, just
    // the days on which something can happen (day 0, the horizon end, due days and
    // arrival days). Between two such days stock stays as it is, so a hold arc over
    // the gap (its cost times the gap; the same storage bound each night) and serving
    // on the last such day before any later day lose nothing: the optimum is the same.
    const std::vector<int> kept = keptDays(in);
    const int days = static_cast<int>(kept.size());
    std::vector<int> &slotOf = scratch.slotOf; // last kept day <= t
    slotOf.assign(static_cast<std::size_t>(H) + 1, 0);
    for (int k = 0, t = 0; t <= H; ++t) {
        while (k + 1 < days && kept[static_cast<std::size_t>(k) + 1] <= t)
            ++k;
        slotOf[static_cast<std::size_t>(t)] = k;
    }
    // Which locations get nodes: all of them, or only those where something can happen.
    // A location is left out only when nothing of the input names it, so no arc could
    // reach or leave its stock: its units are held (and overflow) to the horizon in
    // every flow, a constant added to the network's cost. A pure source (lanes leave
    // it, on day 0 only, and nothing else names it) keeps one node: what it does not
    // ship today stays to the horizon, priced by two arcs to the outside node (up to its
    // storage at the holding cost for the whole horizon, above it with the overflow
    // cost too), which is what its chain of nights would charge.
    std::vector<char> &named = scratch.named, &shipsOut = scratch.shipsOut,
                      &shipsLater = scratch.shipsLater;
    named.assign(static_cast<std::size_t>(L), spec.leaveOutInert ? 0 : 1);
    shipsOut.assign(static_cast<std::size_t>(L), 0);
    shipsLater.assign(static_cast<std::size_t>(L), 0);
    if (spec.leaveOutInert) {
        auto name = [&named](int l) { named[static_cast<std::size_t>(l)] = 1; };
        for (const Demand &d : in.demands)
            name(d.location);
        for (const PoReceipt &r : in.receipts)
            name(r.location);
        for (const InTransit &t : in.inTransit)
            name(t.location);
        if (spec.actions) {
            for (const PurchaseOption &p : in.purchases)
                name(p.location);
            for (const Lane &ln : in.lanes) {
                name(ln.to);
                shipsOut[static_cast<std::size_t>(ln.from)] = 1;
                if (ln.lastShipDay != 0)
                    shipsLater[static_cast<std::size_t>(ln.from)] = 1;
            }
        }
        for (int l = 0; l < L; ++l)
            if (in.locations[static_cast<std::size_t>(l)].onHand < 0)
                name(l);
    }
    // Per location: its first stock node's index among the stock nodes, -1 when left
    // out, and whether it has one node only.
    std::vector<int> &firstStock = scratch.firstStock;
    std::vector<char> &single = scratch.single;
    firstStock.assign(static_cast<std::size_t>(L), -1);
    single.assign(static_cast<std::size_t>(L), 0);
    int stockNodes = 0;
    for (int l = 0; l < L; ++l) {
        const auto at = static_cast<std::size_t>(l);
        if (named[at] || shipsOut[at]) {
            single[at] = !named[at] && !shipsLater[at];
            firstStock[at] = stockNodes;
            stockNodes += single[at] ? 1 : days;
            continue;
        }
        const PlanLocation &p = in.locations[at];
        const auto units = static_cast<double>(p.onHand);
        net.inertHolding += toMicro(p.holdingCostPerUnitDay) * H * units;
        if (p.storage != kUnlimited && p.onHand > p.storage) {
            const double over
                = toMicro(p.overflowCostPerUnitDay) * H * static_cast<double>(p.onHand - p.storage);
            net.inertOverflow += over;
            net.inertOverflowAt.emplace_back(l, over);
        }
    }
    auto inNetwork = [&firstStock](int l) { return firstStock[static_cast<std::size_t>(l)] >= 0; };
    auto isSingle = [&single](int l) { return single[static_cast<std::size_t>(l)] != 0; };
    auto addNode = [&net](NodeKind kind, int ref, int day, Units supply) {
        net.nodes.push_back({kind, ref, day});
        net.supply.push_back(supply);
        return static_cast<int>(net.nodes.size()) - 1;
    };
    auto clampDay = [](int d) { return std::max(0, d); };

    for (int l = 0; l < L; ++l)
        if (inNetwork(l))
            for (int k = 0; k < (isSingle(l) ? 1 : days); ++k)
                addNode(NodeKind::Stock, l, kept[static_cast<std::size_t>(k)],
                    k == 0 ? in.locations[l].onHand : 0);
    auto stock = [&slotOf, &firstStock, &single](int l, int t) {
        const auto at = static_cast<std::size_t>(l);
        return firstStock[at] + (single[at] ? 0 : slotOf[static_cast<std::size_t>(t)]);
    };
    net.outside = addNode(NodeKind::Outside, -1, 0, 0);
    {
        // Room for every node and arc below at once (a guess from above, cheaper than
        // growing the vectors step by step).
        const std::size_t perDay = static_cast<std::size_t>(days) + 1;
        const std::size_t nodes = static_cast<std::size_t>(stockNodes) * 2 + in.receipts.size()
            + in.demands.size() + in.purchases.size() + 2 * in.lanes.size()
            + static_cast<std::size_t>(L) + 1;
        const std::size_t arcs = static_cast<std::size_t>(stockNodes) * 3
            + in.demands.size() * perDay + in.lanes.size() * (perDay + 2) + in.receipts.size() * 3
            + in.purchases.size() + static_cast<std::size_t>(L) * 2;
        net.nodes.reserve(nodes);
        net.supply.reserve(nodes);
        net.arcs.reserve(arcs);
    }

    // Booked arrivals per location and day, for the receiving capacity.
    std::vector<Units> &booked = scratch.booked;
    booked.assign(static_cast<std::size_t>(stockNodes), 0);
    for (const InTransit &t : in.inTransit)
        if (clampDay(t.arrivalDay) <= H)
            booked[static_cast<std::size_t>(stock(t.location, clampDay(t.arrivalDay)))] += t.qty;
    for (const PoReceipt &r : in.receipts)
        if (clampDay(r.expectedDay) <= H)
            booked[static_cast<std::size_t>(stock(r.location, clampDay(r.expectedDay)))] += r.qty;

    std::vector<int> &receiving = scratch.receiving;
    receiving.assign(static_cast<std::size_t>(stockNodes), -1);
    for (int l = 0; l < L; ++l) {
        const Units cap = in.locations[l].receivingPerDay;
        if (cap == kUnlimited || !inNetwork(l) || isSingle(l))
            continue; // (a pure source receives nothing)
        for (const int t : kept) {
            const int node = addNode(NodeKind::Receiving, l, t, 0);
            receiving[static_cast<std::size_t>(stock(l, t))] = node;
            net.arcs.push_back(
                {node, stock(l, t), std::max(cap, booked[static_cast<std::size_t>(stock(l, t))]),
                    0.0, ArcKind::Receive, l, -1, t});
        }
    }
    auto arrival = [&](int l, int t) {
        const int r = receiving[static_cast<std::size_t>(stock(l, t))];
        return r >= 0 ? r : stock(l, t);
    };

    for (int l = 0; l < L; ++l) {
        if (!inNetwork(l))
            continue;
        const PlanLocation &p = in.locations[l];
        const double hold = toMicro(p.holdingCostPerUnitDay);
        if (isSingle(l)) {
            net.arcs.push_back(
                {stock(l, 0), net.outside, p.storage, hold * H, ArcKind::Hold, l, -1, 0, H});
            if (p.storage != kUnlimited)
                net.arcs.push_back({stock(l, 0), net.outside, kUnlimited,
                    (hold + toMicro(p.overflowCostPerUnitDay)) * H, ArcKind::Overflow, l, -1, 0,
                    H});
            continue;
        }
        for (int k = 0; k + 1 < days; ++k) {
            const int t = kept[static_cast<std::size_t>(k)];
            const int next = kept[static_cast<std::size_t>(k) + 1];
            const double nights = next - t;
            net.arcs.push_back({stock(l, t), stock(l, next), p.storage, hold * nights,
                ArcKind::Hold, l, -1, t, next - t});
            if (p.storage != kUnlimited)
                net.arcs.push_back({stock(l, t), stock(l, next), kUnlimited,
                    (hold + toMicro(p.overflowCostPerUnitDay)) * nights, ArcKind::Overflow, l, -1,
                    t, next - t});
        }
        net.arcs.push_back(
            {stock(l, H), net.outside, kUnlimited, 0.0, ArcKind::Leftover, l, -1, H});
    }

    for (const InTransit &t : in.inTransit)
        if (clampDay(t.arrivalDay) <= H)
            net.supply[static_cast<std::size_t>(arrival(t.location, clampDay(t.arrivalDay)))]
                += t.qty;

    for (int r = 0; r < static_cast<int>(in.receipts.size()); ++r) {
        const PoReceipt &po = in.receipts[r];
        const int e = clampDay(po.expectedDay);
        const int node = addNode(NodeKind::Receipt, r, e, po.qty);
        if (e <= H)
            net.arcs.push_back(
                {node, arrival(po.location, e), po.qty, 0.0, ArcKind::Receipt, r, -1, e});
        else
            net.arcs.push_back(
                {node, net.outside, po.qty, 0.0, ArcKind::ReceiptAfterHorizon, r, -1, e});
        if (!spec.actions)
            continue;
        for (int o = 0; o < static_cast<int>(po.expedites.size()); ++o) {
            const ExpediteOption &x = po.expedites[o];
            const int d = clampDay(x.day);
            if (d >= e || d > H)
                continue;
            const Units cap = x.maxQty == kUnlimited ? po.qty : std::min(po.qty, x.maxQty);
            net.arcs.push_back({node, arrival(po.location, d), cap, actionCost(x.costPerUnit),
                ArcKind::Expedite, r, o, d});
        }
    }

    Units demandTotal = 0;
    for (int k = 0; k < static_cast<int>(in.demands.size()); ++k) {
        const Demand &d = in.demands[k];
        const int due = clampDay(d.dueDay);
        const int node = addNode(NodeKind::Demand, k, due, -d.qty);
        demandTotal += d.qty;
        for (const int t : kept)
            if (t >= due)
                net.arcs.push_back({stock(d.location, t), node, d.qty,
                    toMicro(lateCostPerUnit(d, t - due)), ArcKind::Serve, k, -1, t});
        net.arcs.push_back({net.outside, node, d.qty, toMicro(d.unservedCostPerUnit),
            ArcKind::Unserved, k, -1, H});
    }

    if (spec.actions) {
        for (int j = 0; j < static_cast<int>(in.purchases.size()); ++j) {
            const PurchaseOption &p = in.purchases[j];
            const int a = clampDay(p.arrivalDay);
            const Units state = spec.purchase.empty() ? kPurchaseFree : spec.purchase[j];
            if (a > H || state == kPurchaseClosed || state == 0)
                continue;
            if (state > 0) {
                const int node = addNode(NodeKind::Purchase, j, a, state);
                net.arcs.push_back(
                    {node, arrival(p.location, a), state, 0.0, ArcKind::Purchase, j, -1, a});
                net.fixedCost += toMicro(p.fixedCost) + actionCost(p.costPerUnit) * state;
                continue;
            }
            net.arcs.push_back({net.outside, arrival(p.location, a), p.maxQty,
                actionCost(p.costPerUnit), ArcKind::Purchase, j, -1, a});
            if (p.fixedCost > 0)
                net.switches.push_back(
                    {static_cast<int>(net.arcs.size()) - 1, toMicro(p.fixedCost), 0});
        }
        // A location with a shipping limit sends its day-0 shipments through one
        // dispatch node whose arc carries at most the limit.
        std::vector<int> &dispatch = scratch.dispatch;
        dispatch.assign(static_cast<std::size_t>(L), -1);
        for (int l = 0; l < L; ++l) {
            const Units limit = in.locations[static_cast<std::size_t>(l)].maxShipped;
            if (limit == kUnlimited || !inNetwork(l))
                continue;
            // Nothing leaves through the dispatch of a location no lane leaves.
            if (spec.leaveOutInert && !shipsOut[static_cast<std::size_t>(l)])
                continue;
            dispatch[static_cast<std::size_t>(l)] = addNode(NodeKind::Dispatch, l, 0, 0);
            net.arcs.push_back({stock(l, 0), dispatch[static_cast<std::size_t>(l)], limit, 0.0,
                ArcKind::Dispatch, l, -1, 0});
        }
        for (int i = 0; i < static_cast<int>(in.lanes.size()); ++i) {
            const Lane &ln = in.lanes[i];
            const int last = ln.lastShipDay == kUnlimitedDay ? H : std::min(H, ln.lastShipDay);
            int from = dispatch[static_cast<std::size_t>(ln.from)];
            if (from >= 0 && ln.reservedForDestination > 0 && ln.transitDays <= H) {
                // The lane's own start: fed by the shared dispatch and by the reserve.
                const int start = addNode(NodeKind::LaneStart, i, 0, 0);
                net.arcs.push_back({from, start, kUnlimited, 0.0, ArcKind::Pool, i, -1, 0});
                net.arcs.push_back({stock(ln.from, 0), start, ln.reservedForDestination, 0.0,
                    ArcKind::Reserve, i, -1, 0});
                from = start;
            }
            for (const int t : kept) {
                if (t > last || t + ln.transitDays > H)
                    break;
                net.arcs.push_back(
                    {from >= 0 ? from : stock(ln.from, t), arrival(ln.to, t + ln.transitDays),
                        ln.capacityPerDay, actionCost(ln.costPerUnit), ArcKind::Lane, i, -1, t});
                if (ln.fixedCostPerShipment > 0)
                    net.switches.push_back({static_cast<int>(net.arcs.size()) - 1,
                        toMicro(ln.fixedCostPerShipment), 0});
            }
        }
    }

    // The outside node balances the books: it sends what demand firm stock cannot
    // meet (unserved units, purchases) and takes back what is left at the end.
    Units firm = 0;
    for (Units s : net.supply)
        firm += std::max<Units>(0, s);
    net.supply[static_cast<std::size_t>(net.outside)] = demandTotal - firm;
    net.totalSupply = std::max(firm, demandTotal);

    // Bounds for the arcs with a fixed cost, as tight as cheaply known: the branch and
    // bound spreads a fixed cost over this many units, so a tighter bound prices a
    // shipment closer to what it really costs. In an optimal plan the flow has no
    // cycle (every cycle costs something), so no arc carries more than all the units
    // there are; no purchase buys more than all the demand (a unit bought only to be
    // left over is a pure cost); and no shipment carries more than could possibly be
    // at its origin that day: reach[l][t] below, counting every unit that could get
    // there by then, over lanes too.
    std::vector<Units> &reach = scratch.reach;
    reach.assign(static_cast<std::size_t>(stockNodes), 0);
    if (spec.actions) {
        auto add = [&](int l, int t, Units q) {
            if (t <= H)
                reach[static_cast<std::size_t>(stock(l, std::max(0, t)))] += q;
        };
        for (int l = 0; l < L; ++l)
            if (inNetwork(l))
                add(l, 0, in.locations[static_cast<std::size_t>(l)].onHand);
        for (const InTransit &t : in.inTransit)
            add(t.location, t.arrivalDay, t.qty);
        for (const PoReceipt &r : in.receipts) {
            int first = r.expectedDay;
            for (const ExpediteOption &x : r.expedites)
                first = std::min(first, x.day);
            add(r.location, first, r.qty);
        }
        for (std::size_t j = 0; j < in.purchases.size(); ++j) {
            const PurchaseOption &p = in.purchases[j];
            const Units state = spec.purchase.empty() ? kPurchaseFree : spec.purchase[j];
            const Units most = state >= 0  ? state
                : state == kPurchaseClosed ? 0
                : p.maxQty == kUnlimited   ? demandTotal
                                           : std::min(p.maxQty, demandTotal);
            add(p.location, p.arrivalDay, most);
        }
        // reach holds the direct arrivals per day so far; made cumulative day by day,
        // with what every lane can have brought in by then.
        std::vector<Units> &direct = scratch.direct;
        direct.assign(reach.begin(), reach.end());
        for (int k = 0; k < days; ++k) {
            const int t = kept[static_cast<std::size_t>(k)];
            for (int l = 0; l < L; ++l) {
                if (!inNetwork(l) || (k > 0 && isSingle(l)))
                    continue; // a pure source's one node holds its day-0 reach
                Units &r = reach[static_cast<std::size_t>(stock(l, t))];
                Units &d = direct[static_cast<std::size_t>(stock(l, t))];
                if (k > 0)
                    d += direct[static_cast<std::size_t>(
                        stock(l, kept[static_cast<std::size_t>(k) - 1]))];
                r = d;
                for (const Lane &ln : in.lanes) {
                    const int shipped = t - ln.transitDays;
                    // Only a kept day can be a ship day.
                    if (ln.to != l || shipped < 0
                        || kept[static_cast<std::size_t>(slotOf[static_cast<std::size_t>(shipped)])]
                            != shipped)
                        continue;
                    Units came = reach[static_cast<std::size_t>(stock(ln.from, shipped))];
                    if (ln.capacityPerDay != kUnlimited)
                        came = std::min(came, ln.capacityPerDay * (shipped + 1));
                    r = std::min(r + came, net.totalSupply);
                }
            }
        }
    }
    // A unit bought at a location can only end on a line of that location or of one its
    // lanes reach, hop by hop (or be left over, a pure cost): no purchase buys more than
    // the demand there.
    std::vector<Units> &demandReached = scratch.demandReached;
    demandReached.assign(static_cast<std::size_t>(L), 0);
    if (!net.switches.empty()) {
        std::vector<Units> &demandAt = scratch.demandAt;
        demandAt.assign(static_cast<std::size_t>(L), 0);
        for (const Demand &d : in.demands)
            demandAt[static_cast<std::size_t>(d.location)] += d.qty;
        std::vector<char> &seen = scratch.seen;
        seen.assign(static_cast<std::size_t>(L), 0);
        std::vector<int> &todo = scratch.todo;
        // Only where a purchase has a fixed cost is the figure needed.
        std::vector<char> &wanted = scratch.wanted;
        wanted.assign(static_cast<std::size_t>(L), 0);
        for (const Switch &sw : net.switches) {
            const Arc &a = net.arcs[static_cast<std::size_t>(sw.arc)];
            if (a.kind == ArcKind::Purchase)
                wanted[static_cast<std::size_t>(
                    in.purchases[static_cast<std::size_t>(a.ref)].location)]
                    = 1;
        }
        for (int l = 0; l < L; ++l) {
            if (!wanted[static_cast<std::size_t>(l)])
                continue;
            std::fill(seen.begin(), seen.end(), 0);
            todo.assign(1, l);
            seen[static_cast<std::size_t>(l)] = 1;
            Units &reached = demandReached[static_cast<std::size_t>(l)];
            while (!todo.empty()) {
                const int at = todo.back();
                todo.pop_back();
                reached += demandAt[static_cast<std::size_t>(at)];
                for (const Lane &ln : in.lanes)
                    if (ln.from == at && !seen[static_cast<std::size_t>(ln.to)]) {
                        seen[static_cast<std::size_t>(ln.to)] = 1;
                        todo.push_back(ln.to);
                    }
            }
        }
    }
    for (Switch &s : net.switches) {
        const Arc &a = net.arcs[static_cast<std::size_t>(s.arc)];
        Units bound = net.totalSupply;
        if (a.kind == ArcKind::Purchase)
            bound = std::min(bound,
                demandReached[static_cast<std::size_t>(
                    in.purchases[static_cast<std::size_t>(a.ref)].location)]);
        else if (a.kind == ArcKind::Lane) {
            const Lane &ln = in.lanes[static_cast<std::size_t>(a.ref)];
            bound = std::min(bound, reach[static_cast<std::size_t>(stock(ln.from, a.day))]);
            // Through a shipping limit no lane carries more than the limit, and its own
            // reserve where it has one.
            const NodeKind origin = net.nodes[static_cast<std::size_t>(a.from)].kind;
            const Units limit = in.locations[static_cast<std::size_t>(ln.from)].maxShipped;
            if (origin == NodeKind::Dispatch)
                bound = std::min(bound, limit);
            else if (origin == NodeKind::LaneStart)
                bound = std::min(bound, limit + ln.reservedForDestination);
        }
        s.bound = a.cap == kUnlimited ? bound : std::min(a.cap, bound);
    }
    return net;
}

void relaxFixedCosts(TimeNetwork &net)
{
    for (const Switch &s : net.switches) {
        Arc &a = net.arcs[static_cast<std::size_t>(s.arc)];
        a.cap = s.bound;
        if (s.bound > 0)
            a.cost += std::floor(s.fixedCost / static_cast<double>(s.bound));
    }
    net.switches.clear();
}

std::string TimeNetwork::nodeName(int node) const
{
    const Node &n = nodes[static_cast<std::size_t>(node)];
    switch (n.kind) {
    case NodeKind::Stock:
        return str("stock_l", n.ref) + str("_d", n.day);
    case NodeKind::Receiving:
        return str("recv_l", n.ref) + str("_d", n.day);
    case NodeKind::Receipt:
        return str("po", n.ref);
    case NodeKind::Demand:
        return str("demand", n.ref);
    case NodeKind::Purchase:
        return str("bought", n.ref);
    case NodeKind::Dispatch:
        return str("dispatch_l", n.ref);
    case NodeKind::LaneStart:
        return str("start_lane", n.ref);
    case NodeKind::Outside:
        break;
    }
    return "outside";
}

std::string TimeNetwork::arcName(int arc) const
{
    const Arc &a = arcs[static_cast<std::size_t>(arc)];
    switch (a.kind) {
    case ArcKind::Hold:
        return str("hold_l", a.ref) + str("_d", a.day);
    case ArcKind::Overflow:
        return str("over_l", a.ref) + str("_d", a.day);
    case ArcKind::Receive:
        return str("recv_l", a.ref) + str("_d", a.day);
    case ArcKind::Lane:
        return str("lane", a.ref) + str("_d", a.day);
    case ArcKind::Serve:
        return str("serve", a.ref) + str("_d", a.day);
    case ArcKind::Unserved:
        return str("unserved", a.ref);
    case ArcKind::Leftover:
        return str("left_l", a.ref);
    case ArcKind::Receipt:
        return str("po", a.ref) + str("_d", a.day);
    case ArcKind::ReceiptAfterHorizon:
        return str("po", a.ref) + "_after";
    case ArcKind::Expedite:
        return str("exp", a.ref) + str("_o", a.option);
    case ArcKind::Dispatch:
        return str("ship_l", a.ref);
    case ArcKind::Pool:
        return str("pool_lane", a.ref);
    case ArcKind::Reserve:
        return str("reserve_lane", a.ref);
    case ArcKind::Purchase:
        break;
    }
    return str("buy", a.ref);
}

} // namespace engine::planning::detail

namespace engine::planning {

double lostSaleShare(const Demand &d, int daysLate)
{
    if (daysLate <= 0)
        return 0.0;
    if (d.lostSaleDays <= 0)
        return 1.0;
    return std::min(1.0, static_cast<double>(daysLate) / d.lostSaleDays);
}

double lateCostPerUnit(const Demand &d, int daysLate)
{
    if (daysLate <= 0)
        return 0.0;
    return d.lateCostPerUnitDay * daysLate
        + d.lostSaleCostPerUnit
        * (lostSaleShare(d, d.daysPastDue + daysLate) - lostSaleShare(d, d.daysPastDue));
}

} // namespace engine::planning
