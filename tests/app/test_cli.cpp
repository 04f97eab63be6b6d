// The `pwb` command line, driven as a user or a script drives it: the real binary in a
// QProcess, checking exit codes, what goes to stdout and stderr, and the shapes of the
// JSON and CSV outputs against docs/cli.md and the explanation contract of SCORING.md.

#include "pwbprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

using pwbtest::pwb;
using pwbtest::Run;

QJsonArray jsonArray(const QString &text)
{
    QJsonParseError error {};
    const auto doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        qWarning("not a JSON array: %s", qPrintable(error.errorString()));
    return doc.array();
}

QJsonObject jsonObject(const QString &text)
{
    QJsonParseError error {};
    const auto doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qWarning("not a JSON object: %s", qPrintable(error.errorString()));
    return doc.object();
}

QSet<QString> keysOf(const QJsonObject &object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The first column of every data row of a CSV file of the demo (ids have no quotes).
QStringList firstColumn(const QString &path)
{
    QStringList ids;
    const QList<QByteArray> lines = readFile(path).split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (!lines.at(i).isEmpty())
            ids.append(QString::fromUtf8(lines.at(i).left(lines.at(i).indexOf(','))));
    }
    return ids;
}

/// The commands `pwb --help` lists, which is every registered command: a new command
/// is covered by the per-command tests without touching them.
QStringList listedCommands()
{
    const Run help = pwb({u"--help"_s});
    const qsizetype start = help.out.indexOf(u"\nCommands:\n"_s);
    const qsizetype end = help.out.indexOf(u"\n\n"_s, start + 1);
    if (start < 0 || end < 0)
        return {};
    QStringList names;
    const QStringList lines = help.out.mid(start, end - start).split(u'\n');
    for (const QString &line : lines.mid(2))
        names.append(line.trimmed().section(u' ', 0, 0));
    return names;
}

void addCommandRows()
{
    QTest::addColumn<QString>("command");
    for (const QString &command : listedCommands())
        QTest::newRow(qPrintable(command)) << command;
}

const QSet<QString> kQueueKeys {u"exception_id"_s, u"rank"_s, u"type"_s, u"item_id"_s,
    u"location_id"_s, u"score"_s, u"need_date"_s, u"top_factor"_s, u"action"_s, u"action_cost"_s,
    u"supplier_id"_s, u"currency"_s, u"action_feasible"_s, u"can_save"_s};
const QSet<QString> kTypes {u"shortage"_s, u"replenishment"_s, u"late_supply"_s, u"allocation"_s,
    u"excess"_s, u"cycle_count"_s};
const QSet<QString> kActions {u"transfer"_s, u"expedite"_s, u"purchase"_s, u"substitute"_s,
    u"notify_customer_service"_s, u"supplier_follow_up"_s, u"allocate"_s, u"return_to_supplier"_s,
    u"cycle_count"_s};
const QSet<QString> kRiskKeys {u"lead_time_days"_s, u"lead_time_std_days"_s, u"daily_demand"_s,
    u"daily_demand_std"_s, u"lead_time_demand_mean"_s, u"lead_time_demand_std"_s,
    u"inventory_position"_s, u"z"_s, u"stockout_probability"_s, u"expected_units_short"_s,
    u"order_qty"_s, u"fill_rate"_s};

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importPrintsSummary();
    void importOfBrokenSnapshotListsErrorsAndChangesNothing();
    void usageErrors_data();
    void usageErrors();
    void helpAndVersion();
    void helpListsEveryCommand();
    void everyCommandAnswersHelp_data() { addCommandRows(); }
    void everyCommandAnswersHelp();
    void everyCommandRejectsAnUnknownOption_data() { addCommandRows(); }
    void everyCommandRejectsAnUnknownOption();
    void queueJsonIsRankedAndComplete();
    void queueFilters();
    void queueCsvMatchesJson();
    void queueTableFitsATerminal();
    void explainJsonFollowsTheContract();
    void explainTextIsReadable();
    void explainUnknownExceptionIsBadInput();
    void explainSkuLocationWithoutException();
    void explainSkuLocationWithException();
    void scoreWithAnotherPolicy();
    void scoreNeedsASnapshot();
    void generateIsDeterministic();

private:
    QString path(const QString &name) const { return m_tmp.filePath(name); }
    QJsonArray fullQueue();

    QTemporaryDir m_tmp;
    QString m_db; ///< the demo, imported once
    qsizetype m_exceptionCount = 0; ///< as printed by the import
};

