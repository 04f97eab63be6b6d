// The window's tables as CSV and XLSX (ui/common/csvtable, ui/common/xlsxtable): text
// that would run as a formula is neutralised in both, numbers (negative ones too) stay
// numbers, ISO dates become spreadsheet dates with a date format, ids with leading
// zeros stay text. The .xlsx is read back with the snapshot importer's zip reader and
// its XML checked cell by cell; then the queue of the main window goes out the same way.

#include "mainwindowfixture.h"
#include "model/import/zipreader.h"
#include "ui/common/csvtable.h"
#include "ui/queues/queuepage.h"

#include <QAction>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <cmath>
#include <span>

using namespace mainwindowtest;

namespace {

struct XlsxCell {
    QString type; ///< the t attribute: "s" shared string, empty for a number
    int style = 0; ///< the s attribute
    QString value; ///< <v>, or the shared string it points to
};

/// A worksheet read back: cells by reference ("B2"), and the number format of each style.
struct XlsxSheet {
    QMap<QString, XlsxCell> cells;
    QList<QString> styleFormats; ///< per cellXfs entry, its number format code ("" general)
    int rows = 0;
    QString error;
};

/// Text of a shared string as a spreadsheet reads it: OOXML writes a control character
/// as _xHHHH_.
QString unescaped(const QString &text)
{
    static const QRegularExpression escape(u"_x([0-9A-Fa-f]{4})_"_s);
    QString out;
    qsizetype from = 0;
    for (auto it = escape.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out += text.mid(from, m.capturedStart() - from);
        out += QChar(char16_t(m.captured(1).toUShort(nullptr, 16)));
        from = m.capturedEnd();
    }
    return out + text.mid(from);
}

XlsxSheet readXlsx(const QString &path)
{
    XlsxSheet sheet;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        sheet.error = file.errorString();
        return sheet;
    }
    const QByteArray bytes = file.readAll();
    auto zip = model::ZipReader::open(
        std::span(
            reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size())),
        path);
    if (!zip) {
        sheet.error = zip.error().message;
        return sheet;
    }
    QMap<QString, QByteArray> parts;
    for (const auto &entry : zip->entries()) {
        auto content = zip->read(entry);
        if (!content) {
            sheet.error = content.error().message;
            return sheet;
        }
        parts.insert(QString::fromStdString(entry.name), QByteArray::fromStdString(*content));
    }
    for (const char *needed : {"xl/worksheets/sheet1.xml", "xl/styles.xml"}) {
        if (!parts.contains(QString::fromLatin1(needed))) {
            sheet.error = u"no "_s + QString::fromLatin1(needed);
            return sheet;
        }
    }

    QStringList shared;
    QXmlStreamReader strings(parts.value(u"xl/sharedStrings.xml"_s));
    while (!strings.atEnd()) {
        if (strings.readNext() == QXmlStreamReader::StartElement && strings.name() == u"si"_s)
            shared << QString();
        else if (strings.isStartElement() && strings.name() == u"t"_s)
            shared.last() += unescaped(strings.readElementText());
    }

    QMap<int, QString> formats {{14, u"m/d/yyyy"_s}}; // the built-in date format
    QXmlStreamReader styles(parts.value(u"xl/styles.xml"_s));
    bool inXfs = false;
    while (!styles.atEnd()) {
        styles.readNext();
        if (styles.isStartElement() && styles.name() == u"numFmt"_s)
            formats.insert(styles.attributes().value(u"numFmtId"_s).toInt(),
                styles.attributes().value(u"formatCode"_s).toString());
        else if (styles.isStartElement() && styles.name() == u"cellXfs"_s)
            inXfs = true;
        else if (styles.isEndElement() && styles.name() == u"cellXfs"_s)
            inXfs = false;
        else if (inXfs && styles.isStartElement() && styles.name() == u"xf"_s)
            sheet.styleFormats << formats.value(styles.attributes().value(u"numFmtId"_s).toInt());
    }

    QXmlStreamReader xml(parts.value(u"xl/worksheets/sheet1.xml"_s));
    QString ref;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"row"_s) {
            ++sheet.rows;
        } else if (xml.isStartElement() && xml.name() == u"c"_s) {
            ref = xml.attributes().value(u"r"_s).toString();
            sheet.cells[ref] = {xml.attributes().value(u"t"_s).toString(),
                xml.attributes().value(u"s"_s).toInt(), {}};
        } else if (xml.isStartElement() && xml.name() == u"v"_s) {
            XlsxCell &cell = sheet.cells[ref];
            cell.value = xml.readElementText();
            if (cell.type == u"s"_s)
                cell.value = shared.value(cell.value.toInt(), u"<no shared string>"_s);
        }
    }
    if (xml.hasError())
        sheet.error = xml.errorString();
    return sheet;
}

