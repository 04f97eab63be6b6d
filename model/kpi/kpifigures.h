#pragma once
// Managers' KPIs of one snapshot (or of one location, ABC class, customer tier or
// planner within it), as plain sums that a test can work out by hand. What each figure
// means and which data it comes from: docs/kpis.md.

#include "engine/core/policy.h"
#include "model/snapshots/snapshotinfo.h"

#include <QString>

#include <array>
#include <map>
#include <optional>
#include <vector>

namespace model {

/// How the KPIs of a snapshot are cut besides the overall figures.
enum class KpiDimension { None, Location, Abc, Tier, Planner };

/// "location", "abc", "tier", "planner"; "" for None.
QString dimensionName(KpiDimension dimension);
/// Inverse of dimensionName (an empty name is None); nullopt when unknown.
std::optional<KpiDimension> parseDimension(const QString &name);

/// The KPIs of one snapshot or of one group within it.
struct KpiFigures {
    // From the latest run of the snapshot.
    double exposure = 0; ///< sum of the exceptions' scores (the cost of doing nothing)
    double canSave = 0; ///< sum of what acting as recommended saves
    /// Of canSave, what is on exceptions whose standing decision approves the action
    /// (as proposed or overridden, by a planner or by a rule, not awaiting a second
    /// approval). Not counted by planner: the run's figures are nobody's.
    double canSaveTaken = 0;
    std::array<int, engine::kExceptionTypeCount> exceptions {}; ///< count by type
    /// Excess stock at cost: the excess exceptions' units beyond need x unit cost.
    double excessValue = 0;

    // From the snapshot's open sales order lines and the run's shortages.
    int openLines = 0; ///< lines with an open quantity
    int shortLines = 0; ///< of them, lines at an item-location the run shows short
    int tier1Lines = 0; ///< open lines of tier-1 customers
    int tier1ShortLines = 0;
    int backorderLines = 0; ///< open lines due before the snapshot's as_of
    double backorderValue = 0; ///< their open quantity x unit price
    /// SKU-locations with no free stock (on_hand - allocated <= 0) and demand (an open
    /// order line or forecast > 0): one night each. Not cut by tier or planner.
    int stockouts = 0;
    /// Inventory turns, from the snapshot's item-locations (no run needed, kept with the
    /// run figures): stock on hand at cost, and the cost of a year of the forward demand
    /// the snapshot states (daily_demand x unit cost x 365). Not cut by tier or planner.
    double stockAtCost = 0;
    double annualCogs = 0;

    // From the decisions taken on the snapshot's runs (that stand, not undone).
    int decisions = 0;
    int approved = 0; ///< approved as recommended
    int overridden = 0; ///< approved at another quantity
    int rejected = 0;
    int plannerDays = 0; ///< distinct (planner, UTC day) pairs with a decision
    /// Hours from the first run of an unbroken series showing the exception to the
    /// decision, one per decision whose series could be traced.
    std::vector<double> touchHours;

    // Transfer cycle: the approved transfer decisions of the snapshot's runs (the latest
    // standing decision on the exception approves a transfer, as proposed or overridden,
    // and awaits no second approval). Each leg's hours, one per decision whose leg has
    // ended; a leg still open is not counted (transfers - its size are open).
    int transfers = 0;
    std::vector<double> exportHours; ///< approval -> the first export batch holding it
    std::vector<double> ackHours; ///< that first export -> the ERP's 'accepted'
    std::vector<double> receivedHours; ///< approval -> a later snapshot shows it (closed seen)

    int exceptionCount() const;
    /// canSave - canSaveTaken: what acting could still save.
    double canSaveLeft() const { return canSave - canSaveTaken; }
    /// 1 - shortLines / openLines; nullopt without open lines.
    std::optional<double> fillRate() const;
    std::optional<double> tier1FillRate() const;
    /// annualCogs / stockAtCost: how many times a year the stock turns; nullopt without
    /// stock at cost.
    std::optional<double> inventoryTurns() const;
    /// decisions / plannerDays; nullopt without decisions.
    std::optional<double> decisionsPerPlannerDay() const;
    /// Share of the decisions (nullopt without any).
    std::optional<double> share(int count) const;
    std::optional<double> meanTouchHours() const;
    std::optional<double> medianTouchHours() const;
    std::optional<double> medianExportHours() const { return medianOf(exportHours); }
    std::optional<double> medianAckHours() const { return medianOf(ackHours); }
    std::optional<double> medianReceivedHours() const { return medianOf(receivedHours); }
    /// The approved transfers whose leg has not ended yet.
    int openLeg(const std::vector<double> &leg) const { return transfers - int(leg.size()); }

    /// The median of `values` (the mean of the middle two of an even count); nullopt
    /// when empty.
    static std::optional<double> medianOf(const std::vector<double> &values);
};

/// The KPIs of one snapshot version.
struct SnapshotKpis {
    SnapshotInfo snapshot;
    qint64 runId = 0; ///< its latest run; 0 when never scored (then only decisions count)
    KpiFigures overall;
    /// By the report's dimension (empty for None), in key order.
    std::map<QString, KpiFigures> groups;
};

/// What `pwb kpi` and the KPI window ask for.
struct KpiQuery {
    engine::Date from = engine::kNoDate; ///< as_of on or after it (kNoDate: no bound)
    engine::Date to = engine::kNoDate; ///< as_of on or before it
    KpiDimension by = KpiDimension::None;
};

/// Fill rate target drawn on the trend when no run holds a policy: the default
/// policy's service target for items without an ABC class.
inline constexpr double kDefaultFillRateTarget = 0.95;

/// The KPIs of every snapshot the query selects, oldest as_of first.
struct KpiReport {
    KpiDimension by = KpiDimension::None;
    std::vector<SnapshotKpis> snapshots;
    /// The policy's service target for items without an ABC class, as the latest
    /// selected run was scored with (kDefaultFillRateTarget when none was).
    double fillRateTarget = kDefaultFillRateTarget;

    /// Stockout days: the snapshots' stockouts summed (one snapshot is one night).
    int stockoutDays() const
    {
        int days = 0;
        for (const SnapshotKpis &s : snapshots)
            days += s.overall.stockouts;
        return days;
    }
};

} // namespace model
