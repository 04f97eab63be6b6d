// The item plan against exhaustive search on tiny instances (two locations, a few
// days, a few units). The search knows nothing of flows: it walks the days, tries
// every quantity to serve and to ship from the stock actually there, every expedite
// and every purchase, prices each complete plan and keeps the cheapest. Both the
// optimum and the do-nothing cost must agree with it.

#include "itemplanfixtures.h"

#include "engine/planning/itemplan.h"

#include <QtTest/QtTest>

#include <limits>

using namespace engine::planning;
using namespace itemplantest;

namespace {

Input tinyInput(Rng &rng)
{
    Input in;
    in.horizonDays = rng.between(2, 4);
    const int H = in.horizonDays;
    for (int l = 0; l < 2; ++l) {
        PlanLocation p;
        p.onHand = rng.between(0, 3);
        p.holdingCostPerUnitDay = rng.money(0, 0.3);
        p.storage = rng.chance(0.4) ? 1 : kUnlimited;
        p.overflowCostPerUnitDay = rng.money(0.1, 2);
        p.receivingPerDay = rng.chance(0.3) ? rng.between(0, 1) : kUnlimited;
        p.maxShipped = rng.chance(0.25) ? rng.between(0, 2) : kUnlimited;
        in.locations.push_back(p);
    }
    if (rng.chance(0.4))
        in.inTransit.push_back({rng.between(0, 1), rng.between(0, H + 1), 1});
    if (rng.chance(0.7)) {
        PoReceipt r;
        r.location = rng.between(0, 1);
        r.expectedDay = rng.between(1, H + 1);
        r.qty = rng.between(1, 2);
        const int options = rng.between(1, 2);
        for (int o = 0; o < options; ++o)
            r.expedites.push_back({rng.between(0, r.expectedDay - 1), rng.money(0.05, 2),
                rng.chance(0.5) ? 1 : kUnlimited});
        in.receipts.push_back(std::move(r));
    }
    if (rng.chance(0.7)) {
        PurchaseOption p;
        p.location = rng.between(0, 1);
        p.arrivalDay = rng.between(1, H);
        p.costPerUnit = rng.money(0.5, 6);
        p.fixedCost = rng.chance(0.5) ? rng.money(1, 10) : 0;
        p.maxQty = 3;
        in.purchases.push_back(p);
    }
    auto lane = [&](int from, int to, int transit, Units cap) {
        Lane ln;
        ln.from = from;
        ln.to = to;
        ln.transitDays = transit;
        ln.costPerUnit = rng.money(0.05, 3);
        ln.capacityPerDay = cap;
        ln.fixedCostPerShipment = rng.chance(0.4) ? rng.money(1, 8) : 0;
        if (in.locations[static_cast<std::size_t>(from)].maxShipped != kUnlimited
            || rng.chance(0.25))
            ln.lastShipDay = 0;
        if (in.locations[static_cast<std::size_t>(from)].maxShipped != kUnlimited
            && rng.chance(0.5))
            ln.reservedForDestination = rng.between(1, 2);
        in.lanes.push_back(ln);
    };
    lane(0, 1, 1, rng.chance(0.5) ? 1 : kUnlimited);
    if (rng.chance(0.5))
        lane(1, 0, rng.between(1, 2), kUnlimited);
    const int demands = rng.between(1, 3);
    for (int k = 0; k < demands; ++k) {
        Demand d;
        d.location = rng.between(0, 1);
        d.dueDay = rng.between(-1, H);
        d.qty = rng.between(1, 2);
        d.unservedCostPerUnit = rng.money(2, 20);
        d.lateCostPerUnitDay = rng.money(0.1, 4);
        if (rng.chance(0.4)) {
            d.lostSaleCostPerUnit = rng.money(0.5, 6);
            d.lostSaleDays = rng.between(0, 3);
            d.daysPastDue = d.dueDay < 0 ? rng.between(1, 3) : 0;
        }
        d.ref = k;
        in.demands.push_back(d);
    }
    return in;
}

/// Depth-first search over every plan, day by day, pruned only by cost so far (all
/// costs are non-negative, so a partial plan dearer than the best complete one
/// cannot become cheaper).
class Exhaustive
{
public:
    Exhaustive(const Input &in, bool actions)
        : m_in(in)
        , m_actions(actions)
        , m_H(in.horizonDays)
        , m_L(static_cast<int>(in.locations.size()))
        , m_arrive(static_cast<std::size_t>(m_L * (m_H + 1)), 0)
        , m_booked(m_arrive)
        , m_left(in.demands.size())
        , m_stock(static_cast<std::size_t>(m_L), 0)
    {
        for (std::size_t k = 0; k < in.demands.size(); ++k)
            m_left[k] = in.demands[k].qty;
        for (int l = 0; l < m_L; ++l)
            m_stock[static_cast<std::size_t>(l)] = in.locations[static_cast<std::size_t>(l)].onHand;
        for (const InTransit &t : in.inTransit)
            if (std::max(0, t.arrivalDay) <= m_H) {
                at(m_arrive, t.location, std::max(0, t.arrivalDay)) += t.qty;
                at(m_booked, t.location, std::max(0, t.arrivalDay)) += t.qty;
            }
        for (const PoReceipt &r : in.receipts)
            if (std::max(0, r.expectedDay) <= m_H)
                at(m_booked, r.location, std::max(0, r.expectedDay)) += r.qty;
    }

