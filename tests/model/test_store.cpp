// The store: creating and reopening a database, refusing files that are not ours,
// the schema version, and the connection settings every connection must have.

#include "model/store/checksum.h"
#include "model/store/store.h"
#include "model/workbench.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace {

int pragma(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = nullptr;
    int value = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW)
        value = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return value;
}

QString pragmaText(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = nullptr;
    QString value;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK
        && sqlite3_step(st) == SQLITE_ROW)
        value = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    return value;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Creates an SQLite file the way another program would.
void createForeignDatabase(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsAndReopens();
    void connectionSettings();
    void refusesRandomFile();
    void refusesForeignSqliteFiles();
    void refusesNewerSchema();
    void migratesFirstSchema();
    void refusesFolder();
    void emptyFileBecomesDatabase();
    void readingNeverCreatesAFile_data();
    void readingNeverCreatesAFile();
    void readingLeavesTheFileAsItWas();
    void transactionRollsBackUnlessCommitted();
};

void TestStore::createsAndReopens()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"wb.db"_s);
    {
        auto store = model::Store::open(path);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        QCOMPARE(pragma((*store)->handle(), "PRAGMA application_id"), model::kApplicationId);
        QCOMPARE(pragma((*store)->handle(), "PRAGMA user_version"), model::kSchemaVersion);
        QCOMPARE(pragma((*store)->handle(),
                     "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                     "('snapshots', 'items', 'item_blocks', 'score_runs', 'run_queues', "
                     "'decisions')"),
            6);
        // The large files live in item blocks, not in a table row per line.
        QCOMPARE(pragma((*store)->handle(),
                     "SELECT count(*) FROM sqlite_schema WHERE name IN ('item_locations', "
                     "'sales_orders', 'purchase_orders', 'transfers', 'forecast', "
                     "'snapshot_images')"),
            0);
        // Runs keep their queue as one image, not a row per exception.
        QCOMPARE(pragma((*store)->handle(),
                     "SELECT count(*) FROM sqlite_schema WHERE name = 'exceptions'"),
            0);
        QVERIFY(sqlite3_exec((*store)->handle(),
                    "INSERT INTO snapshots VALUES (1, 'S', 'erp-snapshot/1', '2026-01-01', 'USD', "
                    "'', '', '2026-01-01T00:00:00Z', '/x', 0,0,0,0,0,0,0,0,0,0, NULL)",
                    nullptr, nullptr, nullptr)
            == SQLITE_OK);
        QVERIFY(model::sealSnapshotRows((*store)->handle(), 1));
    }
    // Reopening keeps the data and does not re-create the schema.
    auto workbench = model::Workbench::open(path);
    QVERIFY(workbench);
    auto current = (*workbench)->snapshots().current();
    QVERIFY(current && *current);
    QCOMPARE((*current)->snapshotId, u"S"_s);
    QCOMPARE((*workbench)->databasePath(), path);
}

void TestStore::connectionSettings()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"wb.db"_s);
    auto first = model::Store::open(path);
    QVERIFY(first);
    // A second connection (as another thread would have) is configured the same way.
    auto second = model::Store::open(path);
    QVERIFY(second);
    for (sqlite3 *db : {(*first)->handle(), (*second)->handle()}) {
        QCOMPARE(pragmaText(db, "PRAGMA journal_mode"), u"wal"_s);
        QCOMPARE(pragma(db, "PRAGMA foreign_keys"), 1);
        QCOMPARE(pragma(db, "PRAGMA synchronous"), 1); // NORMAL
        QVERIFY(pragma(db, "PRAGMA busy_timeout") >= 1000);
    }
    // Foreign keys are enforced, not only declared.
    QVERIFY(sqlite3_exec((*first)->handle(),
                "INSERT INTO score_runs (snapshot_version, scoring_version, policy_hash, "
                "policy_json, created_at, exception_count, total_score) "
                "VALUES (42, 'v', 'h', '{}', 'now', 0, 0)",
                nullptr, nullptr, nullptr)
        != SQLITE_OK);
}

void TestStore::refusesRandomFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"notes.db"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    const QByteArray before = [&] {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }();

    auto workbench = model::Workbench::open(path);
    QVERIFY(!workbench);
    QCOMPARE(workbench.error().code, model::Error::BadInput);
    QVERIFY2(
        workbench.error().message.contains(u"notes.db"_s), qPrintable(workbench.error().message));
    QVERIFY(workbench.error().message.contains(u"not an SQLite file"_s));

    QFile after(path);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), before);
}

