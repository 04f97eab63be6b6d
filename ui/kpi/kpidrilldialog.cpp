#include "ui/kpi/kpidrilldialog.h"

#include "model/workbench.h"
#include "ui/common/csvtable.h"
#include "ui/common/format.h"
#include "ui/kpi/kpidrillmodel.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

KpiDrillReading readDrillDown(const QString &path, const model::KpiDrillQuery &query)
{
    KpiDrillReading reading;
    reading.drill.query = query;
    auto workbench = model::Workbench::openAs(path, model::OpenMode::ReadOnly);
    if (!workbench) {
        reading.error = workbench.error();
        return reading;
    }
    auto drill = (*workbench)->kpis().drillDown(query);
    if (!drill)
        reading.error = drill.error();
    else
        reading.drill = std::move(*drill);
    return reading;
}

QString groupPhrase(const model::KpiDrillQuery &query)
{
    if (query.key.isEmpty())
        return {};
    switch (query.by) {
    case model::KpiDimension::Location:
        return KpiDrillDialog::tr(" at %1").arg(query.key);
    case model::KpiDimension::Abc:
        return KpiDrillDialog::tr(" for ABC class %1").arg(query.key);
    case model::KpiDimension::Tier:
        return KpiDrillDialog::tr(" for customer tier %1").arg(query.key);
    case model::KpiDimension::Planner:
        return KpiDrillDialog::tr(" by %1").arg(query.key);
    case model::KpiDimension::None:
        break;
    }
    return {};
}

/// "1 exception", "47 exceptions": the source text is English, without a translator.
QString countOf(qint64 n, const QString &one, const QString &many)
{
    return n == 1 ? one : many.arg(QLocale().toString(n));
}

QString rowsPhrase(const model::KpiDrillDown &d)
{
    const qint64 n = d.rowCount();
    switch (d.basis) {
    case model::KpiBasis::Exceptions:
        return countOf(n, KpiDrillDialog::tr("1 exception"), KpiDrillDialog::tr("%1 exceptions"));
    case model::KpiBasis::OrderLines:
        return countOf(
            n, KpiDrillDialog::tr("1 open order line"), KpiDrillDialog::tr("%1 open order lines"));
    case model::KpiBasis::SkuLocations:
        return countOf(n, KpiDrillDialog::tr("1 SKU-location out of stock"),
            KpiDrillDialog::tr("%1 SKU-locations out of stock"));
    case model::KpiBasis::Stock:
        return countOf(n, KpiDrillDialog::tr("1 SKU-location with stock or demand"),
            KpiDrillDialog::tr("%1 SKU-locations with stock or demand"));
    case model::KpiBasis::Decisions:
        break;
    }
    if (model::isTransferCycle(d.query.measure))
        return countOf(n, KpiDrillDialog::tr("1 approved transfer"),
            KpiDrillDialog::tr("%1 approved transfers"));
    return countOf(n, KpiDrillDialog::tr("1 decision"), KpiDrillDialog::tr("%1 decisions"));
}

QString figureText(const model::KpiDrillDown &d)
{
    const auto value = d.value();
    if (!value)
        return u"—"_s;
    const QLocale locale;
    switch (d.query.measure) {
    case model::KpiMeasure::Exposure:
    case model::KpiMeasure::CanSave:
    case model::KpiMeasure::BackorderValue:
    case model::KpiMeasure::ExcessStock:
    case model::KpiMeasure::CanSaveTaken:
    case model::KpiMeasure::CanSaveLeft:
        return formatMoney(*value, d.snapshot.currency, 2);
    case model::KpiMeasure::FillRate:
    case model::KpiMeasure::Tier1FillRate:
        return formatPercent(*value);
    case model::KpiMeasure::PerPlannerDay:
        return locale.toString(*value, 'f', 1);
    case model::KpiMeasure::InventoryTurns:
        return KpiDrillDialog::tr("%1 a year").arg(locale.toString(*value, 'f', 2));
    case model::KpiMeasure::TouchHours:
    case model::KpiMeasure::TransferExportHours:
    case model::KpiMeasure::TransferAckHours:
    case model::KpiMeasure::TransferReceivedHours:
        return KpiDrillDialog::tr("%1 h").arg(locale.toString(*value, 'f', 1));
    default:
        return locale.toString(qint64(*value));
    }
}

} // namespace

