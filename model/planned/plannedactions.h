#pragma once
// Approved actions as planned supply (engine/planned/plannedsupply.h), kept in the
// store: an approval or override of a transfer, expedite or purchase writes one (with
// its decision, once it needs no second approver); every run counts those still open
// and remembers which (so its explanations count the same); a run of a newer snapshot
// first closes those the snapshot shows, or whose PO line is gone, or that lapsed,
// each with an audit event. Undoing the decision takes it out. All SQL on
// planned_actions and run_planned_actions lives here.

#include "model/error.h"
#include "model/runs/scoreruninfo.h"

#include "engine/planned/plannedsupply.h"
#include "engine/scoring/scoringoutput.h"

#include <QHash>
#include <QString>

#include <memory>
#include <vector>

namespace model {

class Store;

/// What became of an approved action (for `pwb decisions` and the window).
struct PlannedStatus {
    QString state; ///< "planned" (open), "seen", "gone" or "lapsed"
    QString note; ///< what the ERP showed, or why it was closed
    qint64 closedSnapshot = 0; ///< the snapshot version that closed it
};

/// The planned supply of runs, and its closing.
class PlannedActions
{
public:
    /// The planned action of approving `r` (an action of exception `x`) at `qty`, with
    /// the ERP rows `rows` holds on its route (they cannot be it later); nothing for
    /// an action that brings no supply.
    static std::optional<engine::PlannedAction> fromRecommendation(const engine::Recommendation &r,
        const engine::ExceptionRecord &x, double qty, const engine::Snapshot &rows);
    /// Writes `action` for decision `decisionId`, taken on snapshot `snapshotVersion`,
    /// inside the caller's write transaction (once: a decision checked again keeps it).
    static Result<void> add(Store &store, qint64 decisionId, const engine::PlannedAction &action,
        qint64 snapshotVersion);

    /// The open ones: not closed, their decision not undone, not awaiting a second
    /// approver (again, after an undone check), and not replaced by a later decision on
    /// the same exception and run unless already exported; decision order.
    /// Each with the snapshot version it was approved on.
    struct Open {
        engine::PlannedAction action;
        qint64 snapshotVersion = 0;
    };
    static Result<std::vector<Open>> open(Store &store);
    /// Every one, open or closed, by decision id (closed ones with `closed` true).
    struct Stored {
        engine::PlannedAction action;
        bool closed = false;
    };
    static Result<QHash<qint64, Stored>> byDecision(Store &store);
    /// The ones run `runId` counted, decision order.
    static Result<std::vector<engine::PlannedAction>> ofRun(Store &store, qint64 runId);

    /// What a run of snapshot `version` (`snapshot`, its whole rows) counts and
    /// closes: open actions approved on an earlier version are matched against it.
    struct Settlement {
        std::vector<engine::PlannedAction> counted;
        std::vector<std::pair<engine::PlannedAction, engine::PlannedMatch>> closed;
    };
    static Settlement settle(
        const std::vector<Open> &open, const engine::Snapshot &snapshot, qint64 version);
    /// `snapshot` with `counted` added as supply: `snapshot` itself when there is
    /// none, else a copy.
    static std::shared_ptr<const engine::Snapshot> withCounted(
        std::shared_ptr<const engine::Snapshot> snapshot,
        const std::vector<engine::PlannedAction> &counted);
    /// Records a settlement with new run `run` of snapshot `snapshotId` inside the
    /// caller's write transaction: the counted ones against the run, the closed ones
    /// closed, each with an audit event (by "system").
    static Result<void> record(Store &store, const ScoreRunInfo &run, const QString &snapshotId,
        const Settlement &settlement);

    /// Every planned action's status, by decision id.
    static Result<QHash<qint64, PlannedStatus>> statuses(Store &store);
};

} // namespace model
