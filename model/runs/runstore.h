#pragma once
// Score runs in the store: writing a ranked result as a run (its queue as one packed
// image, model/runs/queueimage.h) and reading a run back as a column-wise Queue.
// Internal to model/; writes run inside the caller's transaction.

#include "engine/core/policy.h"
#include "engine/core/snapshot.h"
#include "engine/scoring/scoringoutput.h"
#include "model/decisions/decision.h"
#include "model/error.h"
#include "model/runs/queue.h"
#include "model/runs/scoreruninfo.h"
#include "model/snapshots/snapshotinfo.h"

#include <QString>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace model {

/// One exception of a stored run, found by its id.
struct RunException {
    int rank = 0;
    QString itemId, locationId;
    double score = 0; ///< the exposure in that run
    int topFactor = -1; ///< engine::FactorKind of its largest factor, -1 when none
    double canSave = 0; ///< what acting as recommended saves (0 in a run before it was kept)
    int worstTier = 0; ///< of the customers it hits, 0 when none
    char abcClass = 0; ///< 'A', 'B', 'C' or 0
};

class RunStore
{
public:
    explicit RunStore(sqlite3 *db)
        : m_db(db)
    { }

    /// Stores `result` (ranked) as a new run of `snapshotVersion`. `snapshot` is the
    /// one that was scored: it names the items, locations and suppliers.
    Result<ScoreRunInfo> write(qint64 snapshotVersion, const engine::Snapshot &snapshot,
        const engine::Policy &policy, const engine::RankedQueue &result, const QString &createdAt);

    /// The most recent run of a snapshot version, if it was ever scored.
    Result<std::optional<ScoreRunInfo>> latestRun(qint64 snapshotVersion);

    /// The policy a run was scored with, read back from its stored JSON.
    Result<engine::Policy> policyOf(qint64 runId);

    /// The rank of an exception in a run, or nullopt when the run does not hold it.
    Result<std::optional<int>> rankOf(qint64 runId, std::string_view exceptionId);

    /// The rank, item, location, score, top factor, can-save, worst tier and ABC class of
    /// an exception in a run, or
    /// nullopt when the run does not hold it. Reads a few dozen bytes of the run's
    /// queue image.
    Result<std::optional<RunException>> find(qint64 runId, std::string_view exceptionId);

    /// Every exception of `run` in rank order, each marked with its decision in
    /// `standing` (DecisionStore::standingOf the run).
    Result<Queue> readQueue(const ScoreRunInfo &run, const SnapshotInfo &snapshot,
        const std::vector<Decision> &standing);

    /// Schema 2 -> 3: writes the queue image of every run from its rows in the old
    /// exceptions table.
    static Result<void> convertRows(sqlite3 *db);

private:
    Result<void> writeImage(qint64 runId, const std::string &image, bool withChecksums = true);

    sqlite3 *m_db;
};

} // namespace model
