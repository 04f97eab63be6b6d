#include "engine/scoring/scoring.h"

#include "engine/scoring/approval.h"
#include "engine/scoring/exceptiontypes/exceptiontypes.h"
#include "engine/scoring/projection.h"
#include "engine/scoring/vectorstate.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <exception>
#include <mutex>
#include <span>
#include <string_view>
#include <thread>

namespace engine {

namespace {

using namespace detail;

constexpr std::int64_t kCancelPollEvery = 4096;

/// Buffers reused from one item to the next.
struct ItemRun {
    PlanStats *stats = nullptr; ///< where planning is counted, if anywhere
    std::vector<SkuState> states;
    Scratch scratch;
    EchelonScratch echelon;
    ExceptionRecord record;
};

void link(ExceptionRecord &a, ExceptionRecord &b)
{
    a.related.push_back(b.id);
    b.related.push_back(a.id);
}

// An allocation and its shortage, and excess that can feed a shortage elsewhere,
// point at each other: the planner sees one problem, the money is counted once.
void crossReference(std::span<ExceptionRecord> recs)
{
    if (recs.size() < 2)
        return;
    auto find = [&recs](ExceptionType type, auto &&pred) -> ExceptionRecord * {
        for (ExceptionRecord &r : recs) {
            if (r.type == type && pred(r))
                return &r;
        }
        return nullptr;
    };
    for (ExceptionRecord &r : recs) {
        if (r.type == ExceptionType::Allocation) {
            if (auto *s = find(ExceptionType::Shortage,
                    [&](const ExceptionRecord &x) { return x.itemLocation == r.itemLocation; }))
                link(r, *s);
        } else if (r.type == ExceptionType::Excess) {
            for (const Recommendation &rec : r.recommendations) {
                if (rec.action != Action::Transfer || !rec.feasible || rec.toLocationId.empty())
                    continue;
                if (auto *s = find(ExceptionType::Shortage, [&](const ExceptionRecord &x) {
                        return x.id.ends_with('@' + rec.toLocationId);
                    }))
                    link(r, *s);
            }
        }
    }
    for (ExceptionRecord &r : recs) {
        std::sort(r.related.begin(), r.related.end());
        r.related.erase(std::unique(r.related.begin(), r.related.end()), r.related.end());
    }
}

/// Drops recommendations that lose money and sets what acting saves where the
/// exception type did not: the best net benefit among its recommendations, between 0
/// and the score.
void finishCanSave(ExceptionRecord &rec)
{
    // An action that loses money is never recommended (a cent of rounding aside).
    std::erase_if(
        rec.recommendations, [](const Recommendation &r) { return r.netBenefit() < -0.005; });
    if (isSet(rec.canSave))
        return;
    // A late action still saves what its benefit says (it is measured with its date).
    double best = 0;
    for (const Recommendation &r : rec.recommendations)
        best = std::max(best, r.netBenefit());
    rec.canSave = std::min(best, std::max(0.0, rec.score));
}

/// Loads every location of `item` and raises their exceptions, handing each to
/// `sink` (the reused record; it may move from it). Returns the number of
/// SKU-locations of the item.
template <class Sink> std::size_t raiseItem(Context &ctx, Index item, ItemRun &run, Sink &&sink)
{
    const RowIndex &byItem = ctx.snap.idx.itemLocationsByItem;
    const std::size_t n = byItem.count(item);
    if (n == 0)
        return 0;
    if (run.states.size() < n)
        run.states.resize(n);
    const std::span<SkuState> states(run.states.data(), n);
    std::size_t i = 0;
    for (const Index *il = byItem.begin(item); il != byItem.end(item); ++il)
        loadState(ctx, *il, states[i++]);
    addDependentDemand(states, ctx.horizon, run.echelon);
    for (SkuState &s : states)
        evaluateShortage(ctx, s);
    const auto start = std::chrono::steady_clock::now();
    planItem(ctx, states, run.scratch.plan);
    if (run.stats) {
        // A plan with a do-nothing baseline went to the solver.
        if (const planning::Plan &plan = run.scratch.plan.plan; !plan.doNothing.empty()) {
            ++run.stats->itemsPlanned;
            if (run.scratch.plan.fromMemo)
                ++run.stats->itemsFromMemo;
            else
                run.stats->flowProblems += 1 + plan.branchNodes;
        }
        run.stats->cpuSeconds
            += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }

    ExceptionRecord &rec = run.record;
    auto raised = [&](ExceptionRecord &r) {
        finishCanSave(r);
        // Each exception type set the role from the cost alone; approval limits by
        // action and customer tier, when the policy has any, decide it here.
        if (!ctx.policy.approvalLimits.empty()) {
            for (Recommendation &action : r.recommendations)
                action.requiresRole
                    = approvalNeeded(ctx.policy, action.action, action.cost, r.worstTier).role;
        }
        sink(r);
    };
    for (SkuState &s : states) {
        if (raiseShortage(ctx, states, s, run.scratch, rec))
            raised(rec);
        if (raiseReplenishment(ctx, states, s, run.scratch, rec))
            raised(rec);
        if (raiseLateSupply(ctx, s, rec))
            raised(rec);
        if (raiseAllocation(ctx, s, run.scratch, rec))
            raised(rec);
        if (raiseExcess(ctx, states, s, run.scratch.plan, rec))
            raised(rec);
        if (raiseCycleCount(ctx, s, rec))
            raised(rec);
    }
    return n;
}

/// Full records of every exception of `item`, cross-referenced (analyse()).
std::size_t scoreItem(Context &ctx, Index item, ItemRun &run, std::vector<ExceptionRecord> &out)
{
    const std::size_t first = out.size();
    const std::size_t n = raiseItem(
        ctx, item, run, [&out](ExceptionRecord &rec) { out.push_back(std::move(rec)); });
    crossReference(std::span<ExceptionRecord>(out.data() + first, out.size() - first));
    return n;
}

ExceptionSummary summarise(const Snapshot &snap, const ExceptionRecord &rec)
{
    ExceptionSummary x;
    x.type = rec.type;
    x.itemLocation = rec.itemLocation;
    x.item = rec.item;
    x.location = rec.location;
    x.needDate = rec.needDate;
    x.score = rec.score;
    for (const Factor &f : rec.factors)
        x.amounts[static_cast<std::size_t>(f.kind)] += f.amount;
    if (const Factor *top = rec.topFactor())
        x.topFactor = static_cast<std::int8_t>(top->kind);
    const Recommendation *action = rec.bestRecommendation();
    if (action) {
        x.action = static_cast<std::int8_t>(action->action);
        // Actionable: in time, or late but part of the item plan (still worth it).
        x.actionFeasible = action->feasible || action->inPlan;
        x.actionCost = action->cost;
    }
    x.worstTier = static_cast<std::int8_t>(rec.worstTier);
    x.canSave = rec.canSave;
    if (action && !action->supplierId.empty())
        x.supplier = snap.suppliers.ids.find(action->supplierId);
    else if (rec.itemLocation != kNone)
        x.supplier = snap.itemLocations.supplier[static_cast<std::size_t>(rec.itemLocation)];
    return x;
}

bool indexed(const Snapshot &snapshot)
{
    return snapshot.idx.itemLocationsByItem.start.size()
        == static_cast<std::size_t>(snapshot.items.size()) + 1;
}

/// SKU-locations per worker below which another thread costs more than it saves.
constexpr std::int64_t kMinPerWorker = 16384;

/// One worker's contiguous range of items and what it found there.
struct Chunk {
    Index firstItem = 0, endItem = 0;
    PlanStats planStats;
    std::vector<ExceptionSummary> exceptions;
    std::atomic<std::int64_t> done {0}; ///< SKU-locations scored
    std::atomic<bool> finished {false};
};

/// Scores the items of `chunk` with summaries only, calling `afterItem()` after each,
/// and ranks them. Stops early when `stop` is set (by any worker that saw the cancel
/// flag).
template <class AfterItem>
void scoreChunk(const Snapshot &snapshot, const Policy &policy, planning::PlanMemo *memo,
    Chunk &chunk, const std::atomic<bool> *cancel, std::atomic<bool> &stop, AfterItem &&afterItem)
{
    Context ctx(snapshot, policy);
    ctx.explain = false;
    ctx.memo = memo;
    ItemRun run;
    run.stats = &chunk.planStats;
    std::int64_t done = 0, nextPoll = kCancelPollEvery;
    auto sink = [&](ExceptionRecord &rec) { chunk.exceptions.push_back(summarise(snapshot, rec)); };
    for (Index item = chunk.firstItem; item < chunk.endItem; ++item) {
        // Also after afterItem(): the caller's progress callback may run code that
        // leaves the upper vector state in use.
        clearUpperVectorState();
        done += static_cast<std::int64_t>(raiseItem(ctx, item, run, sink));
        chunk.done.store(done, std::memory_order_relaxed);
        if (done >= nextPoll) {
            nextPoll = done + kCancelPollEvery;
            if ((cancel && cancel->load(std::memory_order_relaxed))
                || stop.load(std::memory_order_relaxed)) {
                stop.store(true);
                break;
            }
        }
        afterItem();
    }
    if (!stop.load(std::memory_order_relaxed))
        rank(chunk.exceptions, snapshot, policy.rankBy);
}

/// Splits the items into `workers` contiguous ranges of about equal SKU-locations.
std::vector<Index> splitItems(const Snapshot &snapshot, int workers)
{
    const RowIndex &byItem = snapshot.idx.itemLocationsByItem;
    const Index items = snapshot.items.size();
    const std::int64_t total = snapshot.itemLocations.size();
    std::vector<Index> bounds {0};
    Index item = 0;
    for (int w = 1; w < workers; ++w) {
        const std::int64_t target = total * w / workers;
        while (item < items && std::int64_t(byItem.start[std::size_t(item)]) < target)
            ++item;
        bounds.push_back(item);
    }
    bounds.push_back(items);
    return bounds;
}

} // namespace

RankedQueue score(const Snapshot &snapshot, const Policy &policy, const Progress &progress,
    int threads, planning::PlanMemo *memo)
{
    RankedQueue result;
    if (!indexed(snapshot))
        return result;
    const std::int64_t total = snapshot.itemLocations.size();
    int workers = threads > 0 ? threads
                              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (threads <= 0)
        workers = static_cast<int>(std::clamp<std::int64_t>(total / kMinPerWorker, 1, workers));
    workers = std::max(1, std::min<int>(workers, std::max<Index>(1, snapshot.items.size())));

    const std::vector<Index> bounds = splitItems(snapshot, workers);
    std::vector<Chunk> chunks(static_cast<std::size_t>(workers));
    for (std::size_t w = 0; w < chunks.size(); ++w) {
        chunks[w].firstItem = bounds[w];
        chunks[w].endItem = bounds[w + 1];
    }
    std::atomic<bool> stop {false};
    std::exception_ptr failure;
    std::mutex failureMutex;
    const std::int64_t reportStep = std::max<std::int64_t>(1, total / 100);
    std::int64_t nextReport = reportStep;
    // Progress is reported from this thread only, as the sum over the ranges.
    auto report = [&] {
        if (!progress.report)
            return;
        std::int64_t done = 0;
        for (const Chunk &c : chunks)
            done += c.done.load(std::memory_order_relaxed);
        if (done >= nextReport) {
            progress.report(done, total);
            nextReport = done + reportStep;
        }
    };
    auto work = [&](Chunk &chunk, auto &&afterItem) {
        try {
            scoreChunk(snapshot, policy, memo, chunk, progress.cancel, stop, afterItem);
        } catch (...) {
            const std::lock_guard lock(failureMutex);
            if (!failure)
                failure = std::current_exception();
            stop = true;
        }
        chunk.finished.store(true, std::memory_order_release);
    };
    {
        // This thread scores the first range, reporting as it goes, then reports
        // until the other workers are done.
        std::vector<std::jthread> pool;
        pool.reserve(chunks.size() - 1);
        for (std::size_t w = 1; w < chunks.size(); ++w)
            pool.emplace_back([&work, &chunk = chunks[w]] { work(chunk, [] {}); });
        work(chunks.front(), report);
        for (std::size_t w = 1; w < chunks.size(); ++w) {
            while (!chunks[w].finished.load(std::memory_order_acquire)) {
                report();
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        }
    } // joins the workers
    if (failure)
        std::rethrow_exception(failure);
    if (stop) {
        // A partial queue would rank some problems and silently drop others.
        result.cancelled = true;
        return result;
    }
    if (progress.report)
        progress.report(total, total);

    // Each worker ranked its own range.
    std::vector<std::vector<ExceptionSummary>> queues;
    queues.reserve(chunks.size());
    for (Chunk &c : chunks) {
        queues.push_back(std::move(c.exceptions));
        result.planStats.itemsPlanned += c.planStats.itemsPlanned;
        result.planStats.itemsFromMemo += c.planStats.itemsFromMemo;
        result.planStats.flowProblems += c.planStats.flowProblems;
        result.planStats.cpuSeconds += c.planStats.cpuSeconds;
    }
    result.exceptions = mergeRanked(queues, snapshot, policy.rankBy);
    return result;
}

ItemLocationAnalysis analyse(const Snapshot &snapshot, const Policy &policy, Index itemLocation)
{
    ItemLocationAnalysis result;
    result.itemLocation = itemLocation;
    if (!indexed(snapshot) || itemLocation < 0 || itemLocation >= snapshot.itemLocations.size())
        return result;
    clearUpperVectorState();
    Context ctx(snapshot, policy);
    ItemRun run;
    std::vector<ExceptionRecord> records;
    const std::size_t n = scoreItem(ctx, snapshot.itemLocations.item[itemLocation], run, records);
    result.plan
        = describeItemPlan(ctx, std::span<const SkuState>(run.states.data(), n), run.scratch.plan);
    for (std::size_t i = 0; i < n; ++i) {
        SkuState &s = run.states[i];
        if (s.il != itemLocation)
            continue;
        result.risk = s.risk;
        if (!s.projected)
            buildProjection(ctx, s);
        result.projection.reserve(s.balance.size());
        for (std::size_t k = 0; k < s.balance.size(); ++k) {
            ProjectionDay day;
            day.date = ctx.asOf + static_cast<Date>(k);
            day.balance = s.balance[k];
            day.receipts = s.receipts[k];
            day.ordersDue = s.ordersDue[k];
            day.forecast = s.forecast[k];
            day.outbound = s.outbound[k];
            result.projection.push_back(day);
        }
    }
    for (ExceptionRecord &r : records) {
        if (r.itemLocation == itemLocation)
            result.exceptions.push_back(std::move(r));
    }
    return result;
}

void rank(std::vector<ExceptionRecord> &exceptions, RankBy by)
{
    // Sort a permutation and move each record once: records are large, and a queue
    // can hold hundreds of thousands of them. Ids are unique, so the order is total.
    std::vector<std::uint32_t> order(exceptions.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<std::uint32_t>(i);
    std::sort(order.begin(), order.end(), [&exceptions, by](std::uint32_t ia, std::uint32_t ib) {
        const ExceptionRecord &a = exceptions[ia], &b = exceptions[ib];
        if (const double ka = rankKey(a, by), kb = rankKey(b, by); ka != kb)
            return ka > kb;
        if (a.score != b.score)
            return a.score > b.score;
        if (a.needDate != b.needDate)
            return a.needDate < b.needDate;
        if (const int c = a.id.compare(b.id); c != 0)
            return c < 0;
        return ia < ib;
    });
    std::vector<ExceptionRecord> ranked;
    ranked.reserve(exceptions.size());
    for (std::uint32_t i : order) {
        ranked.push_back(std::move(exceptions[i]));
        ranked.back().rank = static_cast<int>(ranked.size());
    }
    exceptions = std::move(ranked);
}

} // namespace engine

namespace engine {

namespace {

/// The pieces an exception id is the concatenation of.
std::array<std::string_view, 5> idParts(const Snapshot &snap, const ExceptionSummary &x)
{
    return {exceptionTypeName(x.type), ":", snap.items.ids.at(x.item), "@",
        snap.locations.ids.at(x.location)};
}

/// Byte-wise three-way comparison of two concatenations, as if each were one string.
int compareJoined(std::span<const std::string_view> a, std::span<const std::string_view> b)
{
    std::size_t ia = 0, ib = 0, oa = 0, ob = 0;
    while (true) {
        while (ia < a.size() && oa == a[ia].size()) {
            ++ia;
            oa = 0;
        }
        while (ib < b.size() && ob == b[ib].size()) {
            ++ib;
            ob = 0;
        }
        if (ia == a.size() || ib == b.size())
            return (ia == a.size() ? 0 : 1) - (ib == b.size() ? 0 : 1);
        const std::size_t n = std::min(a[ia].size() - oa, b[ib].size() - ob);
        if (const int c = std::memcmp(a[ia].data() + oa, b[ib].data() + ob, n); c != 0)
            return c;
        oa += n;
        ob += n;
    }
}

} // namespace

void exceptionId(const Snapshot &snapshot, const ExceptionSummary &x, std::string &out)
{
    out.clear();
    for (std::string_view part : idParts(snapshot, x))
        out += part;
}

std::string exceptionId(const Snapshot &snapshot, const ExceptionSummary &x)
{
    std::string id;
    exceptionId(snapshot, x, id);
    return id;
}

bool idBefore(const Snapshot &snapshot, const ExceptionSummary &a, const ExceptionSummary &b)
{
    if (a.type == b.type && a.item == b.item)
        return snapshot.locations.ids.at(a.location) < snapshot.locations.ids.at(b.location);
    return compareJoined(idParts(snapshot, a), idParts(snapshot, b)) < 0;
}

bool rankedBefore(
    const Snapshot &snapshot, const ExceptionSummary &a, const ExceptionSummary &b, RankBy by)
{
    if (const double ka = rankKey(a, by), kb = rankKey(b, by); ka != kb)
        return ka > kb;
    if (a.score != b.score)
        return a.score > b.score;
    if (a.needDate != b.needDate)
        return a.needDate < b.needDate;
    return idBefore(snapshot, a, b);
}

void rank(std::vector<ExceptionSummary> &exceptions, const Snapshot &snapshot, RankBy by)
{
    // Ids are unique (one exception of a type per SKU-location), so the order is total.
    std::sort(exceptions.begin(), exceptions.end(),
        [&snapshot, by](const ExceptionSummary &a, const ExceptionSummary &b) {
            return rankedBefore(snapshot, a, b, by);
        });
    for (std::size_t i = 0; i < exceptions.size(); ++i)
        exceptions[i].rank = static_cast<int>(i + 1);
}

std::vector<ExceptionSummary> mergeRanked(
    std::span<const std::vector<ExceptionSummary>> queues, const Snapshot &snapshot, RankBy by)
{
    std::size_t count = 0;
    for (const auto &q : queues)
        count += q.size();
    std::vector<ExceptionSummary> merged;
    merged.reserve(count);
    // The first unmerged summary of every queue, in a heap whose top comes first.
    struct Head {
        const ExceptionSummary *next, *end;
    };
    std::vector<Head> heads;
    for (const auto &q : queues) {
        if (!q.empty())
            heads.push_back({q.data(), q.data() + q.size()});
    }
    auto later = [&snapshot, by](const Head &a, const Head &b) {
        return rankedBefore(snapshot, *b.next, *a.next, by);
    };
    std::make_heap(heads.begin(), heads.end(), later);
    while (!heads.empty()) {
        std::pop_heap(heads.begin(), heads.end(), later);
        Head &h = heads.back();
        merged.push_back(*h.next);
        merged.back().rank = static_cast<int>(merged.size());
        if (++h.next == h.end)
            heads.pop_back();
        else
            std::push_heap(heads.begin(), heads.end(), later);
    }
    return merged;
}

} // namespace engine
