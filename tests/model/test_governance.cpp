// Accounts, the role rule and the audit trail: the first account must be an admin,
// passwords are kept only as Argon2id hashes, sign-in failures and account changes are
// audit events; an approval above the user's role is refused and recorded as refused;
// and an audit trail edited, cut or added to with raw SQL (triggers dropped, as
// someone holding the file would) is caught at the right event.

#include "importedstore.h"
#include "model/workbench.h"
#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace storetest;

namespace {

/// Runs `sql` on the database file through a connection of its own, as someone with
/// the file and the sqlite3 shell would. SQLite's message on failure, else empty.
QString rawSql(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return u"cannot open"_s;
    }
    QString message = testsupport::execScript(db, sql);
    sqlite3_close(db);
    return message;
}

} // namespace

class TestGovernance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstAccountMustBeAnAdmin();
    void passwordsAreArgon2idHashesOnly();
    void signInChecksThePassword();
    void onlyAnAdminAddsAccounts();
    void approvalAboveTheRoleIsRefused();
    void decisionsAreAuditEventsWithTheirContext();
    void triggersRefuseChangesToTheTrail();
    void verifyFindsAnEditedEvent();
    void verifyFindsARemovedEvent();
    void verifyFindsACutTail();
    void verifyFindsAnInsertedEvent();
    void verifyFindsAnEventAppendedByHand();

private:
    /// A new database with five audit events (1..5), closed again.
    QString trailOfFive(QTemporaryDir &dir);

    QTemporaryDir m_data;
    QString m_snapshot;
};

void TestGovernance::initTestCase()
{
    QCOMPARE(storetest::generateSnapshot(m_data, m_snapshot), QString());
}

QString TestGovernance::trailOfFive(QTemporaryDir &dir)
{
    const QString path = dir.filePath(u"trail.db"_s);
    auto workbench = model::Workbench::open(path);
    if (!workbench)
        return {};
    for (int i = 1; i <= 5; ++i) {
        model::AuditEvent event;
        event.user = u"ana"_s;
        event.role = u"planner"_s;
        event.event = QString::fromLatin1(model::AuditEvent::kDecisionReject);
        event.exceptionId = u"shortage:SKU-"_s + QString::number(i) + u"@DC-1"_s;
        event.score = 1000.5 * i;
        event.factors = u"margin_at_risk=1000.5"_s;
        event.action = u"transfer"_s;
        event.outcome = u"recorded"_s;
        if (!(*workbench)->audit().record(event))
            return {};
    }
    return path;
}

void TestGovernance::firstAccountMustBeAnAdmin()
{
    QTemporaryDir dir;
    auto workbench = model::Workbench::open(dir.filePath(u"wb.db"_s));
    QVERIFY(workbench);
    model::UserStore &users = (*workbench)->users();
    QCOMPARE(users.hasAccounts(), false);

    auto planner = users.addFirst(u"ana"_s, engine::Role::Planner, "correct horse");
    QVERIFY(!planner);
    QCOMPARE(planner.error().code, model::Error::BadInput);
    QVERIFY2(planner.error().message.contains(u"must be an admin"_s),
        qPrintable(planner.error().message));
    QCOMPARE(users.hasAccounts(), false);

    auto shortPassword = users.addFirst(u"root"_s, engine::Role::Admin, "short");
    QVERIFY(!shortPassword);
    QCOMPARE(shortPassword.error().code, model::Error::BadInput);

    auto admin = users.addFirst(u"root"_s, engine::Role::Admin, "correct horse");
    QVERIFY2(admin, qPrintable(admin ? QString() : admin.error().message));
    QCOMPARE(admin->role, engine::Role::Admin);
    QCOMPARE(admin->createdBy, u"root"_s);
    QCOMPARE(users.hasAccounts(), true);

    // Only once: the next account needs an admin's sign-in.
    auto second = users.addFirst(u"eve"_s, engine::Role::Admin, "correct horse");
    QVERIFY(!second);
    QCOMPARE(second.error().code, model::Error::NotAllowed);

    auto events = (*workbench)->audit().events();
    QVERIFY(events);
    QCOMPARE(events->size(), std::size_t(1));
    QCOMPARE(events->front().event, u"user.add"_s);
    QCOMPARE(events->front().user, u"root"_s);
    QCOMPARE(events->front().outcome, u"created"_s);
}

