#pragma once
// The KPI window (View > KPIs…): per snapshot date, the trend of exposure and can save,
// of the fill rate proxy against its target, of stockouts, inventory turns and the
// transfer cycle's medians, and a table of every KPI, overall or
// by location, ABC class, customer tier or planner, with CSV export. A click on a point
// of a trend, or Enter or a double-click on a cell of the table, opens what is behind
// that figure (KpiDrillDialog). Read off the GUI thread through a connection of its
// own. Formulas: docs/kpis.md.

#include "model/error.h"
#include "model/kpi/kpifigures.h"
#include "report/reportdata.h"

#include <QFutureWatcher>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace ui {

class DateRangeEdit;
class KpiDrillDialog;
class KpiTableModel;
class KpiTrendChart;

/// What reading the KPIs found.
struct KpiReading {
    model::KpiReport report;
    std::vector<report::TopExposure> top; ///< the largest exposures of the latest run
    report::OverrideSummary overrides; ///< override rates and drift in the dates read
    std::optional<model::Error> error;
};

class KpiPage : public QWidget
{
    Q_OBJECT
public:
    explicit KpiPage(QWidget *parent = nullptr);
    ~KpiPage() override;

    /// Reads the KPIs of the database at `databasePath` (empty: none open) in the
    /// background, with the window's grouping and dates.
    void load(const QString &databasePath);
    bool isLoading() const;

    KpiTableModel *model() const { return m_model; }
    KpiTrendChart *moneyChart() const { return m_money; }
    KpiTrendChart *fillRateChart() const { return m_fill; }
    KpiTrendChart *stockoutChart() const { return m_stockouts; }
    KpiTrendChart *turnsChart() const { return m_turns; }
    KpiTrendChart *transferChart() const { return m_transfers; }
    QTableView *table() const { return m_table; }
    /// The drill-down window, once a figure was opened (else null).
    KpiDrillDialog *drillDialog() const { return m_drill; }
    /// Opens (or reuses) the drill-down window on what is behind `query`.
    void showDrillDown(const model::KpiDrillQuery &query);
    const model::KpiReport &report() const { return m_report; }
    /// The largest exposures of the latest run, as the report lists them.
    const std::vector<report::TopExposure> &topExposures() const { return m_top; }
    /// The line above the charts: what they show, or why there is no trend.
    QString messageText() const;
    /// Cuts the table by `by` and reads again.
    void setGrouping(model::KpiDimension by);
    /// The table as CSV (RFC 4180, a header line, raw numbers).
    QByteArray csv() const;
    model::Result<void> exportTable(const QString &path); ///< XLSX for a .xlsx path, else CSV
    /// Writes the KPI report (PDF) of what the window shows; returns its page count.
    model::Result<int> exportReport(const QString &path);
    /// Asks where to write the KPI report, then writes it (once the KPIs are read).
    void chooseReportFile();

Q_SIGNALS:
    void loaded();

private:
    void createWidgets();
    void reload();
    void onLoaded();
    void showCharts();
    void chooseExportFile();
    void writeReportTo(const QString &path);
    void drillIntoChart(KpiTrendChart *chart, int line, const QDate &date);
    void drillIntoCell(const QModelIndex &index);

    QString m_databasePath;
    KpiTableModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QFutureWatcher<KpiReading> m_watcher;
    model::KpiReport m_report;
    QString m_error;
    bool m_reloadWanted = false;

    QComboBox *m_by = nullptr;
    DateRangeEdit *m_dates = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_reportButton = nullptr;
    std::vector<report::TopExposure> m_top;
    report::OverrideSummary m_overrides;
    QLabel *m_message = nullptr;
    KpiTrendChart *m_money = nullptr;
    KpiTrendChart *m_fill = nullptr;
    KpiTrendChart *m_stockouts = nullptr;
    KpiTrendChart *m_turns = nullptr;
    KpiTrendChart *m_transfers = nullptr;
    QTableView *m_table = nullptr;
    KpiDrillDialog *m_drill = nullptr;
};

} // namespace ui
