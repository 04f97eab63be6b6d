// `pwb export` in the ERP formats and `pwb ack` as a script drives them, and the
// outbox under SIGKILL: an export killed at a random moment, sixty times over, never
// leaves a decision in two batches or in none once the next export and a resend ran.
// The files are read back by tests/common/exportreaders.h, not by the writers.

#include "model/workbench.h"
#include "pwbprocess.h"
#include "tests/common/exportreaders.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sqlite3.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

using pwbtest::Run;

const QString kPassword = u"root-password"_s;
const model::User kRoot {u"root"_s, engine::Role::Admin};

Run pwb(const QStringList &arguments)
{
    return pwbtest::pwb(arguments, pwbtest::withPasswords(kPassword));
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The first column of every row of `sql`, through a connection of its own.
QStringList column(const QString &path, const char *sql)
{
    QStringList out;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr)
        == SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK) {
            while (sqlite3_step(st) == SQLITE_ROW) {
                const auto *text = sqlite3_column_text(st, 0);
                out << (text ? QString::fromUtf8(reinterpret_cast<const char *>(text)) : u"NULL"_s);
            }
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}

/// Copies a closed database (its WAL was checkpointed away on close).
bool copyDatabase(const QString &from, const QString &to)
{
    QFile::remove(to);
    QFile::remove(to + u"-wal"_s);
    QFile::remove(to + u"-shm"_s);
    return QFile::copy(from, to);
}

/// The decision ids every batch file in `folder` holds (json and csv batches).
QMap<qint64, int> decisionsInFiles(const QString &folder)
{
    QMap<qint64, int> seen;
    const QDir dir(folder);
    for (const QString &name : dir.entryList({u"pwb-export-*.json"_s}, QDir::Files)) {
        const QJsonObject root = QJsonDocument::fromJson(readAll(dir.filePath(name))).object();
        for (const auto &record : root.value(u"records"_s).toArray())
            ++seen[qint64(record.toObject().value(u"decision_id"_s).toDouble())];
    }
    for (const QString &name : dir.entryList({u"pwb-export-*.csv"_s}, QDir::Files)) {
        const exporttest::CsvTable table = exporttest::readCsv(readAll(dir.filePath(name)));
        for (const QString &id : table.column(u"decision_id"_s))
            ++seen[id.toLongLong()];
    }
    return seen;
}

} // namespace

class TestCliExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void x12NumbersGoOnAcrossProcesses();
    void odooAndD365FromTheCommandLine();
    void ackFromTheCommandLine();
    void killedExportsNeverLoseOrRepeatADecision();

private:
    /// A copy of the template database under `name`.
    QString freshDatabase(const QString &name);

    QTemporaryDir m_dir;
    QString m_template;
    /// The approvals of the template: decision id -> action.
    QMap<qint64, QString> m_approved;
};

void TestCliExport::initTestCase()
{
    m_template = m_dir.filePath(u"template.db"_s);
    QCOMPARE(pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, m_template}).code, 0);
    QCOMPARE(
        pwb({u"user"_s, u"add"_s, u"root"_s, u"--role"_s, u"admin"_s, u"--db"_s, m_template}).code,
        0);
    // Every exception whose first recommendation is a transfer, expedite or purchase,
    // approved (through the model: the same rule as pwb decide, and quicker).
    auto workbench = model::Workbench::open(m_template);
    QVERIFY(workbench);
    auto queue = (*workbench)->runs().queue();
    QVERIFY(queue);
    for (qsizetype row = 0; row < queue->size(); ++row) {
        const QString id = queue->exceptionId(row);
        auto explanation = (*workbench)->runs().explainException(id);
        QVERIFY(explanation);
        const auto &recs = explanation->exception->recommendations;
        if (recs.empty())
            continue;
        const QString action = QString::fromLatin1(engine::actionName(recs.front().action));
        if (action != u"transfer"_s && action != u"expedite"_s && action != u"purchase"_s)
            continue;
        auto decision = (*workbench)->decisions().record(id, 0, model::Decision::Approved, kRoot);
        QVERIFY2(decision, qPrintable(id));
        m_approved.insert(decision->id, action);
    }
    QVERIFY(m_approved.size() >= 15);
    QCOMPARE(std::count(m_approved.begin(), m_approved.end(), u"expedite"_s), 2);
}