KpiDrillDialog::KpiDrillDialog(QWidget *parent)
    : QDialog(parent)
    , m_model(new KpiDrillModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
{
    setObjectName(u"kpiDrillDialog"_s);
    setWindowTitle(tr("Behind the figure — Planner Workbench"));
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(Qt::UserRole);

    m_header = new QLabel(this);
    m_header->setObjectName(u"kpiDrillHeader"_s);
    m_header->setTextFormat(Qt::PlainText);
    m_header->setWordWrap(true);
    QFont bigger = m_header->font();
    bigger.setBold(true);
    bigger.setPointSizeF(bigger.pointSizeF() * 1.15);
    m_header->setFont(bigger);

    m_table = new QTableView(this);
    m_table->setObjectName(u"kpiDrillTable"_s);
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // largest share first, as read
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setResizeContentsPrecision(100);

    m_footer = new QLabel(this);
    m_footer->setObjectName(u"kpiDrillFooter"_s);
    m_footer->setTextFormat(Qt::PlainText);
    m_footer->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export = buttons->addButton(tr("Export table…"), QDialogButtonBox::ActionRole);
    m_export->setObjectName(u"kpiDrillExport"_s);
    m_export->setToolTip(tr("Write these rows to a CSV or XLSX file"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_export, &QPushButton::clicked, this, &KpiDrillDialog::chooseExportFile);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_footer);
    layout->addWidget(buttons);
    resize(980, 520);
    connect(
        &m_watcher, &QFutureWatcher<KpiDrillReading>::finished, this, &KpiDrillDialog::onLoaded);
}

KpiDrillDialog::~KpiDrillDialog()
{
    m_watcher.waitForFinished();
}

void KpiDrillDialog::load(const QString &databasePath, const model::KpiDrillQuery &query)
{
    m_databasePath = databasePath;
    m_query = query;
    if (m_watcher.isRunning()) {
        m_reloadWanted = true; // the point clicked last wins
        return;
    }
    m_header->setText(
        tr("Reading %1 on %2…").arg(model::measureTitle(query.measure), formatDate(query.date)));
    m_footer->clear();
    m_export->setEnabled(false);
    m_watcher.setFuture(QtConcurrent::run(readDrillDown, databasePath, query));
}

bool KpiDrillDialog::isLoading() const
{
    return m_watcher.isRunning();
}

void KpiDrillDialog::onLoaded()
{
    if (m_reloadWanted) {
        m_reloadWanted = false;
        load(m_databasePath, m_query);
        return;
    }
    const KpiDrillReading reading = m_watcher.result();
    if (reading.error) {
        m_model->setDrillDown({});
        m_header->setText(tr("Cannot show what is behind %1 on %2")
                              .arg(model::measureTitle(m_query.measure), formatDate(m_query.date)));
        m_footer->setText(reading.error->message);
        m_export->setEnabled(false);
    } else {
        showDrillDown(reading.drill);
    }
    Q_EMIT loaded();
}

void KpiDrillDialog::showDrillDown(const model::KpiDrillDown &d)
{
    m_model->setDrillDown(d);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_sorted->invalidate();
    const QString head = tr("%1 on %2%3: %4")
                             .arg(model::measureTitle(d.query.measure), formatDate(d.snapshot.asOf),
                                 groupPhrase(d.query), figureText(d));
    const model::KpiFigures &f = d.figures;
    const QLocale locale;
    QString text;
    switch (d.query.measure) {
    case model::KpiMeasure::FillRate:
        text = tr("%1 — %2 of %3 open order lines are at a short item-location")
                   .arg(head, locale.toString(qint64(d.rowCount())), locale.toString(f.openLines));
        break;
    case model::KpiMeasure::Tier1FillRate:
        text = tr("%1 — %2 of %3 tier-1 order lines are at a short item-location")
                   .arg(head, locale.toString(qint64(d.rowCount())), locale.toString(f.tier1Lines));
        break;
    case model::KpiMeasure::BackorderLines:
        text = tr("%1 past due").arg(head);
        break;
    case model::KpiMeasure::Exceptions:
        text = tr("%1 in the snapshot's latest run").arg(head);
        break;
    case model::KpiMeasure::Approved:
    case model::KpiMeasure::Overridden:
    case model::KpiMeasure::Rejected:
        text = tr("%1 of %2").arg(head, countOf(f.decisions, tr("1 decision"), tr("%1 decisions")));
        break;
    case model::KpiMeasure::PerPlannerDay:
        text = tr("%1 — %2 over %3")
                   .arg(head, rowsPhrase(d),
                       countOf(f.plannerDays, tr("1 planner-day"), tr("%1 planner-days")));
        break;
    case model::KpiMeasure::TouchHours:
        text = tr("%1 over %2").arg(head, rowsPhrase(d));
        break;
    case model::KpiMeasure::TransferExportHours:
    case model::KpiMeasure::TransferAckHours:
    case model::KpiMeasure::TransferReceivedHours: {
        // The median is over the transfers whose leg has ended; the rest are open.
        const auto ended = std::count_if(
            d.decisions.begin(), d.decisions.end(), [&](const model::KpiDecisionRow &r) {
                const std::optional<double> &leg
                    = d.query.measure == model::KpiMeasure::TransferExportHours ? r.exportHours
                    : d.query.measure == model::KpiMeasure::TransferAckHours    ? r.ackHours
                                                                                : r.receivedHours;
                return leg.has_value();
            });
        text = tr("%1 over %2 of %3 (%4 still open)")
                   .arg(head, QLocale().toString(qint64(ended)), rowsPhrase(d),
                       QLocale().toString(qint64(d.rowCount() - ended)));
        break;
    }
    case model::KpiMeasure::Decisions:
        text = tr("%1 standing").arg(head);
        break;
    case model::KpiMeasure::InventoryTurns:
        text = tr("%1 — a year of forecast demand at cost over the stock on hand at cost, "
                  "from %2")
                   .arg(head, rowsPhrase(d));
        break;
    default:
        text = tr("%1 from %2").arg(head, rowsPhrase(d));
        break;
    }
    m_header->setText(text);

    QString footer;
    if (d.rowCount() == 0) {
        footer = d.basis == model::KpiBasis::Exceptions ? tr("Nothing is behind this point: no "
                                                             "exception of that run counts here.")
            : d.basis == model::KpiBasis::OrderLines
            ? tr("Nothing is behind this point: no open order line counts here.")
            : d.basis == model::KpiBasis::SkuLocations
            ? tr("Nothing is behind this point: no SKU-location was out of stock that night.")
            : d.basis == model::KpiBasis::Stock
            ? tr("Nothing is behind this point: no SKU-location has stock or demand here.")
            : tr("Nothing is behind this point: no standing decision on that snapshot counts "
                 "here.");
    } else if (model::isMoney(d.query.measure)) {
        footer = tr("Total of the %1: %2. Snapshot %3.")
                     .arg(rowsPhrase(d), formatMoney(d.total(), d.snapshot.currency, 2),
                         d.snapshot.snapshotId);
    } else if (d.basis == model::KpiBasis::Stock) {
        footer = tr("Annual cost of goods %1 ÷ stock at cost %2 = %3 turns. Snapshot %4.")
                     .arg(formatMoney(d.annualCogs(), d.snapshot.currency, 2),
                         formatMoney(d.stockAtCost(), d.snapshot.currency, 2),
                         d.value() ? locale.toString(*d.value(), 'f', 2) : u"—"_s,
                         d.snapshot.snapshotId);
    } else if (d.basis == model::KpiBasis::OrderLines) {
        double value = 0;
        for (const model::KpiOrderLineRow &l : d.orderLines)
            value += l.value;
        footer = tr("Open value of these lines: %1. Snapshot %2.")
                     .arg(formatMoney(value, d.snapshot.currency, 2), d.snapshot.snapshotId);
    } else {
        footer = tr("%1 listed. Snapshot %2.").arg(rowsPhrase(d), d.snapshot.snapshotId);
    }
    m_footer->setText(footer);
    m_export->setEnabled(d.rowCount() > 0);
    m_table->setVisible(d.rowCount() > 0);
    // Wide enough for every column when the screen allows it.
    const int wanted = m_table->horizontalHeader()->length() + 2 * m_table->frameWidth()
        + m_table->verticalScrollBar()->sizeHint().width() + layout()->contentsMargins().left()
        + layout()->contentsMargins().right();
    const int room = screen() ? screen()->availableGeometry().width() * 9 / 10 : wanted;
    if (d.rowCount() > 0 && width() < std::min(wanted, room))
        resize(std::min(wanted, room), height());
}

QString KpiDrillDialog::headerText() const
{
    return m_header->text();
}

QString KpiDrillDialog::footerText() const
{
    return m_footer->text();
}

model::Result<void> KpiDrillDialog::exportTable(const QString &path)
{
    return writeTableFile(path, model::measureTitle(m_model->drillDown().query.measure),
        m_model->header(), m_model->rawRows());
}

void KpiDrillDialog::chooseExportFile()
{
    const model::KpiDrillDown &d = m_model->drillDown();
    const QString base = u"kpi-"_s + model::measureName(d.query.measure).replace(u'_', u'-');
    askTableExport(
        this, tr("Export the rows behind the figure"), base,
        [this](const QString &path) { return exportTable(path); },
        [this](const QString &path) {
            m_footer->setText(
                tr("Wrote %1 rows to %2")
                    .arg(QString::number(m_model->rowCount()), QDir::toNativeSeparators(path)));
        });
}

} // namespace ui
