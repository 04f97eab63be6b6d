// DecisionStore's path for the transfers a scenario's network plan proposed
// (model/scenarios): each is decided as a one-recommendation exception of the latest
// run, through the same code as the queue's recommendations (role rule and approval
// limits, maker and checker, audit event, planned supply, export).

#include "model/decisions/decisionstore.h"

#include "model/runs/scoreruns.h"
#include "model/scenarios/proposalrows.h"
#include "model/users/userstore.h"

#include "engine/scoring/approval.h"

using namespace Qt::StringLiterals;

namespace model {

Result<Decision> DecisionStore::decideProposal(const QString &lineId, Decision::Kind kind,
    const User &user, const QString &comment, const QString &reasonCode)
{
    qint64 proposalId = 0;
    int line = 0;
    if (!parseProposalLineId(lineId, &proposalId, &line)) {
        return std::unexpected(Error {Error::BadInput,
            u"\""_s + lineId
                + u"\" names no proposed transfer: they read NP-<proposal>-<line> (pwb scenario "
                  "proposals lists them)."_s,
            {}});
    }
    if (kind != Decision::Approved && kind != Decision::Rejected) {
        return std::unexpected(
            Error {Error::Usage, u"A proposed transfer is either approved or rejected."_s, {}});
    }
    if (kind == Decision::Approved && !reasonCode.isEmpty()) {
        return std::unexpected(
            Error {Error::Usage, u"An approval needs no reason; a rejection may give one."_s, {}});
    }
    if (!reasonCode.isEmpty() && !isReasonCode(reasonCode)) {
        return std::unexpected(
            Error {Error::BadInput, u"Unknown reason code \""_s + reasonCode + u"\"."_s, {}});
    }
    auto confirmed = m_users.confirm(user);
    if (!confirmed)
        return std::unexpected(confirmed.error());
    Proposal proposal;
    auto found = readProposedTransfer(m_store, proposalId, line, &proposal);
    if (!found)
        return std::unexpected(found.error());
    if (!*found) {
        return std::unexpected(
            Error {Error::BadInput, u"There is no proposed transfer "_s + lineId + u'.', {}});
    }
    const ProposedTransfer &transfer = **found;
    if (proposal.supersededBy > 0) {
        return std::unexpected(Error {Error::NotAllowed,
            u"Proposal "_s + QString::number(proposal.id) + u" of scenario \""_s
                + proposal.scenarioName + u"\" was superseded by proposal "_s
                + QString::number(proposal.supersededBy)
                + u": nothing was recorded; decide on the newer one."_s,
            {}});
    }
    auto current = m_runs.currentRun();
    if (!current)
        return std::unexpected(current.error());
    const auto &[snapshot, run] = *current;
    if (snapshot.version != proposal.snapshotVersion) {
        // Its plan was made on stock and orders that have changed since: approving it
        // against the new snapshot would move what may no longer be needed.
        return std::unexpected(Error {Error::NotAllowed,
            u"Proposal "_s + QString::number(proposal.id) + u" was made on snapshot version "_s
                + QString::number(proposal.snapshotVersion) + u", but "_s + snapshot.snapshotId
                + u" (version "_s + QString::number(snapshot.version)
                + u") is current now. Nothing was recorded: run scenario \""_s
                + proposal.scenarioName + u"\" again and propose its new plan."_s,
            {}});
    }
    if (transfer.exported) {
        return std::unexpected(Error {Error::NotAllowed,
            lineId + u" went to the ERP already (decision "_s + QString::number(transfer.decisionId)
                + u")."_s,
            {}});
    }
    if (kind == Decision::Approved && transfer.decision == u"approved"_s) {
        return std::unexpected(Error {Error::BadInput,
            lineId + u" is approved already (decision "_s + QString::number(transfer.decisionId)
                + u" by "_s + transfer.decidedBy + u")."_s,
            {}});
    }
    auto policy = m_runs.runPolicy();
    if (!policy)
        return std::unexpected(policy.error());
    auto rows = m_runs.currentItemRows(transfer.itemId);
    if (!rows)
        return std::unexpected(rows.error());
    Explanation subject;
    subject.snapshot = snapshot;
    subject.run = run;
    subject.policy = *policy;
    engine::ExceptionRecord x;
    x.id = lineId.toStdString();
    x.item = rows->second.items.ids.find(transfer.itemId.toStdString());
    x.location = rows->second.locations.ids.find(transfer.toLocationId.toStdString());
    if (x.item == engine::kNone || x.location == engine::kNone) {
        return std::unexpected(Error {Error::BadInput,
            u"The current snapshot has no "_s + transfer.itemId + u" at "_s + transfer.toLocationId
                + u": "_s + lineId + u" cannot be decided."_s,
            {}});
    }
    subject.rows = std::make_shared<const engine::Snapshot>(std::move(rows->second));
    x.worstTier = transfer.worstTier;
    x.score = transfer.benefit();
    x.needDate = transfer.arrivalDate;
    engine::Recommendation r;
    r.action = engine::Action::Transfer;
    r.qty = transfer.qty;
    r.cost = transfer.cost;
    r.benefit = transfer.benefit();
    r.inPlan = true;
    r.fromLocationId = transfer.fromLocationId.toStdString();
    r.arrivalDate = transfer.arrivalDate;
    r.requiresRole
        = engine::approvalNeeded(*policy, engine::Action::Transfer, r.cost, x.worstTier).role;
    r.text = "Transfer " + QString::number(r.qty, 'f', 0).toStdString() + " units of "
        + transfer.itemId.toStdString() + " from " + r.fromLocationId + " to "
        + transfer.toLocationId.toStdString() + ", proposed by scenario \""
        + proposal.scenarioName.toStdString() + "\"";
    x.recommendations.push_back(std::move(r));
    subject.exception = std::move(x);
    return decideOn(subject, 0, kind, 0.0, reasonCode, *confirmed,
        comment.isEmpty() ? u"proposal "_s + QString::number(proposal.id) : comment, -1);
}

} // namespace model
