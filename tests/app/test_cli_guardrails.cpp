// The guardrails of governance as a script meets them: approval limits that name the
// policy rule when they refuse (exit 4), automatic approvals by the policy's
// auto_approve rules, a batch approval that skips what the rules refuse, and the
// stored policy that a manager sets and another approves.

#include "pwbprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using pwbtest::Run;

Run pwb(const QStringList &arguments, const QString &password = {})
{
    return pwbtest::pwb(
        arguments, password.isNull() ? pwbtest::RunOptions {} : pwbtest::withPasswords(password));
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

/// Adds root (admin) and the given accounts (name, role); the password of each is its
/// name followed by "-password".
bool addAccounts(const QString &db, const QList<std::pair<QString, QString>> &accounts)
{
    if (pwb({u"user"_s, u"add"_s, u"root"_s, u"--role"_s, u"admin"_s, u"--db"_s, db},
            u"root-password"_s)
            .code
        != 0)
        return false;
    for (const auto &[name, role] : accounts) {
        const Run run = pwbtest::pwb(
            {u"user"_s, u"add"_s, name, u"--role"_s, role, u"--db"_s, db, u"--as"_s, u"root"_s},
            pwbtest::withPasswords(u"root-password"_s, name + u"-password"_s));
        if (run.code != 0)
            return false;
    }
    return true;
}

QJsonArray decisionsJson(const QString &db, const QStringList &extra = {})
{
    const Run run
        = pwb(QStringList {u"decisions"_s, u"--db"_s, db, u"--format"_s, u"json"_s} + extra);
    return QJsonDocument::fromJson(run.out.toUtf8()).array();
}

} // namespace

class TestCliGuardrails : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aRefusalNamesThePolicyRule();
    void theDemoPolicyApprovesSmallTransfersItself();
    void aManagerSetsThePolicyAndAnotherApprovesIt();
    void batchApprovalSkipsWhatTheRulesRefuse();

private:
    QTemporaryDir m_dir;
};

void TestCliGuardrails::aRefusalNamesThePolicyRule()
{
    // Planners may expedite up to 10; the demo's expedite of SKU-00037 at DC-WEST costs
    // 13.60, the transfer of SKU-00033 35.60 (within planner_approval_limit, 5000).
    const QString db = m_dir.filePath(u"limits.db"_s);
    const QString policy = m_dir.filePath(u"limits-policy.json"_s);
    QVERIFY(writeFile(policy,
        R"({"approval_limits": [{"role": "planner", "action": "expedite", "max_cost": 10}]})"));
    QCOMPARE(
        pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, db, u"--policy"_s, policy}).code,
        0);
    QVERIFY(addAccounts(db, {{u"pat"_s, u"planner"_s}, {u"mia"_s, u"manager"_s}}));
    const auto decide = [&db](const QString &id, const QString &user) {
        return pwb({u"decide"_s, id, u"--approve"_s, u"--user"_s, user, u"--db"_s, db},
            user + u"-password"_s);
    };
    Run run = decide(u"shortage:SKU-00037@DC-WEST"_s, u"pat"_s);
    QCOMPARE(run.code, 4);
    QVERIFY2(run.err.contains(u"needs the manager role or higher; pat is a planner"_s),
        qPrintable(run.err));
    QVERIFY2(run.err.contains(u"approval_limits[0] (planner, expedite: up to 10)"_s),
        qPrintable(run.err));
    QCOMPARE(decide(u"shortage:SKU-00033@DC-WEST"_s, u"pat"_s).code, 0);
    QCOMPARE(decide(u"shortage:SKU-00037@DC-WEST"_s, u"mia"_s).code, 0);
    // explain says which role each recommendation needs under the rules.
    run = pwb({u"explain"_s, u"shortage:SKU-00037@DC-WEST"_s, u"--db"_s, db});
    QCOMPARE(run.code, 0);
    QVERIFY2(run.out.contains(u"approval: manager"_s), qPrintable(run.out));
    QCOMPARE(decisionsJson(db).size(), 2);
}

