#include "model/kpi/kpisources.h"

#include "model/runs/runstore.h"
#include "model/store/statement.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace model::kpisource {

QString abcKey(char abc)
{
    return abc == 0 ? u"-"_s : QString(QLatin1Char(abc));
}

QString tierKey(int tier)
{
    return tier <= 0 ? u"none"_s : QString::number(tier);
}

QString ExceptionPlace::keyOf(KpiDimension by) const
{
    switch (by) {
    case KpiDimension::Location:
        return location;
    case KpiDimension::Abc:
        return abc;
    case KpiDimension::Tier:
        return tier;
    case KpiDimension::None:
    case KpiDimension::Planner:
        break;
    }
    return {};
}

ExceptionPlace placeOf(const Queue &q, qsizetype row)
{
    const auto i = std::size_t(row);
    return {q.locationIds.at(q.location[i]), abcKey(q.abcClass[i]), tierKey(int(q.worstTier[i]))};
}

double carryingPerValue(const engine::Policy &policy)
{
    // carrying = units x unit cost x holding rate x horizon / 365 (engine excessCost).
    return policy.holdingCostRate * policy.horizonDays / 365.0;
}

double excessValueOf(const Queue &q, qsizetype row, double carryingPerValue)
{
    const auto i = std::size_t(row);
    if (q.type[i] != quint8(engine::ExceptionType::Excess) || !(carryingPerValue > 0))
        return 0;
    return q.factorAmounts[i * engine::kFactorCount + std::size_t(engine::FactorKind::CarryingCost)]
        / carryingPerValue;
}

QSet<QString> shortItemLocations(const Queue &q)
{
    QSet<QString> shortAt;
    for (qsizetype r = 0; r < q.size(); ++r)
        if (q.type[std::size_t(r)] == quint8(engine::ExceptionType::Shortage))
            shortAt.insert(q.itemIds.at(q.item[std::size_t(r)]) + u'@'
                + q.locationIds.at(q.location[std::size_t(r)]));
    return shortAt;
}

QString OrderLine::keyOf(const engine::Snapshot &snap, KpiDimension by) const
{
    switch (by) {
    case KpiDimension::Location:
        return location;
    case KpiDimension::Abc:
        return abcKey(snap.items.abcClass[std::size_t(snap.salesOrders.item[row])]);
    case KpiDimension::Tier:
        return tierKey(tier);
    case KpiDimension::None:
    case KpiDimension::Planner:
        break;
    }
    return {};
}

QString itemLocationKey(const engine::Snapshot &snap, std::size_t row, KpiDimension by)
{
    switch (by) {
    case KpiDimension::Location:
        return QString::fromStdString(snap.locations.ids.at(snap.itemLocations.location[row]));
    case KpiDimension::Abc:
        return abcKey(snap.items.abcClass[std::size_t(snap.itemLocations.item[row])]);
    case KpiDimension::Tier:
    case KpiDimension::None:
    case KpiDimension::Planner:
        break;
    }
    return {};
}

QString Stockout::keyOf(const engine::Snapshot &snap, KpiDimension by) const
{
    return itemLocationKey(snap, row, by);
}

std::vector<Stockout> stockoutsOf(const engine::Snapshot &snap)
{
    const engine::ItemLocations &il = snap.itemLocations;
    const auto key = [](engine::Index item, engine::Index location) {
        return (quint64(quint32(item)) << 32) | quint64(quint32(location));
    };
    // Only the SKU-locations without free stock are kept: a handful of a night's.
    std::vector<Stockout> out;
    QHash<quint64, std::size_t> at;
    for (std::size_t r = 0; r < il.item.size(); ++r) {
        if (il.onHand[r] - il.allocated[r] > 0)
            continue;
        at.insert(key(il.item[r], il.location[r]), out.size());
        out.push_back({r, 0, 0, 0});
    }
    const engine::SalesOrders &so = snap.salesOrders;
    for (std::size_t r = 0; r < so.qtyOpen.size(); ++r) {
        if (!(so.qtyOpen[r] > 0))
            continue;
        if (const auto it = at.constFind(key(so.item[r], so.location[r])); it != at.constEnd()) {
            ++out[*it].openLines;
            out[*it].openQty += so.qtyOpen[r];
        }
    }
    const engine::Forecast &fc = snap.forecast;
    for (std::size_t r = 0; r < fc.qty.size(); ++r) {
        if (!(fc.qty[r] > 0))
            continue;
        if (const auto it = at.constFind(key(fc.item[r], fc.location[r])); it != at.constEnd())
            out[*it].forecastQty += fc.qty[r];
    }
    std::erase_if(out, [](const Stockout &s) { return s.openLines == 0 && !(s.forecastQty > 0); });
    return out;
}

Result<std::vector<RunRow>> readRuns(sqlite3 *db)
{
    auto st = Statement::prepare(
        db, "SELECT run_id, snapshot_version, created_at FROM score_runs ORDER BY run_id");
    if (!st)
        return std::unexpected(st.error());
    std::vector<RunRow> runs;
    while (st->next())
        runs.push_back({st->columnInt(0), st->columnInt(1),
            QDateTime::fromString(st->columnString(2), Qt::ISODate)});
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return runs;
}

