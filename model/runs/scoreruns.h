#pragma once
// The score runs of the current snapshot: re-scoring it with a policy, reading the
// ranked queue of its latest run, the policy that run used, and explaining an
// exception or a SKU-location as that run scored it.

#include "engine/core/policy.h"
#include "engine/scoring/scoring.h"
#include "model/error.h"
#include "model/runs/explanation.h"
#include "model/runs/queue.h"
#include "model/runs/scoreruninfo.h"
#include "model/snapshots/snapshotinfo.h"

#include <QString>

#include <memory>
#include <optional>
#include <utility>

namespace model {

class DecisionStore;
class SnapshotCatalog;
class Store;

/// Scoring, queues and explanations (Workbench::runs()).
class ScoreRuns
{
public:
    ScoreRuns(Store &store, SnapshotCatalog &snapshots)
        : m_store(store)
        , m_snapshots(snapshots)
    { }
    ScoreRuns(const ScoreRuns &) = delete;
    ScoreRuns &operator=(const ScoreRuns &) = delete;

    /// Where the system approves what the policy's auto_approve rules name, right after
    /// each run is written (Workbench sets it; without it nothing is approved).
    void setAutoApproval(DecisionStore *decisions) { m_decisions = decisions; }

    /// Re-scores the current snapshot with `policy` as a new run. The run is saved
    /// only if that snapshot is still the current one when it is written: when an
    /// import committed a newer version while this one was being scored, nothing is
    /// saved and the error (code Busy) says to score again.
    ///
    /// Items whose plan input is the same as in the last run reuse its plans
    /// (planmemostore.h); with `replanAll` every item is solved again (the result is
    /// the same; the benchmark and a doubt about the stored plans are what it is for).
    Result<ScoreRunInfo> rescore(const engine::Policy &policy,
        const engine::Progress &progress = {}, bool replanAll = false);

    /// The whole current snapshot as the next run would score it: with the approved
    /// actions it does not show yet counted as supply (PlannedActions), nothing closed.
    Result<std::pair<SnapshotInfo, std::shared_ptr<const engine::Snapshot>>> currentWithPlanned();

    /// The current snapshot and the rows of item `itemId` in it, as the ERP gave them
    /// (no planned supply).
    Result<std::pair<SnapshotInfo, engine::Snapshot>> currentItemRows(const QString &itemId);

    /// The current snapshot and its latest run, or a BadInput error saying what is missing.
    Result<std::pair<SnapshotInfo, ScoreRunInfo>> currentRun();

    /// The policy the latest run of the current snapshot was scored with (its
    /// weights are the baseline of a what-if); a BadInput error when nothing is scored.
    Result<engine::Policy> runPolicy();

    /// The ranked queue of the latest run of the current snapshot (empty when none).
    Result<Queue> queue();

    /// Explains one exception of the latest run.
    Result<Explanation> explainException(const QString &exceptionId);
    /// Explains one SKU-location of the current snapshot, exception or not.
    Result<Explanation> explainItemLocation(const QString &itemId, const QString &locationId);

private:
    /// Loads one item's rows and analyses one of its SKU-locations with `policy`;
    /// ranks come from `run` when given.
    Result<Explanation> analyse(const SnapshotInfo &snapshot,
        const std::optional<ScoreRunInfo> &run, const engine::Policy &policy, const QString &itemId,
        const QString &locationId);

    Store &m_store;
    SnapshotCatalog &m_snapshots;
    DecisionStore *m_decisions = nullptr;
};

} // namespace model
