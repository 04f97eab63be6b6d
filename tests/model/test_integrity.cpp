// A damaged database file gives a clear "damaged" error or the very results it gave
// before, never other results: every byte of every item block and queue image of a
// small database flipped in turn, then bytes all over the file (the pages of the
// small tables, the indexes and SQLite's own structures too). Also the migration
// that adds the checksums to a schema 6 database.

#include "engine/scoring/scoring.h"
#include "importedstore.h"
#include "model/json/explanationjson.h"
#include "model/store/store.h"
#include "model/workbench.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <bit>
#include <random>

using namespace Qt::StringLiterals;

namespace {

/// Everything a planner sees of the current snapshot: the queue (with its run's
/// totals and item descriptions), the explanation of every exception in it, and a
/// full re-score of the stored snapshot. One line with the error when any fails.
QStringList results(const QString &path, const QStringList &exceptionIds)
{
    auto opened = model::Workbench::open(path);
    if (!opened)
        return {u"error: "_s + opened.error().message};
    model::Workbench &wb = **opened;
    auto queue = wb.runs().queue();
    if (!queue)
        return {u"error: "_s + queue.error().message};
    QStringList lines = storetest::queueLines(*queue);
    lines << queue->snapshot.snapshotId + u' ' + QString::number(queue->snapshot.asOf) + u' '
            + queue->snapshot.currency + u' ' + QString::number(queue->snapshot.itemLocationCount)
          << QString::number(queue->run.exceptionCount) + u' '
            + QString::number(queue->run.totalScore, 'g', 17) + u' ' + queue->run.policyHash
          << queue->itemDescriptions;
    for (const QString &id : exceptionIds) {
        auto explained = wb.runs().explainException(id);
        if (!explained)
            return {u"error: "_s + explained.error().message};
        lines << QString::fromUtf8(
            QJsonDocument(model::explanationToJson(*explained)).toJson(QJsonDocument::Compact));
    }
    auto current = wb.snapshots().requireCurrent();
    if (!current)
        return {u"error: "_s + current.error().message};
    auto whole = wb.snapshots().whole(*current);
    if (!whole)
        return {u"error: "_s + whole.error().message};
    const engine::RankedQueue rescored = engine::score(**whole, {}, {}, 1);
    for (const auto &x : rescored.exceptions)
        lines << QString::fromStdString(engine::exceptionId(**whole, x)) + u' '
                + QString::number(std::bit_cast<quint64>(x.score), 16);
    return lines;
}

/// What became of the flips: the same results, a "damaged" error, another error, or
/// other results without an error (the one outcome that must never happen).
struct Outcomes {
    int tried = 0, identical = 0, damaged = 0, otherError = 0, silent = 0;
    QStringList silentCases, otherErrors;

