#pragma once
// Shared by the scoring tests: a builder of tiny snapshots in code, with the
// format's defaults, lookups into ranked records, and the scenarios whose figures
// the tests work out by hand.

#include "engine/scoring/scoring.h"
#include "rankedrecords.h"

#include <QtTest/QtTest>

#include <cmath>
#include <limits>
#include <string>

namespace scoringtest {

using namespace engine;
using testsupport::RankedRecords;
using testsupport::rankedRecords;

constexpr double kTol = 1e-6;
inline const Date kAsOf = *parseDate("2026-11-28");

/// Builds a Snapshot row by row with the format's defaults; offsets are days from as_of.
class Builder
{
public:
    Builder()
    {
        s.manifest.format = "erp-snapshot/1";
        s.manifest.snapshotId = "TEST";
        s.manifest.asOf = kAsOf;
        s.manifest.currency = "USD";
    }

    Index location(const std::string &id, double storageCapacity = kUnset)
    {
        auto &l = s.locations;
        const Index i = l.ids.intern(id);
        l.name.push_back(id);
        l.type.push_back(LocationType::Dc);
        l.region.emplace_back();
        l.storageCapacity.push_back(storageCapacity);
        l.inboundCapacityPerDay.push_back(kUnset);
        return i;
    }

    Index item(const std::string &id, double cost, double price, char abc = 0,
        double shelfLife = kUnset, const std::string &group = {})
    {
        auto &it = s.items;
        const Index i = it.ids.intern(id);
        it.description.push_back(id);
        it.unitCost.push_back(cost);
        it.unitPrice.push_back(price);
        it.abcClass.push_back(abc);
        it.shelfLifeDays.push_back(shelfLife);
        it.substituteGroup.push_back(group.empty() ? kNone : s.substituteGroups.intern(group));
        return i;
    }

    Index supplier(const std::string &id, double leadTime, double leadTimeStd = 0,
        double expediteCost = kUnset, double expediteMaxDays = 0)
    {
        auto &su = s.suppliers;
        const Index i = su.ids.intern(id);
        su.name.push_back(id);
        su.leadTimeDays.push_back(leadTime);
        su.leadTimeStdDays.push_back(leadTimeStd);
        su.onTimeRate.push_back(kUnset);
        su.expediteCostPerUnit.push_back(expediteCost);
        su.expediteMaxDays.push_back(expediteMaxDays);
        return i;
    }

    Index customer(const std::string &id, int tier, double penalty = kUnset)
    {
        auto &c = s.customers;
        const Index i = c.ids.intern(id);
        c.name.push_back(id);
        c.tier.push_back(static_cast<std::uint8_t>(tier));
        c.latePenaltyPerUnitDay.push_back(penalty);
        return i;
    }

    /// Returns the row so a test can set the less common columns directly.
    Index itemLocation(Index item, Index loc, double onHand, double demand, double demandStd = 0,
        Index supplier = kNone)
    {
        auto &r = s.itemLocations;
        r.item.push_back(item);
        r.location.push_back(loc);
        r.onHand.push_back(onHand);
        r.allocated.push_back(0);
        r.safetyStock.push_back(0);
        r.reorderPoint.push_back(kUnset);
        r.orderUpTo.push_back(kUnset);
        r.dailyDemand.push_back(demand);
        r.dailyDemandStd.push_back(demandStd);
        r.supplier.push_back(supplier);
        r.sourceLocation.push_back(kNone);
        r.leadTimeDays.push_back(kUnset);
        r.leadTimeStdDays.push_back(kUnset);
        r.minOrderQty.push_back(1);
        r.orderMultiple.push_back(1);
        r.lastCountDate.push_back(kNoDate);
        r.countVarianceRate.push_back(kUnset);
        return r.size() - 1;
    }

    void salesOrder(const std::string &id, int line, Index customer, Index item, Index loc,
        double qty, int orderDay, int dueDay, double price)
    {
        auto &o = s.salesOrders;
        o.orderId.push_back(id);
        o.line.push_back(line);
        o.customer.push_back(customer);
        o.item.push_back(item);
        o.location.push_back(loc);
        o.qtyOpen.push_back(qty);
        o.orderDate.push_back(kAsOf + orderDay);
        o.dueDate.push_back(kAsOf + dueDay);
        o.unitPrice.push_back(price);
    }

    void purchaseOrder(const std::string &id, int line, Index supplier, Index item, Index loc,
        double qty, int expectedDay, std::optional<int> promisedDay = std::nullopt)
    {
        auto &p = s.purchaseOrders;
        p.poId.push_back(id);
        p.line.push_back(line);
        p.supplier.push_back(supplier);
        p.item.push_back(item);
        p.location.push_back(loc);
        p.qtyOpen.push_back(qty);
        p.orderDate.push_back(kNoDate);
        p.expectedDate.push_back(kAsOf + expectedDay);
        p.promisedDate.push_back(promisedDay ? kAsOf + *promisedDay : kNoDate);
        p.status.push_back(PoStatus::Open);
    }

