#include "engine/scoring/exceptiontypes/exceptiontypes.h"

#include "engine/core/smallsort.h"
#include "engine/core/textformat.h"
#include "engine/scoring/riskmath.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <tuple>

namespace engine::detail {

bool raiseAllocation(Context &ctx, SkuState &s, Scratch &w, ExceptionRecord &out)
{
    if (s.start <= kEps)
        return false;
    w.lines.clear();
    double dueNow = 0;
    for (const DemandLine &l : s.lines) {
        if (l.due <= ctx.policy.allocationWindowDays) {
            w.lines.push_back(l);
            dueNow += l.qty;
        }
    }
    if (w.lines.size() < 2 || dueNow <= s.start + kEps)
        return false;

    const SalesOrders &so = ctx.snap.salesOrders;
    auto byIds = [&so](const DemandLine &a, const DemandLine &b) {
        if (const int c = so.orderId[a.row].compare(so.orderId[b.row]); c != 0)
            return c < 0;
        return so.line[a.row] < so.line[b.row];
    };
    // What the ERP does by default: first come, first served.
    std::sort(w.lines.begin(), w.lines.end(), [&](const DemandLine &a, const DemandLine &b) {
        if (so.orderDate[a.row] != so.orderDate[b.row])
            return so.orderDate[a.row] < so.orderDate[b.row];
        return byIds(a, b);
    });
    const double fcfs = serveLines(ctx, s, s.events, w.lines, nullptr).sla;
    // The recommendation: the costliest lateness first, then the earliest due.
    std::sort(w.lines.begin(), w.lines.end(), [&](const DemandLine &a, const DemandLine &b) {
        if (a.penaltyRate != b.penaltyRate)
            return a.penaltyRate > b.penaltyRate;
        if (a.due != b.due)
            return a.due < b.due;
        return byIds(a, b);
    });
    w.outcomes.clear();
    const double better = serveLines(ctx, s, s.events, w.lines, &w.outcomes).sla;
    const double saving = std::max(0.0, fcfs - better);
    if (ctx.weight(FactorKind::SlaPenalty) * saving < minScore(ctx, ExceptionType::Allocation))
        return false;

    startRecord(ctx, ExceptionType::Allocation, s, out);
    int firstDue = INT_MAX;
    for (const DemandLine &l : w.lines)
        firstDue = std::min(firstDue, l.due);
    out.needDate = ctx.asOf + std::max(0, firstDue);
    const std::string &cur = ctx.currency;
    addFactor(ctx, out, FactorKind::SlaPenalty, saving, [&] {
        return FactorText {{{"available", s.start}, {"due_now", dueNow}, {"penalty_fcfs", fcfs},
                               {"penalty_recommended", better}, {"lines", double(w.lines.size())}},
            fmtUnits(s.start) + " on hand must serve " + fmtUnits(dueNow) + " due on "
                + std::to_string(w.lines.size()) + " order lines; first come, first served costs "
                + fmtMoney(fcfs, cur) + " in late penalties, serving the costliest lateness first "
                + fmtMoney(better, cur) + "."};
    });
    finishFactors(out);

    Recommendation &rec = out.recommendations.emplace_back();
    rec.action = Action::Allocate;
    rec.qty = s.start;
    rec.benefit = out.score;
    rec.requiresRole = requiredRole(ctx, 0.0);
    for (const DemandLine &l : w.lines)
        noteTier(out, l.tier);
    if (ctx.explain) {
        double left = s.start;
        std::string list;
        for (std::size_t i = 0; i < w.lines.size(); ++i) {
            const DemandLine &l = w.lines[i];
            const double give = std::clamp(left, 0.0, l.qty);
            left -= give;
            rec.orderLines.push_back({so.orderId[l.row], so.line[l.row], give});
            out.orders.push_back(impactOf(ctx, l, w.outcomes[i]));
            if (give > kEps)
                list
                    += (list.empty() ? "" : ", ") + orderRef(ctx.snap, l.row) + ": " + fmtQty(give);
        }
        rec.text = "Allocate the " + fmtUnits(s.start) + " by late penalty (" + list
            + "); this saves " + fmtMoney(out.score, cur) + " against first come, first served.";
    }
    return true;
}

} // namespace engine::detail
