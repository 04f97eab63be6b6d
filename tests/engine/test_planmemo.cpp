// Item plans kept from one run to the next (engine/planning/planmemo.h): a kept plan
// reads back as it was solved, a damaged or misfitting one is never used, the key
// follows every field of the input, and a run that reuses the last run's plans ranks
// exactly the same queue as one that solves them all.

#include "engine/planning/planmemo.h"
#include "engine/scoring/scoring.h"
#include "generatedsnapshot.h"
#include "itemplanfixtures.h"

#include <QtTest/QtTest>

#include <cmath>
#include <memory>
#include <set>

using namespace Qt::StringLiterals;
using namespace engine::planning;

namespace {

/// Where two summaries differ (every field), or empty.
QString difference(const engine::ExceptionSummary &a, const engine::ExceptionSummary &b)
{
    const bool sameCost
        = a.actionCost == b.actionCost || (std::isnan(a.actionCost) && std::isnan(b.actionCost));
    if (a.type != b.type || a.itemLocation != b.itemLocation || a.item != b.item
        || a.location != b.location)
        return u"exception"_s;
    if (a.supplier != b.supplier || a.rank != b.rank || a.needDate != b.needDate)
        return u"supplier, rank or need date"_s;
    if (a.score != b.score || a.amounts != b.amounts || a.topFactor != b.topFactor)
        return u"score or factors"_s;
    if (a.action != b.action || a.worstTier != b.worstTier || a.actionFeasible != b.actionFeasible
        || !sameCost || a.canSave != b.canSave)
        return u"action or can save"_s;
    return {};
}

} // namespace

class TestPlanMemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plansReadBackAsSolved();
    void damagedOrMisfittingPlansAreMisses();
    void keyFollowsEveryField();
    void runWithKeptPlansRanksTheSameQueue();
};

void TestPlanMemo::plansReadBackAsSolved()
{
    itemplantest::Rng rng(7);
    const itemplantest::Shape shape;
    int withActions = 0;
    for (int i = 0; i < 300; ++i) {
        const Input input = itemplantest::randomInput(rng, shape);
        const auto plan = optimiseItemPlan(input);
        QVERIFY(plan);
        const std::string bytes = encodePlan(*plan);
        const std::optional<Plan> back = decodePlan(bytes, input);
        QVERIFY2(back, qPrintable(u"instance %1"_s.arg(i)));
        // Every field: the bytes of the plan read back are the bytes written.
        QCOMPARE(encodePlan(*back), bytes);
        QCOMPARE(back->cost, plan->cost);
        QCOMPARE(back->doNothingCost, plan->doNothingCost);
        QCOMPARE(back->actions.size(), plan->actions.size());
        for (std::size_t a = 0; a < plan->actions.size(); ++a) {
            QCOMPARE(back->actions[a].qty, plan->actions[a].qty);
            QCOMPARE(back->actions[a].serves.size(), plan->actions[a].serves.size());
        }
        QCOMPARE(back->demands.size(), input.demands.size());
        withActions += plan->actions.empty() ? 0 : 1;
    }
    // The instances must exercise actions, not only do-nothing plans.
    QVERIFY(withActions > 50);
}

void TestPlanMemo::damagedOrMisfittingPlansAreMisses()
{
    itemplantest::Rng rng(19);
    const itemplantest::Shape shape;
    int checked = 0;
    for (int i = 0; i < 40; ++i) {
        const Input input = itemplantest::randomInput(rng, shape);
        const auto plan = optimiseItemPlan(input);
        QVERIFY(plan);
        if (plan->actions.empty())
            continue;
        const std::string bytes = encodePlan(*plan);
        // Any one byte changed, or the bytes cut short: never a plan.
        for (std::size_t pos = 0; pos < bytes.size(); ++pos) {
            std::string damaged = bytes;
            damaged[pos] = static_cast<char>(damaged[pos] ^ 0x10);
            QVERIFY2(!decodePlan(damaged, input), qPrintable(u"byte %1"_s.arg(pos)));
        }
        QVERIFY(!decodePlan(std::string_view(bytes).substr(0, bytes.size() / 2), input));
        QVERIFY(!decodePlan({}, input));
        // The plan of another input: one demand line fewer, or no lanes where it ships.
        Input fewer = input;
        fewer.demands.pop_back();
        if (!fewer.demands.empty())
            QVERIFY(!decodePlan(bytes, fewer));
        Input noLanes = input;
        noLanes.lanes.clear();
        const bool ships = std::any_of(plan->actions.begin(), plan->actions.end(),
            [](const Action &a) { return a.kind == ActionKind::Transfer; });
        QCOMPARE(decodePlan(bytes, noLanes).has_value(), !ships);
        ++checked;
    }
    QVERIFY(checked > 5);

    // A memo holding a damaged plan under the right key gives nothing, and the run
    // that asked solves it and keeps the good one.
    const Input input = itemplantest::randomInput(rng, shape);
    const PlanKey key = planKey(input, {});
    PlanMemo memo;
    std::string bad = encodePlan(*optimiseItemPlan(input));
    bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 1);
    memo.add(key, bad);
    QVERIFY(!memo.find(key, input));
    QCOMPARE(memo.hits(), 0);
    memo.keep(key, *optimiseItemPlan(input));
    int visited = 0;
    memo.forEachUsed([&](const PlanKey &k, std::string_view b) {
        ++visited;
        QVERIFY(k == key);
        QVERIFY(decodePlan(b, input));
    });
    QCOMPARE(visited, 1);
}