void TestCliGuardrails::theDemoPolicyApprovesSmallTransfersItself()
{
    const QString demoPolicy
        = QStringLiteral(PWB_SOURCE_DIR) + u"/resources/policy/demo-policy.json"_s;
    // Without rules (the default policy) the system approves nothing.
    const QString plain = m_dir.filePath(u"plain.db"_s);
    Run run = pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, plain});
    QCOMPARE(run.code, 0);
    QVERIFY(!run.out.contains(u"auto-approved"_s));
    QCOMPARE(decisionsJson(plain).size(), 0);

    // Which exceptions the demo policy's rule names, worked out from the queue and the
    // explanations: the shown action is a transfer that arrives in time, costs at most
    // 100, and no tier-1 customer's order line is affected.
    run = pwb({u"queue"_s, u"--db"_s, plain, u"--format"_s, u"json"_s});
    QCOMPARE(run.code, 0);
    QStringList expected, spared;
    const QJsonDocument queue = QJsonDocument::fromJson(run.out.toUtf8());
    const QJsonArray rows
        = queue.isArray() ? queue.array() : queue.object().value(u"exceptions"_s).toArray();
    QVERIFY(!rows.isEmpty());
    for (const auto &value : rows) {
        const QJsonObject row = value.toObject();
        if (row.value(u"action"_s).toString() != u"transfer"_s
            || !row.value(u"action_feasible"_s).toBool()
            || row.value(u"action_cost"_s).toDouble() > 100)
            continue;
        const QString id = row.value(u"exception_id"_s).toString();
        const Run explained = pwb({u"explain"_s, id, u"--db"_s, plain, u"--format"_s, u"json"_s});
        bool tierOne = false;
        for (const auto &order :
            QJsonDocument::fromJson(explained.out.toUtf8()).object().value(u"orders"_s).toArray())
            tierOne = tierOne || order.toObject().value(u"tier"_s).toInt() == 1;
        (tierOne ? spared : expected) << id;
    }
    QCOMPARE(expected, QStringList {u"excess:SKU-00051@DC-WEST"_s});
    QCOMPARE(spared, QStringList {u"shortage:SKU-00033@DC-WEST"_s});

    // Scored with the demo policy, the system approves exactly those, in its own list.
    const QString db = m_dir.filePath(u"auto.db"_s);
    run = pwb(
        {u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, db, u"--policy"_s, demoPolicy});
    QCOMPARE(run.code, 0);
    QVERIFY2(run.out.contains(u"auto-approved    1 by the policy's auto_approve"_s),
        qPrintable(run.out));
    QVERIFY(addAccounts(db, {{u"pat"_s, u"planner"_s}}));
    QJsonArray automatic = decisionsJson(db, {u"--state"_s, u"auto"_s});
    QCOMPARE(automatic.size(), 1);
    const QJsonObject decision = automatic.at(0).toObject();
    QCOMPARE(decision.value(u"exception_id"_s).toString(), expected.first());
    QCOMPARE(decision.value(u"user"_s).toString(), u"system"_s);
    QCOMPARE(decision.value(u"state"_s).toString(), u"approved"_s);
    QVERIFY(decision.value(u"auto_approved"_s).toBool());
    QCOMPARE(decision.value(u"auto_rule"_s).toString(), u"auto_approve[0]"_s);
    QCOMPARE(decisionsJson(db).size(), 1);

    // A re-score approves nothing twice: the decision stands.
    run = pwb({u"score"_s, u"--db"_s, db, u"--policy"_s, demoPolicy});
    QCOMPARE(run.code, 0);
    QVERIFY(!run.out.contains(u"auto-approved"_s));
    QCOMPARE(decisionsJson(db, {u"--state"_s, u"auto"_s}).size(), 1);

    // Exported like any approval, by user system.
    const QString out = m_dir.filePath(u"auto-inbox"_s);
    run = pwb({u"export"_s, u"--db"_s, m_dir.filePath(u"auto.db"_s), u"--out"_s, out, u"--user"_s,
                  u"root"_s},
        u"root-password"_s);
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(u"Exported 1 approved action as batch 1"_s), qPrintable(run.out));
    QFile batch(out + u"/pwb-export-000001.json"_s);
    QVERIFY(batch.open(QIODevice::ReadOnly));
    const QJsonObject record = QJsonDocument::fromJson(batch.readAll())
                                   .object()
                                   .value(u"records"_s)
                                   .toArray()
                                   .at(0)
                                   .toObject();
    QCOMPARE(record.value(u"approved_by"_s).toString(), u"system"_s);
    QCOMPARE(record.value(u"exception_id"_s).toString(), expected.first());
    // Exported, it can no longer be undone.
    const QString id = QString::number(decision.value(u"decision_id"_s).toInteger());
    run = pwb(
        {u"decide"_s, u"--undo"_s, id, u"--user"_s, u"pat"_s, u"--db"_s, db}, u"pat-password"_s);
    QCOMPARE(run.code, 4);

    // Until then a person can take it back, and the system does not approve it again.
    const QString again = m_dir.filePath(u"undo.db"_s);
    QCOMPARE(pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, again, u"--policy"_s,
                     demoPolicy})
                 .code,
        0);
    QVERIFY(addAccounts(again, {{u"pat"_s, u"planner"_s}}));
    run = pwb(
        {u"decide"_s, u"--undo"_s, id, u"--user"_s, u"pat"_s, u"--db"_s, again}, u"pat-password"_s);
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QCOMPARE(run.out, u"Undid decision "_s + id + u" as pat.\n"_s);
    QCOMPARE(decisionsJson(again).size(), 0);
    run = pwb({u"score"_s, u"--db"_s, again, u"--policy"_s, demoPolicy});
    QCOMPARE(run.code, 0);
    QVERIFY(!run.out.contains(u"auto-approved"_s));
    QCOMPARE(decisionsJson(again).size(), 0);
    QCOMPARE(pwb({u"audit"_s, u"verify"_s, u"--db"_s, again}).code, 0);
}