Result<std::vector<StandingDecision>> readStandingDecisions(sqlite3 *db)
{
    auto st = Statement::prepare(db,
        "SELECT d.id, d.user, d.exception_id, d.action, d.kind, d.override_qty, d.reason_code, "
        "d.decided_at, d.run_id, r.snapshot_version, d.needs_check, d.checked_by, d.auto_rule "
        "FROM decisions d JOIN score_runs r ON r.run_id = d.run_id "
        "WHERE d.undone_at IS NULL ORDER BY d.id");
    if (!st)
        return std::unexpected(st.error());
    std::vector<StandingDecision> rows;
    while (st->next()) {
        StandingDecision d;
        d.id = st->columnInt(0);
        d.planner = st->columnString(1);
        d.exceptionId = st->columnString(2);
        d.action = st->columnString(3);
        if (st->columnText(4) == "rejected") {
            d.kind = Decision::Rejected;
        } else if (!st->isNull(5)) {
            d.kind = Decision::Overridden;
            d.overrideQty = st->columnDouble(5);
        }
        d.reasonCode = st->columnString(6);
        d.decidedAt = st->columnString(7);
        d.runId = st->columnInt(8);
        d.version = st->columnInt(9);
        d.needsCheck = st->columnInt(10) != 0;
        d.checkedBy = st->columnString(11);
        d.autoRule = st->columnString(12);
        rows.push_back(std::move(d));
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return rows;
}

std::map<QString, qint64> takenExceptions(
    const std::vector<StandingDecision> &decisions, qint64 version)
{
    // Oldest first: a later decision on the same exception replaces an earlier one.
    std::map<QString, qint64> taken;
    for (const StandingDecision &d : decisions) {
        if (d.version != version)
            continue;
        if (d.rejected() || (d.needsCheck && d.checkedBy.isEmpty()))
            taken.erase(d.exceptionId);
        else
            taken[d.exceptionId] = d.id;
    }
    return taken;
}

Result<QHash<qint64, DecisionCycle>> readDecisionCycles(sqlite3 *db)
{
    auto st = Statement::prepare(db,
        "SELECT r.decision_id, min(b.created_at), "
        "min(CASE WHEN r.erp_status = 'accepted' THEN r.acknowledged_at END), NULL "
        "FROM export_records r JOIN export_batches b ON b.batch_id = r.batch_id "
        "GROUP BY r.decision_id "
        "UNION ALL SELECT decision_id, NULL, NULL, closed_at FROM planned_actions "
        "WHERE closed_state = 'seen'");
    if (!st)
        return std::unexpected(st.error());
    QHash<qint64, DecisionCycle> cycles;
    while (st->next()) {
        DecisionCycle &c = cycles[st->columnInt(0)];
        if (!st->isNull(1))
            c.exportedAt = st->columnString(1);
        if (!st->isNull(2))
            c.acceptedAt = st->columnString(2);
        if (!st->isNull(3))
            c.receivedAt = st->columnString(3);
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return cycles;
}

std::vector<const StandingDecision *> approvedTransfers(
    const std::vector<StandingDecision> &decisions, qint64 version)
{
    QHash<qint64, const StandingDecision *> byId;
    for (const StandingDecision &d : decisions)
        if (d.version == version)
            byId.insert(d.id, &d);
    std::vector<const StandingDecision *> out;
    for (const auto &[exceptionId, decisionId] : takenExceptions(decisions, version)) {
        const StandingDecision *d = byId.value(decisionId);
        if (d && d->action == u"transfer"_s)
            out.push_back(d);
    }
    return out;
}

std::optional<double> hoursBetween(const QString &from, const QString &to)
{
    if (from.isEmpty() || to.isEmpty())
        return std::nullopt;
    const QDateTime a = QDateTime::fromString(from, Qt::ISODate);
    const QDateTime b = QDateTime::fromString(to, Qt::ISODate);
    if (!a.isValid() || !b.isValid())
        return std::nullopt;
    return double(std::max<qint64>(0, a.msecsTo(b))) / 3.6e6;
}

QString decisionKey(
    const StandingDecision &d, KpiDimension by, const QHash<QString, ExceptionPlace> &places)
{
    if (by == KpiDimension::None)
        return {};
    if (by == KpiDimension::Planner)
        return d.planner;
    const auto place = places.constFind(d.exceptionId);
    if (place != places.constEnd())
        return place->keyOf(by);
    if (by == KpiDimension::Location)
        return d.exceptionId.mid(d.exceptionId.lastIndexOf(u'@') + 1);
    return u"?"_s; // the exception is not in the latest run
}

Result<std::optional<double>> touchHours(
    RunStore &runs, const std::vector<RunRow> &allRuns, const StandingDecision &d)
{
    // Back from the decision's run while each earlier run (of any snapshot) still shows
    // the exception; the first of that series raised it.
    const auto at = std::find_if(
        allRuns.begin(), allRuns.end(), [&](const RunRow &run) { return run.runId == d.runId; });
    if (at == allRuns.end())
        return std::nullopt;
    const std::string id = d.exceptionId.toStdString();
    auto first = at;
    while (first != allRuns.begin()) {
        auto found = runs.find(std::prev(first)->runId, id);
        if (!found)
            return std::unexpected(found.error());
        if (!found->has_value())
            break;
        --first;
    }
    const QDateTime decided = QDateTime::fromString(d.decidedAt, Qt::ISODate);
    if (!decided.isValid() || !first->createdAt.isValid())
        return std::nullopt;
    return std::max<qint64>(0, first->createdAt.msecsTo(decided)) / 3.6e6;
}

} // namespace model::kpisource