QString TestCliExport::freshDatabase(const QString &name)
{
    const QString path = m_dir.filePath(name);
    return copyDatabase(m_template, path) ? path : QString();
}

void TestCliExport::x12NumbersGoOnAcrossProcesses()
{
    const QString db = freshDatabase(u"x12.db"_s);
    const QString out = m_dir.filePath(u"x12"_s);
    // One expedite taken back, so that each process exports one.
    const qint64 second = m_approved.keys(u"expedite"_s).last();
    {
        auto workbench = model::Workbench::open(db);
        QVERIFY(workbench);
        QVERIFY((*workbench)->decisions().undo(second, kRoot));
    }
    const QStringList exportX12 {u"export"_s, u"--db"_s, db, u"--out"_s, out, u"--user"_s,
        u"root"_s, u"--format"_s, u"x12"_s, u"--x12-sender"_s, u"DISTRIB01"_s};
    Run run = pwb(exportX12);
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"pwb-export-000001-x12-000000001.x12"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"left for another format"_s), qPrintable(run.out));
    run = pwb(exportX12);
    QCOMPARE(run.code, 0);
    QVERIFY2(run.out.startsWith(u"Nothing to export as X12 860: it carries expedites only"_s),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(u"await export in another format"_s), qPrintable(run.out));

    // Approved again, exported by another process: the next numbers.
    {
        auto workbench = model::Workbench::open(db);
        QVERIFY(workbench);
        const QString exceptionId = column(db,
            QByteArray(
                "SELECT exception_id FROM decisions WHERE id = " + QByteArray::number(second))
                .constData())
                                        .value(0);
        QVERIFY((*workbench)->decisions().record(exceptionId, 0, model::Decision::Approved, kRoot));
    }
    run = pwb(exportX12);
    QVERIFY2(run.code == 0, qPrintable(run.err));
    const QString path = out + u"/pwb-export-000002-x12-000000002.x12"_s;
    const exporttest::X12File x = exporttest::readX12(readAll(path));
    QVERIFY2(x.problem.isEmpty(), qPrintable(x.problem + path));
    QCOMPARE(x.isaLength, 106);
    QCOMPARE(x.isa13, u"000000002"_s);
    QCOMPARE(x.iea02, x.isa13);
    QCOMPARE(x.gs06, u"2"_s);
    QCOMPARE(x.ge02, x.gs06);
    QCOMPARE(x.isa.value(6).trimmed(), u"DISTRIB01"_s);
    QCOMPARE(x.sets.size(), 1);
    QCOMPARE(x.sets[0].st02, u"0002"_s);
    QCOMPARE(x.sets[0].se01, x.sets[0].counted);
    // Resent by a third process: the same bytes, the same numbers.
    const QByteArray bytes = readAll(path);
    QVERIFY(QFile::remove(path));
    run = pwb({u"export"_s, u"--db"_s, db, u"--out"_s, out, u"--resend"_s, u"2"_s});
    QCOMPARE(run.code, 0);
    QCOMPARE(readAll(path), bytes);

    QCOMPARE(pwb({u"export"_s, u"--db"_s, db, u"--out"_s, out, u"--user"_s, u"root"_s,
                     u"--format"_s, u"sap"_s})
                 .code,
        1);
    // A sender id X12 cannot carry: refused before anything is recorded.
    const QString other = freshDatabase(u"x12-sender.db"_s);
    run = pwb({u"export"_s, u"--db"_s, other, u"--out"_s, out, u"--user"_s, u"root"_s,
        u"--format"_s, u"x12"_s, u"--x12-sender"_s, u"PWB*1"_s});
    QCOMPARE(run.code, 2);
    QVERIFY2(
        run.err.contains(u"The sender id 'PWB*1' cannot be written in X12"_s), qPrintable(run.err));
    QCOMPARE(column(other, "SELECT count(*) FROM export_batches").value(0), u"0"_s);
    QCOMPARE(column(other, "SELECT count(*) FROM x12_interchanges").value(0), u"0"_s);
}

