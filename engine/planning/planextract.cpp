#include "engine/planning/planextract.h"

#include <algorithm>
#include <map>

namespace engine::planning::detail {

namespace {

double currency(double micro)
{
    return micro / kMicro;
}

void addLate(DemandOutcome &d, int days, Units qty)
{
    auto it = std::find_if(
        d.lateBy.begin(), d.lateBy.end(), [days](const LateUnits &l) { return l.days == days; });
    if (it == d.lateBy.end())
        d.lateBy.push_back({days, qty});
    else
        it->qty += qty;
}

/// Splits the flow into paths, each from where its units come from (stock, a receipt,
/// a purchase) to the demand line it serves, and credits every action on a path with
/// the units it brings to that line. Without lanes of zero days the network is acyclic
/// apart from the outside node, where a backward walk stops, so every walk ends.
void creditActions(const TimeNetwork &net, std::span<const Units> flow,
    const std::vector<int> &actionOfArc, std::vector<Action> &actions)
{
    const std::size_t n = net.nodes.size();
    // Each node's arcs that carry flow, in arc order: node v's are
    // inArcs[inStart[v] .. inStart[v + 1]).
    std::vector<int> inStart(n + 1, 0);
    for (std::size_t a = 0; a < net.arcs.size(); ++a)
        if (flow[a] > 0)
            ++inStart[static_cast<std::size_t>(net.arcs[a].to) + 1];
    for (std::size_t v = 0; v < n; ++v)
        inStart[v + 1] += inStart[v];
    std::vector<int> inArcs(static_cast<std::size_t>(inStart[n]));
    {
        std::vector<int> fill(inStart.begin(), inStart.end() - 1);
        for (std::size_t a = 0; a < net.arcs.size(); ++a)
            if (flow[a] > 0)
                inArcs[static_cast<std::size_t>(fill[static_cast<std::size_t>(net.arcs[a].to)]++)]
                    = static_cast<int>(a);
    }
    std::vector<Units> rem(flow.begin(), flow.end());
    std::vector<Units> supply(n);
    for (std::size_t v = 0; v < n; ++v)
        supply[v] = static_cast<int>(v) == net.outside ? 0 : std::max<Units>(0, net.supply[v]);
    // Per node: its first incoming arc that may still carry flow.
    std::vector<int> next(inStart.begin(), inStart.end() - 1);
    auto incoming = [&](int v) -> int {
        const auto at = static_cast<std::size_t>(v);
        int &i = next[at];
        while (i < inStart[at + 1]
            && rem[static_cast<std::size_t>(inArcs[static_cast<std::size_t>(i)])] == 0)
            ++i;
        return i < inStart[at + 1] ? inArcs[static_cast<std::size_t>(i)] : -1;
    };

    std::vector<int> path;
    for (std::size_t node = 0; node < n; ++node) {
        if (net.nodes[node].kind != NodeKind::Demand)
            continue;
        const int demand = net.nodes[node].ref;
        for (int first = incoming(static_cast<int>(node)); first >= 0;
             first = incoming(static_cast<int>(node))) {
            path.assign(1, first);
            Units qty = rem[static_cast<std::size_t>(first)];
            int v = net.arcs[static_cast<std::size_t>(first)].from;
            while (v != net.outside && supply[static_cast<std::size_t>(v)] == 0) {
                const int a = incoming(v);
                if (a < 0)
                    break; // cannot happen in a flow that balances
                path.push_back(a);
                qty = std::min(qty, rem[static_cast<std::size_t>(a)]);
                v = net.arcs[static_cast<std::size_t>(a)].from;
            }
            if (v != net.outside && supply[static_cast<std::size_t>(v)] > 0) {
                qty = std::min(qty, supply[static_cast<std::size_t>(v)]);
                supply[static_cast<std::size_t>(v)] -= qty;
            }
            for (int a : path) {
                rem[static_cast<std::size_t>(a)] -= qty;
                const int act = actionOfArc[static_cast<std::size_t>(a)];
                if (act < 0)
                    continue;
                auto &serves = actions[static_cast<std::size_t>(act)].serves;
                if (!serves.empty() && serves.back().demand == demand)
                    serves.back().qty += qty;
                else
                    serves.push_back({demand, qty});
            }
        }
    }
}

} // namespace

PlanParts describePlan(const Input &input, const TimeNetwork &net, std::span<const Units> flow)
{
    PlanParts out;
    out.demands.resize(input.demands.size());
    out.overflowAt.assign(input.locations.size(), 0.0);
    std::vector<double> demandCost(input.demands.size(), 0.0);
    double holding = 0, overflow = 0, lateness = 0, unserved = 0;
    double transfers = 0, expedites = 0, purchases = net.fixedCost;
    std::vector<int> actionOfArc(net.arcs.size(), -1);
    std::vector<double> fixedOf(net.arcs.size(), 0.0);
    for (const Switch &s : net.switches)
        fixedOf[static_cast<std::size_t>(s.arc)] = s.fixedCost;

    for (std::size_t i = 0; i < net.arcs.size(); ++i) {
        const Units f = flow[i];
        if (f == 0)
            continue;
        const Arc &a = net.arcs[i];
        const double cost = a.cost * static_cast<double>(f);
        const double fixed = fixedOf[i];
        switch (a.kind) {
        case ArcKind::Hold:
            holding += cost;
            break;
        case ArcKind::Overflow: {
            const double hold
                = toMicro(input.locations[static_cast<std::size_t>(a.ref)].holdingCostPerUnitDay)
                * a.nights * static_cast<double>(f);
            holding += hold;
            overflow += cost - hold;
            out.overflowAt[static_cast<std::size_t>(a.ref)] += cost - hold;
            break;
        }
        case ArcKind::Serve: {
            DemandOutcome &d = out.demands[static_cast<std::size_t>(a.ref)];
            const int due = std::max(0, input.demands[static_cast<std::size_t>(a.ref)].dueDay);
            if (a.day == due)
                d.onTime += f;
            else {
                d.late += f;
                addLate(d, a.day - due, f);
            }
            lateness += cost;
            demandCost[static_cast<std::size_t>(a.ref)] += cost;
            break;
        }
        case ArcKind::Unserved:
            out.demands[static_cast<std::size_t>(a.ref)].unserved += f;
            unserved += cost;
            demandCost[static_cast<std::size_t>(a.ref)] += cost;
            break;
        case ArcKind::Lane:
        case ArcKind::Expedite:
        case ArcKind::Purchase: {
            Action act;
            act.index = a.ref;
            act.qty = f;
            act.orderedQty = f;
            act.arrivalDay = a.day;
            act.cost = cost + fixed;
            if (a.kind == ArcKind::Lane) {
                const Lane &ln = input.lanes[static_cast<std::size_t>(a.ref)];
                act.kind = ActionKind::Transfer;
                act.fromLocation = ln.from;
                act.location = ln.to;
                act.day = a.day;
                act.arrivalDay = a.day + ln.transitDays;
                transfers += act.cost;
            } else if (a.kind == ArcKind::Expedite) {
                const PoReceipt &r = input.receipts[static_cast<std::size_t>(a.ref)];
                act.kind = ActionKind::Expedite;
                act.option = a.option;
                act.location = r.location;
                act.day = r.expectedDay;
                expedites += act.cost;
            } else {
                const PurchaseOption &p = input.purchases[static_cast<std::size_t>(a.ref)];
                act.kind = ActionKind::Purchase;
                act.location = p.location;
                act.day = 0;
                if (net.nodes[static_cast<std::size_t>(a.from)].kind == NodeKind::Purchase)
                    // bought in a fixed quantity: its cost is in net.fixedCost
                    act.cost = toMicro(p.fixedCost) + actionCost(p.costPerUnit) * f;
                else
                    purchases += act.cost;
            }
            act.cost = currency(act.cost);
            actionOfArc[i] = static_cast<int>(out.actions.size());
            out.actions.push_back(std::move(act));
            break;
        }
        case ArcKind::Receive:
        case ArcKind::Dispatch:
        case ArcKind::Pool:
        case ArcKind::Reserve:
        case ArcKind::Leftover:
        case ArcKind::Receipt:
        case ArcKind::ReceiptAfterHorizon:
            break;
        }
    }
    for (std::size_t k = 0; k < out.demands.size(); ++k) {
        auto &late = out.demands[k].lateBy;
        std::sort(late.begin(), late.end(),
            [](const LateUnits &a, const LateUnits &b) { return a.days < b.days; });
        out.demands[k].cost = currency(demandCost[k]);
    }

    creditActions(net, flow, actionOfArc, out.actions);
    for (Action &a : out.actions) {
        Units used = 0;
        for (const Allocation &s : a.serves)
            used += s.qty;
        a.keptInStock = a.qty - used;
    }
    std::stable_sort(out.actions.begin(), out.actions.end(), [](const Action &a, const Action &b) {
        if (a.kind != b.kind)
            return a.kind < b.kind;
        if (a.day != b.day)
            return a.day < b.day;
        if (a.index != b.index)
            return a.index < b.index;
        return a.option < b.option;
    });

    // The locations left out of the network hold their stock to the horizon.
    holding += net.inertHolding;
    overflow += net.inertOverflow;
    for (const auto &[location, micro] : net.inertOverflowAt)
        out.overflowAt[static_cast<std::size_t>(location)] += micro;
    for (double &o : out.overflowAt)
        o = currency(o);
    out.costs = {currency(holding), currency(overflow), currency(lateness), currency(unserved),
        currency(transfers), currency(expedites), currency(purchases)};
    return out;
}

} // namespace engine::planning::detail
