#include "engine/planning/mincostflow.h"

#include <algorithm>
#include <functional>
#include <limits>

namespace engine::planning::detail {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Working arrays a thread reuses from one network to the next (an item plan solves
/// thousands of small networks; allocating them each time cost more than solving).
struct Scratch {
    std::vector<int> current, path;
    std::vector<char> dead, onPath, done;
    std::vector<double> dist;
    std::vector<std::pair<double, int>> heap;
};

Scratch &scratch()
{
    thread_local Scratch s;
    return s;
}

} // namespace

// The residual network: edge 2i is arc i, 2i + 1 its reverse; `first`/`next` list
// each node's edges. No super source or sink: every node keeps its own excess (its
// supply less what the flow takes away), and a solve moves units from nodes with
// excess to nodes short of units until none is left.
struct MinCostFlow::Impl {
    const TimeNetwork &net;
    std::vector<int> first, next, to;
    std::vector<Units> residual, excess;
    std::vector<double> weight, potential;
    long long searches = 0;

    explicit Impl(const TimeNetwork &network)
        : net(network)
    {
        const std::size_t n = network.nodes.size();
        first.assign(n, -1);
        const std::size_t m = network.arcs.size();
        next.resize(2 * m);
        to.resize(2 * m);
        for (std::size_t i = 0; i < m; ++i) {
            const Arc &a = network.arcs[i];
            to[2 * i] = a.to;
            to[2 * i + 1] = a.from;
            next[2 * i] = first[static_cast<std::size_t>(a.from)];
            first[static_cast<std::size_t>(a.from)] = static_cast<int>(2 * i);
            next[2 * i + 1] = first[static_cast<std::size_t>(a.to)];
            first[static_cast<std::size_t>(a.to)] = static_cast<int>(2 * i + 1);
        }
        residual.resize(2 * m);
        weight.resize(2 * m);
        excess.resize(n);
        potential.resize(n);
    }

    double reduced(std::size_t e) const
    {
        return weight[e] + potential[static_cast<std::size_t>(to[e ^ 1U])]
            - potential[static_cast<std::size_t>(to[e])];
    }

    /// Loads capacities and costs with the flow of `start` (none: no flow, potentials
    /// 0). Where the start's potentials price an arc below cost the arc is filled, above
    /// it is emptied, so that every edge with room has a reduced cost >= 0; what that
    /// moves shows up as excess.
    void load(std::span<const Units> cap, std::span<const double> cost, const FlowSolution *start)
    {
        const std::size_t m = net.arcs.size();
        for (std::size_t v = 0; v < excess.size(); ++v) {
            excess[v] = net.supply[v];
            potential[v] = start ? start->potential[v] : 0.0;
        }
        for (std::size_t i = 0; i < m; ++i) {
            const Units c = cap[i] == kUnlimited ? net.totalSupply : cap[i];
            weight[2 * i] = cost[i];
            weight[2 * i + 1] = -cost[i];
            Units f = start ? std::min(start->flow[i], c) : 0;
            if (start) {
                const double rc = reduced(2 * i);
                if (rc < 0)
                    f = c;
                else if (rc > 0)
                    f = 0;
            }
            residual[2 * i] = c - f;
            residual[2 * i + 1] = f;
            excess[static_cast<std::size_t>(net.arcs[i].from)] -= f;
            excess[static_cast<std::size_t>(net.arcs[i].to)] += f;
        }
    }

    /// Dijkstra on reduced costs from every node with excess; stops at the first node
    /// short of units and raises each potential by min(distance, that distance), which
    /// keeps reduced costs >= 0 and makes every shortest path to it zero. False when no
    /// node short of units can be reached.
    bool search(Scratch &s)
    {
        ++searches;
        const std::size_t V = excess.size();
        s.dist.assign(V, kInf);
        s.done.assign(V, 0);
        s.heap.clear();
        for (std::size_t v = 0; v < V; ++v)
            if (excess[v] > 0) {
                s.dist[v] = 0;
                s.heap.emplace_back(0.0, static_cast<int>(v));
            }
        std::make_heap(s.heap.begin(), s.heap.end(), std::greater<>());
        double reached = kInf;
        while (!s.heap.empty()) {
            std::pop_heap(s.heap.begin(), s.heap.end(), std::greater<>());
            const auto [d, u] = s.heap.back();
            s.heap.pop_back();
            const auto uu = static_cast<std::size_t>(u);
            if (s.done[uu])
                continue;
            s.done[uu] = 1;
            if (excess[uu] < 0) {
                reached = d;
                break;
            }
            for (int e = first[uu]; e >= 0; e = next[static_cast<std::size_t>(e)]) {
                const auto ee = static_cast<std::size_t>(e);
                if (residual[ee] <= 0)
                    continue;
                const auto w = static_cast<std::size_t>(to[ee]);
                const double nd = d + reduced(ee);
                if (nd < s.dist[w]) {
                    s.dist[w] = nd;
                    s.heap.emplace_back(nd, static_cast<int>(w));
                    std::push_heap(s.heap.begin(), s.heap.end(), std::greater<>());
                }
            }
        }
        if (reached == kInf)
            return false;
        for (std::size_t v = 0; v < V; ++v)
            potential[v] += std::min(s.dist[v], reached);
        return true;
    }

