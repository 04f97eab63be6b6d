#pragma once
// The planner's workbench window: work queues on the left, the ranked and filtered
// exception table in the centre, the explained exception on the right. Owns the open
// workbench database, the undo stack of decisions and the background import.

#include "model/workbench.h"
#include "ui/shell/mainwindowactions.h"

#include <QHash>
#include <QMainWindow>

#include <memory>
#include <optional>

class QDockWidget;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTemporaryDir;
class QToolButton;
class QUndoStack;

namespace ui {

class AppSettings;
class DecisionRecorder;
class DetailPanel;
class FilterBar;
class ImportController;
class QueueList;
class QueueModel;
class QueueTableView;
class SnapshotStatus;
class TriageController;
class WeightsPanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// `settings` must outlive the window; it is read now and written on close.
    explicit MainWindow(AppSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens (creating when missing) a workbench database and shows its queue. On
    /// error the previous database stays open.
    model::Result<void> openDatabase(const QString &path);
    /// Imports a snapshot folder or .zip into the open database in the background;
    /// false when no database is open or an import is already running.
    /// importFinished() tells how it ended.
    bool importSnapshot(const QString &path);
    /// Imports the demo snapshot bundled as the Qt resource ":/demo".
    bool importBundledDemo();

    model::Workbench *workbench() const { return m_workbench.get(); }
    QueueModel *queueModel() const { return m_queueModel; }
    QUndoStack *undoStack() const { return m_undoStack; }
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
    void createMenus();
    QWidget *createCentre();
    void createStatusBar();
    void restoreLayout();
    void saveLayout();

    void reloadQueue();
    void showQueueState();
    void updateStatus();
    void rememberDatabase(const QString &path);
    void refreshRecentMenus();

    // Selection and detail.
    qint32 currentSourceRow() const;
    void selectSourceRow(qint32 sourceRow);
    void selectFirstRowOr(qint32 sourceRow);
    void showCurrentExplanation();
    void moveCurrent(int delta);
    void focusDetails();

    // Queue narrowing and what-if weights.
    void applyCriteria();
    void switchQueue(int type);
    void applyWeights();

    // Decisions.
    void decideSelected(model::Decision::Kind kind);

    // File and help menus.
    void chooseSnapshotFile();
    void chooseSnapshotFolder();
    void chooseDatabase();
    void openDatabaseReporting(const QString &path);
    void onImportSucceeded(const model::ImportSummary &summary, const QString &path);
    void onImportFailed(const model::Error &error, const QString &path);
    void showImportWarnings();
    void showWhyNot();
    void showShortcuts();
    void showError(const QString &title, const QString &message);

    AppSettings *m_settings;
    std::unique_ptr<model::Workbench> m_workbench;
    QueueModel *m_queueModel;
    QUndoStack *m_undoStack;
    DecisionRecorder *m_recorder;
    ImportController *m_importer;
    TriageController *m_triage;
    MainWindowActions m_actions;
    std::unique_ptr<QTemporaryDir> m_demoCopy; ///< the extracted demo while it imports

    QSplitter *m_splitter = nullptr;
    QueueList *m_queueList = nullptr;
    FilterBar *m_filterBar = nullptr;
    QStackedWidget *m_tableStack = nullptr;
    QLabel *m_emptyState = nullptr;
    QueueTableView *m_table = nullptr;
    DetailPanel *m_detailPanel = nullptr;
    QDockWidget *m_weightsDock = nullptr;
    WeightsPanel *m_weightsPanel = nullptr;

    SnapshotStatus *m_status = nullptr;
    /// "N warnings" in the status bar after an import that warned; opens the list.
    QToolButton *m_warningsButton = nullptr;
    QStringList m_importWarnings;
    QString m_importWarningsPath;

    /// The explanation on show, unweighted, so a what-if change re-weights it without a query.
    std::optional<model::Explanation> m_shownExplanation;
};

} // namespace ui
