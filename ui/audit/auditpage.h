#pragma once
// The audit trail window (View > Audit trail): every event, newest first, with the
// state of the hash chain on top, a search box and filters, and the rows shown
// exported as CSV. The trail is read and checked off the GUI thread, through a
// connection of its own.

#include "model/audit/auditevent.h"
#include "model/error.h"

#include <QFutureWatcher>
#include <QWidget>

#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace ui {

class AuditFilterModel;
class AuditModel;
class DateRangeEdit;
struct AuditCriteria;

/// What reading the trail found.
struct AuditReading {
    std::vector<model::AuditEvent> events;
    model::AuditCheck check;
    std::optional<model::Error> error;
};

class AuditPage : public QWidget
{
    Q_OBJECT
public:
    explicit AuditPage(QWidget *parent = nullptr);
    ~AuditPage() override;

    /// Reads the trail of the database at `path` (empty: none open) in the background.
    void load(const QString &databasePath);
    bool isLoading() const;

    AuditModel *model() const { return m_model; }
    AuditFilterModel *filter() const { return m_filter; }
    /// The sentence on top: "Chain intact: N events" or what verify() found.
    QString chainStatus() const;
    /// Narrows the table (the filter widgets follow).
    void setCriteria(const AuditCriteria &criteria);
    /// The rows shown, as CSV (RFC 4180, with a header line).
    QByteArray csv() const;
    /// Writes csv() to `path`.
    model::Result<void> exportTable(const QString &path); ///< XLSX for a .xlsx path, else CSV

Q_SIGNALS:
    /// A reading ended (events shown, or the error).
    void loaded();

private:
    void createWidgets();
    void onLoaded();
    void applyFilters();
    void clearFilters();
    void showState();
    void chooseExportFile();

    QString m_databasePath;
    AuditModel *m_model;
    AuditFilterModel *m_filter;
    QFutureWatcher<AuditReading> m_watcher;
    model::AuditCheck m_check;
    QString m_error;
    bool m_reloadWanted = false; ///< load() was asked again while a reading ran

    QLabel *m_chain = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_event = nullptr;
    QComboBox *m_user = nullptr;
    DateRangeEdit *m_dates = nullptr;
    QPushButton *m_export = nullptr;
    QLabel *m_count = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace ui