void TestCli::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFileInfo::exists(QStringLiteral(PWB_BINARY)));
    m_db = path(u"demo.db"_s);
    const Run run = pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, m_db});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    const auto match = QRegularExpression(u"exceptions +(\\d+)"_s).match(run.out);
    QVERIFY(match.hasMatch());
    m_exceptionCount = match.captured(1).toLongLong();
    QVERIFY(m_exceptionCount > 0);
}

QJsonArray TestCli::fullQueue()
{
    const Run run = pwb({u"queue"_s, u"--db"_s, m_db, u"--format"_s, u"json"_s});
    if (run.code != 0)
        qWarning("%s", qPrintable(run.err));
    return jsonArray(run.out);
}

void TestCli::importPrintsSummary()
{
    const QString db = path(u"summary.db"_s);
    const Run run = pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, db});
    QCOMPARE(run.code, 0);
    QVERIFY(run.err.isEmpty()); // the generated demo has nothing to warn about
    QVERIFY(run.out.contains(u"Imported snapshot SYNTH-7-2026-11-28 as version 1"_s));
    QVERIFY(run.out.contains(QRegularExpression(u"as of +2026-11-28"_s)));
    QVERIFY(run.out.contains(QRegularExpression(u"currency +USD"_s)));
    QVERIFY(run.out.contains(QRegularExpression(u"SKU-locations +240\\n"_s))); // 60 x 4
    QVERIFY(run.out.contains(QRegularExpression(u"Scored as run \\d+ \\(pwb-score/3"_s)));
    QVERIFY(run.out.contains(
        QRegularExpression(u"total exposure +USD \\d{1,3}(,\\d{3})*\\.\\d{2}\\n"_s)));

    // A second import of the same folder is a new version of the store.
    const Run again = pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, db});
    QCOMPARE(again.code, 0);
    QVERIFY(again.out.contains(u"as version 2"_s));
}

