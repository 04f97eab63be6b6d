#include "model/history/overridehistory.h"

#include "model/audit/auditevent.h"
#include "model/runs/runstore.h"
#include "model/runs/scoreruns.h"
#include "model/snapshots/snapshotcatalog.h"
#include "model/store/statement.h"
#include "model/store/store.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace model {

namespace {

/// "margin_at_risk=1200.5;sla_penalty=80" as the audit trail records a decision's
/// factors, back into (name, value) pairs, largest first.
std::vector<std::pair<QString, double>> parseFactors(const QString &text)
{
    std::vector<std::pair<QString, double>> out;
    const QStringList parts = text.split(u';', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq <= 0)
            continue;
        bool ok = false;
        const double value = part.mid(eq + 1).toDouble(&ok);
        if (ok)
            out.emplace_back(part.left(eq), value);
    }
    std::stable_sort(
        out.begin(), out.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    return out;
}

/// The recommended quantity kept in a decision's action identity
/// ("transfer|40|DC-WEST|...", see DecisionStore::actionKey).
std::optional<double> quantityOf(const QString &actionKey)
{
    const QStringList fields = actionKey.split(u'|');
    if (fields.size() < 2)
        return std::nullopt;
    bool ok = false;
    const double qty = fields.at(1).toDouble(&ok);
    return ok ? std::optional<double>(qty) : std::nullopt;
}

engine::Date dayOf(const QString &isoUtc)
{
    return engine::parseDate(isoUtc.left(10).toStdString()).value_or(engine::kNoDate);
}

} // namespace

bool exceptionTypeOf(const QString &exceptionId, engine::ExceptionType &type)
{
    const qsizetype colon = exceptionId.indexOf(u':');
    return colon > 0 && engine::parseExceptionType(exceptionId.left(colon).toStdString(), type);
}

OverrideRecord::Aftermath OverrideRecord::aftermath() const
{
    const auto scored = std::find_if(
        later.rbegin(), later.rend(), [](const LaterLook &look) { return look.runId > 0; });
    if (scored == later.rend())
        return Aftermath::NoLaterSnapshot;
    return scored->present ? Aftermath::StillOpen : Aftermath::Gone;
}

std::optional<double> OverrideRecord::latestExposure() const
{
    const auto scored = std::find_if(
        later.rbegin(), later.rend(), [](const LaterLook &look) { return look.runId > 0; });
    if (scored == later.rend())
        return std::nullopt;
    return scored->present ? scored->exposure : 0.0;
}

const LaterLook *OverrideRecord::firstGone() const
{
    const auto gone = std::find_if(later.begin(), later.end(),
        [](const LaterLook &look) { return look.runId > 0 && !look.present; });
    return gone == later.end() ? nullptr : &*gone;
}

