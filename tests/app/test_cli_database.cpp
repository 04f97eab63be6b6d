// The `pwb` command line on databases that are not as they should be: missing, empty,
// in a read-only folder, damaged, or held by another writer. Each must get a message
// that names the file and the way out, the documented exit code, and a read must leave
// the file exactly as it was.

#include "pwbprocess.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

using pwbtest::pwb;
using pwbtest::Run;

/// Whether an unprivileged user could run pwb: every folder above the binary must let
/// others through (a build inside a private temporary folder does not).
bool othersCanRunPwb()
{
    QFileInfo at(QStringLiteral(PWB_BINARY));
    if (!(at.permissions() & QFile::ExeOther))
        return false;
    for (QDir dir = at.absoluteDir();;) {
        if (!(QFileInfo(dir.absolutePath()).permissions() & QFile::ExeOther))
            return false;
        if (!dir.cdUp())
            return true;
    }
}

QByteArray digestOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

QStringList filesIn(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files, QDir::Name);
}

} // namespace

class TestCliDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readsRefuseAnEmptyFileAndLeaveIt_data();
    void readsRefuseAnEmptyFileAndLeaveIt();
    void readsRefuseAMissingFile();
    void readsWorkInAReadOnlyFolder();
    void damagedDatabaseSaysHowToRecover();
    void lockedDatabaseSaysWhoHoldsIt();
    void keptPlansGiveTheSameRun();

private:
    /// A folder of its own holding the imported demo as wb.db.
    QString importedDemo(const QString &name);

    QTemporaryDir m_tmp;
};

void TestCliDatabase::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFileInfo::exists(QStringLiteral(PWB_BINARY)));
}

QString TestCliDatabase::importedDemo(const QString &name)
{
    const QString folder = m_tmp.filePath(name);
    if (!QDir().mkpath(folder))
        return {};
    const QString db = folder + u"/wb.db"_s;
    const Run run = pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, db});
    if (run.code != 0) {
        qWarning("%s", qPrintable(run.err));
        return {};
    }
    return db;
}

void TestCliDatabase::readsRefuseAnEmptyFileAndLeaveIt_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::newRow("queue") << QStringList {u"queue"_s};
    QTest::newRow("explain") << QStringList {u"explain"_s, u"excess:A@B"_s};
    QTest::newRow("explain sku") << QStringList {
        u"explain"_s, u"--item"_s, u"A"_s, u"--location"_s, u"B"_s};
    QTest::newRow("score") << QStringList {u"score"_s};
}

void TestCliDatabase::readsRefuseAnEmptyFileAndLeaveIt()
{
    // A 0-byte file (a failed copy, `touch`) is not read as an empty database, and
    // nothing is written into it.
    QFETCH(QStringList, command);
    const QString folder
        = m_tmp.filePath(u"empty-"_s + QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(QDir().mkpath(folder));
    const QString db = folder + u"/zero.db"_s;
    QFile file(db);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();

    const Run run = pwb(command + QStringList {u"--db"_s, db});
    QCOMPARE(run.code, 2);
    QCOMPARE(run.out, QString());
    QVERIFY2(run.err.startsWith(u"pwb: error: \""_s + QFileInfo(db).absoluteFilePath()
                 + u"\" is not a planner workbench database (it is empty)"_s),
        qPrintable(run.err));
    QCOMPARE(QFileInfo(db).size(), 0);
    QCOMPARE(filesIn(folder), QStringList {u"zero.db"_s});
}

void TestCliDatabase::readsRefuseAMissingFile()
{
    const QString db = m_tmp.filePath(u"missing.db"_s);
    for (const QString &command : {u"queue"_s, u"score"_s}) {
        const Run run = pwb({command, u"--db"_s, db});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(u"the file does not exist"_s), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(db));
    }
}

void TestCliDatabase::readsWorkInAReadOnlyFolder()
{
    // An archived database, or one on a share the reader may only read: the queue and
    // explanations can be read; scoring says why it cannot write.
    if (geteuid() == 0 && !othersCanRunPwb())
        QSKIP("running as root and the build folder is private: an unprivileged reader "
              "cannot reach pwb, and root would write where a planner cannot");
    const QString db = importedDemo(u"archive"_s);
    QVERIFY(!db.isEmpty());
    const QString folder = QFileInfo(db).path();
    const QByteArray before = digestOf(db);
    QCOMPARE(filesIn(folder), QStringList {u"wb.db"_s}); // closed cleanly: no -wal, no -shm
    const auto readOnly = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;
    const auto exe = QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
    QVERIFY(QFile::setPermissions(m_tmp.path(), readOnly | exe | QFile::WriteOwner));
    QVERIFY(QFile::setPermissions(db, readOnly));
    QVERIFY(QFile::setPermissions(folder, readOnly | exe));
    const auto restore = qScopeGuard([&] {
        QFile::setPermissions(folder, readOnly | exe | QFile::WriteOwner);
        QFile::setPermissions(db, readOnly | QFile::WriteOwner);
    });

    const Run queue
        = pwb({u"queue"_s, u"--db"_s, db, u"--format"_s, u"json"_s}, pwbtest::unprivileged());
    QVERIFY2(queue.code == 0, qPrintable(queue.err));
    const QJsonArray rows = QJsonDocument::fromJson(queue.out.toUtf8()).array();
    QVERIFY(!rows.isEmpty());
    const QString id = rows.first().toObject().value(u"exception_id"_s).toString();
    const Run explain = pwb({u"explain"_s, id, u"--db"_s, db}, pwbtest::unprivileged());
    QVERIFY2(explain.code == 0, qPrintable(explain.err));
    QVERIFY(explain.out.startsWith(id));

    const Run score = pwb({u"score"_s, u"--db"_s, db}, pwbtest::unprivileged());
    QCOMPARE(score.code, 3);
    QVERIFY2(score.err.contains(QFileInfo(db).absoluteFilePath()), qPrintable(score.err));
    QVERIFY2(score.err.contains(u"read-only"_s), qPrintable(score.err));

    QCOMPARE(digestOf(db), before);
    QCOMPARE(filesIn(folder), QStringList {u"wb.db"_s});
}