void TestCli::importOfBrokenSnapshotListsErrorsAndChangesNothing()
{
    const QJsonArray before = fullQueue();
    QVERIFY(!before.isEmpty());
    const QString fixture = QStringLiteral(PWB_BROKEN_DIR) + u"/decimal-comma"_s;
    const Run run = pwb({u"import"_s, fixture, u"--db"_s, m_db});
    QCOMPARE(run.code, 2);
    QVERIFY(run.out.isEmpty());
    const QString expected
        = QString::fromUtf8(readFile(fixture + u"/expected-error.txt"_s)).trimmed();
    QVERIFY(!expected.isEmpty());
    // file:line:column: error: field: message, exactly as the parser located it.
    QVERIFY(expected.contains(QRegularExpression(u"^\\w+\\.csv:\\d+:\\d+: error: \\w+: "_s)));
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    QCOMPARE(fullQueue(), before);
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString db = u"unused.db"_s;
    QTest::newRow("nothing") << QStringList {} << u"no command"_s;
    QTest::newRow("unknown command") << QStringList {u"frobnicate"_s} << u"unknown command"_s;
    QTest::newRow("unknown global option") << QStringList {u"--frob"_s} << u"unknown option"_s;
    QTest::newRow("import without snapshot")
        << QStringList {u"import"_s, u"--db"_s, db} << u"missing argument"_s;
    QTest::newRow("import without db") << QStringList {u"import"_s, u"dir"_s} << u"--db"_s;
    QTest::newRow("import, two snapshots")
        << QStringList {u"import"_s, u"a"_s, u"b"_s, u"--db"_s, db} << u"unexpected argument"_s;
    QTest::newRow("unknown option")
        << QStringList {u"queue"_s, u"--db"_s, db, u"--colour"_s} << u"colour"_s;
    QTest::newRow("option without value") << QStringList {u"queue"_s, u"--db"_s} << u"db"_s;
    QTest::newRow("bad type") << QStringList {u"queue"_s, u"--db"_s, db, u"--type"_s,
        u"shortages"_s} << u"shortages"_s;
    QTest::newRow("bad limit") << QStringList {u"queue"_s, u"--db"_s, db, u"--limit"_s, u"-3"_s}
                               << u"--limit"_s;
    QTest::newRow("bad format") << QStringList {u"queue"_s, u"--db"_s, db, u"--format"_s, u"xml"_s}
                                << u"xml"_s;
    QTest::newRow("explain nothing") << QStringList {u"explain"_s, u"--db"_s, db} << u"missing"_s;
    QTest::newRow("explain both forms") << QStringList {u"explain"_s, u"x"_s, u"--item"_s, u"i"_s,
        u"--location"_s, u"l"_s, u"--db"_s, db}
                                        << u"not both"_s;
    QTest::newRow("explain item only")
        << QStringList {u"explain"_s, u"--item"_s, u"i"_s, u"--db"_s, db} << u"--location"_s;
    QTest::newRow("generate bad items")
        << QStringList {u"generate"_s, u"--items"_s, u"many"_s, u"--out"_s, u"x"_s} << u"--items"_s;
    QTest::newRow("generate without out") << QStringList {u"generate"_s} << u"--out"_s;
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = pwb(arguments);
    QCOMPARE(run.code, 1);
    QVERIFY(run.out.isEmpty());
    // One line saying what is wrong, one line saying where to look.
    const QStringList lines = run.err.trimmed().split(u'\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.first().contains(message), qPrintable(lines.first()));
    QVERIFY(lines.last().contains(u"--help"_s));
    QVERIFY(!QFileInfo::exists(u"unused.db"_s));
}

void TestCli::helpAndVersion()
{
    const Run help = pwb({u"--help"_s});
    QCOMPARE(help.code, 0);
    for (const QString &command :
        {u"import"_s, u"score"_s, u"queue"_s, u"explain"_s, u"generate"_s})
        QVERIFY2(help.out.contains(u"\n  "_s + command + u' '), qPrintable(command));

    const Run queueHelp = pwb({u"queue"_s, u"--help"_s});
    QCOMPARE(queueHelp.code, 0);
    QVERIFY(queueHelp.out.startsWith(u"Usage: pwb queue"_s));
    for (const QString &option :
        {u"--db"_s, u"--type"_s, u"--location"_s, u"--limit"_s, u"--format"_s})
        QVERIFY2(queueHelp.out.contains(option), qPrintable(option));
    QCOMPARE(pwb({u"help"_s, u"explain"_s}).out, pwb({u"explain"_s, u"--help"_s}).out);

    const Run version = pwb({u"--version"_s});
    QCOMPARE(version.code, 0);
    QVERIFY(QRegularExpression(
        u"^pwb \\d+\\.\\d+\\.\\d+ \\(scoring pwb-score/\\d+, commit ([0-9a-f]{12}|unknown)\\)\\n$"_s)
                .match(version.out)
                .hasMatch());
}

void TestCli::helpListsEveryCommand()
{
    const QStringList commands = listedCommands();
    for (const QString &command :
        {u"import"_s, u"score"_s, u"queue"_s, u"explain"_s, u"generate"_s})
        QVERIFY2(commands.contains(command), qPrintable(command));
    QCOMPARE(QSet<QString>(commands.begin(), commands.end()).size(), commands.size());
}

void TestCli::everyCommandAnswersHelp()
{
    QFETCH(QString, command);
    const Run help = pwb({command, u"--help"_s});
    QCOMPARE(help.code, 0);
    QVERIFY(help.err.isEmpty());
    // Its own synopsis first, then its options, -h/--help among them.
    const QString usage = help.out.section(u'\n', 0, 0);
    QVERIFY2(
        usage == u"Usage: pwb "_s + command || usage.startsWith(u"Usage: pwb "_s + command + u' '),
        qPrintable(usage));
    QVERIFY(help.out.contains(u"\nOptions:\n"_s));
    QVERIFY(help.out.contains(u"-h, --help"_s));
    // The same text however it is asked for, also after an argument.
    QCOMPARE(pwb({command, u"-h"_s}).out, help.out);
    QCOMPARE(pwb({u"help"_s, command}).out, help.out);
    QCOMPARE(pwb({command, u"some-argument"_s, u"--help"_s}).out, help.out);
}

void TestCli::everyCommandRejectsAnUnknownOption()
{
    QFETCH(QString, command);
    const QList<QStringList> commandLines {{command, u"--no-such-option"_s},
        {command, u"--no-such-option=1"_s}, {command, u"some-argument"_s, u"--no-such-option"_s}};
    for (const QStringList &arguments : commandLines) {
        const Run run = pwb(arguments);
        QCOMPARE(run.code, 1);
        QVERIFY(run.out.isEmpty());
        const QStringList lines = run.err.trimmed().split(u'\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(
            lines.first().startsWith(u"pwb "_s + command + u": "_s), qPrintable(lines.first()));
        QVERIFY2(lines.first().contains(u"no-such-option"_s), qPrintable(lines.first()));
        QCOMPARE(lines.last(), u"Run 'pwb "_s + command + u" --help' for usage."_s);
    }
}

void TestCli::queueJsonIsRankedAndComplete()
{
    const QJsonArray queue = fullQueue();
    QCOMPARE(queue.size(), m_exceptionCount);
    double previousScore = INFINITY, previousCanSave = INFINITY;
    for (qsizetype i = 0; i < queue.size(); ++i) {
        const QJsonObject row = queue.at(i).toObject();
        QCOMPARE(keysOf(row), kQueueKeys);
        QCOMPARE(row.value(u"rank"_s).toInteger(), i + 1);
        const QString type = row.value(u"type"_s).toString();
        QVERIFY(kTypes.contains(type));
        QCOMPARE(row.value(u"exception_id"_s).toString(),
            type + u':' + row.value(u"item_id"_s).toString() + u'@'
                + row.value(u"location_id"_s).toString());
        // Ranked by what acting can save (the default policy), then by score.
        const double score = row.value(u"score"_s).toDouble();
        const double canSave = row.value(u"can_save"_s).toDouble();
        QVERIFY(score >= 0 && canSave >= 0 && canSave <= score + 0.005);
        QVERIFY(
            canSave < previousCanSave || (canSave == previousCanSave && score <= previousScore));
        previousScore = score;
        previousCanSave = canSave;
        QCOMPARE(row.value(u"currency"_s).toString(), u"USD"_s);
        QVERIFY(QRegularExpression(u"^\\d{4}-\\d{2}-\\d{2}$"_s)
                    .match(row.value(u"need_date"_s).toString())
                    .hasMatch());
        const QJsonValue action = row.value(u"action"_s);
        QVERIFY(action.isNull() || kActions.contains(action.toString()));
        QCOMPARE(row.value(u"action_cost"_s).isNull(), action.isNull());
        const QJsonValue feasible = row.value(u"action_feasible"_s);
        QVERIFY(feasible.isBool());
        if (action.isNull())
            QVERIFY(!feasible.toBool());
    }
    // The demo is lively: every queue has work in it, and some replenishments can only
    // be bought too late: they still name the purchase, marked infeasible.
    QSet<QString> types;
    int latePurchases = 0;
    for (const auto &entry : queue) {
        const QJsonObject row = entry.toObject();
        types.insert(row.value(u"type"_s).toString());
        if (row.value(u"type"_s).toString() == u"replenishment"_s
            && row.value(u"action"_s).toString() == u"purchase"_s
            && !row.value(u"action_feasible"_s).toBool())
            ++latePurchases;
    }
    QCOMPARE(types, kTypes);
    QVERIFY(latePurchases > 0);
}

void TestCli::queueFilters()
{
    const QJsonArray all = fullQueue();
    QVERIFY(!all.isEmpty());
    auto query = [this](const QStringList &extra) {
        const Run run
            = pwb(QStringList {u"queue"_s, u"--db"_s, m_db, u"--format"_s, u"json"_s} + extra);
        if (run.code != 0)
            qWarning("%s", qPrintable(run.err));
        return jsonArray(run.out);
    };
    // Filtering keeps the order and the ranks of the whole queue.
    auto expect = [&all](auto &&keep) {
        QJsonArray rows;
        for (const auto &row : all) {
            if (keep(row.toObject()))
                rows.append(row);
        }
        return rows;
    };
    const QJsonArray shortages = query({u"--type"_s, u"shortage"_s});
    QVERIFY(!shortages.isEmpty());
    QCOMPARE(shortages, expect([](const QJsonObject &r) {
        return r.value(u"type"_s).toString() == u"shortage"_s;
    }));
    const QJsonArray east = query({u"--location"_s, u"DC-EAST"_s});
    QVERIFY(!east.isEmpty() && east.size() < all.size());
    QCOMPARE(east, expect([](const QJsonObject &r) {
        return r.value(u"location_id"_s).toString() == u"DC-EAST"_s;
    }));
    const QJsonArray both = query({u"--type"_s, u"excess"_s, u"--location"_s, u"DC-EAST"_s});
    QCOMPARE(both, expect([](const QJsonObject &r) {
        return r.value(u"type"_s).toString() == u"excess"_s
            && r.value(u"location_id"_s).toString() == u"DC-EAST"_s;
    }));
    const QJsonArray top5 = query({u"--limit"_s, u"5"_s});
    QCOMPARE(top5.size(), 5);
    for (qsizetype i = 0; i < 5; ++i)
        QCOMPARE(top5.at(i), all.at(i));
    QCOMPARE(query({u"--location"_s, u"NOWHERE"_s}).size(), 0);
}

void TestCli::queueCsvMatchesJson()
{
    const QJsonArray json = fullQueue();
    const Run run = pwb({u"queue"_s, u"--db"_s, m_db, u"--format"_s, u"csv"_s});
    QCOMPARE(run.code, 0);
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.first(),
        u"exception_id,rank,type,item_id,location_id,score,need_date,top_factor,action,"
        "action_cost,supplier_id,currency,action_feasible,can_save"_s);
    QCOMPARE(lines.size() - 1, json.size());
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QStringList fields = lines.at(i + 1).split(u',');
        const QJsonObject row = json.at(i).toObject();
        QCOMPARE(fields.size(), 14);
        QCOMPARE(fields.at(0), row.value(u"exception_id"_s).toString());
        QCOMPARE(fields.at(1).toLongLong(), i + 1);
        QCOMPARE(fields.at(5).toDouble(), row.value(u"score"_s).toDouble());
        QCOMPARE(fields.at(8), row.value(u"action"_s).toString()); // null -> empty
        QCOMPARE(fields.at(12), row.value(u"action_feasible"_s).toBool() ? u"true"_s : u"false"_s);
        QCOMPARE(fields.at(13).toDouble(), row.value(u"can_save"_s).toDouble());
    }
}

