// `pwb report` through the binary on two snapshots of the demo with decisions taken:
// the PDF exists with its pages, every page rendered to PNG (pdftoppm) carries ink,
// the first page's charts carry their coloured lines, the text a manager reads is
// there (pdftotext), and bad command lines get a clear message and no file.

#include "model/workbench.h"
#include "pwbprocess.h"
#include "tests/model/kpitestdata.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

/// A poppler tool's output, or a failure that names the package to install.
QByteArray runTool(const QString &tool, const QStringList &arguments, QString &error)
{
    const QString path = QStandardPaths::findExecutable(tool);
    if (path.isEmpty()) {
        error
            = tool + u" not found: install poppler-utils (bash packaging/bootstrap.sh test does)"_s;
        return {};
    }
    QProcess process;
    process.start(path, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        error = tool + u" failed: "_s + QString::fromUtf8(process.readAllStandardError());
        return {};
    }
    return process.readAllStandardOutput();
}

struct Ink {
    double share = 0; ///< of the page's pixels that are not white
    qint64 coloured = 0; ///< pixels of a clear hue (chart lines, banners), not grey text
};

Ink inkOf(const QImage &page)
{
    Ink ink;
    qint64 dark = 0;
    for (int y = 0; y < page.height(); ++y) {
        for (int x = 0; x < page.width(); ++x) {
            const QColor c = page.pixelColor(x, y);
            if (c.red() < 235 || c.green() < 235 || c.blue() < 235)
                ++dark;
            if (c.hsvSaturation() > 90 && c.value() < 230)
                ++ink.coloured;
        }
    }
    ink.share = double(dark) / (double(page.width()) * page.height());
    return ink;
}

} // namespace

class TestCliReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void writesTheReport();
    void dateRange();
    void usageAndWriteErrors();

private:
    QString m_db;
    QTemporaryDir m_dir;
};

void TestCliReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString demo = QStringLiteral(PWB_DEMO_DIR);
    QVERIFY(kpitest::writeDemo(demo, m_dir.filePath(u"s1"_s), false));
    QVERIFY(kpitest::writeDemo(demo, m_dir.filePath(u"s2"_s), true));
    m_db = m_dir.filePath(u"wb.db"_s);
    for (const char *folder : {"s1", "s2"}) {
        const pwbtest::Run run = pwbtest::pwb(
            {u"import"_s, m_dir.filePath(QString::fromLatin1(folder)), u"--db"_s, m_db});
        QVERIFY2(run.code == 0, qPrintable(run.err));
    }
    auto wb = model::Workbench::open(m_db);
    QVERIFY(wb);
    const model::User ana {u"ana"_s, engine::Role::Admin};
    // The largest exposure of the latest run (the report's first row), approved.
    QVERIFY((*wb)->decisions().record(
        u"replenishment:SKU-00008@DC-WEST"_s, 0, model::Decision::Approved, ana));
    QVERIFY((*wb)->decisions().record(u"replenishment:SKU-00025@DC-WEST"_s, 0,
        model::Decision::Rejected, ana, {}, 0, u"customer_agreed_to_wait"_s));
}

