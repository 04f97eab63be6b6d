#include "ui/kpi/kpipage.h"

#include "model/workbench.h"
#include "report/kpireportwriter.h"
#include "ui/charts/kpitrendchart.h"
#include "ui/common/csvtable.h"
#include "ui/common/daterangeedit.h"
#include "ui/common/format.h"
#include "ui/kpi/kpidrilldialog.h"
#include "ui/kpi/kpitablemodel.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

engine::Date toEngineDate(const QDate &date)
{
    return date.isValid() ? engine::Date(QDate(1970, 1, 1).daysTo(date)) : engine::kNoDate;
}

KpiReading readKpis(const QString &path, const model::KpiQuery &query)
{
    KpiReading reading;
    auto workbench = model::Workbench::openAs(path, model::OpenMode::ReadOnly);
    if (!workbench) {
        reading.error = workbench.error();
        return reading;
    }
    auto kpis = (*workbench)->kpis().load(query);
    if (!kpis) {
        reading.error = kpis.error();
        return reading;
    }
    reading.report = std::move(*kpis);
    // The largest exposures are the current snapshot's, whatever the dates: the report
    // says what stands now.
    auto top = report::topExposures(**workbench, 10);
    if (top)
        reading.top = std::move(*top);
    else if (top.error().code != model::Error::BadInput) // BadInput: nothing scored
        reading.error = top.error();
    auto overrides = report::overrideSummary(**workbench, query.from, query.to);
    if (overrides)
        reading.overrides = std::move(*overrides);
    else
        reading.error = overrides.error();
    return reading;
}

} // namespace

KpiPage::KpiPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new KpiTableModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
{
    setObjectName(u"kpiPage"_s);
    setWindowTitle(tr("KPIs — Planner Workbench"));
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(Qt::UserRole);
    createWidgets();
    connect(&m_watcher, &QFutureWatcher<KpiReading>::finished, this, &KpiPage::onLoaded);
    showCharts();
}

KpiPage::~KpiPage()
{
    m_watcher.waitForFinished();
}

