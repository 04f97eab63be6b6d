#pragma once
// Item plans kept from one scoring run to the next. A plan is a function of its
// input alone (the solver is exact and its tie-breaking fixed, see itemplan.cpp), so
// when an item's input is the same as in the last run its plan is too: a re-score
// after a decision, or a policy change that leaves an item's costs alone, solves only
// the items whose input changed. Each plan is kept under a 128-bit digest of its
// input, the options and kPlanMemoFormat, as a compact byte string with a digest of
// its own; a damaged entry, or one that does not fit its input, is a miss and the
// item is planned again, so a memo can make a run faster but never different.

#include "engine/planning/itemplan.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace engine::planning {

/// Raised whenever what a plan holds or how the solver picks among equal plans
/// changes: every kept plan is then a miss.
inline constexpr std::uint32_t kPlanMemoFormat = 2;

struct PlanKey {
    std::uint64_t high = 0, low = 0;
    bool operator==(const PlanKey &) const = default;
};

struct PlanKeyHash {
    std::size_t operator()(const PlanKey &k) const { return static_cast<std::size_t>(k.low); }
};

/// The digest of everything the plan of `input` depends on.
PlanKey planKey(const Input &input, const PlanOptions &options);

/// The plan as bytes, and back. decodePlan() gives nullopt for bytes that are damaged
/// (their digest does not match) or describe no plan of `input` (sizes or indexes out
/// of range).
std::string encodePlan(const Plan &plan);
std::optional<Plan> decodePlan(std::string_view bytes, const Input &input);

/// The plans of the last run (add(), before the run), and those this run solves
/// (keep()): find() looks only at the first, which the next run's memo is filled
/// with from forEachUsed(). find() and keep() may be called from several threads at
/// once.
class PlanMemo
{
public:
    /// Before the run: one kept plan.
    void add(const PlanKey &key, std::string_view bytes);
    /// The kept plan of `input`, or nullopt (none, or damaged).
    std::optional<Plan> find(const PlanKey &key, const Input &input) const;
    /// A plan this run solved.
    void keep(const PlanKey &key, const Plan &plan);

    std::size_t size() const { return m_kept.size(); }
    /// Plans found and plans kept by this run so far.
    std::int64_t hits() const { return m_hits.load(); }
    std::int64_t solved() const;
    /// What the next run should find: the plans this run found or solved (a plan no
    /// item asked for is dropped, so the memo never holds more than one run's plans).
    void forEachUsed(const std::function<void(const PlanKey &, std::string_view)> &visit) const;

private:
    struct Kept {
        std::string bytes;
        mutable std::atomic<bool> used {false};
        explicit Kept(std::string b)
            : bytes(std::move(b))
        { }
    };
    std::unordered_map<PlanKey, Kept, PlanKeyHash> m_kept;
    mutable std::atomic<std::int64_t> m_hits {0};
    mutable std::mutex m_mutex;
    std::vector<std::pair<PlanKey, std::string>> m_new;
};

} // namespace engine::planning