void TestStore::refusesForeignSqliteFiles()
{
    QTemporaryDir dir;
    // Another program that marks its files...
    const QString marked = dir.filePath(u"other-app.sqlite"_s);
    createForeignDatabase(marked, "PRAGMA application_id = 1234; CREATE TABLE t(x);");
    // ...and one that does not.
    const QString unmarked = dir.filePath(u"plain.sqlite"_s);
    createForeignDatabase(
        unmarked, "CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('a');");

    for (const QString &path : {marked, unmarked}) {
        const QByteArray before = testsupport::dumpDatabase(path);
        auto workbench = model::Workbench::open(path);
        QVERIFY(!workbench);
        QCOMPARE(workbench.error().code, model::Error::BadInput);
        QVERIFY2(workbench.error().message.contains(QFileInfo(path).fileName()),
            qPrintable(workbench.error().message));
        QVERIFY(workbench.error().message.contains(u"not a planner workbench database"_s));
        QCOMPARE(testsupport::dumpDatabase(path), before);
        // Not switched to WAL either: the file is left exactly as it was.
        QCOMPARE(testsupport::queryValue(path, "PRAGMA journal_mode"), QByteArray("delete"));
    }
}

void TestStore::refusesNewerSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"wb.db"_s);
    {
        auto store = model::Store::open(path);
        QVERIFY(store);
        const QByteArray sql
            = "PRAGMA user_version = " + QByteArray::number(model::kSchemaVersion + 1);
        QCOMPARE(sqlite3_exec((*store)->handle(), sql.constData(), nullptr, nullptr, nullptr),
            SQLITE_OK);
    }
    auto workbench = model::Workbench::open(path);
    QVERIFY(!workbench);
    QVERIFY2(workbench.error().message.contains(u"newer"_s), qPrintable(workbench.error().message));
    QVERIFY(workbench.error().message.contains(u"wb.db"_s));
    QCOMPARE(
        testsupport::queryValue(path, "PRAGMA user_version").toInt(), model::kSchemaVersion + 1);
}

void TestStore::migratesFirstSchema()
{
    // A database of schema 1 (no snapshot images, a row per exception) opens as the
    // current schema, with its tables.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"wb.db"_s);
    {
        auto store = model::Store::open(path);
        QVERIFY(store);
        QCOMPARE(testsupport::downgradeToSchema2((*store)->handle()), QString());
        QCOMPARE(
            sqlite3_exec((*store)->handle(), "DROP TABLE snapshot_images; PRAGMA user_version = 1",
                nullptr, nullptr, nullptr),
            SQLITE_OK);
    }
    QCOMPARE(testsupport::queryValue(
                 path, "SELECT count(*) FROM sqlite_schema WHERE name = 'snapshot_images'"),
        QByteArray("0"));
    {
        auto store = model::Store::open(path);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        QCOMPARE(pragma((*store)->handle(), "PRAGMA user_version"), model::kSchemaVersion);
    }
    QCOMPARE(testsupport::queryValue(path,
                 "SELECT count(*) FROM sqlite_schema WHERE name IN ('item_blocks', "
                 "'run_queues')"),
        QByteArray("2"));
    QCOMPARE(testsupport::queryValue(
                 path, "SELECT count(*) FROM sqlite_schema WHERE name = 'snapshot_images'"),
        QByteArray("0"));
    QCOMPARE(testsupport::queryValue(
                 path, "SELECT count(*) FROM sqlite_schema WHERE name = 'exceptions'"),
        QByteArray("0"));
}

void TestStore::refusesFolder()
{
    QTemporaryDir dir;
    auto workbench = model::Workbench::open(dir.path());
    QVERIFY(!workbench);
    QVERIFY(workbench.error().message.contains(u"folder"_s));
}

void TestStore::emptyFileBecomesDatabase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"empty.db"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    auto workbench = model::Workbench::open(path);
    QVERIFY2(workbench, qPrintable(workbench ? QString() : workbench.error().message));
    QCOMPARE(testsupport::queryValue(path, "PRAGMA application_id").toInt(), model::kApplicationId);
}

