// The network plan: its program solved (networkdecomposition.cpp) and the plan read
// back from the flows: what each item ships, serves and leaves unserved.

#include "engine/simulation/networkassembly.h"
#include "engine/simulation/networkdecomposition.h"
#include "engine/simulation/parallelfor.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

namespace engine::simulation {

using detail::Assembly;
using planning::detail::Arc;
using planning::detail::ArcKind;
using planning::detail::kMicro;

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

/// The most flows the search over one independent item's fixed costs solves (the item
/// plan's own limit).
constexpr int kMaxBranchNodes = 2000;

/// Flows below this are the solver's rounding, not units.
constexpr double kFlowEps = 1e-9;

double clean(double flow, const Arc &arc)
{
    if (flow < kFlowEps)
        return 0.0;
    if (arc.cap != kUnlimited)
        flow = std::min(flow, static_cast<double>(arc.cap));
    // Whole units where the solver is a rounding away from them.
    const double whole = std::round(flow);
    return std::abs(flow - whole) < 1e-7 ? whole : flow;
}

int transitOf(const NetworkModel &model, std::size_t item, const Arc &arc)
{
    if (arc.kind == ArcKind::Lane)
        return model.items[item].input.lanes[static_cast<std::size_t>(arc.ref)].transitDays;
    if (arc.kind == ArcKind::Hold || arc.kind == ArcKind::Overflow)
        return arc.nights;
    return 0;
}

/// What a unit on each arc costs over the relaxed price, and what using it costs once:
/// -floor(fixed / bound) and the fixed cost on the arcs with a fixed cost, 0 elsewhere.
struct FixedCosts {
    std::vector<double> perUnit, once;
};

FixedCosts fixedCostsOf(const Assembly &a, std::size_t k)
{
    FixedCosts c;
    if (a.switches[k].empty())
        return c;
    c.perUnit.assign(a.nets[k].arcs.size(), 0.0);
    c.once.assign(a.nets[k].arcs.size(), 0.0);
    for (const planning::detail::Switch &sw : a.switches[k]) {
        const auto i = static_cast<std::size_t>(sw.arc);
        c.perUnit[i] = sw.bound > 0 ? -std::floor(sw.fixedCost / static_cast<double>(sw.bound)) : 0;
        c.once[i] = sw.fixedCost;
    }
    return c;
}

void readPlan(const NetworkModel &model, const Assembly &a, const double *x, const double *xLp,
    const NetworkOptions &options, NetworkPlan &plan)
{
    plan.items.resize(a.nets.size());
    double objective = a.constantMicro;
    double lpObjective = a.constantMicro;
    if (options.keepInstance) {
        plan.instance.constant = a.constantMicro / kMicro;
        plan.instance.nodes.reserve(static_cast<std::size_t>(a.balanceRows));
        plan.instance.arcs.reserve(static_cast<std::size_t>(a.columns));
    }
    for (std::size_t k = 0; k < a.nets.size(); ++k) {
        const planning::detail::TimeNetwork &net = a.nets[k];
        const ItemModel &m = model.items[k];
        ItemResult &r = plan.items[k];
        r.demands.assign(m.input.demands.size(), {});
        if (options.keepInstance)
            for (std::size_t v = 0; v < net.nodes.size(); ++v)
                plan.instance.nodes.push_back({static_cast<int>(k),
                    net.nodeName(static_cast<int>(v)), static_cast<double>(net.supply[v])});
        const FixedCosts fixed = fixedCostsOf(a, k);
        for (std::size_t i = 0; i < net.arcs.size(); ++i) {
            const Arc &arc = net.arcs[i];
            const double f = clean(x[a.arcBase[k] + static_cast<int>(i)], arc);
            const double fLp = clean(xLp[a.arcBase[k] + static_cast<int>(i)], arc);
            lpObjective += arc.cost * fLp;
            // The plan pays a fixed cost whole where it uses the arc at all.
            double micro = arc.cost * f;
            if (!fixed.once.empty() && f > 0)
                micro += fixed.perUnit[i] * f + fixed.once[i];
            const double cost = micro / kMicro;
            objective += micro;
            if (options.keepInstance)
                plan.instance.arcs.push_back({static_cast<int>(k), a.nodeBase[k] + arc.from,
                    a.nodeBase[k] + arc.to, net.arcName(static_cast<int>(i)), arc.day,
                    transitOf(model, k, arc), arc.cost / kMicro,
                    arc.cap == kUnlimited ? -1.0 : static_cast<double>(arc.cap), fLp});
            if (f == 0)
                continue;
            switch (arc.kind) {
            case ArcKind::Hold:
            case ArcKind::Overflow:
                r.costs.holding += cost;
                break;
            case ArcKind::Serve: {
                DemandResult &d = r.demands[static_cast<std::size_t>(arc.ref)];
                const int due
                    = std::max(0, m.input.demands[static_cast<std::size_t>(arc.ref)].dueDay);
                (arc.day <= due ? d.onTime : d.late) += f;
                d.cost += cost;
                r.costs.lateness += cost;
                break;
            }
            case ArcKind::Unserved: {
                DemandResult &d = r.demands[static_cast<std::size_t>(arc.ref)];
                d.unserved += f;
                d.cost += cost;
                r.costs.unserved += cost;
                break;
            }
            case ArcKind::Lane: {
                r.costs.transfers += cost;
                const planning::Lane &ln = m.input.lanes[static_cast<std::size_t>(arc.ref)];
                Shipment s;
                s.item = static_cast<int>(k);
                s.lane = arc.ref;
                if (!m.location.empty()) {
                    s.from = m.location[static_cast<std::size_t>(ln.from)];
                    s.to = m.location[static_cast<std::size_t>(ln.to)];
                }
                s.shipDay = arc.day;
                s.arrivalDay = arc.day + ln.transitDays;
                s.qty = f;
                s.cost = cost;
                plan.shipments.push_back(s);
                break;
            }
            case ArcKind::Expedite:
                r.costs.expedites += cost;
                r.expedited += f;
                break;
            case ArcKind::Purchase:
                r.costs.purchases += cost;
                r.purchased += f;
                break;
            default:
                break;
            }
        }
    }
    plan.objective = objective / kMicro;
    plan.lpObjective = lpObjective / kMicro;
    if (options.keepInstance) {
        plan.instance.capacityRows.reserve(a.capacity.size());
        for (const detail::CapacityUse &c : a.capacity) {
            CapacityRow row {c.lane, c.day, static_cast<double>(c.capacity), c.columns, 0.0};
            for (int col : c.columns)
                row.used += plan.instance.arcs[static_cast<std::size_t>(col)].flow;
            plan.instance.capacityRows.push_back(std::move(row));
        }
    }
}

/// Item `k`'s network with its fixed costs back: each arc with one at its price before
/// the relaxation, and the switches the search branches on.
planning::detail::TimeNetwork withSwitches(const Assembly &a, std::size_t k)
{
    planning::detail::TimeNetwork net = a.nets[k];
    for (const planning::detail::Switch &sw : a.switches[k])
        if (sw.bound > 0)
            net.arcs[static_cast<std::size_t>(sw.arc)].cost
                -= std::floor(sw.fixedCost / static_cast<double>(sw.bound));
    net.switches = a.switches[k];
    return net;
}

/// What item `k`'s flow `x` (its own columns) costs at real prices, in millionths, its
/// constant left out: every fixed cost whole where its arc carries flow, as readPlan()
/// prices it.
double realCost(const Assembly &a, std::size_t k, const double *x)
{
    const FixedCosts fixed = fixedCostsOf(a, k);
    const planning::detail::TimeNetwork &net = a.nets[k];
    double micro = 0;
    for (std::size_t i = 0; i < net.arcs.size(); ++i) {
        const double f = clean(x[i], net.arcs[i]);
        if (f == 0)
            continue;
        micro += net.arcs[i].cost * f;
        if (!fixed.once.empty())
            micro += fixed.perUnit[i] * f + fixed.once[i];
    }
    return micro;
}

std::size_t itemOf(const Assembly &a, int col)
{
    return static_cast<std::size_t>(
        std::upper_bound(a.arcBase.begin(), a.arcBase.end(), col) - a.arcBase.begin() - 1);
}

/// One capacity row as one item sees it: the units it carries there now and the most it
/// may (the row's capacity less what every other item carries, in whole units).
struct Room {
    std::size_t row = 0;
    double own = 0;
    Units most = 0;
};

/// The joined items with fixed costs, one at a time in item order: each item's own
/// branch and bound over them, every arc of it on a capacity row capped at the room the
/// other items' current flows leave there (those searched before it included). The
/// searched flow replaces the item's in `exact` only when it costs strictly less at
/// real prices than the flow the item has, so the plan never costs more, and it keeps
/// every row. An arc on several rows takes the least room; an item with several arcs on
/// one row can break it with each arc within the room, so such a row is searched again
/// with those arcs held to their current whole units.
std::expected<void, SimulationError> searchJoined(const Assembly &a,
    const std::vector<char> &joined, const std::atomic<bool> *cancel, std::vector<double> &exact,
    NetworkPlan &plan)
{
    const std::size_t N = a.nets.size();
    // Per item, its (row, arc) pairs in row order; per row, the units on it now.
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> onRows(N);
    std::vector<double> used(a.capacity.size(), 0.0);
    for (std::size_t r = 0; r < a.capacity.size(); ++r)
        for (const int col : a.capacity[r].columns) {
            const std::size_t k = itemOf(a, col);
            const auto i = static_cast<std::size_t>(col - a.arcBase[k]);
            used[r] += clean(exact[static_cast<std::size_t>(col)], a.nets[k].arcs[i]);
            onRows[k].emplace_back(r, i);
        }
    for (std::size_t k = 0; k < N; ++k) {
        if (!joined[k] || a.switches[k].empty())
            continue;
        if (cancel && cancel->load(std::memory_order_relaxed))
            return std::unexpected(SimulationError {"cancelled"});
        ++plan.itemsFixedSearched;
        double *xk = exact.data() + a.arcBase[k];
        const std::vector<planning::detail::Arc> &arcs = a.nets[k].arcs;
        std::vector<Room> rooms;
        std::vector<std::size_t> roomOf; // per entry of onRows[k]
        for (const auto &[r, i] : onRows[k]) {
            if (rooms.empty() || rooms.back().row != r)
                rooms.push_back({r, 0.0, 0});
            rooms.back().own += clean(xk[i], arcs[i]);
            roomOf.push_back(rooms.size() - 1);
        }
        for (Room &m : rooms) {
            const double others = used[m.row] - m.own;
            double most = std::max(
                0.0, std::floor(static_cast<double>(a.capacity[m.row].capacity) - others + 1e-9));
            // The item's current flow stays a candidate where it is whole units.
            const double whole = std::round(m.own);
            if (std::abs(m.own - whole) < 1e-9)
                most = std::max(most, whole);
            m.most = static_cast<Units>(most);
        }
        std::vector<char> held(rooms.size(), 0);
        std::optional<planning::detail::FixedCostFlow> found;
        for (;;) {
            planning::detail::TimeNetwork net = withSwitches(a, k);
            for (std::size_t e = 0; e < onRows[k].size(); ++e) {
                const std::size_t i = onRows[k][e].second;
                const Units most = held[roomOf[e]]
                    ? static_cast<Units>(std::floor(clean(xk[i], arcs[i])))
                    : rooms[roomOf[e]].most;
                Units &cap = net.arcs[i].cap;
                cap = cap == kUnlimited ? most : std::min(cap, most);
            }
            for (planning::detail::Switch &sw : net.switches)
                sw.bound = std::min(sw.bound, net.arcs[static_cast<std::size_t>(sw.arc)].cap);
            found = planning::detail::cheapestWithFixedCosts(net, kMaxBranchNodes);
            if (!found)
                break;
            std::vector<Units> carried(rooms.size(), 0);
            for (std::size_t e = 0; e < onRows[k].size(); ++e)
                carried[roomOf[e]] += found->flow[onRows[k][e].second];
            bool again = false;
            for (std::size_t j = 0; j < rooms.size() && found; ++j) {
                if (carried[j] <= rooms[j].most)
                    continue;
                if (held[j])
                    found.reset(); // held arcs that still do not fit: keep the flow
                else {
                    held[j] = 1;
                    again = true;
                }
            }
            if (!again)
                break;
        }
        if (!found)
            continue;
        // Both in millionths with the item's constant, the search's as whole units.
        const double current = realCost(a, k, xk) + a.nets[k].fixedCost;
        if (!(found->cost < current - 0.5))
            continue;
        for (std::size_t e = 0; e < onRows[k].size(); ++e) {
            const auto &[r, i] = onRows[k][e];
            used[r] += static_cast<double>(found->flow[i]) - clean(xk[i], arcs[i]);
        }
        for (std::size_t i = 0; i < found->flow.size(); ++i)
            xk[i] = static_cast<double>(found->flow[i]);
        ++plan.itemsFixedImproved;
    }
    return {};
}

/// The program spreads each fixed cost over the most its arc can carry, which is what
/// makes it a linear program, and can make a shipment look cheaper than it is. An item
/// that no capacity row that could bind joins to another is independent of the rest:
/// its plan is then the item plan's own, with fixed costs paid whole (branch and
/// bound). The joined items with fixed costs are then searched one at a time, each
/// given the others' flows (searchJoined()).
std::expected<std::vector<double>, SimulationError> withFixedCostsPaid(const Assembly &a,
    const std::vector<double> &x, const NetworkOptions &options, NetworkPlan &plan)
{
    std::vector<double> exact = x;
    const std::size_t N = a.nets.size();
    // Joined by a capacity row that could bind: one that every column on it at its
    // most (its arc's capacity, or all of its item's units) could fill. Rows no plan can
    // fill join nothing.
    std::vector<char> joined(N, 0);
    for (const detail::CapacityUse &c : a.capacity) {
        double most = 0;
        for (const int col : c.columns) {
            const std::size_t k = itemOf(a, col);
            const Arc &arc = a.nets[k].arcs[static_cast<std::size_t>(col - a.arcBase[k])];
            most += static_cast<double>(arc.cap == kUnlimited
                    ? a.nets[k].totalSupply
                    : std::min(arc.cap, a.nets[k].totalSupply));
        }
        if (most <= static_cast<double>(c.capacity))
            continue;
        for (const int col : c.columns)
            joined[itemOf(a, col)] = 1;
    }
    // Each item writes its own columns; the counts are summed afterwards, in item order.
    std::vector<char> planned(N, 0), proven(N, 1);
    const std::string error = detail::parallelFor(N, [&](std::size_t k) {
        if (joined[k] || a.switches[k].empty())
            return;
        const auto best
            = planning::detail::cheapestWithFixedCosts(withSwitches(a, k), kMaxBranchNodes);
        if (!best)
            return; // cannot happen: the program's flow is one
        planned[k] = 1;
        proven[k] = best->proven ? 1 : 0;
        const auto base = static_cast<std::size_t>(a.arcBase[k]);
        for (std::size_t i = 0; i < best->flow.size(); ++i)
            exact[base + i] = static_cast<double>(best->flow[i]);
    });
    if (!error.empty())
        return x; // out of memory in a search: the program's flows stand
    plan.itemsFixedExact = static_cast<int>(std::count(planned.begin(), planned.end(), 1));
    bool joinedFixed = false;
    for (std::size_t k = 0; k < N; ++k)
        joinedFixed = joinedFixed || (joined[k] && !a.switches[k].empty());
    plan.fixedCostsProven
        = !joinedFixed && std::find(proven.begin(), proven.end(), 0) == proven.end();
    if (options.searchJoinedFixedCosts)
        if (auto searched = searchJoined(a, joined, options.cancel, exact, plan); !searched)
            return std::unexpected(searched.error());
    return exact;
}

} // namespace

