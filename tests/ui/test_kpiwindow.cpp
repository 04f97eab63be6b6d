// The KPI window on the real main window: opened from View > KPIs… (Ctrl+Shift+K), with
// one snapshot it says a trend needs two; with the demo a day later (one more order
// line, tests/model/kpitestdata.h) it draws both trends and the fill rate target,
// lists the figures per snapshot and per location, and exports them as CSV. A click on
// a point of a trend, or Enter on a cell of the table, opens what is behind the figure:
// the rows, their total (the figure to the cent), an empty state, and their export.

#include "mainwindowfixture.h"
#include "tests/model/kpitestdata.h"
#include "ui/charts/kpitrendchart.h"
#include "ui/common/format.h"
#include "ui/kpi/kpidrilldialog.h"
#include "ui/kpi/kpidrillmodel.h"
#include "ui/kpi/kpipage.h"
#include "ui/kpi/kpitablemodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <cmath>
#include <limits>

using namespace mainwindowtest;

class TestKpiWindow : public MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void oneSnapshotHasNoTrend();
    void twoSnapshotsMakeATrend();
    void clickAPointOfTheTrend();
    void enterOnACellOfTheTable();
    void groupsAndCsv();
    void reportAsPdf();
    void transferCycleColumns();

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
    QCOMPARE(page()->moneyChart()->lineLabels(),
        (QStringList {u"Exposure"_s, u"Can save"_s, u"Can save taken"_s}));
    QCOMPARE(page()->fillRateChart()->lineLabels(),
        (QStringList {u"Fill rate"_s, u"Tier-1 fill rate"_s, u"Target 95%"_s}));
    // Stock and transfers: no policy target, so no target line.
    QCOMPARE(page()->stockoutChart()->lineLabels(), QStringList {u"SKU-locations out of stock"_s});
    QCOMPARE(page()->stockoutChart()->dateCount(), 2);
    QCOMPARE(page()->turnsChart()->lineLabels(), QStringList {u"Inventory turns"_s});
    QCOMPARE(page()->turnsChart()->dateCount(), 2);
    QCOMPARE(page()->transferChart()->lineLabels(),
        (QStringList {u"Approval→export"_s, u"Export→accepted"_s, u"Approval→received"_s}));
    QCOMPARE(page()->transferChart()->dateCount(), 0); // no transfer approved yet

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
    QCOMPARE(cell(1, ui::KpiTableModel::TransferReceivedHours).toString(), u"—"_s);
    QCOMPARE(cell(0, ui::KpiTableModel::Stockouts).toString(), u"6"_s);
    // 2,722,698.63 / 193,666.66 (tests/model/test_kpi.cpp).
    QVERIFY(std::abs(cell(1, ui::KpiTableModel::InventoryTurns, Qt::UserRole).toDouble()
                - 2722698.6295 / 193666.66)
        < 1e-9);
    QCOMPARE(
        cell(1, ui::KpiTableModel::InventoryTurns).toString(), QLocale().toString(14.06, 'f', 1));
    // Nothing approved yet: all of the can save is left.
    QCOMPARE(cell(1, ui::KpiTableModel::CanSaveTaken, Qt::UserRole).toDouble(), 0.0);
    QCOMPARE(cell(1, ui::KpiTableModel::CanSaveLeft, Qt::UserRole).toDouble(),
        cell(1, ui::KpiTableModel::CanSave, Qt::UserRole).toDouble());
}

