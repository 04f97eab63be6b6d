#pragma once
// Random multi-item networks for the network plan's tests: a few locations and lanes,
// some with a capacity every item shares, and items with demand, receipts, purchases
// and routes of one or two lanes.

#include "itemplanfixtures.h"

#include "engine/simulation/networkmodel.h"

#include <algorithm>
#include <vector>

namespace networktest {

using namespace engine::planning;
using itemplantest::limitOrNone;
using itemplantest::Rng;
namespace sim = engine::simulation;

/// A physical lane of a random network.
struct RandomLane {
    int from = 0, to = 0, transit = 1;
    double cost = 0;
};

/// A random network: a few locations and lanes (some with a capacity), and items that
/// each stock some of the locations, with demand, receipts, purchases and routes of
/// one or two lanes; a lane of an item has a fixed cost per shipment with
/// `laneFixedChance`.
inline sim::NetworkModel randomNetwork(Rng &rng, bool bindingCapacity, double laneFixedChance = 0.1)
{
    sim::NetworkModel m;
    const int H = rng.between(3, 9);
    const int L = rng.between(2, 5);
    m.horizonDays = H;
    std::vector<RandomLane> lanes;
    for (int a = 0; a < L; ++a)
        for (int b = 0; b < L; ++b)
            if (a != b && rng.chance(0.5)) {
                lanes.push_back({a, b, rng.between(1, 3), rng.money(0.05, 2)});
                const Units cap = bindingCapacity && rng.chance(0.7) ? rng.between(2, 25)
                    : rng.chance(0.2)                                ? rng.between(20, 80)
                                                                     : kUnlimited;
                m.lanes.push_back({a, b, cap});
            }
    // Routes: every lane alone, and every two lanes end to end.
    struct Route {
        int from, to, transit;
        double cost;
        std::vector<sim::Hop> hops;
    };
    std::vector<Route> routes;
    for (std::size_t p = 0; p < lanes.size(); ++p) {
        const RandomLane &x = lanes[p];
        routes.push_back({x.from, x.to, x.transit, x.cost, {{static_cast<engine::Index>(p), 0}}});
        for (std::size_t q = 0; q < lanes.size(); ++q) {
            const RandomLane &y = lanes[q];
            if (y.from == x.to && y.to != x.from)
                routes.push_back({x.from, y.to, x.transit + y.transit, x.cost + y.cost,
                    {{static_cast<engine::Index>(p), 0},
                        {static_cast<engine::Index>(q), x.transit}}});
        }
    }
    const int items = rng.between(1, 4);
    const int q = 40;
    for (int k = 0; k < items; ++k) {
        sim::ItemModel item;
        Input &in = item.input;
        in.horizonDays = H;
        for (int l = 0; l < L; ++l) {
            PlanLocation p;
            p.onHand = rng.chance(0.6) ? rng.between(0, q) : 0;
            p.holdingCostPerUnitDay = rng.money(0, 0.2);
            if (rng.chance(0.15)) {
                p.storage = rng.between(5, q);
                p.overflowCostPerUnitDay = rng.money(0.05, 1);
            }
            if (rng.chance(0.1))
                p.receivingPerDay = rng.between(5, q);
            in.locations.push_back(p);
            item.location.push_back(l);
        }
        const int receipts = rng.between(0, 2);
        for (int i = 0; i < receipts; ++i) {
            PoReceipt r;
            r.location = rng.between(0, L - 1);
            r.expectedDay = rng.between(0, H + 2);
            r.qty = rng.between(1, q);
            if (r.expectedDay > 0 && rng.chance(0.5))
                r.expedites.push_back({rng.between(0, r.expectedDay - 1), rng.money(0.1, 3),
                    limitOrNone(rng, 0.5, 1, static_cast<int>(r.qty))});
            in.receipts.push_back(std::move(r));
        }
        if (rng.chance(0.5)) {
            PurchaseOption p;
            p.location = rng.between(0, L - 1);
            p.arrivalDay = rng.between(1, H);
            p.costPerUnit = rng.money(1, 15);
            p.fixedCost = rng.chance(0.5) ? rng.money(5, 80) : 0;
            in.purchases.push_back(p);
        }
        for (const Route &r : routes) {
            if (r.transit > H || !rng.chance(0.6))
                continue;
            Lane ln;
            ln.from = r.from;
            ln.to = r.to;
            ln.transitDays = r.transit;
            ln.costPerUnit = r.cost;
            ln.lastShipDay = rng.chance(0.5) ? 0 : kUnlimitedDay;
            ln.fixedCostPerShipment = rng.chance(laneFixedChance) ? rng.money(2, 30) : 0;
            in.lanes.push_back(ln);
            item.routes.push_back(r.hops);
        }
        const int demands = rng.between(1, 5);
        for (int i = 0; i < demands; ++i) {
            Demand d;
            d.location = rng.between(0, L - 1);
            d.dueDay = rng.between(-2, H);
            d.qty = rng.between(1, q);
            d.unservedCostPerUnit = rng.money(2, 40);
            d.lateCostPerUnitDay = rng.money(0, 3);
            if (rng.chance(0.3)) {
                d.lostSaleCostPerUnit = rng.money(1, 10);
                d.lostSaleDays = rng.between(0, 10);
            }
            in.demands.push_back(d);
            item.salesOrder.push_back(i);
            item.tier.push_back(rng.between(1, 3));
        }
        m.items.push_back(std::move(item));
    }
    m.outside.assign(static_cast<std::size_t>(L), {});
    return m;
}

/// Several random networks side by side in one model, each with its own locations and
/// lanes: the capacity rows fall into at least as many groups that no row joins.
inline sim::NetworkModel regions(Rng &rng, int count)
{
    sim::NetworkModel m;
    std::vector<sim::NetworkModel> parts;
    for (int i = 0; i < count; ++i) {
        parts.push_back(randomNetwork(rng, true));
        m.horizonDays = std::max(m.horizonDays, parts.back().horizonDays);
    }
    for (sim::NetworkModel &part : parts) {
        const auto laneBase = static_cast<engine::Index>(m.lanes.size());
        const auto locationBase = static_cast<engine::Index>(m.outside.size());
        for (sim::SharedLane l : part.lanes) {
            l.from += locationBase;
            l.to += locationBase;
            m.lanes.push_back(l);
        }
        for (sim::ItemModel &item : part.items) {
            item.input.horizonDays = m.horizonDays;
            for (engine::Index &l : item.location)
                l += locationBase;
            for (std::vector<sim::Hop> &route : item.routes)
                for (sim::Hop &h : route)
                    h.lane += laneBase;
            m.items.push_back(std::move(item));
        }
        m.outside.insert(m.outside.end(), part.outside.begin(), part.outside.end());
    }
    return m;
}

} // namespace networktest
