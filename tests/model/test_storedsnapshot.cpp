// What an import stored, read back: the whole snapshot round-trips through its item
// blocks, a re-score gives the import's queue, damaged blocks and queue images are
// clear errors, older schemas and queue image formats migrate or still read.

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

namespace {

/// Seals the item blocks again after a test changed them (the Store's connection has
/// the checksum functions).
constexpr const char *kReseal
    = "UPDATE item_blocks SET checksum = pwb_checksum(snapshot_version, item_seq, block)";

/// Writes `q` as the rows of schema 2's exceptions table.
QString writeRowsOfSchema2(sqlite3 *db, const model::Queue &q)
{
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db,
            "INSERT INTO exceptions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &st,
            nullptr)
        != SQLITE_OK)
        return QString::fromUtf8(sqlite3_errmsg(db));
    auto text = [&](int column, const std::string &value) {
        if (value.empty())
            sqlite3_bind_null(st, column);
        else
            sqlite3_bind_text(st, column, value.c_str(), int(value.size()), SQLITE_TRANSIENT);
    };
    for (qsizetype r = 0; r < q.size(); ++r) {
        const auto i = std::size_t(r);
        sqlite3_bind_int64(st, 1, q.run.runId);
        text(2, q.exceptionId(r).toStdString());
        sqlite3_bind_int(st, 3, q.rank[i]);
        text(4, engine::exceptionTypeName(engine::ExceptionType(q.type[i])));
        text(5, q.itemIds.at(q.item[i]).toStdString());
        text(6, q.locationIds.at(q.location[i]).toStdString());
        text(7, q.supplier[i] < 0 ? std::string() : q.supplierIds.at(q.supplier[i]).toStdString());
        sqlite3_bind_double(st, 8, q.score[i]);
        text(9, engine::formatDate(q.needDate[i]));
        text(10,
            q.topFactor[i] == 255 ? std::string()
                                  : engine::factorName(engine::FactorKind(q.topFactor[i])));
        text(11, q.action[i] < 0 ? std::string() : engine::actionName(engine::Action(q.action[i])));
        sqlite3_bind_double(st, 12, q.actionCost[i]);
        sqlite3_bind_int(st, 13, q.worstTier[i]);
        text(14, q.abcClass[i] ? std::string(1, q.abcClass[i]) : std::string());
        for (int f = 0; f < engine::kFactorCount; ++f)
            sqlite3_bind_double(
                st, 15 + f, q.factorAmounts[i * engine::kFactorCount + std::size_t(f)]);
        if (sqlite3_step(st) != SQLITE_DONE) {
            const QString message = QString::fromUtf8(sqlite3_errmsg(db));
            sqlite3_finalize(st);
            return message;
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return {};
}

} // namespace

class TestStoredSnapshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void storedSnapshotRoundTrips();
    void rescoreFromStoreGivesImportQueue();
    void runPolicyIsTheLatestRunsPolicy();
    void damagedBlocksAreClearErrors_data();
    void damagedBlocksAreClearErrors();
    void runRowsMigrateToQueueImages();
    void rowTablesMigrateToItemBlocks();
    void damagedQueueImageIsAnError();
    void queueImageFormatOneStillReads();

private:
    void compareSnapshots(const engine::Snapshot &a, const engine::Snapshot &b);
    QTemporaryDir m_data;
    QString m_snapshot;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dbPath;
    std::unique_ptr<model::Workbench> m_workbench;
    model::ImportSummary m_summary;
};

void TestStoredSnapshot::initTestCase()
{
    QCOMPARE(storetest::generateSnapshot(m_data, m_snapshot), QString());
}

void TestStoredSnapshot::init()
{
    QCOMPARE(
        storetest::importFresh(m_snapshot, m_dir, m_dbPath, m_workbench, m_summary), QString());
}

