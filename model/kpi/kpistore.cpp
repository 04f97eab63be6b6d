#include "model/kpi/kpistore.h"

#include "model/kpi/kpisources.h"
#include "model/runs/runstore.h"
#include "model/runs/scoreruns.h"
#include "model/snapshots/snapshotcatalog.h"
#include "model/snapshots/snapshotloader.h"
#include "model/store/store.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace model {

namespace {

using namespace kpisource;

/// What a snapshot's latest run and its order lines give, before any decision: fixed
/// once both are stored (a snapshot version and a run never change), so it is kept for
/// the life of the process. Reading it costs a whole snapshot's item blocks (about
/// 50 ms for 50,000 SKU-locations); a year of nightly snapshots is read once, and after
/// that a new grouping, a new date range or the next night's import only reads what
/// it has not seen. Keyed by the database file and the run's identity, creation time
/// included, so that a database replaced under the same name is not taken for the old.
struct RunFigures {
    KpiFigures overall;
    std::map<QString, KpiFigures> groups;
    double fillRateTarget = kDefaultFillRateTarget;
};

struct RunFiguresCache {
    QMutex mutex;
    QHash<QString, RunFigures> entries;

    static QString key(
        const QString &database, const SnapshotInfo &info, const RunRow &run, KpiDimension by)
    {
        return database + u'\n' + info.snapshotId + u'\n' + QString::number(info.version) + u'\n'
            + QString::number(run.runId) + u'\n' + run.createdAt.toString(Qt::ISODateWithMs) + u'\n'
            + QString::number(int(by));
    }
    std::optional<RunFigures> find(const QString &k)
    {
        const QMutexLocker lock(&mutex);
        const auto it = entries.constFind(k);
        return it == entries.constEnd() ? std::nullopt : std::optional<RunFigures>(*it);
    }
    void insert(const QString &k, const RunFigures &figures)
    {
        const QMutexLocker lock(&mutex);
        entries.insert(k, figures);
    }
};

RunFiguresCache &runFiguresCache()
{
    static RunFiguresCache cache;
    return cache;
}

/// Adds the latest run's queue to the overall figures and to its groups; returns where
/// each exception sits.
QHash<QString, ExceptionPlace> addQueue(
    const Queue &q, const engine::Policy &policy, KpiDimension by, SnapshotKpis &out)
{
    QHash<QString, ExceptionPlace> places;
    const double perValue = carryingPerValue(policy);
    for (qsizetype r = 0; r < q.size(); ++r) {
        const auto i = std::size_t(r);
        const ExceptionPlace place = placeOf(q, r);
        const auto type = std::size_t(q.type[i]);
        const double excess = excessValueOf(q, r, perValue);
        auto add = [&](KpiFigures &f) {
            f.exposure += q.score[i];
            f.canSave += q.canSave[i];
            if (type < f.exceptions.size())
                ++f.exceptions[type];
            f.excessValue += excess;
        };
        add(out.overall);
        if (const QString key = place.keyOf(by); !key.isNull())
            add(out.groups[key]);
        places.insert(q.exceptionId(r), place);
    }
    return places;
}

/// Adds the snapshot's open order lines; a line is short when the run holds a shortage
/// exception at its item-location.
void addOrders(
    const engine::Snapshot &snap, const QSet<QString> &shortAt, KpiDimension by, SnapshotKpis &out)
{
    forEachOpenLine(snap, shortAt, out.snapshot.asOf, [&](const OrderLine &line) {
        auto add = [&](KpiFigures &f) {
            ++f.openLines;
            f.shortLines += line.isShort ? 1 : 0;
            if (line.tier == 1) {
                ++f.tier1Lines;
                f.tier1ShortLines += line.isShort ? 1 : 0;
            }
            if (line.late) {
                ++f.backorderLines;
                f.backorderValue += line.value;
            }
        };
        add(out.overall);
        if (const QString key = line.keyOf(snap, by); !key.isNull())
            add(out.groups[key]);
    });
}

/// Adds the snapshot's SKU-locations out of stock with demand.
void addStockouts(const engine::Snapshot &snap, KpiDimension by, SnapshotKpis &out)
{
    for (const Stockout &s : stockoutsOf(snap)) {
        ++out.overall.stockouts;
        if (const QString key = s.keyOf(snap, by); !key.isNull())
            ++out.groups[key].stockouts;
    }
}

/// Adds the snapshot's stock and a year of its forward demand, both at cost.
void addStockAtCost(const engine::Snapshot &snap, KpiDimension by, SnapshotKpis &out)
{
    forEachStockAtCost(snap, [&](const StockAtCost &s) {
        auto add = [&](KpiFigures &f) {
            f.stockAtCost += s.stockAtCost;
            f.annualCogs += s.annualCogs;
        };
        add(out.overall);
        if (const QString key = itemLocationKey(snap, s.row, by); !key.isNull())
            add(out.groups[key]);
    });
}

} // namespace