void TestStore::readingNeverCreatesAFile_data()
{
    QTest::addColumn<model::OpenMode>("mode");
    QTest::newRow("read-only") << model::OpenMode::ReadOnly;
    QTest::newRow("existing") << model::OpenMode::Existing;
}

void TestStore::readingNeverCreatesAFile()
{
    // Only CreateOrOpen makes a database of a missing or empty file; the other modes
    // say what the file is and leave it alone.
    QFETCH(model::OpenMode, mode);
    QTemporaryDir dir;
    const QString missing = dir.filePath(u"missing.db"_s);
    auto opened = model::Workbench::openAs(missing, mode);
    QVERIFY(!opened);
    QCOMPARE(opened.error().exitCode(), 2);
    QVERIFY2(opened.error().message.contains(u"missing.db\" does not exist"_s),
        qPrintable(opened.error().message));
    QVERIFY(!QFileInfo::exists(missing));

    const QString empty = dir.filePath(u"empty.db"_s);
    QFile file(empty);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    opened = model::Workbench::openAs(empty, mode);
    QVERIFY(!opened);
    QCOMPARE(opened.error().exitCode(), 2);
    QVERIFY2(opened.error().message.contains(
                 u"empty.db\" is not a planner workbench database (it is empty)"_s),
        qPrintable(opened.error().message));
    QCOMPARE(QFileInfo(empty).size(), 0);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList {u"empty.db"_s});

    // An SQLite file with nothing in it is not a workbench database either.
    const QString bare = dir.filePath(u"bare.db"_s);
    createForeignDatabase(bare, "PRAGMA user_version = 0");
    const QByteArray before = readAll(bare);
    QVERIFY(!before.isEmpty());
    opened = model::Workbench::openAs(bare, mode);
    QVERIFY(!opened);
    QVERIFY2(opened.error().message.contains(u"empty SQLite file"_s),
        qPrintable(opened.error().message));
    QCOMPARE(readAll(bare), before);
}

void TestStore::readingLeavesTheFileAsItWas()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"wb.db"_s);
    QVERIFY(model::Workbench::open(path)); // created, then closed cleanly
    const QByteArray before = readAll(path);
    {
        auto reader = model::Workbench::openAs(path, model::OpenMode::ReadOnly);
        QVERIFY2(reader, qPrintable(reader ? QString() : reader.error().message));
        auto queue = (*reader)->runs().queue();
        QVERIFY(queue);
        QCOMPARE(queue->size(), 0);
    }
    QCOMPARE(readAll(path), before);

    // An older schema is not upgraded by a read: it is refused, saying how to upgrade.
    {
        auto store = model::Store::open(path);
        QVERIFY(store);
        QCOMPARE(
            sqlite3_exec((*store)->handle(), "PRAGMA user_version = 4", nullptr, nullptr, nullptr),
            SQLITE_OK);
    }
    const QByteArray older = readAll(path);
    auto reader = model::Workbench::openAs(path, model::OpenMode::ReadOnly);
    QVERIFY(!reader);
    QVERIFY2(reader.error().message.contains(u"older planner workbench (schema 4"_s),
        qPrintable(reader.error().message));
    QCOMPARE(readAll(path), older);
}

void TestStore::transactionRollsBackUnlessCommitted()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"wb.db"_s);
    auto store = model::Store::open(path);
    QVERIFY(store);
    sqlite3 *db = (*store)->handle();
    const char *insert = "INSERT INTO snapshots VALUES (7, 'S', 'erp-snapshot/1', '2026-01-01', "
                         "'USD', '', '', 'now', '/x', 0,0,0,0,0,0,0,0,0,0, NULL)";
    {
        auto transaction = model::Transaction::begin(db);
        QVERIFY(transaction);
        QCOMPARE(sqlite3_exec(db, insert, nullptr, nullptr, nullptr), SQLITE_OK);
        // Dropped without commit().
    }
    QCOMPARE(pragma(db, "SELECT count(*) FROM snapshots"), 0);
    {
        auto transaction = model::Transaction::begin(db);
        QVERIFY(transaction);
        QCOMPARE(sqlite3_exec(db, insert, nullptr, nullptr, nullptr), SQLITE_OK);
        QVERIFY(transaction->commit());
    }
    QCOMPARE(pragma(db, "SELECT count(*) FROM snapshots"), 1);
}

QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