void TestGovernance::passwordsAreArgon2idHashesOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"wb.db"_s);
    {
        auto workbench = model::Workbench::open(path);
        QVERIFY(workbench);
        QVERIFY((*workbench)->users().addFirst(u"root"_s, engine::Role::Admin, "s3cret-pass!"));
        QVERIFY(!(*workbench)->users().signIn(u"root"_s, "wrong-pass-1"));
    }
    QVERIFY(
        testsupport::queryValue(path, "SELECT password_hash FROM users").startsWith("$argon2id$"));
    // Neither the password nor a wrong guess is anywhere in the file or its log.
    const QString probe = dir.filePath(u"probe.db"_s);
    const QByteArray vacuum = "VACUUM INTO '" + probe.toUtf8() + "'";
    QCOMPARE(rawSql(path, vacuum.constData()), QString());
    for (const QString &file : QStringList {path, path + u"-wal"_s, probe}) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.readAll();
        QVERIFY(!bytes.contains("s3cret-pass!"));
        QVERIFY(!bytes.contains("wrong-pass-1"));
    }
}

void TestGovernance::signInChecksThePassword()
{
    QTemporaryDir dir;
    auto workbench = model::Workbench::open(dir.filePath(u"wb.db"_s));
    QVERIFY(workbench);
    model::UserStore &users = (*workbench)->users();
    QVERIFY(users.addFirst(u"root"_s, engine::Role::Admin, "correct horse"));

    auto user = users.signIn(u"root"_s, "correct horse");
    QVERIFY(user);
    QCOMPARE(user->name, u"root"_s);
    QCOMPARE(user->role, engine::Role::Admin);

    auto wrong = users.signIn(u"root"_s, "battery staple");
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, model::Error::NotAllowed);
    QCOMPARE(wrong.error().exitCode(), 4);
    auto unknown = users.signIn(u"nobody"_s, "battery staple");
    QVERIFY(!unknown);
    // The same words either way: a failed sign-in does not reveal which names exist.
    QCOMPARE(unknown.error().message, wrong.error().message);

    auto events = (*workbench)->audit().events();
    QVERIFY(events);
    QCOMPARE(events->size(), std::size_t(3));
    QCOMPARE(events->at(1).event, u"user.sign-in"_s);
    QCOMPARE(events->at(1).user, u"root"_s);
    QCOMPARE(events->at(1).outcome, u"failed: wrong password"_s);
    QCOMPARE(events->at(2).user, u"nobody"_s);
    QCOMPARE(events->at(2).role, QString());
    QCOMPARE(events->at(2).outcome, u"failed: unknown account"_s);
}

void TestGovernance::onlyAnAdminAddsAccounts()
{
    QTemporaryDir dir;
    auto workbench = model::Workbench::open(dir.filePath(u"wb.db"_s));
    QVERIFY(workbench);
    model::UserStore &users = (*workbench)->users();
    QVERIFY(users.addFirst(u"root"_s, engine::Role::Admin, "correct horse"));
    const model::User root {u"root"_s, engine::Role::Admin};

    QVERIFY(users.add(root, u"mia"_s, engine::Role::Manager, "manager-pass"));
    // A user claiming a role the database does not give them is taken at the stored
    // role: mia is a manager, whatever the caller says.
    auto byManager = users.add(
        model::User {u"mia"_s, engine::Role::Admin}, u"pat"_s, engine::Role::Planner, "12345678");
    QVERIFY(!byManager);
    QCOMPARE(byManager.error().code, model::Error::NotAllowed);
    QVERIFY2(byManager.error().message.contains(u"needs the admin role"_s),
        qPrintable(byManager.error().message));
    auto byStranger = users.add(
        model::User {u"eve"_s, engine::Role::Admin}, u"pat"_s, engine::Role::Planner, "12345678");
    QVERIFY(!byStranger);
    QCOMPARE(byStranger.error().code, model::Error::NotAllowed);

    QCOMPARE(users.add(root, u"MIA"_s, engine::Role::Planner, "12345678").error().code,
        model::Error::BadInput);
    QCOMPARE(users.add(root, u" pat"_s, engine::Role::Planner, "12345678").error().code,
        model::Error::BadInput);
    QVERIFY(users.add(root, u"pat"_s, engine::Role::Planner, "12345678"));

    auto list = users.list();
    QVERIFY(list);
    QCOMPARE(list->size(), std::size_t(3));
    QCOMPARE(list->at(0).name, u"mia"_s);
    QCOMPARE(list->at(0).role, engine::Role::Manager);
    QCOMPARE(list->at(0).createdBy, u"root"_s);
    QCOMPARE(list->at(1).name, u"pat"_s);
    QCOMPARE(list->at(2).name, u"root"_s);
}

