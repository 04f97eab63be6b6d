#include "ui/history/overridehistorypage.h"

#include "model/workbench.h"
#include "ui/charts/ratecharts.h"
#include "ui/common/csvtable.h"
#include "ui/common/daterangeedit.h"
#include "ui/common/format.h"
#include "ui/history/overridehistorymodel.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <array>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

HistoryReading readHistory(const QString &path)
{
    HistoryReading reading;
    auto workbench = model::Workbench::openAs(path, model::OpenMode::ReadOnly);
    if (!workbench) {
        reading.error = workbench.error();
        return reading;
    }
    auto data = (*workbench)->history().load();
    if (!data)
        reading.error = data.error();
    else
        reading.data = std::move(*data);
    return reading;
}

void setBanner(QLabel *label, bool warning)
{
    QPalette palette = label->palette();
    palette.setColor(
        QPalette::Window, warning ? QColor(0xfd, 0xf0, 0xd5) : QColor(0xe6, 0xf4, 0xe8));
    palette.setColor(
        QPalette::WindowText, warning ? QColor(0x7a, 0x4a, 0x00) : QColor(0x1e, 0x5b, 0x2a));
    label->setPalette(palette);
}

QString rateOf(const model::RateCell &cell)
{
    return OverrideHistoryPage::tr("%1 (%2 of %3)")
        .arg(formatPercent(cell.rate()), QLocale().toString(cell.overridden),
            QLocale().toString(cell.decisions));
}

} // namespace

OverrideHistoryPage::OverrideHistoryPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new OverrideHistoryModel(this))
    , m_filter(new OverrideHistoryFilter(m_model, this))
{
    setObjectName(u"overrideHistoryPage"_s);
    setWindowTitle(tr("Override history — Planner Workbench"));
    createWidgets();
    connect(&m_watcher, &QFutureWatcher<HistoryReading>::finished, this,
        &OverrideHistoryPage::onLoaded);
    showState();
}

OverrideHistoryPage::~OverrideHistoryPage()
{
    m_watcher.waitForFinished();
}

QWidget *OverrideHistoryPage::createFilters()
{
    auto *bar = new QWidget(this);
    m_planner = new QComboBox(bar);
    m_planner->setObjectName(u"historyPlannerFilter"_s);
    m_planner->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_type = new QComboBox(bar);
    m_type->setObjectName(u"historyTypeFilter"_s);
    m_type->addItem(tr("All types"), -1);
    for (int t = 0; t < engine::kExceptionTypeCount; ++t)
        m_type->addItem(exceptionTypeLabel(engine::ExceptionType(t)), t);
    m_reason = new QComboBox(bar);
    m_reason->setObjectName(u"historyReasonFilter"_s);
    m_reason->setToolTip(tr("Narrows the list; the rates count every decision, since an "
                            "approval has no reason"));
    m_reason->addItem(tr("All reasons"), QString());
    for (const model::ReasonCode &reason : model::reasonCodes())
        m_reason->addItem(QString::fromUtf8(reason.label), QString::fromLatin1(reason.code));
    m_trendBy = new QComboBox(bar);
    m_trendBy->setObjectName(u"historyTrendBy"_s);
    m_trendBy->setToolTip(tr("Draw the weekly rates per exception type, or per the factor "
                             "that weighed most in the score when it was decided"));
    m_trendBy->addItem(tr("Trend by type"));
    m_trendBy->addItem(tr("Trend by top factor"));
    m_dates = new DateRangeEdit(bar);
    m_dates->setObjectName(u"historyDates"_s);
    auto *clear = new QPushButton(tr("Clear filters"), bar);
    clear->setObjectName(u"historyClearFilters"_s);
    auto *refresh = new QPushButton(tr("Refresh"), bar);
    refresh->setObjectName(u"historyRefresh"_s);
    m_export = new QPushButton(tr("Export table…"), bar);
    m_export->setObjectName(u"historyExport"_s);
    m_export->setToolTip(tr("Write the rows shown to a CSV file"));

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Planner"), bar));
    layout->addWidget(m_planner);
    layout->addWidget(new QLabel(tr("Type"), bar));
    layout->addWidget(m_type);
    layout->addWidget(new QLabel(tr("Reason"), bar));
    layout->addWidget(m_reason);
    layout->addWidget(m_trendBy);
    layout->addWidget(m_dates);
    layout->addWidget(clear);
    layout->addStretch(1);
    layout->addWidget(refresh);
    layout->addWidget(m_export);

    for (QComboBox *box : {m_planner, m_type, m_reason, m_trendBy})
        connect(box, &QComboBox::currentIndexChanged, this, &OverrideHistoryPage::applyFilters);
    connect(m_dates, &DateRangeEdit::changed, this, &OverrideHistoryPage::applyFilters);
    connect(clear, &QPushButton::clicked, this, [this] { setCriteria({}); });
    connect(refresh, &QPushButton::clicked, this, [this] { load(m_databasePath, m_user); });
    connect(m_export, &QPushButton::clicked, this, &OverrideHistoryPage::chooseExportFile);
    return bar;
}

