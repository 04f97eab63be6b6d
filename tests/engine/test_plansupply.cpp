// The item plan's supply as it really behaves: suppliers that run late or keep
// their promises only so often, and locations that can receive and hold only so
// much. Every expected figure is worked by hand in the comments (docs/scoring.md,
// "Suppliers as they behave" and "Capacity").

#include "scoringfixtures.h"

#include <QtTest/QtTest>

#include <string>

using namespace scoringtest;

class TestPlanSupply : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lateSupplierDoesNotBeatExpediting();
    void onTimeRecordDelaysAPurchase();
    void receivingCapacityBoundsTheTransfer();
    void transferIntoAFullLocationPaysItsOverflow();
    void lateTransferStillPaysAndCustomerServiceHears();
    void replenishmentCountsOnlyWhatArrivesInTime();
};

namespace {

/// X (cost 60, price 100) at DC1 with nothing on hand; SO-1 asks 50 units on day 5
/// for a tier-1 customer. SUP quotes 10 days (spread 2, on time 90%) and pulls a
/// receipt in by up to 4 days for 1 a unit. PO-1 (100 units) was promised for
/// `promisedDay` and is expected on day 16.
Snapshot lateSupplier(std::optional<int> promisedDay)
{
    Builder b;
    const Index dc1 = b.location("DC1");
    const Index x = b.item("X", 60, 100);
    const Index sup = b.supplier("SUP", 10, 2, 1.0, 4);
    b.itemLocation(x, dc1, 0, 0, 0, sup);
    const Index c = b.customer("C", 1);
    b.salesOrder("SO-1", 1, c, x, dc1, 50, -10, 5, 100);
    b.purchaseOrder("PO-1", 1, sup, x, dc1, 100, 16, promisedDay);
    Snapshot s = b.done();
    s.suppliers.onTimeRate[0] = 0.9;
    return s;
}

} // namespace

void TestPlanSupply::lateSupplierDoesNotBeatExpediting()
{
    // A planner facing a supplier 14 days late on the open PO does not expect a new
    // order from it to come in its quoted 10 days: it would land on day 10 + 14 = 24,
    // later than the PO itself. Its record (0.1 x 2 = 0.2 days) is the smaller delay.
    // So the plan pulls PO-1 in by 4 days to day 12, and only the 50 units SO-1 needs:
    // 50 x 1 = 50. Each day saved is worth 2% of 100 (tier 1) + 40/28 of lost margin
    // a unit, and nothing else reaches SO-1 sooner.
    const RankedRecords late = rankedRecords(lateSupplier(2), Policy {});
    const ExceptionRecord *e = find(late, "shortage:X@DC1");
    QVERIFY(e);
    QVERIFY(!e->recommendations.empty());
    const Recommendation &top = e->recommendations.front();
    QCOMPARE(top.action, Action::Expedite);
    QCOMPARE(top.newExpectedDate, kAsOf + 12);
    VERIFY_NEAR(top.qty, 50.0);
    VERIFY_NEAR(top.cost, 50.0);
    QVERIFY(top.inPlan);
    QVERIFY(!firstOf(*e, Action::Purchase));

    // The same PO without a promised date says nothing of lateness now; the record's
    // 0.2 days round to none. A new order then lands on day 10, two days before the
    // expedite could, and those 2 days x 50 units x (2 + 40/28) = 342.86 pay for the
    // order (50) and its holding (50 x 60 x 0.25 x 28/365 = 57.53): the plan buys.
    const RankedRecords onTime = rankedRecords(lateSupplier(std::nullopt), Policy {});
    const ExceptionRecord *e2 = find(onTime, "shortage:X@DC1");
    QVERIFY(e2);
    QVERIFY(!e2->recommendations.empty());
    const Recommendation &buy = e2->recommendations.front();
    QCOMPARE(buy.action, Action::Purchase);
    QCOMPARE(buy.arrivalDate, kAsOf + 10);
    QVERIFY(buy.inPlan);
}

void TestPlanSupply::onTimeRecordDelaysAPurchase()
{
    // No open PO: only the record speaks. SUP2 quotes 10 days with a 4-day spread and
    // delivers on time half the time: a late half is typically 4 days late, so a new
    // order is planned 0.5 x 4 = 2 days after the quote, on day 12. SO-1 (50 units,
    // due day 20) is still served in time.
    Builder b;
    const Index dc1 = b.location("DC1");
    const Index x = b.item("X", 60, 100);
    const Index sup = b.supplier("SUP2", 10, 4);
    b.itemLocation(x, dc1, 0, 0, 0, sup);
    const Index c = b.customer("C", 2);
    b.salesOrder("SO-1", 1, c, x, dc1, 50, -1, 20, 100);
    Snapshot s = b.done();
    s.suppliers.onTimeRate[0] = 0.5;
    const RankedRecords r = rankedRecords(s, Policy {});
    const ExceptionRecord *e = find(r, "shortage:X@DC1");
    QVERIFY(e);
    const Recommendation *buy = firstOf(*e, Action::Purchase);
    QVERIFY(buy);
    QCOMPARE(buy->arrivalDate, kAsOf + 12);
    QVERIFY(buy->feasible);
    QVERIFY2(buy->text.find("the 10-day lead time and 2 days its on-time record adds")
            != std::string::npos,
        buy->text.c_str());

    // Without an on-time rate the quote stands: day 10.
    s.suppliers.onTimeRate[0] = kUnset;
    const RankedRecords quoted = rankedRecords(s, Policy {});
    const Recommendation *buy2 = firstOf(*find(quoted, "shortage:X@DC1"), Action::Purchase);
    QVERIFY(buy2);
    QCOMPARE(buy2->arrivalDate, kAsOf + 10);
}