Result<KpiReport> KpiStore::load(const KpiQuery &query)
{
    KpiReport report;
    report.by = query.by;
    auto snapshots = m_snapshots.list();
    if (!snapshots)
        return std::unexpected(snapshots.error());
    std::vector<SnapshotInfo> selected;
    for (const SnapshotInfo &s : *snapshots) {
        if (query.from != engine::kNoDate && s.asOf < query.from)
            continue;
        if (query.to != engine::kNoDate && s.asOf > query.to)
            continue;
        selected.push_back(s);
    }
    std::stable_sort(selected.begin(), selected.end(),
        [](const SnapshotInfo &a, const SnapshotInfo &b) { return a.asOf < b.asOf; });

    sqlite3 *db = m_store.handle();
    auto allRuns = readRuns(db);
    if (!allRuns)
        return std::unexpected(allRuns.error());
    auto decisions = readStandingDecisions(db);
    if (!decisions)
        return std::unexpected(decisions.error());
    auto cycles = readDecisionCycles(db);
    if (!cycles)
        return std::unexpected(cycles.error());
    RunStore runs(db);

    for (const SnapshotInfo &info : selected) {
        SnapshotKpis kpis;
        kpis.snapshot = info;
        auto latest = runs.latestRun(info.version);
        if (!latest)
            return std::unexpected(latest.error());
        QHash<QString, ExceptionPlace> places;
        // Decisions grouped by where their exception sits need the run's queue again.
        const bool needPlaces = (query.by == KpiDimension::Location || query.by == KpiDimension::Abc
                                    || query.by == KpiDimension::Tier)
            && std::any_of(decisions->begin(), decisions->end(),
                [&](const StandingDecision &d) { return d.version == info.version; });
        const auto latestRow = *latest ? std::find_if(allRuns->begin(), allRuns->end(),
                                   [&](const RunRow &r) { return r.runId == (*latest)->runId; })
                                       : allRuns->end();
        const QString cacheKey = latestRow != allRuns->end()
            ? RunFiguresCache::key(m_store.path(), info, *latestRow, query.by)
            : QString();
        std::optional<RunFigures> cached
            = cacheKey.isEmpty() ? std::nullopt : runFiguresCache().find(cacheKey);
        if (*latest && cached) {
            kpis.runId = (*latest)->runId;
            kpis.overall = cached->overall;
            kpis.groups = cached->groups;
            report.fillRateTarget = cached->fillRateTarget;
            if (needPlaces) {
                auto queue = runs.readQueue(**latest, info, {});
                if (!queue)
                    return std::unexpected(queue.error());
                for (qsizetype r = 0; r < queue->size(); ++r)
                    places.insert(queue->exceptionId(r), placeOf(*queue, r));
            }
        } else if (*latest) {
            kpis.runId = (*latest)->runId;
            auto policy = runs.policyOf(kpis.runId);
            if (!policy)
                return std::unexpected(policy.error());
            report.fillRateTarget = policy->serviceTarget[3];
            auto queue = runs.readQueue(**latest, info, {});
            if (!queue)
                return std::unexpected(queue.error());
            places = addQueue(*queue, *policy, query.by, kpis);
            auto snapshot = snapshotOf(info, info.version == snapshots->back().version);
            if (!snapshot)
                return std::unexpected(snapshot.error());
            addOrders(**snapshot, shortItemLocations(*queue), query.by, kpis);
            addStockouts(**snapshot, query.by, kpis);
            addStockAtCost(**snapshot, query.by, kpis);
            if (!cacheKey.isEmpty())
                runFiguresCache().insert(
                    cacheKey, {kpis.overall, kpis.groups, report.fillRateTarget});
        }

        // Decisions taken on any run of this snapshot.
        QSet<QString> plannerDays;
        QHash<QString, QSet<QString>> plannerDaysOf;
        for (const StandingDecision &d : *decisions) {
            if (d.version != info.version)
                continue;
            const QString day = d.decidedAt.left(10);
            const QString key = decisionKey(d, query.by, places);
            auto hours = touchHours(runs, *allRuns, d);
            if (!hours)
                return std::unexpected(hours.error());
            auto add = [&](KpiFigures &f, QSet<QString> &days) {
                ++f.decisions;
                f.rejected += d.rejected() ? 1 : 0;
                f.overridden += d.overridden() ? 1 : 0;
                f.approved += !d.rejected() && !d.overridden() ? 1 : 0;
                days.insert(d.planner + u'\n' + day);
                f.plannerDays = int(days.size());
                if (*hours)
                    f.touchHours.push_back(**hours);
            };
            add(kpis.overall, plannerDays);
            if (!key.isNull())
                add(kpis.groups[key], plannerDaysOf[key]);
        }
        // Transfer cycle: each approved transfer's legs that have ended.
        for (const StandingDecision *d : approvedTransfers(*decisions, info.version)) {
            const DecisionCycle cycle = cycles->value(d->id);
            const auto toExport = hoursBetween(d->decidedAt, cycle.exportedAt);
            const auto toAck = hoursBetween(cycle.exportedAt, cycle.acceptedAt);
            const auto toReceived = hoursBetween(d->decidedAt, cycle.receivedAt);
            auto add = [&](KpiFigures &f) {
                ++f.transfers;
                if (toExport)
                    f.exportHours.push_back(*toExport);
                if (toAck)
                    f.ackHours.push_back(*toAck);
                if (toReceived)
                    f.receivedHours.push_back(*toReceived);
            };
            add(kpis.overall);
            if (const QString key = decisionKey(*d, query.by, places); !key.isNull())
                add(kpis.groups[key]);
        }
        // Can-save taken: the approved exceptions of the latest run, each read by its id.
        if (kpis.runId > 0) {
            for (const auto &[exceptionId, decisionId] :
                takenExceptions(*decisions, info.version)) {
                auto hit = runs.find(kpis.runId, exceptionId.toStdString());
                if (!hit)
                    return std::unexpected(hit.error());
                if (!*hit)
                    continue; // no longer in the latest run: nothing left to save there
                kpis.overall.canSaveTaken += (*hit)->canSave;
                const ExceptionPlace place {
                    (*hit)->locationId, abcKey((*hit)->abcClass), tierKey((*hit)->worstTier)};
                if (const QString key = place.keyOf(query.by); !key.isNull())
                    kpis.groups[key].canSaveTaken += (*hit)->canSave;
            }
        }
        report.snapshots.push_back(std::move(kpis));
    }
    return report;
}

Result<std::shared_ptr<const engine::Snapshot>> KpiStore::snapshotOf(
    const SnapshotInfo &info, bool current)
{
    // The current snapshot through the catalogue, which keeps it for the queue; an
    // older one read aside, so the catalogue keeps the current one.
    if (current)
        return m_snapshots.whole(info);
    auto older = SnapshotLoader(m_store.handle()).loadAll(info.version);
    if (!older)
        return std::unexpected(older.error());
    return std::make_shared<const engine::Snapshot>(std::move(*older));
}

} // namespace model
