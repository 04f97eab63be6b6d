#pragma once
// What the workbench remembers between sessions: window layout, column widths,
// filters, and the recently used databases and snapshots. Backed by QSettings.

#include "ui/queues/queuefilter.h"

#include <QByteArray>
#include <QSettings>
#include <QStringList>

#include <memory>

namespace ui {

class AppSettings
{
public:
    /// The application's own settings (organization and application name).
    AppSettings();
    /// Settings kept in an INI file, e.g. a temporary one in tests.
    explicit AppSettings(const QString &iniFile);
    ~AppSettings();
    AppSettings(const AppSettings &) = delete;
    AppSettings &operator=(const AppSettings &) = delete;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    /// QMainWindow::saveState(): docks and toolbars.
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray &state);
    /// QHeaderView::saveState() of the queue table: widths, order, sort column.
    QByteArray tableHeaderState() const;
    void setTableHeaderState(const QByteArray &state);

    QueueCriteria criteria() const;
    void setCriteria(const QueueCriteria &criteria);

    /// The name of the last person who signed in (never a password).
    QString lastUserName() const;
    void setLastUserName(const QString &name);

    /// Most recent first, at most kRecentCount, only paths that were opened.
    QStringList recentDatabases() const;
    void addRecentDatabase(const QString &path);
    QStringList recentSnapshots() const;
    void addRecentSnapshot(const QString &path);
    void removeRecent(const QString &path);

    /// Writes pending changes to storage.
    void sync();

    static constexpr int kRecentCount = 8;

private:
    QStringList recent(const QString &key) const;
    void addRecent(const QString &key, const QString &path);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace ui