void TestGovernance::approvalAboveTheRoleIsRefused()
{
    std::unique_ptr<QTemporaryDir> dir;
    QString dbPath;
    std::unique_ptr<model::Workbench> workbench;
    model::ImportSummary summary;
    // A low planner limit, so that some recommendation of the generated snapshot
    // needs a manager: every one of them pays for itself, and few cost thousands.
    engine::Policy policy;
    policy.plannerApprovalLimit = 20;
    QCOMPARE(importFresh(m_snapshot, dir, dbPath, workbench, summary, policy), QString());

    // The first recommendation that needs more than a planner.
    auto queue = workbench->runs().queue();
    QVERIFY(queue);
    QString id;
    int index = -1;
    engine::Role needs = engine::Role::Planner;
    for (qsizetype r = 0; r < queue->size() && id.isEmpty(); ++r) {
        auto e = workbench->runs().explainException(queue->exceptionId(r));
        QVERIFY(e);
        const auto &recommendations = e->exception->recommendations;
        for (std::size_t i = 0; i < recommendations.size() && id.isEmpty(); ++i) {
            if (recommendations[i].requiresRole != engine::Role::Planner) {
                id = queue->exceptionId(r);
                index = int(i);
                needs = recommendations[i].requiresRole;
            }
        }
    }
    QVERIFY2(!id.isEmpty(), "no recommendation needs more than a planner");

    model::UserStore &users = workbench->users();
    QVERIFY(users.addFirst(u"root"_s, engine::Role::Admin, "correct horse"));
    const model::User root {u"root"_s, engine::Role::Admin};
    QVERIFY(users.add(root, u"pat"_s, engine::Role::Planner, "planner-pass"));
    auto pat = users.signIn(u"pat"_s, "planner-pass");
    QVERIFY(pat);

    auto refused = workbench->decisions().record(id, index, model::Decision::Approved, *pat);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, model::Error::NotAllowed);
    QCOMPARE(refused.error().exitCode(), 4);
    const QString message = refused.error().message;
    QVERIFY2(message.contains(
                 u"needs the "_s + QString::fromLatin1(engine::roleName(needs)) + u" role"_s),
        qPrintable(message));
    // It names the policy field that asks for that role.
    QVERIFY2(message.contains(u"(Rule: the policy's planner_approval_limit (20).)"_s),
        qPrintable(message));
    QCOMPARE(testsupport::queryValue(dbPath, "SELECT count(*) FROM decisions").toInt(), 0);

    // Claiming a higher role changes nothing: the database's role counts.
    const model::User patAsAdmin {u"pat"_s, engine::Role::Admin};
    QVERIFY(!workbench->decisions().record(id, index, model::Decision::Approved, patAsAdmin));
    // Nor can a name without an account decide at all.
    auto stranger = workbench->decisions().record(
        id, index, model::Decision::Rejected, model::User {u"eve"_s, engine::Role::Admin});
    QVERIFY(!stranger);
    QCOMPARE(stranger.error().code, model::Error::NotAllowed);
    QCOMPARE(testsupport::queryValue(dbPath, "SELECT count(*) FROM decisions").toInt(), 0);

    // A rejection needs no particular role; an admin may approve.
    QVERIFY(workbench->decisions().record(id, index, model::Decision::Rejected, *pat));
    auto approved = workbench->decisions().record(id, index, model::Decision::Approved, root);
    QVERIFY2(approved, qPrintable(approved ? QString() : approved.error().message));
    QCOMPARE(approved->user, u"root"_s);

    auto events = workbench->audit().events();
    QVERIFY(events);
    QStringList outcomes;
    for (const model::AuditEvent &e : *events) {
        if (e.event.startsWith(u"decision."_s))
            outcomes << e.user + u' ' + e.role + u' ' + e.event + u' '
                    + e.outcome.section(u':', 0, 0);
    }
    QCOMPARE(outcomes,
        QStringList({u"pat planner decision.approve refused"_s,
            u"pat planner decision.approve refused"_s, u"pat planner decision.reject recorded"_s,
            u"root admin decision.approve recorded"_s}));
    auto check = workbench->audit().verify();
    QVERIFY(check && check->intact);
}

