// Whole-snapshot scoring on tiny snapshots built in code: a score is the sum of its
// factors, explanations match the full score, ranks are deterministic and break ties
// the documented way, and a run can be cancelled.

#include "scoringfixtures.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

using namespace scoringtest;

class TestRanking : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void analyseOnOneItemsRows();
    void scoreIsTheSumOfFactors();
    void deterministic();
    void analyseMatchesScore();
    void rankTieBreaks();
    void mergeRankedMatchesRank();
    void cancellation();
    void names();
};

void TestRanking::analyseOnOneItemsRows()
{
    // The full snapshot holds P and P2 (one substitute group) and an unrelated item Q
    // at another location; explaining P must work from P's and P2's rows alone.
    Builder full;
    const Index dc1 = full.location("DC1"), dc2 = full.location("DC2");
    const Index p = full.item("P", 5, 8, 0, kUnset, "G");
    const Index p2 = full.item("P2", 6, 9, 0, kUnset, "G");
    const Index q = full.item("Q", 3, 4);
    const Index sup = full.supplier("SUP2", 2);
    const Index c = full.customer("C", 2);
    full.itemLocation(q, dc2, 40, 1, 0, sup);
    full.itemLocation(p, dc1, 0, 0, 0, sup);
    full.itemLocation(p2, dc1, 100, 1);
    full.salesOrder("SO-Q", 1, c, q, dc2, 50, -1, 1, 4);
    full.salesOrder("SO-F", 1, c, p, dc1, 10, -1, 5, 8);
    const Snapshot &fullSnap = full.done();
    const RankedRecords r = rankedRecords(fullSnap, Policy {});
    const ExceptionRecord *ranked = find(r, "shortage:P@DC1");
    QVERIFY(ranked);

    Builder part;
    const Index pdc1 = part.location("DC1");
    const Index pp = part.item("P", 5, 8, 0, kUnset, "G");
    const Index pp2 = part.item("P2", 6, 9, 0, kUnset, "G");
    const Index psup = part.supplier("SUP2", 2);
    const Index pc = part.customer("C", 2);
    const Index il = part.itemLocation(pp, pdc1, 0, 0, 0, psup);
    part.itemLocation(pp2, pdc1, 100, 1);
    part.salesOrder("SO-F", 1, pc, pp, pdc1, 10, -1, 5, 8);
    const ItemLocationAnalysis a = analyse(part.done(), Policy {}, il);
    QCOMPARE(a.exceptions.size(), std::size_t(1));
    const ExceptionRecord &e = a.exceptions[0];
    QCOMPARE(e.id, ranked->id);
    QCOMPARE(e.score, ranked->score);
    QCOMPARE(e.factors.size(), ranked->factors.size());
    QCOMPARE(e.recommendations.size(), ranked->recommendations.size());
    for (std::size_t i = 0; i < e.recommendations.size(); ++i) {
        QCOMPARE(e.recommendations[i].action, ranked->recommendations[i].action);
        QCOMPARE(e.recommendations[i].benefit, ranked->recommendations[i].benefit);
        QCOMPARE(e.recommendations[i].text, ranked->recommendations[i].text);
    }
}

void TestRanking::scoreIsTheSumOfFactors()
{
    Policy policy;
    policy.weights[static_cast<std::size_t>(FactorKind::SlaPenalty)] = 2.5;
    for (const Snapshot &snap : {scenarioA(), scenarioF()}) {
        const RankedRecords r = rankedRecords(snap, policy);
        QVERIFY(!r.exceptions.empty());
        for (const ExceptionRecord &e : r.exceptions) {
            QVERIFY(!e.factors.empty());
            double sum = 0;
            for (const Factor &f : e.factors) {
                QCOMPARE(f.value(), f.amount * f.weight);
                QVERIFY(!f.text.empty());
                sum += f.value();
            }
            QCOMPARE(e.score, sum); // exactly, in the order shown
        }
    }
    // The weight scales the SLA factor: margin 800 x 4/28 + 2.5 x 80 = 314.285714.
    const RankedRecords r = rankedRecords(scenarioA(), policy);
    VERIFY_NEAR(find(r, "shortage:X@DC1")->score, 800.0 * 4 / 28 + 2.5 * 80.0);
}