    void add(const QStringList &got, const QStringList &expected, const QString &what)
    {
        ++tried;
        if (got == expected) {
            ++identical;
        } else if (got.size() == 1 && got.front().startsWith(u"error: "_s)) {
            if (got.front().contains(u"damaged"_s) || got.front().contains(u"malformed"_s))
                ++damaged;
            else if (++otherError, otherErrors.size() < 20)
                otherErrors << what + u": "_s + got.front();
        } else if (++silent, silentCases.size() < 20) {
            silentCases << what;
        }
    }
    QString summary() const
    {
        return QString::number(tried) + u" flips: "_s + QString::number(identical)
            + u" identical, "_s + QString::number(damaged) + u" damaged, "_s
            + QString::number(otherError) + u" other errors, "_s + QString::number(silent)
            + u" silent"_s;
    }
};

/// The rowid, table and column of every blob to flip.
struct Blob {
    const char *table, *column;
    qint64 rowid;
    QByteArray bytes;
};

std::vector<Blob> blobsOf(const QString &path)
{
    std::vector<Blob> blobs;
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    for (const auto &[table, column] : {std::pair {"item_blocks", "block"},
             std::pair {"run_queues", "queue"}, std::pair {"run_queues", "checksums"}}) {
        const QByteArray sql
            = QByteArray("SELECT rowid, ") + column + " FROM " + table + " ORDER BY rowid";
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(db, sql.constData(), -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW) {
            blobs.push_back({table, column, sqlite3_column_int64(st, 0),
                QByteArray(static_cast<const char *>(sqlite3_column_blob(st, 1)),
                    sqlite3_column_bytes(st, 1))});
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return blobs;
}

bool writeBlob(const QString &path, const Blob &blob, const QByteArray &bytes)
{
    sqlite3 *db = nullptr;
    sqlite3_open(path.toUtf8().constData(), &db);
    const QByteArray sql
        = QByteArray("UPDATE ") + blob.table + " SET " + blob.column + " = ?1 WHERE rowid = ?2";
    sqlite3_stmt *st = nullptr;
    bool ok = sqlite3_prepare_v2(db, sql.constData(), -1, &st, nullptr) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_blob(st, 1, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, blob.rowid);
        ok = sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(db) == 1;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return ok;
}

} // namespace

class TestIntegrity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyBlobByteFlipIsFound();
    void flipsAcrossTheFileAreFound();
    void migrationAddsChecksums();

private:
    // In memory where the system offers it: every check opens and closes the
    // database, and each close syncs the file to disk.
    QTemporaryDir m_dir {QDir(u"/dev/shm"_s).isReadable()
            ? u"/dev/shm/pwb-integrity-XXXXXX"_s
            : QDir::tempPath() + u"/pwb-integrity-XXXXXX"_s};
    QString m_dbPath;
    QStringList m_ids;
    QStringList m_expected;
};

void TestIntegrity::initTestCase()
{
    const QString snapshot = m_dir.filePath(u"snapshot"_s);
    QVERIFY(QDir().mkpath(snapshot));
    QCOMPARE(testsupport::generate(snapshot, 8, 3, 3), QString());
    m_dbPath = m_dir.filePath(u"small.db"_s);
    {
        auto wb = model::Workbench::open(m_dbPath);
        QVERIFY(wb);
        auto imported = (*wb)->importer().importSnapshot(snapshot, {});
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
        auto queue = (*wb)->runs().queue();
        QVERIFY(queue && queue->size() >= 3);
        for (qsizetype r = 0; r < queue->size(); ++r)
            m_ids << queue->exceptionId(r);
    }
    // One file, no write-ahead log beside it: the last connection has checkpointed.
    QVERIFY(!QFile::exists(m_dbPath + u"-wal"_s));
    m_expected = results(m_dbPath, m_ids);
    QVERIFY2(!m_expected.front().startsWith(u"error"_s), qPrintable(m_expected.front()));
}

void TestIntegrity::everyBlobByteFlipIsFound()
{
    // Each byte of each item block, queue image and queue checksum list, one at a
    // time, with a different bit each time (and every bit of the first bytes, where the
    // formats keep their lengths and counts).
    const QString path = m_dir.filePath(u"blobs.db"_s);
    QVERIFY(QFile::copy(m_dbPath, path));
    Outcomes outcomes;
    for (const Blob &blob : blobsOf(path)) {
        for (qsizetype at = 0; at < blob.bytes.size(); ++at) {
            for (int bit = 0; bit < 8; ++bit) {
                if (at >= 16 && bit != at % 8)
                    continue;
                QByteArray flipped = blob.bytes;
                flipped[at] = char(flipped[at] ^ (1 << bit));
                QVERIFY(writeBlob(path, blob, flipped));
                outcomes.add(results(path, m_ids), m_expected,
                    QString::fromUtf8(blob.table) + u'.' + QString::fromUtf8(blob.column)
                        + u" row "_s + QString::number(blob.rowid) + u" byte "_s
                        + QString::number(at) + u" bit "_s + QString::number(bit));
            }
        }
        QVERIFY(writeBlob(path, blob, blob.bytes));
    }
    qInfo().noquote() << "blob flips:" << outcomes.summary();
    QVERIFY2(outcomes.silent == 0, qPrintable(outcomes.silentCases.join(u'\n')));
    QVERIFY2(outcomes.otherError == 0, qPrintable(outcomes.otherErrors.join(u'\n')));
    QVERIFY(outcomes.tried > 1000);
    QVERIFY(outcomes.damaged > outcomes.tried / 2);
    QCOMPARE(results(path, m_ids), m_expected);
}

void TestIntegrity::flipsAcrossTheFileAreFound()
{
    // Bytes all over the file, page by page: SQLite's header and b-tree structure (its
    // own checks find most of that), the rows of the small tables and of the runs,
    // the indexes and the free space. Every flip is made in a fresh copy.
    QFile original(m_dbPath);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray file = original.readAll();
    original.close();
    const QString path = m_dir.filePath(u"flipped.db"_s);
    std::mt19937 random(7);
    Outcomes outcomes;
    constexpr qsizetype kPage = 8192;
    for (qsizetype page = 0; page * kPage < file.size(); ++page) {
        // The page header and the first cell pointers, then bytes anywhere in the page.
        std::vector<qsizetype> offsets {0, 1, 3, 5, 7, 8, 9, 10, 12};
        for (int i = 0; i < 24; ++i)
            offsets.push_back(qsizetype(random() % kPage));
        for (const qsizetype offset : offsets) {
            const qsizetype at = page * kPage + offset + (page == 0 ? 100 : 0);
            if (at >= file.size())
                continue;
            QByteArray flipped = file;
            flipped[at] = char(flipped[at] ^ (1 << (random() % 8)));
            QFile::remove(path);
            QFile::remove(path + u"-wal"_s);
            QFile::remove(path + u"-shm"_s);
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly) && out.write(flipped) == flipped.size());
            out.close();
            outcomes.add(results(path, m_ids), m_expected,
                u"page "_s + QString::number(page + 1) + u" byte "_s + QString::number(at));
        }
    }
    qInfo().noquote() << "file flips:" << outcomes.summary();
    if (!outcomes.otherErrors.isEmpty())
        qInfo().noquote() << "other errors:\n" << outcomes.otherErrors.join(u'\n');
    QVERIFY2(outcomes.silent == 0, qPrintable(outcomes.silentCases.join(u'\n')));
}

