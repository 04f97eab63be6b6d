// Two people deciding on one database at once, each through their own pwb process:
// every decision of both is recorded once, under its own user, and the audit trail
// they wrote between them is one intact chain.

#include "pwbprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using pwbtest::Run;

const QString kPassword = u"shared-secret"_s;

Run pwb(const QStringList &arguments)
{
    return pwbtest::pwb(arguments, pwbtest::withPasswords(kPassword));
}

/// A shell loop that rejects each of `ids` as `user`, one pwb process per decision,
/// and stops at the first failure (its exit code says which).
QProcess *decideAll(const QString &db, const QString &user, const QStringList &ids, QObject *parent)
{
    QString script = u"set -e\n"_s;
    for (const QString &id : ids) {
        script += u"\""_s + QStringLiteral(PWB_BINARY) + u"\" decide '"_s + id
            + u"' --reject --reason other --comment 'reviewed by "_s + user + u"' --user "_s + user
            + u" --db '"_s + db + u"'\n"_s;
    }
    auto *process = new QProcess(parent);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PWB_PASSWORD"_s, kPassword);
    process->setProcessEnvironment(env);
    process->setStandardInputFile(QProcess::nullDevice());
    process->start(u"bash"_s, {u"-c"_s, script});
    return process;
}

} // namespace

class TestCliConcurrent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoProcessesDecidingLoseNothing();

private:
    QTemporaryDir m_dir;
};

void TestCliConcurrent::twoProcessesDecidingLoseNothing()
{
    const QString db = m_dir.filePath(u"shared.db"_s);
    QCOMPARE(pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, db}).code, 0);
    QCOMPARE(pwb({u"user"_s, u"add"_s, u"ana"_s, u"--role"_s, u"admin"_s, u"--db"_s, db}).code, 0);
    QCOMPARE(pwbtest::pwb({u"user"_s, u"add"_s, u"ben"_s, u"--role"_s, u"manager"_s, u"--db"_s, db,
                              u"--as"_s, u"ana"_s},
                 pwbtest::withPasswords(kPassword, kPassword))
                 .code,
        0);
    const Run queue
        = pwb({u"queue"_s, u"--db"_s, db, u"--limit"_s, u"0"_s, u"--format"_s, u"json"_s});
    QCOMPARE(queue.code, 0);
    QStringList ids;
    // The exceptions with something to decide on.
    for (const auto &value : QJsonDocument::fromJson(queue.out.toUtf8()).array()) {
        if (!value.toObject().value(u"action"_s).toString().isEmpty())
            ids << value.toObject().value(u"exception_id"_s).toString();
    }
    constexpr qsizetype kDecisions = 24;
    QVERIFY2(ids.size() >= kDecisions, qPrintable(queue.out.left(300)));
    // Ana takes the even rows, Ben the odd ones, at the same time.
    QStringList even, odd;
    for (qsizetype i = 0; i < kDecisions; ++i)
        (i % 2 == 0 ? even : odd) << ids.at(i);
    QProcess *a = decideAll(db, u"ana"_s, even, this);
    QProcess *b = decideAll(db, u"ben"_s, odd, this);
    QVERIFY(a->waitForFinished(180'000));
    QVERIFY(b->waitForFinished(180'000));
    QVERIFY2(a->exitCode() == 0, a->readAllStandardError().constData());
    QVERIFY2(b->exitCode() == 0, b->readAllStandardError().constData());

    const Run listed = pwb({u"decisions"_s, u"--db"_s, db, u"--format"_s, u"json"_s});
    QCOMPARE(listed.code, 0);
    const QJsonArray decisions = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    QCOMPARE(decisions.size(), kDecisions);
    QSet<QString> seen;
    for (const auto &value : decisions) {
        const QJsonObject d = value.toObject();
        const QString id = d.value(u"exception_id"_s).toString();
        QVERIFY2(!seen.contains(id), qPrintable(id));
        seen.insert(id);
        QCOMPARE(d.value(u"state"_s).toString(), u"rejected"_s);
        QCOMPARE(d.value(u"user"_s).toString(), even.contains(id) ? u"ana"_s : u"ben"_s);
    }
    // One chain: both processes' events, none lost, none forked.
    const Run verify = pwb({u"audit"_s, u"verify"_s, u"--db"_s, db});
    QVERIFY2(verify.code == 0, qPrintable(verify.out + verify.err));
}

QTEST_GUILESS_MAIN(TestCliConcurrent)
#include "test_cli_concurrent.moc"