void TestRanking::deterministic()
{
    const Snapshot snap = scenarioA();
    auto dump = [](const RankedRecords &r) {
        std::string out;
        for (const ExceptionRecord &e : r.exceptions) {
            out += std::to_string(e.rank) + e.id + std::to_string(e.score);
            for (const Factor &f : e.factors)
                out += f.text;
            for (const Recommendation &rec : e.recommendations)
                out += rec.text + std::to_string(rec.benefit);
        }
        return out;
    };
    const std::string first = dump(rankedRecords(snap, Policy {}));
    QVERIFY(!first.empty());
    QCOMPARE(dump(rankedRecords(snap, Policy {})), first);
}

void TestRanking::analyseMatchesScore()
{
    const Snapshot snap = scenarioA();
    const RankedRecords r = rankedRecords(snap, Policy {});
    for (Index il = 0; il < snap.itemLocations.size(); ++il) {
        const ItemLocationAnalysis a = analyse(snap, Policy {}, il);
        QCOMPARE(a.projection.size(), std::size_t(29)); // as_of + 28 days
        for (const ExceptionRecord &e : a.exceptions) {
            const ExceptionRecord *ranked = find(r, e.id);
            QVERIFY(ranked);
            QCOMPARE(e.score, ranked->score);
            QCOMPARE(e.recommendations.size(), ranked->recommendations.size());
        }
    }
    // DC1's projection: 50 on hand, 70 due on day 2, 100 received on day 6.
    const ItemLocationAnalysis a = analyse(snap, Policy {}, 0);
    QCOMPARE(a.projection[2].ordersDue, 70.0);
    QCOMPARE(a.projection[2].balance, -20.0);
    QCOMPARE(a.projection[6].receipts, 100.0);
    QCOMPARE(a.projection[6].balance, 80.0);
    QCOMPARE(a.exceptions.size(), std::size_t(1));
    QVERIFY(a.risk.defined);
    QCOMPARE(a.risk.inventoryPosition, 80.0); // 50 + 100 - 70
}

void TestRanking::rankTieBreaks()
{
    auto make = [](const char *id, double score, Date need, double canSave) {
        ExceptionRecord e;
        e.id = id;
        e.score = score;
        e.needDate = need;
        e.canSave = canSave;
        return e;
    };
    const std::vector<ExceptionRecord> all {make("b", 10, 5, 1), make("a", 10, 5, 1),
        make("c", 10, 3, 1), make("d", 20, 9, 0), make("e", 5, 1, 4), make("f", 8, 1, 1)};
    auto ranked = [&all](RankBy by) {
        std::vector<ExceptionRecord> v = all;
        rank(v, by);
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < v.size(); ++i)
            ids.push_back(v[i].rank == int(i + 1) ? v[i].id : v[i].id + " has the wrong rank");
        return ids;
    };
    // By exposure: score, then need date, then id.
    QCOMPARE(ranked(RankBy::Exposure), (std::vector<std::string> {"d", "c", "a", "b", "f", "e"}));
    // By what can be saved: e (4) first, then the ties at 1 by score (c, a, b at 10 before
    // f at 8), and d, whose exposure nothing can reduce, last.
    QCOMPARE(ranked(RankBy::CanSave), (std::vector<std::string> {"e", "c", "a", "b", "f", "d"}));
}

