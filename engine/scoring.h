#pragma once
// Scoring: raises the exceptions of every SKU-location, scores each as the expected
// cost of inaction (sum of factors), recommends actions and ranks the queue.
// Synchronous and deterministic; takes a cancel flag and a progress callback.

#include "policy.h"
#include "result.h"
#include "snapshot.h"

#include <atomic>
#include <functional>

namespace engine {

struct Progress {
    /// Polled between items; scoring stops early (result.cancelled) when it is true.
    const std::atomic<bool> *cancel = nullptr;
    /// Called now and then with (done, total) SKU-locations.
    std::function<void(std::int64_t done, std::int64_t total)> report;
};

/// Scores the whole snapshot and ranks the result. `snapshot.index()` must have run
/// (an unindexed snapshot gives an empty result). A cancelled run returns no
/// exceptions at all, never a partial queue.
ScoreResult score(const Snapshot &snapshot, const Policy &policy, const Progress &progress = {});

/// Everything about one SKU-location: risk, daily projection over the horizon and
/// the exceptions it raises (unranked, with their recommendations). Gives the same
/// figures as score() for that SKU-location, so "why is this not in my queue?" can
/// be answered from a snapshot that holds only the rows of a few items.
ItemLocationResult analyse(const Snapshot &snapshot, const Policy &policy, Index itemLocation);

/// Orders by score (highest first), then need date (earliest first), then id, and
/// sets rank = position + 1.
void rank(std::vector<ExceptionRecord> &exceptions);

} // namespace engine