    double solve()
    {
        receipt(0, 0.0);
        return m_best;
    }

private:
    Units &at(std::vector<Units> &v, int l, int t)
    {
        return v[static_cast<std::size_t>(l * (m_H + 1) + t)];
    }

    // Before day 0: how many units of each PO receipt move to each expedite option.
    void receipt(std::size_t r, double cost)
    {
        if (r == m_in.receipts.size()) {
            purchase(0, cost);
            return;
        }
        const PoReceipt &po = m_in.receipts[r];
        // One option after another, then what stays on the expected day.
        std::vector<Units> take(po.expedites.size(), 0);
        expedite(r, 0, take, cost);
    }

    void expedite(std::size_t r, std::size_t o, std::vector<Units> &take, double cost)
    {
        const PoReceipt &po = m_in.receipts[r];
        if (o == po.expedites.size() || !m_actions) {
            Units moved = 0;
            for (Units u : take)
                moved += u;
            const int e = std::max(0, po.expectedDay);
            if (e <= m_H)
                at(m_arrive, po.location, e) += po.qty - moved;
            receipt(r + 1, cost);
            if (e <= m_H)
                at(m_arrive, po.location, e) -= po.qty - moved;
            return;
        }
        const ExpediteOption &x = po.expedites[o];
        Units used = 0;
        for (std::size_t i = 0; i < o; ++i)
            used += take[i];
        Units most = po.qty - used;
        if (x.maxQty != kUnlimited)
            most = std::min(most, x.maxQty);
        if (std::max(0, x.day) >= std::max(0, po.expectedDay) || x.day > m_H)
            most = 0;
        for (Units q = 0; q <= most; ++q) {
            take[o] = q;
            at(m_arrive, po.location, std::max(0, x.day)) += q;
            expedite(r, o + 1, take, cost + x.costPerUnit * static_cast<double>(q));
            at(m_arrive, po.location, std::max(0, x.day)) -= q;
        }
        take[o] = 0;
    }

    void purchase(std::size_t j, double cost)
    {
        if (j == m_in.purchases.size() || !m_actions) {
            day(0, cost);
            return;
        }
        const PurchaseOption &p = m_in.purchases[j];
        const int a = std::max(0, p.arrivalDay);
        const Units most = a <= m_H ? p.maxQty : 0;
        for (Units q = 0; q <= most; ++q) {
            at(m_arrive, p.location, a) += q;
            purchase(
                j + 1, cost + p.costPerUnit * static_cast<double>(q) + (q > 0 ? p.fixedCost : 0));
            at(m_arrive, p.location, a) -= q;
        }
    }

    void day(int t, double cost)
    {
        if (cost >= m_best)
            return;
        if (t > m_H) {
            for (std::size_t k = 0; k < m_left.size(); ++k)
                cost += m_in.demands[k].unservedCostPerUnit * static_cast<double>(m_left[k]);
            m_best = std::min(m_best, cost);
            return;
        }
        for (int l = 0; l < m_L; ++l) {
            const Units cap = m_in.locations[static_cast<std::size_t>(l)].receivingPerDay;
            if (cap != kUnlimited && at(m_arrive, l, t) > std::max(cap, at(m_booked, l, t)))
                return;
        }
        for (int l = 0; l < m_L; ++l)
            m_stock[static_cast<std::size_t>(l)] += at(m_arrive, l, t);
        decide(t, 0, 0, cost);
        for (int l = 0; l < m_L; ++l)
            m_stock[static_cast<std::size_t>(l)] -= at(m_arrive, l, t);
    }

