#pragma once
// The reference min-cost flow for tests: Boost.Graph's successive shortest paths on a
// TimeNetwork, with a super source feeding every node with supply and a super sink
// fed by every node with demand. The item plan's own solver (engine/planning/
// mincostflow) must find the same cost on every network the tests build.

#include "engine/planning/timenetwork.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <boost/property_map/property_map.hpp>

#include <optional>
#include <span>
#include <vector>

namespace boostflow {

using engine::planning::kUnlimited;
using engine::planning::Units;

struct Result {
    std::vector<Units> flow; ///< per arc
    double cost = 0; ///< millionths
};

/// nullopt when no flow meets every supply under these capacities.
inline std::optional<Result> solve(const engine::planning::detail::TimeNetwork &net,
    std::span<const Units> cap, std::span<const double> cost)
{
    struct EdgeProps {
        std::size_t id = 0;
    };
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
        boost::no_property, EdgeProps>;
    using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
    using Edge = boost::graph_traits<Graph>::edge_descriptor;

    const std::size_t n = net.nodes.size();
    Graph graph(n + 2);
    const auto source = static_cast<Vertex>(n), sink = static_cast<Vertex>(n + 1);
    std::vector<Units> capacity;
    std::vector<double> weight;
    std::vector<Edge> reverse;
    auto addPair = [&](Vertex from, Vertex to, Units c, double w) {
        const std::size_t id = capacity.size();
        const Edge e = boost::add_edge(from, to, EdgeProps {id}, graph).first;
        const Edge r = boost::add_edge(to, from, EdgeProps {id + 1}, graph).first;
        capacity.push_back(c);
        capacity.push_back(0);
        weight.push_back(w);
        weight.push_back(-w);
        reverse.push_back(r);
        reverse.push_back(e);
    };
    for (std::size_t i = 0; i < net.arcs.size(); ++i)
        addPair(static_cast<Vertex>(net.arcs[i].from), static_cast<Vertex>(net.arcs[i].to),
            cap[i] == kUnlimited ? net.totalSupply : cap[i], cost[i]);
    Units required = 0;
    for (std::size_t v = 0; v < n; ++v) {
        if (net.supply[v] > 0) {
            addPair(source, static_cast<Vertex>(v), net.supply[v], 0);
            required += net.supply[v];
        } else if (net.supply[v] < 0) {
            addPair(static_cast<Vertex>(v), sink, -net.supply[v], 0);
        }
    }
    std::vector<Units> residual(capacity.size());
    std::vector<Edge> pred(n + 2);
    std::vector<double> distance(n + 2), distancePrev(n + 2);
    auto id = boost::get(&EdgeProps::id, graph);
    auto vertexIndex = boost::get(boost::vertex_index, graph);
    boost::successive_shortest_path_nonnegative_weights(graph, source, sink,
        boost::make_iterator_property_map(capacity.begin(), id),
        boost::make_iterator_property_map(residual.begin(), id),
        boost::make_iterator_property_map(weight.begin(), id),
        boost::make_iterator_property_map(reverse.begin(), id), vertexIndex,
        boost::make_iterator_property_map(pred.begin(), vertexIndex),
        boost::make_iterator_property_map(distance.begin(), vertexIndex),
        boost::make_iterator_property_map(distancePrev.begin(), vertexIndex));
    Units sent = 0;
    const std::size_t arcs = net.arcs.size();
    for (std::size_t e = 2 * arcs; e < capacity.size(); e += 2)
        if (boost::source(reverse[e + 1], graph) == source)
            sent += capacity[e] - residual[e];
    if (sent != required)
        return std::nullopt;
    Result out;
    out.flow.resize(arcs);
    for (std::size_t i = 0; i < arcs; ++i) {
        out.flow[i] = capacity[2 * i] - residual[2 * i];
        out.cost += cost[i] * static_cast<double>(out.flow[i]);
    }
    return out;
}

} // namespace boostflow
