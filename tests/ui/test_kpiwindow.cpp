// The KPI window on the real main window: opened from View > KPIs… (Ctrl+Shift+K), with
// one snapshot it says a trend needs two; with the demo a day later (one more order
// line, tests/model/kpitestdata.h) it draws both trends and the fill rate target,
// lists the figures per snapshot and per location, and exports them as CSV.

#include "mainwindowfixture.h"
#include "tests/model/kpitestdata.h"
#include "ui/charts/kpitrendchart.h"
#include "ui/kpi/kpipage.h"
#include "ui/kpi/kpitablemodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QLabel>
#include <QRegularExpression>

using namespace mainwindowtest;

class TestKpiWindow : public MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void oneSnapshotHasNoTrend();
    void twoSnapshotsMakeATrend();
    void groupsAndCsv();
    void reportAsPdf();

private:
    bool importFolder(const QString &folder);
    ui::KpiPage *page() const { return m_window->findChild<ui::KpiPage *>(); }
    QTemporaryDir m_snapshots;
};

bool TestKpiWindow::importFolder(const QString &folder)
{
    {
        auto workbench = model::Workbench::open(m_database);
        if (!workbench)
            return false;
        auto imported = (*workbench)->importer().importSnapshot(folder, engine::Policy {});
        if (!imported) {
            qWarning("%s", qPrintable(imported.error().message));
            return false;
        }
    }
    auto reopened = model::Workbench::open(m_database);
    return reopened && m_window->setWorkbench(std::move(*reopened)).has_value();
}

void TestKpiWindow::initTestCase()
{
    QVERIFY(setUpWindow());
    const QString demo = QStringLiteral(PWB_SOURCE_DIR) + u"/resources/demo"_s;
    QVERIFY(kpitest::writeDemo(demo, m_snapshots.filePath(u"s1"_s), false));
    QVERIFY(kpitest::writeDemo(demo, m_snapshots.filePath(u"s2"_s), true));
    QVERIFY(importFolder(m_snapshots.filePath(u"s1"_s)));
}

void TestKpiWindow::oneSnapshotHasNoTrend()
{
    auto *action = find<QAction>(m_window.get(), u"actionKpis"_s);
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(u"Ctrl+Shift+K"_s));
    focusTable();
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(page() && page()->isVisible());
    QTRY_VERIFY(!page()->isLoading());
    QTRY_COMPARE(page()->model()->rowCount(), 1);
    QVERIFY2(page()->messageText().contains(u"need at least two snapshots for a trend"_s),
        qPrintable(page()->messageText()));
    auto *message = find<QLabel>(page(), u"kpiMessage"_s);
    QVERIFY(message && message->isVisible());
    QCOMPARE(page()->moneyChart()->dateCount(), 1);
}

void TestKpiWindow::twoSnapshotsMakeATrend()
{
    QSignalSpy loaded(page(), &ui::KpiPage::loaded);
    // The window follows the database it shows.
    QVERIFY(importFolder(m_snapshots.filePath(u"s2"_s)));
    QVERIFY(loaded.wait(30000));
    QCOMPARE(page()->model()->rowCount(), 2);
    QVERIFY2(page()->messageText().startsWith(u"2 snapshots from 28 Nov 2026 to 29 Nov 2026"_s),
        qPrintable(page()->messageText()));
    QCOMPARE(page()->moneyChart()->dateCount(), 2);
    QCOMPARE(page()->moneyChart()->lineLabels(), (QStringList {u"Exposure"_s, u"Can save"_s}));
    QCOMPARE(page()->fillRateChart()->lineLabels(),
        (QStringList {u"Fill rate"_s, u"Tier-1 fill rate"_s, u"Target 95%"_s}));

    // The figures worked out by hand in tests/model/test_kpi.cpp.
    const ui::KpiTableModel *model = page()->model();
    QAbstractItemModelTester tester(
        page()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
        return model->data(model->index(row, column), role);
    };
    QCOMPARE(cell(0, ui::KpiTableModel::AsOf).toString(), u"28 Nov 2026"_s);
    QCOMPARE(cell(1, ui::KpiTableModel::Snapshot).toString(), u"SYNTH-7-2026-11-29"_s);
    QCOMPARE(cell(0, ui::KpiTableModel::FillRate, Qt::UserRole).toDouble(), 1.0 - 16.0 / 126.0);
    QCOMPARE(cell(1, ui::KpiTableModel::Backorders).toString(), u"31"_s);
    QVERIFY(std::abs(cell(1, ui::KpiTableModel::BackorderValue, Qt::UserRole).toDouble() - 12485.34)
        < 1e-6);
    QCOMPARE(cell(1, ui::KpiTableModel::Exceptions).toString(), u"49"_s);
    QCOMPARE(cell(1, ui::KpiTableModel::Decisions).toString(), u"0"_s);
    QCOMPARE(cell(1, ui::KpiTableModel::TouchHours).toString(), u"—"_s);
}