void TestStoredSnapshot::storedSnapshotRoundTrips()
{
    auto files = model::readSnapshotFiles(m_snapshot);
    QVERIFY(files);
    const engine::ParseResult parsed = engine::parseSnapshot(*files);
    QVERIFY(parsed.ok());
    const engine::Snapshot &a = parsed.snapshot;

    auto store = model::Store::open(m_dbPath);
    QVERIFY(store);
    // One block per item with rows; read back, they give the parsed snapshot.
    const engine::RowsByItem byItem = engine::groupRowsByItem(a);
    qint64 itemsWithRows = 0;
    for (engine::Index item = 0; item < a.items.size(); ++item)
        itemsWithRows += engine::hasNoRows(byItem, item) ? 0 : 1;
    QVERIFY(itemsWithRows > 100);
    QCOMPARE(testsupport::queryValue(m_dbPath, "SELECT count(*) FROM item_blocks").toLongLong(),
        itemsWithRows);
    model::SnapshotLoader loader((*store)->handle());
    auto loaded = loader.loadAll(m_summary.snapshot.version);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
    compareSnapshots(a, *loaded);
}

void TestStoredSnapshot::compareSnapshots(const engine::Snapshot &a, const engine::Snapshot &b)
{

    QCOMPARE(b.manifest.snapshotId, a.manifest.snapshotId);
    QCOMPARE(b.manifest.asOf, a.manifest.asOf);
    QCOMPARE(b.manifest.currency, a.manifest.currency);
    QCOMPARE(b.manifest.extractedAt, a.manifest.extractedAt);
    QVERIFY(a.transfers.size() > 0 && a.forecast.size() > 0 && a.substituteGroups.size() > 0);

    QVERIFY(sameIds(a.locations.ids, b.locations.ids));
    QVERIFY(sameColumn(a.locations.name, b.locations.name));
    QVERIFY(sameColumn(a.locations.type, b.locations.type));
    QVERIFY(sameColumn(a.locations.region, b.locations.region));
    QVERIFY(sameColumn(a.locations.storageCapacity, b.locations.storageCapacity));
    QVERIFY(sameColumn(a.locations.inboundCapacityPerDay, b.locations.inboundCapacityPerDay));

    QVERIFY(sameIds(a.items.ids, b.items.ids));
    QVERIFY(sameIds(a.substituteGroups, b.substituteGroups));
    QVERIFY(sameColumn(a.items.description, b.items.description));
    QVERIFY(sameColumn(a.items.unitCost, b.items.unitCost));
    QVERIFY(sameColumn(a.items.unitPrice, b.items.unitPrice));
    QVERIFY(sameColumn(a.items.abcClass, b.items.abcClass));
    QVERIFY(sameColumn(a.items.shelfLifeDays, b.items.shelfLifeDays));
    QVERIFY(sameColumn(a.items.substituteGroup, b.items.substituteGroup));

    QVERIFY(sameIds(a.suppliers.ids, b.suppliers.ids));
    QVERIFY(sameColumn(a.suppliers.leadTimeDays, b.suppliers.leadTimeDays));
    QVERIFY(sameColumn(a.suppliers.leadTimeStdDays, b.suppliers.leadTimeStdDays));
    QVERIFY(sameColumn(a.suppliers.onTimeRate, b.suppliers.onTimeRate));
    QVERIFY(sameColumn(a.suppliers.expediteCostPerUnit, b.suppliers.expediteCostPerUnit));
    QVERIFY(sameColumn(a.suppliers.expediteMaxDays, b.suppliers.expediteMaxDays));

    QVERIFY(sameIds(a.customers.ids, b.customers.ids));
    QVERIFY(sameColumn(a.customers.tier, b.customers.tier));
    QVERIFY(sameColumn(a.customers.latePenaltyPerUnitDay, b.customers.latePenaltyPerUnitDay));

    const auto &il = a.itemLocations, &jl = b.itemLocations;
    QVERIFY(sameColumn(il.item, jl.item) && sameColumn(il.location, jl.location));
    QVERIFY(sameColumn(il.onHand, jl.onHand) && sameColumn(il.allocated, jl.allocated));
    QVERIFY(sameColumn(il.safetyStock, jl.safetyStock));
    QVERIFY(sameColumn(il.reorderPoint, jl.reorderPoint) && sameColumn(il.orderUpTo, jl.orderUpTo));
    QVERIFY(sameColumn(il.dailyDemand, jl.dailyDemand)
        && sameColumn(il.dailyDemandStd, jl.dailyDemandStd));
    QVERIFY(
        sameColumn(il.supplier, jl.supplier) && sameColumn(il.sourceLocation, jl.sourceLocation));
    QVERIFY(sameColumn(il.leadTimeDays, jl.leadTimeDays)
        && sameColumn(il.leadTimeStdDays, jl.leadTimeStdDays));
    QVERIFY(sameColumn(il.minOrderQty, jl.minOrderQty)
        && sameColumn(il.orderMultiple, jl.orderMultiple));
    QVERIFY(sameColumn(il.lastCountDate, jl.lastCountDate));
    QVERIFY(sameColumn(il.countVarianceRate, jl.countVarianceRate));

    const auto &so = a.salesOrders, &to = b.salesOrders;
    QVERIFY(sameColumn(so.orderId, to.orderId) && sameColumn(so.line, to.line));
    QVERIFY(sameColumn(so.customer, to.customer) && sameColumn(so.item, to.item));
    QVERIFY(sameColumn(so.location, to.location) && sameColumn(so.qtyOpen, to.qtyOpen));
    QVERIFY(sameColumn(so.orderDate, to.orderDate) && sameColumn(so.dueDate, to.dueDate));
    QVERIFY(sameColumn(so.unitPrice, to.unitPrice));

    const auto &po = a.purchaseOrders, &qo = b.purchaseOrders;
    QVERIFY(sameColumn(po.poId, qo.poId) && sameColumn(po.line, qo.line));
    QVERIFY(sameColumn(po.supplier, qo.supplier) && sameColumn(po.item, qo.item));
    QVERIFY(sameColumn(po.location, qo.location) && sameColumn(po.qtyOpen, qo.qtyOpen));
    QVERIFY(sameColumn(po.orderDate, qo.orderDate) && sameColumn(po.expectedDate, qo.expectedDate));
    QVERIFY(sameColumn(po.promisedDate, qo.promisedDate) && sameColumn(po.status, qo.status));

    const auto &tr = a.transfers, &ur = b.transfers;
    QVERIFY(sameColumn(tr.transferId, ur.transferId) && sameColumn(tr.item, ur.item));
    QVERIFY(
        sameColumn(tr.fromLocation, ur.fromLocation) && sameColumn(tr.toLocation, ur.toLocation));
    QVERIFY(sameColumn(tr.qty, ur.qty) && sameColumn(tr.shipDate, ur.shipDate));
    QVERIFY(sameColumn(tr.expectedDate, ur.expectedDate));

    const auto &la = a.lanes, &lb = b.lanes;
    QVERIFY(sameColumn(la.from, lb.from) && sameColumn(la.to, lb.to));
    QVERIFY(
        sameColumn(la.transitDays, lb.transitDays) && sameColumn(la.costPerUnit, lb.costPerUnit));
    QVERIFY(
        sameColumn(la.fixedCost, lb.fixedCost) && sameColumn(la.capacityPerDay, lb.capacityPerDay));
    QVERIFY(sameColumn(la.active, lb.active));

    const auto &fa = a.forecast, &fb = b.forecast;
    QVERIFY(sameColumn(fa.item, fb.item) && sameColumn(fa.location, fb.location));
    QVERIFY(sameColumn(fa.date, fb.date) && sameColumn(fa.qty, fb.qty));
}

