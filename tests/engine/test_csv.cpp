// The CSV reader and the strict field conversions behind the snapshot parser.

#include "engine/import/csv.h"

#include <QTest>

#include <bit>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

using engine::CsvReader;
using namespace Qt::StringLiterals;

namespace {

struct Record {
    std::int64_t line;
    std::vector<std::string> fields;
};

/// Reads every record; the views are copied because they may die with next().
std::vector<Record> readAll(std::string_view data, CsvReader *reader = nullptr)
{
    CsvReader local(data);
    CsvReader &r = reader ? *reader : local;
    std::vector<Record> records;
    while (r.next())
        records.push_back({r.line(), {r.fields().begin(), r.fields().end()}});
    return records;
}

using Fields = std::vector<std::string>;

} // namespace

class TestCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainRecords()
    {
        const auto records = readAll("a,b,c\n1,,3\n");
        QCOMPARE(records.size(), 2u);
        QCOMPARE(records[0].fields, (Fields {"a", "b", "c"}));
        QCOMPARE(records[1].fields, (Fields {"1", "", "3"}));
        QCOMPARE(records[0].line, 1);
        QCOMPARE(records[1].line, 2);
    }

    void lastRecordWithoutLineBreak()
    {
        const auto records = readAll("a,b\n1,2");
        QCOMPARE(records.size(), 2u);
        QCOMPARE(records[1].fields, (Fields {"1", "2"}));
    }

    void trailingCommaIsAnEmptyField()
    {
        const auto records = readAll("a,b,\nx,,");
        QCOMPARE(records[0].fields, (Fields {"a", "b", ""}));
        QCOMPARE(records[1].fields, (Fields {"x", "", ""}));
    }

    void quotedFields()
    {
        const auto records = readAll("id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"\"\n");
        QCOMPARE(records.size(), 4u);
        QCOMPARE(records[1].fields, (Fields {"1", "a, b"}));
        QCOMPARE(records[2].fields, (Fields {"2", "say \"hi\""}));
        QCOMPARE(records[3].fields, (Fields {"3", ""}));
    }

    void unescapedViewsSurviveLaterFields()
    {
        // Several fields with doubled quotes in one record: each view must still point
        // at its own text once the record is complete (the storage grows meanwhile).
        std::string data;
        std::vector<std::string> expected;
        for (int i = 0; i < 50; ++i) {
            const std::string text = std::string(std::size_t(i + 1), 'x') + "\"q\"";
            expected.push_back(text);
            data += (i ? "," : "") + std::string("\"") + std::string(std::size_t(i + 1), 'x')
                + "\"\"q\"\"\"";
        }
        const auto records = readAll(data);
        QCOMPARE(records.size(), 1u);
        QCOMPARE(records[0].fields, expected);
    }

    void lineBreakInsideQuotesCountsLines()
    {
        const auto records = readAll("id,text\n1,\"two\nlines\"\n2,after\n");
        QCOMPARE(records.size(), 3u);
        QCOMPARE(records[1].fields[1], std::string("two\nlines"));
        QCOMPARE(records[1].line, 2);
        // The record after a two-line field starts on physical line 4.
        QCOMPARE(records[2].line, 4);
    }

    void crlfAndBom()
    {
        const auto records = readAll("\xEF\xBB\xBFid,name\r\n1,\"x\r\ny\"\r\n2,z\r\n");
        QCOMPARE(records.size(), 3u);
        QCOMPARE(records[0].fields, (Fields {"id", "name"}));
        QCOMPARE(records[1].fields[1], std::string("x\r\ny"));
        QCOMPARE(records[2].fields, (Fields {"2", "z"}));
        QCOMPARE(records[2].line, 4);
    }

    void blankLinesAreSkippedButCounted()
    {
        const auto records = readAll("a\n\n\nb\r\n\r\nc\n\n");
        QCOMPARE(records.size(), 3u);
        QCOMPARE(records[1].fields, (Fields {"b"}));
        QCOMPARE(records[1].line, 4);
        QCOMPARE(records[2].line, 6);
    }

    void quoteInsideUnquotedFieldIsLiteral()
    {
        const auto records = readAll("12\" pipe,x\n");
        QCOMPARE(records[0].fields, (Fields {"12\" pipe", "x"}));
    }

    void unterminatedQuoteIsAnError()
    {
        CsvReader reader("a,b\n1,2\n3,\"open\n4,5\n");
        const auto records = readAll({}, &reader);
        QCOMPARE(records.size(), 2u);
        QVERIFY(reader.failed());
        QCOMPARE(reader.error().line, 3);
        QCOMPARE(reader.error().column, 2);
        QVERIFY(reader.error().message.find("unterminated") != std::string::npos);
        QVERIFY(!reader.next());
    }

    void textAfterClosingQuoteIsAnError()
    {
        CsvReader reader("a,b\n\"x\"y,2\n");
        QVERIFY(reader.next());
        QVERIFY(!reader.next());
        QVERIFY(reader.failed());
        QCOMPARE(reader.error().line, 2);
        QCOMPARE(reader.error().column, 1);
    }

    void emptyInput()
    {
        CsvReader reader("");
        QVERIFY(!reader.next());
        QVERIFY(!reader.failed());
        CsvReader bomOnly("\xEF\xBB\xBF");
        QVERIFY(!bomOnly.next());
        QVERIFY(!bomOnly.failed());
    }

    void estimateOfALargeFile()
    {
        // 3 MiB of 20-byte lines: extrapolated from the first MiB, a little over.
        std::string data;
        const std::string line = "SKU-0001,DC-01,12.5\n";
        while (data.size() < 3 * (1u << 20))
            data += line;
        const std::size_t lines = data.size() / line.size();
        const std::size_t estimate = CsvReader::estimateRecords(data);
        QVERIFY(estimate >= lines);
        QVERIFY(estimate <= lines + lines / 10 + 16);
    }

    void estimateIsAnUpperBound()
    {
        QCOMPARE(CsvReader::estimateRecords("a\nb\nc"), 3u);
        QCOMPARE(CsvReader::estimateRecords("a\nb\nc\n"), 4u);
        QCOMPARE(CsvReader::estimateRecords(""), 1u);
    }

    void numbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<double>("value");
        QTest::newRow("integer") << u"42"_s << true << 42.0;
        QTest::newRow("decimal") << u"7.0"_s << true << 7.0;
        QTest::newRow("fraction") << u"0.25"_s << true << 0.25;
        QTest::newRow("negative") << u"-3.5"_s << true << -3.5;
        QTest::newRow("exponent") << u"2.5e-3"_s << true << 0.0025;
        QTest::newRow("comma") << u"12,5"_s << false << 0.0;
        QTest::newRow("thousands") << u"1,000"_s << false << 0.0;
        QTest::newRow("leading space") << u" 3"_s << false << 0.0;
        QTest::newRow("trailing space") << u"3 "_s << false << 0.0;
        QTest::newRow("plus") << u"+3"_s << false << 0.0;
        QTest::newRow("overflow") << u"1e400"_s << false << 0.0;
        QTest::newRow("nan") << u"nan"_s << false << 0.0;
        QTest::newRow("inf") << u"inf"_s << false << 0.0;
        QTest::newRow("minus inf") << u"-inf"_s << false << 0.0;
        QTest::newRow("hex") << u"0x10"_s << false << 0.0;
        QTest::newRow("word") << u"ten"_s << false << 0.0;
        QTest::newRow("empty") << QString() << false << 0.0;
        QTest::newRow("unit") << u"5kg"_s << false << 0.0;
    }

    void numbers()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(double, value);
        const std::string utf8 = text.toStdString();
        const std::optional<double> parsed = engine::parseNumber(utf8);
        QCOMPARE(parsed.has_value(), valid);
        if (valid)
            QCOMPARE(*parsed, value);
    }

    void numberFastPathMatchesFromChars()
    {
        // Plain decimals take a shortcut past from_chars; it must give the same double,
        // bit for bit, for every digit count and scale (including ones past the shortcut).
        std::uint64_t state = 0x2545F4914F6CDD1DULL;
        auto next = [&] {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            return state;
        };
        for (int i = 0; i < 200000; ++i) {
            const int digits = 1 + int(next() % 20);
            std::string text = (next() % 4 == 0) ? "-" : "";
            const int pointAt = int(next() % std::uint64_t(digits + 1));
            for (int d = 0; d < digits; ++d) {
                if (d == pointAt && d != 0)
                    text += '.';
                text += char('0' + next() % 10);
            }
            double expected = 0;
            const auto [end, ec]
                = std::from_chars(text.data(), text.data() + text.size(), expected);
            QVERIFY(ec == std::errc {} && end == text.data() + text.size());
            const std::optional<double> parsed = engine::parseNumber(text);
            QVERIFY2(parsed.has_value(), text.c_str());
            QVERIFY2(
                std::bit_cast<std::uint64_t>(*parsed) == std::bit_cast<std::uint64_t>(expected),
                text.c_str());
        }
    }

    void integers()
    {
        QCOMPARE(engine::parseInteger("12"), std::optional<std::int64_t>(12));
        QCOMPARE(engine::parseInteger("-4"), std::optional<std::int64_t>(-4));
        QVERIFY(!engine::parseInteger("7.0"));
        QVERIFY(!engine::parseInteger("+1"));
        QVERIFY(!engine::parseInteger(" 1"));
        QVERIFY(!engine::parseInteger(""));
        QVERIFY(!engine::parseInteger("99999999999999999999"));
    }

    void booleans()
    {
        for (const char *yes : {"true", "TRUE", "True", "1", "yes", "YES"})
            QCOMPARE(engine::parseBoolean(yes), std::optional<bool>(true));
        for (const char *no : {"false", "False", "0", "no", "No"})
            QCOMPARE(engine::parseBoolean(no), std::optional<bool>(false));
        for (const char *bad : {"", "y", "n", "2", "truth", "on", " true"})
            QVERIFY2(!engine::parseBoolean(bad), bad);
    }

    void utf8Validation()
    {
        QVERIFY(engine::isValidUtf8("plain ascii"));
        QVERIFY(engine::isValidUtf8("Caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x93\xA6"));
        QVERIFY(!engine::isValidUtf8("Caf\xE9")); // Latin-1
        QVERIFY(!engine::isValidUtf8("\xC0\xAF")); // overlong '/'
        QVERIFY(!engine::isValidUtf8("\xED\xA0\x80")); // a surrogate
        QVERIFY(!engine::isValidUtf8("\xE2\x82")); // cut short
        QVERIFY(!engine::isValidUtf8("\xF4\x90\x80\x80")); // past U+10FFFF
    }
};

QTEST_GUILESS_MAIN(TestCsv)
#include "test_csv.moc"