void TestKpiWindow::groupsAndCsv()
{
    QSignalSpy loaded(page(), &ui::KpiPage::loaded);
    page()->setGrouping(model::KpiDimension::Location);
    QVERIFY(loaded.wait(30000));
    // Per snapshot: the whole and its four locations.
    QCOMPARE(page()->model()->rowCount(), 2 * 5);
    QCOMPARE(page()->model()->data(page()->model()->index(0, ui::KpiTableModel::Group)).toString(),
        u"All"_s);
    QCOMPARE(page()->model()->data(page()->model()->index(1, ui::KpiTableModel::Group)).toString(),
        u"BR-01"_s);

    const QString path = m_dir.filePath(u"kpis.csv"_s);
    QVERIFY(page()->exportTable(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines
        = QString::fromUtf8(file.readAll()).split(u"\r\n"_s, Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 10);
    QVERIFY(lines[0].startsWith(u"As of,Snapshot,Group,Exposure,Can save,"_s));
    QVERIFY(lines[0].endsWith(u",Currency"_s));
    QVERIFY2(lines[1].startsWith(u"2026-11-28,SYNTH-7-2026-11-28,all,"_s), qPrintable(lines[1]));
    QVERIFY(lines[1].contains(u",10739.33,"_s));
    QVERIFY(lines[1].endsWith(u",USD"_s));
    page()->close();
}

void TestKpiWindow::reportAsPdf()
{
    // A decision on the largest exposure of the latest run, for the report to tell.
    const QString largest = u"replenishment:SKU-00014@DC-WEST"_s;
    {
        auto workbench = model::Workbench::open(m_database);
        QVERIFY(workbench);
        auto queue = (*workbench)->runs().queue();
        QVERIFY(queue);
        QCOMPARE(
            queue->exceptionId(qsizetype(
                std::max_element(queue->score.begin(), queue->score.end()) - queue->score.begin())),
            largest);
        const model::User ana {u"ana"_s, engine::Role::Admin};
        QVERIFY((*workbench)->decisions().record(largest, 0, model::Decision::Approved, ana));
    }
    m_window->showKpis();
    QSignalSpy loaded(page(), &ui::KpiPage::loaded);
    QVERIFY(loaded.wait(30000));
    const auto &top = page()->topExposures();
    QCOMPARE(top.size(), std::size_t(10));
    QCOMPARE(top.front().exceptionId, largest);
    QVERIFY2(
        top.front().decided.startsWith(u"Approved by ana, "_s), qPrintable(top.front().decided));
    QCOMPARE(top.back().decided, u"No decision"_s);
    for (std::size_t i = 1; i < top.size(); ++i)
        QVERIFY(top[i - 1].exposure >= top[i].exposure);

    const QString path = m_dir.filePath(u"kpi-report.pdf"_s);
    auto written = page()->exportReport(path);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
    QCOMPARE(*written, 2);
    if (const QString dir = qEnvironmentVariable("PWB_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QFile::copy(path, dir + u"/kpi-report.pdf"_s);
        QCoreApplication::processEvents();
        page()->grab().save(dir + u"/kpis.png"_s);
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    // Each page object says "/Type /Page" (the page tree says "/Pages").
    static const QRegularExpression pageObject(u"/Type\\s*/Page(?!s)"_s);
    QCOMPARE(QString::fromLatin1(pdf).count(pageObject), 2);

    // Refused where it cannot be written.
    auto refused = page()->exportReport(m_dir.filePath(u"no/such/folder/r.pdf"_s));
    QVERIFY(!refused);
    QVERIFY2(
        refused.error().message.contains(u"Cannot write"_s), qPrintable(refused.error().message));
    page()->close();
}

QTEST_MAIN(TestKpiWindow)
#include "test_kpiwindow.moc"