void TestStoredSnapshot::rescoreFromStoreGivesImportQueue()
{
    auto imported = m_workbench->runs().queue();
    QVERIFY(imported);
    // A fresh Workbench has nothing in memory: it reads the snapshot back from the store.
    m_workbench.reset();
    auto reopened = model::Workbench::open(m_dbPath);
    QVERIFY(reopened);
    auto run = (*reopened)->runs().rescore({});
    QVERIFY2(run, qPrintable(run ? QString() : run.error().message));
    QVERIFY(run->runId > m_summary.run.runId);
    QCOMPARE(run->policyHash, m_summary.run.policyHash);
    auto rescored = (*reopened)->runs().queue();
    QVERIFY(rescored);
    QCOMPARE(rescored->run.runId, run->runId);
    QCOMPARE(queueLines(*rescored), queueLines(*imported));
    QCOMPARE(rescored->itemDescriptions, imported->itemDescriptions);

    // Another policy re-ranks: doubling one weight doubles that factor's share.
    engine::Policy heavy;
    heavy.weights[std::size_t(engine::FactorKind::MarginAtRisk)] = 2.0;
    auto heavyRun = (*reopened)->runs().rescore(heavy);
    QVERIFY(heavyRun);
    QCOMPARE(heavyRun->policyHash, model::policyHash(heavy));
    QVERIFY(heavyRun->policyHash != run->policyHash);
}

