#pragma once
// The ranked queue of engine::score() with every exception's full record, as
// engine::analyse() gives it for the exception's SKU-location. Tests that look at
// factors, sentences and recommendations of ranked exceptions read them here, and
// every summary is checked against its record on the way: the queue's numbers must
// be the explanation's.

#include "engine/scoring/scoring.h"

#include <QtTest/QtTest>

#include <string>
#include <vector>

namespace testsupport {

struct RankedRecords {
    engine::RankedQueue summary;
    /// Parallel to summary.exceptions: same order, rank set from the summary.
    std::vector<engine::ExceptionRecord> exceptions;
};

/// Where `x` differs from `rec` (the record analyse() gives), or empty when it does not.
inline std::string summaryMismatch(const engine::Snapshot &snap, const engine::ExceptionSummary &x,
    const engine::ExceptionRecord &rec)
{
    if (engine::exceptionId(snap, x) != rec.id)
        return "id " + engine::exceptionId(snap, x) + " vs " + rec.id;
    if (x.score != rec.score)
        return rec.id + ": score";
    if (x.needDate != rec.needDate)
        return rec.id + ": need date";
    std::array<double, engine::kFactorCount> amounts {};
    for (const engine::Factor &f : rec.factors)
        amounts[std::size_t(f.kind)] += f.amount;
    if (x.amounts != amounts)
        return rec.id + ": factor amounts";
    const engine::Factor *top = rec.topFactor();
    if (x.topFactor != (top ? int(top->kind) : -1))
        return rec.id + ": top factor";
    const engine::Recommendation *action = rec.bestRecommendation();
    if (x.action != (action ? int(action->action) : -1))
        return rec.id + ": top action";
    if (x.actionFeasible != (action && (action->feasible || action->inPlan)))
        return rec.id + ": action feasibility";
    if (x.canSave != rec.canSave)
        return rec.id + ": can save";
    if (action && x.actionCost != action->cost)
        return rec.id + ": action cost";
    if (!action && !std::isnan(x.actionCost))
        return rec.id + ": action cost without an action";
    int worstTier = 0;
    for (const engine::OrderImpact &o : rec.orders) {
        if (o.tier > 0 && (worstTier == 0 || o.tier < worstTier))
            worstTier = o.tier;
    }
    if (x.worstTier != worstTier || rec.worstTier != worstTier)
        return rec.id + ": worst tier";
    const engine::Index supplier = action && !action->supplierId.empty()
        ? snap.suppliers.ids.find(action->supplierId)
        : snap.itemLocations.supplier[std::size_t(rec.itemLocation)];
    if (x.supplier != supplier)
        return rec.id + ": supplier";
    return {};
}

/// score(), then analyse() for each exception; fails the running test when a summary
/// differs from its record.
inline RankedRecords rankedRecords(const engine::Snapshot &snap, const engine::Policy &policy,
    const engine::Progress &progress = {}, int threads = 0)
{
    RankedRecords out;
    out.summary = engine::score(snap, policy, progress, threads);
    out.exceptions.reserve(out.summary.exceptions.size());
    for (const engine::ExceptionSummary &x : out.summary.exceptions) {
        engine::ItemLocationAnalysis a = engine::analyse(snap, policy, x.itemLocation);
        engine::ExceptionRecord *match = nullptr;
        for (engine::ExceptionRecord &rec : a.exceptions) {
            if (rec.type == x.type)
                match = &rec;
        }
        if (!match) {
            QTest::qFail(("analyse() does not raise " + engine::exceptionId(snap, x)).c_str(),
                __FILE__, __LINE__);
            out.exceptions.emplace_back();
            continue;
        }
        if (const std::string why = summaryMismatch(snap, x, *match); !why.empty())
            QTest::qFail(("summary differs from analyse(): " + why).c_str(), __FILE__, __LINE__);
        match->rank = x.rank;
        out.exceptions.push_back(std::move(*match));
    }
    return out;
}

} // namespace testsupport
