#include "model/kpi/kpistore.h"

#include "model/runs/runstore.h"
#include "model/runs/scoreruns.h"
#include "model/snapshots/snapshotcatalog.h"
#include "model/snapshots/snapshotloader.h"
#include "model/store/statement.h"
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

QString abcKey(char abc)
{
    return abc == 0 ? u"-"_s : QString(QLatin1Char(abc));
}

QString tierKey(int tier)
{
    return tier <= 0 ? u"none"_s : QString::number(tier);
}

/// What a decision is grouped and counted by.
struct DecisionRow {
    QString planner;
    QString exceptionId;
    bool rejected = false;
    bool overridden = false;
    QString decidedAt;
    qint64 runId = 0;
    qint64 version = 0;
};

/// One run in creation order.
struct RunRow {
    qint64 runId = 0;
    qint64 version = 0;
    QDateTime createdAt;
};

/// Where an exception of the latest run sits, for grouping its decisions.
struct ExceptionPlace {
    QString location;
    QString abc;
    QString tier;
};

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

Result<std::vector<DecisionRow>> readDecisions(sqlite3 *db)
{
    auto st = Statement::prepare(db,
        "SELECT d.user, d.exception_id, d.kind, d.override_qty, d.decided_at, d.run_id, "
        "r.snapshot_version FROM decisions d JOIN score_runs r ON r.run_id = d.run_id "
        "WHERE d.undone_at IS NULL ORDER BY d.id");
    if (!st)
        return std::unexpected(st.error());
    std::vector<DecisionRow> rows;
    while (st->next()) {
        DecisionRow d;
        d.planner = st->columnString(0);
        d.exceptionId = st->columnString(1);
        d.rejected = st->columnText(2) == "rejected";
        d.overridden = !d.rejected && !st->isNull(3);
        d.decidedAt = st->columnString(4);
        d.runId = st->columnInt(5);
        d.version = st->columnInt(6);
        rows.push_back(std::move(d));
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return rows;
}

/// Adds the latest run's queue to the overall figures and to its groups; returns where
/// each exception sits.
QHash<QString, ExceptionPlace> addQueue(
    const Queue &q, const engine::Policy &policy, KpiDimension by, SnapshotKpis &out)
{
    QHash<QString, ExceptionPlace> places;
    // carrying = units x unit cost x holding rate x horizon / 365 (engine excessCost).
    const double carryingPerValue = policy.holdingCostRate * policy.horizonDays / 365.0;
    for (qsizetype r = 0; r < q.size(); ++r) {
        const auto i = std::size_t(r);
        const ExceptionPlace place {
            q.locationIds.at(q.location[i]), abcKey(q.abcClass[i]), tierKey(int(q.worstTier[i]))};
        const auto type = std::size_t(q.type[i]);
        double excess = 0;
        if (type == std::size_t(engine::ExceptionType::Excess) && carryingPerValue > 0) {
            const double carrying = q.factorAmounts[i * engine::kFactorCount
                + std::size_t(engine::FactorKind::CarryingCost)];
            excess = carrying / carryingPerValue;
        }
        auto add = [&](KpiFigures &f) {
            f.exposure += q.score[i];
            f.canSave += q.canSave[i];
            if (type < f.exceptions.size())
                ++f.exceptions[type];
            f.excessValue += excess;
        };
        add(out.overall);
        if (by == KpiDimension::Location)
            add(out.groups[place.location]);
        else if (by == KpiDimension::Abc)
            add(out.groups[place.abc]);
        else if (by == KpiDimension::Tier)
            add(out.groups[place.tier]);
        places.insert(q.exceptionId(r), place);
    }
    return places;
}

/// Adds the snapshot's open order lines; a line is short when the run holds a shortage
/// exception at its item-location.
void addOrders(
    const engine::Snapshot &snap, const QSet<QString> &shortAt, KpiDimension by, SnapshotKpis &out)
{
    const engine::SalesOrders &so = snap.salesOrders;
    const engine::Date asOf = out.snapshot.asOf;
    for (std::size_t r = 0; r < so.qtyOpen.size(); ++r) {
        if (!(so.qtyOpen[r] > 0))
            continue;
        const QString item = QString::fromStdString(snap.items.ids.at(so.item[r]));
        const QString location = QString::fromStdString(snap.locations.ids.at(so.location[r]));
        const int tier
            = so.customer[r] >= 0 ? int(snap.customers.tier[std::size_t(so.customer[r])]) : 0;
        const bool isShort = shortAt.contains(item + u'@' + location);
        const bool late = asOf != engine::kNoDate && so.dueDate[r] < asOf;
        auto add = [&](KpiFigures &f) {
            ++f.openLines;
            f.shortLines += isShort ? 1 : 0;
            if (tier == 1) {
                ++f.tier1Lines;
                f.tier1ShortLines += isShort ? 1 : 0;
            }
            if (late) {
                ++f.backorderLines;
                f.backorderValue += so.qtyOpen[r] * so.unitPrice[r];
            }
        };
        add(out.overall);
        if (by == KpiDimension::Location)
            add(out.groups[location]);
        else if (by == KpiDimension::Abc)
            add(out.groups[abcKey(snap.items.abcClass[std::size_t(so.item[r])])]);
        else if (by == KpiDimension::Tier)
            add(out.groups[tierKey(tier)]);
    }
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
    auto decisions = readDecisions(db);
    if (!decisions)
        return std::unexpected(decisions.error());
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
                [&](const DecisionRow &d) { return d.version == info.version; });
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
                auto policy = runs.policyOf(kpis.runId);
                if (!policy)
                    return std::unexpected(policy.error());
                auto queue = runs.readQueue(**latest, info, {});
                if (!queue)
                    return std::unexpected(queue.error());
                SnapshotKpis scratch;
                places = addQueue(*queue, *policy, query.by, scratch);
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
            QSet<QString> shortAt;
            for (qsizetype r = 0; r < queue->size(); ++r)
                if (queue->type[std::size_t(r)] == quint8(engine::ExceptionType::Shortage))
                    shortAt.insert(queue->itemIds.at(queue->item[std::size_t(r)]) + u'@'
                        + queue->locationIds.at(queue->location[std::size_t(r)]));
            // The current snapshot through the catalogue, which keeps it for the queue;
            // an older one read aside, so the catalogue keeps the current one.
            if (info.version == snapshots->back().version) {
                auto whole = m_snapshots.whole(info);
                if (!whole)
                    return std::unexpected(whole.error());
                addOrders(**whole, shortAt, query.by, kpis);
            } else {
                auto older = SnapshotLoader(db).loadAll(info.version);
                if (!older)
                    return std::unexpected(older.error());
                addOrders(*older, shortAt, query.by, kpis);
            }
            if (!cacheKey.isEmpty())
                runFiguresCache().insert(
                    cacheKey, {kpis.overall, kpis.groups, report.fillRateTarget});
        }

        // Decisions taken on any run of this snapshot.
        QSet<QString> plannerDays;
        QHash<QString, QSet<QString>> plannerDaysOf;
        for (const DecisionRow &d : *decisions) {
            if (d.version != info.version)
                continue;
            const QString day = d.decidedAt.left(10);
            QString key;
            if (query.by == KpiDimension::Planner) {
                key = d.planner;
            } else if (query.by != KpiDimension::None) {
                const auto place = places.constFind(d.exceptionId);
                if (place != places.constEnd()) {
                    key = query.by == KpiDimension::Location ? place->location
                        : query.by == KpiDimension::Abc      ? place->abc
                                                             : place->tier;
                } else if (query.by == KpiDimension::Location) {
                    key = d.exceptionId.mid(d.exceptionId.lastIndexOf(u'@') + 1);
                } else {
                    key = u"?"_s; // the exception is not in the latest run
                }
            }
            // Touch time: back from the decision's run while each earlier run (of any
            // snapshot) still shows the exception; the first of that series raised it.
            std::optional<double> hours;
            const auto at = std::find_if(allRuns->begin(), allRuns->end(),
                [&](const RunRow &run) { return run.runId == d.runId; });
            if (at != allRuns->end()) {
                const std::string id = d.exceptionId.toStdString();
                auto first = at;
                while (first != allRuns->begin()) {
                    auto found = runs.find(std::prev(first)->runId, id);
                    if (!found)
                        return std::unexpected(found.error());
                    if (!found->has_value())
                        break;
                    --first;
                }
                const QDateTime decided = QDateTime::fromString(d.decidedAt, Qt::ISODate);
                if (decided.isValid() && first->createdAt.isValid())
                    hours = std::max<qint64>(0, first->createdAt.msecsTo(decided)) / 3.6e6;
            }
            auto add = [&](KpiFigures &f, QSet<QString> &days) {
                ++f.decisions;
                f.rejected += d.rejected ? 1 : 0;
                f.overridden += d.overridden ? 1 : 0;
                f.approved += !d.rejected && !d.overridden ? 1 : 0;
                days.insert(d.planner + u'\n' + day);
                f.plannerDays = int(days.size());
                if (hours)
                    f.touchHours.push_back(*hours);
            };
            add(kpis.overall, plannerDays);
            if (!key.isNull())
                add(kpis.groups[key], plannerDaysOf[key]);
        }
        report.snapshots.push_back(std::move(kpis));
    }
    return report;
}

} // namespace model
