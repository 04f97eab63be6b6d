// `pwb scenario` on the demo: a scenario file imported, listed, exported, run (its
// results kept and shown), proposed as transfers (each with the value it covers on time
// and the lateness it avoids, as `pwb simulate --format json` lists them beforehand),
// one approved and exported once;
// a proposal made on an earlier snapshot is refused (exit 4); bad input exits 1 or 2
// with a clear message; delete removes it.

#include "pwbprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kName = u"West to BR-02 closed"_s;

} // namespace

class TestCliScenario : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importRunShowExport();
    void proposeApproveExportOnce();
    void badInputIsAClearError();
    void aNewSnapshotRefusesTheOldProposal();
    void deleteRemovesIt();

private:
    pwbtest::Run as(const QString &user, QStringList arguments) const
    {
        arguments << u"--user"_s << user << u"--db"_s << m_db;
        return pwbtest::pwb(arguments, pwbtest::withPasswords(u"pass-word-1"_s));
    }
    QTemporaryDir m_dir;
    QString m_db;
    QString m_file;
};

void TestCliScenario::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(u"demo.db"_s);
    pwbtest::Run r = pwbtest::pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, m_db});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const auto passwords = pwbtest::withPasswords(u"pass-word-1"_s, u"pass-word-1"_s);
    r = pwbtest::pwb(
        {u"user"_s, u"add"_s, u"ann"_s, u"--role"_s, u"admin"_s, u"--db"_s, m_db}, passwords);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = pwbtest::pwb({u"user"_s, u"add"_s, u"pia"_s, u"--role"_s, u"planner"_s, u"--db"_s, m_db,
                         u"--as"_s, u"ann"_s},
        passwords);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    m_file = m_dir.filePath(u"scenario.json"_s);
    QFile f(m_file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"name": "West to BR-02 closed", "changes": [
        {"kind": "disable_lane", "from": "DC-WEST", "to": "BR-02"},
        {"kind": "delay_supplier", "supplier": "SUP-002", "days": 10}]})");
}

void TestCliScenario::importRunShowExport()
{
    pwbtest::Run r = as(u"pia"_s, {u"scenario"_s, u"import"_s, m_file});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"Saved scenario \"West to BR-02 closed\" (2 changes) as pia"_s),
        qPrintable(r.out));
    r = pwbtest::pwb({u"scenario"_s, u"list"_s, u"--db"_s, m_db});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(kName) && r.out.contains(u"never run"_s), qPrintable(r.out));
    r = pwbtest::pwb({u"scenario"_s, u"export"_s, u"west to br-02 closed"_s, u"--db"_s, m_db});
    QCOMPARE(r.code, 0);
    const QJsonObject exported = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(exported[u"name"_s].toString(), kName);
    QCOMPARE(exported[u"changes"_s][0][u"kind"_s].toString(), u"disable_lane"_s);

    r = pwbtest::pwb({u"scenario"_s, u"run"_s, kName, u"--db"_s, m_db, u"--format"_s, u"json"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject results = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(results[u"snapshot_version"_s].toInt(), 1);
    QCOMPARE(results[u"difference"_s][u"units_moved"_s].toDouble(),
        results[u"with_scenario"_s][u"units_moved"_s].toDouble()
            - results[u"base"_s][u"units_moved"_s].toDouble());
    r = pwbtest::pwb({u"scenario"_s, u"show"_s, kName, u"--db"_s, m_db});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"(version 1), run "_s) && r.out.contains(u"Units moved"_s),
        qPrintable(r.out));
}

