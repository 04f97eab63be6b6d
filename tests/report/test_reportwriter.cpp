// The report's drawing on figures made by hand, no database: round axis ticks, the
// drift warning in words and as the red banner on page one, one snapshot (no trend),
// and many snapshots continuing the table on further pages.

#include "report/kpireportwriter.h"
#include "report/trendpainter.h"

#include <QFile>
#include <QGuiApplication>
#include <QPdfWriter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

engine::Date day(int y, int m, int d)
{
    return engine::Date(QDate(1970, 1, 1).daysTo(QDate(y, m, d)));
}

report::ReportData history(int snapshots)
{
    report::ReportData data;
    for (int i = 0; i < snapshots; ++i) {
        model::SnapshotKpis s;
        s.snapshot.version = i + 1;
        s.snapshot.snapshotId = u"S-%1"_s.arg(i + 1);
        s.snapshot.asOf = day(2026, 1, 1) + i;
        s.snapshot.currency = u"EUR"_s;
        s.runId = i + 1;
        s.overall.exposure = 12000 + 150 * (i % 9);
        s.overall.canSave = 7000 + 90 * (i % 5);
        s.overall.openLines = 100;
        s.overall.shortLines = 8 + i % 4;
        s.overall.tier1Lines = 40;
        s.overall.tier1ShortLines = 2 + i % 3;
        s.overall.stockouts = i % 3;
        s.overall.stockAtCost = 1000;
        s.overall.annualCogs = 4000 + 250 * (i % 2); // 4.0 and 4.25 turns
        data.kpis.snapshots.push_back(s);
    }
    return data;
}

QString pdfText(const QString &pdf, QString &error)
{
    const QString tool = QStandardPaths::findExecutable(u"pdftotext"_s);
    if (tool.isEmpty()) {
        error
            = u"pdftotext not found: install poppler-utils (bash packaging/bootstrap.sh test does)"_s;
        return {};
    }
    QProcess process;
    process.start(tool, {u"-layout"_s, pdf, u"-"_s});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        error = u"pdftotext failed"_s;
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

int pageCount(const QString &pdf)
{
    QFile file(pdf);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    static const QRegularExpression page(u"/Type\\s*/Page(?!s)"_s);
    return int(QString::fromLatin1(file.readAll()).count(page));
}

} // namespace

class TestReportWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void niceTicks();
    void driftInWordsAndOnThePage();
    void longHistoryContinues();
    void stockAndTransferTrends();

private:
    QTemporaryDir m_dir;
};

void TestReportWriter::niceTicks()
{
    QCOMPARE(report::niceTicks(0, 5296, 5), (QList<double> {0, 2000, 4000, 6000}));
    const QList<double> rates = report::niceTicks(0.8, 0.96, 5);
    const QList<double> expected {0.8, 0.85, 0.9, 0.95, 1.0};
    QCOMPARE(rates.size(), expected.size());
    for (qsizetype i = 0; i < rates.size(); ++i)
        QVERIFY2(std::abs(rates[i] - expected[i]) < 1e-12, qPrintable(QString::number(rates[i])));
    QCOMPARE(report::niceTicks(0, 0, 5).size(), 6); // no span: 0 to 1
}

void TestReportWriter::driftInWordsAndOnThePage()
{
    report::ReportData data = history(12);
    data.overrides.total = {20, 9};
    data.overrides.byType[0] = {12, 7};
    data.overrides.byType[4] = {8, 2};
    data.overrides.driftThreshold = 0.3;
    data.overrides.driftWeeks = 2;
    data.overrides.drift.push_back(
        {engine::ExceptionType::Shortage, day(2026, 1, 5), day(2026, 1, 19), 3, 0.5, true});
    const QString words = report::driftText(data.overrides);
    QVERIFY2(words.startsWith(u"Drift: Shortage override rate above 30% for 3 weeks in a row "
                              "(weeks of 5 Jan 2026 to 19 Jan 2026, lowest 50%), still going."_s),
        qPrintable(words));

    const QString pdf = m_dir.filePath(u"drift.pdf"_s);
    auto pages = report::writeKpiReport(pdf, u"plant.db"_s, data);
    QVERIFY2(pages, qPrintable(pages ? QString() : pages.error().message));
    QCOMPARE(*pages, 3);
    QCOMPARE(pageCount(pdf), 3);
    QString error;
    const QString text = pdfText(pdf, error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QString &expected :
        {u"Override rate 45% (9 of 20 decisions overridden or rejected)"_s,
            u"Drift: Shortage override rate above 30%"_s, u"Exposure and can save (EUR)"_s,
            u"12 snapshots, as of 1 Jan 2026 to 12 Jan 2026"_s, u"Nothing scored yet."_s,
            // 0 + 1 + 2 out of stock, four times over.
            u"Stockouts: 12 stockout days"_s, u"Inventory turns a year"_s,
            u"Stock and transfers per snapshot"_s, u"(12 stockout days in all)"_s}) {
        QVERIFY2(text.contains(expected), qPrintable(u"'%1' not in:\n%2"_s.arg(expected, text)));
    }
    // The banner is red when there is drift: page one rendered, its top band sampled.
    const QString tool = QStandardPaths::findExecutable(u"pdftoppm"_s);
    QVERIFY2(!tool.isEmpty(), "pdftoppm not found: install poppler-utils");
    QProcess render;
    render.start(tool,
        {u"-r"_s, u"40"_s, u"-png"_s, u"-f"_s, u"1"_s, u"-l"_s, u"1"_s, pdf,
            m_dir.filePath(u"drift"_s)});
    QVERIFY(render.waitForFinished(60000) && render.exitCode() == 0);
    const QImage page(m_dir.filePath(u"drift-1.png"_s));
    QVERIFY(!page.isNull());
    int reddish = 0;
    for (int y = 0; y < page.height() / 5; ++y)
        for (int x = 0; x < page.width(); ++x) {
            const QColor c = page.pixelColor(x, y);
            reddish += c.red() > 240 && c.green() < 240 && c.blue() < 240 ? 1 : 0;
        }
    QVERIFY2(reddish > 500, qPrintable(QString::number(reddish)));
}

