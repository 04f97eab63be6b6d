#pragma once
// Filtering, ranking and sorting of a model::Queue as index permutations, so a
// million-row queue never needs a per-row object or a proxy model.

#include "engine/core/policy.h"
#include "model/runs/queue.h"

#include <QString>

#include <array>
#include <span>
#include <vector>

namespace ui {

/// Which decisions a queue shows: every row, or only rows whose standing decision is
/// of one kind. `ByRule` is the system's own approvals under the policy's
/// auto-approve rules; `Approved` is a person's.
enum class DecisionView : quint8 { Any, Undecided, Approved, ByRule, Rejected, Overridden };

/// What the planner narrowed the queue to: the queue list picks `type`, the filter bar the rest.
struct QueueCriteria {
    int type = -1; ///< engine::ExceptionType, or -1 for every queue
    QString text; ///< case-insensitive, in item id, description or location id
    QString locationId; ///< empty: any location
    QString supplierId; ///< empty: any supplier
    int tier = 0; ///< most important customer tier on the affected orders (1..3); 0: any
    char abcClass = 0; ///< 'A', 'B', 'C'; 0: any
    double minScore = 0; ///< on the live (possibly re-weighted) score
    DecisionView decision = DecisionView::Any;
    bool operator==(const QueueCriteria &) const = default;
    /// True when only the queue type narrows the rows.
    bool isUnfiltered() const;
};

/// Count and exposure (sum of live scores) per queue of the rows that pass every
/// criterion but the type, so the queue list answers "how much is in each queue
/// for this filter?".
struct QueueTally {
    std::array<qint64, engine::kExceptionTypeCount> count {};
    std::array<double, engine::kExceptionTypeCount> exposure {};
    qint64 totalCount = 0;
    double totalExposure = 0;
};

class QueueFilter
{
public:
    /// Whether the standing decision of `row` is one `view` shows.
    static bool decisionMatches(const model::Queue &queue, qint32 row, DecisionView view);

    /// Source rows matching `criteria`, ascending. `scores` are the live scores by
    /// source row. Fills `tally` when given.
    static std::vector<qint32> select(const model::Queue &queue, std::span<const double> scores,
        const QueueCriteria &criteria, QueueTally *tally = nullptr);

    /// Sorts `rows` by `keys[row]`; NaN keys go last in either order, and equal keys
    /// keep the order of `tieBreak[row]` (ascending), so a sort never depends on the
    /// previous one.
    static void sortRows(std::vector<qint32> &rows, std::span<const double> keys,
        Qt::SortOrder order, std::span<const qint32> tieBreak);

    /// Sorts `rows` by `ranks[row]` in linear time; false (rows untouched) when the
    /// ranks are not distinct values in 1..ranks.size().
    static bool sortByRank(
        std::vector<qint32> &rows, std::span<const qint32> ranks, Qt::SortOrder order);

    /// Σ weight × factor amount for every row.
    static std::vector<double> weightedScores(
        const model::Queue &queue, const std::array<double, engine::kFactorCount> &weights);

    /// What acting can save with the what-if `scores`: the stored figure scaled with
    /// the score (the same share of a larger or smaller exposure). An estimate: the
    /// plans themselves are recomputed only when a run is scored with those weights.
    static std::vector<double> whatIfCanSave(
        const model::Queue &queue, std::span<const double> scores);

    /// Ranks 1..n as the engine ranks by `by`: by `canSave` or by score (highest
    /// first), then score, then need date (earliest first, none last), then the stored
    /// rank, which stands in for the exception id tie-break.
    static std::vector<qint32> ranks(const model::Queue &queue, std::span<const double> scores,
        std::span<const double> canSave, engine::RankBy by);
};

} // namespace ui