void TestCliExport::odooAndD365FromTheCommandLine()
{
    const QString db = freshDatabase(u"erp.db"_s);
    const QString out = m_dir.filePath(u"erp"_s);
    Run run = pwb({u"export"_s, u"--db"_s, db, u"--out"_s, out, u"--user"_s, u"root"_s,
        u"--format"_s, u"odoo"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QVERIFY2(
        run.out.startsWith(u"Exported %1 approved actions as batch 1:\n"_s.arg(m_approved.size())),
        qPrintable(run.out));
    const QStringList odoo = QDir(out).entryList({u"pwb-export-000001-odoo-*.csv"_s});
    QCOMPARE(odoo.size(), 6);
    for (const QString &name : odoo) {
        QVERIFY2(run.out.contains(name), qPrintable(name));
        const exporttest::CsvTable table = exporttest::readCsv(readAll(out + u'/' + name));
        QVERIFY2(table.error.isEmpty(), qPrintable(name + u": "_s + table.error));
        QCOMPARE(table.header.value(0), u"id"_s);
    }
    // Everything is out: d365 finds nothing new.
    run = pwb({u"export"_s, u"--db"_s, db, u"--out"_s, out, u"--user"_s, u"root"_s, u"--format"_s,
        u"d365"_s});
    QCOMPARE(run.code, 0);
    QVERIFY2(run.out.startsWith(u"Nothing to export"_s), qPrintable(run.out));
}

void TestCliExport::ackFromTheCommandLine()
{
    const QString db = freshDatabase(u"ack.db"_s);
    const QString out = m_dir.filePath(u"ack"_s);
    QCOMPARE(pwb({u"export"_s, u"--db"_s, db, u"--out"_s, out, u"--user"_s, u"root"_s,
                     u"--format"_s, u"csv"_s})
                 .code,
        0);
    const exporttest::CsvTable batch
        = exporttest::readCsv(readAll(out + u"/pwb-export-000001.csv"_s));
    QVERIFY(batch.rows.size() >= 3);
    const QString a = batch.at(0, u"idempotency_key"_s), b = batch.at(1, u"idempotency_key"_s),
                  c = batch.at(2, u"idempotency_key"_s);
    const QString file = m_dir.filePath(u"erp-ack.csv"_s);
    auto write = [&file](const QString &text) {
        QFile f(file);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(text.toUtf8());
    };
    const QStringList ack {u"ack"_s, file, u"--db"_s, db, u"--user"_s, u"root"_s};
    const QStringList before = column(db, "SELECT count(*) FROM audit_events");

    // Malformed on line 3: nothing is applied, the line and field are named.
    write(u"idempotency_key,status,erp_reference,message\n"_s + a + u",accepted,TO-1,\n"_s + b
        + u",done,,\n"_s);
    Run run = pwb(ack);
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains(u"erp-ack.csv:3: field 'status': 'done'"_s), qPrintable(run.err));
    QCOMPARE(column(db, "SELECT count(*) FROM audit_events"), before);
    QCOMPARE(
        column(db, "SELECT count(*) FROM export_records WHERE erp_status IS NOT NULL").value(0),
        u"0"_s);
    // A wrong password: not allowed (the refused sign-in is an audit event).
    QCOMPARE(pwbtest::pwb(ack, pwbtest::withPasswords(u"wrong-password"_s)).code, 4);
    QCOMPARE(
        column(db, "SELECT count(*) FROM export_records WHERE erp_status IS NOT NULL").value(0),
        u"0"_s);
    const int events = column(db, "SELECT count(*) FROM audit_events").value(0).toInt();

    // One accepted, one failed, an unknown key and a repeated one: the two applied,
    // the others listed by line, exit 2.
    const QString unknown = u"pwb-"_s + QString(32, u'f');
    write(u"idempotency_key,status,erp_reference,message\n"_s + a + u",accepted,TO-1,\n"_s + b
        + u",failed,,\"Item blocked, see log\"\n"_s + unknown + u",accepted,,\n"_s + c
        + u",accepted,,\n"_s + c + u",accepted,,\n"_s);
    run = pwb(ack);
    QCOMPARE(run.code, 2);
    QVERIFY2(run.out.startsWith(u"Acknowledged 2 records: 1 accepted, 1 failed."_s),
        qPrintable(run.out));
    QVERIFY2(run.err.contains(u"erp-ack.csv:4: "_s + unknown + u": no exported record"_s),
        qPrintable(run.err));
    QVERIFY2(run.err.contains(u"erp-ack.csv:5: "_s + c), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"erp-ack.csv:6: "_s + c), qPrintable(run.err));
    QCOMPARE(column(db, "SELECT count(*) FROM audit_events").value(0).toInt(), events + 2);

    run = pwb({u"decisions"_s, u"--db"_s, db, u"--format"_s, u"json"_s});
    QCOMPARE(run.code, 0);
    QMap<QString, QJsonObject> byKey;
    for (const auto &value : QJsonDocument::fromJson(run.out.toUtf8()).array()) {
        const QJsonObject d = value.toObject();
        const QString id = QString::number(d.value(u"decision_id"_s).toInteger());
        for (qsizetype r = 0; r < batch.rows.size(); ++r)
            if (batch.at(r, u"decision_id"_s) == id)
                byKey.insert(batch.at(r, u"idempotency_key"_s), d);
    }
    QCOMPARE(byKey.value(a).value(u"erp_status"_s).toString(), u"accepted"_s);
    QCOMPARE(byKey.value(a).value(u"erp_reference"_s).toString(), u"TO-1"_s);
    QCOMPARE(byKey.value(b).value(u"erp_status"_s).toString(), u"failed"_s);
    QCOMPARE(byKey.value(b).value(u"erp_message"_s).toString(), u"Item blocked, see log"_s);
    QCOMPARE(byKey.value(c).value(u"erp_status"_s).toString(), u"exported"_s);
    QCOMPARE(byKey.value(c).value(u"exported_batch"_s).toInt(), 1);
    run = pwb({u"decisions"_s, u"--db"_s, db});
    QVERIFY2(run.out.contains(u"batch 1 accepted TO-1"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"batch 1 failed"_s), qPrintable(run.out));

    // The failed one goes out again: batch 2 holds it alone.
    run = pwb({u"export"_s, u"--db"_s, db, u"--out"_s, out, u"--user"_s, u"root"_s});
    QVERIFY2(run.out.startsWith(u"Exported 1 approved action as batch 2"_s), qPrintable(run.out));
    const QJsonObject second
        = QJsonDocument::fromJson(readAll(out + u"/pwb-export-000002.json"_s)).object();
    QCOMPARE(second.value(u"records"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"idempotency_key"_s)
                 .toString(),
        b);
    QCOMPARE(pwb({u"audit"_s, u"verify"_s, u"--db"_s, db}).code, 0);
}

