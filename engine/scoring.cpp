#include "scoring.h"

#include "exceptions.h"
#include "projection.h"

#include <algorithm>
#include <span>

namespace engine {

namespace {

using namespace detail;

constexpr std::int64_t kCancelPollEvery = 4096;

/// Buffers reused from one item to the next.
struct ItemRun {
    std::vector<SkuState> states;
    Scratch scratch;
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

/// Loads every location of `item`, raises their exceptions and appends them to `out`.
/// Returns the number of SKU-locations of the item.
std::size_t scoreItem(Context &ctx, Index item, ItemRun &run, std::vector<ExceptionRecord> &out)
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
    for (SkuState &s : states)
        evaluateShortage(ctx, s);

    const std::size_t first = out.size();
    ExceptionRecord &rec = run.record;
    for (SkuState &s : states) {
        if (raiseShortage(ctx, states, s, run.scratch, rec))
            out.push_back(std::move(rec));
        if (raiseReplenishment(ctx, states, s, rec))
            out.push_back(std::move(rec));
        if (raiseLateSupply(ctx, s, rec))
            out.push_back(std::move(rec));
        if (raiseAllocation(ctx, s, run.scratch, rec))
            out.push_back(std::move(rec));
        if (raiseExcess(ctx, states, s, rec))
            out.push_back(std::move(rec));
        if (raiseCycleCount(ctx, s, rec))
            out.push_back(std::move(rec));
    }
    crossReference(std::span<ExceptionRecord>(out.data() + first, out.size() - first));
    return n;
}

bool indexed(const Snapshot &snapshot)
{
    return snapshot.idx.itemLocationsByItem.start.size()
        == static_cast<std::size_t>(snapshot.items.size()) + 1;
}

} // namespace

ScoreResult score(const Snapshot &snapshot, const Policy &policy, const Progress &progress)
{
    ScoreResult result;
    if (!indexed(snapshot))
        return result;
    Context ctx(snapshot, policy);
    ItemRun run;
    const std::int64_t total = snapshot.itemLocations.size();
    const std::int64_t reportStep = std::max<std::int64_t>(1, total / 100);
    std::int64_t done = 0, nextPoll = kCancelPollEvery, nextReport = reportStep;

    for (Index item = 0; item < snapshot.items.size(); ++item) {
        done += static_cast<std::int64_t>(scoreItem(ctx, item, run, result.exceptions));
        if (done >= nextPoll) {
            nextPoll = done + kCancelPollEvery;
            if (progress.cancel && progress.cancel->load(std::memory_order_relaxed)) {
                // A partial queue would rank some problems and silently drop others.
                result.exceptions.clear();
                result.cancelled = true;
                return result;
            }
        }
        if (progress.report && done >= nextReport) {
            progress.report(done, total);
            nextReport = done + reportStep;
        }
    }
    if (progress.report)
        progress.report(total, total);
    rank(result.exceptions);
    return result;
}

ItemLocationResult analyse(const Snapshot &snapshot, const Policy &policy, Index itemLocation)
{
    ItemLocationResult result;
    result.itemLocation = itemLocation;
    if (!indexed(snapshot) || itemLocation < 0 || itemLocation >= snapshot.itemLocations.size())
        return result;
    Context ctx(snapshot, policy);
    ItemRun run;
    std::vector<ExceptionRecord> records;
    const std::size_t n = scoreItem(ctx, snapshot.itemLocations.item[itemLocation], run, records);
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

void rank(std::vector<ExceptionRecord> &exceptions)
{
    // Sort a permutation and move each record once: records are large, and a queue
    // can hold hundreds of thousands of them. Ids are unique, so the order is total.
    std::vector<std::uint32_t> order(exceptions.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<std::uint32_t>(i);
    std::sort(order.begin(), order.end(), [&exceptions](std::uint32_t ia, std::uint32_t ib) {
        const ExceptionRecord &a = exceptions[ia], &b = exceptions[ib];
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