void KpiPage::createWidgets()
{
    auto *bar = new QWidget(this);
    m_by = new QComboBox(bar);
    m_by->setObjectName(u"kpiGrouping"_s);
    m_by->addItem(tr("Overall only"), int(model::KpiDimension::None));
    m_by->addItem(tr("By location"), int(model::KpiDimension::Location));
    m_by->addItem(tr("By ABC class"), int(model::KpiDimension::Abc));
    m_by->addItem(tr("By customer tier"), int(model::KpiDimension::Tier));
    m_by->addItem(tr("By planner"), int(model::KpiDimension::Planner));
    m_dates = new DateRangeEdit(bar);
    m_dates->setObjectName(u"kpiDates"_s);
    auto *refresh = new QPushButton(tr("Refresh"), bar);
    refresh->setObjectName(u"kpiRefresh"_s);
    m_export = new QPushButton(tr("Export table…"), bar);
    m_export->setObjectName(u"kpiExport"_s);
    m_export->setToolTip(tr("Write the table to a CSV file"));
    m_reportButton = new QPushButton(tr("Export report…"), bar);
    m_reportButton->setObjectName(u"kpiReport"_s);
    m_reportButton->setToolTip(
        tr("Write a PDF with the trends, the KPIs and the largest exposures to forward"));
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Table"), bar));
    row->addWidget(m_by);
    row->addWidget(new QLabel(tr("Snapshots"), bar));
    row->addWidget(m_dates);
    row->addStretch(1);
    row->addWidget(refresh);
    row->addWidget(m_export);
    row->addWidget(m_reportButton);
    connect(m_by, &QComboBox::currentIndexChanged, this, &KpiPage::reload);
    connect(m_dates, &DateRangeEdit::changed, this, &KpiPage::reload);
    connect(refresh, &QPushButton::clicked, this, &KpiPage::reload);
    connect(m_export, &QPushButton::clicked, this, &KpiPage::chooseExportFile);
    connect(m_reportButton, &QPushButton::clicked, this, &KpiPage::chooseReportFile);

    m_message = new QLabel(this);
    m_message->setObjectName(u"kpiMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);

    m_money = new KpiTrendChart(tr("Exposure and can save"), KpiTrendChart::Scale::Money, this);
    m_money->setObjectName(u"kpiMoneyChart"_s);
    m_fill = new KpiTrendChart(tr("Fill rate proxy"), KpiTrendChart::Scale::Percent, this);
    m_fill->setObjectName(u"kpiFillRateChart"_s);
    m_stockouts = new KpiTrendChart(tr("Stockouts"), KpiTrendChart::Scale::Number, this);
    m_stockouts->setObjectName(u"kpiStockoutChart"_s);
    m_turns = new KpiTrendChart(tr("Inventory turns"), KpiTrendChart::Scale::Number, this);
    m_turns->setObjectName(u"kpiTurnsChart"_s);
    m_transfers = new KpiTrendChart(tr("Transfer cycle"), KpiTrendChart::Scale::Number, this);
    m_transfers->setObjectName(u"kpiTransferChart"_s);
    for (KpiTrendChart *chart : {m_money, m_fill, m_stockouts, m_turns, m_transfers}) {
        chart->setToolTip(tr("Click a point to see what is behind it"));
        connect(chart, &KpiTrendChart::pointClicked, this,
            [this, chart](int line, const QDate &date) { drillIntoChart(chart, line, date); });
    }
    // Money and service above; stock and transfers, which no policy targets, below.
    auto *charts = new QWidget(this);
    auto *chartRows = new QVBoxLayout(charts);
    chartRows->setContentsMargins(0, 0, 0, 0);
    auto *chartRow = new QHBoxLayout;
    chartRow->addWidget(m_money);
    chartRow->addWidget(m_fill);
    auto *stockRow = new QHBoxLayout;
    // The transfer cycle's three lines need the room for their legend.
    stockRow->addWidget(m_stockouts, 2);
    stockRow->addWidget(m_turns, 2);
    stockRow->addWidget(m_transfers, 3);
    chartRows->addLayout(chartRow);
    chartRows->addLayout(stockRow);

    m_table = new QTableView(this);
    m_table->setObjectName(u"kpiTable"_s);
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the report's order until asked
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Widths from the rows around the view, not from every row: a year of snapshots by
    // location is thousands of rows, and measuring them all paused the window 0.2 s.
    m_table->horizontalHeader()->setResizeContentsPrecision(100);
    m_table->setToolTip(tr("Enter or double-click a figure to see what is behind it"));
    // Enter on the current cell, or a double-click (QAbstractItemView::activated).
    connect(m_table, &QTableView::activated, this, &KpiPage::drillIntoCell);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(charts);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(bar);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);
}

void KpiPage::load(const QString &databasePath)
{
    m_databasePath = databasePath;
    reload();
}

void KpiPage::reload()
{
    if (m_watcher.isRunning()) {
        m_reloadWanted = true;
        return;
    }
    m_error.clear();
    if (m_databasePath.isEmpty()) {
        m_report = {};
        m_top.clear();
        m_overrides = {};
        m_model->setReport(m_report);
        showCharts();
        Q_EMIT loaded();
        return;
    }
    model::KpiQuery query;
    query.by = model::KpiDimension(m_by->currentData().toInt());
    query.from = toEngineDate(m_dates->from());
    query.to = toEngineDate(m_dates->to());
    m_watcher.setFuture(QtConcurrent::run(readKpis, m_databasePath, query));
    showCharts();
}

bool KpiPage::isLoading() const
{
    return m_watcher.isRunning();
}

void KpiPage::setGrouping(model::KpiDimension by)
{
    m_by->setCurrentIndex(std::max(0, m_by->findData(int(by))));
}

void KpiPage::onLoaded()
{
    if (m_reloadWanted) {
        m_reloadWanted = false;
        reload();
        return;
    }
    KpiReading reading = m_watcher.result();
    if (reading.error) {
        m_error = reading.error->message;
        reading.report = {};
    }
    m_report = std::move(reading.report);
    m_top = std::move(reading.top);
    m_overrides = std::move(reading.overrides);
    m_model->setReport(m_report);
    if (m_report.snapshots.size() > 1 && !m_dates->from().isValid() && !m_dates->to().isValid())
        m_dates->setSpan(toQDate(m_report.snapshots.front().snapshot.asOf),
            toQDate(m_report.snapshots.back().snapshot.asOf));
    showCharts();
    Q_EMIT loaded();
}