void TestGovernance::decisionsAreAuditEventsWithTheirContext()
{
    std::unique_ptr<QTemporaryDir> dir;
    QString dbPath;
    std::unique_ptr<model::Workbench> workbench;
    model::ImportSummary summary;
    QCOMPARE(importFresh(m_snapshot, dir, dbPath, workbench, summary), QString());
    auto queue = workbench->runs().queue();
    QVERIFY(queue && queue->size() > 0);
    const QString id = queue->exceptionId(0);
    auto explanation = workbench->runs().explainException(id);
    QVERIFY(explanation);

    auto decision
        = workbench->decisions().record(id, 0, model::Decision::Rejected, kAna, u"not now"_s);
    QVERIFY(decision);
    QVERIFY(workbench->decisions().undo(decision->id, kBen));

    auto events = workbench->audit().events();
    QVERIFY(events);
    QCOMPARE(events->size(), std::size_t(2));
    const model::AuditEvent &reject = events->at(0);
    QCOMPARE(reject.seq, 1);
    QCOMPARE(reject.user, u"ana"_s);
    QCOMPARE(reject.role, u"admin"_s);
    QCOMPARE(reject.event, u"decision.reject"_s);
    QCOMPARE(reject.exceptionId, id);
    QCOMPARE(reject.snapshotId, explanation->snapshot.snapshotId);
    QCOMPARE(reject.scoringVersion, explanation->run.scoringVersion);
    QCOMPARE(reject.policyHash, explanation->run.policyHash);
    QVERIFY(reject.score);
    QCOMPARE(*reject.score, explanation->exception->score);
    QVERIFY(!reject.factors.isEmpty());
    QCOMPARE(reject.factors.count(u'='), qsizetype(explanation->exception->factors.size()));
    QCOMPARE(reject.action, decision->action);
    QCOMPARE(reject.outcome, u"recorded"_s);
    QVERIFY(reject.detail.contains(u"comment: not now"_s));
    QCOMPARE(reject.previousHash, model::AuditLog::genesisHash());
    QCOMPARE(reject.hash, model::AuditLog::hashOf(reject));

    const model::AuditEvent &undo = events->at(1);
    QCOMPARE(undo.event, u"decision.undo"_s);
    QCOMPARE(undo.user, u"ben"_s);
    QCOMPARE(undo.exceptionId, id);
    QCOMPARE(undo.previousHash, reject.hash);

    auto check = workbench->audit().verify();
    QVERIFY(check);
    QVERIFY(check->intact);
    QCOMPARE(check->eventCount, 2);
    QCOMPARE(check->latestHash, undo.hash);
}

void TestGovernance::triggersRefuseChangesToTheTrail()
{
    QTemporaryDir dir;
    const QString path = trailOfFive(dir);
    QVERIFY(!path.isEmpty());
    const QByteArray before = testsupport::dumpDatabase(path);
    QVERIFY(rawSql(path, "UPDATE audit_events SET user = 'mallory' WHERE seq = 2")
                .contains(u"append-only"_s));
    QVERIFY(rawSql(path, "DELETE FROM audit_events WHERE seq = 5").contains(u"append-only"_s));
    QCOMPARE(testsupport::dumpDatabase(path), before);
}

void TestGovernance::verifyFindsAnEditedEvent()
{
    QTemporaryDir dir;
    const QString path = trailOfFive(dir);
    QVERIFY(!path.isEmpty());
    QCOMPARE(rawSql(path,
                 "DROP TRIGGER audit_events_no_update; "
                 "UPDATE audit_events SET score = 1.0 WHERE seq = 3"),
        QString());
    auto workbench = model::Workbench::open(path);
    QVERIFY(workbench);
    auto check = (*workbench)->audit().verify();
    QVERIFY(check);
    QVERIFY(!check->intact);
    QCOMPARE(check->brokenAt, 3);
    QVERIFY2(check->problem.startsWith(u"Event 3 edited"_s), qPrintable(check->problem));
}

