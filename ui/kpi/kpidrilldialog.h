#pragma once
// What is behind a point of a KPI trend or a cell of the KPI table: the exceptions,
// open order lines or decisions of that snapshot (and group) that the figure sums or
// counts, largest first, under a header that says the figure and how many rows make
// it. Read off the GUI thread through a connection of its own; sortable, and exported
// as CSV or XLSX. The window keeps one and reuses it for the next point.

#include "model/error.h"
#include "model/kpi/kpidrilldown.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace ui {

class KpiDrillModel;

/// What reading a drill-down found.
struct KpiDrillReading {
    model::KpiDrillDown drill;
    std::optional<model::Error> error;
};

class KpiDrillDialog : public QDialog
{
    Q_OBJECT
public:
    explicit KpiDrillDialog(QWidget *parent = nullptr);
    ~KpiDrillDialog() override;

    /// Reads what is behind `query` in the database at `databasePath`, in the
    /// background; loaded() once shown.
    void load(const QString &databasePath, const model::KpiDrillQuery &query);
    bool isLoading() const;

    KpiDrillModel *model() const { return m_model; }
    /// "Backorder value on 29 Nov 2026 at BR-01: USD 1,234.56 from 17 open order lines".
    QString headerText() const;
    /// The line under the table: the rows' total, or why there are none.
    QString footerText() const;
    model::Result<void> exportTable(const QString &path); ///< XLSX for a .xlsx path, else CSV

Q_SIGNALS:
    void loaded();

private:
    void onLoaded();
    void showDrillDown(const model::KpiDrillDown &drill);
    void chooseExportFile();

    QString m_databasePath;
    model::KpiDrillQuery m_query;
    bool m_reloadWanted = false;
    QFutureWatcher<KpiDrillReading> m_watcher;
    KpiDrillModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QLabel *m_header = nullptr;
    QLabel *m_footer = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_export = nullptr;
};

} // namespace ui
