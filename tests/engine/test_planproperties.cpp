// Properties of the recommendations on generated snapshots of several shapes, as a
// planner would check them: no location gives away more than it holds across the
// item plan's transfers, no recommendation loses money, every action of a plan saves
// something, what acting can save stays within the score, and the numbers do not
// depend on how many threads scored them.

#include "engine/scoring/scoring.h"
#include "generatedsnapshot.h"
#include "rankedrecords.h"

#include <QtTest/QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

using namespace Qt::StringLiterals;

using testsupport::generated;

class TestPlanProperties : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recommendationsHoldUp_data();
    void recommendationsHoldUp();
};

void TestPlanProperties::recommendationsHoldUp_data()
{
    QTest::addColumn<int>("items");
    QTest::addColumn<int>("locations");
    QTest::addColumn<int>("seed");
    QTest::newRow("600 x 6, seed 11") << 600 << 6 << 11;
    QTest::newRow("400 x 4, seed 3") << 400 << 4 << 3;
    QTest::newRow("300 x 10, seed 29") << 300 << 10 << 29;
}

void TestPlanProperties::recommendationsHoldUp()
{
    QFETCH(int, items);
    QFETCH(int, locations);
    QFETCH(int, seed);
    QTemporaryDir dir;
    const engine::ParseResult parsed
        = generated(dir.filePath(u"snapshot"_s), items, locations, std::uint64_t(seed));
    QVERIFY(parsed.ok());
    const engine::Snapshot &snap = parsed.snapshot;
    const auto ranked = testsupport::rankedRecords(snap, engine::Policy {}, {}, 2);
    QVERIFY(ranked.exceptions.size() > 100);

    // Units the item plans take from each (item, location) by transfer.
    std::map<std::pair<engine::Index, std::string>, double> shipped;
    int planActions = 0, shortages = 0, shortagesActing = 0;
    for (const engine::ExceptionRecord &e : ranked.exceptions) {
        double sum = 0;
        for (const engine::Factor &f : e.factors)
            sum += f.value();
        QCOMPARE(e.score, sum);
        QVERIFY2(e.canSave >= 0 && e.canSave <= e.score, e.id.c_str());
        if (e.type == engine::ExceptionType::Shortage) {
            ++shortages;
            shortagesActing += !e.recommendations.empty() && e.recommendations.front().inPlan;
        }
        for (const engine::Recommendation &r : e.recommendations) {
            QVERIFY2(r.netBenefit() >= -0.005, (e.id + ": " + r.text).c_str());
            if (!r.inPlan)
                continue;
            QVERIFY2(r.benefit > 0, (e.id + ": " + r.text).c_str());
            if (e.type == engine::ExceptionType::Shortage) {
                ++planActions;
                if (r.action == engine::Action::Transfer)
                    shipped[{e.item, r.fromLocationId}] += r.qty;
            }
        }
    }
    for (const auto &[key, qty] : shipped) {
        const engine::Index location = snap.locations.ids.find(key.second);
        const engine::Index il = snap.itemLocation(key.first, location);
        QVERIFY(il != engine::kNone);
        const double allocated = engine::isSet(snap.itemLocations.allocated[std::size_t(il)])
            ? snap.itemLocations.allocated[std::size_t(il)]
            : 0.0;
        const double free = snap.itemLocations.onHand[std::size_t(il)] - allocated;
        QVERIFY2(qty <= std::floor(free + 1e-9),
            qPrintable(QStringLiteral("%1 at %2: %3 shipped of %4 on hand")
                           .arg(QString::fromStdString(snap.items.ids.at(key.first)),
                               QString::fromStdString(key.second))
                           .arg(qty)
                           .arg(free)));
    }
    qInfo("%d shortages, %d acted on by their item plan (%d plan actions), %d sources", shortages,
        shortagesActing, planActions, int(shipped.size()));
    QVERIFY(planActions > 0);

    // The same numbers on one thread as on several.
    const auto one = engine::score(snap, engine::Policy {}, {}, 1);
    QCOMPARE(one.exceptions.size(), ranked.summary.exceptions.size());
    for (std::size_t i = 0; i < one.exceptions.size(); ++i) {
        const auto &a = one.exceptions[i];
        const auto &b = ranked.summary.exceptions[i];
        QVERIFY(std::tie(a.itemLocation, a.type, a.score, a.canSave, a.action, a.actionFeasible)
            == std::tie(b.itemLocation, b.type, b.score, b.canSave, b.action, b.actionFeasible));
    }
}

QTEST_GUILESS_MAIN(TestPlanProperties)
#include "test_planproperties.moc"
