#pragma once
// An exception or SKU-location explained: the engine's analysis of it with the run,
// policy and snapshot rows behind it.

#include "engine/core/policy.h"
#include "engine/core/snapshot.h"
#include "engine/scoring/scoringoutput.h"
#include "model/runs/scoreruninfo.h"
#include "model/snapshots/snapshotinfo.h"

#include <memory>
#include <optional>

namespace model {

/// A fully explained exception or SKU-location, with the snapshot rows behind it.
struct Explanation {
    SnapshotInfo snapshot;
    ScoreRunInfo run;
    engine::Policy policy;
    /// A snapshot holding only the rows needed (the item, its substitutes, all their
    /// locations); `result` indexes into it.
    std::shared_ptr<const engine::Snapshot> rows;
    engine::ItemLocationAnalysis result;
    /// The exception asked for (rank filled from the stored run), or nullopt for a
    /// SKU-location lookup.
    std::optional<engine::ExceptionRecord> exception;
};

} // namespace model