    /// Sends units from nodes with excess to nodes short of units along paths of edges
    /// with room and zero reduced cost, depth first with each dead end marked once, until
    /// no such path is left.
    void augment(Scratch &s)
    {
        const std::size_t V = excess.size();
        s.current.assign(first.begin(), first.end());
        s.dead.assign(V, 0);
        s.onPath.assign(V, 0);
        auto admissible = [this, &s](int e) {
            const auto ee = static_cast<std::size_t>(e);
            const auto w = static_cast<std::size_t>(to[ee]);
            return residual[ee] > 0 && !s.dead[w] && !s.onPath[w] && reduced(ee) == 0;
        };
        for (std::size_t root = 0; root < V; ++root) {
            while (excess[root] > 0 && !s.dead[root]) {
                s.path.clear();
                auto u = static_cast<int>(root);
                s.onPath[root] = 1;
                while (excess[static_cast<std::size_t>(u)] >= 0 || s.path.empty()) {
                    int &e = s.current[static_cast<std::size_t>(u)];
                    while (e >= 0 && !admissible(e))
                        e = next[static_cast<std::size_t>(e)];
                    if (e >= 0) {
                        s.path.push_back(e);
                        u = to[static_cast<std::size_t>(e)];
                        s.onPath[static_cast<std::size_t>(u)] = 1;
                        continue;
                    }
                    s.dead[static_cast<std::size_t>(u)] = 1;
                    s.onPath[static_cast<std::size_t>(u)] = 0;
                    if (s.path.empty())
                        break;
                    u = to[static_cast<std::size_t>(s.path.back()) ^ 1U];
                    s.path.pop_back();
                }
                if (s.path.empty())
                    break;
                const auto sink = static_cast<std::size_t>(u);
                Units push = std::min(excess[root], -excess[sink]);
                for (const int e : s.path)
                    push = std::min(push, residual[static_cast<std::size_t>(e)]);
                for (const int e : s.path) {
                    residual[static_cast<std::size_t>(e)] -= push;
                    residual[static_cast<std::size_t>(e) ^ 1U] += push;
                    s.onPath[static_cast<std::size_t>(to[static_cast<std::size_t>(e)])] = 0;
                }
                s.onPath[root] = 0;
                excess[root] -= push;
                excess[sink] += push;
            }
        }
    }

    std::optional<FlowSolution> solve(
        std::span<const Units> cap, std::span<const double> cost, const FlowSolution *start)
    {
        Scratch &s = scratch();
        load(cap, cost, start);
        auto unbalanced = [this] {
            return std::any_of(excess.begin(), excess.end(), [](Units x) { return x > 0; });
        };
        while (unbalanced()) {
            if (!search(s))
                return std::nullopt;
            augment(s);
        }
        const std::size_t m = net.arcs.size();
        FlowSolution out;
        out.flow.resize(m);
        for (std::size_t i = 0; i < m; ++i) {
            out.flow[i] = residual[2 * i + 1];
            out.cost += cost[i] * static_cast<double>(out.flow[i]);
        }
        out.potential = potential;
        return out;
    }
};

MinCostFlow::MinCostFlow(const TimeNetwork &network)
    : m_impl(std::make_unique<Impl>(network))
{ }

MinCostFlow::~MinCostFlow() = default;

std::optional<FlowSolution> MinCostFlow::solve(
    std::span<const Units> cap, std::span<const double> cost, const FlowSolution *start)
{
    return m_impl->solve(cap, cost, start);
}

long long MinCostFlow::searches() const
{
    return m_impl->searches;
}

} // namespace engine::planning::detail
