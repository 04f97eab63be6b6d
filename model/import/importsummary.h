#pragma once
// What an import reports when it succeeds.

#include "model/runs/scoreruninfo.h"
#include "model/snapshots/snapshotinfo.h"

#include <QStringList>

namespace model {

/// What an import reports besides errors (warnings never block an import).
struct ImportSummary {
    SnapshotInfo snapshot;
    ScoreRunInfo run;
    QStringList warnings; ///< "file:line:column: warning: field: message"
};

} // namespace model
