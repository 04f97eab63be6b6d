#include "engine/network/network.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <limits>
#include <optional>

namespace engine {

namespace {

struct LaneProps {
    double transitDays = 0;
    Index lane = kNone;
};

// Edges point from the destination back to the source, so one Dijkstra run from a
// destination yields the fastest route from every source into it.
using ReverseGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
    boost::no_property, LaneProps>;
using Vertex = boost::graph_traits<ReverseGraph>::vertex_descriptor;

} // namespace

struct TransferNetwork::Impl {
    const Snapshot &snap;
    ReverseGraph graph;
    /// routesTo[to][from], filled on first use of `to`.
    std::vector<std::optional<std::vector<Route>>> routesTo;
    /// viaTo[to][from]: the first lane of the route from `from` into `to` (kNone when
    /// none), filled with routesTo.
    std::vector<std::vector<Index>> viaTo;
    Route none;

    explicit Impl(const Snapshot &s)
        : snap(s)
        , graph(static_cast<std::size_t>(std::max<Index>(0, s.locations.size())))
        , routesTo(static_cast<std::size_t>(std::max<Index>(0, s.locations.size())))
        , viaTo(routesTo.size())
    {
        const Lanes &lanes = snap.lanes;
        for (Index i = 0; i < lanes.size(); ++i) {
            const Index from = lanes.from[i], to = lanes.to[i];
            if (!lanes.active[i] || from == to || from < 0 || to < 0
                || from >= snap.locations.size() || to >= snap.locations.size()
                || !(lanes.transitDays[i] >= 0.0))
                continue;
            boost::add_edge(static_cast<Vertex>(to), static_cast<Vertex>(from),
                LaneProps {lanes.transitDays[i], i}, graph);
        }
    }

    void solve(Index to)
    {
        const std::size_t n = boost::num_vertices(graph);
        std::vector<Vertex> pred(n);
        std::vector<double> dist(n, std::numeric_limits<double>::infinity());
        // pred[v] alone cannot tell which of two parallel edges was used, so keep
        // the lane of the relaxed edge as well.
        std::vector<Index> viaLane(n, kNone);
        struct Recorder : boost::default_dijkstra_visitor {
            std::vector<Index> *via = nullptr;
            void edge_relaxed(
                boost::graph_traits<ReverseGraph>::edge_descriptor e, const ReverseGraph &g)
            {
                (*via)[boost::target(e, g)] = g[e].lane;
            }
        } recorder;
        recorder.via = &viaLane;
        boost::dijkstra_shortest_paths(graph, static_cast<Vertex>(to),
            boost::predecessor_map(pred.data())
                .distance_map(dist.data())
                .weight_map(boost::get(&LaneProps::transitDays, graph))
                .visitor(recorder));

        std::vector<Route> routes(n);
        const Lanes &lanes = snap.lanes;
        for (std::size_t from = 0; from < n; ++from) {
            // Boost leaves unreached vertices as their own predecessor, at the
            // largest finite distance rather than at infinity.
            if (from == static_cast<std::size_t>(to) || pred[from] == from
                || !(dist[from] < std::numeric_limits<double>::max()))
                continue;
            Route r;
            r.reachable = true;
            r.transitDays = dist[from];
            // Walk from the source towards the destination along the lanes used.
            for (std::size_t v = from; v != static_cast<std::size_t>(to); v = pred[v]) {
                const Index lane = viaLane[v];
                if (lane == kNone)
                    break;
                r.costPerUnit += lanes.costPerUnit[lane];
                r.fixedCost += lanes.fixedCost[lane];
                const double cap = lanes.capacityPerDay[lane];
                if (isSet(cap) && (!isSet(r.capacityPerDay) || cap < r.capacityPerDay))
                    r.capacityPerDay = cap;
                ++r.hops;
            }
            routes[from] = r;
        }
        routesTo[static_cast<std::size_t>(to)] = std::move(routes);
        viaTo[static_cast<std::size_t>(to)] = std::move(viaLane);
    }
};

TransferNetwork::TransferNetwork(const Snapshot &snapshot)
    : m_impl(std::make_unique<Impl>(snapshot))
{ }

TransferNetwork::~TransferNetwork() = default;

const TransferNetwork::Route &TransferNetwork::route(Index from, Index to)
{
    const auto n = static_cast<Index>(m_impl->routesTo.size());
    if (from < 0 || to < 0 || from >= n || to >= n || from == to)
        return m_impl->none;
    auto &slot = m_impl->routesTo[static_cast<std::size_t>(to)];
    if (!slot)
        m_impl->solve(to);
    return (*slot)[static_cast<std::size_t>(from)];
}

std::vector<Index> TransferNetwork::routeLanes(Index from, Index to)
{
    std::vector<Index> lanes;
    const Route &r = route(from, to);
    if (!r.reachable)
        return lanes;
    const std::vector<Index> &via = m_impl->viaTo[static_cast<std::size_t>(to)];
    const Lanes &all = m_impl->snap.lanes;
    for (Index v = from; v != to && static_cast<int>(lanes.size()) < r.hops;) {
        const Index lane = via[static_cast<std::size_t>(v)];
        if (lane == kNone)
            break;
        lanes.push_back(lane);
        v = all.to[static_cast<std::size_t>(lane)];
    }
    return lanes;
}

} // namespace engine