void TestCliScenario::proposeApproveExportOnce()
{
    // `pwb simulate --format json` lists what proposing would hand over: every transfer
    // avoids something, and the one to DC-EAST only lateness (tests/model
    // test_scenarios.cpp works its 172.84 out by hand).
    pwbtest::Run r = pwbtest::pwb({u"simulate"_s, u"--db"_s, m_db, u"--scenario"_s, m_file,
        u"--format"_s, u"json"_s, u"--no-instance"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonArray wouldPropose
        = QJsonDocument::fromJson(r.out.toUtf8()).object()[u"proposals"_s].toArray();
    QCOMPARE(wouldPropose.size(), 3);
    bool onlyLateness = false;
    for (const auto &v : wouldPropose) {
        const QJsonObject t = v.toObject();
        QVERIFY(t[u"benefit"_s].toDouble() > 0);
        QCOMPARE(t[u"benefit"_s].toDouble(),
            t[u"value_covered"_s].toDouble() + t[u"lateness_avoided"_s].toDouble());
        if (t[u"to"_s].toString() == u"DC-EAST"_s) {
            QCOMPARE(t[u"value_covered"_s].toDouble(), 0.0);
            QCOMPARE(QString::number(t[u"lateness_avoided"_s].toDouble(), 'f', 2), u"172.84"_s);
            onlyLateness = true;
        }
    }
    QVERIFY(onlyLateness);

    r = as(u"pia"_s, {u"scenario"_s, u"propose"_s, kName});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"NP-1-1"_s) && r.out.contains(u"Proposal 1 of scenario"_s),
        qPrintable(r.out));
    r = pwbtest::pwb({u"scenario"_s, u"proposals"_s, u"--db"_s, m_db});
    QVERIFY2(r.out.contains(u"NP-1-1"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"Value on time  Lateness avoided"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"0.00            172.84"_s), qPrintable(r.out));
    r = as(u"pia"_s, {u"scenario"_s, u"approve"_s, u"NP-1-1"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.startsWith(u"Approved NP-1-1 (decision "_s), qPrintable(r.out));
    r = pwbtest::pwb({u"scenario"_s, u"proposals"_s, u"--db"_s, m_db});
    QVERIFY2(r.out.contains(u"approved (pia)"_s), qPrintable(r.out));
    const QString out = m_dir.filePath(u"out"_s);
    r = as(u"pia"_s, {u"export"_s, u"--out"_s, out});
    QVERIFY2(r.code == 0 && r.out.startsWith(u"Exported 1 approved action"_s),
        qPrintable(r.out + r.err));
    r = as(u"pia"_s, {u"export"_s, u"--out"_s, out});
    QVERIFY2(r.code == 0 && r.out.startsWith(u"Nothing to export"_s), qPrintable(r.out + r.err));
}

void TestCliScenario::badInputIsAClearError()
{
    pwbtest::Run r = as(u"pia"_s, {u"scenario"_s, u"save"_s, u"x"_s});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"save needs --file"_s), qPrintable(r.err));
    r = pwbtest::pwb({u"scenario"_s, u"frobnicate"_s, u"--db"_s, m_db});
    QCOMPARE(r.code, 1);
    r = pwbtest::pwb({u"scenario"_s, u"show"_s, u"nothing"_s, u"--db"_s, m_db});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"There is no scenario named \"nothing\""_s), qPrintable(r.err));
    r = pwbtest::pwb({u"scenario"_s, u"propose"_s, kName, u"--db"_s, m_db});
    QCOMPARE(r.code, 1); // signed: --user is required
    r = as(u"pia"_s, {u"scenario"_s, u"approve"_s, u"NP-9-9"_s});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"There is no proposed transfer NP-9-9"_s), qPrintable(r.err));
}

void TestCliScenario::aNewSnapshotRefusesTheOldProposal()
{
    pwbtest::Run r = pwbtest::pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, m_db});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = as(u"pia"_s, {u"scenario"_s, u"approve"_s, u"NP-1-2"_s});
    QCOMPARE(r.code, 4);
    QVERIFY2(r.err.contains(u"run scenario \"West to BR-02 closed\" again"_s), qPrintable(r.err));
    r = pwbtest::pwb({u"scenario"_s, u"proposals"_s, u"--db"_s, m_db});
    QVERIFY2(r.out.contains(u"No open proposal"_s), qPrintable(r.out));
    // Run again on the new snapshot: both results are kept.
    r = pwbtest::pwb({u"scenario"_s, u"run"_s, kName, u"--db"_s, m_db});
    QCOMPARE(r.code, 0);
    r = pwbtest::pwb({u"scenario"_s, u"show"_s, kName, u"--db"_s, m_db});
    QVERIFY2(
        r.out.contains(u"(version 2)"_s) && r.out.contains(u"(version 1)"_s), qPrintable(r.out));
}

void TestCliScenario::deleteRemovesIt()
{
    pwbtest::Run r = as(u"pia"_s, {u"scenario"_s, u"delete"_s, kName});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = pwbtest::pwb({u"scenario"_s, u"list"_s, u"--db"_s, m_db});
    QVERIFY2(r.out.startsWith(u"No saved scenario"_s), qPrintable(r.out));
}

QTEST_GUILESS_MAIN(TestCliScenario)
#include "test_cli_scenario.moc"
