#include "engine/planning/itemplan.h"

#include "engine/planning/mincostflow.h"
#include "engine/planning/planextract.h"
#include "engine/planning/timenetwork.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>

namespace engine::planning {

using namespace detail;

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct Solved {
    std::vector<Units> flow;
    double cost = kInfinity; ///< millionths, fixed costs included
};

struct Search {
    std::optional<Solved> best;
    double bound = 0; ///< the model's optimum is at least this
    bool proven = true;
    int nodes = 0;
};

enum class SwitchState : std::uint8_t { Free, Open, Closed };

/// The cheapest flow of a network whose fixed costs make it a mixed-integer problem,
/// by branch and bound on the arcs with a fixed cost. At a node of the search each
/// such arc is open (its fixed cost paid), closed (capacity 0) or free; a free arc
/// carries its fixed cost spread over the most it can carry (cost + fixed / bound per
/// unit, rounded down to whole millionths), which never overstates what the flow
/// pays, so the node's flow cost is a lower bound for every choice below it. The same
/// flow priced with its real fixed costs is a plan, and the cheapest such plan is the
/// optimum once no node can beat it. Depth first, "open" before "closed".
Search branchAndBound(const TimeNetwork &net, int maxNodes, double cutoff = kInfinity)
{
    MinCostFlow solver(net);
    const std::size_t S = net.switches.size();
    std::vector<Units> cap(net.arcs.size());
    std::vector<double> cost(net.arcs.size());
    for (std::size_t i = 0; i < net.arcs.size(); ++i) {
        cap[i] = net.arcs[i].cap;
        cost[i] = net.arcs[i].cost;
    }
    std::vector<double> spread(S);
    for (std::size_t j = 0; j < S; ++j) {
        const Switch &s = net.switches[j];
        spread[j] = s.bound > 0 ? std::floor(s.fixedCost / static_cast<double>(s.bound)) : 0;
    }

    struct Node {
        std::vector<SwitchState> state;
        double parentBound = 0;
        /// The parent's flow: a child differs from it in one arc, so its solve starts
        /// there instead of from nothing.
        std::shared_ptr<const FlowSolution> start;
    };
    Search out;
    bool bestAtRoot = false; ///< the root is solved from nothing, like the solve below
    // Nothing is kept that does not cost less than the cutoff (what the caller already
    // has: doing nothing), so nodes that cannot beat it are not searched.
    auto incumbent
        = [&out, cutoff] { return out.best ? std::min(out.best->cost, cutoff) : cutoff; };
    std::vector<Node> stack;
    stack.push_back({std::vector<SwitchState>(S, SwitchState::Free), 0, nullptr});
    while (!stack.empty()) {
        if (out.nodes >= maxNodes) {
            out.proven = false;
            break;
        }
        Node node = std::move(stack.back());
        stack.pop_back();
        if (node.parentBound >= incumbent())
            continue;
        double paid = 0;
        for (std::size_t j = 0; j < S; ++j) {
            const Switch &s = net.switches[j];
            const std::size_t a = static_cast<std::size_t>(s.arc);
            switch (node.state[j]) {
            case SwitchState::Closed:
                cap[a] = 0;
                cost[a] = net.arcs[a].cost;
                break;
            case SwitchState::Open:
                cap[a] = s.bound;
                cost[a] = net.arcs[a].cost;
                paid += s.fixedCost;
                break;
            case SwitchState::Free:
                cap[a] = s.bound;
                cost[a] = net.arcs[a].cost + spread[j];
                break;
            }
        }
        ++out.nodes;
        std::optional<FlowSolution> solved = solver.solve(cap, cost, node.start.get());
        if (!solved)
            continue;
        auto sol = std::make_shared<const FlowSolution>(std::move(*solved));
        const double bound = sol->cost + paid + net.constantCost();
        if (bound >= incumbent())
            continue;
        // The same flow at its real price (a fixed cost where its arc carries flow,
        // whether open or free), and the free arc whose price is most understated:
        // the one to branch on.
        double real = bound - paid;
        int branch = -1;
        double worst = 0;
        for (std::size_t j = 0; j < S; ++j) {
            const Units f = sol->flow[static_cast<std::size_t>(net.switches[j].arc)];
            if (f == 0)
                continue;
            real += net.switches[j].fixedCost;
            if (node.state[j] != SwitchState::Free)
                continue;
            const double understated = spread[j] * static_cast<double>(f);
            real -= understated;
            if (net.switches[j].fixedCost - understated > worst) {
                worst = net.switches[j].fixedCost - understated;
                branch = static_cast<int>(j);
            }
        }
        if (real < incumbent()) {
            out.best = Solved {sol->flow, real};
            bestAtRoot = out.nodes == 1;
        }
        if (branch < 0)
            continue; // priced exactly: nothing below this node is cheaper
        Node closed {node.state, bound, sol};
        closed.state[static_cast<std::size_t>(branch)] = SwitchState::Closed;
        node.state[static_cast<std::size_t>(branch)] = SwitchState::Open;
        node.parentBound = bound;
        node.start = std::move(sol);
        stack.push_back(std::move(closed));
        stack.push_back(std::move(node));
    }
    // Children start from their parent's flow, so among flows of the same cost the
    // search may end on another than a solve from nothing would. Solve the best node's
    // arcs again from nothing (the arcs with a fixed cost it uses open, the rest
    // closed): the same cost, and the flow every plan of this network gets, however the
    // search went; which units serve which line then does not depend on the search.
    // When the best is the root's flow it already is one: the root is always the first
    // node and is solved from nothing.
    if (out.best && out.nodes > 1 && !bestAtRoot) {
        double paid = 0;
        for (std::size_t j = 0; j < S; ++j) {
            const Switch &s = net.switches[j];
            const auto a = static_cast<std::size_t>(s.arc);
            const bool used = out.best->flow[a] > 0;
            cap[a] = used ? s.bound : 0;
            cost[a] = net.arcs[a].cost;
            paid += used ? s.fixedCost : 0;
        }
        std::optional<FlowSolution> again = solver.solve(cap, cost);
        if (again && again->cost + paid + net.constantCost() <= out.best->cost)
            out.best = Solved {std::move(again->flow), again->cost + paid + net.constantCost()};
    }
    out.bound = incumbent();
    for (const Node &n : stack)
        out.bound = std::min(out.bound, n.parentBound);
    return out;
}

/// The quantity to order when the plan needs `need` units: at least the minimum, a
/// multiple of `multiple`, within the maximum. kPurchaseClosed when none is.
Units roundedOrder(const PurchaseOption &p, Units need)
{
    const Units m = p.multiple;
    Units q = std::max(need, p.minQty);
    q = (q + m - 1) / m * m;
    if (p.maxQty != kUnlimited && q > p.maxQty)
        q = p.maxQty / m * m;
    return q > 0 && q >= p.minQty ? q : kPurchaseClosed;
}

struct Candidate {
    TimeNetwork net;
    Search search;
};

Candidate solveWith(
    const Input &input, const NetworkSpec &spec, int maxNodes, double cutoff = kInfinity)
{
    NetworkSpec lean = spec;
    lean.leaveOutInert = true;
    Candidate c {buildNetwork(input, lean), {}};
    c.search = branchAndBound(c.net, maxNodes, cutoff);
    return c;
}

double cost(const Candidate &c)
{
    return c.search.best ? c.search.best->cost : kInfinity;
}

/// Purchases at the quantities the optimum needs may break their minimum or multiple.
/// Each used purchase is then ordered at its rounded quantity (a fixed supply, the
/// flow re-planned around it); one by one, a rounded purchase is dropped when the
/// plan without it is cheaper; and the plan with no purchase at all is the fallback.
/// This is a repair, not a search over every quantity: Plan::modelCost keeps the
/// optimum before rounding, so the rounding's cost is visible.
Candidate roundPurchases(
    const Input &input, Candidate optimum, int maxNodes, double cutoff, int &nodes)
{
    const auto &flow = optimum.search.best->flow;
    std::vector<Units> need(input.purchases.size(), 0);
    for (std::size_t i = 0; i < optimum.net.arcs.size(); ++i)
        if (optimum.net.arcs[i].kind == ArcKind::Purchase)
            need[static_cast<std::size_t>(optimum.net.arcs[i].ref)] = flow[i];
    bool rounding = false;
    NetworkSpec spec {true, std::vector<Units>(input.purchases.size(), kPurchaseClosed)};
    for (std::size_t j = 0; j < need.size(); ++j) {
        if (need[j] == 0)
            continue;
        spec.purchase[j] = roundedOrder(input.purchases[j], need[j]);
        rounding = rounding || spec.purchase[j] != need[j];
    }
    if (!rounding)
        return optimum;

    Candidate best = solveWith(input, spec, maxNodes, cutoff);
    nodes += best.search.nodes;
    const auto allClosed = [](const NetworkSpec &n) {
        return std::all_of(
            n.purchase.begin(), n.purchase.end(), [](Units q) { return q == kPurchaseClosed; });
    };
    bool triedNone = false;
    for (std::size_t j = 0; j < need.size(); ++j) {
        if (spec.purchase[j] <= 0)
            continue;
        NetworkSpec without = spec;
        without.purchase[j] = kPurchaseClosed;
        triedNone = triedNone || allClosed(without);
        Candidate c = solveWith(input, without, maxNodes, cutoff);
        nodes += c.search.nodes;
        if (cost(c) < cost(best)) {
            best = std::move(c);
            spec = std::move(without);
        }
    }
    // With a single purchase rounded, the plan without it was the plan without any.
    if (triedNone)
        return best;
    Candidate none = solveWith(input,
        {true, std::vector<Units>(input.purchases.size(), kPurchaseClosed)}, maxNodes, cutoff);
    nodes += none.search.nodes;
    if (cost(none) < cost(best))
        best = std::move(none);
    return best;
}

} // namespace

