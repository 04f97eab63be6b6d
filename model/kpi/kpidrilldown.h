#pragma once
// What stands behind one KPI figure of one snapshot (and of one location, ABC class,
// customer tier or planner within it): the exceptions of its latest run, the open
// order lines or the decisions that the figure was summed or counted from, with their
// share of it. KpiStore::drillDown() reads it; docs/kpis.md ("Behind a figure").

#include "engine/core/date.h"
#include "engine/core/policy.h"
#include "model/decisions/decision.h"
#include "model/kpi/kpifigures.h"

#include <QString>

#include <optional>
#include <vector>

namespace model {

/// A figure of the KPI table.
enum class KpiMeasure {
    Exposure,
    CanSave,
    Exceptions,
    FillRate,
    Tier1FillRate,
    BackorderLines,
    BackorderValue,
    ExcessStock,
    Decisions,
    Approved, ///< approved as proposed
    Overridden,
    Rejected,
    PerPlannerDay,
    TouchHours, ///< the median
    CanSaveTaken, ///< can-save on approved exceptions
    CanSaveLeft, ///< can-save on the rest
    TransferExportHours, ///< median hours from approving a transfer to exporting it
    TransferAckHours, ///< median hours from its export to the ERP accepting it
    TransferReceivedHours, ///< median hours from approving it to seeing it received
    Stockouts, ///< SKU-locations out of stock with demand that night
    InventoryTurns, ///< a year of forward demand at cost over the stock at cost
};
inline constexpr int kKpiMeasureCount = int(KpiMeasure::InventoryTurns) + 1;
/// One of the transfer cycle's medians: the rows are the approved transfers.
bool isTransferCycle(KpiMeasure measure);

/// The name `pwb kpi` gives the figure in json and csv ("backorder_value").
QString measureName(KpiMeasure measure);
/// Inverse of measureName; nullopt when unknown.
std::optional<KpiMeasure> parseMeasure(const QString &name);
/// "Backorder value", as the window titles it.
QString measureTitle(KpiMeasure measure);

/// What a figure is made of.
/// SkuLocations: the stockouts; Stock: every SKU-location with stock or demand at cost.
enum class KpiBasis { Exceptions, OrderLines, Decisions, SkuLocations, Stock };
KpiBasis basisOf(KpiMeasure measure);
/// An amount of money (the rows' amounts add up to it), rather than a count or a rate.
bool isMoney(KpiMeasure measure);
/// The figure as the table shows it; nullopt where it has none (no open line, no decision).
std::optional<double> measureValue(const KpiFigures &figures, KpiMeasure measure);

/// An exception of the run behind a figure.
struct KpiExceptionRow {
    QString exceptionId; ///< "shortage:SKU-00001@BR-01"
    engine::ExceptionType type = engine::ExceptionType::Shortage;
    QString item, location;
    QString abc; ///< "A", "B", "C" or "-"
    QString tier; ///< worst customer tier, "1".."3" or "none"
    int rank = 0; ///< in the run's queue
    double score = 0; ///< exposure
    double canSave = 0;
    double excessValue = 0; ///< excess units x unit cost (excess exceptions only)
    double amount = 0; ///< its share of the figure: score, can save or excess value
    /// A standing decision approves it: its can-save is taken (KpiFigures::canSaveTaken).
    bool taken = false;
};

/// An open sales order line behind a figure.
struct KpiOrderLineRow {
    QString orderId;
    int line = 0;
    QString customer; ///< empty when none
    int tier = 0; ///< its customer's, 0 when none
    QString item, location;
    engine::Date dueDate = engine::kNoDate;
    int daysLate = 0; ///< as_of - due date when past due, else 0
    double qtyOpen = 0;
    double unitPrice = 0;
    double value = 0; ///< open quantity x unit price
    bool isShort = false; ///< at an item-location the run shows short
};

/// A SKU-location out of stock behind the stockouts.
struct KpiStockoutRow {
    QString item, location;
    QString abc; ///< "A", "B", "C" or "-"
    double onHand = 0;
    double allocated = 0;
    int openLines = 0; ///< open sales order lines there
    double openQty = 0;
    double forecastQty = 0; ///< the snapshot's forecast there, summed
};

/// A SKU-location behind inventory turns: its stock and a year of its demand at cost.
struct KpiStockRow {
    QString item, location;
    QString abc; ///< "A", "B", "C" or "-"
    double onHand = 0;
    double dailyDemand = 0;
    double unitCost = 0;
    double stockAtCost = 0; ///< on hand x unit cost: its part of the denominator
    double annualCogs = 0; ///< daily demand x unit cost x 365: its part of the numerator
    /// Its own turns (annualCogs / stockAtCost); nullopt with nothing on hand.
    std::optional<double> turns() const
    {
        return stockAtCost > 0 ? std::optional<double>(annualCogs / stockAtCost) : std::nullopt;
    }
};

/// A standing decision behind a figure.
struct KpiDecisionRow {
    qint64 id = 0;
    QString planner;
    QString decidedAt; ///< ISO 8601 UTC
    QString exceptionId;
    QString action; ///< the engine action approved or rejected
    Decision::Kind kind = Decision::Approved;
    double overrideQty = 0; ///< Overridden: the quantity approved instead
    QString reasonCode;
    /// Where it stands now: "awaiting a second approval", "checked by ben",
    /// "batch 3 accepted", "automatic (auto_approve[0])"; empty when nothing to add.
    QString state;
    std::optional<double> touchHours;
    qint64 runId = 0;
    /// Its cycle after approval (kpisource::DecisionCycle): ISO 8601 UTC, empty while
    /// it has not happened; the legs' hours, nullopt while open.
    QString exportedAt, acceptedAt, receivedAt;
    std::optional<double> exportHours; ///< approval -> first export
    std::optional<double> ackHours; ///< first export -> accepted by the ERP
    std::optional<double> receivedHours; ///< approval -> seen received
};

/// Which figure to drill into.
struct KpiDrillQuery {
    KpiMeasure measure = KpiMeasure::Exposure;
    engine::Date date = engine::kNoDate; ///< the snapshot's as_of
    /// The snapshot version; 0: the last imported snapshot as of `date`.
    qint64 version = 0;
    KpiDimension by = KpiDimension::None;
    QString key; ///< the group within `by` (a location, "A", "1", a planner)
};

/// The rows behind a figure, largest share first (decisions oldest first, by touch
/// time longest first; approved transfers by the figure's leg longest first, open
/// ones last).
struct KpiDrillDown {
    KpiDrillQuery query; ///< with the version found
    SnapshotInfo snapshot;
    qint64 runId = 0; ///< the snapshot's latest run, 0 when never scored
    /// The figures of the snapshot (or of the group) as KpiStore::load gives them.
    KpiFigures figures;
    KpiBasis basis = KpiBasis::Exceptions;
    std::vector<KpiExceptionRow> exceptions;
    std::vector<KpiOrderLineRow> orderLines;
    std::vector<KpiDecisionRow> decisions;
    std::vector<KpiStockoutRow> stockouts;
    std::vector<KpiStockRow> stock;

    /// The figure drilled into (measureValue of `figures`).
    std::optional<double> value() const { return measureValue(figures, query.measure); }
    qsizetype rowCount() const;
    /// Σ of the rows' shares: exception amounts or order line values; for a count, a
    /// rate or a decision figure, the number of rows.
    double total() const;
    /// Inventory turns' rows summed: Σ stock at cost (the denominator) and Σ annual
    /// cost of goods (the numerator).
    double stockAtCost() const;
    double annualCogs() const;
};

} // namespace model