void TestCli::queueTableFitsATerminal()
{
    const QJsonArray json = fullQueue();
    const Run run = pwb({u"queue"_s, u"--db"_s, m_db, u"--limit"_s, u"10"_s});
    QCOMPARE(run.code, 0);
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines)
        QVERIFY2(line.size() <= 100, qPrintable(line));
    const qsizetype header
        = lines.indexOf(QRegularExpression(u"RANK +TYPE +ITEM .*"_s)); // a whole-line match
    QVERIFY(header >= 0);
    QCOMPARE(lines.size(), header + 1 + 10 + 1); // header, 10 rows, "Showing 10 of N"
    QVERIFY(lines.last().contains(u"Showing 10 of "_s + QString::number(json.size())));
    const QRegularExpression money(u"  (\\d{1,3}(,\\d{3})*\\.\\d{2})  "_s);
    for (int i = 0; i < 10; ++i) {
        const QString line = lines.at(header + 1 + i);
        const QJsonObject row = json.at(i).toObject();
        QVERIFY(line.startsWith(QString::number(i + 1).rightJustified(4) + u"  "_s));
        QVERIFY(line.contains(row.value(u"item_id"_s).toString()));
        // A late action is named and marked as late; a row without one shows "-".
        if (row.value(u"action"_s).isNull())
            QVERIFY2(line.endsWith(u"  -"_s), qPrintable(line));
        else
            QCOMPARE(line.endsWith(u" (late)"_s), !row.value(u"action_feasible"_s).toBool());
        const auto m = money.match(line);
        QVERIFY2(m.hasMatch(), qPrintable(line));
        QCOMPARE(QString(m.captured(1)).remove(u',').toDouble(),
            std::round(row.value(u"score"_s).toDouble() * 100) / 100);
    }

    // Every late purchase of the replenishment queue reads as such, still within the width.
    int late = 0;
    for (const auto &entry : json) {
        const QJsonObject row = entry.toObject();
        late += row.value(u"type"_s).toString() == u"replenishment"_s
                && row.value(u"action"_s).toString() == u"purchase"_s
                && !row.value(u"action_feasible"_s).toBool()
            ? 1
            : 0;
    }
    QVERIFY(late > 0);
    const Run replenishments
        = pwb({u"queue"_s, u"--db"_s, m_db, u"--type"_s, u"replenishment"_s, u"--limit"_s, u"0"_s});
    QCOMPARE(replenishments.code, 0);
    int lateLines = 0;
    for (const QString &line : replenishments.out.split(u'\n', Qt::SkipEmptyParts)) {
        QVERIFY2(line.size() <= 100, qPrintable(line));
        lateLines += line.endsWith(u"  purchase (late)"_s) ? 1 : 0;
    }
    QCOMPARE(lateLines, late);
}