/// The serial number a spreadsheet gives a day (days since 30 Dec 1899).
double serial(const QDate &day)
{
    return double(QDate(1899, 12, 30).daysTo(day));
}

} // namespace

class TestTableExport : public MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cellKinds();
    void hostileTextNumbersAndDatesInXlsx();
    void hostileTextInCsv();
    void refusedWhereItCannotWrite();
    void queueAsXlsx();

private:
    const QStringList m_header {u"Note"_s, u"Amount"_s, u"Day"_s, u"When"_s, u"Id"_s};
    const QList<QStringList> m_rows {
        {u"=HYPERLINK(\"http://evil.example\",\"click\")"_s, u"-1234.5"_s, u"2026-11-28"_s,
            u"2026-11-28T09:15:00Z"_s, u"00123"_s},
        {u"-2+3+cmd|' /C calc'!A0"_s, u"0"_s, {}, {}, u"+5"_s},
        {u"@SUM(A1:A9)"_s, u"12"_s, u"2026-02-30"_s, u"\tTab first"_s, u"-x"_s},
        {u"plain, with a comma"_s, u"1e5"_s, u"\rCR first"_s, u"2026-11-29T10:00:00+02:00"_s,
            u"SKU-00016"_s},
    };
};

void TestTableExport::initTestCase()
{
    QVERIFY(setUpWindow());
    QVERIFY(importDemo());
}

void TestTableExport::cellKinds()
{
    QCOMPARE(ui::tableCell(u"-1234.5"_s).kind, ui::TableCell::Number);
    QCOMPARE(ui::tableCell(u"-1234.5"_s).number, -1234.5);
    QCOMPARE(ui::tableCell(u"00123"_s).kind, ui::TableCell::Text);
    QCOMPARE(ui::tableCell(u"1e5"_s).kind, ui::TableCell::Text);
    QCOMPARE(ui::tableCell(u"2026-11-28"_s).kind, ui::TableCell::Date);
    QCOMPARE(ui::tableCell(u"2026-02-30"_s).kind, ui::TableCell::Text);
    QCOMPARE(ui::tableCell(u"2026-11-29T10:00:00+02:00"_s).dateTime,
        QDateTime(QDate(2026, 11, 29), QTime(8, 0), Qt::UTC));
    QCOMPARE(ui::tableCell(u""_s).kind, ui::TableCell::Empty);
    QCOMPARE(ui::neutralised(u"-2+3"_s), u"'-2+3"_s);
    QCOMPARE(ui::neutralised(u"-12"_s), u"-12"_s);
    QCOMPARE(ui::neutralised(u"+5"_s), u"'+5"_s);
}

void TestTableExport::hostileTextNumbersAndDatesInXlsx()
{
    const QString path = m_dir.filePath(u"hostile.xlsx"_s);
    auto written = ui::writeTableFile(path, u"Notes: [all]"_s, m_header, m_rows);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
    const XlsxSheet sheet = readXlsx(path);
    QVERIFY2(sheet.error.isEmpty(), qPrintable(sheet.error));
    QCOMPARE(sheet.rows, 5);
    auto cell = [&](const char *ref) { return sheet.cells.value(QString::fromLatin1(ref)); };
    auto formatOf = [&](const XlsxCell &c) { return sheet.styleFormats.value(c.style); };

    QCOMPARE(cell("A1").type, u"s"_s);
    QCOMPARE(cell("A1").value, u"Note"_s);
    // Hostile text: a string, with the apostrophe in front.
    QCOMPARE(cell("A2").type, u"s"_s);
    QCOMPARE(cell("A2").value, u"'=HYPERLINK(\"http://evil.example\",\"click\")"_s);
    QCOMPARE(cell("A3").value, u"'-2+3+cmd|' /C calc'!A0"_s);
    QCOMPARE(cell("A4").value, u"'@SUM(A1:A9)"_s);
    QCOMPARE(cell("D4").value, u"'\tTab first"_s);
    QCOMPARE(cell("C5").value, u"'\rCR first"_s);
    QCOMPARE(cell("E3").value, u"'+5"_s);
    QCOMPARE(cell("E4").value, u"'-x"_s);
    QCOMPARE(cell("A5").value, u"plain, with a comma"_s);
    // Numbers: no type attribute, the value itself; a negative amount is a number.
    QCOMPARE(cell("B2").type, QString());
    QCOMPARE(cell("B2").value.toDouble(), -1234.5);
    QCOMPARE(cell("B3").type, QString());
    QCOMPARE(cell("B3").value.toDouble(), 0.0);
    // Not numbers: an id with leading zeros, an exponent.
    QCOMPARE(cell("E2").type, u"s"_s);
    QCOMPARE(cell("E2").value, u"00123"_s);
    QCOMPARE(cell("B5").type, u"s"_s);
    // Dates: the day's serial number in a cell whose style has a date format.
    QCOMPARE(cell("C2").type, QString());
    QCOMPARE(cell("C2").value.toDouble(), serial(QDate(2026, 11, 28)));
    QCOMPARE(formatOf(cell("C2")), u"yyyy-mm-dd"_s);
    QVERIFY(
        std::abs(cell("D2").value.toDouble() - (serial(QDate(2026, 11, 28)) + 9.25 / 24)) < 1e-6);
    QCOMPARE(formatOf(cell("D2")), u"yyyy-mm-dd hh:mm:ss"_s);
    QVERIFY(
        std::abs(cell("D5").value.toDouble() - (serial(QDate(2026, 11, 29)) + 8.0 / 24)) < 1e-6);
    // Not a date: the 30th of February stays text; an empty cell is not written.
    QCOMPARE(cell("C4").type, u"s"_s);
    QCOMPARE(cell("C4").value, u"2026-02-30"_s);
    QVERIFY(!sheet.cells.contains(u"C3"_s));
    QCOMPARE(formatOf(cell("B2")), QString());
}

