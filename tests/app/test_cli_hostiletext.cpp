// `pwb` on a snapshot whose text holds terminal escape sequences, carriage returns,
// C1 controls and bidi overrides (tests/common/hostilesnapshot.h): text and table
// output show them as visible escapes, JSON escapes them and keeps their value.

#include "model/store/checksum.h"
#include "model/store/store.h"
#include "tests/common/hostilesnapshot.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
};

Run pwb(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(PWB_BINARY), arguments);
    Run run;
    if (!process.waitForFinished(120'000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.code = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

/// The characters of `output` (UTF-8) a terminal would act on rather than show, line
/// feeds apart, as escapes; empty when there is none.
QStringList rawControls(const QByteArray &output)
{
    QStringList found;
    for (const char32_t c : QString::fromUtf8(output).toUcs4()) {
        const bool control = (c < 0x20 && c != u'\n') || (c >= 0x7F && c <= 0x9F) || c == 0x2028
            || c == 0x2029 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        if (control)
            found.append(u"U+"_s + QString::number(uint(c), 16).rightJustified(4, u'0'));
    }
    return found;
}

/// Whether `value` or anything inside it is the string `text`.
bool holdsString(const QJsonValue &value, const QString &text)
{
    if (value.isString())
        return value.toString() == text;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::ranges::any_of(
            array, [&](const QJsonValue &v) { return holdsString(v, text); });
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        return std::ranges::any_of(
            object, [&](const QJsonValue &v) { return holdsString(v, text); });
    }
    return false;
}

} // namespace

class TestCliHostileText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importSummaryShowsEscapes();
    void queueOutputs();
    void explainText_data();
    void explainText();
    void explainJsonKeepsTheValue();
    void storedControlsInIdsAreEscapedToo();

private:
    QTemporaryDir m_tmp;
    QString m_snapshot, m_db;
    QString m_exceptionId;
};

void TestCliHostileText::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_snapshot = m_tmp.filePath(u"hostile"_s);
    QVERIFY(QDir().mkpath(m_snapshot));
    QVERIFY(testsupport::writeHostileSnapshot(
        QStringLiteral(PWB_DATA_DIR "/valid/all-files"), m_snapshot));
    m_db = m_tmp.filePath(u"hostile.db"_s);
    const Run queue = pwb({u"import"_s, m_snapshot, u"--db"_s, m_db});
    QVERIFY2(queue.code == 0, queue.err.constData());
    const Run json = pwb({u"queue"_s, u"--db"_s, m_db, u"--format"_s, u"json"_s});
    const QJsonArray rows = QJsonDocument::fromJson(json.out).array();
    QVERIFY(!rows.isEmpty());
    m_exceptionId = rows.first().toObject().value(u"exception_id"_s).toString();
    QVERIFY(m_exceptionId.contains(u"SKU1"_s));
}

void TestCliHostileText::importSummaryShowsEscapes()
{
    const Run run = pwb({u"import"_s, m_snapshot, u"--db"_s, m_tmp.filePath(u"again.db"_s)});
    QCOMPARE(run.code, 0);
    QCOMPARE(rawControls(run.out), QStringList());
    QVERIFY2(run.out.contains("source           ERP\\x1b]0;title\\x07\\r\\u202e\n"),
        run.out.constData());
}

void TestCliHostileText::queueOutputs()
{
    for (const QString &format : {u"table"_s, u"json"_s, u"csv"_s}) {
        const Run run = pwb({u"queue"_s, u"--db"_s, m_db, u"--format"_s, format});
        QCOMPARE(run.code, 0);
        QVERIFY2(rawControls(run.out).isEmpty(), qPrintable(format));
    }
}

void TestCliHostileText::explainText_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("exception") << QStringList {m_exceptionId};
    QTest::newRow("SKU-location") << QStringList {
        u"--item"_s, u"SKU1"_s, u"--location"_s, u"DC1"_s};
    QTest::newRow("SKU-location without exception")
        << QStringList {u"--item"_s, u"SKU1"_s, u"--location"_s, u"BR1"_s};
}

