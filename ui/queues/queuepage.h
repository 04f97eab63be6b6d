#pragma once
// The queue page: the work queues on the left, the ranked and filtered exception table
// in the centre, the explained exception on the right, the filter bar above them and
// the what-if weights. It keeps the selected row, its explanation and its decision in
// step; the window around it brings the database, the menus and the status bar.

#include "model/users/user.h"
#include "model/workbench.h"
#include "ui/queues/queuefilter.h"

#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTimer;
class QUndoStack;

namespace ui {

class AppSettings;
class DecisionRecorder;
class DetailPanel;
class FilterBar;
class ProposalList;
class QueueList;
class QueueModel;
class QueueTableView;
class TriageController;
class WeightsPanel;

class QueuePage : public QWidget
{
    Q_OBJECT
public:
    /// Decisions are recorded as `user` and pushed on `undoStack`, which must outlive
    /// the page.
    QueuePage(const model::User &user, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~QueuePage() override;

    /// Decisions from now on are recorded as `user`.
    void setUser(const model::User &user);

    /// The workbench the queue comes from (not owned; null when no database is open).
    /// Loads its queue.
    void setWorkbench(model::Workbench *workbench);
    model::Workbench *workbench() const { return m_workbench; }
    /// Reads the queue and the standing decisions again, keeping the selected exception
    /// when it is still there (after an import). Emits queueLoaded().
    void reload();

    QueueModel *model() const { return m_model; }
    /// The what-if weights editor; the window docks it.
    WeightsPanel *weightsPanel() const { return m_weightsPanel; }

    /// Binds the single-key triage and queue keys to the queue list, the table and the
    /// detail panel (and nowhere else, so typing in the filter never triggers them);
    /// `details` goes to the list and the table, `back` to the detail panel.
    void addKeyActions(const QList<QAction *> &keyActions, QAction *details, QAction *back);

    /// Splitter, column widths and filters as saved; without a saved splitter the page
    /// shares `width` between the list, the table and the detail panel.
    void restoreLayout(const AppSettings &settings, int width);
    void saveLayout(AppSettings &settings) const;

    /// The queue on show: -1 for all exceptions, else an engine::ExceptionType.
    int currentType() const;
    void switchQueue(int type);
    /// Approves or rejects the selected rows (or the current one) as one undo step.
    void decideSelected(model::Decision::Kind kind);
    /// Moves the current row by `delta` rows in view order, staying inside the table.
    void moveCurrent(int delta);
    /// Gives the second approval the decision on `recommendationIndex` of the exception
    /// on show awaits (the card's Second approval button), as the window's user.
    void approveSecond(int recommendationIndex);
    void focusTable();
    void focusDetails();
    void focusFilter();
    void clearFilters();
    /// All exceptions whose standing decision is of `view`, e.g. the system's approvals.
    void showDecisions(DecisionView view);
    /// Writes the rows shown, in view order, as XLSX for a .xlsx path, else as CSV.
    model::Result<void> exportTable(const QString &path);
    /// Asks where to write the queue table (CSV or XLSX), then writes it.
    void chooseTableExport();
    /// Shows the Network proposals queue (transfers scenarios' plans propose) in place
    /// of the table; choosing a queue in the list goes back to it.
    void showProposals();
    bool showsProposals() const;
    ProposalList *proposalList() const { return m_proposals; }

Q_SIGNALS:
    /// The queue was (re)loaded from the workbench.
    void queueLoaded();
    /// The rows shown changed (filters, queue, weights or a reload).
    void rowsChanged();
    /// The queue on show changed (`type` as currentType()).
    void queueSwitched(int type);
    /// What-if weights now differ from the run's policy (or no longer do).
    void whatIfChanged(bool whatIf);
    /// A passing note for the status bar; `timeoutMs` 0 keeps it until the next one.
    void statusMessage(const QString &message, int timeoutMs);
    /// Something the planner must read before going on.
    void errorOccurred(const QString &title, const QString &message);

private:
    /// Back from the proposals to the queue chosen in the list.
    void leaveProposals();
    void createWidgets();
    void showQueueState();
    void updateTally();

    qint32 currentSourceRow() const;
    void selectSourceRow(qint32 sourceRow);
    void selectFirstRowOr(qint32 sourceRow);
    void showCurrentExplanation();
    /// Shows the standing decision of the exception on show on its card, with whether
    /// the window's user may give the second approval it awaits.
    void showStandingDecision();

    void applyCriteria();
    void applyWeights();
    /// Reloads the queue when another process committed to the database since the
    /// last look (a new snapshot, a new run, decisions), keeping the selection.
    void checkForChanges();
    /// Asks for the quantity and reason of an override of a recommendation of the
    /// exception on show, and records it.
    void askOverride(int recommendationIndex);

    model::Workbench *m_workbench = nullptr;
    QTimer *m_changeTimer = nullptr;
    qint64 m_dataVersion = -1; ///< the database's data_version at the last reload
    QueueModel *m_model;
    DecisionRecorder *m_recorder;
    TriageController *m_triage;

    QSplitter *m_splitter = nullptr;
    QueueList *m_queueList = nullptr;
    FilterBar *m_filterBar = nullptr;
    QStackedWidget *m_tableStack = nullptr;
    QLabel *m_emptyState = nullptr;
    ProposalList *m_proposals = nullptr;
    QPushButton *m_proposalsButton = nullptr;
    model::User m_user;
    QueueTableView *m_table = nullptr;
    DetailPanel *m_detailPanel = nullptr;
    WeightsPanel *m_weightsPanel = nullptr;

    /// The explanation on show, unweighted, so a what-if change re-weights it without a query.
    std::optional<model::Explanation> m_shownExplanation;
};

} // namespace ui