void OverrideHistoryPage::createWidgets()
{
    m_drift = new QLabel(this);
    m_drift->setObjectName(u"historyDrift"_s);
    m_drift->setAutoFillBackground(true);
    m_drift->setMargin(8);
    m_drift->setWordWrap(true);
    m_drift->setTextFormat(Qt::PlainText);
    QFont bold = m_drift->font();
    bold.setBold(true);
    m_drift->setFont(bold);

    m_summary = new QLabel(this);
    m_summary->setObjectName(u"historySummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);

    m_trend = new RateTrendChart(this);
    m_trend->setObjectName(u"historyTrendChart"_s);
    m_planners = new RateBarChart(this);
    m_planners->setObjectName(u"historyPlannerChart"_s);
    auto *charts = new QWidget(this);
    auto *chartRow = new QHBoxLayout(charts);
    chartRow->setContentsMargins(0, 0, 0, 0);
    chartRow->addWidget(m_trend, 3);
    chartRow->addWidget(m_planners, 2);

    m_table = new QTableView(this);
    m_table->setObjectName(u"historyTable"_s);
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(OverrideHistoryModel::When, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    const int digit = m_table->fontMetrics().horizontalAdvance(u'0');
    const std::array<int, OverrideHistoryModel::ColumnCount> widths {
        17, 11, 11, 11, 11, 9, 26, 13, 40, 13, 16, 13, 26, 30, 20, 30};
    for (int c = 0; c < OverrideHistoryModel::ColumnCount; ++c)
        header->resizeSection(c, widths[std::size_t(c)] * digit);

    m_empty = new QLabel(this);
    m_empty->setObjectName(u"historyEmptyState"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::PlainText);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_table);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"historySplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(charts);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    m_count = new QLabel(this);
    m_count->setObjectName(u"historyCount"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_drift);
    layout->addWidget(createFilters());
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_count);
}

void OverrideHistoryPage::load(const QString &databasePath, const model::User &user)
{
    m_databasePath = databasePath;
    m_user = user;
    if (m_watcher.isRunning()) {
        m_reloadWanted = true;
        return;
    }
    m_error.clear();
    if (databasePath.isEmpty() || !engine::roleCovers(user.role, kRole)) {
        // Nothing is read for someone who may not see it.
        m_data = {};
        m_model->setRecords({});
        applyFilters();
        Q_EMIT loaded();
        return;
    }
    m_watcher.setFuture(QtConcurrent::run(readHistory, databasePath));
    showState();
}

bool OverrideHistoryPage::isLoading() const
{
    return m_watcher.isRunning();
}

void OverrideHistoryPage::onLoaded()
{
    if (m_reloadWanted) {
        m_reloadWanted = false;
        load(m_databasePath, m_user);
        return;
    }
    HistoryReading reading = m_watcher.result();
    if (reading.error) {
        m_error = reading.error->message;
        reading.data = {};
    }
    m_model->setRecords(std::move(reading.data.records));
    m_data = std::move(reading.data);
    {
        const QSignalBlocker blocker(m_planner);
        const QString kept = m_planner->currentData().toString();
        m_planner->clear();
        m_planner->addItem(tr("All planners"), QString());
        QStringList planners;
        for (const model::DecisionTally &d : m_data.decisions) {
            if (!planners.contains(d.planner))
                planners << d.planner;
        }
        planners.sort(Qt::CaseInsensitive);
        for (const QString &planner : std::as_const(planners))
            m_planner->addItem(planner, planner);
        m_planner->setCurrentIndex(std::max(0, m_planner->findData(kept)));
    }
    engine::Date first = engine::kNoDate, last = engine::kNoDate;
    for (const model::DecisionTally &d : m_data.decisions) {
        if (d.day == engine::kNoDate)
            continue;
        first = first == engine::kNoDate ? d.day : std::min(first, d.day);
        last = last == engine::kNoDate ? d.day : std::max(last, d.day);
    }
    if (first != engine::kNoDate)
        m_dates->setSpan(toQDate(first), toQDate(last));
    applyFilters();
    Q_EMIT loaded();
}

