// Explanations read back from the store: every explanation reproduces its stored
// score and rank from the rows of one item, on other snapshots too; a SKU-location
// without exception still has its risk; unknown ids are clear errors; decisions are
// recorded, undone, validated and kept across reopening.

#include "engine/import/snapshotparser.h"
#include "engine/storage/itemblock.h"
#include "importedstore.h"
#include "model/import/snapshotfiles.h"
#include "model/json/explanationjson.h"
#include "model/runs/queueimage.h"
#include "model/snapshots/snapshotloader.h"
#include "model/store/store.h"
#include "model/workbench.h"
#include "testsupport.h"

#include <QDir>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>
#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace storetest;

class TestExplain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void explanationReproducesEveryStoredException();
    void explanationsMatchOnOtherSnapshots_data();
    void explanationsMatchOnOtherSnapshots();
    void itemLocationWithoutExceptionHasRisk();
    void unknownIdsAreClearErrors();
    void decisionsRecordUndoAndSurviveReopen();
    void decisionsAreValidated();
    void decisionStoreThroughTheFacade();

private:
    QTemporaryDir m_data;
    QString m_snapshot;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dbPath;
    std::unique_ptr<model::Workbench> m_workbench;
    model::ImportSummary m_summary;
};

void TestExplain::initTestCase()
{
    QCOMPARE(storetest::generateSnapshot(m_data, m_snapshot), QString());
}

void TestExplain::init()
{
    QCOMPARE(
        storetest::importFresh(m_snapshot, m_dir, m_dbPath, m_workbench, m_summary), QString());
}

void TestExplain::explanationReproducesEveryStoredException()
{
    auto queue = m_workbench->runs().queue();
    QVERIFY(queue);
    QSet<int> types;
    for (qsizetype r = 0; r < queue->size(); ++r) {
        const auto i = std::size_t(r);
        const QString id = queue->exceptionId(r);
        auto explanation = m_workbench->runs().explainException(id);
        QVERIFY2(explanation,
            qPrintable(id + u": "_s + (explanation ? QString() : explanation.error().message)));
        QVERIFY(explanation->exception);
        const engine::ExceptionRecord &x = *explanation->exception;
        QCOMPARE(QString::fromStdString(x.id), id);
        QCOMPARE(x.rank, queue->rank[i]);
        QCOMPARE(x.score, queue->score[i]);
        QCOMPARE(x.needDate, queue->needDate[i]);
        double amounts[engine::kFactorCount] = {};
        for (const auto &f : x.factors)
            amounts[int(f.kind)] += f.amount;
        for (int f = 0; f < engine::kFactorCount; ++f)
            QCOMPARE(amounts[f], queue->factorAmounts[i * engine::kFactorCount + std::size_t(f)]);
        // The queue shows the best recommendation, late or not, as the explanation lists it.
        const engine::Recommendation *best = x.bestRecommendation();
        QCOMPARE(int(queue->action[i]), best ? int(best->action) : -1);
        QCOMPARE(
            queue->actionFeasible[i], quint8(best && (best->feasible || best->inPlan) ? 1 : 0));
        QCOMPARE(queue->canSave[i], x.canSave);
        if (best)
            QCOMPARE(queue->actionCost[i], best->cost);
        QCOMPARE(explanation->run.runId, queue->run.runId);
        QCOMPARE(explanation->snapshot.version, queue->snapshot.version);
        // Only the rows of one item (and its substitutes) were read.
        QVERIFY(explanation->rows->itemLocations.size() < m_summary.snapshot.itemLocationCount);
        types.insert(queue->type[i]);
    }
    QVERIFY2(types.size() >= 4, "the generated snapshot should raise most exception types");
}

void TestExplain::explanationsMatchOnOtherSnapshots_data()
{
    QTest::addColumn<int>("items");
    QTest::addColumn<int>("locations");
    QTest::addColumn<int>("seed");
    // Among them, locations over their storage capacity: the one figure that depends
    // on other items' stock than the one explained.
    QTest::newRow("120x5 seed 5") << 120 << 5 << 5;
    QTest::newRow("80x8 seed 8") << 80 << 8 << 8;
    QTest::newRow("200x3 seed 13") << 200 << 3 << 13;
}

