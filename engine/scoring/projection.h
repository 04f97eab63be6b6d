#pragma once
// Internal to the scoring engine: the working state of one SKU-location (firm
// supply events, open order lines in service order, the daily projection and the
// risk block) and the order-serving simulation that every shortage figure,
// allocation figure and recommendation benefit is computed with.

#include "engine/core/policy.h"
#include "engine/core/snapshot.h"
#include "engine/network/network.h"
#include "engine/scoring/scoringoutput.h"

#include <algorithm>
#include <climits>
#include <span>
#include <string>
#include <vector>

namespace engine::planning {
class PlanMemo;
}

namespace engine::detail {

/// A change of firm stock on a day (offset from as_of, never negative): a receipt
/// (qty > 0) or a transfer leaving (qty < 0). `po` is the PO row of a PO receipt.
struct SupplyEvent {
    int day = 0;
    double qty = 0;
    Index po = kNone;
};

/// An open sales-order line due within the horizon (or past due).
struct DemandLine {
    Index row = kNone; ///< in Snapshot::salesOrders
    int due = 0; ///< offset from as_of; negative when past due
    int tier = 3;
    double qty = 0;
    double price = 0; ///< the line's unit price
    /// Cost of one unit one day late: the customer's own rate, else the policy's
    /// share of the line's price per day for its tier.
    double penaltyRate = 0;
};

/// How one line fares when lines are served in a given order.
struct LineOutcome {
    double shortQty = 0; ///< units not covered by the due date
    /// Offset of the day firm supply covers the short units; kNoRecovery when no
    /// stock on hand, open PO or transfer in transit ever does (nothing unordered is
    /// assumed to arrive).
    int recoveryDay = 0;
};
inline constexpr int kNoRecovery = INT_MAX;

/// The share of a sale lost after `daysLate` days (policy lostSaleDays).
inline double lostShare(int daysLate, int lostSaleDays)
{
    if (daysLate <= 0)
        return 0.0;
    return lostSaleDays <= 0 ? 1.0 : std::min(1.0, double(daysLate) / lostSaleDays);
}

/// Days the short units of a line are late from its due date by the time firm supply
/// covers them, or by the horizon end when none does (then a lower bound).
inline int daysLateOf(int due, const LineOutcome &o, int horizon)
{
    return o.shortQty > 0 ? std::max(0, std::min(o.recoveryDay, horizon) - due) : 0;
}

/// The unweighted cost of the short lines of one serving simulation.
struct ShortageCost {
    /// Expected lost units x (line price - unit cost), at least 0: a short unit's sale
    /// is lost by 1/lostSaleDays for every day it waits (its days already past due
    /// included, but only the growth still to come counted), outright when no firm
    /// supply covers it.
    double margin = 0;
    double lostUnits = 0; ///< expected units whose sale is lost by waiting
    double sla = 0; ///< short unit-days still ahead (to the horizon end at most) x penalty rate
    /// Past-due short units x price x aging rate x days they still wait (to the horizon
    /// end at most): the aging still to come; the days already past are history.
    double aging = 0;
    double units = 0; ///< short units
    double unitDays = 0; ///< short units x days still late, from max(due, as_of) to recovery
    double agingUnits = 0; ///< short units on lines already past due
    double agingUnitDays = 0; ///< agingUnits x days they still wait
    double unrecoveredUnits = 0; ///< short units no firm supply covers
    int firstShortDue = INT_MAX; ///< offset of the earliest due date of a short line
    int shortLines = 0;
};

enum class Replenisher { None, Supplier, Transfer };

/// Shared by every SKU-location of one scoring run.
struct Context {
    Context(const Snapshot &s, const Policy &p);
    const Snapshot &snap;
    const Policy &policy;
    Date asOf = kNoDate;
    int horizon = 0; ///< days after as_of; the projection has horizon + 1 days
    TransferNetwork network;
    std::vector<double> locationOnHand; ///< total on hand by location
    std::string currency;
    /// Whether exceptions get their ids, sentences, factor inputs and affected order
    /// lines. A full scoring run leaves them out and keeps the numbers.
    bool explain = true;
    /// Plans of the last run to reuse and to add this run's to; none: solve every plan.
    planning::PlanMemo *memo = nullptr;
    double weight(FactorKind k) const { return policy.weights[static_cast<std::size_t>(k)]; }
};

/// The working state of one SKU-location. Vectors keep their capacity between
/// SKU-locations so a scoring run does not allocate per SKU-location.
struct SkuState {
    Index il = kNone, item = kNone, location = kNone;
    double onHand = 0, allocated = 0, start = 0, safetyStock = 0;
    double dailyDemand = 0, dailyDemandStd = 0;
    double unitCost = 0, unitPrice = 0, unitMargin = 0;
    Replenisher replenisher = Replenisher::None;
    Index supplier = kNone, sourceLocation = kNone;
    RiskFigures risk;
    double openOrderQty = 0; ///< every open order line
    double openOrderQtyHorizon = 0; ///< lines due by the horizon end (or past due)
    double openPoQty = 0, inboundQty = 0, outboundPending = 0;
    double receiptsHorizon = 0; ///< PO and inbound receipts due by the horizon end
    /// What it can give away without hurting itself or the locations it replenishes
    /// (transfer source); final once addDependentDemand has run (see spareFor).
    double freeStock = 0;
    /// Daily demand and safety stock of the SKU-locations this one replenishes by
    /// transfer, down the whole chain (see addDependentDemand); 0 at the chain's end.
    double dependentDemand = 0, dependentSafetyStock = 0;
    /// Position of its transfer source among the item's SKU-locations, kNoSource when it
    /// has none there (set by addDependentDemand).
    std::size_t sourceState = kNoSource;
    static constexpr std::size_t kNoSource = static_cast<std::size_t>(-1);

