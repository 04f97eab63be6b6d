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

void startRecord(const Context &ctx, ExceptionType type, const SkuState &s, ExceptionRecord &out)
{
    // Cleared member by member: the record is reused from one exception to the next,
    // and its vectors keep their capacity when a scoring run does not move it out.
    out.id.clear();
    out.factors.clear();
    out.orders.clear();
    out.recommendations.clear();
    out.related.clear();
    out.rank = 0;
    out.score = 0;
    out.needDate = kNoDate;
    out.worstTier = 0;
    out.canSave = kUnset;
    if (ctx.explain)
        out.id = exceptionId(ctx, type, s.item, s.location);
    out.type = type;
    out.itemLocation = s.il;
    out.item = s.item;
    out.location = s.location;
}

std::string orderRef(const Snapshot &snap, Index row)
{
    return snap.salesOrders.orderId[row] + '/' + std::to_string(snap.salesOrders.line[row]);
}

OrderImpact impactOf(const Context &ctx, const DemandLine &line, const LineOutcome &o)
{
    const SalesOrders &so = ctx.snap.salesOrders;
    OrderImpact imp;
    imp.salesOrder = line.row;
    imp.orderId = so.orderId[line.row];
    imp.line = so.line[line.row];
    const Index c = so.customer[line.row];
    imp.customerId = c >= 0 ? ctx.snap.customers.ids.at(c) : std::string();
    imp.tier = line.tier;
    imp.qtyOpen = line.qty;
    imp.qtyShort = o.shortQty;
    imp.dueDate = so.dueDate[line.row];
    imp.daysLate = o.shortQty > kEps ? daysLateOf(line.due, o, ctx.horizon) : 0;
    return imp;
}

std::string exceptionId(const Context &ctx, ExceptionType type, Index item, Index location)
{
    std::string id = exceptionTypeName(type);
    id += ':';
    id += ctx.snap.items.ids.at(item);
    id += '@';
    id += ctx.snap.locations.ids.at(location);
    return id;
}

void finishFactors(ExceptionRecord &rec)
{
    // Factors worth less than half a cent do not apply; the first one added is the
    // type's main factor and stays when nothing else does.
    auto negligible = [](const Factor &f) { return std::abs(f.value()) < 0.005; };
    if (std::all_of(rec.factors.begin(), rec.factors.end(), negligible))
        rec.factors.resize(std::min<std::size_t>(rec.factors.size(), 1));
    else
        std::erase_if(rec.factors, negligible);
    stableSort(rec.factors.begin(), rec.factors.end(), [](const Factor &a, const Factor &b) {
        if (a.value() != b.value())
            return a.value() > b.value();
        return a.kind < b.kind;
    });
    double sum = 0;
    for (const Factor &f : rec.factors)
        sum += f.value();
    rec.score = sum;
}

bool recommendationBefore(const Recommendation &a, const Recommendation &b)
{
    if (a.feasible != b.feasible)
        return a.feasible;
    if (a.netBenefit() != b.netBenefit())
        return a.netBenefit() > b.netBenefit();
    if (a.action != b.action)
        return a.action < b.action;
    return std::tie(
               a.fromLocationId, a.toLocationId, a.poId, a.poLine, a.substituteItemId, a.supplierId)
        < std::tie(
            b.fromLocationId, b.toLocationId, b.poId, b.poLine, b.substituteItemId, b.supplierId);
}

void sortRecommendations(std::span<Recommendation> recs)
{
    const std::size_t n = recs.size();
    if (n > static_cast<std::size_t>(kInsertionSortMax)) {
        std::stable_sort(recs.begin(), recs.end(), recommendationBefore);
        return;
    }
    // A recommendation is a handful of strings and a vector: sort their positions,
    // then move each one into place once.
    std::array<std::uint8_t, kInsertionSortMax> order {};
    for (std::size_t i = 0; i < n; ++i)
        order[i] = static_cast<std::uint8_t>(i);
    stableSort(order.begin(), order.begin() + n,
        [recs](std::uint8_t a, std::uint8_t b) { return recommendationBefore(recs[a], recs[b]); });
    // order[k] is the position the k-th recommendation comes from: follow each cycle.
    for (std::size_t k = 0; k < n; ++k) {
        if (order[k] == k)
            continue;
        Recommendation held = std::move(recs[k]);
        std::size_t to = k;
        while (order[to] != k) {
            const std::size_t from = order[to];
            recs[to] = std::move(recs[from]);
            order[to] = static_cast<std::uint8_t>(to);
            to = from;
        }
        recs[to] = std::move(held);
        order[to] = static_cast<std::uint8_t>(to);
    }
}

Role requiredRole(const Context &ctx, double cost)
{
    return cost <= ctx.policy.plannerApprovalLimit ? Role::Planner : Role::Manager;
}

} // namespace engine::detail
