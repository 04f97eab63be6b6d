#pragma once
// Transfers a scenario's network plan proposed to the planners, as the queue of
// network proposals shows them: each one decided like a recommendation of the queue
// (DecisionStore::decideProposal), under the same role rule, audit and export.

#include "engine/core/date.h"

#include <QJsonArray>
#include <QString>
#include <QtGlobal>

#include <vector>

namespace model {

/// One proposed transfer of a Proposal and where its decision stands.
struct ProposedTransfer {
    qint64 proposalId = 0;
    int line = 0; ///< 1, 2, ... within the proposal
    QString itemId, fromLocationId, toLocationId;
    double qty = 0; ///< whole units
    engine::Date shipDate = engine::kNoDate, arrivalDate = engine::kNoDate;
    double cost = 0; ///< what moving it costs (the plan's cost of its route, fixed cost spread in)
    /// The value of the destination's order lines the plan serves on time, shared among
    /// the item's transfers into it by quantity.
    double valueCovered = 0;
    /// Of the destination's order lines the plan serves late: their value less the
    /// lateness they still cost, shared the same way (engine::simulation::LinesCovered).
    /// A transfer that only shortens lateness covers nothing on time but avoids this.
    double latenessAvoided = 0;
    /// What the plan credits the transfer with: valueCovered + latenessAvoided.
    double benefit() const { return valueCovered + latenessAvoided; }
    int worstTier = 0; ///< the most urgent tier among the destination's lines; 0 when none
    /// The standing decision: 0 and empty when undecided; "approved", "rejected" or
    /// "awaiting second approval".
    qint64 decisionId = 0;
    QString decision;
    QString decidedBy;
    bool exported = false;

    /// The id its decisions are recorded under: "NP-<proposal>-<line>".
    QString exceptionId() const;
};

/// What a scenario's plan proposed on one snapshot version and run.
struct Proposal {
    qint64 id = 0;
    QString scenarioName;
    QString scenarioJson; ///< the scenario as it ran
    qint64 snapshotVersion = 0;
    qint64 runId = 0;
    QString author, proposedAt;
    qint64 supersededBy = 0; ///< a later proposal of the same scenario, or 0
    /// Whether its transfers can still be decided: made on the current snapshot and not
    /// superseded.
    bool open = false;
    std::vector<ProposedTransfer> transfers;
};

struct SimulationRun;

/// The plan of `run`'s scenario as transfers in whole units, one per item, route ends
/// and ship day, numbered from 1 (no proposal id: not stored); `leftOut` counts the
/// shipments over a lane only the scenario has (the snapshot has no such active lane
/// to ship them over). ScenarioStore::propose stores these.
std::vector<ProposedTransfer> proposedTransfers(const SimulationRun &run, int *leftOut);

/// `transfers` as JSON, one object each: line, item, from, to, qty, ship and arrival
/// dates, cost, value_covered, lateness_avoided, benefit, worst_tier.
QJsonArray proposedTransfersToJson(const std::vector<ProposedTransfer> &transfers);

/// "NP-12-3" read back as proposal 12, line 3; false for any other text.
bool parseProposalLineId(const QString &id, qint64 *proposalId, int *line);

} // namespace model