void TestCliGuardrails::aManagerSetsThePolicyAndAnotherApprovesIt()
{
    const QString db = m_dir.filePath(u"governed.db"_s);
    Run run = pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, db});
    QCOMPARE(run.code, 0);
    const auto hashOfRun = [](const Run &r) {
        const qsizetype at = r.out.indexOf(u", policy "_s);
        return at < 0 ? QString() : r.out.mid(at + 9, 12);
    };
    const QString defaultHash = hashOfRun(run);
    QCOMPARE(defaultHash.size(), 12);
    QVERIFY(addAccounts(
        db, {{u"pat"_s, u"planner"_s}, {u"mia"_s, u"manager"_s}, {u"max"_s, u"manager"_s}}));
    const auto as = [&db](const QStringList &args, const QString &user) {
        return pwb(
            QStringList {u"policy"_s} + args + QStringList {u"--db"_s, db, u"--user"_s, user},
            user + u"-password"_s);
    };

    // No stored policy yet: show prints the built-in one.
    run = pwb({u"policy"_s, u"show"_s, u"--db"_s, db});
    QCOMPARE(run.code, 0);
    QVERIFY(run.err.contains(u"No stored policy"_s));
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8())
                 .object()
                 .value(u"planner_approval_limit"_s)
                 .toDouble(),
        5000.0);

    const QString file = m_dir.filePath(u"stricter.json"_s);
    QVERIFY(writeFile(file, R"({"planner_approval_limit": 30, "auto_approve": [
        {"action": "transfer", "max_cost": 100, "skip_tier": 1}]})"));
    // A planner cannot change it.
    run = as({u"set"_s, file}, u"pat"_s);
    QCOMPARE(run.code, 4);
    QVERIFY2(run.err.contains(u"needs the manager role or higher; pat is a planner"_s),
        qPrintable(run.err));
    // A manager sets it: pending, with what changed.
    run = as({u"set"_s, file}, u"mia"_s);
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(u"Set policy 1 (hash "_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"  planner_approval_limit: 5000 -> 30\n"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"  auto_approve: [] -> [{\"action\":\"transfer\""_s),
        qPrintable(run.out));
    const QString newHash = run.out.mid(19, 12);
    QVERIFY(newHash != defaultHash);

    // Pending: runs still use the default.
    run = pwb({u"score"_s, u"--db"_s, db});
    QCOMPARE(run.code, 0);
    QCOMPARE(hashOfRun(run), defaultHash);
    run = pwb({u"policy"_s, u"list"_s, u"--db"_s, db});
    QVERIFY2(run.out.contains(u"policy 1 (hash "_s + newHash + u"), set by mia at "_s)
            && run.out.contains(u"pending approval"_s),
        qPrintable(run.out));

    // Not by its editor, not by a planner; by another manager.
    run = as({u"approve"_s, u"1"_s}, u"mia"_s);
    QCOMPARE(run.code, 4);
    QVERIFY2(
        run.err.contains(u"the editor of a policy is not its approver"_s), qPrintable(run.err));
    QCOMPARE(as({u"approve"_s, u"1"_s}, u"pat"_s).code, 4);
    run = as({u"approve"_s, u"1"_s}, u"max"_s);
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(u"Approved policy 1"_s), qPrintable(run.out));
    QCOMPARE(as({u"approve"_s, u"1"_s}, u"root"_s).code, 2);

    // In force: the next run uses it, and a run given another policy is refused. Its
    // auto_approve names the demo's transfer of 80.24, but a planner may now approve
    // only up to 30: the system approves nothing a planner could not.
    run = pwb({u"score"_s, u"--db"_s, db});
    QCOMPARE(run.code, 0);
    QCOMPARE(hashOfRun(run), newHash);
    QVERIFY2(!run.out.contains(u"auto-approved"_s), qPrintable(run.out));
    QCOMPARE(decisionsJson(db).size(), 0);
    run = pwb({u"score"_s, u"--db"_s, db, u"--policy"_s, m_dir.filePath(u"limits-policy.json"_s)});
    QCOMPARE(run.code, 4);
    QVERIFY2(run.err.contains(u"policy is governed"_s), qPrintable(run.err));
    QCOMPARE(pwb({u"score"_s, u"--db"_s, db, u"--policy"_s, file}).code, 0);
    run = pwb({u"decide"_s, u"shortage:SKU-00033@DC-WEST"_s, u"--approve"_s, u"--user"_s, u"pat"_s,
                  u"--db"_s, db},
        u"pat-password"_s);
    QCOMPARE(run.code, 4);
    QVERIFY2(run.err.contains(u"planner_approval_limit (30)"_s), qPrintable(run.err));
    run = pwb({u"policy"_s, u"show"_s, u"--db"_s, db});
    QVERIFY(run.err.startsWith(u"policy 1 (hash "_s + newHash + u"), set by mia"_s));
    QVERIFY(run.err.contains(u"approved by max"_s));
    QCOMPARE(pwb({u"audit"_s, u"verify"_s, u"--db"_s, db}).code, 0);
}

