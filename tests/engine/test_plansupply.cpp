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

QTEST_GUILESS_MAIN(TestPlanSupply)
#include "test_plansupply.moc"
