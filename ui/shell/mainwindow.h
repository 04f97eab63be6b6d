#pragma once
// The planner's workbench window: the shell around the queue page, with the menus,
// toolbar, status bar, the what-if weights dock, the saved layout and the background
// import. It holds the open workbench database (opened by the application, or through
// the opener it was given when the planner picks another) and the undo stack of
// decisions.

#include "model/users/user.h"
#include "model/workbench.h"
#include "ui/shell/mainwindowactions.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>

class QDockWidget;
class QTemporaryDir;
class QToolButton;
class QUndoStack;

namespace ui {

class AppSettings;
class AuditPage;
class ImportController;
class OverrideHistoryPage;
class QueueModel;
class QueuePage;
class SnapshotStatus;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// Opens (creating when missing) the workbench database at a path.
    using DatabaseOpener
        = std::function<model::Result<std::unique_ptr<model::Workbench>>(const QString &path)>;

    /// `settings` must outlive the window; it is read now and written on close.
    /// Decisions are recorded as `user`; `openDatabase` opens the databases the planner
    /// picks from the File menu. No database is open until setWorkbench().
    MainWindow(AppSettings *settings, const model::User &user, DatabaseOpener openDatabase,
        QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Decisions from now on are recorded as `user` (after the sign-in at start; tests
    /// and the screenshot tool pass theirs to the constructor and never sign in).
    void setUser(const model::User &user);
    /// Shows the queue of `workbench`, an open database, in place of the one open now.
    /// Refused while an import runs (the workbench is then dropped).
    model::Result<void> setWorkbench(std::unique_ptr<model::Workbench> workbench);
    /// Opens a database through the opener and shows its queue. On error the previous
    /// database stays open.
    model::Result<void> openDatabase(const QString &path);
    /// Imports a snapshot folder or .zip into the open database in the background;
    /// false when no database is open or an import is already running.
    /// importFinished() tells how it ended.
    bool importSnapshot(const QString &path);
    /// Imports the demo snapshot bundled as the Qt resource ":/demo".
    bool importBundledDemo();
    /// Help > About: the version, the scoring version and the commit of the build (the
    /// application's "buildCommit" property, set by main()).
    static QString aboutText();

    model::Workbench *workbench() const { return m_workbench.get(); }
    QueuePage *queuePage() const { return m_page; }
    QueueModel *queueModel() const;
    QUndoStack *undoStack() const { return m_undoStack; }
    /// The audit trail and override history windows (View menu), once opened.
    AuditPage *auditPage() const;
    OverrideHistoryPage *overrideHistoryPage() const;
    /// Opens (or raises) the audit trail window and reads the trail.
    void showAuditTrail();
    /// Opens (or raises) the override history window; only for a manager or admin.
    void showOverrideHistory();
    /// Opens (or raises) the KPI window and reads the KPIs.
    void showKpis();
    /// Opens (or raises) the Simulation window on the open database.
    void showSimulation();
    /// True while an import runs.
    bool isImporting() const;

Q_SIGNALS:
    /// An import ended: imported, refused (the error dialog is open) or cancelled.
    void importFinished(bool imported);
    /// The queue was (re)loaded from the database.
    void queueLoaded();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void connectActions();
    void connectPage();
    void createMenus();
    void createWeightsDock();
    void createStatusBar();
    void restoreLayout();
    void saveLayout();

    void updateStatus();
    void rememberDatabase(const QString &path);
    void refreshRecentMenus();

    // File and help menus.
    void chooseSnapshotFile();
    void chooseSnapshotFolder();
    void chooseDatabase();
    void openDatabaseReporting(const QString &path);
    void onImportSucceeded(const model::ImportSummary &summary, const QString &path);
    void onImportFailed(const model::Error &error, const QString &path);
    void showImportWarnings();
    void showWhyNot();
    void showExport();
    void showShortcuts();
    void showAbout();
    /// Enables what the user's role allows (the override history needs a manager).
    void updateRoleActions();
    void showError(const QString &title, const QString &message);

    AppSettings *m_settings;
    DatabaseOpener m_openDatabase;
    model::User m_user; ///< who is signed in (exports, the manager windows)
    std::unique_ptr<model::Workbench> m_workbench;
    QUndoStack *m_undoStack;
    ImportController *m_importer;
    MainWindowActions m_actions;
    QueuePage *m_page;
    std::unique_ptr<QTemporaryDir> m_demoCopy; ///< the extracted demo while it imports

    QDockWidget *m_weightsDock = nullptr;
    SnapshotStatus *m_status = nullptr;
    /// "N warnings" in the status bar after an import that warned; opens the list.
    QToolButton *m_warningsButton = nullptr;
    QStringList m_importWarnings;
    QString m_importWarningsPath;

    QPointer<AuditPage> m_auditPage;
    QPointer<OverrideHistoryPage> m_historyPage;
};

} // namespace ui