void TestPlanMemo::keyFollowsEveryField()
{
    itemplantest::Rng rng(3);
    itemplantest::Shape shape;
    shape.minLocations = 2;
    shape.minDemands = 2;
    Input input;
    do {
        input = itemplantest::randomInput(rng, shape);
    } while (input.lanes.empty() || input.receipts.empty() || input.purchases.empty()
        || input.inTransit.empty());
    const PlanKey key = planKey(input, {});
    QVERIFY(planKey(input, {}) == key);
    QVERIFY(!(planKey(input, {5}) == key));

    std::vector<std::function<void(Input &)>> changes {
        [](Input &in) { ++in.horizonDays; },
        [](Input &in) { ++in.locations[1].onHand; },
        [](Input &in) { in.locations[0].holdingCostPerUnitDay += 0.01; },
        [](Input &in) { in.locations[0].maxShipped = 3; },
        [](Input &in) { ++in.inTransit[0].arrivalDay; },
        [](Input &in) { ++in.receipts[0].qty; },
        [](Input &in) {
            in.receipts[0].expedites.push_back({0, 1.5, kUnlimited});
        },
        [](Input &in) { in.purchases[0].minQty += 5; },
        [](Input &in) { in.purchases[0].fixedCost += 1; },
        [](Input &in) { ++in.lanes[0].transitDays; },
        [](Input &in) { in.lanes[0].capacityPerDay = 7; },
        [](Input &in) { ++in.demands[1].dueDay; },
        [](Input &in) { in.demands[0].lateCostPerUnitDay += 0.000001; },
        [](Input &in) { in.demands[0].lostSaleDays += 1; },
        [](Input &in) { std::swap(in.demands[0], in.demands[1]); },
    };
    std::set<std::pair<std::uint64_t, std::uint64_t>> seen {{key.high, key.low}};
    for (std::size_t c = 0; c < changes.size(); ++c) {
        Input changed = input;
        changes[c](changed);
        const PlanKey k = planKey(changed, {});
        QVERIFY2(seen.insert({k.high, k.low}).second, qPrintable(u"change %1"_s.arg(c)));
    }
}

void TestPlanMemo::runWithKeptPlansRanksTheSameQueue()
{
    QTemporaryDir dir;
    const engine::ParseResult parsed
        = testsupport::generated(dir.filePath(u"snapshot"_s), 500, 6, 11);
    QVERIFY(parsed.ok());
    const engine::Snapshot &snap = parsed.snapshot;
    const engine::Policy policy;

    const engine::RankedQueue solved = engine::score(snap, policy, {}, 2);
    PlanMemo memo;
    const engine::RankedQueue first = engine::score(snap, policy, {}, 2, &memo);
    // What the store does between runs: the next run's memo holds what this one used.
    const auto carried = [](const PlanMemo &from) {
        auto to = std::make_unique<PlanMemo>();
        from.forEachUsed(
            [&](const PlanKey &k, std::string_view bytes) { to->add(k, std::string(bytes)); });
        return to;
    };
    const auto next = carried(memo);
    QCOMPARE(next->size(), std::size_t(first.planStats.itemsPlanned));
    const engine::RankedQueue second = engine::score(snap, policy, {}, 1, next.get());

    const engine::PlanStats &s = solved.planStats;
    QVERIFY(s.itemsPlanned > 100);
    QCOMPARE(s.itemsFromMemo, 0);
    // The first run with an empty memo solves every plan and keeps each distinct one.
    QCOMPARE(first.planStats.itemsFromMemo, 0);
    QCOMPARE(first.planStats.flowProblems, s.flowProblems);
    QCOMPARE(memo.solved(), s.itemsPlanned);
    // The second finds every plan and solves none.
    QCOMPARE(second.planStats.itemsPlanned, s.itemsPlanned);
    QCOMPARE(second.planStats.itemsFromMemo, s.itemsPlanned);
    QCOMPARE(second.planStats.flowProblems, 0);

    QCOMPARE(first.exceptions.size(), solved.exceptions.size());
    QCOMPARE(second.exceptions.size(), solved.exceptions.size());
    for (std::size_t i = 0; i < solved.exceptions.size(); ++i) {
        QVERIFY2(difference(first.exceptions[i], solved.exceptions[i]).isEmpty(),
            qPrintable(u"first run, rank %1"_s.arg(i + 1)));
        QVERIFY2(difference(second.exceptions[i], solved.exceptions[i]).isEmpty(),
            qPrintable(u"second run, rank %1: %2"_s.arg(i + 1).arg(
                difference(second.exceptions[i], solved.exceptions[i]))));
    }

    // A changed snapshot (one item's stock) re-plans that item only.
    engine::Snapshot changed = snap;
    const engine::Index il = [&] {
        for (const engine::ExceptionSummary &x : solved.exceptions)
            if (x.type == engine::ExceptionType::Shortage)
                return x.itemLocation;
        return engine::kNone;
    }();
    QVERIFY(il != engine::kNone);
    changed.itemLocations.onHand[std::size_t(il)] += 1;
    const auto again = carried(*next);
    QCOMPARE(again->size(), next->size());
    const engine::RankedQueue third = engine::score(changed, policy, {}, 2, again.get());
    QCOMPARE(third.planStats.itemsPlanned - third.planStats.itemsFromMemo, 1);
    const engine::RankedQueue thirdSolved = engine::score(changed, policy, {}, 2);
    QCOMPARE(third.exceptions.size(), thirdSolved.exceptions.size());
    for (std::size_t i = 0; i < third.exceptions.size(); ++i)
        QVERIFY2(difference(third.exceptions[i], thirdSolved.exceptions[i]).isEmpty(),
            qPrintable(u"changed snapshot, rank %1"_s.arg(i + 1)));
}

QTEST_GUILESS_MAIN(TestPlanMemo)
#include "test_planmemo.moc"
