#include "model/runs/scoreruns.h"

#include "model/decisions/decisionstore.h"
#include "model/planned/plannedactions.h"
#include "model/runs/planmemostore.h"
#include "model/runs/runstore.h"
#include "model/snapshots/snapshotcatalog.h"
#include "model/store/store.h"

#include <exception>

using namespace Qt::StringLiterals;

namespace model {

namespace {

std::string toStd(const QString &text)
{
    return text.toStdString();
}

} // namespace

Result<ScoreRunInfo> ScoreRuns::rescore(
    const engine::Policy &policy, const engine::Progress &progress, bool replanAll)
{
    auto current = m_snapshots.requireCurrent();
    if (!current)
        return std::unexpected(current.error());
    auto snapshot = m_snapshots.whole(*current);
    if (!snapshot)
        return std::unexpected(snapshot.error());

    // Approved actions the ERP does not show yet count as supply; those this snapshot
    // shows are closed with the run.
    auto open = PlannedActions::open(m_store);
    if (!open)
        return std::unexpected(open.error());
    const auto settlement = PlannedActions::settle(*open, **snapshot, current->version);
    const auto scored = PlannedActions::withCounted(*snapshot, settlement.counted);

    engine::planning::PlanMemo memo;
    if (!replanAll) {
        if (auto ok = planmemo::load(m_store.handle(), memo); !ok)
            return std::unexpected(ok.error());
    }
    engine::RankedQueue result;
    try {
        result = engine::score(*scored, policy, progress, 0, &memo);
    } catch (const std::exception &e) {
        return std::unexpected(
            Error {Error::Database, u"Scoring failed: "_s + QString::fromUtf8(e.what()), {}});
    }
    if (result.cancelled)
        return std::unexpected(cancelledError());

    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    // The snapshot was read before the write lock was taken (scoring can take
    // minutes, and holding the lock that long would make imports time out), so an
    // import may have committed a newer version meanwhile. Checked under the lock: a
    // run of a snapshot that is no longer current would never show, and the policy
    // it was meant to apply would silently not apply to the current one.
    auto latest = m_snapshots.current();
    if (!latest)
        return std::unexpected(latest.error());
    if (!*latest || (*latest)->version != current->version) {
        const QString newer = *latest
            ? u"Snapshot version "_s + QString::number((*latest)->version) + u" was imported"_s
            : u"The snapshot was removed"_s;
        return std::unexpected(Error {Error::Busy,
            newer + u" while version "_s + QString::number(current->version)
                + u" was being scored, so this run was not saved. Score again to score the "
                  u"current snapshot."_s,
            {}});
    }
    RunStore runs(m_store.handle());
    auto run = runs.write(current->version, *scored, policy, result, nowUtc());
    if (!run)
        return std::unexpected(run.error());
    if (auto ok = PlannedActions::record(m_store, *run, current->snapshotId, settlement); !ok)
        return std::unexpected(ok.error());
    if (auto ok = planmemo::save(m_store.handle(), memo); !ok)
        return std::unexpected(ok.error());
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());
    if (m_decisions) {
        if (auto automatic = m_decisions->autoApprove(run->runId))
            run->autoApproved = *automatic;
        else
            run->autoApprovalProblem = automatic.error().message;
    }
    return run;
}

Result<std::pair<SnapshotInfo, std::shared_ptr<const engine::Snapshot>>>
ScoreRuns::currentWithPlanned()
{
    auto current = m_snapshots.requireCurrent();
    if (!current)
        return std::unexpected(current.error());
    auto snapshot = m_snapshots.whole(*current);
    if (!snapshot)
        return std::unexpected(snapshot.error());
    auto open = PlannedActions::open(m_store);
    if (!open)
        return std::unexpected(open.error());
    const auto settlement = PlannedActions::settle(*open, **snapshot, current->version);
    return std::pair {*current, PlannedActions::withCounted(*snapshot, settlement.counted)};
}

Result<std::pair<SnapshotInfo, engine::Snapshot>> ScoreRuns::currentItemRows(const QString &itemId)
{
    auto current = m_snapshots.requireCurrent();
    if (!current)
        return std::unexpected(current.error());
    auto rows = m_snapshots.itemRows(current->version, itemId);
    if (!rows)
        return std::unexpected(rows.error());
    return std::pair {*current, std::move(*rows)};
}

Result<std::pair<SnapshotInfo, ScoreRunInfo>> ScoreRuns::currentRun()
{
    auto current = m_snapshots.requireCurrent();
    if (!current)
        return std::unexpected(current.error());
    auto run = RunStore(m_store.handle()).latestRun(current->version);
    if (!run)
        return std::unexpected(run.error());
    if (!*run) {
        return std::unexpected(Error {Error::BadInput,
            u"Snapshot version "_s + QString::number(current->version)
                + u" has not been scored yet; re-score it first."_s,
            {}});
    }
    return std::pair {*current, **run};
}

