// DecisionStore::autoApprove: what the policy's auto_approve rules let the system
// approve when a run is scored, through the same path as a person's approval.

#include "model/decisions/decisionstore.h"

#include "engine/scoring/approval.h"
#include "model/runs/runstore.h"
#include "model/runs/scoreruns.h"
#include "model/store/store.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace model {

Result<qint64> DecisionStore::autoApprove(qint64 runId)
{
    auto policy = RunStore(m_store.handle()).policyOf(runId);
    if (!policy)
        return std::unexpected(policy.error());
    if (policy->autoApprove.empty())
        return 0;
    auto queue = m_runs.queue();
    if (!queue)
        return std::unexpected(queue.error());
    if (queue->run.runId != runId) {
        return std::unexpected(Error {Error::Busy,
            u"Run "_s + QString::number(runId)
                + u" is no longer the latest, so nothing was approved automatically."_s,
            {}});
    }
    const User system {QString::fromLatin1(kSystemUser), engine::Role::Planner};
    qint64 approved = 0;
    for (qsizetype row = 0; row < queue->size(); ++row) {
        const auto r = std::size_t(row);
        // The queue shows the best recommendation of each exception: a first sieve by
        // its action, cost and customers, before the exception is read in full.
        if (queue->decision[r] != Decision::None || queue->action[r] < 0
            || queue->actionFeasible[r] == 0 || !std::isfinite(queue->actionCost[r]))
            continue;
        const char *action = engine::actionName(static_cast<engine::Action>(queue->action[r]));
        const int tier = queue->worstTier[r];
        int rule = -1;
        for (std::size_t i = 0; i < policy->autoApprove.size() && rule < 0; ++i) {
            const engine::AutoApproveRule &a = policy->autoApprove[i];
            if (a.action == action && queue->actionCost[r] <= a.maxCost
                && !(a.skipTier > 0 && tier > 0 && tier <= a.skipTier))
                rule = int(i);
        }
        if (rule < 0)
            continue;
        auto decided = decide(
            queue->exceptionId(row), 0, Decision::Approved, 0.0, {}, system, {}, runId, rule);
        if (decided) {
            ++approved;
            continue;
        }
        // Refused by the rule checked on the whole exception (a limit, a second
        // approver): left to a person. Anything else stops here.
        if (decided.error().code != Error::NotAllowed)
            return std::unexpected(decided.error());
    }
    return approved;
}

} // namespace model