void TestExplain::explanationsMatchOnOtherSnapshots()
{
    QFETCH(int, items);
    QFETCH(int, locations);
    QFETCH(int, seed);
    QTemporaryDir dir;
    const QString folder = dir.filePath(u"snapshot"_s);
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(testsupport::generate(folder, items, locations, std::uint64_t(seed)), QString());
    auto workbench = model::Workbench::open(dir.filePath(u"wb.db"_s));
    QVERIFY(workbench);
    QVERIFY((*workbench)->importer().importSnapshot(folder, {}));
    auto queue = (*workbench)->runs().queue();
    QVERIFY(queue && queue->size() > 0);
    for (qsizetype r = 0; r < queue->size(); ++r) {
        auto explanation = (*workbench)->runs().explainException(queue->exceptionId(r));
        QVERIFY2(explanation, qPrintable(queue->exceptionId(r)));
        QVERIFY2(explanation->exception->score == queue->score[std::size_t(r)],
            qPrintable(queue->exceptionId(r) + u": "_s
                + QString::number(explanation->exception->score, 'g', 17) + u" explained, "_s
                + QString::number(queue->score[std::size_t(r)], 'g', 17) + u" stored"_s));
        QCOMPARE(explanation->exception->rank, queue->rank[std::size_t(r)]);
    }
}

void TestExplain::itemLocationWithoutExceptionHasRisk()
{
    auto queue = m_workbench->runs().queue();
    QVERIFY(queue);
    QSet<QString> withException;
    for (qsizetype r = 0; r < queue->size(); ++r) {
        withException.insert(queue->itemIds[queue->item[std::size_t(r)]] + u'@'
            + queue->locationIds[queue->location[std::size_t(r)]]);
    }
    // Find a SKU-location of the snapshot that raised nothing.
    auto files = model::readSnapshotFiles(m_snapshot);
    QVERIFY(files);
    const engine::ParseResult parsed = engine::parseSnapshot(*files);
    const engine::Snapshot &s = parsed.snapshot;
    QString itemId, locationId;
    for (engine::Index r = 0; r < s.itemLocations.size() && itemId.isEmpty(); ++r) {
        const QString item
            = QString::fromStdString(s.items.ids.at(s.itemLocations.item[std::size_t(r)]));
        const QString location
            = QString::fromStdString(s.locations.ids.at(s.itemLocations.location[std::size_t(r)]));
        if (!withException.contains(item + u'@' + location)
            && s.itemLocations.supplier[std::size_t(r)] != engine::kNone) {
            itemId = item;
            locationId = location;
        }
    }
    QVERIFY2(!itemId.isEmpty(), "every SKU-location raised an exception");

    auto explanation = m_workbench->runs().explainItemLocation(itemId, locationId);
    QVERIFY2(explanation, qPrintable(explanation ? QString() : explanation.error().message));
    QVERIFY(!explanation->exception);
    QVERIFY(explanation->result.exceptions.empty());
    const engine::RiskFigures &risk = explanation->result.risk;
    QVERIFY(risk.defined);

    // The inventory position by the pinned formula, from the snapshot's own rows.
    const engine::Snapshot &rows = *explanation->rows;
    const engine::Index item = rows.items.ids.find(itemId.toStdString());
    const engine::Index location = rows.locations.ids.find(locationId.toStdString());
    const auto il = std::size_t(rows.itemLocation(item, location));
    double ip = rows.itemLocations.onHand[il] - rows.itemLocations.allocated[il];
    for (engine::Index r = 0; r < rows.purchaseOrders.size(); ++r) {
        const auto i = std::size_t(r);
        if (rows.purchaseOrders.item[i] == item && rows.purchaseOrders.location[i] == location)
            ip += rows.purchaseOrders.qtyOpen[i];
    }
    for (engine::Index r = 0; r < rows.transfers.size(); ++r) {
        const auto i = std::size_t(r);
        if (rows.transfers.item[i] != item)
            continue;
        if (rows.transfers.toLocation[i] == location)
            ip += rows.transfers.qty[i];
        const bool shipped = rows.transfers.shipDate[i] != engine::kNoDate
            && rows.transfers.shipDate[i] <= rows.manifest.asOf;
        if (rows.transfers.fromLocation[i] == location && !shipped)
            ip -= rows.transfers.qty[i];
    }
    for (engine::Index r = 0; r < rows.salesOrders.size(); ++r) {
        const auto i = std::size_t(r);
        if (rows.salesOrders.item[i] == item && rows.salesOrders.location[i] == location)
            ip -= rows.salesOrders.qtyOpen[i];
    }
    QVERIFY2(std::abs(risk.inventoryPosition - ip) < 1e-9,
        qPrintable(QString::number(risk.inventoryPosition) + u" vs "_s + QString::number(ip)));
    QVERIFY(std::abs(risk.leadTimeDemandMean - risk.dailyDemand * risk.leadTimeDays) < 1e-9);
}

