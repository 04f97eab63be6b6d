#pragma once
// Scoring: raises the exceptions of every SKU-location, scores each as the expected
// cost of inaction (sum of factors), recommends actions and ranks the queue.
// Synchronous and deterministic; takes a cancel flag and a progress callback.

#include "engine/core/policy.h"
#include "engine/core/snapshot.h"
#include "engine/scoring/scoringoutput.h"

#include <atomic>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace engine {

namespace planning {
class PlanMemo;
}

struct Progress {
    /// Polled between items; scoring stops early (result.cancelled) when it is true.
    const std::atomic<bool> *cancel = nullptr;
    /// Called now and then with (done, total) SKU-locations.
    std::function<void(std::int64_t done, std::int64_t total)> report;
};

/// Scores the whole snapshot and ranks the result: one summary per exception, no
/// sentences (analyse() gives those for one SKU-location). `snapshot.index()` must
/// have run (an unindexed snapshot gives an empty result). A cancelled run returns no
/// exceptions at all, never a partial queue.
///
/// `threads` workers score contiguous ranges of items (0: one per hardware thread,
/// fewer for small snapshots); the result does not depend on their number. Progress
/// is reported and the cancel flag polled on the calling thread and the workers.
///
/// With `memo` an item whose plan input is the same as in the run that filled it
/// reuses that plan instead of solving it again (engine/planning/planmemo.h); the
/// plans solved are added to it. The result is the same with or without.
RankedQueue score(const Snapshot &snapshot, const Policy &policy, const Progress &progress = {},
    int threads = 0, planning::PlanMemo *memo = nullptr);

/// Everything about one SKU-location: risk, daily projection over the horizon and
/// the exceptions it raises (unranked, with their recommendations). Gives the same
/// figures as score() for that SKU-location, so "why is this not in my queue?" can
/// be answered from a snapshot that holds only the rows of a few items.
ItemLocationAnalysis analyse(const Snapshot &snapshot, const Policy &policy, Index itemLocation);

/// The figure the queue ranks by first: canSave or the score.
template <class Exception> double rankKey(const Exception &x, RankBy by)
{
    return by == RankBy::CanSave ? x.canSave : x.score;
}

/// Orders by rankKey() (highest first), then score (highest first), then need date
/// (earliest first), then id, and sets rank = position + 1.
void rank(std::vector<ExceptionRecord> &exceptions, RankBy by);
/// The same order for summaries; ids are compared in place, never built.
void rank(std::vector<ExceptionSummary> &exceptions, const Snapshot &snapshot, RankBy by);
/// Whether `a` comes before `b` in that order.
bool rankedBefore(
    const Snapshot &snapshot, const ExceptionSummary &a, const ExceptionSummary &b, RankBy by);
/// Merges queues that are each in that order into one and sets the ranks.
std::vector<ExceptionSummary> mergeRanked(
    std::span<const std::vector<ExceptionSummary>> queues, const Snapshot &snapshot, RankBy by);

/// `<type>:<item_id>@<location_id>`, written into `out` (replacing its contents, so
/// a caller can reuse one buffer for many rows).
void exceptionId(const Snapshot &snapshot, const ExceptionSummary &x, std::string &out);
std::string exceptionId(const Snapshot &snapshot, const ExceptionSummary &x);
/// Whether the id of `a` sorts before that of `b` (byte order, as std::string and
/// SQLite compare them), without building either.
bool idBefore(const Snapshot &snapshot, const ExceptionSummary &a, const ExceptionSummary &b);

} // namespace engine
