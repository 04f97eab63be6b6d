// The item plan's optimum against an independent solver: GLPK's glpsol reads the
// model toCplexLp() writes (an LP, or a MIP when there are fixed costs) and must
// find the same optimum on hundreds of random instances. glpsol comes with the
// Debian package glpk-utils (packaging/bootstrap.sh installs it); without it this
// test fails rather than passing untested.

#include "glpsolrun.h"
#include "itemplanfixtures.h"

#include "engine/planning/itemplan.h"

#include <QtTest/QtTest>

#include <QStandardPaths>
#include <QTemporaryDir>

using namespace engine::planning;
using namespace itemplantest;

using glpsoltest::GlpkResult;
using glpsoltest::runGlpsol;

class TestItemPlanGlpk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void lpFileIsReadable();
    void optimumMatchesGlpsol();

private:
    QString m_glpsol;
    QTemporaryDir m_dir;
};

void TestItemPlanGlpk::initTestCase()
{
    m_glpsol = QStandardPaths::findExecutable(QStringLiteral("glpsol"));
    QVERIFY2(!m_glpsol.isEmpty(),
        "glpsol is not on PATH: install the Debian package glpk-utils "
        "(bash packaging/bootstrap.sh build does)");
    QVERIFY(m_dir.isValid());
}

// A two-location instance with every kind of arc: the file names its variables after
// what they are, so a planner can read glpsol's answer.
void TestItemPlanGlpk::lpFileIsReadable()
{
    Input in;
    in.horizonDays = 3;
    in.locations = {{.onHand = 5,
                        .receivingPerDay = 10,
                        .storage = 4,
                        .holdingCostPerUnitDay = 0.1,
                        .overflowCostPerUnitDay = 1},
        {}};
    in.receipts = {{.location = 1,
        .expectedDay = 5,
        .qty = 8,
        .expedites = {{.day = 1, .costPerUnit = 0.75, .maxQty = 4}},
        .ref = 1}};
    in.purchases = {{.location = 1, .arrivalDay = 2, .costPerUnit = 3, .fixedCost = 12.5}};
    in.lanes = {{.from = 0, .to = 1, .transitDays = 1, .costPerUnit = 0.25, .capacityPerDay = 3}};
    in.demands = {{.location = 1,
        .dueDay = -2,
        .qty = 9,
        .unservedCostPerUnit = 40,
        .lateCostPerUnitDay = 1.5}};
    const auto lp = toCplexLp(in);
    QVERIFY(lp);
    for (const char *name : {"hold_l0_d0", "over_l0_d0", "lane0_d1", "exp0_o0", "po0_after", "buy0",
             "y_buy0", "serve0_d2", "unserved0", "left_l1", "recv_l0_d1"})
        QVERIFY2(lp->find(name) != std::string::npos, name);
    QVERIFY(lp->find(" + 12.5 y_buy0") != std::string::npos);
    QVERIFY(lp->find(" + 3 serve0_d2") != std::string::npos); // 1.50 x 2 days late
    const GlpkResult r = runGlpsol(m_glpsol, m_dir.path(), *lp);
    QVERIFY2(r.optimal, qPrintable(r.log));
    QVERIFY(r.mip);
    const auto p = optimiseItemPlan(in);
    QVERIFY(p);
    QVERIFY2(near(p->modelCost, r.objective),
        qPrintable(
            QString::number(p->modelCost) + QStringLiteral(" vs ") + QString::number(r.objective)));
}

void TestItemPlanGlpk::optimumMatchesGlpsol()
{
    Rng rng(7031);
    Shape shape;
    shape.maxHorizon = 10;
    shape.laneFixedChance = 0.25;
    int mips = 0, withActions = 0, binding = 0;
    for (int i = 0; i < 320; ++i) {
        const Input in = randomInput(rng, shape);
        const auto lp = toCplexLp(in);
        QVERIFY(lp);
        const auto p = optimiseItemPlan(in);
        QVERIFY(p);
        QVERIFY(p->optimal);
        const GlpkResult r = runGlpsol(m_glpsol, m_dir.path(), *lp);
        const QString where = QStringLiteral("instance %1: ").arg(i);
        QVERIFY2(r.optimal, qPrintable(where + r.log));
        QVERIFY2(near(p->modelCost, r.objective),
            qPrintable(where + QString::number(p->modelCost, 'f', 6) + QStringLiteral(" (plan) vs ")
                + QString::number(r.objective, 'f', 6) + QStringLiteral(" (glpsol)")));
        mips += r.mip ? 1 : 0;
        withActions += p->actions.empty() ? 0 : 1;
        for (const Lane &ln : in.lanes)
            if (ln.capacityPerDay != kUnlimited)
                for (const Action &a : p->actions)
                    if (a.kind == ActionKind::Transfer && a.qty == ln.capacityPerDay
                        && in.lanes[static_cast<std::size_t>(a.index)].capacityPerDay == a.qty)
                        ++binding;
    }
    qInfo("%d instances with fixed costs (MIP), %d with actions, %d full lane-days", mips,
        withActions, binding);
    QVERIFY(mips > 100);
    QVERIFY(withActions > 100);
    QVERIFY(binding > 20);
}

QTEST_GUILESS_MAIN(TestItemPlanGlpk)
#include "test_itemplan_glpk.moc"
