#pragma once
// The Simulation window's results beyond the totals: By location, By item and Lanes
// tabs, each a sortable table of the base plan and every scenario run on the current
// snapshot side by side, with each scenario's change from the base, one figure at a
// time (a picker above the table), exportable as CSV or XLSX. By item has a search
// box: a snapshot can have thousands of planned items.

#include "model/scenarios/scenariostore.h"

#include <QTabWidget>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace ui {

class ComparisonModel;

class ResultTabs : public QTabWidget
{
    Q_OBJECT

public:
    /// The three tables, in tab order after the totals.
    enum Table { Locations, Items, Lanes, TableCount };

    explicit ResultTabs(QWidget *parent = nullptr);

    /// One scenario's breakdown on the current snapshot, under the name its column has.
    struct Run {
        QString name;
        model::ScenarioBreakdown breakdown;
    };
    /// Shows `runs` beside the base plan of the first of them (none: empty tables).
    void setRuns(const std::vector<Run> &runs, const QString &currency);

    ComparisonModel *model(Table table) const;
    QSortFilterProxyModel *proxy(Table table) const;
    QTableView *view(Table table) const;
    /// Writes table `table` as shown (filtered and sorted) to `path` (CSV or XLSX).
    model::Result<void> exportTable(Table table, const QString &path) const;

Q_SIGNALS:
    void message(const QString &text);

private:
    struct Pane {
        ComparisonModel *model = nullptr;
        QSortFilterProxyModel *proxy = nullptr;
        QTableView *view = nullptr;
        QComboBox *figure = nullptr;
        QLineEdit *search = nullptr;
        QLabel *count = nullptr;
    };
    void addPane(Table table, const QString &title, const QString &name, bool searchable);
    void chooseExportFile(Table table);
    void showCount(Table table);

    Pane m_panes[TableCount];
};

} // namespace ui