void TestStoredSnapshot::runPolicyIsTheLatestRunsPolicy()
{
    // The import scored with the default policy.
    auto imported = m_workbench->runs().runPolicy();
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
    QCOMPARE(model::canonicalPolicyJson(*imported), model::canonicalPolicyJson(engine::Policy {}));

    // A re-score with other weights: the run's policy is that one, after reopening too.
    engine::Policy other;
    other.weights[std::size_t(engine::FactorKind::MarginAtRisk)] = 2.0;
    other.weights[std::size_t(engine::FactorKind::CarryingCost)] = 0.25;
    auto run = m_workbench->runs().rescore(other);
    QVERIFY(run);
    auto rescored = m_workbench->runs().runPolicy();
    QVERIFY(rescored);
    QVERIFY(rescored->weights == other.weights);
    QCOMPARE(model::policyHash(*rescored), run->policyHash);
    m_workbench.reset();
    {
        auto reopened = model::Workbench::open(m_dbPath);
        QVERIFY(reopened);
        auto read = (*reopened)->runs().runPolicy();
        QVERIFY(read);
        QVERIFY(read->weights == other.weights);
    }

    // A snapshot that was never scored has no run policy: an error saying so, not a
    // default that would pass for one.
    {
        auto store = model::Store::open(m_dbPath);
        QVERIFY(store);
        QCOMPARE(sqlite3_exec((*store)->handle(), "DELETE FROM run_queues; DELETE FROM score_runs",
                     nullptr, nullptr, nullptr),
            SQLITE_OK);
    }
    auto unscored = model::Workbench::open(m_dbPath);
    QVERIFY(unscored);
    auto none = (*unscored)->runs().runPolicy();
    QVERIFY(!none);
    QCOMPARE(none.error().code, model::Error::BadInput);
    QVERIFY2(none.error().message.contains(u"not been scored"_s), qPrintable(none.error().message));

    // Nor has an empty database.
    QTemporaryDir empty;
    auto blank = model::Workbench::open(empty.filePath(u"blank.db"_s));
    QVERIFY(blank);
    none = (*blank)->runs().runPolicy();
    QVERIFY(!none);
    QCOMPARE(none.error().code, model::Error::BadInput);
    QVERIFY2(none.error().message.contains(u"import"_s), qPrintable(none.error().message));
}

void TestStoredSnapshot::damagedBlocksAreClearErrors_data()
{
    QTest::addColumn<QByteArray>("damage");
    QTest::addColumn<QString>("message");
    // A changed block no longer matches its checksum.
    QTest::newRow("changed") << QByteArray("UPDATE item_blocks SET block = substr(block, 1, "
                                           "length(block) - 3) || x'000000' WHERE item_seq = 7")
                             << u"the block of item 7 of snapshot version 1 does not match its "
                                u"checksum. Import the snapshot again"_s;
    // The rest damage a block and seal it again, as a faulty writer would: the decoder's
    // own checks still hold.
    QTest::newRow("cut short") << QByteArray("UPDATE item_blocks SET block = substr(block, 1, "
                                             "length(block) - 3) WHERE item_seq = 7; ")
            + kReseal << u"the block of item 7 of snapshot version 1 cannot be read"_s;
    QTest::newRow("unknown format") << QByteArray("UPDATE item_blocks SET block = "
                                                  "x'09' || substr(block, 2) WHERE item_seq = 7; ")
            + kReseal << u"the block of item 7 of snapshot version 1 cannot be read"_s;
    // Another item's rows a second time: every row is claimed twice.
    QTest::newRow("rows twice") << QByteArray(
                                       "UPDATE item_blocks SET block = (SELECT block FROM "
                                       "item_blocks WHERE item_seq = 3) WHERE item_seq = 7; ")
            + kReseal << u"repeats or misplaces a row"_s;
    QTest::newRow("rows missing") << QByteArray("DELETE FROM item_blocks WHERE item_seq = 7")
                                  << u"lack rows the snapshot counts"_s;
}