void KpiPage::showCharts()
{
    m_money->setTrend(report::moneyTrend(m_report));
    m_fill->setTrend(report::fillRateTrend(m_report));
    m_stockouts->setTrend(report::stockoutTrend(m_report));
    m_turns->setTrend(report::turnsTrend(m_report));
    m_transfers->setTrend(report::transferCycleTrend(m_report));
    qsizetype scored = 0;
    QString currency;
    for (const model::SnapshotKpis &s : m_report.snapshots) {
        if (s.runId > 0) {
            ++scored;
            currency = s.snapshot.currency;
        }
    }

    QString message;
    if (isLoading())
        message = tr("Reading the KPIs of every snapshot…");
    else if (m_databasePath.isEmpty())
        message = tr("No database open — File > Open database… (Ctrl+O)");
    else if (!m_error.isEmpty())
        message = tr("Cannot read the KPIs: %1").arg(m_error);
    else if (scored == 0)
        message = tr("No scored snapshot in this range: import a snapshot to see its KPIs.");
    else if (scored == 1)
        message = tr("One snapshot: the KPIs need at least two snapshots for a trend. Import "
                     "the next extract to see how they move.");
    else
        message = tr("%1 snapshots from %2 to %3; amounts in %4. Fill rate proxy: open order "
                     "lines not at a short item-location; the dashed line is the policy's "
                     "service target (stockouts, turns and the transfer cycle have none). "
                     "Click a point, or press Enter on a figure of the table, to see what is "
                     "behind it.")
                      .arg(QString::number(scored),
                          formatDate(m_report.snapshots.front().snapshot.asOf),
                          formatDate(m_report.snapshots.back().snapshot.asOf), currency);
    m_message->setText(message);
    m_export->setEnabled(m_model->rowCount() > 0);
    m_reportButton->setEnabled(!m_databasePath.isEmpty());
}

QString KpiPage::messageText() const
{
    return m_message->text();
}

QByteArray KpiPage::csv() const
{
    return csvTable(m_model->header(), m_model->rawRows());
}

model::Result<void> KpiPage::exportTable(const QString &path)
{
    return writeTableFile(path, tr("KPIs"), m_model->header(), m_model->rawRows());
}

void KpiPage::chooseExportFile()
{
    askTableExport(
        this, tr("Export the KPIs"), u"kpis"_s,
        [this](const QString &path) { return exportTable(path); },
        [this](const QString &path) {
            m_message->setText(
                tr("Wrote %1 rows to %2")
                    .arg(QString::number(m_model->rowCount()), QDir::toNativeSeparators(path)));
        });
}

model::Result<int> KpiPage::exportReport(const QString &path)
{
    return report::writeKpiReport(path, m_databasePath, {m_report, m_top, m_overrides});
}

void KpiPage::writeReportTo(const QString &path)
{
    if (isLoading()) {
        // Written from what the window is reading now, once it is read.
        auto *once = new QObject(this);
        connect(this, &KpiPage::loaded, once, [this, once, path] {
            once->deleteLater();
            writeReportTo(path);
        });
        return;
    }
    auto written = exportReport(path);
    if (!written) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Report not written"),
            written.error().message, QMessageBox::Close, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    m_message->setText(tr("Wrote the KPI report (%1 pages) to %2")
                           .arg(QString::number(*written), QDir::toNativeSeparators(path)));
}

void KpiPage::showDrillDown(const model::KpiDrillQuery &query)
{
    if (m_databasePath.isEmpty())
        return;
    if (!m_drill)
        m_drill = new KpiDrillDialog(this);
    m_drill->load(m_databasePath, query);
    m_drill->show();
    m_drill->raise();
    m_drill->activateWindow();
}

void KpiPage::drillIntoChart(KpiTrendChart *chart, int line, const QDate &date)
{
    // The lines as report::moneyTrend, fillRateTrend and the others draw them.
    model::KpiMeasure measure = model::KpiMeasure::Exposure;
    if (chart == m_money)
        measure = line == 0 ? model::KpiMeasure::Exposure
            : line == 1     ? model::KpiMeasure::CanSave
                            : model::KpiMeasure::CanSaveTaken;
    else if (chart == m_fill)
        measure = line == 0 ? model::KpiMeasure::FillRate : model::KpiMeasure::Tier1FillRate;
    else if (chart == m_stockouts)
        measure = model::KpiMeasure::Stockouts;
    else if (chart == m_turns)
        measure = model::KpiMeasure::InventoryTurns;
    else
        measure = line == 0 ? model::KpiMeasure::TransferExportHours
            : line == 1     ? model::KpiMeasure::TransferAckHours
                            : model::KpiMeasure::TransferReceivedHours;
    // The trends draw the overall figures, whatever the table's grouping.
    showDrillDown({measure, toEngineDate(date), 0, model::KpiDimension::None, {}});
}

