// Importing snapshots: every broken fixture is refused with its error and leaves the
// database exactly as it was; valid snapshots import and score; versions accumulate;
// a .zip gives the same queue as its folder; a damaged .zip is a clear error.

#include "model/workbench.h"
#include "testsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace Qt::StringLiterals;

namespace {

QString firstLine(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readLine()).trimmed();
}

/// The queue as comparable text, one line per row.
QStringList queueLines(const model::Queue &q)
{
    QStringList lines;
    for (qsizetype r = 0; r < q.size(); ++r) {
        const auto i = std::size_t(r);
        lines << q.exceptionId(r) + u' ' + QString::number(q.rank[i]) + u' '
                + QString::number(q.score[i], 'g', 17) + u' ' + QString::number(q.needDate[i]);
    }
    return lines;
}

} // namespace

class TestImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void brokenFixturesChangeNothing_data();
    void brokenFixturesChangeNothing();
    void goodImportAfterBadOne();
    void frePPLeDemoImportsAndScores();
    void twoImportsMakeTwoVersions();
    void zipGivesSameQueueAsFolder_data();
    void zipGivesSameQueueAsFolder();
    void damagedZipIsClearError();
    void missingPathIsClearError();
    void importsFromQtResource();
    void cancelledImportChangesNothing();
    void importCancelledMidwayRollsBack();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<model::Workbench> m_workbench;
    QString m_dbPath;
};

void TestImport::init()
{
    m_workbench.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_dbPath = m_dir->filePath(u"wb.db"_s);
    auto workbench = model::Workbench::open(m_dbPath);
    QVERIFY(workbench);
    m_workbench = std::move(*workbench);
}

void TestImport::brokenFixturesChangeNothing_data()
{
    QTest::addColumn<QString>("folder");
    QDir broken(testsupport::dataDir() + u"/broken"_s);
    const QStringList cases = broken.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY2(cases.size() >= 10, "the broken fixtures are missing");
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << broken.filePath(name);
}

void TestImport::brokenFixturesChangeNothing()
{
    QFETCH(QString, folder);
    const QString expected = firstLine(folder + u"/expected-error.txt"_s);
    QVERIFY2(!expected.isEmpty(), "expected-error.txt is missing");

    // A database that already holds a snapshot, a run and a decision.
    auto good = m_workbench->importer().importSnapshot(
        testsupport::dataDir() + u"/valid/all-files"_s, {});
    QVERIFY2(good, qPrintable(good ? QString() : good.error().message));
    const QByteArray before = testsupport::dumpDatabase(m_dbPath);
    QVERIFY(!before.isEmpty());

    auto result = m_workbench->importer().importSnapshot(folder, {});
    QVERIFY(!result);
    QCOMPARE(result.error().code, model::Error::BadInput);
    QVERIFY2(
        result.error().message.startsWith(folder + u": "_s), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(u"error"_s), qPrintable(result.error().message));
    QVERIFY2(result.error().details.contains(expected),
        qPrintable(
            u"expected \""_s + expected + u"\" among:\n"_s + result.error().details.join(u'\n')));
    QCOMPARE(testsupport::dumpDatabase(m_dbPath), before);
}

void TestImport::goodImportAfterBadOne()
{
    auto bad = m_workbench->importer().importSnapshot(
        testsupport::dataDir() + u"/broken/bad-date"_s, {});
    QVERIFY(!bad);
    auto snapshots = m_workbench->snapshots().list();
    QVERIFY(snapshots && snapshots->empty());

    auto good = m_workbench->importer().importSnapshot(
        testsupport::dataDir() + u"/valid/all-files"_s, {});
    QVERIFY2(good, qPrintable(good ? QString() : good.error().message));
    // The failed import did not use up a version number.
    QCOMPARE(good->snapshot.version, 1);
    QCOMPARE(good->run.snapshotVersion, 1);
}

void TestImport::frePPLeDemoImportsAndScores()
{
    const QString folder = testsupport::dataDir() + u"/valid/frepple-distribution-demo"_s;
    auto summary = m_workbench->importer().importSnapshot(folder, {});
    QVERIFY2(summary,
        qPrintable(summary
                ? QString()
                : summary.error().message + u'\n' + summary.error().details.join(u'\n')));
    QCOMPARE(summary->snapshot.snapshotId, u"frepple-distribution-demo"_s);
    QCOMPARE(summary->snapshot.currency, u"EUR"_s);
    QCOMPARE(summary->snapshot.asOf, *engine::parseDate("2021-01-26"));
    // 33 data rows in item_locations.csv.
    QCOMPARE(summary->snapshot.itemLocationCount, 33);
    QVERIFY(summary->run.runId > 0);
    QCOMPARE(summary->run.scoringVersion, QString::fromUtf8(engine::kScoringVersion));
    QCOMPARE(summary->run.policyHash, model::policyHash({}));

    auto queue = m_workbench->runs().queue();
    QVERIFY(queue);
    QCOMPARE(queue->size(), summary->run.exceptionCount);
    double total = 0;
    for (qsizetype r = 0; r < queue->size(); ++r) {
        QCOMPARE(queue->rank[std::size_t(r)], r + 1);
        total += queue->score[std::size_t(r)];
    }
    QCOMPARE(total, summary->run.totalScore);
    QCOMPARE(
        testsupport::queryValue(m_dbPath, "SELECT count(*) FROM items WHERE snapshot_version = 1")
            .toInt(),
        11);
}