void OverrideHistoryPage::setCriteria(const HistoryCriteria &criteria)
{
    {
        const QSignalBlocker a(m_planner), b(m_type), c(m_reason), d(m_dates);
        // A planner without a decision here is still a choice: it lists nothing.
        if (!criteria.planner.isEmpty() && m_planner->findData(criteria.planner) < 0)
            m_planner->addItem(criteria.planner, criteria.planner);
        m_planner->setCurrentIndex(std::max(0, m_planner->findData(criteria.planner)));
        m_type->setCurrentIndex(std::max(0, m_type->findData(criteria.type)));
        m_reason->setCurrentIndex(std::max(0, m_reason->findData(criteria.reasonCode)));
        m_dates->setRange(criteria.from, criteria.to);
    }
    applyFilters();
}

void OverrideHistoryPage::applyFilters()
{
    HistoryCriteria criteria;
    criteria.planner = m_planner->currentData().toString();
    criteria.type = m_type->currentData().toInt();
    criteria.reasonCode = m_reason->currentData().toString();
    criteria.from = m_dates->from();
    criteria.to = m_dates->to();
    m_filter->setCriteria(criteria);
    showRates();
    showState();
}

void OverrideHistoryPage::showRates()
{
    const HistoryCriteria &criteria = m_filter->criteria();
    std::vector<model::DecisionTally> kept;
    // Drift is a matter of the exception type across every planner: only the dates
    // narrow what it is judged on.
    std::vector<model::DecisionTally> dated;
    HistoryCriteria datesOnly;
    datesOnly.from = criteria.from;
    datesOnly.to = criteria.to;
    for (const model::DecisionTally &d : m_data.decisions) {
        if (criteria.counts(d))
            kept.push_back(d);
        if (datesOnly.counts(d))
            dated.push_back(d);
    }
    const model::OverrideRates rates = model::overrideRates(kept);

    // The trend: every decision kept, and each type that has any.
    QList<RateTrendChart::Line> lines;
    RateTrendChart::Line all {tr("All decisions"), QColor(0x33, 0x33, 0x33), true, {}};
    for (const auto &[week, cell] : rates.byWeek)
        all.points.append({toQDate(week), cell.rate()});
    if (criteria.type < 0)
        lines << all;
    const bool byFactor = m_trendBy->currentIndex() == 1;
    for (int f = 0; byFactor && f < engine::kFactorCount; ++f) {
        // As for types: a factor never overruled would only draw along the bottom.
        if (rates.byFactor[std::size_t(f)].overridden == 0)
            continue;
        RateTrendChart::Line line {
            factorLabel(engine::FactorKind(f)), factorColor(engine::FactorKind(f)), false, {}};
        for (const auto &[week, cells] : rates.byWeekAndFactor) {
            if (cells[std::size_t(f)].decisions > 0)
                line.points.append({toQDate(week), cells[std::size_t(f)].rate()});
        }
        lines << line;
    }
    for (int t = 0; !byFactor && t < engine::kExceptionTypeCount; ++t) {
        // A type never overridden would only add a line along the bottom, unless it is
        // the one asked for.
        if (rates.byType[std::size_t(t)].decisions == 0
            || (rates.byType[std::size_t(t)].overridden == 0 && criteria.type != t))
            continue;
        RateTrendChart::Line line {exceptionTypeLabel(engine::ExceptionType(t)),
            exceptionTypeColor(engine::ExceptionType(t)), criteria.type >= 0, {}};
        for (const auto &[week, byType] : rates.byWeekAndType) {
            if (byType[std::size_t(t)].decisions > 0)
                line.points.append({toQDate(week), byType[std::size_t(t)].rate()});
        }
        lines << line;
    }
    m_trend->setLines(lines, m_data.driftThreshold);

    QList<RateBarChart::Bar> bars;
    for (const auto &[planner, cell] : rates.byPlanner)
        bars.append({planner, cell.rate(), cell.decisions});
    m_planners->setBars(bars);

    if (rates.total.decisions == 0) {
        m_summary->setText({});
    } else {
        QStringList byType;
        for (int t = 0; t < engine::kExceptionTypeCount; ++t) {
            const model::RateCell &cell = rates.byType[std::size_t(t)];
            if (cell.decisions > 0)
                byType << exceptionTypeLabel(engine::ExceptionType(t)) + u' ' + rateOf(cell);
        }
        QStringList byFactorText;
        for (int f = 0; f < engine::kFactorCount; ++f) {
            const model::RateCell &cell = rates.byFactor[std::size_t(f)];
            if (cell.decisions > 0)
                byFactorText << factorLabel(engine::FactorKind(f)) + u' ' + rateOf(cell);
        }
        m_summary->setText(
            tr("Override rate (overrides and rejections over all decisions): "
               "%1. By type: %2. By top factor: %3.")
                .arg(rateOf(rates.total), byType.join(u" · "_s), byFactorText.join(u" · "_s)));
    }

    // The drift banner.
    const auto warnings = model::driftWarnings(
        model::overrideRates(dated), m_data.driftThreshold, m_data.driftWeeks);
    QStringList warningLines;
    for (const model::DriftWarning &w : warnings) {
        if (criteria.type >= 0 && int(w.type) != criteria.type)
            continue;
        warningLines << tr("⚠ %1: override rate above %2 for %3 weeks in a row (weeks of %4 to %5, "
                           "lowest %6)%7.")
                            .arg(exceptionTypeLabel(w.type), formatPercent(m_data.driftThreshold),
                                QString::number(w.weeks), formatDate(w.firstWeek),
                                formatDate(w.lastWeek), formatPercent(w.lowestRate),
                                w.ongoing ? tr(", still going") : QString());
    }
    if (!warningLines.isEmpty()) {
        m_drift->setText(warningLines.join(u'\n')
            + tr("\nThe recommendations of that type may no longer fit how planners work: "
                 "review the reasons below and the policy."));
        setBanner(m_drift, true);
    } else {
        m_drift->setText(m_data.driftThreshold > 0
                ? tr("✔ No drift: no exception type's override rate stayed above %1 for %2 "
                     "weeks in a row.")
                      .arg(formatPercent(m_data.driftThreshold))
                      .arg(m_data.driftWeeks)
                : tr("The policy's override_drift_threshold is 0: drift is not watched."));
        setBanner(m_drift, false);
    }
}

