#pragma once
// Shared by the item plan tests and its benchmark: random item instances of a given
// shape, and a day-by-day simulation that replays a plan's actions and deliveries
// against the input, checks that every unit exists where and when it is used and
// that every capacity holds, and prices the plan again from scratch.

#include "engine/planning/itemplan.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace itemplantest {

using namespace engine::planning;

/// splitmix64: the same numbers on every platform and standard library.
class Rng
{
public:
    explicit Rng(std::uint64_t seed)
        : m_state(seed)
    { }
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [lo, hi].
    int between(int lo, int hi)
    {
        return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(double p) { return static_cast<double>(next() % 1'000'000) < p * 1'000'000; }
    /// A price in cents in [lo, hi].
    double money(double lo, double hi)
    {
        return between(
                   static_cast<int>(std::lround(lo * 100)), static_cast<int>(std::lround(hi * 100)))
            / 100.0;
    }

private:
    std::uint64_t m_state;
};

/// How large and how constrained a random instance is.
struct Shape {
    int minLocations = 1, maxLocations = 6;
    int minHorizon = 3, maxHorizon = 10;
    int minDemands = 1, maxDemands = 8;
    double laneChance = 0.4; ///< per ordered pair of locations
    double laneFixedChance = 0.15; ///< a lane with a fixed cost per shipment
    int maxFixedLanes = 2; ///< lanes with a fixed cost, at most
    double capacityChance = 0.4; ///< lane, receiving and storage limits
    int maxPurchases = 2;
    int maxReceipts = 3;
    Units maxQty = 40;
    double shipLimitChance = 0.2; ///< a location that may send only so much (ships day 0)
    double todayOnlyChance = 0.2; ///< a lane that ships on day 0 only
    double lostSaleChance = 0.3; ///< a demand line whose sale may be lost when late
};

inline Units limitOrNone(Rng &rng, double chance, int lo, int hi)
{
    return rng.chance(chance) ? rng.between(lo, hi) : kUnlimited;
}

inline Input randomInput(Rng &rng, const Shape &s)
{
    Input in;
    in.horizonDays = rng.between(s.minHorizon, s.maxHorizon);
    const int H = in.horizonDays;
    const int L = rng.between(s.minLocations, s.maxLocations);
    const int q = static_cast<int>(s.maxQty);
    for (int l = 0; l < L; ++l) {
        PlanLocation p;
        p.onHand = rng.between(0, q);
        p.receivingPerDay = limitOrNone(rng, s.capacityChance / 2, q / 8 + 1, q);
        p.storage = limitOrNone(rng, s.capacityChance / 2, q / 8 + 1, q);
        p.holdingCostPerUnitDay = rng.money(0, 0.3);
        p.overflowCostPerUnitDay = rng.money(0.01, 2);
        p.maxShipped = limitOrNone(rng, s.shipLimitChance, 0, q / 2 + 1);
        in.locations.push_back(p);
    }
    const int transits = rng.between(0, L);
    for (int i = 0; i < transits; ++i)
        in.inTransit.push_back(
            {rng.between(0, L - 1), rng.between(-1, H + 2), rng.between(1, q / 2 + 1)});
    const int receipts = rng.between(0, s.maxReceipts);
    for (int i = 0; i < receipts; ++i) {
        PoReceipt r;
        r.location = rng.between(0, L - 1);
        r.expectedDay = rng.between(-1, H + 3);
        r.qty = rng.between(1, q + q / 2);
        const int options = rng.between(0, 2);
        for (int o = 0; o < options && r.expectedDay > 0; ++o)
            r.expedites.push_back({rng.between(0, r.expectedDay - 1), rng.money(0.05, 3),
                limitOrNone(rng, 0.5, 1, static_cast<int>(r.qty))});
        r.ref = 100 + i;
        in.receipts.push_back(std::move(r));
    }
    const int purchases = rng.between(0, s.maxPurchases);
    for (int j = 0; j < purchases; ++j) {
        PurchaseOption p;
        p.location = rng.between(0, L - 1);
        p.arrivalDay = rng.between(1, H + 1);
        p.costPerUnit = rng.money(0.5, 12);
        p.fixedCost = rng.chance(0.6) ? rng.money(5, 120) : 0;
        p.minQty = rng.chance(0.3) ? rng.between(1, q) : 0;
        p.multiple = rng.chance(0.3) ? rng.between(2, 12) : 1;
        p.maxQty = limitOrNone(rng, 0.3, q / 2 + 1, 3 * q);
        p.ref = 200 + j;
        in.purchases.push_back(p);
    }
    int fixedLanes = 0;
    for (int a = 0; a < L; ++a)
        for (int b = 0; b < L; ++b) {
            if (a == b || !rng.chance(s.laneChance))
                continue;
            Lane ln;
            ln.from = a;
            ln.to = b;
            ln.transitDays = rng.between(1, 3);
            ln.costPerUnit = rng.money(0.05, 4);
            ln.capacityPerDay = limitOrNone(rng, s.capacityChance, 1, q / 2 + 1);
            if (fixedLanes < s.maxFixedLanes && rng.chance(s.laneFixedChance)) {
                ln.fixedCostPerShipment = rng.money(5, 80);
                ++fixedLanes;
            }
            if (in.locations[static_cast<std::size_t>(a)].maxShipped != kUnlimited
                || rng.chance(s.todayOnlyChance))
                ln.lastShipDay = 0;
            if (in.locations[static_cast<std::size_t>(a)].maxShipped != kUnlimited
                && rng.chance(0.5))
                ln.reservedForDestination = rng.between(1, q / 2 + 1);
            ln.ref = 300 + static_cast<int>(in.lanes.size());
            in.lanes.push_back(ln);
        }
    const int demands = rng.between(s.minDemands, s.maxDemands);
    for (int k = 0; k < demands; ++k) {
        Demand d;
        d.location = rng.between(0, L - 1);
        d.dueDay = rng.between(-3, H);
        d.qty = rng.between(1, q);
        d.unservedCostPerUnit = rng.money(2, 60);
        d.lateCostPerUnitDay = rng.money(0.05, 5);
        if (rng.chance(s.lostSaleChance)) {
            d.lostSaleCostPerUnit = rng.money(0.5, 30);
            d.lostSaleDays = rng.between(0, H + 2);
            d.daysPastDue = d.dueDay < 0 ? rng.between(1, 10) : 0;
        }
        d.ref = 1000 + k;
        in.demands.push_back(d);
    }
    return in;
}

struct Replay {
    std::string problem; ///< empty when the plan is physically possible
    double cost = 0; ///< the plan priced day by day
};

/// Replays `plan` against `in`: stock at every location and day from firm supply and
/// the plan's actions, minus the deliveries the plan's demand outcomes say happen and
/// the transfers it ships. The first broken rule is reported.
inline Replay replay(const Input &in, const Plan &plan)
{
    Replay out;
    const int H = in.horizonDays;
    const int L = static_cast<int>(in.locations.size());
    auto at = [H](int l, int t) { return static_cast<std::size_t>(l * (H + 1) + t); };
    std::vector<Units> arrive(static_cast<std::size_t>(L * (H + 1)), 0), booked = arrive,
                                                                         leave = arrive;
    auto fail = [&out](std::string why) {
        if (out.problem.empty())
            out.problem = std::move(why);
    };
    for (const InTransit &t : in.inTransit)
        if (std::max(0, t.arrivalDay) <= H) {
            arrive[at(t.location, std::max(0, t.arrivalDay))] += t.qty;
            booked[at(t.location, std::max(0, t.arrivalDay))] += t.qty;
        }
    std::vector<Units> moved(in.receipts.size(), 0);
    std::vector<Units> laneDay(in.lanes.size() * static_cast<std::size_t>(H + 1), 0);
    std::vector<Units> laneShipped(in.lanes.size(), 0);
    for (const Action &a : plan.actions) {
        if (a.qty <= 0)
            fail("an action moves no units");
        Units used = a.keptInStock;
        for (const Allocation &s : a.serves)
            used += s.qty;
        if (used != a.qty)
            fail("an action's allocations do not add up to its quantity");
        out.cost += a.cost;
        switch (a.kind) {
        case ActionKind::Transfer: {
            const Lane &ln = in.lanes[static_cast<std::size_t>(a.index)];
            if (a.day < 0 || a.arrivalDay != a.day + ln.transitDays || a.arrivalDay > H)
                fail("a transfer's days do not match its lane");
            if (ln.lastShipDay != kUnlimitedDay && a.day > ln.lastShipDay)
                fail("a transfer leaves after its lane's last ship day");
            laneShipped[static_cast<std::size_t>(a.index)] += a.qty;
            laneDay[static_cast<std::size_t>(a.index * (H + 1) + a.day)] += a.qty;
            leave[at(ln.from, a.day)] += a.qty;
            arrive[at(ln.to, a.arrivalDay)] += a.qty;
            break;
        }
        case ActionKind::Expedite: {
            const PoReceipt &r = in.receipts[static_cast<std::size_t>(a.index)];
            const ExpediteOption &x = r.expedites[static_cast<std::size_t>(a.option)];
            if (x.maxQty != kUnlimited && a.qty > x.maxQty)
                fail("an expedite moves more than its option allows");
            moved[static_cast<std::size_t>(a.index)] += a.qty;
            arrive[at(r.location, std::max(0, x.day))] += a.qty;
            break;
        }
        case ActionKind::Purchase: {
            const PurchaseOption &p = in.purchases[static_cast<std::size_t>(a.index)];
            if (p.maxQty != kUnlimited && a.orderedQty > p.maxQty)
                fail("a purchase orders more than its maximum");
            if (a.orderedQty < p.minQty || a.orderedQty % p.multiple != 0)
                fail("a purchase breaks its minimum or multiple");
            arrive[at(p.location, std::max(0, p.arrivalDay))] += a.orderedQty;
            break;
        }
        }
    }
    for (std::size_t r = 0; r < in.receipts.size(); ++r) {
        const PoReceipt &po = in.receipts[r];
        if (moved[r] > po.qty)
            fail("a PO receipt is expedited beyond its quantity");
        const int e = std::max(0, po.expectedDay);
        if (e <= H) {
            arrive[at(po.location, e)] += po.qty - moved[r];
            booked[at(po.location, e)] += po.qty;
        }
    }
    // What leaves a location beyond each lane's reserve comes out of its shipping limit.
    std::vector<Units> shipped(static_cast<std::size_t>(L), 0);
    for (std::size_t i = 0; i < in.lanes.size(); ++i)
        shipped[static_cast<std::size_t>(in.lanes[i].from)]
            += std::max<Units>(0, laneShipped[i] - in.lanes[i].reservedForDestination);
    for (int l = 0; l < L; ++l) {
        const Units limit = in.locations[static_cast<std::size_t>(l)].maxShipped;
        if (limit != kUnlimited && shipped[static_cast<std::size_t>(l)] > limit)
            fail("location " + std::to_string(l) + " ships more than it may spare");
    }
    for (std::size_t i = 0; i < in.lanes.size(); ++i)
        for (int t = 0; t <= H; ++t)
            if (in.lanes[i].capacityPerDay != kUnlimited
                && laneDay[i * static_cast<std::size_t>(H + 1) + static_cast<std::size_t>(t)]
                    > in.lanes[i].capacityPerDay)
                fail("a lane carries more than its capacity on a day");
    if (plan.demands.size() != in.demands.size())
        fail("the plan has no outcome for every demand line");
    for (std::size_t k = 0; k < in.demands.size() && k < plan.demands.size(); ++k) {
        const Demand &d = in.demands[k];
        const DemandOutcome &o = plan.demands[k];
        const int due = std::max(0, d.dueDay);
        Units late = 0;
        for (const LateUnits &l : o.lateBy) {
            late += l.qty;
            if (l.days <= 0 || due + l.days > H)
                fail("a late delivery falls outside the horizon");
            else
                leave[at(d.location, due + l.days)] += l.qty;
            out.cost += lateCostPerUnit(d, l.days) * static_cast<double>(l.qty);
        }
        if (late != o.late || o.onTime + o.late + o.unserved != d.qty || o.onTime < 0
            || o.unserved < 0)
            fail("a demand line's units do not add up");
        leave[at(d.location, due)] += o.onTime;
        out.cost += d.unservedCostPerUnit * static_cast<double>(o.unserved);
    }
    for (int l = 0; l < L; ++l) {
        const PlanLocation &p = in.locations[static_cast<std::size_t>(l)];
        Units stock = p.onHand;
        for (int t = 0; t <= H; ++t) {
            if (p.receivingPerDay != kUnlimited
                && arrive[at(l, t)] > std::max(p.receivingPerDay, booked[at(l, t)]))
                fail("location " + std::to_string(l) + " receives more than it can on day "
                    + std::to_string(t));
            stock += arrive[at(l, t)] - leave[at(l, t)];
            if (stock < 0)
                fail("location " + std::to_string(l) + " uses units it does not have on day "
                    + std::to_string(t));
            if (t < H) {
                out.cost += p.holdingCostPerUnitDay * static_cast<double>(stock);
                if (p.storage != kUnlimited && stock > p.storage)
                    out.cost += p.overflowCostPerUnitDay * static_cast<double>(stock - p.storage);
            }
        }
    }
    return out;
}

inline bool near(double a, double b, double rel = 1e-6)
{
    return std::abs(a - b) <= rel * std::max({1.0, std::abs(a), std::abs(b)});
}

} // namespace itemplantest
