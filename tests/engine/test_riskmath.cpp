// The standard normal functions against printed table values, and the pinned risk
// block of SCORING.md on examples worked by hand (docs/scoring.md, "The risk block").

#include "engine/scoring/riskmath.h"

#include <QtTest/QtTest>

#include <cmath>
#include <limits>

using namespace engine;

class TestRiskMath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalTables_data();
    void normalTables();
    void lossIdentity();
    void lossFunctionInfinities();
    void expectedShortfallWithoutSpread();
    void riskWorkedExample();
    void riskWithLeadTimeSpread();
    void riskWithoutSpread();
    void orderQuantityRules();
    void fillRateGuards();
};

void TestRiskMath::normalTables_data()
{
    QTest::addColumn<double>("z");
    QTest::addColumn<double>("pdf");
    QTest::addColumn<double>("cdf");
    QTest::addColumn<double>("loss");
    // Values from standard normal and unit-loss tables (e.g. Silver, Pyke & Peterson,
    // "Inventory Management and Production Planning and Scheduling", table B.1).
    QTest::newRow("0") << 0.0 << 0.398942 << 0.500000 << 0.398942;
    QTest::newRow("0.5") << 0.5 << 0.352065 << 0.691462 << 0.197797;
    QTest::newRow("1") << 1.0 << 0.241971 << 0.841345 << 0.083316;
    QTest::newRow("1.96") << 1.96 << 0.058441 << 0.975002 << 0.009445;
    QTest::newRow("2") << 2.0 << 0.053991 << 0.977250 << 0.008491;
    QTest::newRow("-1") << -1.0 << 0.241971 << 0.158655 << 1.083316;
    QTest::newRow("-2") << -2.0 << 0.053991 << 0.022750 << 2.008491;
}

void TestRiskMath::normalTables()
{
    QFETCH(double, z);
    QFETCH(double, pdf);
    QFETCH(double, cdf);
    QFETCH(double, loss);
    QVERIFY2(
        std::abs(normalPdf(z) - pdf) < 1e-6, qPrintable(QString::number(normalPdf(z), 'g', 10)));
    QVERIFY2(
        std::abs(normalCdf(z) - cdf) < 1e-6, qPrintable(QString::number(normalCdf(z), 'g', 10)));
    QVERIFY(std::abs(normalTail(z) - (1.0 - cdf)) < 1e-6);
    QVERIFY2(
        std::abs(normalLoss(z) - loss) < 1e-6, qPrintable(QString::number(normalLoss(z), 'g', 10)));
}

void TestRiskMath::lossIdentity()
{
    // G(-z) = z + G(z) for every z: the shortfall below the mean grows one for one.
    for (double z : {0.1, 0.7, 1.3, 2.5, 4.0})
        QVERIFY(std::abs(normalLoss(-z) - (z + normalLoss(z))) < 1e-12);
    // Far in the right tail G stays a small non-negative number.
    QVERIFY(normalLoss(12.0) >= 0.0);
    QVERIFY(normalLoss(12.0) < 1e-30);
}

void TestRiskMath::lossFunctionInfinities()
{
    const double inf = std::numeric_limits<double>::infinity();
    QCOMPARE(normalLoss(inf), 0.0);
    QCOMPARE(normalLoss(-inf), inf);
    QCOMPARE(normalCdf(inf), 1.0);
    QCOMPARE(normalCdf(-inf), 0.0);
}

void TestRiskMath::expectedShortfallWithoutSpread()
{
    QCOMPARE(expectedShortfall(100.0, 0.0, 80.0), 20.0);
    QCOMPARE(expectedShortfall(100.0, 0.0, 120.0), 0.0);
    // With spread: mean 90, std 12, 78 available is z = -1: 12 x G(-1).
    QVERIFY(std::abs(expectedShortfall(90.0, 12.0, 78.0) - 12.0 * 1.083316) < 1e-5);
}