    void transfer(const std::string &id, Index item, Index from, Index to, double qty,
        std::optional<int> shipDay, int expectedDay)
    {
        auto &t = s.transfers;
        t.transferId.push_back(id);
        t.item.push_back(item);
        t.fromLocation.push_back(from);
        t.toLocation.push_back(to);
        t.qty.push_back(qty);
        t.shipDate.push_back(shipDay ? kAsOf + *shipDay : kNoDate);
        t.expectedDate.push_back(kAsOf + expectedDay);
    }

    void forecast(Index item, Index loc, int day, double qty)
    {
        auto &f = s.forecast;
        f.item.push_back(item);
        f.location.push_back(loc);
        f.date.push_back(kAsOf + day);
        f.qty.push_back(qty);
    }

    void lane(Index from, Index to, double transit, double costPerUnit, double fixed = 0)
    {
        auto &l = s.lanes;
        l.from.push_back(from);
        l.to.push_back(to);
        l.transitDays.push_back(transit);
        l.costPerUnit.push_back(costPerUnit);
        l.fixedCost.push_back(fixed);
        l.capacityPerDay.push_back(kUnset);
        l.active.push_back(1);
    }

    Snapshot &done()
    {
        s.index();
        return s;
    }

    Snapshot s;
};

inline const ExceptionRecord *find(const RankedRecords &r, const std::string &id)
{
    for (const ExceptionRecord &e : r.exceptions) {
        if (e.id == id)
            return &e;
    }
    return nullptr;
}

inline const Factor *factor(const ExceptionRecord &e, FactorKind kind)
{
    for (const Factor &f : e.factors) {
        if (f.kind == kind)
            return &f;
    }
    return nullptr;
}

/// The input `name` of a factor's detail; NaN when it is absent.
inline double detailOf(const Factor &f, const std::string &name)
{
    for (const auto &[key, value] : f.detail) {
        if (key == name)
            return value;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

inline double factorValue(const ExceptionRecord &e, FactorKind kind)
{
    const Factor *f = factor(e, kind);
    return f ? f->value() : 0.0;
}

inline const Recommendation *firstOf(const ExceptionRecord &e, Action action)
{
    for (const Recommendation &r : e.recommendations) {
        if (r.action == action)
            return &r;
    }
    return nullptr;
}

inline bool near(double a, double b, double tol = kTol)
{
    return std::abs(a - b) <= tol;
}

#define VERIFY_NEAR(actual, expected)                                                              \
    QVERIFY2(near((actual), (expected)),                                                           \
        qPrintable(QStringLiteral("%1 = %2, expected %3")                                          \
                       .arg(QString::fromUtf8(#actual))                                            \
                       .arg((actual), 0, 'g', 12)                                                  \
                       .arg((expected), 0, 'g', 12)))

/// Scenario A: a shortage at DC1 with a transfer, an expedite, a late purchase and a
/// too-slow transfer on offer; DC2 holds excess of the same item.
inline Snapshot scenarioA()
{
    Builder b;
    const Index dc1 = b.location("DC1"), dc2 = b.location("DC2"), dc3 = b.location("DC3");
    const Index x = b.item("X", 60, 100); // margin 40
    const Index sup = b.supplier("SUP", 10, 0, 1.5, 5); // expedites up to 5 days at 1.50/unit
    const Index c1 = b.customer("C1", 1), c2 = b.customer("C2", 2);
    b.itemLocation(x, dc1, 50, 0, 0, sup);
    b.itemLocation(x, dc2, 200, 0, 0, sup);
    b.itemLocation(x, dc3, 300, 0);
    b.salesOrder("SO-1", 1, c1, x, dc1, 30, -4, 2, 100);
    b.salesOrder("SO-2", 1, c2, x, dc1, 40, -3, 2, 100);
    b.purchaseOrder("PO-1", 1, sup, x, dc1, 100, 6);
    b.lane(dc2, dc1, 1, 2, 10);
    b.lane(dc3, dc1, 5, 1);
    return b.done();
}

/// Scenario F: a shortage best served by a substitute; the substitute's location has a
/// stale, error-prone count.
inline Snapshot scenarioF()
{
    Builder b;
    const Index dc1 = b.location("DC1");
    const Index p = b.item("P", 5, 8, 0, kUnset, "G");
    const Index p2 = b.item("P2", 6, 9, 0, kUnset, "G");
    const Index sup = b.supplier("SUP2", 2);
    const Index c = b.customer("C", 2);
    b.itemLocation(p, dc1, 0, 0, 0, sup);
    const Index il2 = b.itemLocation(p2, dc1, 100, 1);
    b.s.itemLocations.countVarianceRate[il2] = 0.2;
    b.s.itemLocations.lastCountDate[il2] = kAsOf - 200;
    b.salesOrder("SO-F", 1, c, p, dc1, 10, -1, 5, 8);
    return b.done();
}

} // namespace scoringtest
