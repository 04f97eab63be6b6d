// The recommendations of a shortage when its item has a plan (itemplanning.h): the
// plan's transfers, expedites and purchases that serve this location's order lines,
// each with the quantity the plan moves, then a notification for what the plan still
// leaves late, and substitutes for it. Every figure comes from the one plan, so two
// shortages are never offered the same spare units.

#include "engine/scoring/recommendations.h"

#include "engine/core/textformat.h"
#include "engine/scoring/exceptiontypes/exceptiontypes.h"
#include "engine/scoring/supplieroutlook.h"

#include <algorithm>
#include <cmath>

namespace engine::detail {

namespace {

std::string lineRef(const Snapshot &snap, const DemandLine &line)
{
    return snap.salesOrders.orderId[line.row] + '/'
        + std::to_string(snap.salesOrders.line[line.row]);
}

/// "for SO-1/1 (20), SO-2/1 (12 late)": the lines of this location an action serves.
std::string servedText(const Context &ctx, std::span<const SkuState> siblings,
    const ItemPlanning &p, const planning::Action &a, std::size_t here)
{
    std::string list;
    for (const planning::Allocation &s : a.serves) {
        const PlanDemandSource &src = p.demandSource[static_cast<std::size_t>(s.demand)];
        if (src.state != here || src.line == PlanDemandSource::kNoLine)
            continue;
        const DemandLine &line = siblings[src.state].lines[src.line];
        const bool late = a.arrivalDay > std::max(0, line.due);
        list += (list.empty() ? "" : ", ") + lineRef(ctx.snap, line) + " ("
            + fmtQty(static_cast<double>(s.qty)) + (late ? " late" : "") + ')';
    }
    return list.empty() ? std::string() : " for " + list;
}

std::string savesText(double benefit, const std::string &cur)
{
    return benefit > 0 ? "; it saves " + fmtMoney(benefit, cur) : std::string();
}

/// Whether any unit the action brings to this location's lines arrives by its due day.
bool onTimeForSome(const ItemPlanning &p, std::span<const SkuState> siblings,
    const planning::Action &a, std::size_t here)
{
    for (const planning::Allocation &s : a.serves) {
        const PlanDemandSource &src = p.demandSource[static_cast<std::size_t>(s.demand)];
        if (src.state == here && src.line != PlanDemandSource::kNoLine
            && a.arrivalDay <= std::max(0, siblings[src.state].lines[src.line].due))
            return true;
    }
    return false;
}

Recommendation fromAction(const Context &ctx, std::span<const SkuState> siblings,
    const ItemPlanning &p, std::size_t actionIndex, std::size_t here)
{
    const Snapshot &snap = ctx.snap;
    const std::string &cur = ctx.currency;
    const planning::Action &a = p.plan.actions[actionIndex];
    Recommendation r;
    r.qty = static_cast<double>(a.kind == planning::ActionKind::Purchase ? a.orderedQty : a.qty);
    r.cost = a.cost;
    r.benefit = p.actionBenefit(actionIndex);
    r.feasible = onTimeForSome(p, siblings, a, here);
    r.inPlan = true;
    r.requiresRole = requiredRole(ctx, r.cost);
    const SkuState &dst = siblings[static_cast<std::size_t>(a.location)];
    switch (a.kind) {
    case planning::ActionKind::Transfer: {
        const SkuState &src = siblings[p.laneSource[static_cast<std::size_t>(a.index)]];
        r.action = Action::Transfer;
        r.fromLocationId = snap.locations.ids.at(src.location);
        r.arrivalDate = ctx.asOf + a.arrivalDay;
        if (ctx.explain)
            r.text = "Transfer " + fmtUnits(r.qty) + " from " + r.fromLocationId
                + " today (arrives " + fmtDate(r.arrivalDate) + ") for " + fmtMoney(r.cost, cur)
                + servedText(ctx, siblings, p, a, here) + savesText(r.benefit, cur) + ".";
        break;
    }
    case planning::ActionKind::Expedite: {
        const Index po = p.receiptPo[static_cast<std::size_t>(a.index)];
        const planning::PoReceipt &receipt = p.input.receipts[static_cast<std::size_t>(a.index)];
        const int newDay = std::max(0, receipt.expedites[static_cast<std::size_t>(a.option)].day);
        const PurchaseOrders &pos = snap.purchaseOrders;
        r.action = Action::Expedite;
        r.poId = pos.poId[po];
        r.poLine = pos.line[po];
        r.newExpectedDate = ctx.asOf + newDay;
        r.supplierId = snap.suppliers.ids.at(pos.supplier[po]);
        if (ctx.explain)
            r.text = "Expedite " + fmtUnits(r.qty) + " of " + r.poId + " line "
                + std::to_string(r.poLine) + " (" + fmtQty(static_cast<double>(receipt.qty))
                + " open) with " + r.supplierId + " from "
                + fmtDate(std::max(pos.expectedDate[po], ctx.asOf)) + " to "
                + fmtDate(r.newExpectedDate) + " for " + fmtMoney(r.cost, cur)
                + servedText(ctx, siblings, p, a, here) + savesText(r.benefit, cur) + ".";
        break;
    }
    case planning::ActionKind::Purchase: {
        const SkuState &buyer = siblings[p.purchaseBuyer[static_cast<std::size_t>(a.index)]];
        r.action = Action::Purchase;
        r.arrivalDate = ctx.asOf + a.arrivalDay;
        r.supplierId = snap.suppliers.ids.at(buyer.supplier);
        const bool forwarded = &buyer != &dst;
        if (forwarded)
            r.fromLocationId = snap.locations.ids.at(buyer.location);
        if (ctx.explain)
            r.text = "Order " + fmtUnits(r.qty) + " from " + r.supplierId
                + (forwarded ? " for " + r.fromLocationId + " now and forward them to "
                            + snap.locations.ids.at(dst.location) + " on arrival (here "
                             : std::string(" now (arrives "))
                + fmtDate(r.arrivalDate) + " after "
                + supplierOutlook(ctx, buyer.item, buyer.supplier).leadText(buyer.risk.leadTimeDays)
                + (forwarded ? " and the transfer" : "") + ") for " + fmtMoney(r.cost, cur)
                + (forwarded ? " in ordering, holding and transfer cost"
                             : " in ordering and holding cost")
                + servedText(ctx, siblings, p, a, here) + savesText(r.benefit, cur) + ".";
        break;
    }
    }
    if (ctx.explain && actionIndex < p.overflowCost.size() && p.overflowCost[actionIndex] >= 0.005)
        r.text += " " + snap.locations.ids.at(dst.location) + " holds "
            + fmtQty(ctx.locationOnHand[static_cast<std::size_t>(dst.location)])
            + " units of all items against a storage capacity of "
            + fmtQty(snap.locations.storageCapacity[static_cast<std::size_t>(dst.location)]) + ": "
            + fmtMoney(p.overflowCost[actionIndex], cur)
            + " of the cost is holding these units beyond it.";
    return r;
}

/// A notification to customer service for the units `left` still late, or nullptr
/// when none are; its sentence is the caller's.
Recommendation *addNotice(const Context &ctx, const PlanShare &left, ExceptionRecord &out)
{
    if (left.unitsLeft <= kEps)
        return nullptr;
    Recommendation &r = out.recommendations.emplace_back();
    r.action = Action::NotifyCustomerService;
    r.qty = left.unitsLeft;
    r.benefit = ctx.policy.notifyPenaltyReduction * left.penaltyLeft;
    r.requiresRole = requiredRole(ctx, 0.0);
    return &r;
}

/// The end of a notification's sentence: what early notice saves.
std::string noticeSaves(const Context &ctx, const PlanShare &left)
{
    return "; early notice saves about " + fmtPercent(ctx.policy.notifyPenaltyReduction)
        + " of their " + fmtMoney(left.penaltyLeft, ctx.currency) + " late penalty.";
}

/// The lines the plan still leaves late or unserved here, for customer service.
void notifyLeft(const Context &ctx, std::span<const SkuState> siblings, const ItemPlanning &p,
    std::size_t here, ExceptionRecord &out)
{
    const PlanShare &share = p.shares[here];
    Recommendation *notice = addNotice(ctx, share, out);
    if (!notice || !ctx.explain)
        return;
    Recommendation &r = *notice;
    const Snapshot &snap = ctx.snap;
    std::string list;
    for (std::size_t k = 0; k < p.input.demands.size(); ++k) {
        const PlanDemandSource &src = p.demandSource[k];
        if (src.state != here || src.line == PlanDemandSource::kNoLine)
            continue;
        const planning::DemandOutcome &o = p.plan.demands[k];
        const planning::Units left = o.late + o.unserved;
        if (left == 0)
            continue;
        const DemandLine &line = siblings[here].lines[src.line];
        r.orderLines.push_back({snap.salesOrders.orderId[line.row], snap.salesOrders.line[line.row],
            static_cast<double>(left)});
        std::string when;
        if (o.late > 0)
            when = "ships by " + fmtDate(ctx.asOf + std::max(0, line.due) + o.lateBy.back().days);
        if (o.unserved > 0)
            when += (when.empty() ? "" : ", ") + fmtQty(static_cast<double>(o.unserved))
                + " with no supply in sight";
        list += (list.empty() ? "" : ", ") + lineRef(snap, line) + " ("
            + fmtUnits(static_cast<double>(left)) + ", " + when + ')';
    }
    r.text = "After the plan, tell customer service now which lines will still be late: " + list
        + noticeSaves(ctx, share);
}

/// A substitute with spare stock here for the units the plan leaves short.
void substitutesLeft(
    const Context &ctx, const SkuState &s, const PlanShare &share, ExceptionRecord &out)
{
    const Snapshot &snap = ctx.snap;
    const Index group = snap.items.substituteGroup[s.item];
    if (group == kNone || share.unitsLeft <= kEps)
        return;
    const double costPerUnit = share.planCost / share.unitsLeft;
    const RowIndex &byGroup = snap.idx.itemsBySubstituteGroup;
    for (const Index *it = byGroup.begin(group); it != byGroup.end(group); ++it) {
        if (*it == s.item)
            continue;
        const Index il2 = snap.itemLocation(*it, s.location);
        if (il2 == kNone)
            continue;
        const double qty = std::max(0.0,
            std::min(std::ceil(share.unitsLeft - kEps), std::floor(freeStockOf(ctx, il2) + kEps)));
        if (qty <= kEps)
            continue;
        const double priceDiff = std::max(0.0, snap.items.unitPrice[*it] - s.unitPrice);
        Recommendation r;
        r.action = Action::Substitute;
        r.qty = qty;
        r.substituteItemId = snap.items.ids.at(*it);
        r.arrivalDate = ctx.asOf;
        r.cost = qty * priceDiff;
        r.benefit = std::min(qty, share.unitsLeft) * costPerUnit;
        r.requiresRole = requiredRole(ctx, r.cost);
        if (r.netBenefit() <= 0)
            continue; // never recommend what loses money
        if (ctx.explain)
            r.text = "Ship " + fmtUnits(qty) + " of " + r.substituteItemId
                + " (same substitute group, spare stock here) for the units the plan leaves "
                  "short; the price difference costs "
                + fmtMoney(r.cost, ctx.currency) + "; it saves " + fmtMoney(r.benefit, ctx.currency)
                + ".";
        out.recommendations.push_back(std::move(r));
    }
}

/// What the lines of `s` cost when nothing moves, in the terms of a plan share.
PlanShare baselineShare(const Context &ctx, const SkuState &s)
{
    PlanShare b;
    const ShortageCost &c = s.shortage;
    b.doNothingCost = b.planCost = ctx.weight(FactorKind::MarginAtRisk) * c.margin
        + ctx.weight(FactorKind::SlaPenalty) * c.sla + ctx.weight(FactorKind::OrderAging) * c.aging;
    b.unitsLeft = c.units;
    b.penaltyLeft = ctx.weight(FactorKind::SlaPenalty) * c.sla;
    return b;
}

/// Customer service is told about the short lines of the score when nothing that
/// arrives within the horizon pays for itself.
void notifyBaseline(
    const Context &ctx, const SkuState &s, const PlanShare &baseline, ExceptionRecord &out)
{
    Recommendation *notice = addNotice(ctx, baseline, out);
    if (!notice || !ctx.explain)
        return;
    Recommendation &r = *notice;
    const Snapshot &snap = ctx.snap;
    std::string list;
    for (std::size_t i = 0; i < s.lines.size() && i < s.outcomes.size(); ++i) {
        const LineOutcome &o = s.outcomes[i];
        if (o.shortQty <= kEps)
            continue;
        const DemandLine &line = s.lines[i];
        r.orderLines.push_back(
            {snap.salesOrders.orderId[line.row], snap.salesOrders.line[line.row], o.shortQty});
        list += (list.empty() ? "" : ", ") + lineRef(snap, line) + " (" + fmtUnits(o.shortQty)
            + (o.recoveryDay == kNoRecovery ? std::string(", no supply in sight")
                                            : ", expected " + fmtDate(ctx.asOf + o.recoveryDay))
            + ')';
    }
    std::string why = "No transfer, expedite or purchase that arrives within the "
        + std::to_string(ctx.horizon) + "-day horizon saves more than it costs";
    if (s.replenisher == Replenisher::Supplier && s.risk.defined
        && s.risk.leadTimeDays > ctx.horizon)
        why += " (a new purchase takes " + fmtQty(s.risk.leadTimeDays) + " days)";
    r.text = why + "; tell customer service now which lines will be late: " + list
        + noticeSaves(ctx, baseline);
}

} // namespace

void recommendShortageFromPlan(Context &ctx, std::span<SkuState> siblings, SkuState &s,
    const ItemPlanning &p, ExceptionRecord &out)
{
    const std::size_t here = static_cast<std::size_t>(&s - siblings.data());
    out.recommendations.clear();
    for (std::size_t a = 0; a < p.plan.actions.size(); ++a) {
        if (p.servedAt[a][here] <= 0)
            continue;
        out.recommendations.push_back(fromAction(ctx, siblings, p, a, here));
    }
    std::stable_sort(out.recommendations.begin(), out.recommendations.end(),
        [](const Recommendation &a, const Recommendation &b) {
            return a.netBenefit() > b.netBenefit();
        });
    const bool planActs = !out.recommendations.empty();
    const std::size_t firstAfterPlan = out.recommendations.size();
    if (planActs) {
        substitutesLeft(ctx, s, p.shares[here], out);
        notifyLeft(ctx, siblings, p, here, out);
    } else {
        // Nothing moves for this location: its lines fare as the score says (the plan
        // may share its stock among them otherwise, which is the allocation's call).
        const PlanShare baseline = baselineShare(ctx, s);
        substitutesLeft(ctx, s, baseline, out);
        notifyBaseline(ctx, s, baseline, out);
    }
    // The plan's own saving, with the best of what it leaves to substitutes or notice.
    double extra = 0;
    for (std::size_t i = firstAfterPlan; i < out.recommendations.size(); ++i)
        extra = std::max(extra, out.recommendations[i].netBenefit());
    out.canSave = std::min(out.score, (planActs ? p.shares[here].saving() : 0.0) + extra);
}

ItemPlanView describeItemPlan(
    const Context &ctx, std::span<const SkuState> states, const ItemPlanning &p)
{
    ItemPlanView view;
    if (!p.solved)
        return view;
    const Locations &locs = ctx.snap.locations;
    view.planned = true;
    view.doNothingCost = p.plan.actions.empty() ? 0.0 : p.plan.doNothingCost;
    view.planCost = p.plan.actions.empty() ? 0.0 : p.plan.cost;
    for (std::size_t a = 0; a < p.plan.actions.size(); ++a) {
        const planning::Action &act = p.plan.actions[a];
        const auto to = static_cast<std::size_t>(act.location);
        PlanStep &step = view.steps.emplace_back();
        step.action = fromAction(ctx, states, p, a, to);
        step.toLocationId = locs.ids.at(states[to].location);
        step.keptInStock = static_cast<double>(act.keptInStock);
        for (std::size_t i = 0; i < states.size(); ++i) {
            double units = a < p.servedAt.size() ? p.servedAt[a][i] : 0.0;
            if (i == to)
                units -= step.keptInStock;
            if (units > kEps)
                step.serves.emplace_back(locs.ids.at(states[i].location), units);
        }
    }
    std::vector<PlanLocationOutcome> outcome(states.size());
    const bool solved = !p.plan.demands.empty() && !p.plan.doNothing.empty();
    for (std::size_t k = 0; solved && k < p.input.demands.size(); ++k) {
        const PlanDemandSource &src = p.demandSource[k];
        if (src.line == PlanDemandSource::kNoLine)
            continue;
        const planning::DemandOutcome &none = p.plan.doNothing[k], &with = p.plan.demands[k];
        PlanLocationOutcome &o = outcome[src.state];
        o.unitsLateDoingNothing += static_cast<double>(none.late + none.unserved);
        o.unitsLateWithPlan += static_cast<double>(with.late + with.unserved);
        o.unitsUnservedDoingNothing += static_cast<double>(none.unserved);
        o.unitsUnservedWithPlan += static_cast<double>(with.unserved);
    }
    for (std::size_t i = 0; !solved && i < states.size(); ++i) {
        // Nothing could act: the score's own short units stay short.
        if (states[i].hasShortage) {
            PlanLocationOutcome &o = outcome[i];
            o.unitsLateDoingNothing = o.unitsLateWithPlan = states[i].shortage.units;
            o.unitsUnservedDoingNothing = o.unitsUnservedWithPlan
                = states[i].shortage.unrecoveredUnits;
        }
    }
    for (std::size_t i = 0; i < states.size(); ++i) {
        if (!states[i].hasShortage)
            continue;
        outcome[i].locationId = locs.ids.at(states[i].location);
        outcome[i].saving = i < p.shares.size() ? p.shares[i].saving() : 0.0;
        view.locations.push_back(std::move(outcome[i]));
    }
    return view;
}

} // namespace engine::detail