void TestIntegrity::migrationAddsChecksums()
{
    // A database of schema 6 (no checksums) opens as schema 7 with a checksum on every
    // row, and gives the same results; a block changed afterwards is found.
    const QString path = m_dir.filePath(u"schema5.db"_s);
    QVERIFY(QFile::copy(m_dbPath, path));
    {
        auto store = model::Store::open(path);
        QVERIFY(store);
        QCOMPARE(testsupport::downgradeToSchema6((*store)->handle()), QString());
    }
    QCOMPARE(testsupport::queryValue(path, "PRAGMA user_version"), QByteArray("6"));
    QCOMPARE(testsupport::queryValue(path,
                 "SELECT count(*) FROM pragma_table_info('item_blocks') WHERE name = 'checksum'"),
        QByteArray("0"));
    QCOMPARE(results(path, m_ids), m_expected);
    QCOMPARE(testsupport::queryValue(path, "PRAGMA user_version").toInt(), model::kSchemaVersion);
    // The item plans kept from the last run are a cache, gone with the downgrade and
    // filled again by the next run.
    QCOMPARE(testsupport::dumpDatabase(path, "plan_memo"),
        testsupport::dumpDatabase(m_dbPath, "plan_memo"));
    for (const char *table : {"snapshots", "locations", "items", "suppliers", "customers", "lanes",
             "item_blocks", "score_runs"}) {
        const QByteArray sql
            = QByteArray("SELECT count(*) FROM ") + table + " WHERE checksum IS NULL";
        QCOMPARE(testsupport::queryValue(path, sql.constData()), QByteArray("0"));
    }
    QCOMPARE(
        testsupport::queryValue(path, "SELECT count(*) FROM run_queues WHERE checksums IS NULL"),
        QByteArray("0"));

    const auto blobs = blobsOf(path);
    QByteArray changed = blobs.front().bytes;
    changed[changed.size() - 1] = char(changed[changed.size() - 1] ^ 0x10);
    QVERIFY(writeBlob(path, blobs.front(), changed));
    const QStringList damaged = results(path, m_ids);
    QCOMPARE(damaged.size(), 1);
    QVERIFY2(damaged.front().contains(u"damaged"_s)
            && damaged.front().contains(u"of snapshot version 1 does not match its checksum"_s)
            && damaged.front().contains(u"Import the snapshot again"_s),
        qPrintable(damaged.front()));
}

QTEST_GUILESS_MAIN(TestIntegrity)
#include "test_integrity.moc"