void TestExplain::unknownIdsAreClearErrors()
{
    auto noException = m_workbench->runs().explainException(u"shortage:NO-SUCH-SKU@NOWHERE"_s);
    QVERIFY(!noException);
    QCOMPARE(noException.error().code, model::Error::BadInput);
    QVERIFY(noException.error().message.contains(u"NO-SUCH-SKU"_s));

    auto noItem = m_workbench->runs().explainItemLocation(u"NO-SUCH-SKU"_s, u"X"_s);
    QVERIFY(!noItem);
    QCOMPARE(noItem.error().code, model::Error::BadInput);
    QVERIFY(noItem.error().message.contains(u"NO-SUCH-SKU"_s));

    auto queue = m_workbench->runs().queue();
    QVERIFY(queue && queue->size() > 0);
    auto noLocation = m_workbench->runs().explainItemLocation(queue->itemIds.front(), u"NOWHERE"_s);
    QVERIFY(!noLocation);
    QVERIFY(noLocation.error().message.contains(u"NOWHERE"_s));
}

void TestExplain::decisionsRecordUndoAndSurviveReopen()
{
    auto queue = m_workbench->runs().queue();
    QVERIFY(queue);
    // The first exception that has at least two recommendations.
    QString id;
    int recommendations = 0;
    for (qsizetype r = 0; r < queue->size() && id.isEmpty(); ++r) {
        auto e = m_workbench->runs().explainException(queue->exceptionId(r));
        QVERIFY(e);
        if (e->exception->recommendations.size() >= 2) {
            id = queue->exceptionId(r);
            recommendations = int(e->exception->recommendations.size());
        }
    }
    QVERIFY2(!id.isEmpty(), "no exception with two recommendations");

    auto approved
        = m_workbench->decisions().record(id, 0, model::Decision::Approved, kAna, u"ok"_s);
    QVERIFY2(approved, qPrintable(approved ? QString() : approved.error().message));
    QCOMPARE(approved->runId, queue->run.runId);
    QVERIFY(approved->decidedAt.endsWith(u'Z'));
    QVERIFY(!approved->action.isEmpty());
    auto rejected
        = m_workbench->decisions().record(id, recommendations - 1, model::Decision::Rejected, kBen);
    QVERIFY(rejected);
    QVERIFY(rejected->id > approved->id);

    auto standing = m_workbench->decisions().standing();
    QVERIFY(standing);
    QCOMPARE(standing->size(), std::size_t(1)); // the latest one per exception
    QCOMPARE(standing->front().id, rejected->id);
    QCOMPARE(standing->front().kind, model::Decision::Rejected);

    // Undo the rejection: the approval stands again, and the audit trail keeps both.
    QVERIFY(m_workbench->decisions().undo(rejected->id, kAna));
    m_workbench.reset();
    auto reopened = model::Workbench::open(m_dbPath);
    QVERIFY(reopened);
    standing = (*reopened)->decisions().standing();
    QVERIFY(standing);
    QCOMPARE(standing->size(), std::size_t(1));
    QCOMPARE(standing->front().id, approved->id);
    QCOMPARE(standing->front().user, u"ana"_s);
    QCOMPARE(standing->front().comment, u"ok"_s);
    QCOMPARE(standing->front().recommendationIndex, 0);
    QCOMPARE(testsupport::queryValue(m_dbPath, "SELECT count(*) FROM decisions").toInt(), 2);
    QCOMPARE(testsupport::queryValue(
                 m_dbPath, "SELECT count(*) FROM decisions WHERE undone_at IS NOT NULL")
                 .toInt(),
        1);

    auto reread = (*reopened)->runs().queue();
    QVERIFY(reread);
    for (qsizetype r = 0; r < reread->size(); ++r) {
        const bool decided = reread->exceptionId(r) == id;
        QCOMPARE(reread->decision[std::size_t(r)],
            decided ? quint8(model::Decision::Approved) : quint8(0));
    }

    // Undoing twice is refused; so is an unknown decision.
    QVERIFY(!(*reopened)->decisions().undo(rejected->id, kAna));
    QVERIFY(!(*reopened)->decisions().undo(9999, kAna));
}

