// The rows behind a KPI figure (KpiStore::drillDown): the same sources and the same
// grouping as KpiStore::load (kpisources.h), filtered to the figure's snapshot, group
// and measure.

#include "model/kpi/kpidrilldown.h"

#include "model/kpi/kpisources.h"
#include "model/kpi/kpistore.h"
#include "model/runs/runstore.h"
#include "model/snapshots/snapshotcatalog.h"
#include "model/store/statement.h"
#include "model/store/store.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <array>
#include <numeric>

using namespace Qt::StringLiterals;

namespace model {

namespace {

using namespace kpisource;

struct MeasureText {
    const char *name;
    const char *title;
};

constexpr std::array<MeasureText, kKpiMeasureCount> kMeasures {{
    {"exposure", "Exposure"},
    {"can_save", "Can save"},
    {"exceptions", "Exceptions"},
    {"fill_rate", "Fill rate proxy"},
    {"tier1_fill_rate", "Tier-1 fill rate proxy"},
    {"backorder_lines", "Backorders"},
    {"backorder_value", "Backorder value"},
    {"excess_stock_value", "Excess stock at cost"},
    {"decisions", "Decisions"},
    {"approved", "Approved as proposed"},
    {"overridden", "Overridden"},
    {"rejected", "Rejected"},
    {"decisions_per_planner_day", "Decisions per planner-day"},
    {"touch_hours_median", "Touch time (median)"},
    {"can_save_taken", "Can save taken"},
    {"can_save_left", "Can save left"},
    {"transfer_export_hours_median", "Transfer approval to export (median)"},
    {"transfer_ack_hours_median", "Transfer export to ERP accepted (median)"},
    {"transfer_received_hours_median", "Transfer approval to received (median)"},
    {"stockout_sku_locations", "Stockouts (SKU-locations)"},
    {"inventory_turns", "Inventory turns"},
}};

QString dayText(engine::Date date)
{
    return QString::fromStdString(engine::formatDate(date));
}

Error badInput(const QString &message)
{
    return {Error::BadInput, message, {}};
}

/// "1, 2 and 3 more": a short list for a message.
QString shortList(QStringList names)
{
    constexpr qsizetype kShown = 8;
    if (names.size() <= kShown)
        return names.join(u", "_s);
    const qsizetype more = names.size() - kShown;
    names.resize(kShown);
    return names.join(u", "_s) + u" and "_s + QString::number(more) + u" more"_s;
}

/// The latest ERP batch of each decision exported: "batch 3 accepted".
Result<QHash<qint64, QString>> exportStates(sqlite3 *db)
{
    auto st = Statement::prepare(db,
        "SELECT decision_id, batch_id, coalesce(erp_status, 'exported') FROM export_records "
        "ORDER BY batch_id");
    if (!st)
        return std::unexpected(st.error());
    QHash<qint64, QString> states;
    while (st->next())
        states.insert(st->columnInt(0),
            u"batch "_s + QString::number(st->columnInt(1)) + u' ' + st->columnString(2));
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return states;
}

QString stateOf(const StandingDecision &d, const QHash<qint64, QString> &exported)
{
    QStringList parts;
    if (!d.autoRule.isEmpty())
        parts << u"automatic ("_s + d.autoRule + u')';
    if (d.needsCheck)
        parts << (d.checkedBy.isEmpty() ? u"awaiting a second approval"_s
                                        : u"checked by "_s + d.checkedBy);
    if (const auto batch = exported.constFind(d.id); batch != exported.constEnd())
        parts << *batch;
    else if (!d.rejected() && !(d.needsCheck && d.checkedBy.isEmpty()))
        parts << u"not exported yet"_s;
    return parts.join(u"; "_s);
}

} // namespace

QString measureName(KpiMeasure measure)
{
    return QString::fromLatin1(kMeasures.at(std::size_t(measure)).name);
}

std::optional<KpiMeasure> parseMeasure(const QString &name)
{
    for (int m = 0; m < kKpiMeasureCount; ++m)
        if (name == QLatin1String(kMeasures.at(std::size_t(m)).name))
            return KpiMeasure(m);
    return std::nullopt;
}

QString measureTitle(KpiMeasure measure)
{
    return QString::fromLatin1(kMeasures.at(std::size_t(measure)).title);
}

KpiBasis basisOf(KpiMeasure measure)
{
    switch (measure) {
    case KpiMeasure::Exposure:
    case KpiMeasure::CanSave:
    case KpiMeasure::Exceptions:
    case KpiMeasure::ExcessStock:
    case KpiMeasure::CanSaveTaken:
    case KpiMeasure::CanSaveLeft:
        return KpiBasis::Exceptions;
    case KpiMeasure::FillRate:
    case KpiMeasure::Tier1FillRate:
    case KpiMeasure::BackorderLines:
    case KpiMeasure::BackorderValue:
        return KpiBasis::OrderLines;
    case KpiMeasure::Stockouts:
        return KpiBasis::SkuLocations;
    case KpiMeasure::InventoryTurns:
        return KpiBasis::Stock;
    case KpiMeasure::Decisions:
    case KpiMeasure::Approved:
    case KpiMeasure::Overridden:
    case KpiMeasure::Rejected:
    case KpiMeasure::PerPlannerDay:
    case KpiMeasure::TouchHours:
    case KpiMeasure::TransferExportHours:
    case KpiMeasure::TransferAckHours:
    case KpiMeasure::TransferReceivedHours:
        break;
    }
    return KpiBasis::Decisions;
}

bool isTransferCycle(KpiMeasure measure)
{
    return measure == KpiMeasure::TransferExportHours || measure == KpiMeasure::TransferAckHours
        || measure == KpiMeasure::TransferReceivedHours;
}

bool isMoney(KpiMeasure measure)
{
    return measure == KpiMeasure::Exposure || measure == KpiMeasure::CanSave
        || measure == KpiMeasure::BackorderValue || measure == KpiMeasure::ExcessStock
        || measure == KpiMeasure::CanSaveTaken || measure == KpiMeasure::CanSaveLeft;
}

std::optional<double> measureValue(const KpiFigures &f, KpiMeasure measure)
{
    switch (measure) {
    case KpiMeasure::Exposure:
        return f.exposure;
    case KpiMeasure::CanSave:
        return f.canSave;
    case KpiMeasure::Exceptions:
        return f.exceptionCount();
    case KpiMeasure::FillRate:
        return f.fillRate();
    case KpiMeasure::Tier1FillRate:
        return f.tier1FillRate();
    case KpiMeasure::BackorderLines:
        return f.backorderLines;
    case KpiMeasure::BackorderValue:
        return f.backorderValue;
    case KpiMeasure::ExcessStock:
        return f.excessValue;
    case KpiMeasure::Decisions:
        return f.decisions;
    case KpiMeasure::Approved:
        return f.approved;
    case KpiMeasure::Overridden:
        return f.overridden;
    case KpiMeasure::Rejected:
        return f.rejected;
    case KpiMeasure::PerPlannerDay:
        return f.decisionsPerPlannerDay();
    case KpiMeasure::TouchHours:
        return f.medianTouchHours();
    case KpiMeasure::TransferExportHours:
        return f.medianExportHours();
    case KpiMeasure::TransferAckHours:
        return f.medianAckHours();
    case KpiMeasure::TransferReceivedHours:
        return f.medianReceivedHours();
    case KpiMeasure::Stockouts:
        return f.stockouts;
    case KpiMeasure::InventoryTurns:
        return f.inventoryTurns();
    case KpiMeasure::CanSaveTaken:
        return f.canSaveTaken;
    case KpiMeasure::CanSaveLeft:
        return f.canSaveLeft();
    }
    return std::nullopt;
}

qsizetype KpiDrillDown::rowCount() const
{
    switch (basis) {
    case KpiBasis::Exceptions:
        return qsizetype(exceptions.size());
    case KpiBasis::OrderLines:
        return qsizetype(orderLines.size());
    case KpiBasis::SkuLocations:
        return qsizetype(stockouts.size());
    case KpiBasis::Stock:
        return qsizetype(stock.size());
    case KpiBasis::Decisions:
        break;
    }
    return qsizetype(decisions.size());
}

double KpiDrillDown::total() const
{
    if (!isMoney(query.measure))
        return double(rowCount());
    if (basis == KpiBasis::Exceptions)
        return std::accumulate(exceptions.begin(), exceptions.end(), 0.0,
            [](double sum, const KpiExceptionRow &r) { return sum + r.amount; });
    return std::accumulate(orderLines.begin(), orderLines.end(), 0.0,
        [](double sum, const KpiOrderLineRow &r) { return sum + r.value; });
}

double KpiDrillDown::stockAtCost() const
{
    return std::accumulate(stock.begin(), stock.end(), 0.0,
        [](double sum, const KpiStockRow &r) { return sum + r.stockAtCost; });
}

double KpiDrillDown::annualCogs() const
{
    return std::accumulate(stock.begin(), stock.end(), 0.0,
        [](double sum, const KpiStockRow &r) { return sum + r.annualCogs; });
}

Result<KpiDrillDown> KpiStore::drillDown(const KpiDrillQuery &query)
{
    KpiDrillDown out;
    out.query = query;
    out.basis = basisOf(query.measure);
    if (query.by == KpiDimension::None && !query.key.isEmpty())
        return std::unexpected(badInput(u"A group ('"_s + query.key
            + u"') needs a grouping: location, abc, tier or planner."_s));
    if (query.by == KpiDimension::Planner && !query.key.isEmpty()
        && out.basis != KpiBasis::Decisions)
        return std::unexpected(badInput(measureTitle(query.measure)
            + u" is not a planner's: by planner only the decision figures have rows."_s));

    // The snapshot: the one asked for, or the last imported as of the date.
    auto snapshots = m_snapshots.list();
    if (!snapshots)
        return std::unexpected(snapshots.error());
    const auto found = std::find_if(snapshots->rbegin(), snapshots->rend(), [&](const auto &s) {
        return query.version > 0 ? s.version == query.version : s.asOf == query.date;
    });
    if (found == snapshots->rend()) {
        QStringList dates;
        for (const SnapshotInfo &s : *snapshots)
            if (!dates.contains(dayText(s.asOf)))
                dates << dayText(s.asOf);
        return std::unexpected(
            badInput((query.version > 0 ? u"No snapshot version "_s + QString::number(query.version)
                                        : u"No snapshot is as of "_s + dayText(query.date))
                + (dates.isEmpty() ? u": nothing is imported."_s
                                   : u"; the snapshots are as of "_s + shortList(dates) + u'.')));
    }
    out.snapshot = *found;
    out.query.version = found->version;
    out.query.date = found->asOf;
    const bool current = found->version == snapshots->back().version;

    // The figure, as the KPI table shows it.
    auto report = load({found->asOf, found->asOf, query.by});
    if (!report)
        return std::unexpected(report.error());
    const auto kpis = std::find_if(report->snapshots.begin(), report->snapshots.end(),
        [&](const SnapshotKpis &s) { return s.snapshot.version == found->version; });
    if (kpis == report->snapshots.end())
        return std::unexpected(badInput(
            u"The snapshot as of "_s + dayText(found->asOf) + u" has no KPIs: read them again."_s));
    out.runId = kpis->runId;
    if (query.key.isEmpty()) {
        out.figures = kpis->overall;
    } else if (const auto group = kpis->groups.find(query.key); group != kpis->groups.end()) {
        out.figures = group->second;
    } else {
        QStringList keys;
        for (const auto &[key, figures] : kpis->groups)
            keys << key;
        return std::unexpected(badInput(u"No "_s + dimensionName(query.by) + u" '"_s + query.key
            + u"' in the KPIs as of "_s + dayText(found->asOf)
            + (keys.isEmpty() ? u"."_s : u"; there are "_s + shortList(keys) + u'.')));
    }
    if (out.basis != KpiBasis::Decisions && out.runId <= 0)
        return std::unexpected(badInput(u"The snapshot as of "_s + dayText(found->asOf)
            + u" was never scored: it has no run figures."_s));

    sqlite3 *db = m_store.handle();
    RunStore runs(db);
    std::optional<Queue> queue;
    // Decisions need the run only to be placed by location, ABC class or tier.
    const bool placed = query.by == KpiDimension::Location || query.by == KpiDimension::Abc
        || query.by == KpiDimension::Tier;
    if (out.runId > 0 && (out.basis != KpiBasis::Decisions || placed)) {
        auto latest = runs.latestRun(found->version);
        if (!latest)
            return std::unexpected(latest.error());
        if (*latest) {
            auto read = runs.readQueue(**latest, *found, {});
            if (!read)
                return std::unexpected(read.error());
            queue = std::move(*read);
        }
    }
    const auto inGroup
        = [&](const QString &key) { return query.key.isEmpty() || key == query.key; };

    if (out.basis == KpiBasis::Exceptions && queue) {
        auto policy = runs.policyOf(out.runId);
        if (!policy)
            return std::unexpected(policy.error());
        const double perValue = carryingPerValue(*policy);
        auto decisions = readStandingDecisions(db);
        if (!decisions)
            return std::unexpected(decisions.error());
        const std::map<QString, qint64> taken = takenExceptions(*decisions, found->version);
        const bool canSaveMeasure = query.measure == KpiMeasure::CanSave
            || query.measure == KpiMeasure::CanSaveTaken
            || query.measure == KpiMeasure::CanSaveLeft;
        for (qsizetype r = 0; r < queue->size(); ++r) {
            const auto i = std::size_t(r);
            const ExceptionPlace place = placeOf(*queue, r);
            if (!inGroup(place.keyOf(query.by)))
                continue;
            KpiExceptionRow row;
            row.type = engine::ExceptionType(queue->type[i]);
            if (query.measure == KpiMeasure::ExcessStock
                && row.type != engine::ExceptionType::Excess)
                continue;
            if (canSaveMeasure && queue->canSave[i] == 0)
                continue; // adds nothing to what acting can save
            row.exceptionId = queue->exceptionId(r);
            row.taken = taken.count(row.exceptionId) > 0;
            if ((query.measure == KpiMeasure::CanSaveTaken && !row.taken)
                || (query.measure == KpiMeasure::CanSaveLeft && row.taken))
                continue;
            row.item = queue->itemIds.at(queue->item[i]);
            row.location = place.location;
            row.abc = place.abc;
            row.tier = place.tier;
            row.rank = int(queue->rank[i]);
            row.score = queue->score[i];
            row.canSave = queue->canSave[i];
            row.excessValue = excessValueOf(*queue, r, perValue);
            row.amount = canSaveMeasure                    ? row.canSave
                : query.measure == KpiMeasure::ExcessStock ? row.excessValue
                                                           : row.score;
            out.exceptions.push_back(std::move(row));
        }
        std::stable_sort(out.exceptions.begin(), out.exceptions.end(),
            [](const KpiExceptionRow &a, const KpiExceptionRow &b) {
                return a.amount != b.amount ? a.amount > b.amount : a.rank < b.rank;
            });
    } else if (out.basis == KpiBasis::OrderLines && queue) {
        auto snapshot = snapshotOf(*found, current);
        if (!snapshot)
            return std::unexpected(snapshot.error());
        const engine::Snapshot &snap = **snapshot;
        const engine::SalesOrders &so = snap.salesOrders;
        forEachOpenLine(snap, shortItemLocations(*queue), found->asOf, [&](const OrderLine &line) {
            const bool wanted = query.measure == KpiMeasure::FillRate ? line.isShort
                : query.measure == KpiMeasure::Tier1FillRate ? line.isShort && line.tier == 1
                                                             : line.late;
            if (!wanted || !inGroup(line.keyOf(snap, query.by)))
                return;
            KpiOrderLineRow row;
            row.orderId = QString::fromStdString(so.orderId[line.row]);
            row.line = int(so.line[line.row]);
            if (so.customer[line.row] >= 0)
                row.customer = QString::fromStdString(snap.customers.ids.at(so.customer[line.row]));
            row.tier = line.tier;
            row.item = line.item;
            row.location = line.location;
            row.dueDate = so.dueDate[line.row];
            row.daysLate = line.late ? int(found->asOf - row.dueDate) : 0;
            row.qtyOpen = so.qtyOpen[line.row];
            row.unitPrice = so.unitPrice[line.row];
            row.value = line.value;
            row.isShort = line.isShort;
            out.orderLines.push_back(std::move(row));
        });
        std::stable_sort(out.orderLines.begin(), out.orderLines.end(),
            [](const KpiOrderLineRow &a, const KpiOrderLineRow &b) {
                if (a.value != b.value)
                    return a.value > b.value;
                return a.orderId != b.orderId ? a.orderId < b.orderId : a.line < b.line;
            });
    } else if (out.basis == KpiBasis::SkuLocations && queue) {
        auto snapshot = snapshotOf(*found, current);
        if (!snapshot)
            return std::unexpected(snapshot.error());
        const engine::Snapshot &snap = **snapshot;
        const engine::ItemLocations &il = snap.itemLocations;
        for (const Stockout &s : stockoutsOf(snap)) {
            if (!inGroup(s.keyOf(snap, query.by)))
                continue;
            const auto item = std::size_t(il.item[s.row]);
            out.stockouts.push_back({QString::fromStdString(snap.items.ids.at(il.item[s.row])),
                QString::fromStdString(snap.locations.ids.at(il.location[s.row])),
                abcKey(snap.items.abcClass[item]), il.onHand[s.row], il.allocated[s.row],
                s.openLines, s.openQty, s.forecastQty});
        }
        // Most open demand first.
        std::stable_sort(out.stockouts.begin(), out.stockouts.end(),
            [](const KpiStockoutRow &a, const KpiStockoutRow &b) {
                return a.openQty != b.openQty ? a.openQty > b.openQty
                                              : a.forecastQty > b.forecastQty;
            });
    } else if (out.basis == KpiBasis::Stock && queue) {
        auto snapshot = snapshotOf(*found, current);
        if (!snapshot)
            return std::unexpected(snapshot.error());
        const engine::Snapshot &snap = **snapshot;
        const engine::ItemLocations &il = snap.itemLocations;
        forEachStockAtCost(snap, [&](const StockAtCost &s) {
            if (!inGroup(itemLocationKey(snap, s.row, query.by)))
                return;
            const auto item = std::size_t(il.item[s.row]);
            out.stock.push_back({QString::fromStdString(snap.items.ids.at(il.item[s.row])),
                QString::fromStdString(snap.locations.ids.at(il.location[s.row])),
                abcKey(snap.items.abcClass[item]), il.onHand[s.row], il.dailyDemand[s.row],
                s.unitCost, s.stockAtCost, s.annualCogs});
        });
        // The most stock at cost first: what weighs most on the turns.
        std::stable_sort(
            out.stock.begin(), out.stock.end(), [](const KpiStockRow &a, const KpiStockRow &b) {
                return a.stockAtCost != b.stockAtCost ? a.stockAtCost > b.stockAtCost
                                                      : a.annualCogs > b.annualCogs;
            });
    } else if (out.basis == KpiBasis::Decisions) {
        auto decisions = readStandingDecisions(db);
        if (!decisions)
            return std::unexpected(decisions.error());
        auto allRuns = readRuns(db);
        if (!allRuns)
            return std::unexpected(allRuns.error());
        auto exported = exportStates(db);
        if (!exported)
            return std::unexpected(exported.error());
        auto cycles = readDecisionCycles(db);
        if (!cycles)
            return std::unexpected(cycles.error());
        QHash<QString, ExceptionPlace> places;
        if (queue)
            for (qsizetype r = 0; r < queue->size(); ++r)
                places.insert(queue->exceptionId(r), placeOf(*queue, r));
        QSet<qint64> transfers;
        if (isTransferCycle(query.measure))
            for (const StandingDecision *d : approvedTransfers(*decisions, found->version))
                transfers.insert(d->id);
        for (const StandingDecision &d : *decisions) {
            if (d.version != found->version || !inGroup(decisionKey(d, query.by, places)))
                continue;
            if (isTransferCycle(query.measure) && !transfers.contains(d.id))
                continue;
            if ((query.measure == KpiMeasure::Approved && d.kind != Decision::Approved)
                || (query.measure == KpiMeasure::Overridden && !d.overridden())
                || (query.measure == KpiMeasure::Rejected && !d.rejected()))
                continue;
            auto hours = touchHours(runs, *allRuns, d);
            if (!hours)
                return std::unexpected(hours.error());
            const DecisionCycle cycle = cycles->value(d.id);
            out.decisions.push_back(
                {d.id, d.planner, d.decidedAt, d.exceptionId, d.action, d.kind, d.overrideQty,
                    d.reasonCode, stateOf(d, *exported), *hours, d.runId, cycle.exportedAt,
                    cycle.acceptedAt, cycle.receivedAt, hoursBetween(d.decidedAt, cycle.exportedAt),
                    hoursBetween(cycle.exportedAt, cycle.acceptedAt),
                    hoursBetween(d.decidedAt, cycle.receivedAt)});
        }
        // Longest first by the figure's hours; without them (still open), last.
        const auto hoursOf = [&](const KpiDecisionRow &r) {
            const std::optional<double> &hours = query.measure == KpiMeasure::TransferExportHours
                ? r.exportHours
                : query.measure == KpiMeasure::TransferAckHours      ? r.ackHours
                : query.measure == KpiMeasure::TransferReceivedHours ? r.receivedHours
                                                                     : r.touchHours;
            return hours.value_or(-1);
        };
        if (query.measure == KpiMeasure::TouchHours || isTransferCycle(query.measure))
            std::stable_sort(out.decisions.begin(), out.decisions.end(),
                [&](const KpiDecisionRow &a, const KpiDecisionRow &b) {
                    return hoursOf(a) > hoursOf(b);
                });
    }
    return out;
}

} // namespace model
