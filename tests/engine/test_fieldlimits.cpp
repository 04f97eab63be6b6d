// Field limits and characters at import (docs/snapshot-format.md, "Ids and text"):
// the limits themselves, what ids refuse and text keeps, and the escaping of issues.

#include "engine/core/textsafety.h"
#include "engine/import/csvtable.h"
#include "engine/import/snapshotparser.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace engine;
using namespace std::string_literals;

namespace {

SnapshotFiles allFiles()
{
    SnapshotFiles files;
    const QDir dir(QStringLiteral(PWB_TEST_DATA_DIR "/valid/all-files"));
    for (const QString &name : dir.entryList(QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            files[name.toStdString()] = file.readAll().toStdString();
    }
    return files;
}

QStringList errors(const ParseResult &result)
{
    QStringList out;
    for (const Issue &issue : result.issues) {
        if (issue.severity == Issue::Severity::Error)
            out.append(QString::fromStdString(issue.format()));
    }
    return out;
}

/// all-files with one more item row: `id,description,1,,,,`.
ParseResult withItem(const std::string &id, const std::string &description)
{
    SnapshotFiles files = allFiles();
    files["items.csv"] += "\"" + id + "\",\"" + description + "\",1,,,,\n";
    return parseSnapshot(files);
}

} // namespace

class TestFieldLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void limitsAreInclusive()
    {
        // 200 bytes of id and 4,000 bytes of text, in multi-byte characters, are fine.
        const std::string id = std::string(198, 'I') + "\xC3\xA9"; // 200 bytes
        std::string description;
        while (description.size() < kMaxTextBytes)
            description += "\xE2\x82\xAC"; // "€", 3 bytes
        description.resize(kMaxTextBytes - kMaxTextBytes % 3);
        description += std::string(kMaxTextBytes % 3, 'x');
        QCOMPARE(description.size(), kMaxTextBytes);
        const ParseResult result = withItem(id, description);
        QVERIFY2(result.ok(), qPrintable(errors(result).join(u'\n')));
        const Index item = result.snapshot.items.ids.find(id);
        QVERIFY(item != kNone);
        QCOMPARE(result.snapshot.items.description[std::size_t(item)], description);
    }

    void oneByteMoreIsAnError()
    {
        QCOMPARE(errors(withItem(std::string(201, 'I'), "x")),
            QStringList {
                QStringLiteral("items.csv:5:1: error: item_id: 201 bytes, longer than the 200 "
                               "allowed for an id")});
        QCOMPARE(errors(withItem("SKU9", std::string(4001, 'd'))),
            QStringList {QStringLiteral("items.csv:5:2: error: description: 4001 bytes, longer "
                                        "than the 4000 allowed for text")});
    }

    void idsRefuseDisplayControls_data()
    {
        QTest::addColumn<QByteArray>("character");
        QTest::addColumn<QString>("escape");
        QTest::newRow("tab") << QByteArray("\t") << QStringLiteral("\\t");
        QTest::newRow("line feed") << QByteArray("\n") << QStringLiteral("\\n");
        QTest::newRow("carriage return") << QByteArray("\r") << QStringLiteral("\\r");
        QTest::newRow("escape") << QByteArray("\x1b") << QStringLiteral("\\x1b");
        QTest::newRow("delete") << QByteArray("\x7f") << QStringLiteral("\\x7f");
        QTest::newRow("C1 CSI") << QByteArray("\xC2\x9B") << QStringLiteral("\\u009b");
        QTest::newRow("line separator") << QByteArray("\xE2\x80\xA8") << QStringLiteral("\\u2028");
        QTest::newRow("right-to-left override")
            << QByteArray("\xE2\x80\xAE") << QStringLiteral("\\u202e");
        QTest::newRow("first strong isolate")
            << QByteArray("\xE2\x81\xA8") << QStringLiteral("\\u2068");
    }

    void idsRefuseDisplayControls()
    {
        QFETCH(QByteArray, character);
        QFETCH(QString, escape);
        const ParseResult result = withItem("SK" + character.toStdString() + "U9", "x");
        QCOMPARE(errors(result),
            QStringList {QStringLiteral("items.csv:5:1: error: item_id: holds the control "
                                        "character %1 (character 3); an id may not hold control "
                                        "characters, line separators or bidi overrides")
                             .arg(escape)});
    }

    void textKeepsControlsButNotNul()
    {
        // Text is shown escaped by every output, so a stray escape or a right-to-left
        // mark does not cost the planner the whole nightly import.
        const std::string hostile = "a\x1b]0;title\x07 b\r\n c \xE2\x80\xAE d\te";
        const ParseResult kept = withItem("SKU9", hostile);
        QVERIFY2(kept.ok(), qPrintable(errors(kept).join(u'\n')));
        QCOMPARE(kept.snapshot.items.description[std::size_t(kept.snapshot.items.ids.find("SKU9"))],
            hostile);

        QCOMPARE(errors(withItem("SKU9", std::string("ab\0c", 4))),
            QStringList {QStringLiteral("items.csv:5:2: error: description: holds a NUL "
                                        "character (byte 3); text may not hold NUL")});
    }

    void referencesAndManifestFollowTheSameRules()
    {
        SnapshotFiles files = allFiles();
        files["manifest.json"] = "{\"format\": \"erp-snapshot/1\", \"snapshot_id\": "
                                 "\"N\\u001b[2J\", \"as_of\": \"2026-03-02\", "
                                 "\"currency\": \"EUR\"}";
        files["lanes.csv"] += "DC1,\xE2\x80\xAE"
                              "BR1,1,1,,,\n";
        const ParseResult result = parseSnapshot(files);
        QCOMPARE(errors(result),
            (QStringList {
                QStringLiteral("manifest.json:1:30: error: snapshot_id: holds the control "
                               "character \\x1b (character 2); an id may not hold control "
                               "characters, line separators or bidi overrides"),
                QStringLiteral("lanes.csv:5:2: error: to_location_id: holds the control "
                               "character \\u202e (character 1); an id may not hold control "
                               "characters, line separators or bidi overrides"),
            }));
    }

    void issuesEscapeWhatTheyQuote()
    {
        // A value quoted in a message, and a header name, cannot move the cursor or turn
        // the rest of the line around in a terminal.
        SnapshotFiles files = allFiles();
        files["items.csv"] += "SKU9,x,\"1\xC2\x9B\xE2\x80\xAE\",,,,\n";
        const ParseResult result = parseSnapshot(files);
        QCOMPARE(errors(result),
            QStringList {QStringLiteral("items.csv:5:3: error: unit_cost: expected a "
                                        "non-negative number, got \"1\\u009b\\u202e\"")});
    }

    void escapingKeepsPrintableTextAndIsIdempotent()
    {
        QCOMPARE(escapeDisplayControls("Caf\xC3\xA9 \\x1b"), std::string("Caf\xC3\xA9 \\x1b"));
        const std::string once = escapeDisplayControls("a\x1b\x00\xE2\x81\xA6z\xFF"s);
        QCOMPARE(once, std::string("a\\x1b\\x00\\u2066z\\xff"));
        QCOMPARE(escapeDisplayControls(once), once);
        QCOMPARE(findDisplayControl("ab\xE2\x80\xA9").position, std::size_t(3));
        QCOMPARE(findDisplayControl("plain").position, std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestFieldLimits)
#include "test_fieldlimits.moc"
