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
};

} // namespace model