namespace {

/// X (cost 60, price 100): DC1 holds none and owes a tier-1 customer 100 units on
/// day `dueDay`; DC2 holds 500 it does not need, one day away at 1 a unit.
Builder transferCase(int qty, int dueDay)
{
    Builder b;
    const Index dc1 = b.location("DC1", 1000);
    const Index dc2 = b.location("DC2");
    const Index x = b.item("X", 60, 100);
    b.itemLocation(x, dc1, 0, 0);
    b.itemLocation(x, dc2, 500, 0);
    b.lane(dc2, dc1, 1, 1.0);
    const Index c = b.customer("C", 1);
    b.salesOrder("SO-1", 1, c, x, dc1, qty, -1, dueDay, 100);
    return b;
}

} // namespace

void TestPlanSupply::receivingCapacityBoundsTheTransfer()
{
    // DC1's dock takes 60 units a day. A transfer ships today and arrives tomorrow, so
    // only 60 of the 100 can come in: the plan moves 60, and customer service hears
    // about the other 40.
    Builder b = transferCase(100, 2);
    Snapshot s = b.done();
    s.locations.inboundCapacityPerDay[0] = 60;
    const RankedRecords r = rankedRecords(s, Policy {});
    const ExceptionRecord *e = find(r, "shortage:X@DC1");
    QVERIFY(e);
    const Recommendation *t = firstOf(*e, Action::Transfer);
    QVERIFY(t);
    VERIFY_NEAR(t->qty, 60.0);
    VERIFY_NEAR(t->cost, 60.0);
    const Recommendation *notice = firstOf(*e, Action::NotifyCustomerService);
    QVERIFY(notice);
    VERIFY_NEAR(notice->qty, 40.0);

    // With no limit it moves all 100.
    s.locations.inboundCapacityPerDay[0] = kUnset;
    const RankedRecords open = rankedRecords(s, Policy {});
    const Recommendation *all = firstOf(*find(open, "shortage:X@DC1"), Action::Transfer);
    QVERIFY(all);
    VERIFY_NEAR(all->qty, 100.0);
}

void TestPlanSupply::transferIntoAFullLocationPaysItsOverflow()
{
    // DC1 can hold 1,000 units and already holds 1,200 of item Y: X has no room. The
    // 20 units due on day 5 arrive on day 1 and wait 4 nights beyond the capacity, at
    // the policy's overflow rate of 5% of their value over the 28-day horizon:
    // 20 x 4 x 60 x 0.05 / 28 = 8.57 on top of the lane's 20. Still far cheaper than
    // the late order, so the plan ships and says why the transfer costs 28.57.
    Builder b = transferCase(20, 5);
    const Index y = b.item("Y", 1, 2);
    b.itemLocation(y, 0, 1200, 0);
    const Snapshot &s = b.done();
    const RankedRecords r = rankedRecords(s, Policy {});
    const ExceptionRecord *e = find(r, "shortage:X@DC1");
    QVERIFY(e);
    const Recommendation *t = firstOf(*e, Action::Transfer);
    QVERIFY(t);
    VERIFY_NEAR(t->qty, 20.0);
    QVERIFY2(
        near(t->cost, 20.0 + 20.0 * 4 * 60 * 0.05 / 28, 1e-3), std::to_string(t->cost).c_str());
    QVERIFY2(t->text.find("DC1 holds 1,200 units of all items against a storage capacity of "
                          "1,000: 8.57 USD of the cost is holding these units beyond it.")
            != std::string::npos,
        t->text.c_str());
    QVERIFY(near(e->canSave, e->score - t->cost, 1e-3));

    // With room for them, the transfer costs the lane's 20 alone.
    Snapshot roomy = s;
    roomy.locations.storageCapacity[0] = 5000;
    const RankedRecords r2 = rankedRecords(roomy, Policy {});
    const Recommendation *t2 = firstOf(*find(r2, "shortage:X@DC1"), Action::Transfer);
    QVERIFY(t2);
    VERIFY_NEAR(t2->cost, 20.0);
    QVERIFY(t2->text.find("storage capacity") == std::string::npos);
}

