#include "engine/simulation/pricingflow.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>

namespace engine::simulation::detail {

namespace {

/// The residual network in arrays: edge 2i is arc i, 2i + 1 its reverse; then the
/// edges from the source to each supply node and from each demand node to the sink.
struct Scratch {
    std::vector<int> head, next, first, to, pred, current, path;
    std::vector<char> dead, onPath;
    std::vector<Units> residual;
    std::vector<double> weight, potential, dist;
    std::vector<char> done;
    std::vector<std::pair<double, int>> heap;

    void addEdge(int from, int toNode, Units cap, double w)
    {
        for (int side = 0; side < 2; ++side) {
            const int u = side == 0 ? from : toNode;
            to.push_back(side == 0 ? toNode : from);
            residual.push_back(side == 0 ? cap : 0);
            weight.push_back(side == 0 ? w : -w);
            next.push_back(first[static_cast<std::size_t>(u)]);
            first[static_cast<std::size_t>(u)] = static_cast<int>(to.size()) - 1;
        }
    }
};

/// Sends up to `most` units from source to sink along paths of residual edges of zero
/// reduced cost (depth first, each dead end marked once); returns the units sent.
Units augmentShortest(Scratch &s, int source, int sink, Units most)
{
    const std::size_t V = s.first.size();
    s.current.assign(s.first.begin(), s.first.end());
    s.dead.assign(V, 0);
    s.onPath.assign(V, 0);
    Units sent = 0;
    auto admissible = [&s](int e) {
        const auto ee = static_cast<std::size_t>(e);
        const auto u = static_cast<std::size_t>(s.to[ee ^ 1U]),
                   w = static_cast<std::size_t>(s.to[ee]);
        return s.residual[ee] > 0 && !s.dead[w] && !s.onPath[w]
            && s.weight[ee] + s.potential[u] - s.potential[w] == 0;
    };
    while (sent < most) {
        s.path.clear();
        int u = source;
        s.onPath[static_cast<std::size_t>(source)] = 1;
        while (u != sink) {
            int &e = s.current[static_cast<std::size_t>(u)];
            while (e >= 0 && !admissible(e))
                e = s.next[static_cast<std::size_t>(e)];
            if (e >= 0) {
                s.path.push_back(e);
                u = s.to[static_cast<std::size_t>(e)];
                s.onPath[static_cast<std::size_t>(u)] = 1;
                continue;
            }
            s.dead[static_cast<std::size_t>(u)] = 1;
            s.onPath[static_cast<std::size_t>(u)] = 0;
            if (s.path.empty())
                break;
            u = s.to[static_cast<std::size_t>(s.path.back()) ^ 1U];
            s.path.pop_back();
        }
        if (u != sink)
            break;
        Units push = most - sent;
        for (const int e : s.path)
            push = std::min(push, s.residual[static_cast<std::size_t>(e)]);
        for (const int e : s.path) {
            s.residual[static_cast<std::size_t>(e)] -= push;
            s.residual[static_cast<std::size_t>(e) ^ 1U] += push;
        }
        for (const int e : s.path)
            s.onPath[static_cast<std::size_t>(s.to[static_cast<std::size_t>(e)])] = 0;
        s.onPath[static_cast<std::size_t>(source)] = 0;
        sent += push;
    }
    return sent;
}

} // namespace

std::optional<PricedFlow> cheapestFlow(const planning::detail::TimeNetwork &net,
    std::span<const Units> cap, std::span<const double> cost)
{
    thread_local Scratch s;
    const int n = static_cast<int>(net.nodes.size());
    const int source = n, sink = n + 1;
    const std::size_t V = net.nodes.size() + 2;
    s.first.assign(V, -1);
    s.to.clear();
    s.next.clear();
    s.residual.clear();
    s.weight.clear();
    for (std::size_t i = 0; i < net.arcs.size(); ++i)
        s.addEdge(net.arcs[i].from, net.arcs[i].to, cap[i] == kUnlimited ? net.totalSupply : cap[i],
            cost[i]);
    Units required = 0;
    for (int v = 0; v < n; ++v) {
        const Units sup = net.supply[static_cast<std::size_t>(v)];
        if (sup > 0) {
            s.addEdge(source, v, sup, 0);
            required += sup;
        } else if (sup < 0) {
            s.addEdge(v, sink, -sup, 0);
        }
    }
    s.potential.assign(V, 0.0);
    s.dist.resize(V);
    s.pred.resize(V);
    s.done.resize(V);
    constexpr double kInf = std::numeric_limits<double>::infinity();
    Units sent = 0;
    while (sent < required) {
        std::fill(s.dist.begin(), s.dist.end(), kInf);
        std::fill(s.done.begin(), s.done.end(), 0);
        s.heap.clear();
        s.dist[static_cast<std::size_t>(source)] = 0;
        s.heap.push_back({0.0, source});
        while (!s.heap.empty()) {
            std::pop_heap(s.heap.begin(), s.heap.end(), std::greater<>());
            const auto [d, u] = s.heap.back();
            s.heap.pop_back();
            const auto uu = static_cast<std::size_t>(u);
            if (s.done[uu])
                continue;
            s.done[uu] = 1;
            if (u == sink)
                break;
            for (int e = s.first[uu]; e >= 0; e = s.next[static_cast<std::size_t>(e)]) {
                const auto ee = static_cast<std::size_t>(e);
                if (s.residual[ee] <= 0)
                    continue;
                const auto w = static_cast<std::size_t>(s.to[ee]);
                // Reduced costs are >= 0 and exact (see the header).
                const double nd = d + s.weight[ee] + s.potential[uu] - s.potential[w];
                if (nd < s.dist[w]) {
                    s.dist[w] = nd;
                    s.pred[w] = e;
                    s.heap.push_back({nd, static_cast<int>(w)});
                    std::push_heap(s.heap.begin(), s.heap.end(), std::greater<>());
                }
            }
        }
        const double dt = s.dist[static_cast<std::size_t>(sink)];
        if (dt == kInf)
            break;
        // Potentials stay feasible when every node not settled before the sink is
        // raised by the sink's distance only.
        for (std::size_t v = 0; v < V; ++v)
            s.potential[v] += std::min(s.dist[v], dt);
        // Every path of edges of zero reduced cost is now a shortest path: send flow
        // along as many of them as there are before searching again.
        sent += augmentShortest(s, source, sink, required - sent);
    }
    if (sent != required)
        return std::nullopt;
    PricedFlow out;
    out.flow.resize(net.arcs.size());
    for (std::size_t i = 0; i < net.arcs.size(); ++i) {
        out.flow[i] = s.residual[2 * i + 1];
        out.cost += cost[i] * static_cast<double>(out.flow[i]);
    }
    out.potential.assign(s.potential.begin(), s.potential.begin() + n);
    return out;
}

} // namespace engine::simulation::detail