Result<OverrideHistoryData> OverrideHistory::load()
{
    OverrideHistoryData data;
    if (auto policy = m_runs.runPolicy()) {
        data.driftThreshold = policy->overrideDriftThreshold;
        data.driftWeeks = policy->overrideDriftWeeks;
    } else if (policy.error().code != Error::BadInput) {
        return std::unexpected(policy.error()); // BadInput: nothing scored yet
    }

    // The snapshots in import order, each with its latest run.
    auto snapshots = m_snapshots.list();
    if (!snapshots)
        return std::unexpected(snapshots.error());
    RunStore runs(m_store.handle());
    std::vector<LaterLook> looks;
    looks.reserve(snapshots->size());
    QHash<qint64, QString> currencyOf;
    for (const SnapshotInfo &snapshot : *snapshots) {
        currencyOf.insert(snapshot.version, snapshot.currency);
        LaterLook look;
        look.snapshotVersion = snapshot.version;
        look.snapshotId = snapshot.snapshotId;
        look.asOf = snapshot.asOf;
        auto run = runs.latestRun(snapshot.version);
        if (!run)
            return std::unexpected(run.error());
        look.runId = *run ? (*run)->runId : 0;
        looks.push_back(std::move(look));
    }

    // The factors come from the decision's own audit event, written in the same
    // transaction: its detail starts "decision <id>, " (DecisionStore::record).
    QHash<qint64, QString> factorsOf;
    {
        auto events = Statement::prepare(m_store.handle(),
            "SELECT detail, factors FROM audit_events WHERE event IN (?1, ?2) "
            "AND outcome = 'recorded' AND factors IS NOT NULL ORDER BY seq");
        if (!events)
            return std::unexpected(events.error());
        events->bindTextNotNull(1, AuditEvent::kDecisionOverride);
        events->bindTextNotNull(2, AuditEvent::kDecisionReject);
        while (events->next()) {
            const QString detail = events->columnString(0);
            if (!detail.startsWith(u"decision "_s))
                continue;
            bool ok = false;
            const qint64 id = detail.mid(9, detail.indexOf(u',') - 9).toLongLong(&ok);
            if (ok && !factorsOf.contains(id))
                factorsOf.insert(id, events->columnString(1));
        }
        if (auto ok = events->status(); !ok)
            return std::unexpected(ok.error());
    }

    auto st = Statement::prepare(m_store.handle(),
        "SELECT d.id, d.decided_at, d.user, d.exception_id, d.action, d.kind, d.override_qty, "
        "d.reason_code, d.comment, d.run_id, d.action_key, d.checked_by, r.snapshot_version "
        "FROM decisions d JOIN score_runs r ON r.run_id = d.run_id "
        "WHERE d.undone_at IS NULL ORDER BY d.id");
    if (!st)
        return std::unexpected(st.error());
    while (st->next()) {
        DecisionTally tally;
        tally.planner = st->columnString(2);
        const QString exceptionId = st->columnString(3);
        if (!exceptionTypeOf(exceptionId, tally.type))
            continue; // not an id scoring writes: nothing to count it under
        const QString decidedAt = st->columnString(1);
        tally.day = dayOf(decidedAt);
        const bool rejected = st->columnText(5) == "rejected";
        const bool overridden = !rejected && !st->isNull(6);
        tally.overridden = rejected || overridden;
        // The top factor of the exception as the run it was decided on scored it.
        auto scored = runs.find(st->columnInt(9), exceptionId.toStdString());
        if (!scored)
            return std::unexpected(scored.error());
        if (*scored)
            tally.topFactor = (*scored)->topFactor;
        data.decisions.push_back(tally);
        if (!tally.overridden)
            continue;

        OverrideRecord r;
        r.decisionId = st->columnInt(0);
        r.decidedAt = decidedAt;
        r.day = tally.day;
        r.planner = tally.planner;
        r.kind = rejected ? Decision::Rejected : Decision::Overridden;
        r.exceptionId = exceptionId;
        r.type = tally.type;
        r.action = st->columnString(4);
        r.overrideQty = overridden ? st->columnDouble(6) : 0.0;
        r.reasonCode = st->columnString(7);
        r.comment = st->columnString(8);
        r.runId = st->columnInt(9);
        r.recommendedQty = quantityOf(st->columnString(10));
        r.checkedBy = st->columnString(11);
        r.snapshotVersion = st->columnInt(12);
        r.factors = parseFactors(factorsOf.value(r.decisionId));
        // Until the run is read: the item and location the id names.
        const qsizetype colon = exceptionId.indexOf(u':');
        const qsizetype at = exceptionId.lastIndexOf(u'@');
        if (colon > 0 && at > colon) {
            r.itemId = exceptionId.mid(colon + 1, at - colon - 1);
            r.locationId = exceptionId.mid(at + 1);
        }
        data.records.push_back(std::move(r));
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    st->reset();

    for (OverrideRecord &r : data.records) {
        const std::string id = r.exceptionId.toStdString();
        auto then = runs.find(r.runId, id);
        if (!then)
            return std::unexpected(then.error());
        if (*then) {
            r.exposure = (*then)->score;
            r.topFactor = (*then)->topFactor;
            r.itemId = (*then)->itemId;
            r.locationId = (*then)->locationId;
        }
        for (const LaterLook &snapshot : looks) {
            if (snapshot.snapshotVersion == r.snapshotVersion) {
                r.snapshotId = snapshot.snapshotId;
                r.asOf = snapshot.asOf;
                r.currency = currencyOf.value(snapshot.snapshotVersion);
            }
            if (snapshot.snapshotVersion <= r.snapshotVersion)
                continue;
            LaterLook look = snapshot;
            if (look.runId > 0) {
                auto found = runs.find(look.runId, id);
                if (!found)
                    return std::unexpected(found.error());
                look.present = found->has_value();
                look.exposure = look.present ? (**found).score : 0.0;
            }
            r.later.push_back(std::move(look));
        }
    }
    std::reverse(data.records.begin(), data.records.end());
    return data;
}

} // namespace model