    std::vector<SupplyEvent> events; ///< by day, all dates (also beyond the horizon)
    std::vector<DemandLine> lines; ///< due by the horizon end, in service order

    bool projected = false;
    std::vector<double> receipts, ordersDue, forecast, outbound, balance; ///< horizon + 1 days

    // The firm shortage evaluation (service order), filled by evaluateShortage().
    ShortageCost shortage;
    std::vector<LineOutcome> outcomes; ///< parallel to lines
    bool hasShortage = false;
    Date needDate = kNoDate;
    double shortageLtvUnits = 0; ///< variability part of expected units short
};

/// Fills `s` for item-location row `il`: aggregates, events, lines, risk. Does not
/// build the daily projection (see buildProjection).
void loadState(Context &ctx, Index il, SkuState &s);

/// Buffers reused by addDependentDemand from one item to the next.
struct EchelonScratch {
    std::vector<std::size_t> byLocation;
    std::vector<std::size_t> parent;
    std::vector<std::size_t> seen;
};

/// Sets dependentDemand and dependentSafetyStock of every SKU-location of one item
/// (`states`, loaded by loadState): the own demand and safety stock of every
/// SKU-location replenished from it by transfer, directly or down a chain. A cycle of
/// sources counts each SKU-location once and never towards itself. Also takes the
/// dependent demand over `horizon` days and the dependent safety stock off freeStock.
void addDependentDemand(std::span<SkuState> states, int horizon, EchelonScratch &scratch);

/// What `src` can spare for a transfer to `dst` (both in `states`, after
/// addDependentDemand): its free stock, plus `dst`'s own demand over `horizon` days and
/// safety stock when `dst` is one of the locations `src` replenishes, since that share
/// was kept back for `dst` in the first place.
double spareFor(
    std::span<const SkuState> states, const SkuState &src, const SkuState &dst, int horizon);

/// Fills the per-day projection vectors of `s` (firm flows plus forecast demand).
void buildProjection(const Context &ctx, SkuState &s);

/// Serves `lines` in the given order from firm supply (start + events) and prices
/// the short units. `outcomes` (optional) gets one entry per line.
ShortageCost serveLines(const Context &ctx, const SkuState &s, std::span<const SupplyEvent> events,
    std::span<const DemandLine> lines, std::vector<LineOutcome> *outcomes);

/// Runs serveLines in service order and sets the shortage fields of `s`.
void evaluateShortage(const Context &ctx, SkuState &s);

/// The variability part of the expected units short (lead_time_volatility):
/// expected_units_short - max(0, mu - IP); 0 when the risk is undefined.
double volatilityUnits(const SkuState &s);

/// Free stock of item-location `il` as a transfer or substitute source: on hand -
/// allocated - open orders due in the horizon - pending outbound - d x horizon -
/// safety stock. Computed from the snapshot rows alone (no SkuState needed).
double freeStockOf(const Context &ctx, Index il);

} // namespace engine::detail