QString OverrideHistoryPage::driftText() const
{
    return m_drift->text();
}

QString OverrideHistoryPage::summaryText() const
{
    return m_summary->text();
}

void OverrideHistoryPage::showState()
{
    const bool allowed = engine::roleCovers(m_user.role, kRole);
    QString empty;
    if (!allowed)
        empty = tr("The override history needs the manager role; %1 is a %2.")
                    .arg(m_user.name, roleLabel(m_user.role).toLower());
    else if (isLoading())
        empty = tr("Reading the override history and looking each exception up in the later "
                   "snapshots…");
    else if (m_databasePath.isEmpty())
        empty = tr("No database open — File > Open database… (Ctrl+O)");
    else if (!m_error.isEmpty())
        empty = tr("Cannot read the override history: %1").arg(m_error);
    else if (m_model->rowCount() == 0)
        empty = tr("No override or rejection yet: when planners override or reject a "
                   "recommendation, it is listed here with what became of the exception.");
    else if (m_filter->rowCount() == 0)
        empty = tr("No override or rejection matches the filters — Clear filters shows "
                   "them all.");
    m_empty->setText(empty);
    m_stack->setCurrentWidget(empty.isEmpty() ? static_cast<QWidget *>(m_table) : m_empty);
    m_drift->setVisible(allowed && !isLoading());
    m_export->setEnabled(m_filter->rowCount() > 0);
    const QLocale locale;
    m_count->setText(m_filter->rowCount() == m_model->rowCount()
            ? tr("%1 overrides and rejections, newest first")
                  .arg(locale.toString(m_model->rowCount()))
            : tr("Showing %1 of %2 overrides and rejections")
                  .arg(
                      locale.toString(m_filter->rowCount()), locale.toString(m_model->rowCount())));
}

QByteArray OverrideHistoryPage::csv() const
{
    return csvTable(m_filter->header(), m_filter->shownRows());
}

model::Result<void> OverrideHistoryPage::exportTable(const QString &path)
{
    return writeTableFile(path, tr("Override history"), m_filter->header(), m_filter->shownRows());
}

void OverrideHistoryPage::chooseExportFile()
{
    askTableExport(
        this, tr("Export the overrides shown"), u"override-history"_s,
        [this](const QString &path) { return exportTable(path); },
        [this](const QString &path) {
            m_count->setText(
                tr("Wrote %1 rows to %2")
                    .arg(QLocale().toString(m_filter->rowCount()), QDir::toNativeSeparators(path)));
        });
}

} // namespace ui