void TestStoredSnapshot::damagedBlocksAreClearErrors()
{
    // A block that does not read back whole makes a re-score fail with a message that
    // says so, never a partial snapshot or a crash; the stored queue stays readable.
    QFETCH(QByteArray, damage);
    QFETCH(QString, message);
    auto imported = m_workbench->runs().queue();
    QVERIFY(imported);
    m_workbench.reset();
    {
        auto store = model::Store::open(m_dbPath);
        QVERIFY(store);
        QCOMPARE(sqlite3_exec((*store)->handle(), damage.constData(), nullptr, nullptr, nullptr),
            SQLITE_OK);
    }
    auto reopened = model::Workbench::open(m_dbPath);
    QVERIFY(reopened);
    auto run = (*reopened)->runs().rescore({});
    QVERIFY(!run);
    QVERIFY2(run.error().message.contains(u"damaged"_s), qPrintable(run.error().message));
    QVERIFY2(run.error().message.contains(message), qPrintable(run.error().message));
    auto queue = (*reopened)->runs().queue();
    QVERIFY(queue);
    QCOMPARE(queueLines(*queue), queueLines(*imported));
}

void TestStoredSnapshot::runRowsMigrateToQueueImages()
{
    // A database of schema 2 keeps a row per exception; opening it converts every run
    // to a queue image that reads back as the same queue, decisions included.
    auto before = m_workbench->runs().queue();
    QVERIFY(before);
    const QString decidedId = before->exceptionId(3);
    QVERIFY(m_workbench->decisions().record(decidedId, 0, model::Decision::Rejected, kAna));
    before = m_workbench->runs().queue();
    QVERIFY(before);
    QCOMPARE(before->decision[3], quint8(model::Decision::Rejected));
    m_workbench.reset();
    {
        auto store = model::Store::open(m_dbPath);
        QVERIFY(store);
        QCOMPARE(testsupport::downgradeToSchema2((*store)->handle()), QString());
        QCOMPARE(writeRowsOfSchema2((*store)->handle(), *before), QString());
    }
    QCOMPARE(testsupport::queryValue(m_dbPath, "SELECT count(*) FROM exceptions").toLongLong(),
        qint64(before->size()));

    auto reopened = model::Workbench::open(m_dbPath);
    QVERIFY2(reopened, qPrintable(reopened ? QString() : reopened.error().message));
    QCOMPARE(
        testsupport::queryValue(m_dbPath, "PRAGMA user_version").toInt(), model::kSchemaVersion);
    auto after = (*reopened)->runs().queue();
    QVERIFY2(after, qPrintable(after ? QString() : after.error().message));
    QCOMPARE(after->size(), before->size());
    for (qsizetype r = 0; r < before->size(); ++r) {
        const auto i = std::size_t(r);
        QCOMPARE(after->exceptionId(r), before->exceptionId(r));
        QCOMPARE(after->rank[i], before->rank[i]);
        QCOMPARE(after->itemDescriptions.at(after->item[i]),
            before->itemDescriptions.at(before->item[i]));
        QCOMPARE(after->supplier[i] < 0 ? QString() : after->supplierIds.at(after->supplier[i]),
            before->supplier[i] < 0 ? QString() : before->supplierIds.at(before->supplier[i]));
        QCOMPARE(after->score[i], before->score[i]);
        QCOMPARE(after->needDate[i], before->needDate[i]);
        QCOMPARE(after->topFactor[i], before->topFactor[i]);
        QCOMPARE(after->action[i], before->action[i]);
        QCOMPARE(after->worstTier[i], before->worstTier[i]);
        QCOMPARE(after->abcClass[i], before->abcClass[i]);
        QCOMPARE(after->decision[i], before->decision[i]);
        for (int f = 0; f < engine::kFactorCount; ++f) {
            const std::size_t k = i * engine::kFactorCount + std::size_t(f);
            QCOMPARE(after->factorAmounts[k], before->factorAmounts[k]);
        }
    }
    // The decision still names its exception, which still explains.
    auto standing = (*reopened)->decisions().standing();
    QVERIFY(standing);
    QCOMPARE(standing->size(), std::size_t(1));
    QCOMPARE(standing->front().exceptionId, decidedId);
    auto explained = (*reopened)->runs().explainException(decidedId);
    QVERIFY2(explained, qPrintable(explained ? QString() : explained.error().message));
    QCOMPARE(explained->exception->rank, 4);
}