void TestRiskMath::riskWorkedExample()
{
    // docs/scoring.md, "The risk block": d = 10/day (std 4), L = 9 days (std 0),
    // IP = 78, no min-max: Q = max(1, 1, 10 x 9) = 90.
    //   mu = 10 x 9 = 90, sigma = sqrt(9 x 16 + 100 x 0) = 12, z = (78 - 90) / 12 = -1
    //   P(stockout) = 1 - Phi(-1) = 0.841345
    //   E[short] = 12 x G(-1) = 12 x 1.083316 = 12.999786
    //   fill rate = 1 - 12.999786 / 90 = 0.855558
    RiskInputs in;
    in.dailyDemand = 10;
    in.dailyDemandStd = 4;
    in.leadTimeDays = 9;
    in.leadTimeStdDays = 0;
    in.inventoryPosition = 78;
    in.orderQty = orderQuantity(kUnset, kUnset, 1, 1, 10, 9);
    QCOMPARE(in.orderQty, 90.0);
    const RiskFigures r = computeRisk(in);
    QVERIFY(r.defined);
    QCOMPARE(r.leadTimeDemandMean, 90.0);
    QCOMPARE(r.leadTimeDemandStd, 12.0);
    QCOMPARE(r.z, -1.0);
    QVERIFY(std::abs(r.stockoutProbability - 0.841345) < 1e-6);
    QVERIFY(std::abs(r.expectedUnitsShort - 12.999786) < 1e-5);
    QVERIFY(std::abs(r.fillRate - 0.855558) < 1e-6);
}

void TestRiskMath::riskWithLeadTimeSpread()
{
    // The example of SCORING.md: d = 33 (std 5), L = 14 (std 3), IP = 480, Q = 775.
    //   mu = 462, sigma = sqrt(14 x 25 + 1089 x 9) = sqrt(10151) = 100.752
    //   z = 18 / 100.752 = 0.1787, P = 1 - Phi(0.1787) = 0.4291
    //   G(0.1787) = 0.39262 - 0.1787 x 0.4291 = 0.31596, E = 31.83, fill = 0.9589
    RiskInputs in {33, 5, 14, 3, 480, 775};
    const RiskFigures r = computeRisk(in);
    QCOMPARE(r.leadTimeDemandMean, 462.0);
    QVERIFY(std::abs(r.leadTimeDemandStd - std::sqrt(10151.0)) < 1e-12);
    QVERIFY(std::abs(r.z - 0.17866) < 1e-4);
    QVERIFY(std::abs(r.stockoutProbability - 0.4291) < 1e-3);
    QVERIFY(std::abs(r.expectedUnitsShort - 31.83) < 0.02);
    QVERIFY(std::abs(r.fillRate - 0.9589) < 1e-3);
}

void TestRiskMath::riskWithoutSpread()
{
    // sigma = 0: demand over the lead time is certain (d = 10, L = 5, mu = 50).
    RiskInputs in {10, 0, 5, 0, 30, 50};
    RiskFigures r = computeRisk(in);
    QCOMPARE(r.leadTimeDemandStd, 0.0);
    QCOMPARE(r.stockoutProbability, 1.0);
    QCOMPARE(r.expectedUnitsShort, 20.0);
    QVERIFY(std::isinf(r.z) && r.z < 0);
    QCOMPARE(r.fillRate, 1.0 - 20.0 / 50.0);

    in.inventoryPosition = 50; // exactly the lead-time demand: no stockout
    r = computeRisk(in);
    QCOMPARE(r.stockoutProbability, 0.0);
    QCOMPARE(r.expectedUnitsShort, 0.0);
    QVERIFY(std::isinf(r.z) && r.z > 0);
    QCOMPARE(r.fillRate, 1.0);

    in.dailyDemand = 0; // no demand at all: sigma = 0 and mu = 0
    in.inventoryPosition = -5; // orders beyond stock
    r = computeRisk(in);
    QCOMPARE(r.stockoutProbability, 1.0);
    QCOMPARE(r.expectedUnitsShort, 5.0);
}

void TestRiskMath::orderQuantityRules()
{
    QCOMPARE(orderQuantity(100, 400, 1, 1, 10, 5), 300.0); // min-max wins
    QCOMPARE(orderQuantity(kUnset, 400, 1, 1, 10, 5), 50.0); // only one of them: d x L
    QCOMPARE(orderQuantity(kUnset, kUnset, 80, 24, 10, 5), 80.0); // MOQ
    QCOMPARE(orderQuantity(kUnset, kUnset, 1, 120, 10, 5), 120.0); // multiple
}

void TestRiskMath::fillRateGuards()
{
    // Q = 0 (order_up_to == reorder_point) must not divide by zero.
    RiskInputs in {10, 0, 5, 0, 30, 0};
    QCOMPARE(computeRisk(in).fillRate, 0.0);
    in.inventoryPosition = 100;
    QCOMPARE(computeRisk(in).fillRate, 1.0);
    // A shortfall larger than Q clamps to 0, never negative.
    in = {10, 0, 5, 0, 0, 10};
    QCOMPARE(computeRisk(in).fillRate, 0.0);
}

QTEST_GUILESS_MAIN(TestRiskMath)
#include "test_riskmath.moc"