void TestImport::twoImportsMakeTwoVersions()
{
    const QString folder = testsupport::dataDir() + u"/valid/all-files"_s;
    auto first = m_workbench->importer().importSnapshot(folder, {});
    QVERIFY(first);
    engine::Policy other;
    other.weights[0] = 2.0;
    auto second = m_workbench->importer().importSnapshot(
        testsupport::dataDir() + u"/valid/frepple-distribution-demo"_s, other);
    QVERIFY(second);
    QCOMPARE(first->snapshot.version, 1);
    QCOMPARE(second->snapshot.version, 2);
    QVERIFY(second->run.runId > first->run.runId);
    QVERIFY(second->run.policyHash != first->run.policyHash);

    auto all = m_workbench->snapshots().list();
    QVERIFY(all);
    QCOMPARE(all->size(), std::size_t(2));
    QCOMPARE(all->at(0).snapshotId, first->snapshot.snapshotId);
    auto current = m_workbench->snapshots().current();
    QVERIFY(current && *current);
    QCOMPARE((*current)->version, 2);
    QCOMPARE((*current)->snapshotId, u"frepple-distribution-demo"_s);
    auto queue = m_workbench->runs().queue();
    QVERIFY(queue);
    QCOMPARE(queue->run.runId, second->run.runId);
    // The earlier version's rows stay, and read back whole.
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open_v2(qPrintable(m_dbPath), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    auto earlier = model::SnapshotLoader(db).loadAll(1);
    sqlite3_close(db);
    QVERIFY2(earlier, qPrintable(earlier ? QString() : earlier.error().message));
    QCOMPARE(earlier->itemLocations.size(), first->snapshot.itemLocationCount);
    QCOMPARE(earlier->manifest.snapshotId, first->snapshot.snapshotId.toStdString());
}

void TestImport::zipGivesSameQueueAsFolder_data()
{
    QTest::addColumn<bool>("deflate");
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<bool>("zip64");
    QTest::newRow("stored, at the top") << false << QByteArray() << false;
    QTest::newRow("deflate, at the top") << true << QByteArray() << false;
    QTest::newRow("deflate, inside a folder") << true << QByteArray("nightly-2026-11-28/") << false;
    QTest::newRow("deflate, ZIP64 records") << true << QByteArray("nightly/") << true;
}

void TestImport::zipGivesSameQueueAsFolder()
{
    QFETCH(bool, deflate);
    QFETCH(QByteArray, prefix);
    QFETCH(bool, zip64);
    const QString folder = m_dir->filePath(u"snapshot"_s);
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(testsupport::generate(folder, 60, 4, 11), QString());

    auto fromFolder = m_workbench->importer().importSnapshot(folder, {});
    QVERIFY2(fromFolder, qPrintable(fromFolder ? QString() : fromFolder.error().message));
    auto folderQueue = m_workbench->runs().queue();
    QVERIFY(folderQueue);
    QVERIFY(folderQueue->size() > 0);

    const QString zip = m_dir->filePath(u"snapshot.zip"_s);
    QVERIFY(testsupport::writeZip(zip, testsupport::folderEntries(folder, prefix), deflate, zip64));
    auto fromZip = m_workbench->importer().importSnapshot(zip, {});
    QVERIFY2(fromZip, qPrintable(fromZip ? QString() : fromZip.error().message));
    QCOMPARE(fromZip->snapshot.version, 2);
    auto zipQueue = m_workbench->runs().queue();
    QVERIFY(zipQueue);
    QCOMPARE(queueLines(*zipQueue), queueLines(*folderQueue));
    QCOMPARE(fromZip->run.totalScore, fromFolder->run.totalScore);
}

void TestImport::damagedZipIsClearError()
{
    const QString folder = testsupport::dataDir() + u"/valid/all-files"_s;
    const QString zip = m_dir->filePath(u"snapshot.zip"_s);
    const auto entries = testsupport::folderEntries(folder, {});
    QVERIFY(testsupport::writeZip(zip, entries, true));
    QFile file(zip);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray good = file.readAll();
    file.close();
    const QByteArray before = testsupport::dumpDatabase(m_dbPath);

    struct Damage {
        const char *name;
        QByteArray bytes;
    };
    QByteArray flipped = good;
    // Inside the first entry's compressed data, past its 30-byte header and name.
    const qsizetype inData = 30 + entries.front().name.size() + 4;
    flipped[inData] = char(flipped[inData] ^ 0x5a);
    const std::vector<Damage> damages {
        {"truncated", good.left(good.size() / 2)},
        {"flipped byte", flipped},
        {"no end record", good.left(good.size() - 22)},
        {"not a zip at all", QByteArray("PK\x03\x04 this is not really a zip archive")},
    };
    for (const auto &damage : damages) {
        QFile out(zip);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(damage.bytes);
        out.close();
        auto result = m_workbench->importer().importSnapshot(zip, {});
        QVERIFY2(!result, damage.name);
        QCOMPARE(result.error().code, model::Error::BadInput);
        QVERIFY2(
            result.error().message.contains(u"snapshot.zip"_s), qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(u"zip"_s), qPrintable(result.error().message));
        QCOMPARE(testsupport::dumpDatabase(m_dbPath), before);
    }
}

void TestImport::missingPathIsClearError()
{
    auto result = m_workbench->importer().importSnapshot(m_dir->filePath(u"nowhere"_s), {});
    QVERIFY(!result);
    QCOMPARE(result.error().code, model::Error::BadInput);
    QVERIFY(result.error().message.contains(u"nowhere"_s));
}

void TestImport::importsFromQtResource()
{
    auto fromResource = m_workbench->importer().importSnapshot(u":/fixture"_s, {});
    QVERIFY2(fromResource, qPrintable(fromResource ? QString() : fromResource.error().message));
    auto resourceQueue = m_workbench->runs().queue();
    QVERIFY(resourceQueue);
    auto fromFolder = m_workbench->importer().importSnapshot(
        testsupport::dataDir() + u"/valid/all-files"_s, {});
    QVERIFY(fromFolder);
    QCOMPARE(fromFolder->snapshot.itemLocationCount, fromResource->snapshot.itemLocationCount);
    auto folderQueue = m_workbench->runs().queue();
    QVERIFY(folderQueue);
    QCOMPARE(queueLines(*resourceQueue), queueLines(*folderQueue));
    // The resource path is recorded as given, not made absolute.
    QCOMPARE(
        testsupport::queryValue(m_dbPath, "SELECT source_path FROM snapshots WHERE version = 1"),
        QByteArray(":/fixture"));
}

void TestImport::cancelledImportChangesNothing()
{
    const QByteArray before = testsupport::dumpDatabase(m_dbPath);
    std::atomic<bool> cancel {true};
    engine::Progress progress;
    progress.cancel = &cancel;
    auto result = m_workbench->importer().importSnapshot(
        testsupport::dataDir() + u"/valid/all-files"_s, {}, progress);
    QVERIFY(!result);
    QCOMPARE(result.error().code, model::Error::Cancelled);
    QCOMPARE(testsupport::dumpDatabase(m_dbPath), before);
}

void TestImport::importCancelledMidwayRollsBack()
{
    auto first = m_workbench->importer().importSnapshot(
        testsupport::dataDir() + u"/valid/all-files"_s, {});
    QVERIFY(first);
    const QByteArray before = testsupport::dumpDatabase(m_dbPath);

    // Large enough that rows are written (and progress reported) before the cancel.
    const QString folder = m_dir->filePath(u"snapshot"_s);
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(testsupport::generate(folder, 3000, 10, 21), QString());
    std::atomic<bool> cancel {false};
    std::int64_t reportedAtCancel = -1, total = 0;
    engine::Progress progress;
    progress.cancel = &cancel;
    progress.report = [&](std::int64_t done, std::int64_t all) {
        total = all;
        if (done > 0 && !cancel) {
            reportedAtCancel = done;
            cancel = true;
        }
    };
    auto result = m_workbench->importer().importSnapshot(folder, {}, progress);
    QVERIFY(!result);
    QCOMPARE(result.error().code, model::Error::Cancelled);
    QVERIFY(reportedAtCancel > 0 && reportedAtCancel < total);
    QCOMPARE(testsupport::dumpDatabase(m_dbPath), before);

    // And the same snapshot imports when left alone.
    auto again = m_workbench->importer().importSnapshot(folder, {});
    QVERIFY(again);
    QCOMPARE(again->snapshot.version, 2);
}

QTEST_GUILESS_MAIN(TestImport)
#include "test_import.moc"