void TestCliGuardrails::batchApprovalSkipsWhatTheRulesRefuse()
{
    // Planners may buy for up to 50: the demo's purchase of SKU-00016 at DC-WEST costs
    // 71.48; its expedite of SKU-00037 (13.60) and transfer of SKU-00033 (35.60) fit.
    const QString db = m_dir.filePath(u"batch.db"_s);
    const QString policy = m_dir.filePath(u"batch-policy.json"_s);
    QVERIFY(writeFile(policy,
        R"({"approval_limits": [{"role": "planner", "action": "purchase", "max_cost": 50}]})"));
    QCOMPARE(
        pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, db, u"--policy"_s, policy}).code,
        0);
    QVERIFY(addAccounts(db, {{u"pat"_s, u"planner"_s}, {u"mia"_s, u"manager"_s}}));
    const auto approveAll = [&db](const QStringList &how, const QString &user) {
        return pwb(
            QStringList {u"decide"_s, u"--approve-all"_s, u"--db"_s, db, u"--user"_s, user} + how,
            user + u"-password"_s);
    };
    QCOMPARE(approveAll({}, u"pat"_s).code, 1);
    QCOMPARE(approveAll({u"--type"_s, u"nonsense"_s}, u"pat"_s).code, 1);

    Run run = approveAll({u"--type"_s, u"shortage"_s}, u"pat"_s);
    QCOMPARE(run.code, 4);
    QVERIFY2(run.out.contains(u"  shortage:SKU-00016@DC-WEST: needs the manager role (the "
                              "policy's approval_limits[0] (planner, purchase: up to 50))\n"_s),
        qPrintable(run.out));
    QMap<QString, QString> byId;
    for (const auto &value : decisionsJson(db)) {
        const QJsonObject d = value.toObject();
        byId.insert(d.value(u"exception_id"_s).toString(), d.value(u"user"_s).toString());
    }
    QCOMPARE(byId.value(u"shortage:SKU-00037@DC-WEST"_s), u"pat"_s);
    QCOMPARE(byId.value(u"shortage:SKU-00033@DC-WEST"_s), u"pat"_s);
    QVERIFY(!byId.contains(u"shortage:SKU-00016@DC-WEST"_s));
    // Every approved row is a shortage, and every shortage row was approved or skipped.
    const qsizetype approved = byId.size();
    QVERIFY2(run.out.startsWith(u"Approved "_s + QString::number(approved) + u" of "_s),
        qPrintable(run.out));
    QVERIFY(approved >= 2);

    // The rows a planner could not approve, from a file, by a manager.
    const QString ids = m_dir.filePath(u"ids.txt"_s);
    QVERIFY(
        writeFile(ids, "# left over\nshortage:SKU-00016@DC-WEST\nshortage:SKU-00037@DC-WEST\n"));
    run = approveAll({u"--ids"_s, ids}, u"mia"_s);
    QCOMPARE(run.code, 0);
    QVERIFY2(run.out.startsWith(u"Approved 1 of 2 exceptions as mia (manager); skipped 1:\n"
                                "  shortage:SKU-00037@DC-WEST: decided already\n"_s),
        qPrintable(run.out));
    QCOMPARE(decisionsJson(db).size(), approved + 1);
    QCOMPARE(pwb({u"audit"_s, u"verify"_s, u"--db"_s, db}).code, 0);
}

QTEST_GUILESS_MAIN(TestCliGuardrails)
#include "test_cli_guardrails.moc"