void TestStoredSnapshot::rowTablesMigrateToItemBlocks()
{
    // A database of schema 3 keeps a table row per line of the large files, with dates
    // as text; opening it turns them into day numbers (schema 4) and then into item
    // blocks (schema 5), and every exception explains exactly as before.
    auto queue = m_workbench->runs().queue();
    QVERIFY(queue);
    std::vector<QJsonObject> before;
    for (qsizetype r = 0; r < queue->size(); ++r) {
        auto e = m_workbench->runs().explainException(queue->exceptionId(r));
        QVERIFY(e);
        before.push_back(model::explanationToJson(*e));
    }
    m_workbench.reset();
    {
        auto store = model::Store::open(m_dbPath);
        QVERIFY(store);
        QCOMPARE(testsupport::downgradeToSchema3((*store)->handle()), QString());
    }
    QCOMPARE(testsupport::queryValue(m_dbPath,
                 "SELECT count(*) FROM sqlite_schema WHERE name "
                 "= 'item_blocks'"),
        QByteArray("0"));
    QCOMPARE(testsupport::queryValue(
                 m_dbPath, "SELECT typeof(due_date) || ' ' || due_date FROM sales_orders LIMIT 1")
                 .left(5),
        QByteArray("text "));

    auto reopened = model::Workbench::open(m_dbPath);
    QVERIFY2(reopened, qPrintable(reopened ? QString() : reopened.error().message));
    QCOMPARE(
        testsupport::queryValue(m_dbPath, "PRAGMA user_version").toInt(), model::kSchemaVersion);
    // The row tables are gone, their rows are in blocks.
    QCOMPARE(testsupport::queryValue(m_dbPath,
                 "SELECT count(*) FROM sqlite_schema WHERE name IN ('item_locations', "
                 "'sales_orders', 'purchase_orders', 'transfers', 'forecast', "
                 "'snapshot_images')"),
        QByteArray("0"));
    QVERIFY(testsupport::queryValue(m_dbPath, "SELECT count(*) FROM item_blocks").toInt() > 100);
    for (qsizetype r = 0; r < queue->size(); ++r) {
        auto e = (*reopened)->runs().explainException(queue->exceptionId(r));
        QVERIFY2(e, qPrintable(e ? QString() : e.error().message));
        QCOMPARE(model::explanationToJson(*e), before[std::size_t(r)]);
    }

    // The rows read back as the parsed snapshot.
    auto files = model::readSnapshotFiles(m_snapshot);
    QVERIFY(files);
    const engine::ParseResult parsed = engine::parseSnapshot(*files);
    QVERIFY(parsed.ok());
    reopened->reset();
    auto store = model::Store::open(m_dbPath);
    QVERIFY(store);
    model::SnapshotLoader loader((*store)->handle());
    auto loaded = loader.loadAll(m_summary.snapshot.version);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
    compareSnapshots(parsed.snapshot, *loaded);
}