void TestCliDatabase::damagedDatabaseSaysHowToRecover()
{
    const QString db = importedDemo(u"damaged"_s);
    QVERIFY(!db.isEmpty());
    QFile file(db);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 pageSize = 8192;
    QVERIFY(file.size() > 2 * pageSize);
    QVERIFY(file.seek(pageSize));
    file.write(QByteArray(file.size() - pageSize, '\xa5'));
    file.close();

    const Run run = pwb({u"queue"_s, u"--db"_s, db});
    QCOMPARE(run.code, 3);
    QVERIFY2(run.err.contains(u"The database \""_s + QFileInfo(db).absoluteFilePath()
                 + u"\" is damaged (database disk image is malformed)"_s),
        qPrintable(run.err));
    QVERIFY(run.err.contains(u"Restore it from a backup, or import the snapshot again"_s));
}

void TestCliDatabase::lockedDatabaseSaysWhoHoldsIt()
{
    // A write that stays blocked for the whole lock wait (10 s) names the file and who
    // may be writing to it, and exits with 5: nothing changed, try again.
    const QString db = importedDemo(u"locked"_s);
    QVERIFY(!db.isEmpty());
    sqlite3 *other = nullptr;
    QCOMPARE(sqlite3_open(db.toUtf8().constData(), &other), SQLITE_OK);
    QCOMPARE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    const Run run = pwb({u"score"_s, u"--db"_s, db});
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    QCOMPARE(run.code, 5);
    QCOMPARE(run.out, QString());
    QVERIFY2(run.err.contains(u"The database \""_s + QFileInfo(db).absoluteFilePath()
                 + u"\" is busy: another pwb or workbench window is writing to it. Try again "
                   u"when it finishes"_s),
        qPrintable(run.err));
}

void TestCliDatabase::keptPlansGiveTheSameRun()
{
    // A re-score of the same snapshot and policy keeps every item plan of the import
    // (none solved again) with the exposure to the cent the same; --replan solves them
    // all; kept plans damaged in the file are solved again, never used; none of these
    // changes a figure.
    const QString db = m_tmp.filePath(u"memo.db"_s);
    const Run imported = pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, db});
    QCOMPARE(imported.code, 0);
    const auto line = [](const QString &out, const QString &label) {
        const auto m = QRegularExpression(label + u" +([^\n]*)"_s).match(out);
        return m.hasMatch() ? m.captured(1) : QString();
    };
    const QString plans = line(imported.out, u"item plans"_s);
    const QString exposure = line(imported.out, u"total exposure"_s);
    QVERIFY2(plans.startsWith(u"10 solved"_s), qPrintable(imported.out));

    const Run same = pwb({u"score"_s, u"--db"_s, db});
    QCOMPARE(same.code, 0);
    QVERIFY2(line(same.out, u"item plans"_s).startsWith(u"0 solved (0 flow problems"_s),
        qPrintable(same.out));
    QVERIFY(line(same.out, u"item plans"_s).endsWith(u"10 unchanged since the last run"_s));
    QCOMPARE(line(same.out, u"total exposure"_s), exposure);

    const Run replanned = pwb({u"score"_s, u"--db"_s, db, u"--replan"_s});
    QCOMPARE(replanned.code, 0);
    QCOMPARE(line(replanned.out, u"item plans"_s).left(9), plans.left(9));
    QCOMPARE(line(replanned.out, u"total exposure"_s), exposure);

    sqlite3 *handle = nullptr;
    QCOMPARE(sqlite3_open(db.toUtf8().constData(), &handle), SQLITE_OK);
    sqlite3_stmt *count = nullptr;
    QCOMPARE(sqlite3_prepare_v2(handle, "SELECT count(*) FROM plan_memo", -1, &count, nullptr),
        SQLITE_OK);
    QCOMPARE(sqlite3_step(count), SQLITE_ROW);
    QCOMPARE(sqlite3_column_int(count, 0), 10);
    sqlite3_finalize(count);
    QCOMPARE(sqlite3_exec(handle, "UPDATE plan_memo SET plan = substr(plan, 2) || x'00'", nullptr,
                 nullptr, nullptr),
        SQLITE_OK);
    sqlite3_close(handle);
    const Run damaged = pwb({u"score"_s, u"--db"_s, db});
    QCOMPARE(damaged.code, 0);
    QVERIFY2(
        line(damaged.out, u"item plans"_s).startsWith(u"10 solved"_s), qPrintable(damaged.out));
    QCOMPARE(line(damaged.out, u"total exposure"_s), exposure);
    // The damaged plans were replaced by good ones: the next run solves nothing.
    const Run after = pwb({u"score"_s, u"--db"_s, db});
    QVERIFY2(line(after.out, u"item plans"_s).startsWith(u"0 solved"_s), qPrintable(after.out));
}

QTEST_GUILESS_MAIN(TestCliDatabase)
#include "test_cli_database.moc"
