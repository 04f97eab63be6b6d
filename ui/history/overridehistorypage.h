#pragma once
// The override history window (View > Override history, for managers): every
// override and rejection with what became of the exception on later snapshots, the
// override rates per week, type and planner as charts, the drift warning on top,
// filters and CSV export. Read off the GUI thread through a connection of its own.

#include "model/history/overridehistory.h"
#include "model/users/user.h"

#include <QFutureWatcher>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace ui {

class DateRangeEdit;
class OverrideHistoryFilter;
class OverrideHistoryModel;
class RateBarChart;
class RateTrendChart;
struct HistoryCriteria;

/// What reading the history found.
struct HistoryReading {
    model::OverrideHistoryData data;
    std::optional<model::Error> error;
};

class OverrideHistoryPage : public QWidget
{
    Q_OBJECT
public:
    /// The least role that may read the override history.
    static constexpr engine::Role kRole = engine::Role::Manager;

    explicit OverrideHistoryPage(QWidget *parent = nullptr);
    ~OverrideHistoryPage() override;

    /// Reads the history of the database at `databasePath` (empty: none open) in the
    /// background, for `user`: shown to a manager or admin only.
    void load(const QString &databasePath, const model::User &user);
    bool isLoading() const;

    OverrideHistoryModel *model() const { return m_model; }
    OverrideHistoryFilter *filter() const { return m_filter; }
    RateTrendChart *trendChart() const { return m_trend; }
    RateBarChart *plannerChart() const { return m_planners; }
    /// The banner on top: the drift warnings, or that there is none.
    QString driftText() const;
    /// The override rates of the decisions the filters keep, in one paragraph.
    QString summaryText() const;
    void setCriteria(const HistoryCriteria &criteria);
    /// The rows shown, as CSV (RFC 4180, with a header line).
    QByteArray csv() const;
    model::Result<void> exportTable(const QString &path); ///< XLSX for a .xlsx path, else CSV

Q_SIGNALS:
    void loaded();

private:
    void createWidgets();
    QWidget *createFilters();
    void onLoaded();
    void applyFilters();
    void showRates();
    void showState();
    void chooseExportFile();

    QString m_databasePath;
    model::User m_user;
    OverrideHistoryModel *m_model;
    OverrideHistoryFilter *m_filter;
    QFutureWatcher<HistoryReading> m_watcher;
    model::OverrideHistoryData m_data; ///< its records moved into the model
    QString m_error;
    bool m_reloadWanted = false;

    QLabel *m_drift = nullptr;
    QComboBox *m_planner = nullptr;
    QComboBox *m_type = nullptr;
    QComboBox *m_reason = nullptr;
    QComboBox *m_trendBy = nullptr; ///< the weekly trend per exception type or per top factor
    DateRangeEdit *m_dates = nullptr;
    QPushButton *m_export = nullptr;
    QLabel *m_summary = nullptr;
    RateTrendChart *m_trend = nullptr;
    RateBarChart *m_planners = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
};

} // namespace ui