    // Within day t: first what each demand line gets, then what each lane ships.
    void decide(int t, std::size_t k, std::size_t lane, double cost)
    {
        if (k < m_in.demands.size()) {
            const Demand &d = m_in.demands[k];
            const int due = std::max(0, d.dueDay);
            Units &stock = m_stock[static_cast<std::size_t>(d.location)];
            if (due > t) {
                decide(t, k + 1, lane, cost);
                return;
            }
            const Units most = std::min(m_left[k], stock);
            for (Units q = 0; q <= most; ++q) {
                m_left[k] -= q;
                stock -= q;
                decide(t, k + 1, lane, cost + lateCostPerUnit(d, t - due) * static_cast<double>(q));
                m_left[k] += q;
                stock += q;
            }
            return;
        }
        if (lane < m_in.lanes.size() && m_actions) {
            const Lane &ln = m_in.lanes[lane];
            const int arrival = t + ln.transitDays;
            Units &stock = m_stock[static_cast<std::size_t>(ln.from)];
            Units most = arrival <= m_H ? stock : 0;
            if (ln.capacityPerDay != kUnlimited)
                most = std::min(most, ln.capacityPerDay);
            if (ln.lastShipDay != kUnlimitedDay && t > ln.lastShipDay)
                most = 0;
            // A lane ships on one day at most here (lanes with a limit ship on day 0),
            // so its reserve covers its first units and the rest counts on the limit.
            Units &shipped = m_shipped[static_cast<std::size_t>(ln.from)];
            const Units limit = m_in.locations[static_cast<std::size_t>(ln.from)].maxShipped;
            const Units reserve = ln.reservedForDestination;
            if (limit != kUnlimited)
                most = std::min(most, limit - shipped + reserve);
            for (Units q = 0; q <= most; ++q) {
                const Units fromLimit = std::max<Units>(0, q - reserve);
                stock -= q;
                shipped += fromLimit;
                if (q > 0)
                    at(m_arrive, ln.to, arrival) += q;
                decide(t, k, lane + 1,
                    cost + ln.costPerUnit * static_cast<double>(q)
                        + (q > 0 ? ln.fixedCostPerShipment : 0));
                if (q > 0)
                    at(m_arrive, ln.to, arrival) -= q;
                stock += q;
                shipped -= fromLimit;
            }
            return;
        }
        if (t < m_H)
            for (int l = 0; l < m_L; ++l) {
                const PlanLocation &p = m_in.locations[static_cast<std::size_t>(l)];
                const Units s = m_stock[static_cast<std::size_t>(l)];
                cost += p.holdingCostPerUnitDay * static_cast<double>(s);
                if (p.storage != kUnlimited && s > p.storage)
                    cost += p.overflowCostPerUnitDay * static_cast<double>(s - p.storage);
            }
        day(t + 1, cost);
    }

    const Input &m_in;
    std::vector<Units> m_shipped = std::vector<Units>(m_in.locations.size(), 0);
    const bool m_actions;
    const int m_H;
    const int m_L;
    std::vector<Units> m_arrive, m_booked, m_left, m_stock;
    double m_best = std::numeric_limits<double>::infinity();
};

} // namespace

class TestItemPlanExhaustive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void optimumMatchesExhaustiveSearch();
};

void TestItemPlanExhaustive::optimumMatchesExhaustiveSearch()
{
    Rng rng(4242);
    int acted = 0;
    for (int i = 0; i < 400; ++i) {
        const Input in = tinyInput(rng);
        const auto p = optimiseItemPlan(in);
        QVERIFY(p);
        const double best = Exhaustive(in, true).solve();
        const double idle = Exhaustive(in, false).solve();
        const QByteArray where = QByteArray("instance ") + QByteArray::number(i);
        QVERIFY2(near(p->modelCost, best),
            QByteArray(where + ": plan " + QByteArray::number(p->modelCost, 'f', 6)
                + ", exhaustive " + QByteArray::number(best, 'f', 6))
                .constData());
        QVERIFY2(near(p->cost, best), where.constData());
        QVERIFY2(near(p->doNothingCost, idle),
            QByteArray(where + ": do nothing " + QByteArray::number(p->doNothingCost, 'f', 6)
                + ", exhaustive " + QByteArray::number(idle, 'f', 6))
                .constData());
        QVERIFY2(replay(in, *p).problem.empty(), where.constData());
        acted += p->actions.empty() ? 0 : 1;
    }
    qInfo("%d of 400 tiny instances act", acted);
    QVERIFY(acted > 100);
}

QTEST_GUILESS_MAIN(TestItemPlanExhaustive)
#include "test_itemplan_exhaustive.moc"