void TestCli::explainJsonFollowsTheContract()
{
    const QSet<QString> exceptionKeys {u"exception_id"_s, u"type"_s, u"item_id"_s, u"location_id"_s,
        u"rank"_s, u"score"_s, u"scoring_version"_s, u"need_date"_s, u"factors"_s, u"risk"_s,
        u"orders"_s, u"recommendations"_s};
    const QSet<QString> factorKeys {u"name"_s, u"value"_s, u"weight"_s, u"detail"_s, u"text"_s};
    const QSet<QString> orderKeys {u"order_id"_s, u"line"_s, u"customer_id"_s, u"tier"_s,
        u"qty_open"_s, u"qty_short"_s, u"due_date"_s, u"days_late"_s};
    const QJsonArray queue = fullQueue();
    QVERIFY(!queue.isEmpty());
    // Every exception of the demo: the score is exactly the sum of its factors.
    for (const auto &entry : queue) {
        const QJsonObject row = entry.toObject();
        const QString id = row.value(u"exception_id"_s).toString();
        const Run run = pwb({u"explain"_s, id, u"--db"_s, m_db, u"--format"_s, u"json"_s});
        QVERIFY2(run.code == 0, qPrintable(id + u": "_s + run.err));
        const QJsonObject x = jsonObject(run.out);
        QVERIFY2(keysOf(x).contains(exceptionKeys), qPrintable(id));
        QCOMPARE(x.value(u"exception_id"_s).toString(), id);
        QCOMPARE(x.value(u"rank"_s).toInteger(), row.value(u"rank"_s).toInteger());
        QCOMPARE(x.value(u"type"_s), row.value(u"type"_s));
        QCOMPARE(x.value(u"need_date"_s), row.value(u"need_date"_s));
        QVERIFY(x.value(u"scoring_version"_s).toString().startsWith(u"pwb-score/"_s));

        const double score = x.value(u"score"_s).toDouble();
        QVERIFY(std::abs(score - row.value(u"score"_s).toDouble()) < 0.01);
        double sum = 0;
        const QJsonArray factors = x.value(u"factors"_s).toArray();
        QVERIFY2(!factors.isEmpty(), qPrintable(id));
        for (const auto &f : factors) {
            const QJsonObject factor = f.toObject();
            QCOMPARE(keysOf(factor), factorKeys);
            QVERIFY(!factor.value(u"text"_s).toString().isEmpty());
            QVERIFY(factor.value(u"detail"_s).isObject());
            sum += factor.value(u"value"_s).toDouble();
        }
        QVERIFY2(std::abs(sum - score) < 0.01, qPrintable(id));

        const QJsonValue risk = x.value(u"risk"_s);
        QVERIFY(risk.isNull() || keysOf(risk.toObject()) == kRiskKeys);
        for (const auto &o : x.value(u"orders"_s).toArray())
            QCOMPARE(keysOf(o.toObject()), orderKeys);
        // The queue names the first recommendation listed, late or not.
        const QJsonArray recommendations = x.value(u"recommendations"_s).toArray();
        if (recommendations.isEmpty()) {
            QVERIFY2(row.value(u"action"_s).isNull(), qPrintable(id));
        } else {
            const QJsonObject best = recommendations.first().toObject();
            QCOMPARE(row.value(u"action"_s), best.value(u"action"_s));
            // Actionable: in time, or late but part of the item plan.
            QCOMPARE(row.value(u"action_feasible"_s).toBool(),
                best.value(u"feasible"_s).toBool() || best.value(u"in_plan"_s).toBool());
        }
        // What acting saves: the same in the queue and the explanation, never more than
        // the score, never negative.
        const double canSave = x.value(u"can_save"_s).toDouble();
        QVERIFY2(std::abs(canSave - row.value(u"can_save"_s).toDouble()) < 0.01, qPrintable(id));
        QVERIFY2(canSave >= 0 && canSave <= score + 1e-6, qPrintable(id));
        // The item plan's actions first, best net benefit first, none losing money;
        // then the rest: feasible first, best net benefit first among them.
        bool seenOther = false, seenInfeasible = false;
        double previousPlanNet = INFINITY, previousNet = INFINITY;
        for (const auto &r : x.value(u"recommendations"_s).toArray()) {
            const QJsonObject rec = r.toObject();
            QVERIFY(kActions.contains(rec.value(u"action"_s).toString()));
            const double net = rec.value(u"benefit"_s).toDouble() - rec.value(u"cost"_s).toDouble();
            if (rec.value(u"in_plan"_s).toBool()) {
                QVERIFY2(!seenOther, qPrintable(id));
                QVERIFY2(net >= -0.005, qPrintable(id));
                QVERIFY(net <= previousPlanNet + 1e-6);
                previousPlanNet = net;
                continue;
            }
            seenOther = true;
            const bool feasible = rec.value(u"feasible"_s).toBool();
            QVERIFY(!(feasible && seenInfeasible));
            seenInfeasible = seenInfeasible || !feasible;
            if (feasible) {
                QVERIFY(net <= previousNet + 1e-6);
                previousNet = net;
            }
        }
    }
}

