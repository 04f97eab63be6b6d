#pragma once
// What the KPI figures (kpistore.cpp) and the rows behind them (kpidrilldown.cpp) read
// alike: where an exception, an order line or a decision belongs in each grouping, the
// excess value of an exception, the standing decisions and their touch time. Shared so
// that the rows a drill-down lists are the rows its figure was summed from. Internal
// to model/kpi/.

#include "engine/core/policy.h"
#include "engine/core/snapshot.h"
#include "model/decisions/decision.h"
#include "model/error.h"
#include "model/kpi/kpifigures.h"
#include "model/runs/queue.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QString>

#include <cmath>
#include <map>
#include <optional>
#include <vector>

struct sqlite3;

namespace model {

class RunStore;

namespace kpisource {

/// "A", "B", "C", or "-" for no class.
QString abcKey(char abc);
/// "1".."3", or "none" for no customer order.
QString tierKey(int tier);

/// Where an exception of a run sits in each grouping.
struct ExceptionPlace {
    QString location;
    QString abc;
    QString tier;
    /// The key of `by` (Location, Abc or Tier); a null string for None and Planner.
    QString keyOf(KpiDimension by) const;
};

ExceptionPlace placeOf(const Queue &q, qsizetype row);

/// Excess stock at cost of a row (0 unless an excess exception): its carrying cost
/// factor divided by `carryingPerValue` (carryingPerValue() of the run's policy).
double excessValueOf(const Queue &q, qsizetype row, double carryingPerValue);
/// holding cost rate x horizon days / 365: the carrying cost of one unit of value.
double carryingPerValue(const engine::Policy &policy);

/// "item@location" of every shortage of a run: the order lines there are short.
QSet<QString> shortItemLocations(const Queue &q);

/// One open order line of a snapshot, as the KPIs count it.
struct OrderLine {
    std::size_t row = 0; ///< in snapshot.salesOrders
    QString item;
    QString location;
    int tier = 0; ///< of its customer, 0 when none
    bool isShort = false; ///< at an item-location the run shows short
    bool late = false; ///< due before the snapshot's as_of
    double value = 0; ///< open quantity x unit price
    /// The key of `by` (Location, Abc or Tier); a null string for None and Planner.
    QString keyOf(const engine::Snapshot &snap, KpiDimension by) const;
};

/// Calls `visit(const OrderLine &)` for every line of `snap` with an open quantity.
template <class Visit>
void forEachOpenLine(
    const engine::Snapshot &snap, const QSet<QString> &shortAt, engine::Date asOf, Visit visit)
{
    const engine::SalesOrders &so = snap.salesOrders;
    for (std::size_t r = 0; r < so.qtyOpen.size(); ++r) {
        if (!(so.qtyOpen[r] > 0))
            continue;
        OrderLine line;
        line.row = r;
        line.item = QString::fromStdString(snap.items.ids.at(so.item[r]));
        line.location = QString::fromStdString(snap.locations.ids.at(so.location[r]));
        line.tier = so.customer[r] >= 0 ? int(snap.customers.tier[std::size_t(so.customer[r])]) : 0;
        line.isShort = shortAt.contains(line.item + u'@' + line.location);
        line.late = asOf != engine::kNoDate && so.dueDate[r] < asOf;
        line.value = so.qtyOpen[r] * so.unitPrice[r];
        visit(line);
    }
}

/// A SKU-location of a snapshot out of stock with demand: no free stock (on_hand -
/// allocated <= 0) while it has open order lines or forecast quantity > 0.
struct Stockout {
    std::size_t row = 0; ///< in snapshot.itemLocations
    int openLines = 0; ///< its sales order lines with an open quantity
    double openQty = 0;
    double forecastQty = 0; ///< the snapshot's forecast rows there, summed
    /// The key of `by`: Location or Abc; a null string for None, Tier and Planner.
    QString keyOf(const engine::Snapshot &snap, KpiDimension by) const;
};

/// The stockouts of `snap` in item-location order. Reads the item-locations once and
/// the order lines and forecast rows once, keeping only the SKU-locations without
/// free stock.
std::vector<Stockout> stockoutsOf(const engine::Snapshot &snap);

/// The key of `by` of SKU-location `row` (in snapshot.itemLocations): its location or
/// its item's ABC class; a null string for None, Tier and Planner (a SKU-location has
/// no customer tier, and is nobody's).
QString itemLocationKey(const engine::Snapshot &snap, std::size_t row, KpiDimension by);

/// A SKU-location's share of inventory turns, both at its item's unit cost.
struct StockAtCost {
    std::size_t row = 0; ///< in snapshot.itemLocations
    double unitCost = 0;
    double stockAtCost = 0; ///< on_hand x unit cost
    double annualCogs = 0; ///< daily_demand x unit cost x 365
};

/// Days in the year that turns are annualised over.
inline constexpr double kDaysPerYear = 365.0;

/// Calls `visit(const StockAtCost &)` for every SKU-location of `snap` with stock or
/// demand at cost (either > 0), in item-location order: the rows that sum to the turns'
/// numerator and denominator. A value that is not a positive number counts as 0.
template <class Visit> void forEachStockAtCost(const engine::Snapshot &snap, Visit visit)
{
    const engine::ItemLocations &il = snap.itemLocations;
    const auto positive = [](double v) { return std::isfinite(v) && v > 0 ? v : 0.0; };
    for (std::size_t r = 0; r < il.item.size(); ++r) {
        StockAtCost s;
        s.row = r;
        s.unitCost = positive(snap.items.unitCost[std::size_t(il.item[r])]);
        s.stockAtCost = positive(il.onHand[r]) * s.unitCost;
        s.annualCogs = positive(il.dailyDemand[r]) * s.unitCost * kDaysPerYear;
        if (s.stockAtCost > 0 || s.annualCogs > 0)
            visit(s);
    }
}

/// One run in creation order.
struct RunRow {
    qint64 runId = 0;
    qint64 version = 0;
    QDateTime createdAt;
};

/// Every run, oldest first.
Result<std::vector<RunRow>> readRuns(sqlite3 *db);

/// A decision that stands (not undone), with the snapshot version of its run.
struct StandingDecision {
    qint64 id = 0;
    QString planner;
    QString exceptionId;
    QString action;
    Decision::Kind kind = Decision::Approved;
    double overrideQty = 0;
    QString reasonCode;
    QString decidedAt; ///< ISO 8601 UTC
    qint64 runId = 0;
    qint64 version = 0;
    bool needsCheck = false;
    QString checkedBy;
    QString autoRule;
    bool rejected() const { return kind == Decision::Rejected; }
    bool overridden() const { return kind == Decision::Overridden; }
};

/// Every standing decision, oldest first.
Result<std::vector<StandingDecision>> readStandingDecisions(sqlite3 *db);

/// The exceptions of snapshot `version` whose can-save is taken: the latest standing
/// decision on each approves the action (as proposed or overridden, by a planner or by
/// a rule) and awaits no second approval. Keyed by exception id, in id order.
std::map<QString, qint64> takenExceptions(
    const std::vector<StandingDecision> &decisions, qint64 version);

/// Where an approved action stands after its approval: when it was first exported,
/// accepted by the ERP (`pwb ack`) and seen received (a later snapshot closed it as
/// seen). Each ISO 8601 UTC, null while it has not happened.
struct DecisionCycle {
    QString exportedAt; ///< the first export batch holding it (a failed one is resent)
    QString acceptedAt; ///< the acknowledgement of its record the ERP accepted
    QString receivedAt; ///< planned_actions.closed_at when closed 'seen'
};

/// The cycle of every decision that has been exported or closed as seen, by decision id.
Result<QHash<qint64, DecisionCycle>> readDecisionCycles(sqlite3 *db);

/// The approved transfers of snapshot `version`: of takenExceptions(), the decisions
/// whose action is a transfer, in exception id order.
std::vector<const StandingDecision *> approvedTransfers(
    const std::vector<StandingDecision> &decisions, qint64 version);

/// Hours from `from` to `to` (ISO 8601), at least 0; nullopt when either is null or
/// unreadable.
std::optional<double> hoursBetween(const QString &from, const QString &to);

/// The group of `d` by `by`: the planner, or where its exception sits in the latest
/// run of its snapshot (`places`); by location, from its id when that run no longer
/// holds it, else "?". A null string for None.
QString decisionKey(
    const StandingDecision &d, KpiDimension by, const QHash<QString, ExceptionPlace> &places);

/// Hours from the creation of the first run of the unbroken series of runs showing the
/// decision's exception up to its run, to the decision; nullopt when its run or its
/// time cannot be read.
Result<std::optional<double>> touchHours(
    RunStore &runs, const std::vector<RunRow> &allRuns, const StandingDecision &d);

} // namespace kpisource
} // namespace model
