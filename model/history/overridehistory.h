#pragma once
// Override history for managers: every override and rejection planners took, with the
// exception as its run scored it then and what became of it on the snapshots that
// came after (did it stay open, how its exposure moved, or was it gone), and every
// decision counted for the override rates (model/history/overriderates.h). Read-only;
// all SQL on decisions for this view lives here.

#include "engine/core/date.h"
#include "engine/core/policy.h"
#include "model/decisions/decision.h"
#include "model/error.h"
#include "model/history/overriderates.h"

#include <QString>

#include <optional>
#include <vector>

namespace model {

class ScoreRuns;
class SnapshotCatalog;
class Store;

/// The exception of an override or rejection on one later snapshot, as the latest run
/// of that snapshot saw it.
struct LaterLook {
    qint64 snapshotVersion = 0;
    QString snapshotId;
    engine::Date asOf = engine::kNoDate;
    qint64 runId = 0;
    bool present = false; ///< the run raised the same exception again
    double exposure = 0; ///< its score there (the cost of doing nothing), when present
};

/// One override or rejection, with what happened after it.
struct OverrideRecord {
    /// How the exception fared on the later snapshots.
    enum class Aftermath {
        NoLaterSnapshot, ///< nothing imported since: too early to tell
        StillOpen, ///< raised again by the latest snapshot
        Gone, ///< not raised by the latest snapshot
    };

    qint64 decisionId = 0;
    QString decidedAt; ///< ISO 8601 UTC
    engine::Date day = engine::kNoDate; ///< the UTC day of decidedAt
    QString planner;
    Decision::Kind kind = Decision::Overridden; ///< Overridden or Rejected
    QString exceptionId;
    engine::ExceptionType type = engine::ExceptionType::Shortage;
    QString itemId, locationId;
    QString action; ///< engine action name of the recommendation decided on
    QString reasonCode; ///< a code of reasonCodes(), may be empty for a rejection
    QString comment;
    /// The recommended quantity (from the decision's action identity); nullopt for a
    /// decision stored before that identity was kept.
    std::optional<double> recommendedQty;
    double overrideQty = 0; ///< Overridden: the quantity approved instead
    QString checkedBy; ///< the second approver, if any
    // The run it was taken on, and the exception as that run scored it.
    qint64 runId = 0;
    qint64 snapshotVersion = 0;
    QString snapshotId;
    engine::Date asOf = engine::kNoDate;
    QString currency; ///< of that snapshot, which every exposure is in
    std::optional<double> exposure; ///< the score then; nullopt when the run lost it
    int topFactor = -1; ///< engine::FactorKind of the largest factor, -1 when unknown
    /// The weighted factors as the audit trail recorded them with the decision,
    /// largest first: (factor name, value). Empty when the trail has no such event.
    std::vector<std::pair<QString, double>> factors;
    /// The latest run of every snapshot imported after the decision's, oldest first.
    std::vector<LaterLook> later;

    Aftermath aftermath() const;
    /// The exposure on the latest later snapshot that was scored (0 when gone), or
    /// nullopt when there is none.
    std::optional<double> latestExposure() const;
    /// The first later snapshot that no longer raised the exception, or nullptr.
    const LaterLook *firstGone() const;
};

/// Everything the override history shows.
struct OverrideHistoryData {
    /// Overrides and rejections that stand (not undone), newest first.
    std::vector<OverrideRecord> records;
    /// Every decision that stands, for the rates.
    std::vector<DecisionTally> decisions;
    /// The policy's drift rule (engine::Policy::overrideDriftThreshold and ...Weeks),
    /// as the latest run of the current snapshot was scored with; the defaults when
    /// nothing is scored.
    double driftThreshold = engine::Policy {}.overrideDriftThreshold;
    int driftWeeks = engine::Policy {}.overrideDriftWeeks;
};

/// Override history (Workbench::history()).
class OverrideHistory
{
public:
    OverrideHistory(Store &store, SnapshotCatalog &snapshots, ScoreRuns &runs)
        : m_store(store)
        , m_snapshots(snapshots)
        , m_runs(runs)
    { }
    OverrideHistory(const OverrideHistory &) = delete;
    OverrideHistory &operator=(const OverrideHistory &) = delete;

    /// Reads every standing decision, and for each override and rejection looks the
    /// exception up in the run it was taken on and in the latest run of every later
    /// snapshot (a few dozen bytes of each run's queue per look). Seconds on a large
    /// history: run it off the GUI thread.
    Result<OverrideHistoryData> load();

private:
    Store &m_store;
    SnapshotCatalog &m_snapshots;
    ScoreRuns &m_runs;
};

/// The type of an exception id ("shortage:SKU-1@DC-EAST"), false when it names none.
bool exceptionTypeOf(const QString &exceptionId, engine::ExceptionType &type);

} // namespace model