void TestExplain::decisionsAreValidated()
{
    auto queue = m_workbench->runs().queue();
    QVERIFY(queue && queue->size() > 0);
    const QString id = queue->exceptionId(0);
    auto e = m_workbench->runs().explainException(id);
    QVERIFY(e);
    const int count = int(e->exception->recommendations.size());

    auto outOfRange = m_workbench->decisions().record(id, count, model::Decision::Approved, kAna);
    QVERIFY(!outOfRange);
    QCOMPARE(outOfRange.error().code, model::Error::BadInput);
    QVERIFY(!m_workbench->decisions().record(id, -1, model::Decision::Approved, kAna));
    QVERIFY(!m_workbench->decisions().record(
        u"shortage:NOPE@NOWHERE"_s, 0, model::Decision::Approved, kAna));
    QVERIFY(!m_workbench->decisions().record(id, 0, model::Decision::None, kAna));
    QVERIFY(
        !m_workbench->decisions().record(id, 0, model::Decision::Approved, model::User {u"  "_s}));
    QCOMPARE(testsupport::queryValue(m_dbPath, "SELECT count(*) FROM decisions").toInt(), 0);

    // A decision made on the queue of run N while run N+1 became the latest (another
    // process re-scored): refused as Busy, nothing recorded, the trail unchanged.
    const qint64 shown = queue->run.runId;
    auto rescored = m_workbench->runs().rescore(engine::Policy {});
    QVERIFY(rescored);
    QVERIFY(rescored->runId > shown);
    const QByteArray events
        = testsupport::queryValue(m_dbPath, "SELECT count(*) FROM audit_events");
    auto stale = m_workbench->decisions().record(id, 0, model::Decision::Approved, kAna, {}, shown);
    QVERIFY(!stale);
    QCOMPARE(stale.error().code, model::Error::Busy);
    QVERIFY2(
        stale.error().message.contains(u"refresh the queue"_s), qPrintable(stale.error().message));
    QCOMPARE(testsupport::queryValue(m_dbPath, "SELECT count(*) FROM decisions").toInt(), 0);
    QCOMPARE(testsupport::queryValue(m_dbPath, "SELECT count(*) FROM audit_events"), events);
    // On the run now on screen it is recorded.
    auto current = m_workbench->decisions().record(
        id, 0, model::Decision::Approved, kAna, {}, rescored->runId);
    QVERIFY2(current, qPrintable(current ? QString() : current.error().message));
    QVERIFY(m_workbench->decisions().undo(current->id, kAna));
}

void TestExplain::decisionStoreThroughTheFacade()
{
    // The facade hands out one DecisionStore; what it records is what the queue of
    // the runs service shows, and undoing it there clears the mark again.
    model::DecisionStore &decisions = m_workbench->decisions();
    QCOMPARE(&m_workbench->decisions(), &decisions);
    auto queue = m_workbench->runs().queue();
    QVERIFY(queue && queue->size() > 2);
    // The third row that has a recommendation to decide on (some pay for nothing).
    std::size_t row = 0;
    for (int seen = 0; row < std::size_t(queue->size()); ++row) {
        if (queue->action[row] >= 0 && ++seen == 3)
            break;
    }
    QVERIFY(row < std::size_t(queue->size()));
    const QString id = queue->exceptionId(qsizetype(row));
    QCOMPARE(queue->decision[row], quint8(0));

    auto rejected = decisions.record(id, 0, model::Decision::Rejected, kAna);
    QVERIFY2(rejected, qPrintable(rejected ? QString() : rejected.error().message));
    auto marked = m_workbench->runs().queue();
    QVERIFY(marked);
    QCOMPARE(marked->decision[row], quint8(model::Decision::Rejected));
    auto standing = decisions.standing();
    QVERIFY(standing);
    QCOMPARE(standing->size(), std::size_t(1));
    QCOMPARE(standing->front().exceptionId, id);
    QCOMPARE(standing->front().runId, marked->run.runId);

    QVERIFY(decisions.undo(rejected->id, kAna));
    auto cleared = m_workbench->runs().queue();
    QVERIFY(cleared);
    QCOMPARE(cleared->decision[row], quint8(0));
    standing = decisions.standing();
    QVERIFY(standing && standing->empty());

    // An empty database has no standing decisions, and that is no error.
    QTemporaryDir empty;
    auto blank = model::Workbench::open(empty.filePath(u"blank.db"_s));
    QVERIFY(blank);
    auto none = (*blank)->decisions().standing();
    QVERIFY(none && none->empty());
}

QTEST_GUILESS_MAIN(TestExplain)
#include "test_explain.moc"
