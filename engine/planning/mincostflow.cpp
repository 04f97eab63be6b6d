#include "engine/planning/mincostflow.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <boost/property_map/property_map.hpp>

namespace engine::planning::detail {

namespace {

struct EdgeProps {
    std::size_t id = 0;
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    EdgeProps>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

} // namespace

// Every arc of the network is a Boost edge with its reverse beside it (ids 2i and
// 2i + 1); after them come the edges from a super source to each node with supply
// and from each node with demand to a super sink. The cheapest maximum flow from
// source to sink meets every supply exactly when it saturates the source's edges.
struct MinCostFlow::Impl {
    const TimeNetwork &net;
    Graph graph;
    Vertex source = 0, sink = 0;
    std::vector<Units> capacity, residual;
    std::vector<double> weight;
    std::vector<Edge> reverse;
    std::vector<Edge> pred;
    std::vector<double> distance, distancePrev;
    Units required = 0; ///< what must leave the super source

    explicit Impl(const TimeNetwork &network)
        : net(network)
        , graph(network.nodes.size() + 2)
    {
        const std::size_t n = network.nodes.size();
        source = static_cast<Vertex>(n);
        sink = static_cast<Vertex>(n + 1);
        auto addPair = [this](Vertex from, Vertex to, Units cap) {
            const std::size_t id = capacity.size();
            const Edge e = boost::add_edge(from, to, EdgeProps {id}, graph).first;
            const Edge r = boost::add_edge(to, from, EdgeProps {id + 1}, graph).first;
            capacity.push_back(cap);
            capacity.push_back(0);
            weight.push_back(0);
            weight.push_back(0);
            reverse.push_back(r);
            reverse.push_back(e);
        };
        for (const Arc &a : net.arcs)
            addPair(static_cast<Vertex>(a.from), static_cast<Vertex>(a.to), 0);
        for (std::size_t v = 0; v < n; ++v) {
            const Units s = net.supply[v];
            if (s > 0) {
                addPair(source, static_cast<Vertex>(v), s);
                required += s;
            } else if (s < 0) {
                addPair(static_cast<Vertex>(v), sink, -s);
            }
        }
        residual.resize(capacity.size());
        pred.resize(n + 2);
        distance.resize(n + 2);
        distancePrev.resize(n + 2);
    }

    std::optional<FlowSolution> solve(std::span<const Units> cap, std::span<const double> cost)
    {
        const std::size_t arcs = net.arcs.size();
        for (std::size_t i = 0; i < arcs; ++i) {
            capacity[2 * i] = cap[i] == kUnlimited ? net.totalSupply : cap[i];
            weight[2 * i] = cost[i];
            weight[2 * i + 1] = -cost[i];
        }
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
        for (std::size_t e = 2 * arcs; e < capacity.size(); e += 2)
            if (boost::source(reverse[e + 1], graph) == source)
                sent += capacity[e] - residual[e];
        if (sent != required)
            return std::nullopt;
        FlowSolution out;
        out.flow.resize(arcs);
        for (std::size_t i = 0; i < arcs; ++i) {
            out.flow[i] = capacity[2 * i] - residual[2 * i];
            out.cost += cost[i] * static_cast<double>(out.flow[i]);
        }
        return out;
    }
};

MinCostFlow::MinCostFlow(const TimeNetwork &network)
    : m_impl(std::make_unique<Impl>(network))
{ }

MinCostFlow::~MinCostFlow() = default;

std::optional<FlowSolution> MinCostFlow::solve(
    std::span<const Units> cap, std::span<const double> cost)
{
    return m_impl->solve(cap, cost);
}

} // namespace engine::planning::detail
