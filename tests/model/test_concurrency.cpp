// Two connections on one database, as a `pwb` and a window (or two `pwb`s) are: a
// re-score racing an import, and what a writer says when another one holds the lock.
// The races are interleaved deterministically: the second connection acts from inside
// the first one's progress callback, on a thread of its own.

#include "importedstore.h"
#include "model/store/store.h"
#include "model/workbench.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace Qt::StringLiterals;
using storetest::importFresh;

namespace {

/// Runs `work` once, on a thread of its own (so with its own connection), from the
/// first progress report of the call it is given to, and waits for it to end there.
struct InterleaveOnce {
    std::function<void()> work;
    std::atomic<bool> done {false};

    engine::Progress progress()
    {
        engine::Progress p;
        p.report = [this](std::int64_t, std::int64_t) {
            if (done.exchange(true))
                return;
            std::thread other(work);
            other.join();
        };
        return p;
    }
};

/// Every score run as "run_id:snapshot_version", in commit order.
QStringList runsInOrder(const QString &dbPath)
{
    return QString::fromUtf8(testsupport::queryValue(dbPath,
                                 "SELECT group_concat(run_id || ':' || snapshot_version, ' ') "
                                 "FROM (SELECT * FROM score_runs ORDER BY run_id)"))
        .split(u' ');
}

} // namespace

class TestConcurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void rescoreRefusesWhenAnImportCommittedMeanwhile();
    void rescoreAfterAnImportScoresTheNewSnapshot();
    void lockedDatabaseNamesTheFileAndTheWayOut();
    void damagedDatabaseNamesTheFileAndTheWayOut();

private:
    QTemporaryDir m_data;
    QString m_snapshot;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dbPath;
    std::unique_ptr<model::Workbench> m_workbench;
    model::ImportSummary m_summary;
};

void TestConcurrency::initTestCase()
{
    QCOMPARE(storetest::generateSnapshot(m_data, m_snapshot), QString());
}

void TestConcurrency::init()
{
    QCOMPARE(importFresh(m_snapshot, m_dir, m_dbPath, m_workbench, m_summary), QString());
}

void TestConcurrency::rescoreRefusesWhenAnImportCommittedMeanwhile()
{
    // The re-score has read version 1 and is scoring it when an import commits
    // version 2. Saving its run would leave a run of a snapshot that is no longer
    // current, and the new policy would never apply to the current one.
    QString importError = u"the import did not run"_s;
    InterleaveOnce importMeanwhile;
    importMeanwhile.work = [&] {
        auto other = model::Workbench::open(m_dbPath);
        if (!other) {
            importError = other.error().message;
            return;
        }
        auto imported = (*other)->importer().importSnapshot(m_snapshot, {});
        importError = imported ? QString() : imported.error().message;
    };
    engine::Policy heavy;
    heavy.weights[std::size_t(engine::FactorKind::MarginAtRisk)] = 2.0;
    auto run = m_workbench->runs().rescore(heavy, importMeanwhile.progress());
    QVERIFY(importMeanwhile.done);
    QCOMPARE(importError, QString());

    QVERIFY2(!run, "a run of the old snapshot was saved after a newer one was imported");
    QCOMPARE(run.error().code, model::Error::Busy);
    QCOMPARE(run.error().exitCode(), 5);
    QVERIFY2(run.error().message.contains(u"Snapshot version 2 was imported while version 1 "
                                          u"was being scored"_s),
        qPrintable(run.error().message));
    QVERIFY(run.error().message.contains(u"Score again"_s));
    // Nothing of the re-score was written: the two runs are the imports' own.
    QCOMPARE(runsInOrder(m_dbPath), (QStringList {u"1:1"_s, u"2:2"_s}));

    // Scoring again scores the snapshot that is now current, with the new policy.
    auto again = m_workbench->runs().rescore(heavy);
    QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
    QCOMPARE(again->snapshotVersion, 2);
    auto policy = m_workbench->runs().runPolicy();
    QVERIFY(policy);
    QVERIFY(policy->weights == heavy.weights);
}

void TestConcurrency::rescoreAfterAnImportScoresTheNewSnapshot()
{
    // An import that commits before the re-score reads is no race: the re-score
    // scores the new version.
    {
        auto other = model::Workbench::open(m_dbPath);
        QVERIFY(other);
        QVERIFY((*other)->importer().importSnapshot(m_snapshot, {}));
    }
    auto run = m_workbench->runs().rescore({});
    QVERIFY2(run, qPrintable(run ? QString() : run.error().message));
    QCOMPARE(run->snapshotVersion, 2);
    QCOMPARE(runsInOrder(m_dbPath), (QStringList {u"1:1"_s, u"2:2"_s, u"3:2"_s}));
}

void TestConcurrency::lockedDatabaseNamesTheFileAndTheWayOut()
{
    // Another process in the middle of a write (an import, another window's decision).
    sqlite3 *other = nullptr;
    QCOMPARE(sqlite3_open(m_dbPath.toUtf8().constData(), &other), SQLITE_OK);
    QCOMPARE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);

    m_workbench->setBusyTimeout(std::chrono::milliseconds(100));
    const QString exceptionId = m_workbench->runs().queue()->exceptionId(0);
    const auto checkBusy = [&](const model::Error &error) {
        QCOMPARE(error.code, model::Error::Busy);
        QCOMPARE(error.exitCode(), 5);
        QVERIFY2(error.message.contains(u'"' + QFileInfo(m_dbPath).absoluteFilePath() + u'"'),
            qPrintable(error.message));
        QVERIFY2(error.message.contains(u"another pwb or workbench window is writing to it"_s),
            qPrintable(error.message));
        QVERIFY(error.message.contains(u"Try again when it finishes"_s));
        QVERIFY(!error.message.contains(u"database is locked"_s));
    };
    auto run = m_workbench->runs().rescore({});
    QVERIFY(!run);
    checkBusy(run.error());
    auto decision = m_workbench->decisions().record(
        exceptionId, 0, model::Decision::Approved, model::User {u"p"_s, engine::Role::Planner});
    QVERIFY(!decision);
    checkBusy(decision.error());
    // Reads are not held up by a writer.
    QVERIFY(m_workbench->runs().queue());

    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    QVERIFY(m_workbench->runs().rescore({}));
}

void TestConcurrency::damagedDatabaseNamesTheFileAndTheWayOut()
{
    m_workbench.reset(); // closed cleanly: every page is in the file
    QFile file(m_dbPath);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 pageSize = 8192;
    QVERIFY(file.size() > 4 * pageSize);
    // Every page but the first (the header and the start of the schema) overwritten.
    QVERIFY(file.seek(pageSize));
    file.write(QByteArray(file.size() - pageSize, '\xa5'));
    file.close();

    auto reader = model::Workbench::openAs(m_dbPath, model::OpenMode::ReadOnly);
    const model::Error error = [&] {
        if (!reader)
            return reader.error();
        auto queue = (*reader)->runs().queue();
        return queue ? model::Error {} : queue.error();
    }();
    QVERIFY2(error.message.contains(u'"' + QFileInfo(m_dbPath).absoluteFilePath() + u'"'),
        qPrintable(error.message));
    QVERIFY2(error.message.contains(u"is damaged (database disk image is malformed)"_s),
        qPrintable(error.message));
    QVERIFY(error.message.contains(u"Restore it from a backup, or import the snapshot again"_s));
    QCOMPARE(error.exitCode(), 3);
}

QTEST_GUILESS_MAIN(TestConcurrency)
#include "test_concurrency.moc"
