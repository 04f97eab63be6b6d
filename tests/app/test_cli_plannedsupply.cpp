// Approved actions as planned supply, end to end through the pwb binary: an approved
// transfer and purchase count as supply on the next run (the queue stops asking for
// them, and they still go to the ERP), an exported decision can no longer be undone,
// and the next night's snapshot that shows the transfer closes it, in the audit trail.
// It opens the database through the model to try an undo and read the trail.

#include "model/workbench.h"
#include "pwbprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using pwbtest::Run;

const QString kPassword = u"root-password"_s;

Run pwb(const QStringList &arguments)
{
    return pwbtest::pwb(arguments, pwbtest::withPasswords(kPassword));
}

/// The demo as the ERP extracts it one day later, with `transfers` as its open
/// transfers (CSV rows after the header).
QString nextNight(const QString &folder, const QString &transfers)
{
    QDir().mkpath(folder);
    const QDir demo(QStringLiteral(PWB_DEMO_DIR));
    for (const QString &name : demo.entryList({u"*.csv"_s}, QDir::Files))
        QFile::copy(demo.filePath(name), folder + u'/' + name);
    QFile manifest(demo.filePath(u"manifest.json"_s));
    if (!manifest.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(manifest.readAll());
    text.replace(u"SYNTH-7-2026-11-28"_s, u"SYNTH-7-2026-11-29"_s);
    text.replace(u"\"as_of\": \"2026-11-28\""_s, u"\"as_of\": \"2026-11-29\""_s);
    QFile out(folder + u"/manifest.json"_s);
    QFile csv(folder + u"/transfers.csv"_s);
    if (!out.open(QIODevice::WriteOnly) || !csv.open(QIODevice::WriteOnly))
        return {};
    out.write(text.toUtf8());
    csv.write("transfer_id,item_id,from_location_id,to_location_id,qty,ship_date,expected_date\n"
        + transfers.toUtf8());
    return folder;
}

QJsonArray decisionsJson(const QString &db)
{
    const Run run = pwb({u"decisions"_s, u"--db"_s, db, u"--format"_s, u"json"_s});
    return QJsonDocument::fromJson(run.out.toUtf8()).array();
}

} // namespace

class TestCliPlannedSupply : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void approvedActionsCountUntilTheErpShowsThem();
    void aLaterDecisionReplacesAnApprovalNotSentYet();

private:
    QTemporaryDir m_dir;
};