void TestCliReport::writesTheReport()
{
    const QString pdf = m_dir.filePath(u"report.pdf"_s);
    const pwbtest::Run run = pwbtest::pwb({u"report"_s, u"--db"_s, m_db, u"--out"_s, pdf});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(u"Wrote 3 pages (2 snapshots) to "_s), qPrintable(run.out));

    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    static const QRegularExpression pageObject(u"/Type\\s*/Page(?!s)"_s);
    QCOMPARE(QString::fromLatin1(bytes).count(pageObject), 3);

    // Every page as an image, 60 dots an inch: ink on each, and colour on the first,
    // where the chart lines and the banner are.
    QString error;
    runTool(u"pdftoppm"_s, {u"-r"_s, u"60"_s, u"-png"_s, pdf, m_dir.filePath(u"page"_s)}, error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (int page = 1; page <= 3; ++page) {
        const QString png = m_dir.filePath(u"page-%1.png"_s.arg(page));
        QImage image(png);
        QVERIFY2(!image.isNull(), qPrintable(png));
        QCOMPARE(image.size(), QSize(496, 702)); // A4 at 60 dpi
        const Ink ink = inkOf(image);
        QVERIFY2(ink.share > 0.02, qPrintable(u"page %1: %2 inked"_s.arg(page).arg(ink.share)));
        if (page <= 2) // the trends
            QVERIFY2(ink.coloured > 400, qPrintable(u"%1 coloured pixels"_s.arg(ink.coloured)));
        if (const QString dir = qEnvironmentVariable("PWB_SCREENSHOT_DIR"); !dir.isEmpty())
            QFile::copy(png, dir + u"/report-page-%1.png"_s.arg(page));
    }

    const QString text
        = QString::fromUtf8(runTool(u"pdftotext"_s, {u"-layout"_s, pdf, u"-"_s}, error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QString &expected :
        {u"KPI report"_s, u"2 snapshots, as of 28 Nov 2026 to 29 Nov 2026"_s,
            u"Exposure and can save (USD)"_s, u"Fill rate proxy"_s, u"Target 95%"_s,
            u"Override rate 50% (1 of 2 decisions overridden or rejected)"_s, u"No drift"_s,
            u"largest exposures as of 29 Nov 2026"_s, u"replenishment:SKU-00008@DC-WEST"_s,
            u"Approved by ana"_s, u"Override rates by exception type"_s, u"KPIs per snapshot"_s,
            u"10,739"_s, u"Stockouts: 12 stockout days"_s, u"Inventory turns a year"_s,
            u"Transfer cycle (median hours)"_s, u"Stock and transfers per snapshot"_s, u"193,667"_s,
            u"14.1"_s}) {
        QVERIFY2(text.contains(expected),
            qPrintable(u"'%1' not in the report:\n%2"_s.arg(expected, text)));
    }
}

void TestCliReport::dateRange()
{
    const QString pdf = m_dir.filePath(u"later.pdf"_s);
    const pwbtest::Run run = pwbtest::pwb({u"report"_s, u"--db"_s, m_db, u"--out"_s, pdf,
        u"--from"_s, u"2026-11-29"_s, u"--to"_s, u"2026-11-29"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(u"Wrote 3 pages (1 snapshot) to "_s), qPrintable(run.out));
    QString error;
    const QString text
        = QString::fromUtf8(runTool(u"pdftotext"_s, {u"-layout"_s, pdf, u"-"_s}, error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(text.contains(u"1 snapshot, as of 29 Nov 2026"_s), qPrintable(text));
    QVERIFY2(text.contains(u"a trend needs at least two"_s), qPrintable(text));
}

void TestCliReport::usageAndWriteErrors()
{
    const QString pdf = m_dir.filePath(u"bad.pdf"_s);
    struct Case {
        QStringList arguments;
        int code;
        QString message;
    };
    const QList<Case> cases {
        {{u"report"_s, u"--db"_s, m_db}, 1, u"--out FILE is required"_s},
        {{u"report"_s, u"--db"_s, m_db, u"--out"_s, m_dir.filePath(u"r.txt"_s)}, 1,
            u"name the file FILE.pdf"_s},
        {{u"report"_s, u"--db"_s, m_db, u"--out"_s, pdf, u"--from"_s, u"2026-13-01"_s}, 1,
            u"--from: expected a date YYYY-MM-DD, got '2026-13-01'"_s},
        {{u"report"_s, u"--db"_s, m_db, u"--out"_s, pdf, u"--from"_s, u"2026-12-01"_s, u"--to"_s,
             u"2026-11-01"_s},
            1, u"--from 2026-12-01 is after --to 2026-11-01"_s},
        {{u"report"_s, u"--db"_s, m_dir.filePath(u"missing.db"_s), u"--out"_s, pdf}, -2,
            u"missing.db"_s},
        {{u"report"_s, u"--db"_s, m_db, u"--out"_s, m_dir.filePath(u"no/such/folder/r.pdf"_s)}, -2,
            u"Cannot write"_s},
    };
    for (const Case &c : cases) {
        const pwbtest::Run run = pwbtest::pwb(c.arguments);
        const QString what
            = c.arguments.join(u' ') + u" -> "_s + QString::number(run.code) + u": "_s + run.err;
        if (c.code >= 0)
            QVERIFY2(run.code == c.code, qPrintable(what));
        else
            QVERIFY2(run.code > 1, qPrintable(what)); // an error of the data, not of usage
        QVERIFY2(run.err.contains(c.message), qPrintable(what));
    }
    QVERIFY(!QFile::exists(pdf));
}

QTEST_GUILESS_MAIN(TestCliReport)
#include "test_cli_report.moc"
