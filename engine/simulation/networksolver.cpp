// The network plan: its program solved (networkdecomposition.cpp) and the plan read
// back from the flows: what each item ships, serves and leaves unserved.

#include "engine/simulation/networkassembly.h"
#include "engine/simulation/networkdecomposition.h"
#include "engine/simulation/parallelfor.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

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

/// The program spreads each fixed cost over the most its arc can carry, which is what
/// makes it a linear program, and can make a shipment look cheaper than it is. An item
/// that no capacity row that could bind joins to another is independent of the rest:
/// its plan is then the item plan's own, with fixed costs paid whole (branch and
/// bound). The joined items keep the program's flows, priced with their fixed costs
/// paid whole.
std::vector<double> withFixedCostsPaid(
    const Assembly &a, const std::vector<double> &x, NetworkPlan &plan)
{
    std::vector<double> exact = x;
    const std::size_t N = a.nets.size();
    // Joined by a capacity row that could bind: one that every column on it at its
    // most (its arc's capacity, or all of its item's units) could fill. Rows no plan can
    // fill join nothing.
    auto itemOf = [&a](int col) {
        return static_cast<std::size_t>(
            std::upper_bound(a.arcBase.begin(), a.arcBase.end(), col) - a.arcBase.begin() - 1);
    };
    std::vector<char> joined(N, 0);
    for (const detail::CapacityUse &c : a.capacity) {
        double most = 0;
        for (const int col : c.columns) {
            const std::size_t k = itemOf(col);
            const Arc &arc = a.nets[k].arcs[static_cast<std::size_t>(col - a.arcBase[k])];
            most += static_cast<double>(arc.cap == kUnlimited
                    ? a.nets[k].totalSupply
                    : std::min(arc.cap, a.nets[k].totalSupply));
        }
        if (most <= static_cast<double>(c.capacity))
            continue;
        for (const int col : c.columns)
            joined[itemOf(col)] = 1;
    }
    // Each item writes its own columns; the counts are summed afterwards, in item order.
    std::vector<char> planned(N, 0), proven(N, 1);
    const std::string error = detail::parallelFor(N, [&](std::size_t k) {
        if (joined[k] || a.switches[k].empty())
            return;
        planning::detail::TimeNetwork net = a.nets[k];
        for (const planning::detail::Switch &sw : a.switches[k])
            if (sw.bound > 0)
                net.arcs[static_cast<std::size_t>(sw.arc)].cost
                    -= std::floor(sw.fixedCost / static_cast<double>(sw.bound));
        net.switches = a.switches[k];
        const auto best = planning::detail::cheapestWithFixedCosts(net, kMaxBranchNodes);
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
    plan.fixedCostsProven = std::find(proven.begin(), proven.end(), 0) == proven.end();
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
    const std::vector<double> exact = withFixedCostsPaid(a, x, plan);
    readPlan(model, a, exact.data(), x.data(), options, plan);
    // The bound covers the joined items; the others' flows are their own optimum.
    plan.dualBound = plan.lpObjective - (st.primalMicro - st.boundMicro) / kMicro;
    return plan;
}

} // namespace engine::simulation