void KpiPage::drillIntoCell(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const KpiTableModel::Row &row = m_model->rowAt(m_sorted->mapToSource(index).row());
    model::KpiMeasure measure
        = row.scored ? model::KpiMeasure::Exposure : model::KpiMeasure::Decisions;
    switch (KpiTableModel::Column(index.column())) {
    case KpiTableModel::Exposure:
        measure = model::KpiMeasure::Exposure;
        break;
    case KpiTableModel::CanSave:
        measure = model::KpiMeasure::CanSave;
        break;
    case KpiTableModel::CanSaveTaken:
        measure = model::KpiMeasure::CanSaveTaken;
        break;
    case KpiTableModel::CanSaveLeft:
        measure = model::KpiMeasure::CanSaveLeft;
        break;
    case KpiTableModel::Exceptions:
        measure = model::KpiMeasure::Exceptions;
        break;
    case KpiTableModel::FillRate:
        measure = model::KpiMeasure::FillRate;
        break;
    case KpiTableModel::Tier1FillRate:
        measure = model::KpiMeasure::Tier1FillRate;
        break;
    case KpiTableModel::Backorders:
        measure = model::KpiMeasure::BackorderLines;
        break;
    case KpiTableModel::BackorderValue:
        measure = model::KpiMeasure::BackorderValue;
        break;
    case KpiTableModel::ExcessStock:
        measure = model::KpiMeasure::ExcessStock;
        break;
    case KpiTableModel::Decisions:
        measure = model::KpiMeasure::Decisions;
        break;
    case KpiTableModel::AsProposed:
        measure = model::KpiMeasure::Approved;
        break;
    case KpiTableModel::Overridden:
        measure = model::KpiMeasure::Overridden;
        break;
    case KpiTableModel::Rejected:
        measure = model::KpiMeasure::Rejected;
        break;
    case KpiTableModel::PerPlannerDay:
        measure = model::KpiMeasure::PerPlannerDay;
        break;
    case KpiTableModel::TouchHours:
        measure = model::KpiMeasure::TouchHours;
        break;
    case KpiTableModel::Stockouts:
        measure = model::KpiMeasure::Stockouts;
        break;
    case KpiTableModel::InventoryTurns:
        measure = model::KpiMeasure::InventoryTurns;
        break;
    case KpiTableModel::TransferExportHours:
        measure = model::KpiMeasure::TransferExportHours;
        break;
    case KpiTableModel::TransferAckHours:
        measure = model::KpiMeasure::TransferAckHours;
        break;
    case KpiTableModel::TransferReceivedHours:
        measure = model::KpiMeasure::TransferReceivedHours;
        break;
    case KpiTableModel::AsOf:
    case KpiTableModel::Snapshot:
    case KpiTableModel::Group:
    case KpiTableModel::ColumnCount:
        break; // the row as a whole: its exposure, or a planner's decisions
    }
    // A planner's row, or a snapshot never scored, has no run figures to open.
    if (!row.scored && model::basisOf(measure) != model::KpiBasis::Decisions)
        measure = model::KpiMeasure::Decisions;
    showDrillDown({measure, row.snapshot.asOf, row.snapshot.version, m_report.by, row.group});
}

void KpiPage::chooseReportFile()
{
    const QString start = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
        + u"/kpi-report-"_s + QDate::currentDate().toString(Qt::ISODate) + u".pdf"_s;
    auto *dialog = new QFileDialog(
        this, tr("Export the KPI report"), start, tr("PDF files (*.pdf);;All files (*)"));
    dialog->setObjectName(u"kpiReportDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"pdf"_s);
    connect(dialog, &QFileDialog::fileSelected, this, &KpiPage::writeReportTo);
    dialog->open();
}

} // namespace ui