void TestKpiWindow::clickAPointOfTheTrend()
{
    ui::KpiTrendChart *chart = page()->moneyChart();
    const QDate second(2026, 11, 29);
    const auto at = chart->pointPosition(0, second); // the exposure line
    QVERIFY(at);
    QVERIFY(chart->plotWidget()->rect().contains(*at));
    QTest::mouseClick(chart->plotWidget(), Qt::LeftButton, {}, *at);
    QTRY_VERIFY(page()->drillDialog());
    ui::KpiDrillDialog *dialog = page()->drillDialog();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isLoading() && dialog->model()->rowCount() > 0, 30000);
    QVERIFY(dialog->isVisible());

    // Every exception of the second snapshot's run, largest first, adding up to the
    // exposure the table shows for that snapshot.
    const ui::KpiTableModel *kpis = page()->model();
    const double exposure
        = kpis->data(kpis->index(1, ui::KpiTableModel::Exposure), Qt::UserRole).toDouble();
    const int exceptions
        = kpis->data(kpis->index(1, ui::KpiTableModel::Exceptions), Qt::UserRole).toInt();
    const ui::KpiDrillModel *rows = dialog->model();
    QCOMPARE(rows->rowCount(), exceptions);
    QVERIFY(std::abs(rows->drillDown().total() - exposure) < 0.005);
    QCOMPARE(dialog->headerText(),
        u"Exposure on 29 Nov 2026: %1 from %2 exceptions"_s.arg(
            ui::formatMoney(exposure, u"USD"_s, 2), QString::number(exceptions)));
    QVERIFY2(dialog->footerText().contains(QLocale().toString(exposure, 'f', 2)),
        qPrintable(dialog->footerText()));
    auto *table = find<QTableView>(dialog, u"kpiDrillTable"_s);
    QVERIFY(table && table->isVisible());
    double previous = std::numeric_limits<double>::infinity();
    for (int r = 0; r < table->model()->rowCount(); ++r) {
        const double score = table->model()->index(r, 7).data(Qt::UserRole).toDouble();
        QVERIFY(score <= previous);
        previous = score;
    }
    QCOMPARE(table->model()->headerData(7, Qt::Horizontal).toString(), u"Exposure (USD)"_s);

    // Sortable on the raw values: by rank, the queue's order.
    table->sortByColumn(6, Qt::AscendingOrder);
    QCOMPARE(table->model()->index(0, 6).data(Qt::UserRole).toInt(), 1);

    // The fill rate's second line is the tier-1 one: the short tier-1 lines.
    const auto tier1 = page()->fillRateChart()->pointPosition(1, QDate(2026, 11, 28));
    QVERIFY(tier1);
    QSignalSpy loaded(dialog, &ui::KpiDrillDialog::loaded);
    QTest::mouseClick(page()->fillRateChart()->plotWidget(), Qt::LeftButton, {}, *tier1);
    QVERIFY(loaded.wait(30000));
    QCOMPARE(dialog->model()->rowCount(), 4); // tests/model/test_kpi.cpp: 4 of 47
    QVERIFY2(dialog->headerText().contains(u"4 of 47 tier-1 order lines"_s),
        qPrintable(dialog->headerText()));
    QVERIFY2(dialog->footerText().startsWith(u"Open value of these lines: "_s),
        qPrintable(dialog->footerText()));
    if (const QString dir = qEnvironmentVariable("PWB_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QCoreApplication::processEvents();
        dialog->grab().save(dir + u"/kpi-drill-tier1.png"_s);
    }

    // The turns' point: every SKU-location with stock or demand, most stock first, whose
    // sums are the figure's numerator and denominator.
    const auto turns = page()->turnsChart()->pointPosition(0, QDate(2026, 11, 28));
    QVERIFY(turns);
    QTest::mouseClick(page()->turnsChart()->plotWidget(), Qt::LeftButton, {}, *turns);
    QVERIFY(loaded.wait(30000));
    const model::KpiDrillDown &behind = dialog->model()->drillDown();
    QCOMPARE(behind.query.measure, model::KpiMeasure::InventoryTurns);
    QCOMPARE(dialog->model()->rowCount(), 240);
    QVERIFY(std::abs(behind.stockAtCost() - 193666.66) < 1e-6);
    QVERIFY(std::abs(behind.annualCogs() / behind.stockAtCost() - *behind.value()) < 1e-9);
    QVERIFY2(dialog->headerText().startsWith(u"Inventory turns on 28 Nov 2026: %1 a year"_s.arg(
                 QLocale().toString(14.06, 'f', 2))),
        qPrintable(dialog->headerText()));
    QVERIFY2(dialog->footerText().contains(ui::formatMoney(193666.66, u"USD"_s, 2)),
        qPrintable(dialog->footerText()));
    QCOMPARE(dialog->model()->figureColumn(), 6);
    QCOMPARE(dialog->model()->headerData(6, Qt::Horizontal).toString(), u"Stock at cost (USD)"_s);
    if (const QString dir = qEnvironmentVariable("PWB_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QCoreApplication::processEvents();
        dialog->grab().save(dir + u"/kpi-drill-turns.png"_s);
    }

    // The stockouts' point: the 6 SKU-locations out of stock that night.
    const auto out = page()->stockoutChart()->pointPosition(0, QDate(2026, 11, 29));
    QVERIFY(out);
    QTest::mouseClick(page()->stockoutChart()->plotWidget(), Qt::LeftButton, {}, *out);
    QVERIFY(loaded.wait(30000));
    QCOMPARE(dialog->model()->drillDown().query.measure, model::KpiMeasure::Stockouts);
    QCOMPARE(dialog->model()->rowCount(), 6);
}

void TestKpiWindow::enterOnACellOfTheTable()
{
    QSignalSpy read(page(), &ui::KpiPage::loaded);
    page()->setGrouping(model::KpiDimension::Location);
    QVERIFY(read.wait(30000));

    // Keyboard only: the backorder value of BR-01 on the second snapshot, then Enter.
    const ui::KpiTableModel *kpis = page()->model();
    int row = -1;
    for (int r = 0; r < kpis->rowCount(); ++r)
        if (kpis->rowAt(r).snapshot.asOf == *engine::parseDate("2026-11-29")
            && kpis->rowAt(r).group == u"BR-01"_s)
            row = r;
    QVERIFY(row >= 0);
    const double figure
        = kpis->data(kpis->index(row, ui::KpiTableModel::BackorderValue), Qt::UserRole).toDouble();
    const int lines
        = kpis->data(kpis->index(row, ui::KpiTableModel::Backorders), Qt::UserRole).toInt();
    QVERIFY(lines > 0);
    QTableView *table = page()->table();
    auto *sorted = qobject_cast<QSortFilterProxyModel *>(table->model());
    QVERIFY(sorted);
    table->setFocus();
    table->setCurrentIndex(
        sorted->mapFromSource(kpis->index(row, ui::KpiTableModel::BackorderValue)));
    ui::KpiDrillDialog *dialog = page()->drillDialog();
    QVERIFY(dialog);
    QSignalSpy loaded(dialog, &ui::KpiDrillDialog::loaded);
    QTest::keyClick(table, Qt::Key_Return);
    QVERIFY(loaded.wait(30000));
    QCOMPARE(dialog->model()->rowCount(), lines);
    QVERIFY(std::abs(dialog->model()->drillDown().total() - figure) < 0.005);
    QCOMPARE(dialog->headerText(),
        u"Backorder value on 29 Nov 2026 at BR-01: %1 from %2 open order lines"_s.arg(
            ui::formatMoney(figure, u"USD"_s, 2), QString::number(lines)));
    // The line added to the demo, 4 x 10.00, is one of them.
    bool added = false;
    for (const model::KpiOrderLineRow &l : dialog->model()->drillDown().orderLines)
        added = added || (l.orderId == u"SO-999999"_s && l.value == 40.0);
    QVERIFY(added);
    if (const QString dir = qEnvironmentVariable("PWB_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QCoreApplication::processEvents();
        dialog->grab().save(dir + u"/kpi-drill-backorders.png"_s);
    }

    // Exported as the dialog shows it: a header line and a line per order line.
    const QString path = m_dir.filePath(u"behind.csv"_s);
    QVERIFY(dialog->exportTable(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList csv = QString::fromUtf8(file.readAll()).split(u"\r\n"_s, Qt::SkipEmptyParts);
    QCOMPARE(csv.size(), 1 + lines);
    QVERIFY2(
        csv[0].startsWith(u"Order,Line,Customer,Tier,Item,Location,Due,"_s), qPrintable(csv[0]));

    // No decision yet: the overridden count of that row opens an empty state.
    table->setCurrentIndex(sorted->mapFromSource(kpis->index(row, ui::KpiTableModel::Overridden)));
    QTest::keyClick(table, Qt::Key_Enter);
    QVERIFY(loaded.wait(30000));
    QCOMPARE(dialog->model()->rowCount(), 0);
    QVERIFY2(dialog->footerText().startsWith(u"Nothing is behind this point"_s),
        qPrintable(dialog->footerText()));
    QVERIFY(!find<QTableView>(dialog, u"kpiDrillTable"_s)->isVisible());
    QVERIFY(!find<QPushButton>(dialog, u"kpiDrillExport"_s)->isEnabled());
    dialog->close();

    page()->setGrouping(model::KpiDimension::None);
    QVERIFY(read.wait(30000));
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
    double largestCanSave = 0;
    {
        auto workbench = model::Workbench::open(m_database);
        QVERIFY(workbench);
        auto queue = (*workbench)->runs().queue();
        QVERIFY(queue);
        QCOMPARE(
            queue->exceptionId(qsizetype(
                std::max_element(queue->score.begin(), queue->score.end()) - queue->score.begin())),
            largest);
        for (qsizetype r = 0; r < queue->size(); ++r)
            if (queue->exceptionId(r) == largest)
                largestCanSave = queue->canSave[std::size_t(r)];
        QVERIFY(largestCanSave > 0);
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
    // Its can save is taken on the latest snapshot; the rest is left.
    const ui::KpiTableModel *kpis = page()->model();
    const int last = kpis->rowCount() - 1;
    const auto raw = [&](int column) {
        return kpis->data(kpis->index(last, column), Qt::UserRole).toDouble();
    };
    QVERIFY(std::abs(raw(ui::KpiTableModel::CanSaveTaken) - largestCanSave) < 1e-6);
    QVERIFY(std::abs(raw(ui::KpiTableModel::CanSaveLeft)
                - (raw(ui::KpiTableModel::CanSave) - largestCanSave))
        < 1e-6);

    const QString path = m_dir.filePath(u"kpi-report.pdf"_s);
    auto written = page()->exportReport(path);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
    QCOMPARE(*written, 3); // trends, stock and transfer trends, tables
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
    QCOMPARE(QString::fromLatin1(pdf).count(pageObject), 3);

    // Refused where it cannot be written.
    auto refused = page()->exportReport(m_dir.filePath(u"no/such/folder/r.pdf"_s));
    QVERIFY(!refused);
    QVERIFY2(
        refused.error().message.contains(u"Cannot write"_s), qPrintable(refused.error().message));
    page()->close();
}

void TestKpiWindow::transferCycleColumns()
{
    // Three approved transfers: two exported (after 4 and 1 hours), one accepted (after
    // 2), none received yet. The medians are over the legs that ended.
    model::KpiReport report;
    model::SnapshotKpis kpis;
    kpis.snapshot.asOf = *engine::parseDate("2026-11-28");
    kpis.snapshot.currency = u"USD"_s;
    kpis.overall.transfers = 3;
    kpis.overall.exportHours = {4, 1};
    kpis.overall.ackHours = {2};
    report.snapshots.push_back(kpis);
    ui::KpiTableModel model;
    model.setReport(report);
    auto cell = [&](int column, int role = Qt::DisplayRole) {
        return model.data(model.index(0, column), role);
    };
    QCOMPARE(cell(ui::KpiTableModel::TransferExportHours, Qt::UserRole).toDouble(), 2.5);
    QCOMPARE(cell(ui::KpiTableModel::TransferExportHours).toString(),
        u"%1 h (1 open)"_s.arg(QLocale().toString(2.5, 'f', 1)));
    QCOMPARE(cell(ui::KpiTableModel::TransferAckHours).toString(),
        u"%1 h (2 open)"_s.arg(QLocale().toString(2.0, 'f', 1)));
    QCOMPARE(cell(ui::KpiTableModel::TransferReceivedHours).toString(), u"—"_s);
    QCOMPARE(model.headerData(ui::KpiTableModel::TransferReceivedHours, Qt::Horizontal).toString(),
        u"Transfer approval→received (median)"_s);
}

QTEST_MAIN(TestKpiWindow)
#include "test_kpiwindow.moc"
