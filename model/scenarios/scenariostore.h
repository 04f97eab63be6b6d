#pragma once
// Scenarios of the network simulation saved in the database by name, with their
// author, their last results on each snapshot they ran on, and the transfers their
// plans proposed to the planners. Running a scenario is model::simulateCurrent()
// (slow: a window calls it off its thread); this service stores what came of it.
// Saving, deleting and proposing are audit events. All SQL on the scenario tables
// lives here.

#include "engine/simulation/scenario.h"
#include "model/error.h"
#include "model/scenarios/proposal.h"
#include "model/simulation/resultbreakdown.h"
#include "model/users/user.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace model {

class ScoreRuns;
class Store;
class UserStore;
struct SimulationRun;

/// The results of a saved scenario on one snapshot version.
struct ScenarioResults {
    qint64 snapshotVersion = 0;
    QString runAt; ///< ISO 8601 UTC
    /// False when the scenario was edited after this run.
    bool matchesScenario = true;
    /// {"snapshot_id", "as_of", "base": totals, "with_scenario": totals, "difference":
    /// totals} with the keys of `pwb simulate --format json`'s totals.
    QJsonObject results;
};

/// A scenario saved by name.
struct SavedScenario {
    qint64 id = 0;
    QString name;
    engine::simulation::Scenario scenario; ///< its name is `name`
    QString author, createdAt;
    QString updatedBy, updatedAt;
    std::vector<ScenarioResults> results; ///< newest snapshot first
    /// The results on `version`, or nullptr.
    const ScenarioResults *resultsOn(qint64 version) const;
};

/// Saved scenarios and network proposals (Workbench::scenarios()).
class ScenarioStore
{
public:
    ScenarioStore(Store &store, ScoreRuns &runs, UserStore &users)
        : m_store(store)
        , m_runs(runs)
        , m_users(users)
    { }
    ScenarioStore(const ScenarioStore &) = delete;
    ScenarioStore &operator=(const ScenarioStore &) = delete;

    /// Saves `scenario` as `name` (its own name is replaced by it): a new scenario, or
    /// a new version of the one of that name (case does not matter), whose earlier
    /// results are kept but marked as of the old version. An empty name is refused.
    Result<SavedScenario> save(
        const QString &name, engine::simulation::Scenario scenario, const User &author);
    /// Every saved scenario, by name, with its results.
    Result<std::vector<SavedScenario>> list();
    /// The scenario named `name`; BadInput naming it when there is none.
    Result<SavedScenario> find(const QString &name);
    /// Deletes a scenario and its results (its proposals stay, with the scenario as it
    /// was proposed).
    Result<void> remove(const QString &name, const User &user);

    /// Keeps `run`'s totals (base, with the scenario, difference) as scenario `id`'s
    /// results on the snapshot version it ran on, replacing earlier ones there, and
    /// beside them its figures per location, item and lane (breakdown()).
    Result<ScenarioResults> recordResults(qint64 id, const SimulationRun &run);
    /// The figures per location, item and lane of scenario `id`'s run on snapshot
    /// `version`; nullopt when it has not run there (or ran before they were kept).
    Result<std::optional<ScenarioBreakdown>> breakdown(qint64 id, qint64 version);

    /// Turns the plan of `run` (a run of saved scenario `id`, on the current snapshot)
    /// into proposed transfers for the planners, one per item, route and ship day,
    /// in whole units. Transfers over lanes that only the scenario has (a new lane)
    /// are left out: they cannot be shipped. Supersedes the scenario's earlier
    /// proposals. Refused (Busy) when another snapshot is current by now, and
    /// (BadInput) when the plan moves nothing.
    Result<Proposal> propose(qint64 id, const SimulationRun &run, const User &author);
    /// Proposals, newest first: with `openOnly`, only those whose transfers can still
    /// be decided.
    Result<std::vector<Proposal>> proposals(bool openOnly);
    /// One proposal; BadInput when there is none.
    Result<Proposal> proposal(qint64 id);

    /// The totals of a simulation result, with the keys `pwb simulate` prints them with.
    static QJsonObject resultsJson(const SimulationRun &run);

private:
    Result<std::vector<SavedScenario>> select(const QString &name);
    Result<std::vector<Proposal>> selectProposals(qint64 id, bool openOnly);

    Store &m_store;
    ScoreRuns &m_runs;
    UserStore &m_users;
};

} // namespace model
