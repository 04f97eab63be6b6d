#pragma once
// Facts about one scoring run, as stored beside its queue.

#include <QString>
#include <QtGlobal>

namespace model {

/// Facts about one scoring run of a snapshot version.
struct ScoreRunInfo {
    qint64 runId = 0;
    qint64 snapshotVersion = 0;
    QString scoringVersion; ///< engine::kScoringVersion at the time
    QString policyHash; ///< sha256 of the canonical policy JSON
    qint64 exceptionCount = 0;
    double totalScore = 0;
    /// The planning the run did, when it was scored in this process (not stored):
    /// items planned (-1: not known), flow problems solved, CPU seconds spent.
    qint64 itemPlans = -1;
    qint64 plansKept = 0; ///< of itemPlans, those kept from the last run (not solved)
    qint64 flowProblems = 0;
    double planSeconds = 0;
    /// Decisions the system took on the run by the policy's auto_approve rules, when
    /// it was scored in this process (not stored; `pwb decisions --state auto` lists
    /// them), and why it stopped early when it did.
    qint64 autoApproved = 0;
    QString autoApprovalProblem;
};

} // namespace model