void TestGovernance::verifyFindsARemovedEvent()
{
    QTemporaryDir dir;
    const QString path = trailOfFive(dir);
    QVERIFY(!path.isEmpty());
    QCOMPARE(
        rawSql(path, "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE seq = 2"),
        QString());
    auto workbench = model::Workbench::open(path);
    QVERIFY(workbench);
    auto check = (*workbench)->audit().verify();
    QVERIFY(check && !check->intact);
    QCOMPARE(check->brokenAt, 2);
    QVERIFY2(check->problem.startsWith(u"Event 2 removed"_s), qPrintable(check->problem));
}

void TestGovernance::verifyFindsACutTail()
{
    QTemporaryDir dir;
    const QString path = trailOfFive(dir);
    QVERIFY(!path.isEmpty());
    QCOMPARE(rawSql(path,
                 "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE seq >= 4"),
        QString());
    auto workbench = model::Workbench::open(path);
    QVERIFY(workbench);
    auto check = (*workbench)->audit().verify();
    QVERIFY(check && !check->intact);
    QCOMPARE(check->brokenAt, 4);
    QVERIFY2(check->problem.startsWith(u"Events 4 to 5 removed from the end"_s),
        qPrintable(check->problem));
}

void TestGovernance::verifyFindsAnInsertedEvent()
{
    // The strongest case: the inserted event is well formed, chained to the event
    // before it and hashed as the workbench would; the later events are renumbered to
    // make room. The event after it still names the hash of event 2.
    QTemporaryDir dir;
    const QString path = trailOfFive(dir);
    QVERIFY(!path.isEmpty());
    model::AuditEvent forged;
    forged.seq = 3;
    forged.at = u"2024-01-01T00:00:00Z"_s;
    forged.user = u"mallory"_s;
    forged.role = u"admin"_s;
    forged.event = u"decision.approve"_s;
    forged.exceptionId = u"shortage:SKU-9@DC-1"_s;
    forged.action = u"purchase"_s;
    forged.outcome = u"recorded"_s;
    forged.previousHash = QString::fromUtf8(
        testsupport::queryValue(path, "SELECT hash FROM audit_events WHERE seq = 2"));
    const QString hash = model::AuditLog::hashOf(forged);
    const QByteArray sql = "DROP TRIGGER audit_events_no_update; "
                           "UPDATE audit_events SET seq = seq + 1000 WHERE seq >= 3; "
                           "UPDATE audit_events SET seq = seq - 999 WHERE seq >= 1000; "
                           "INSERT INTO audit_events (seq, at, user, role, event, exception_id, "
                           "action, outcome, prev_hash, hash) VALUES (3, '"
        + forged.at.toUtf8()
        + "', 'mallory', 'admin', 'decision.approve', "
          "'shortage:SKU-9@DC-1', 'purchase', 'recorded', '"
        + forged.previousHash.toUtf8() + "', '" + hash.toUtf8() + "');";
    QCOMPARE(rawSql(path, sql.constData()), QString());
    auto workbench = model::Workbench::open(path);
    QVERIFY(workbench);
    auto check = (*workbench)->audit().verify();
    QVERIFY(check && !check->intact);
    QCOMPARE(check->brokenAt, 3);
    QVERIFY2(check->problem.startsWith(u"Event 3 inserted: event 4 was written after event 2"_s),
        qPrintable(check->problem));
}

void TestGovernance::verifyFindsAnEventAppendedByHand()
{
    QTemporaryDir dir;
    const QString path = trailOfFive(dir);
    QVERIFY(!path.isEmpty());
    QCOMPARE(rawSql(path,
                 "INSERT INTO audit_events (seq, at, user, role, event, outcome, prev_hash, hash) "
                 "VALUES (6, '2024-01-01T00:00:00Z', 'mallory', 'admin', 'user.add', 'created', "
                 "'0000', 'ffff')"),
        QString());
    auto workbench = model::Workbench::open(path);
    QVERIFY(workbench);
    auto check = (*workbench)->audit().verify();
    QVERIFY(check && !check->intact);
    QCOMPARE(check->brokenAt, 6);
    QVERIFY2(check->problem.startsWith(u"Event 6 inserted"_s), qPrintable(check->problem));
    // What came before is still reported as intact up to there.
    QCOMPARE(check->eventCount, 5);
}

QTEST_GUILESS_MAIN(TestGovernance)
#include "test_governance.moc"
