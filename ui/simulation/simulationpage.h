#pragma once
// The Simulation window (View > Simulation…) for supply teams: the transfer network
// with the plan's flows, saved scenarios and their editor, Run (off the GUI thread,
// cancellable), the results of every scenario run on the current snapshot side by
// side (a table with differences and a bar chart), and "Propose these transfers",
// whose transfers planners then approve or reject in the Network proposals list.

#include "model/error.h"
#include "model/simulation/networksimulation.h"
#include "model/simulation/scenariochoices.h"
#include "model/users/user.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace ui {

class NetworkView;
class ProposalList;
class ResultTabs;
class ScenarioEditor;
class ScenarioChart;

class SimulationPage : public QWidget
{
    Q_OBJECT

public:
    explicit SimulationPage(QWidget *parent = nullptr);
    ~SimulationPage() override;

    /// Shows the database at `databasePath` (empty: none open) for `user`.
    void load(const QString &databasePath, const model::User &user);
    /// From Run until its results are shown (or its failure said).
    bool isRunning() const { return m_running; }
    /// The scenario the editor holds, or an error naming what is wrong in it.
    model::Result<engine::simulation::Scenario> editedScenario() const;
    /// Puts `scenario` into the editor.
    void editScenario(const engine::simulation::Scenario &scenario);
    ScenarioEditor *editor() const { return m_editor; }
    ResultTabs *resultTabs() const { return m_tabs; }
    /// The last run's plan, once a run has finished.
    const std::optional<model::SimulationRun> &lastRun() const { return m_run; }

    void saveScenario();
    /// Asks, then deletes the scenario the editor names.
    void deleteScenario();
    void removeScenario();
    void runScenario();
    void proposeTransfers();

Q_SIGNALS:
    void runFinished();
    /// A message for the status line (saved, proposed, refused…).
    void message(const QString &text);

private:
    void createWidgets();
    void refresh();
    void onRunFinished();
    void showNetwork();
    void showLane(int lane);
    void showComparison();
    void showChart();
    void showProposals();
    void selectScenario();
    void fail(const QString &what, const model::Error &error);
    model::Result<std::unique_ptr<model::Workbench>> openForWrite() const;

    QString m_databasePath;
    model::User m_user;
    qint64 m_snapshotVersion = 0;
    QString m_currency;
    std::optional<model::SimulationRun> m_run;
    qint64 m_runScenarioId = 0;
    bool m_running = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QFutureWatcher<model::Result<model::SimulationRun>> m_watcher;
    QFutureWatcher<model::Result<model::ScenarioChoices>> m_choicesWatcher;

    QLabel *m_status = nullptr;
    QListWidget *m_scenarios = nullptr;
    QLineEdit *m_name = nullptr;
    ScenarioEditor *m_editor = nullptr;
    QPushButton *m_save = nullptr, *m_delete = nullptr, *m_runButton = nullptr;
    NetworkView *m_network = nullptr;
    QLabel *m_laneTitle = nullptr;
    QLabel *m_resultsEmpty = nullptr;
    QTableWidget *m_laneItems = nullptr;
    QTableWidget *m_comparison = nullptr;
    QComboBox *m_figure = nullptr;
    ResultTabs *m_tabs = nullptr;
    ScenarioChart *m_chart = nullptr;
    QPushButton *m_propose = nullptr;
    ProposalList *m_proposals = nullptr;
};

} // namespace ui
