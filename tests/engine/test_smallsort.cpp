// The stable sorts of scoring give exactly the order of std::stable_sort, ties kept in
// their input order, on short and long random ranges.

#include "engine/core/smallsort.h"
#include "engine/scoring/exceptiontypes/exceptiontypes.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace engine;

namespace {

/// A key with many ties and the element's input position, which the key ignores.
struct Keyed {
    int key = 0;
    int seq = 0;
    std::string payload; ///< moved along with the element
};

bool byKey(const Keyed &a, const Keyed &b)
{
    return a.key < b.key;
}

std::vector<Keyed> randomKeyed(std::mt19937 &rng, int n, int distinctKeys)
{
    std::uniform_int_distribution<int> key(0, distinctKeys - 1);
    std::vector<Keyed> v;
    for (int i = 0; i < n; ++i)
        v.push_back({key(rng), i, "element number " + std::to_string(i)});
    return v;
}

bool sameOrder(const std::vector<Keyed> &a, const std::vector<Keyed> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Keyed &x, const Keyed &y) {
        return x.key == y.key && x.seq == y.seq && x.payload == y.payload;
    });
}

/// Recommendations that tie on every step of recommendationBefore except a few.
std::vector<Recommendation> randomRecommendations(std::mt19937 &rng, int n)
{
    std::uniform_int_distribution<int> small(0, 2);
    const std::vector<std::string> ids {"", "BR-01", "BR-02", "DC-EAST"};
    std::vector<Recommendation> v;
    for (int i = 0; i < n; ++i) {
        Recommendation r;
        r.action = small(rng) == 0 ? Action::Purchase : Action::Transfer;
        r.feasible = small(rng) != 0;
        r.benefit = 10.0 * small(rng);
        r.cost = 5.0 * small(rng);
        r.fromLocationId = ids[std::size_t(small(rng))];
        r.supplierId = ids[std::size_t(small(rng))];
        r.poLine = small(rng);
        r.text = std::to_string(i); // not compared: tells tied recommendations apart
        v.push_back(std::move(r));
    }
    return v;
}

} // namespace

class TestSmallSort : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyAndSingle();
    void keepsTiesInOrder();
    void matchesStdStableSort();
    void recommendationsMatchStdStableSort();
};

void TestSmallSort::emptyAndSingle()
{
    std::vector<Keyed> v;
    stableSort(v.begin(), v.end(), byKey);
    QVERIFY(v.empty());
    v.push_back({7, 0, "only"});
    stableSort(v.begin(), v.end(), byKey);
    QCOMPARE(v.size(), std::size_t(1));
    QCOMPARE(v[0].payload, std::string("only"));
}

void TestSmallSort::keepsTiesInOrder()
{
    std::vector<Keyed> v {
        {2, 0, "a"}, {1, 1, "b"}, {2, 2, "c"}, {1, 3, "d"}, {0, 4, "e"}, {2, 5, "f"}};
    stableSort(v.begin(), v.end(), byKey);
    std::string order;
    for (const Keyed &k : v)
        order += k.payload;
    QCOMPARE(order, std::string("ebdacf"));
}

void TestSmallSort::matchesStdStableSort()
{
    std::mt19937 rng(20261128);
    // Lengths on both sides of kInsertionSortMax, few and many distinct keys.
    for (int n = 0; n <= int(kInsertionSortMax) + 8; ++n) {
        for (int distinct : {1, 2, 3, 10, 1000}) {
            for (int round = 0; round < 20; ++round) {
                std::vector<Keyed> mine = randomKeyed(rng, n, distinct);
                std::vector<Keyed> expected = mine;
                std::stable_sort(expected.begin(), expected.end(), byKey);
                stableSort(mine.begin(), mine.end(), byKey);
                QVERIFY2(sameOrder(mine, expected),
                    qPrintable(QStringLiteral("n %1, %2 keys").arg(n).arg(distinct)));
            }
        }
    }
}

void TestSmallSort::recommendationsMatchStdStableSort()
{
    std::mt19937 rng(7);
    for (int n = 0; n <= int(kInsertionSortMax) + 8; ++n) {
        for (int round = 0; round < 50; ++round) {
            std::vector<Recommendation> mine = randomRecommendations(rng, n);
            std::vector<Recommendation> expected = mine;
            std::stable_sort(expected.begin(), expected.end(), detail::recommendationBefore);
            detail::sortRecommendations(mine);
            QCOMPARE(mine.size(), expected.size());
            for (std::size_t i = 0; i < mine.size(); ++i)
                QCOMPARE(mine[i].text, expected[i].text);
        }
    }
}

QTEST_GUILESS_MAIN(TestSmallSort)
#include "test_smallsort.moc"