void TestPlanSupply::lateTransferStillPaysAndCustomerServiceHears()
{
    // X at DC1 owes a tier-1 customer 20 units on day 2 with nothing on hand; PO-1 from
    // SUP (no expedite) brings 100 on day 20. DC2, 5 days away at 1 a unit, can spare
    // them: they arrive on day 5, 3 days after the due date but 15 days before the
    // receipt. Each of those 15 days costs 2% of 100 + 40/28 a unit: the transfer (20)
    // saves 20 x 15 x 3.43 = 1,028.57. It is the plan's action, not feasible (late), and
    // customer service hears of the 3 days the customer still waits.
    Builder b = transferCase(20, 2);
    const Index sup = b.supplier("SUP", 30);
    b.purchaseOrder("PO-1", 1, sup, 0, 0, 100, 20);
    Snapshot s = b.done();
    s.lanes.transitDays[0] = 5;
    const RankedRecords r = rankedRecords(s, Policy {});
    const ExceptionRecord *e = find(r, "shortage:X@DC1");
    QVERIFY(e);
    QCOMPARE(e->recommendations.size(), std::size_t(2));
    const Recommendation &t = e->recommendations[0];
    QCOMPARE(t.action, Action::Transfer);
    QVERIFY(t.inPlan && !t.feasible);
    QCOMPARE(t.arrivalDate, kAsOf + 5);
    VERIFY_NEAR(t.qty, 20.0);
    VERIFY_NEAR(t.cost, 20.0);
    QVERIFY(near(t.benefit, 20 * 15 * (2.0 + 40.0 / 28), 1e-3));
    QCOMPARE(e->topRecommendation(), &t);
    const Recommendation &n = e->recommendations[1];
    QCOMPARE(n.action, Action::NotifyCustomerService);
    QCOMPARE(n.orderLines.size(), std::size_t(1));
    VERIFY_NEAR(n.orderLines[0].qty, 20.0);
}

namespace {

/// Y (cost 50, price 80) at ST, 2 a day, nothing on hand, bought from a supplier
/// quoting `leadTime` days; DC holds 300 it does not need, `transit` days away.
Snapshot storeCase(double leadTime, double transit)
{
    Builder b;
    const Index st = b.location("ST");
    const Index dc = b.location("DC");
    const Index y = b.item("Y", 50, 80);
    const Index sup = b.supplier("SUP", leadTime);
    b.itemLocation(y, st, 0, 2, 0, sup);
    b.itemLocation(y, dc, 300, 0);
    b.lane(dc, st, transit, 1.0);
    return b.done();
}

} // namespace

void TestPlanSupply::replenishmentCountsOnlyWhatArrivesInTime()
{
    // The store has nothing on hand and sells 2 a day: doing nothing, it is short from
    // day 0 to the horizon end, 56 units. Whatever lands on day a avoids only the share
    // (28 - a) / 28 of what its units would avoid on day 0: the sales before it lands
    // are lost.
    // The store's supplier needs 40 days, beyond the 28-day horizon: an order placed
    // today avoids nothing within it, so it is not recommended at all (it would only
    // cost holding). The DC's spare stock arrives on day 5; Q = 2 x 40 = 80 units cover
    // the horizon's 56, so they avoid 23/28 of the whole exposure.
    const RankedRecords far = rankedRecords(storeCase(40, 5), Policy {});
    const ExceptionRecord *e = find(far, "replenishment:Y@ST");
    QVERIFY(e);
    QVERIFY(!firstOf(*e, Action::Purchase));
    const Recommendation *t = firstOf(*e, Action::Transfer);
    QVERIFY(t);
    QVERIFY(t->qty >= 56);
    QVERIFY(near(t->benefit, e->score * 23 / 28, 1e-6));

    // With a 10-day supplier, the same transfer taking 20 days instead of 5 avoids
    // (28 - 20) / (28 - 5) = 8/23 of what it avoids on day 5.
    const RankedRecords quick = rankedRecords(storeCase(10, 5), Policy {});
    const RankedRecords slow = rankedRecords(storeCase(10, 20), Policy {});
    const ExceptionRecord *q = find(quick, "replenishment:Y@ST");
    QVERIFY(q);
    const Recommendation *t5 = firstOf(*q, Action::Transfer);
    const Recommendation *t20 = firstOf(*find(slow, "replenishment:Y@ST"), Action::Transfer);
    QVERIFY(t5 && t20);
    QCOMPARE(t20->qty, t5->qty);
    QVERIFY(t5->benefit > 0);
    QVERIFY(near(t20->benefit, t5->benefit * 8 / 23, 1e-6));
    // The 10-day purchase lands on day 10: it too misses the first 10 days' sales, so it
    // avoids at most 18/28 of the exposure, and less than the same quantity on day 5.
    const Recommendation *buy = firstOf(*q, Action::Purchase);
    QVERIFY(buy);
    QCOMPARE(buy->arrivalDate, kAsOf + 10);
    QVERIFY(buy->benefit > 0);
    QVERIFY(buy->benefit <= q->score * 18 / 28 + 1e-9);
    if (buy->qty == t5->qty)
        QVERIFY(near(buy->benefit, t5->benefit * 18 / 23, 1e-6));
}

QTEST_GUILESS_MAIN(TestPlanSupply)
#include "test_plansupply.moc"