void TestCli::explainTextIsReadable()
{
    const QJsonObject top = fullQueue().first().toObject();
    const QString id = top.value(u"exception_id"_s).toString();
    const Run run = pwb({u"explain"_s, id, u"--db"_s, m_db});
    QCOMPARE(run.code, 0);
    QVERIFY(run.out.startsWith(id + u'\n'));
    QVERIFY(run.out.contains(QRegularExpression(u"\\n  rank +1 of \\d+ in run \\d+\\n"_s)));
    QVERIFY(run.out.contains(u"Factors (the score is their sum, in USD)"_s));
    QVERIFY(run.out.contains(u"Recommendations"_s));
    QVERIFY(run.out.contains(top.value(u"item_id"_s).toString()));
    for (const QString &line : run.out.split(u'\n'))
        QVERIFY2(line.size() <= 100, qPrintable(line));
    // The factor lines add up to the score line the text shows.
    const auto scoreLine
        = QRegularExpression(u"\\n  score +(\\d{1,3}(,\\d{3})*\\.\\d{2})\\n"_s).match(run.out);
    QVERIFY(scoreLine.hasMatch());
    QCOMPARE(QString(scoreLine.captured(1)).remove(u',').toDouble(),
        std::round(top.value(u"score"_s).toDouble() * 100) / 100);
}