void TestCliExport::killedExportsNeverLoseOrRepeatADecision()
{
    // How long an export takes here, start to end, to spread the kills over it.
    qint64 fullRun = 0;
    for (int i = 0; i < 3; ++i) {
        const QString db = freshDatabase(u"timing.db"_s);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(pwb({u"export"_s, u"--db"_s, db, u"--out"_s, m_dir.filePath(u"timing"_s),
                         u"--user"_s, u"root"_s})
                     .code,
            0);
        fullRun = std::max(fullRun, timer.nsecsElapsed() / 1000);
    }
    const QSet<qint64> expected(m_approved.keyBegin(), m_approved.keyEnd());
    QRandomGenerator random(20261128);
    int nothingRecorded = 0, recordedOnly = 0, finished = 0;
    qint64 latestUnrecorded = 0, earliestRecorded = fullRun;
    constexpr int kRuns = 60;
    for (int run = 0; run < kRuns; ++run) {
        const QString db = freshDatabase(u"killed.db"_s);
        const QString out = m_dir.filePath(u"killed-%1"_s.arg(run));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PWB_PASSWORD"_s, kPassword);
        QProcess process;
        process.setProcessEnvironment(env);
        process.setStandardInputFile(QProcess::nullDevice());
        process.start(QStringLiteral(PWB_BINARY),
            {u"export"_s, u"--db"_s, db, u"--out"_s, out, u"--user"_s, u"root"_s, u"--format"_s,
                run % 2 ? u"csv"_s : u"json"_s});
        QVERIFY(process.waitForStarted());
        // Every other run anywhere from at once to a little after a whole export; the
        // others around the moment the batch is committed and its files written, as
        // the runs so far place it (to the microsecond).
        const qint64 delay = run % 2 == 0 || latestUnrecorded >= earliestRecorded
            ? qint64(random.bounded(quint64(fullRun * 12 / 10) + 1))
            : latestUnrecorded - 5000
                + qint64(random.bounded(quint64(earliestRecorded - latestUnrecorded + 10000)));
        QThread::usleep(quint64(std::max<qint64>(0, delay)));
        process.kill(); // SIGKILL
        QVERIFY(process.waitForFinished());
        const bool completed
            = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;

        // What the database says: each decision in one batch at most, each batch with
        // its records, its files and its decisions.
        QCOMPARE(column(db,
                     "SELECT decision_id FROM export_records GROUP BY decision_id "
                     "HAVING count(*) > 1"),
            QStringList());
        QCOMPARE(column(db,
                     "SELECT batch_id FROM export_batches b WHERE record_count <> (SELECT "
                     "count(*) FROM export_records r WHERE r.batch_id = b.batch_id) OR NOT "
                     "EXISTS (SELECT 1 FROM export_files f WHERE f.batch_id = b.batch_id)"),
            QStringList());
        QCOMPARE(column(db,
                     "SELECT r.decision_id FROM export_records r JOIN decisions d ON d.id = "
                     "r.decision_id WHERE d.exported_batch IS NOT r.batch_id"),
            QStringList());
        const QStringList batches = column(db, "SELECT batch_id FROM export_batches");
        QVERIFY(batches.size() <= 1);
        if (batches.isEmpty())
            latestUnrecorded = std::max(latestUnrecorded, delay);
        else
            earliestRecorded = std::min(earliestRecorded, delay);
        if (batches.isEmpty())
            ++nothingRecorded;
        else if (completed)
            ++finished;
        else
            ++recordedOnly;

        // The next export and a resend of every batch cover each approval once.
        auto workbench = model::Workbench::open(db);
        QVERIFY(workbench);
        const QString verify = m_dir.filePath(u"verify-%1"_s.arg(run));
        auto next
            = (*workbench)->exporter().exportApproved(verify, model::ExportFormat::Json, kRoot);
        QVERIFY2(next, qPrintable(next ? QString() : next.error().message));
        QCOMPARE(next->batchId == 0, !batches.isEmpty());
        for (const QString &batch : batches)
            QVERIFY((*workbench)->exporter().resend(batch.toLongLong(), verify));
        const QMap<qint64, int> seen = decisionsInFiles(verify);
        QCOMPARE(QSet<qint64>(seen.keyBegin(), seen.keyEnd()), expected);
        for (int count : seen)
            QCOMPARE(count, 1);
        // A file the killed export did write is whole, and the same as its resend.
        for (const QString &name : QDir(out).entryList(QDir::Files)) {
            if (name.endsWith(u".part"_s))
                continue;
            QCOMPARE(readAll(out + u'/' + name), readAll(verify + u'/' + name));
        }
    }
    qInfo("%d killed exports (a whole export took %lld us): %d before the batch was recorded, "
          "%d after it was recorded, %d after it finished",
        kRuns, fullRun, nothingRecorded, recordedOnly, finished);
    QVERIFY(nothingRecorded > 0);
}

QTEST_GUILESS_MAIN(TestCliExport)
#include "test_cli_export.moc"
