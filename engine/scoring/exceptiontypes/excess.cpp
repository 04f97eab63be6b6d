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

ExcessCost excessCost(const Context &ctx, const SkuState &s, double removed)
{
    ExcessCost c;
    const Snapshot &snap = ctx.snap;
    const double lead = s.risk.defined ? s.risk.leadTimeDays : 0.0;
    // A source's stock also serves the locations it replenishes (dependent demand).
    const double demand = s.dailyDemand + s.dependentDemand;
    const double excess0 = std::max(0.0,
        s.start + s.receiptsHorizon - s.openOrderQty - s.outboundPending
            - demand * (ctx.horizon + lead) - s.safetyStock - s.dependentSafetyStock);
    c.excessUnits = std::max(0.0, excess0 - removed);
    c.carrying = c.excessUnits * s.unitCost * ctx.policy.holdingCostRate * ctx.horizon / 365.0;

    const double shelf = snap.items.shelfLifeDays[s.item];
    if (isSet(shelf)) {
        const double beyond
            = std::max(0.0, s.start - s.openOrderQty - s.outboundPending - demand * shelf);
        c.shelfUnits = std::max(0.0, beyond - removed);
        c.shelfLife = c.shelfUnits * s.unitCost;
    }

    const double capacity = snap.locations.storageCapacity[s.location];
    const double total = ctx.locationOnHand[static_cast<std::size_t>(s.location)];
    if (isSet(capacity) && total > capacity && total > 0) {
        // The overflow is shared by the SKUs in proportion to their stock.
        const double share = (total - capacity) * s.onHand / total;
        c.overflowUnits = std::max(0.0, std::min(excess0, share) - removed);
        c.capacity = c.overflowUnits * s.unitCost * ctx.policy.overflowCostRate;
    }
    c.weighted = ctx.weight(FactorKind::CarryingCost) * c.carrying
        + ctx.weight(FactorKind::ShelfLifeRisk) * c.shelfLife
        + ctx.weight(FactorKind::CapacityPressure) * c.capacity;
    return c;
}

bool raiseExcess(Context &ctx, std::span<SkuState> siblings, SkuState &s, const ItemPlanning &plan,
    ExceptionRecord &out)
{
    // Stock that cannot even serve today's orders is not excess, whatever arrives later.
    if (s.hasShortage || s.start <= kEps)
        return false;
    const double demand = s.dailyDemand + s.dependentDemand;
    const double cover = demand > 0 ? s.start / demand : std::numeric_limits<double>::infinity();
    if (!(cover > ctx.policy.excessDaysOfCover))
        return false;
    const ExcessCost cost = excessCost(ctx, s, 0.0);
    const double value = cost.excessUnits * s.unitCost;
    if (cost.excessUnits <= kEps || value < ctx.policy.excessMinValue
        || cost.weighted < minScore(ctx, ExceptionType::Excess))
        return false;

    startRecord(ctx, ExceptionType::Excess, s, out);
    out.needDate = ctx.asOf + ctx.horizon;
    const std::string &cur = ctx.currency;
    std::string coverText;
    if (ctx.explain) {
        if (std::isinf(cover))
            coverText = "with no forecast demand";
        else if (s.dependentDemand > 0)
            coverText = "covering " + fmtNumber(cover, 0)
                + " days of its own demand and that of the locations it replenishes";
        else
            coverText = "covering " + fmtNumber(cover, 0) + " days of demand";
    }
    addFactor(ctx, out, FactorKind::CarryingCost, cost.carrying, [&] {
        return FactorText {{{"units", cost.excessUnits}, {"unit_cost", s.unitCost},
                               {"holding_cost_rate", ctx.policy.holdingCostRate},
                               {"days", double(ctx.horizon)}, {"days_of_cover", cover}},
            fmtUnits(cost.excessUnits) + " (" + fmtMoney(value, cur) + ") are beyond need, "
                + coverText + "; holding them for " + fmtDays(ctx.horizon) + " costs "
                + fmtMoney(cost.carrying, cur) + "."};
    });
    if (cost.shelfLife > 0) {
        const double shelf = ctx.snap.items.shelfLifeDays[s.item];
        addFactor(ctx, out, FactorKind::ShelfLifeRisk, cost.shelfLife, [&] {
            return FactorText {
                {{"units", cost.shelfUnits}, {"unit_cost", s.unitCost}, {"shelf_life_days", shelf}},
                fmtUnits(cost.shelfUnits) + " will not sell within the " + fmtNumber(shelf, 0)
                    + "-day shelf life: " + fmtMoney(cost.shelfLife, cur) + " of write-off."};
        });
    }
    if (cost.capacity > 0) {
        const double capacity = ctx.snap.locations.storageCapacity[s.location];
        addFactor(ctx, out, FactorKind::CapacityPressure, cost.capacity, [&] {
            return FactorText {
                {{"units", cost.overflowUnits}, {"unit_cost", s.unitCost},
                    {"overflow_cost_rate", ctx.policy.overflowCostRate},
                    {"location_on_hand", ctx.locationOnHand[static_cast<std::size_t>(s.location)]},
                    {"storage_capacity", capacity}},
                "The location holds more than its capacity of " + fmtUnits(capacity) + "; "
                    + fmtQty(cost.overflowUnits)
                    + " of the overflow are this SKU's: " + fmtMoney(cost.capacity, cur) + "."};
        });
    }
    finishFactors(out);
    recommendExcess(ctx, siblings, s, cost, plan, out);
    return out.score >= minScore(ctx, ExceptionType::Excess);
}

} // namespace engine::detail