void TestCliPlannedSupply::approvedActionsCountUntilTheErpShowsThem()
{
    const QString db = m_dir.filePath(u"planned.db"_s);
    QCOMPARE(pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, db}).code, 0);
    QCOMPARE(pwb({u"user"_s, u"add"_s, u"root"_s, u"--role"_s, u"admin"_s, u"--db"_s, db}).code, 0);
    const auto queue = [&db] { return pwb({u"queue"_s, u"--db"_s, db, u"--limit"_s, u"0"_s}).out; };
    const QString before = queue();
    // The demo's plan: transfer 10 from BR-02 to DC-WEST for SKU-00033, buy 3 of SKU-00016.
    QVERIFY(before.contains(u"SKU-00033  DC-WEST"_s));
    QVERIFY2(before.contains(QRegularExpression(u"shortage +SKU-00033 +DC-WEST .* transfer\n"_s)),
        qPrintable(before));
    for (const QString &id : {u"shortage:SKU-00033@DC-WEST"_s, u"shortage:SKU-00016@DC-WEST"_s}) {
        const Run run
            = pwb({u"decide"_s, id, u"--approve"_s, u"--user"_s, u"root"_s, u"--db"_s, db});
        QVERIFY2(run.code == 0, qPrintable(run.err));
    }

    // Re-scored: both count as supply. SKU-00033's lines still ship late (the
    // transfer lands on 11-30, after their due dates), so its shortage stays, but
    // asks only to tell customer service; nothing asks for the transfer again.
    Run run = pwb({u"score"_s, u"--db"_s, db});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    const QString after = queue();
    QVERIFY2(after.contains(QRegularExpression(u"shortage +SKU-00033 +DC-WEST .* notify CS\n"_s)),
        qPrintable(after));
    QVERIFY(!after.contains(QRegularExpression(u"shortage +SKU-00016 +DC-WEST"_s)));
    run = pwb({u"explain"_s, u"shortage:SKU-00033@DC-WEST"_s, u"--db"_s, db});
    QCOMPARE(run.code, 0);
    QVERIFY2(!run.out.contains(u"transfer 10 from BR-02"_s), qPrintable(run.out));
    QJsonArray decisions = decisionsJson(db);
    QCOMPARE(decisions.size(), 2);
    for (const auto &value : decisions) {
        const QJsonObject d = value.toObject();
        QCOMPARE(d.value(u"planned_supply"_s).toBool(), true);
        QVERIFY(d.value(u"recommendation"_s).isNull());
        QCOMPARE(d.value(u"state"_s).toString(), u"approved"_s);
    }

    // No longer recommended, still to be sent: both go out in one batch.
    const QString out = m_dir.filePath(u"inbox"_s);
    run = pwb({u"export"_s, u"--db"_s, db, u"--out"_s, out, u"--user"_s, u"root"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(u"Exported 2 approved actions as batch 1"_s), qPrintable(run.out));
    QFile batch(out + u"/pwb-export-000001.json"_s);
    QVERIFY(batch.open(QIODevice::ReadOnly));
    const QJsonArray records
        = QJsonDocument::fromJson(batch.readAll()).object().value(u"records"_s).toArray();
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.at(0).toObject().value(u"action"_s).toString(), u"transfer"_s);
    QCOMPARE(records.at(0).toObject().value(u"from_location_id"_s).toString(), u"BR-02"_s);
    QCOMPARE(records.at(0).toObject().value(u"quantity"_s).toDouble(), 10.0);
    QCOMPARE(records.at(0).toObject().value(u"date"_s).toString(), u"2026-11-30"_s);
    QCOMPARE(records.at(1).toObject().value(u"action"_s).toString(), u"purchase"_s);

    // Sent to the ERP: undoing it here would not undo it there.
    {
        auto workbench = model::Workbench::open(db);
        QVERIFY(workbench);
        auto undone = (*workbench)->decisions().undo(1, {u"root"_s, engine::Role::Admin});
        QVERIFY(!undone);
        QCOMPARE(undone.error().code, model::Error::NotAllowed);
        QVERIFY2(undone.error().message.contains(u"export batch 1"_s),
            qPrintable(undone.error().message));
    }

    // The next night's snapshot shows the transfer (and an older unrelated one):
    // matched and closed, with an audit event; the purchase still counts.
    const QString next = nextNight(m_dir.filePath(u"next"_s),
        u"TO-4000,SKU-00033,DC-EAST,DC-WEST,10,2026-11-29,2026-12-01\n"
        "TO-5001,SKU-00033,BR-02,DC-WEST,10,2026-11-29,2026-11-30\n"_s);
    QVERIFY(!next.isEmpty());
    run = pwb({u"import"_s, next, u"--db"_s, db});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    decisions = decisionsJson(db);
    QCOMPARE(decisions.size(), 1);
    QCOMPARE(decisions.at(0).toObject().value(u"action"_s).toString(), u"purchase"_s);
    auto workbench = model::Workbench::open(db);
    QVERIFY(workbench);
    auto events = (*workbench)->audit().events();
    QVERIFY(events);
    int closes = 0;
    for (const model::AuditEvent &e : *events) {
        if (e.event != u"decision.close"_s)
            continue;
        ++closes;
        QCOMPARE(e.outcome, u"seen"_s);
        QVERIFY2(e.detail.contains(u"decision 1: "_s) && e.detail.contains(u"as TO-5001"_s),
            qPrintable(e.detail));
        QCOMPARE(e.user, u"system"_s);
        QCOMPARE(e.snapshotId, u"SYNTH-7-2026-11-29"_s);
    }
    QCOMPARE(closes, 1);
    QCOMPARE(pwb({u"audit"_s, u"verify"_s, u"--db"_s, db}).code, 0);
}

void TestCliPlannedSupply::aLaterDecisionReplacesAnApprovalNotSentYet()
{
    // The planner approves SKU-00033's transfer, then thinks again and rejects it on
    // the same queue: the next run must not count the transfer, nor export send it.
    const QString db = m_dir.filePath(u"replaced.db"_s);
    QCOMPARE(pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, db}).code, 0);
    QCOMPARE(pwb({u"user"_s, u"add"_s, u"root"_s, u"--role"_s, u"admin"_s, u"--db"_s, db}).code, 0);
    const QString id = u"shortage:SKU-00033@DC-WEST"_s;
    QCOMPARE(pwb({u"decide"_s, id, u"--approve"_s, u"--user"_s, u"root"_s, u"--db"_s, db}).code, 0);
    QCOMPARE(pwb({u"decide"_s, id, u"--reject"_s, u"--reason"_s, u"other"_s, u"--user"_s, u"root"_s,
                     u"--db"_s, db})
                 .code,
        0);
    QCOMPARE(pwb({u"score"_s, u"--db"_s, db}).code, 0);
    const QString queue = pwb({u"queue"_s, u"--db"_s, db, u"--limit"_s, u"0"_s}).out;
    QVERIFY2(queue.contains(QRegularExpression(u"shortage +SKU-00033 +DC-WEST .* transfer\n"_s)),
        qPrintable(queue));
    const QJsonArray decisions = decisionsJson(db);
    QCOMPARE(decisions.size(), 1);
    QCOMPARE(decisions.at(0).toObject().value(u"state"_s).toString(), u"rejected"_s);
    const Run run = pwb({u"export"_s, u"--db"_s, db, u"--out"_s, m_dir.filePath(u"none"_s),
        u"--user"_s, u"root"_s});
    QCOMPARE(run.code, 0);
    QVERIFY2(run.out.startsWith(u"Nothing to export"_s), qPrintable(run.out));
}

QTEST_GUILESS_MAIN(TestCliPlannedSupply)
#include "test_cli_plannedsupply.moc"
