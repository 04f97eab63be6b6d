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

QTEST_GUILESS_MAIN(TestCliGuardrails)
#include "test_cli_guardrails.moc"