void TestStoredSnapshot::damagedQueueImageIsAnError()
{
    auto queue = m_workbench->runs().queue();
    QVERIFY(queue);
    QVERIFY(queue->size() > 0);

    // Every exception is found in the image by its id, at its rank; others are not.
    QByteArray image = testsupport::queryValue(m_dbPath, "SELECT hex(queue) FROM run_queues");
    image = QByteArray::fromHex(image);
    const std::string_view view(image.constData(), std::size_t(image.size()));
    const model::MemoryImageSource source(view);
    for (qsizetype r = 0; r < queue->size(); ++r) {
        auto hit = model::findInQueueImage(source, queue->exceptionId(r).toStdString());
        QVERIFY(hit && *hit);
        QCOMPARE((*hit)->row, std::size_t(r));
        QCOMPARE(
            QString::fromStdString((*hit)->itemId), queue->itemIds.at(queue->item[std::size_t(r)]));
    }
    auto missing = model::findInQueueImage(source, "shortage:NOPE@NOWHERE");
    QVERIFY(missing && !*missing);

    // A truncated image, or one with another magic, is refused, not read.
    model::Queue q;
    QVERIFY(!model::decodeQueueImage(view.substr(0, view.size() - 8), q));
    QVERIFY(!model::findInQueueImage(model::MemoryImageSource(view.substr(0, 100)), "x"));
    QByteArray wrongMagic = image;
    wrongMagic[0] = 'X';
    QVERIFY(!model::decodeQueueImage(
        std::string_view(wrongMagic.constData(), std::size_t(wrongMagic.size())), q));

    // A stored image that was overwritten makes the queue and explanations a clear
    // error.
    {
        auto store = model::Store::open(m_dbPath);
        QVERIFY(store);
        QCOMPARE(
            sqlite3_exec((*store)->handle(),
                "UPDATE run_queues SET queue = zeroblob(length(queue))", nullptr, nullptr, nullptr),
            SQLITE_OK);
    }
    m_workbench.reset();
    auto reopened = model::Workbench::open(m_dbPath);
    QVERIFY(reopened);
    auto damaged = (*reopened)->runs().queue();
    QVERIFY(!damaged);
    QVERIFY2(damaged.error().message.contains(u"damaged"_s), qPrintable(damaged.error().message));
    auto explained = (*reopened)->runs().explainException(queue->exceptionId(0));
    QVERIFY(!explained);
    QCOMPARE(explained.error().code, model::Error::Database);
}