Result<engine::Policy> ScoreRuns::runPolicy()
{
    auto current = currentRun();
    if (!current)
        return std::unexpected(current.error());
    return RunStore(m_store.handle()).policyOf(current->second.runId);
}

Result<Queue> ScoreRuns::queue()
{
    auto current = m_snapshots.current();
    if (!current)
        return std::unexpected(current.error());
    if (!*current)
        return Queue {};
    RunStore runs(m_store.handle());
    auto run = runs.latestRun((*current)->version);
    if (!run)
        return std::unexpected(run.error());
    if (!*run) {
        Queue empty;
        empty.snapshot = **current;
        return empty;
    }
    auto standing = DecisionStore::standingOf(m_store, *this, (*run)->runId);
    if (!standing)
        return std::unexpected(standing.error());
    return runs.readQueue(**run, **current, *standing);
}

Result<Explanation> ScoreRuns::analyse(const SnapshotInfo &snapshot,
    const std::optional<ScoreRunInfo> &run, const engine::Policy &policy, const QString &itemId,
    const QString &locationId)
{
    auto rows = m_snapshots.itemRows(snapshot.version, itemId);
    if (!rows)
        return std::unexpected(rows.error());
    const engine::Index item = rows->items.ids.find(toStd(itemId));
    const engine::Index location = rows->locations.ids.find(toStd(locationId));
    const engine::Index itemLocation = rows->itemLocation(item, location);
    if (itemLocation == engine::kNone) {
        return std::unexpected(Error {Error::BadInput,
            u"Item \""_s + itemId + u"\" is not stocked at location \""_s + locationId
                + u"\" in snapshot version "_s + QString::number(snapshot.version) + u'.',
            {}});
    }

    Explanation explanation;
    explanation.snapshot = snapshot;
    explanation.policy = policy;
    if (run)
        explanation.run = *run;
    // The planned supply the run counted, so the explanation reproduces its scores.
    if (run) {
        auto planned = PlannedActions::ofRun(m_store, run->runId);
        if (!planned)
            return std::unexpected(planned.error());
        engine::addPlannedSupply(*rows, *planned);
    }
    auto shared = std::make_shared<const engine::Snapshot>(std::move(*rows));
    try {
        explanation.result = engine::analyse(*shared, policy, itemLocation);
    } catch (const std::exception &e) {
        return std::unexpected(
            Error {Error::Database, u"Analysis failed: "_s + QString::fromUtf8(e.what()), {}});
    }
    explanation.rows = std::move(shared);
    if (run) {
        RunStore runs(m_store.handle());
        for (auto &x : explanation.result.exceptions) {
            auto rank = runs.rankOf(run->runId, x.id);
            if (!rank)
                return std::unexpected(rank.error());
            x.rank = rank->value_or(0);
        }
    }
    return explanation;
}

Result<Explanation> ScoreRuns::explainException(const QString &exceptionId)
{
    auto current = currentRun();
    if (!current)
        return std::unexpected(current.error());
    const auto &[snapshot, run] = *current;

    auto found = RunStore(m_store.handle()).find(run.runId, toStd(exceptionId));
    if (!found)
        return std::unexpected(found.error());
    if (!*found) {
        return std::unexpected(Error {Error::BadInput,
            u"There is no exception \""_s + exceptionId + u"\" in the current queue."_s, {}});
    }
    const QString itemId = (*found)->itemId;
    const QString locationId = (*found)->locationId;

    // The run's own policy, so the explanation reproduces the stored score exactly.
    auto policy = RunStore(m_store.handle()).policyOf(run.runId);
    if (!policy)
        return std::unexpected(policy.error());
    auto explanation = analyse(snapshot, run, *policy, itemId, locationId);
    if (!explanation)
        return std::unexpected(explanation.error());
    const std::string id = toStd(exceptionId);
    for (const auto &x : explanation->result.exceptions) {
        if (x.id == id) {
            explanation->exception = x;
            return explanation;
        }
    }
    return std::unexpected(Error {Error::Database,
        u"Exception \""_s + exceptionId
            + u"\" could not be reproduced from the stored snapshot"
              u" (scored by "_s
            + run.scoringVersion + u"); re-score the snapshot."_s,
        {}});
}

Result<Explanation> ScoreRuns::explainItemLocation(const QString &itemId, const QString &locationId)
{
    auto current = m_snapshots.requireCurrent();
    if (!current)
        return std::unexpected(current.error());
    RunStore runs(m_store.handle());
    auto run = runs.latestRun(current->version);
    if (!run)
        return std::unexpected(run.error());
    engine::Policy policy;
    if (*run) {
        auto stored = runs.policyOf((*run)->runId);
        if (!stored)
            return std::unexpected(stored.error());
        policy = *stored;
    }
    return analyse(*current, *run, policy, itemId, locationId);
}

} // namespace model