void TestReportWriter::longHistoryContinues()
{
    const QString pdf = m_dir.filePath(u"year.pdf"_s);
    auto pages = report::writeKpiReport(pdf, u"plant.db"_s, history(365));
    QVERIFY2(pages, qPrintable(pages ? QString() : pages.error().message));
    QVERIFY2(*pages >= 9, qPrintable(QString::number(*pages)));
    QCOMPARE(pageCount(pdf), *pages);
    QString error;
    const QString text = pdfText(pdf, error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(text.contains(u"31 Dec 2026"_s)); // the last row made it
    // Each table's header is repeated on each page it continues on: every page after
    // the two of trends starts with one of them (pdftotext ends a page with a form feed).
    static const QRegularExpression kpiHeader(u"Past due\\s+Excess\\s+Decided"_s);
    static const QRegularExpression stockHeader(u"Turns\\s+Transfers\\s+Export h"_s);
    const QStringList pageTexts = text.split(u'\f', Qt::SkipEmptyParts);
    QCOMPARE(pageTexts.size(), *pages);
    for (qsizetype p = 3; p < pageTexts.size(); ++p) // the fourth page on
        QVERIFY2(pageTexts[p].contains(kpiHeader) || pageTexts[p].contains(stockHeader),
            qPrintable(u"page %1:\n%2"_s.arg(p + 1).arg(pageTexts[p].left(600))));
    // 365 rows in each table, about 50 a page.
    QVERIFY(text.count(kpiHeader) >= 7);
    QVERIFY(text.count(stockHeader) >= 7);
}

void TestReportWriter::stockAndTransferTrends()
{
    // Two nights: the first never scored (no stockouts or turns to draw), the second
    // with 3 stockouts, 6,000 a year of demand over 1,500 on hand at cost (4 turns), and
    // two approved transfers exported after 1 and 4 hours (median 2.5), none accepted.
    model::KpiReport kpis;
    model::SnapshotKpis first, second;
    first.snapshot.asOf = day(2026, 1, 1);
    first.overall.stockouts = 9; // not drawn: never scored
    second.snapshot.asOf = day(2026, 1, 2);
    second.runId = 7;
    second.overall.stockouts = 3;
    second.overall.stockAtCost = 1500;
    second.overall.annualCogs = 6000;
    second.overall.transfers = 2;
    second.overall.exportHours = {4, 1};
    kpis.snapshots = {first, second};

    const report::Trend out = report::stockoutTrend(kpis);
    QCOMPARE(out.lines.size(), 1);
    QCOMPARE(out.lines[0].points.size(), 1);
    QCOMPARE(out.lines[0].points[0].second, 3.0);
    QCOMPARE(out.title, u"Stockouts: 12 stockout days"_s); // the report's sum: 9 + 3
    QVERIFY(!out.target); // no policy target
    const report::Trend turns = report::turnsTrend(kpis);
    QCOMPARE(turns.lines[0].points.size(), 1);
    QCOMPARE(turns.lines[0].points[0].second, 4.0);
    QVERIFY(!turns.target);
    const report::Trend cycle = report::transferCycleTrend(kpis);
    QCOMPARE(cycle.lines.size(), 3);
    QCOMPARE(cycle.lines[0].points.size(), 1);
    QCOMPARE(cycle.lines[0].points[0].second, 2.5);
    QVERIFY(cycle.lines[1].points.isEmpty()); // none accepted yet
    QVERIFY(!cycle.target);
    // Nothing approved: the chart says so instead of an empty frame.
    second.overall.transfers = 0;
    second.overall.exportHours.clear();
    kpis.snapshots = {first, second};
    QCOMPARE(
        report::transferCycleTrend(kpis).emptyText, u"No transfer approved on these snapshots."_s);
}

QTEST_MAIN(TestReportWriter)
#include "test_reportwriter.moc"