void TestCli::explainUnknownExceptionIsBadInput()
{
    const Run run = pwb({u"explain"_s, u"shortage:NO-SUCH-SKU@DC-EAST"_s, u"--db"_s, m_db});
    QCOMPARE(run.code, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY(run.err.startsWith(u"pwb: error: "_s));
}

void TestCli::explainSkuLocationWithoutException()
{
    QSet<QString> withException;
    for (const auto &row : fullQueue()) {
        const QJsonObject r = row.toObject();
        withException.insert(
            r.value(u"item_id"_s).toString() + u'@' + r.value(u"location_id"_s).toString());
    }
    const QString demo = QStringLiteral(PWB_DEMO_DIR);
    QString item, location;
    for (const QString &i : firstColumn(demo + u"/items.csv"_s)) {
        for (const QString &l : firstColumn(demo + u"/locations.csv"_s)) {
            if (!withException.contains(i + u'@' + l) && item.isEmpty()) {
                item = i;
                location = l;
            }
        }
    }
    QVERIFY(!item.isEmpty());
    const Run run = pwb({u"explain"_s, u"--item"_s, item, u"--location"_s, location, u"--db"_s,
        m_db, u"--format"_s, u"json"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    const QJsonObject json = jsonObject(run.out);
    QCOMPARE(json.value(u"item_id"_s).toString(), item);
    QCOMPARE(json.value(u"location_id"_s).toString(), location);
    QCOMPARE(keysOf(json.value(u"risk"_s).toObject()), kRiskKeys);
    QVERIFY(json.value(u"exceptions"_s).isArray());
    QCOMPARE(json.value(u"exceptions"_s).toArray().size(), 0);

    const Run text
        = pwb({u"explain"_s, u"--item"_s, item, u"--location"_s, location, u"--db"_s, m_db});
    QCOMPARE(text.code, 0);
    QVERIFY(text.out.startsWith(item + u" at "_s + location + u'\n'));
    QVERIFY(text.out.contains(u"No exception"_s));
    QVERIFY(text.out.contains(u"inventory position"_s));
}

void TestCli::explainSkuLocationWithException()
{
    const QJsonObject top = fullQueue().first().toObject();
    const Run run
        = pwb({u"explain"_s, u"--item"_s, top.value(u"item_id"_s).toString(), u"--location"_s,
            top.value(u"location_id"_s).toString(), u"--db"_s, m_db, u"--format"_s, u"json"_s});
    QCOMPARE(run.code, 0);
    const QJsonArray exceptions = jsonObject(run.out).value(u"exceptions"_s).toArray();
    QStringList ids;
    for (const auto &x : exceptions)
        ids.append(x.toObject().value(u"exception_id"_s).toString());
    QVERIFY2(ids.contains(top.value(u"exception_id"_s).toString()), qPrintable(ids.join(u' ')));

    const Run unknown = pwb({u"explain"_s, u"--item"_s, u"NO-SUCH-SKU"_s, u"--location"_s,
        u"DC-EAST"_s, u"--db"_s, m_db});
    QCOMPARE(unknown.code, 2);
}

void TestCli::scoreWithAnotherPolicy()
{
    const QString db = path(u"policy.db"_s);
    QCOMPARE(pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, db}).code, 0);
    const Run same = pwb({u"score"_s, u"--db"_s, db});
    QCOMPARE(same.code, 0);
    QVERIFY(same.out.contains(u"Scored as run 2"_s));
    QVERIFY(same.out.contains(
        QRegularExpression(u"exceptions +"_s + QString::number(m_exceptionCount) + u"\\n"_s)));

    // A policy that gives count discrepancies no weight empties the cycle-count queue.
    QFile policy(path(u"no-counts.json"_s));
    QVERIFY(policy.open(QIODevice::WriteOnly));
    policy.write(R"({"weights": {"count_discrepancy_risk": 0}})");
    policy.close();
    const Run reweighted = pwb({u"score"_s, u"--db"_s, db, u"--policy"_s, policy.fileName()});
    QVERIFY2(reweighted.code == 0, qPrintable(reweighted.err));
    const Run counts
        = pwb({u"queue"_s, u"--db"_s, db, u"--type"_s, u"cycle_count"_s, u"--format"_s, u"json"_s});
    QCOMPARE(counts.code, 0);
    QCOMPARE(jsonArray(counts.out).size(), 0);

    QFile broken(path(u"broken-policy.json"_s));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{ not json");
    broken.close();
    const Run bad = pwb({u"score"_s, u"--db"_s, db, u"--policy"_s, broken.fileName()});
    QCOMPARE(bad.code, 2);
    QVERIFY(bad.err.startsWith(u"pwb: error: "_s));
}

void TestCli::scoreNeedsASnapshot()
{
    // Only import creates a database; the other commands refuse a missing one instead
    // of leaving an empty file behind after a typo.
    const QString missing = path(u"missing.db"_s);
    for (const QStringList &arguments :
        {QStringList {u"score"_s, u"--db"_s, missing}, QStringList {u"queue"_s, u"--db"_s, missing},
            QStringList {u"explain"_s, u"excess:A@B"_s, u"--db"_s, missing}}) {
        const Run run = pwb(arguments);
        QCOMPARE(run.code, 2);
        QVERIFY(run.err.contains(u"pwb import"_s));
        QVERIFY(!QFileInfo::exists(missing));
    }
    // A database whose only import failed holds no snapshot to score.
    const QString empty = path(u"empty.db"_s);
    QCOMPARE(pwb({u"import"_s, QStringLiteral(PWB_BROKEN_DIR) + u"/negative-quantity"_s, u"--db"_s,
                     empty})
                 .code,
        2);
    const Run run = pwb({u"score"_s, u"--db"_s, empty});
    QCOMPARE(run.code, 2);
    QVERIFY(run.err.contains(u"pwb import"_s));
}

void TestCli::generateIsDeterministic()
{
    auto generate = [this](const QString &dir, const QString &seed) {
        return pwb({u"generate"_s, u"--items"_s, u"50"_s, u"--locations"_s, u"3"_s, u"--seed"_s,
            seed, u"--out"_s, path(dir)});
    };
    const Run first = generate(u"g1"_s, u"5"_s);
    QCOMPARE(first.code, 0);
    QVERIFY(first.out.contains(u"SKU-locations 150,"_s));
    QCOMPARE(generate(u"g2"_s, u"5"_s).code, 0);
    QCOMPARE(generate(u"g3"_s, u"6"_s).code, 0);
    const QStringList files = QDir(path(u"g1"_s)).entryList(QDir::Files);
    QCOMPARE(files.size(), 11);
    bool anyDifferent = false;
    for (const QString &file : files) {
        QCOMPARE(readFile(path(u"g2/"_s + file)), readFile(path(u"g1/"_s + file)));
        anyDifferent
            = anyDifferent || readFile(path(u"g3/"_s + file)) != readFile(path(u"g1/"_s + file));
    }
    QVERIFY(anyDifferent);

    // The command in resources/demo/README.md remakes the committed demo.
    const Run demo = pwb({u"generate"_s, u"--items"_s, u"60"_s, u"--locations"_s, u"4"_s,
        u"--seed"_s, u"7"_s, u"--out"_s, path(u"demo"_s)});
    QCOMPARE(demo.code, 0);
    for (const QString &file : QDir(path(u"demo"_s)).entryList(QDir::Files))
        QVERIFY2(readFile(path(u"demo/"_s + file))
                == readFile(QStringLiteral(PWB_DEMO_DIR) + u'/' + file),
            qPrintable(file));

    const Run unwritable = pwb({u"generate"_s, u"--out"_s, path(u"demo/items.csv/x"_s)});
    QCOMPARE(unwritable.code, 3);
    QVERIFY(unwritable.err.startsWith(u"pwb: error: "_s));
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