void TestTableExport::hostileTextInCsv()
{
    const QString path = m_dir.filePath(u"hostile.csv"_s);
    QVERIFY(ui::writeTableFile(path, u"Notes"_s, m_header, m_rows));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u"\r\n"_s);
    QCOMPARE(lines[0], u"Note,Amount,Day,When,Id"_s);
    QCOMPARE(lines[1],
        u"\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",-1234.5,2026-11-28,2026-11-28T09:15:00Z,00123"_s);
    QCOMPARE(lines[2], u"'-2+3+cmd|' /C calc'!A0,0,,,'+5"_s);
    QCOMPARE(lines[3], u"'@SUM(A1:A9),12,2026-02-30,'\tTab first,'-x"_s);
}

void TestTableExport::refusedWhereItCannotWrite()
{
    auto refused
        = ui::writeTableFile(m_dir.filePath(u"no/such/folder/t.xlsx"_s), u"T"_s, m_header, m_rows);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.startsWith(u"Cannot write "_s),
        qPrintable(refused.error().message));
    QVERIFY(refused.error().message.contains(u"t.xlsx"_s));
    // Text longer than a cell may hold is cut to the limit, not refused.
    const QString kept = m_dir.filePath(u"long.xlsx"_s);
    QList<QStringList> tooLong {QStringList {QString(40000, u'x')}};
    QVERIFY(ui::writeTableFile(kept, u"T"_s, {u"Long"_s}, tooLong));
    QCOMPARE(readXlsx(kept).cells.value(u"A2"_s).value.size(), 32767);
}

void TestTableExport::queueAsXlsx()
{
    auto *action = find<QAction>(m_window.get(), u"actionExportQueueTable"_s);
    QVERIFY(action);
    QVERIFY(action->isEnabled());
    ui::QueuePage *page = m_window->queuePage();
    const int shown = m_window->queueModel()->rowCount();
    QVERIFY(shown > 10);
    const QString path = m_dir.filePath(u"queue.xlsx"_s);
    auto written = page->exportTable(path);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
    const XlsxSheet sheet = readXlsx(path);
    QVERIFY2(sheet.error.isEmpty(), qPrintable(sheet.error));
    QCOMPARE(sheet.rows, shown + 1);
    QCOMPARE(sheet.cells.value(u"A1"_s).value, u"Exception"_s);
    QCOMPARE(sheet.cells.value(u"B1"_s).value, u"Rank"_s);
    // Row 2 is the first of the queue as shown: rank 1, its score a number.
    QCOMPARE(sheet.cells.value(u"B2"_s).type, QString());
    QCOMPARE(sheet.cells.value(u"B2"_s).value, u"1"_s);
    const QString firstId
        = m_window->queueModel()
              ->data(m_window->queueModel()->index(0, 0), ui::QueueModel::ExceptionIdRole)
              .toString();
    QCOMPARE(sheet.cells.value(u"A2"_s).value, firstId);
    QCOMPARE(sheet.cells.value(u"D2"_s).type, QString()); // Score
    QVERIFY(sheet.cells.value(u"D2"_s).value.toDouble() > 0);
    // The CSV of the same rows has as many lines.
    const QString csvPath = m_dir.filePath(u"queue.csv"_s);
    QVERIFY(page->exportTable(csvPath));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll().count("\r\n"), qsizetype(shown + 1));
}

QTEST_MAIN(TestTableExport)
#include "test_tableexport.moc"