void TestStoredSnapshot::queueImageFormatOneStillReads()
{
    auto queue = m_workbench->runs().queue();
    QVERIFY(queue);
    const std::size_t n = std::size_t(queue->size());
    // The generated snapshot has rows whose only options arrive late: the case format 1
    // could not hold.
    std::size_t late = 0;
    for (std::size_t r = 0; r < n; ++r)
        late += queue->action[r] >= 0 && !queue->actionFeasible[r] ? 1 : 0;
    QVERIFY(late > 0);

    // The columns of the stored queue, encoded again in both formats.
    std::vector<std::string> itemIds, locationIds, supplierIds;
    const auto strings = [](const QStringList &from, std::vector<std::string> &to) {
        for (const QString &s : from)
            to.push_back(s.toStdString());
    };
    strings(queue->itemIds, itemIds);
    strings(queue->locationIds, locationIds);
    strings(queue->supplierIds, supplierIds);
    model::QueueRows rows;
    rows.resize(n);
    rows.itemIds.assign(itemIds.begin(), itemIds.end());
    rows.locationIds.assign(locationIds.begin(), locationIds.end());
    rows.supplierIds.assign(supplierIds.begin(), supplierIds.end());
    rows.item = queue->item;
    rows.location = queue->location;
    rows.supplier = queue->supplier;
    rows.type = queue->type;
    rows.topFactor = queue->topFactor;
    rows.worstTier = queue->worstTier;
    rows.action = queue->action;
    rows.actionFeasible = queue->actionFeasible;
    rows.abcClass = queue->abcClass;
    rows.score = queue->score;
    rows.actionCost = queue->actionCost;
    rows.needDate = queue->needDate;
    rows.factorAmounts = queue->factorAmounts;

    model::Queue current;
    const std::string image = model::encodeQueueImage(rows);
    QVERIFY(model::decodeQueueImage(image, current));
    QCOMPARE(queueLines(current), queueLines(*queue));
    QVERIFY(current.actionFeasible == queue->actionFeasible);
    QVERIFY(sameColumn(current.actionCost, queue->actionCost));
    QVERIFY(sameColumn(current.factorAmounts, queue->factorAmounts));

    // Format 2 kept every factor amount, zero or not; it still reads, and the sparse
    // amounts of format 3 take far less room.
    const std::string dense = model::encodeQueueImage(rows, 2);
    model::Queue formatTwo;
    QVERIFY(model::decodeQueueImage(dense, formatTwo));
    QVERIFY(sameColumn(formatTwo.factorAmounts, queue->factorAmounts));
    QCOMPARE(queueLines(formatTwo), queueLines(*queue));
    QVERIFY2(image.size() * 4 < dense.size() * 3,
        qPrintable(QString::number(image.size()) + u" vs "_s + QString::number(dense.size())));
    // An amount of -0.0 is stored like any other that is not all zero bits, and
    // comes back with its sign.
    {
        std::vector<double> amounts = rows.factorAmounts;
        model::QueueRows odd = rows;
        odd.factorAmounts[0] = -0.0; // stored: its bits are not all zero
        const std::string withNegativeZero = model::encodeQueueImage(odd);
        model::Queue back;
        QVERIFY(model::decodeQueueImage(withNegativeZero, back));
        QVERIFY(std::signbit(back.factorAmounts[0]) && back.factorAmounts[0] == 0.0);
        QCOMPARE(withNegativeZero.size(), image.size() + (amounts[0] == 0.0 ? 8 : 0));
    }

    // Format 1 has no feasibility column and a shorter header; it held only feasible
    // actions, so every action reads as feasible and everything else as before.
    const std::string old = model::encodeQueueImage(rows, 1);
    QVERIFY(old.size() < dense.size());
    model::Queue formatOne;
    auto decoded = model::decodeQueueImage(old, formatOne);
    QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error()));
    QCOMPARE(queueLines(formatOne), queueLines(*queue));
    for (std::size_t r = 0; r < n; ++r)
        QCOMPARE(formatOne.actionFeasible[r], quint8(queue->action[r] >= 0 ? 1 : 0));
    // Lookups by id read format 1 too.
    const model::MemoryImageSource source(old);
    auto hit = model::findInQueueImage(source, queue->exceptionId(3).toStdString());
    QVERIFY(hit && *hit);
    QCOMPARE((*hit)->row, std::size_t(3));

    // A database holding a format 1 image opens and shows its queue and explanations.
    {
        auto store = model::Store::open(m_dbPath);
        QVERIFY(store);
        sqlite3_stmt *st = nullptr;
        QCOMPARE(sqlite3_prepare_v2((*store)->handle(),
                     "UPDATE run_queues SET format = 1, queue = ?1, checksums = "
                     "pwb_chunk_checksums(run_id, 1, ?1)",
                     -1, &st, nullptr),
            SQLITE_OK);
        sqlite3_bind_blob64(st, 1, old.data(), old.size(), SQLITE_STATIC);
        QCOMPARE(sqlite3_step(st), SQLITE_DONE);
        sqlite3_finalize(st);
    }
    m_workbench.reset();
    auto reopened = model::Workbench::open(m_dbPath);
    QVERIFY(reopened);
    auto read = (*reopened)->runs().queue();
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
    QCOMPARE(queueLines(*read), queueLines(*queue));
    QVERIFY(read->actionFeasible == formatOne.actionFeasible);
    auto explained = (*reopened)->runs().explainException(queue->exceptionId(2));
    QVERIFY2(explained, qPrintable(explained ? QString() : explained.error().message));
    QCOMPARE(explained->exception->rank, 3);

    // A format this build does not know is refused.
    std::string future = image;
    const auto next = std::uint32_t(model::kQueueImageFormat + 1);
    std::memcpy(future.data() + 8, &next, 4);
    model::Queue q;
    QVERIFY(!model::decodeQueueImage(future, q));
}

QTEST_GUILESS_MAIN(TestStoredSnapshot)
#include "test_storedsnapshot.moc"