void TestCliHostileText::explainText()
{
    QFETCH(QStringList, arguments);
    const Run run = pwb(QStringList {u"explain"_s} + arguments + QStringList {u"--db"_s, m_db});
    QVERIFY2(run.code == 0, run.err.constData());
    QVERIFY2(rawControls(run.out).isEmpty(),
        qPrintable(rawControls(run.out).join(u", "_s) + u"\n"_s + QString::fromUtf8(run.out)));
    // The description is there, its controls shown as escapes, its markup as written.
    QVERIFY2(run.out.contains("<b>Widget</b><img src="), run.out.constData());
    QVERIFY(run.out.contains("\\x1b]0;owned\\x07 \\x1b[2J\\rOVERWRITTEN \\u202edesrever\\u202c"
                             " \\u009b31m red \\u2028 next \\x7f end"));
    if (arguments.contains(u"DC1"_s) || arguments.contains(m_exceptionId))
        QVERIFY(run.out.contains("<i>Central</i> \\x1b[31mDC\\r\\u202etsaE"));
}

void TestCliHostileText::explainJsonKeepsTheValue()
{
    for (const QStringList &arguments : {QStringList {m_exceptionId},
             QStringList {u"--item"_s, u"SKU1"_s, u"--location"_s, u"DC1"_s}}) {
        const Run run = pwb(QStringList {u"explain"_s} + arguments
            + QStringList {u"--db"_s, m_db, u"--format"_s, u"json"_s});
        QCOMPARE(run.code, 0);
        QCOMPARE(rawControls(run.out), QStringList());
        QJsonParseError error {};
        const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(holdsString(doc.object(), u"SKU1"_s));
    }
}

void TestCliHostileText::storedControlsInIdsAreEscapedToo()
{
    // A store written before the import refused control characters in ids, edited
    // here to hold them (and its rows sealed again, as the migration that added the
    // checksums seals what it finds): what pwb prints from it is escaped all the same.
    const QString db = m_tmp.filePath(u"old.db"_s);
    QVERIFY(QFile::copy(m_db, db));
    {
        QSqlDatabase sql = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"old"_s);
        sql.setDatabaseName(db);
        QVERIFY(sql.open());
        QSqlQuery query(sql);
        QVERIFY(query.prepare(u"UPDATE snapshots SET snapshot_id = ?, currency = ?"_s));
        query.addBindValue(u"N\x1b]0;owned\x07\r\u202e"_s);
        query.addBindValue(u"E\x1b[2J"_s);
        QVERIFY(query.exec());
        sql.close();
    }
    QSqlDatabase::removeDatabase(u"old"_s);
    {
        auto store = model::Store::open(db);
        QVERIFY(store);
        QVERIFY(model::sealSnapshotRows((*store)->handle(), -1));
    }
    const Run table = pwb({u"queue"_s, u"--db"_s, db});
    QCOMPARE(table.code, 0);
    QCOMPARE(rawControls(table.out), QStringList());
    QVERIFY2(table.out.contains("of snapshot N\\x1b]0;owned\\x07\\r\\u202e (as of"),
        table.out.constData());
    QVERIFY(table.out.contains("SCORE E\\x1b[2J"));
    const Run json = pwb({u"queue"_s, u"--db"_s, db, u"--format"_s, u"json"_s});
    QCOMPARE(rawControls(json.out), QStringList());
    const QJsonArray rows = QJsonDocument::fromJson(json.out).array();
    QVERIFY(!rows.isEmpty());
    QCOMPARE(rows.first().toObject().value(u"currency"_s).toString(), u"E\x1b[2J"_s);
    const Run explained = pwb({u"explain"_s, m_exceptionId, u"--db"_s, db});
    QCOMPARE(explained.code, 0);
    QCOMPARE(rawControls(explained.out), QStringList());
}

QTEST_GUILESS_MAIN(TestCliHostileText)
#include "test_cli_hostiletext.moc"