std::expected<Plan, PlanError> optimiseItemPlan(const Input &input, const PlanOptions &options)
{
    if (std::string why = validate(input); !why.empty())
        return std::unexpected(PlanError {std::move(why)});
    const int maxNodes = std::max(1, options.maxBranchNodes);

    Candidate idle = solveWith(input, {false, {}}, 1);
    if (!idle.search.best)
        return std::unexpected(PlanError {"no flow meets the firm stock (internal error)"});
    Plan plan;
    PlanParts baseline = describePlan(input, idle.net, idle.search.best->flow);
    plan.doNothingCost = idle.search.best->cost / kMicro;
    plan.doNothingCosts = baseline.costs;
    plan.doNothingOverflowAt = baseline.overflowAt;
    plan.doNothing = baseline.demands;

    // Doing nothing is one of the plans the action network holds, so the search keeps
    // only what costs less and skips every node that cannot.
    const double idleCost = cost(idle);
    Candidate optimum = solveWith(input, {true, {}}, maxNodes, idleCost);
    plan.branchNodes = optimum.search.nodes;
    plan.optimal = optimum.search.proven;
    if (!optimum.search.best) {
        // Nothing costs less than doing nothing: that is the optimum (or, when the search
        // stopped at its limit, at most it).
        plan.modelCost = (plan.optimal ? idleCost : optimum.search.bound) / kMicro;
        plan.cost = plan.doNothingCost;
        plan.costs = baseline.costs;
        plan.overflowAt = std::move(baseline.overflowAt);
        plan.demands = std::move(baseline.demands);
        return plan;
    }
    plan.modelCost = (plan.optimal ? optimum.search.best->cost : optimum.search.bound) / kMicro;

    Candidate chosen
        = roundPurchases(input, std::move(optimum), maxNodes, idleCost, plan.branchNodes);
    // Acting must save money: a plan that costs what doing nothing costs is doing nothing.
    if (!chosen.search.best || cost(chosen) >= cost(idle)) {
        plan.cost = plan.doNothingCost;
        plan.costs = baseline.costs;
        plan.overflowAt = std::move(baseline.overflowAt);
        plan.demands = std::move(baseline.demands);
        return plan;
    }
    PlanParts parts = describePlan(input, chosen.net, chosen.search.best->flow);
    plan.cost = cost(chosen) / kMicro;
    plan.costs = parts.costs;
    plan.overflowAt = std::move(parts.overflowAt);
    plan.demands = std::move(parts.demands);
    plan.actions = std::move(parts.actions);
    return plan;
}

namespace detail {

std::optional<FixedCostFlow> cheapestWithFixedCosts(const TimeNetwork &net, int maxNodes)
{
    Search search = branchAndBound(net, std::max(1, maxNodes));
    if (!search.best)
        return std::nullopt;
    return FixedCostFlow {std::move(search.best->flow), search.best->cost, search.proven};
}

} // namespace detail

std::expected<double, PlanError> relaxedModelCost(const Input &input)
{
    if (std::string why = validate(input); !why.empty())
        return std::unexpected(PlanError {std::move(why)});
    TimeNetwork net = buildNetwork(input, {true, {}});
    relaxFixedCosts(net);
    MinCostFlow solver(net);
    std::vector<Units> cap(net.arcs.size());
    std::vector<double> cost(net.arcs.size());
    for (std::size_t i = 0; i < net.arcs.size(); ++i) {
        cap[i] = net.arcs[i].cap;
        cost[i] = net.arcs[i].cost;
    }
    const std::optional<FlowSolution> sol = solver.solve(cap, cost);
    if (!sol)
        return std::unexpected(PlanError {"no flow meets the firm stock (internal error)"});
    return (sol->cost + net.constantCost()) / kMicro;
}

} // namespace engine::planning