void TestRanking::mergeRankedMatchesRank()
{
    // Summaries with tied scores and need dates, so their ids decide: "A" is a prefix of
    // "A-1", and "A-1@L1" sorts first ('-' < '@').
    Builder b;
    const Index l1 = b.location("L1"), l2 = b.location("L2");
    const Index a = b.item("A", 1, 2), a1 = b.item("A-1", 1, 2), c = b.item("C", 1, 2);
    const Snapshot &snap = b.done();
    std::vector<ExceptionSummary> all;
    for (ExceptionType type : {ExceptionType::Excess, ExceptionType::Shortage}) {
        for (Index item : {c, a, a1}) {
            for (Index loc : {l2, l1}) {
                ExceptionSummary x;
                x.type = type;
                x.item = item;
                x.location = loc;
                x.score = type == ExceptionType::Shortage ? 20 : 10;
                x.needDate = type == ExceptionType::Excess && item == c ? kAsOf - 1 : kAsOf;
                all.push_back(x);
            }
        }
    }
    auto ids = [&snap](const std::vector<ExceptionSummary> &v) {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            out.push_back(exceptionId(snap, v[i]));
            if (v[i].rank != int(i + 1))
                out.back() += " has the wrong rank";
        }
        return out;
    };
    std::vector<ExceptionSummary> whole = all;
    rank(whole, snap, RankBy::Exposure);
    const std::vector<std::string> expected {"shortage:A-1@L1", "shortage:A-1@L2", "shortage:A@L1",
        "shortage:A@L2", "shortage:C@L1", "shortage:C@L2", "excess:C@L1", "excess:C@L2",
        "excess:A-1@L1", "excess:A-1@L2", "excess:A@L1", "excess:A@L2"};
    QCOMPARE(ids(whole), expected);

    for (std::size_t parts : {1, 2, 3, 5}) {
        std::vector<std::vector<ExceptionSummary>> queues(parts + 1); // the last one empty
        for (std::size_t i = 0; i < all.size(); ++i)
            queues[i * parts / all.size()].push_back(all[i]);
        for (auto &q : queues)
            rank(q, snap, RankBy::Exposure);
        QCOMPARE(ids(mergeRanked(queues, snap, RankBy::Exposure)), expected);
    }

    // Ranked by what can be saved: the excess of A, the only one acting can reduce,
    // comes first; the rest keep their order by score.
    for (ExceptionSummary &x : all)
        x.canSave = x.type == ExceptionType::Excess && x.item == a ? 3 : 0;
    std::vector<std::string> bySave {"excess:A@L1", "excess:A@L2"};
    for (const std::string &id : expected)
        if (id.rfind("excess:A@", 0) != 0)
            bySave.push_back(id);
    whole = all;
    rank(whole, snap, RankBy::CanSave);
    QCOMPARE(ids(whole), bySave);
    for (std::size_t parts : {2, 3}) {
        std::vector<std::vector<ExceptionSummary>> queues(parts);
        for (std::size_t i = 0; i < all.size(); ++i)
            queues[i * parts / all.size()].push_back(all[i]);
        for (auto &q : queues)
            rank(q, snap, RankBy::CanSave);
        QCOMPARE(ids(mergeRanked(queues, snap, RankBy::CanSave)), bySave);
    }
}

void TestRanking::cancellation()
{
    // 5,000 SKU-locations, each a shortage, so the run outlasts one poll interval.
    Builder b;
    const Index dc = b.location("DC1");
    const Index c = b.customer("C", 1);
    for (int i = 0; i < 5000; ++i) {
        const Index it = b.item("I" + std::to_string(i), 1, 2);
        b.itemLocation(it, dc, 0, 0);
        b.salesOrder("SO" + std::to_string(i), 1, c, it, dc, 1, -1, 1, 2);
    }
    const Snapshot &snap = b.done();

    std::vector<std::int64_t> reports;
    Progress progress;
    progress.report = [&](std::int64_t done, std::int64_t total) {
        QCOMPARE(total, std::int64_t(5000));
        reports.push_back(done);
    };
    const RankedQueue full = score(snap, Policy {}, progress);
    QVERIFY(!full.cancelled);
    QCOMPARE(full.exceptions.size(), std::size_t(5000));
    QVERIFY(reports.size() >= 90 && reports.size() <= 110);
    QVERIFY(std::is_sorted(reports.begin(), reports.end()));
    QCOMPARE(reports.back(), std::int64_t(5000));

    std::atomic<bool> cancel {false};
    progress.cancel = &cancel;
    progress.report = [&](std::int64_t, std::int64_t) { cancel = true; };
    const RankedQueue stopped = score(snap, Policy {}, progress);
    QVERIFY(stopped.cancelled);
    QVERIFY(stopped.exceptions.empty());
}

void TestRanking::names()
{
    ExceptionType t {};
    for (int i = 0; i < kExceptionTypeCount; ++i) {
        const auto type = static_cast<ExceptionType>(i);
        QVERIFY(parseExceptionType(exceptionTypeName(type), t));
        QCOMPARE(t, type);
    }
    QVERIFY(!parseExceptionType("nonsense", t));
    QCOMPARE(std::string(factorName(FactorKind::CountDiscrepancyRisk)),
        std::string("count_discrepancy_risk"));
    QCOMPARE(std::string(actionName(Action::NotifyCustomerService)),
        std::string("notify_customer_service"));
}

QTEST_GUILESS_MAIN(TestRanking)
#include "test_ranking.moc"
