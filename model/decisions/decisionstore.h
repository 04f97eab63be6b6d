#pragma once
// The audit trail of planners' decisions: every approval and rejection of a
// recommendation of the latest run, appended, and taken back by marking it undone
// (never by deleting it). All SQL on the decisions table lives here.

#include "model/decisions/decision.h"
#include "model/error.h"

#include <QString>

#include <vector>

namespace model {

class ScoreRuns;
class SnapshotCatalog;
class Store;

/// Planners' decisions (Workbench::decisions()).
class DecisionStore
{
public:
    DecisionStore(Store &store, SnapshotCatalog &snapshots, ScoreRuns &runs)
        : m_store(store)
        , m_snapshots(snapshots)
        , m_runs(runs)
    { }
    DecisionStore(const DecisionStore &) = delete;
    DecisionStore &operator=(const DecisionStore &) = delete;

    /// Records a decision on a recommendation of an exception of the latest run.
    Result<Decision> record(const QString &exceptionId, int recommendationIndex,
        Decision::Kind kind, const QString &user, const QString &comment = {});
    /// Takes back a decision (kept in the audit trail as undone).
    Result<void> undo(qint64 decisionId);
    /// The latest standing decision per exception of the latest run (empty when
    /// nothing is scored).
    Result<std::vector<Decision>> standing();

    /// The latest standing decision per exception of run `runId`, oldest first: what
    /// the run's queue shows beside each exception.
    static Result<std::vector<Decision>> standingOf(Store &store, qint64 runId);

private:
    Store &m_store;
    SnapshotCatalog &m_snapshots;
    ScoreRuns &m_runs;
};

} // namespace model