std::expected<NetworkPlan, SimulationError> solveNetwork(
    const NetworkModel &model, const NetworkOptions &options)
{
    const auto started = Clock::now();
    auto assembled = detail::assemble(model, options);
    if (!assembled)
        return std::unexpected(assembled.error());
    const Assembly &a = *assembled;
    NetworkPlan plan;
    plan.rows = a.balanceRows + static_cast<int>(a.capacity.size());
    plan.columns = a.columns;
    plan.capacityRows = static_cast<int>(a.capacity.size());
    if (a.columns == 0) {
        plan.optimal = true;
        plan.objective = plan.lpObjective = plan.dualBound = a.constantMicro / kMicro;
        plan.items.resize(a.nets.size());
        plan.buildSeconds = seconds(started);
        return plan;
    }
    std::int64_t nonzeros = 2 * static_cast<std::int64_t>(a.columns);
    for (const detail::CapacityUse &c : a.capacity)
        nonzeros += static_cast<std::int64_t>(c.columns.size());
    plan.nonzeros = nonzeros;
    plan.buildSeconds = seconds(started);

    const auto solving = Clock::now();
    std::vector<double> x(static_cast<std::size_t>(a.columns), 0.0);
    const auto solved = detail::solveProgram(a, {options.decompose, options.cancel}, x);
    if (!solved)
        return std::unexpected(solved.error());
    const detail::ProgramStats &st = *solved;
    plan.itemsJoined = st.itemsJoined;
    plan.itemsInLp = st.itemsInLp;
    plan.flowsPriced = st.flowsPriced;
    plan.components = st.components;
    plan.rounds = st.rounds;
    plan.lpRows = st.lpRows;
    plan.lpColumns = st.lpColumns;
    plan.lpNonzeros = st.lpNonzeros;
    plan.aloneSeconds = st.aloneSeconds;
    plan.lpSeconds = st.lpSeconds;
    plan.pricingSeconds = st.pricingSeconds;
    plan.boundSeconds = st.boundSeconds;
    plan.fellBack = st.fellBack;
    plan.solveSeconds = seconds(solving);
    plan.optimal = true;
    const auto paying = Clock::now();
    const auto exact = withFixedCostsPaid(a, x, options, plan);
    if (!exact)
        return std::unexpected(exact.error());
    plan.fixedSeconds = seconds(paying);
    readPlan(model, a, exact->data(), x.data(), options, plan);
    // The bound covers the joined items; the others' flows are their own optimum.
    plan.dualBound = plan.lpObjective - (st.primalMicro - st.boundMicro) / kMicro;
    return plan;
}

} // namespace engine::simulation
