#include "model/scenarios/scenariostore.h"

#include "model/audit/auditlog.h"
#include "model/runs/scoreruns.h"
#include "model/scenarios/proposalrows.h"
#include "model/simulation/networksimulation.h"
#include "model/simulation/scenariojson.h"
#include "model/store/statement.h"
#include "model/store/store.h"
#include "model/users/userstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

using namespace Qt::StringLiterals;

namespace model {

namespace sim = engine::simulation;

namespace {

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

AuditEvent scenarioEvent(const User &user, const char *event)
{
    AuditEvent e;
    e.user = user.name;
    e.role = QString::fromLatin1(engine::roleName(user.role));
    e.event = QString::fromLatin1(event);
    e.at = nowUtc();
    e.outcome = u"recorded"_s;
    return e;
}

Error noScenario(const QString &name)
{
    return Error {Error::BadInput,
        u"There is no scenario named \""_s + name + u"\" (pwb scenario list names them)."_s, {}};
}

/// Whether the snapshot has an active lane from `from` to `to` (ids).
bool hasLane(const engine::Snapshot &s, const std::string &from, const std::string &to)
{
    const engine::Index f = s.locations.ids.find(from);
    const engine::Index t = s.locations.ids.find(to);
    if (f == engine::kNone || t == engine::kNone)
        return false;
    for (engine::Index l = 0; l < s.lanes.size(); ++l) {
        const auto i = std::size_t(l);
        if (s.lanes.from[i] == f && s.lanes.to[i] == t
            && (s.lanes.active.empty() || s.lanes.active[i] != 0))
            return true;
    }
    return false;
}

} // namespace

std::vector<ProposedTransfer> proposedTransfers(const SimulationRun &run, int *leftOut)
{
    const sim::Simulation &plan = *run.withScenario;
    const engine::Snapshot &changed = *run.scenarioSnapshot;
    const engine::Snapshot &real = *run.snapshot;
    struct Sum {
        double qty = 0, cost = 0;
    };
    // (model item, from, to, ship day) -> summed shipments, ordered for a stable list.
    std::map<std::tuple<int, engine::Index, engine::Index, int>, Sum> sums;
    std::map<std::tuple<int, engine::Index, engine::Index, int>, int> arrival;
    for (const sim::Shipment &s : plan.plan.shipments) {
        const sim::ItemModel &m = plan.model.items[std::size_t(s.item)];
        bool realRoute = true;
        for (const sim::Hop &hop : m.routes[std::size_t(s.lane)]) {
            const auto l = std::size_t(hop.lane);
            realRoute = realRoute
                && hasLane(real, changed.locations.ids.at(changed.lanes.from[l]),
                    changed.locations.ids.at(changed.lanes.to[l]));
        }
        if (!realRoute) {
            ++*leftOut;
            continue;
        }
        const auto key = std::make_tuple(s.item, s.from, s.to, s.shipDay);
        sums[key].qty += s.qty;
        sums[key].cost += s.cost;
        arrival[key] = std::max(arrival[key], s.arrivalDay);
    }
    // What each item's plan does for its order lines at each destination.
    std::map<std::pair<int, engine::Index>, sim::LinesCovered> served;
    std::map<std::pair<int, engine::Index>, double> inbound;
    for (const auto &[key, sum] : sums) {
        const int item = std::get<0>(key);
        const engine::Index to = std::get<2>(key);
        inbound[{item, to}] += std::round(sum.qty);
        if (!served.contains({item, to}))
            served[{item, to}] = sim::linesCovered(plan.model, plan.plan, item, to);
    }
    std::vector<ProposedTransfer> out;
    for (const auto &[key, sum] : sums) {
        const auto [item, from, to, shipDay] = key;
        const double qty = std::round(sum.qty);
        if (qty < 1)
            continue; // a fraction of a unit cannot be shipped
        const sim::ItemModel &m = plan.model.items[std::size_t(item)];
        const sim::LinesCovered &covered = served[{item, to}];
        ProposedTransfer t;
        t.line = int(out.size()) + 1;
        t.itemId = QString::fromStdString(changed.items.ids.at(m.item));
        t.fromLocationId = QString::fromStdString(changed.locations.ids.at(from));
        t.toLocationId = QString::fromStdString(changed.locations.ids.at(to));
        t.qty = qty;
        t.shipDate = run.info.asOf + shipDay;
        t.arrivalDate = run.info.asOf + arrival[key];
        t.cost = sum.qty > 0 ? sum.cost * qty / sum.qty : 0;
        const double into = inbound[{item, to}];
        const double share = into > 0 ? qty / into : 0;
        t.valueCovered = covered.valueCovered * share;
        t.latenessAvoided = covered.latenessAvoided * share;
        t.worstTier = covered.worstTier;
        out.push_back(std::move(t));
    }
    return out;
}

QJsonArray proposedTransfersToJson(const std::vector<ProposedTransfer> &transfers)
{
    QJsonArray out;
    for (const ProposedTransfer &t : transfers)
        out.append(QJsonObject {{u"line"_s, t.line}, {u"item"_s, t.itemId},
            {u"from"_s, t.fromLocationId}, {u"to"_s, t.toLocationId}, {u"qty"_s, t.qty},
            {u"ship_date"_s, QString::fromStdString(engine::formatDate(t.shipDate))},
            {u"arrival_date"_s, QString::fromStdString(engine::formatDate(t.arrivalDate))},
            {u"cost"_s, t.cost}, {u"value_covered"_s, t.valueCovered},
            {u"lateness_avoided"_s, t.latenessAvoided}, {u"benefit"_s, t.benefit()},
            {u"worst_tier"_s, t.worstTier}});
    return out;
}

QString ProposedTransfer::exceptionId() const
{
    return u"NP-"_s + QString::number(proposalId) + u'-' + QString::number(line);
}

bool parseProposalLineId(const QString &id, qint64 *proposalId, int *line)
{
    if (!id.startsWith(u"NP-"_s))
        return false;
    const QStringList parts = id.mid(3).split(u'-');
    if (parts.size() != 2)
        return false;
    bool okProposal = false, okLine = false;
    const qint64 p = parts[0].toLongLong(&okProposal);
    const int l = parts[1].toInt(&okLine);
    if (!okProposal || !okLine || p < 1 || l < 1)
        return false;
    *proposalId = p;
    *line = l;
    return true;
}

const ScenarioResults *SavedScenario::resultsOn(qint64 version) const
{
    for (const ScenarioResults &r : results) {
        if (r.snapshotVersion == version)
            return &r;
    }
    return nullptr;
}

QJsonObject ScenarioStore::resultsJson(const SimulationRun &run)
{
    QJsonObject o {{u"snapshot_id"_s, run.info.snapshotId},
        {u"snapshot_version"_s, run.info.version},
        {u"as_of"_s, QString::fromStdString(engine::formatDate(run.info.asOf))},
        {u"currency"_s, run.info.currency}, {u"base"_s, totalsToJson(run.base.result)}};
    if (run.withScenario) {
        o[u"with_scenario"_s] = totalsToJson(run.withScenario->result);
        QJsonObject difference = comparisonToJson(*run.scenarioSnapshot, *run.comparison);
        difference.remove(u"lanes"_s);
        difference.remove(u"locations"_s);
        difference.remove(u"items"_s);
        o[u"difference"_s] = difference;
    }
    return o;
}

Result<SavedScenario> ScenarioStore::save(
    const QString &name, sim::Scenario scenario, const User &author)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return std::unexpected(Error {Error::BadInput, u"A scenario needs a name."_s, {}});
    if (trimmed.size() > 200 || std::any_of(trimmed.begin(), trimmed.end(), [](QChar c) {
            return c.category() == QChar::Other_Control;
        }))
        return std::unexpected(Error {
            Error::BadInput, u"A scenario name is one line of at most 200 characters."_s, {}});
    auto confirmed = m_users.confirm(author);
    if (!confirmed)
        return std::unexpected(confirmed.error());
    scenario.name = trimmed.toStdString();
    const QString json = compactJson(scenarioToJson(scenario));
    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto existing = select(trimmed);
    if (!existing)
        return std::unexpected(existing.error());
    const QString at = nowUtc();
    const bool isNew = existing->empty();
    auto st = Statement::prepare(m_store.handle(),
        isNew ? "INSERT INTO scenarios (name, json, author, created_at, updated_by, updated_at) "
                "VALUES (?1, ?2, ?3, ?4, ?3, ?4)"
              : "UPDATE scenarios SET name = ?1, json = ?2, updated_by = ?3, updated_at = ?4 "
                "WHERE id = ?5");
    if (!st)
        return std::unexpected(st.error());
    st->bindText(1, trimmed);
    st->bindText(2, json);
    st->bindText(3, confirmed->name);
    st->bindText(4, at);
    if (!isNew)
        st->bindInt(5, existing->front().id);
    if (auto ok = st->run(); !ok)
        return std::unexpected(ok.error());
    const qint64 id = isNew ? sqlite3_last_insert_rowid(m_store.handle()) : existing->front().id;
    AuditEvent event = scenarioEvent(*confirmed, AuditEvent::kScenarioSave);
    event.at = at;
    event.detail = u"scenario "_s + QString::number(id) + u" \""_s + trimmed + u"\", "_s
        + (isNew ? u"new"_s : u"changed"_s) + u", "_s
        + countOf(scenario.changes.size(), u"change"_s, u"changes"_s);
    if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
        return std::unexpected(appended.error());
    auto saved = select(trimmed);
    if (!saved)
        return std::unexpected(saved.error());
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());
    return saved->front();
}

Result<std::vector<SavedScenario>> ScenarioStore::list()
{
    return select({});
}

Result<SavedScenario> ScenarioStore::find(const QString &name)
{
    auto found = select(name.trimmed());
    if (!found)
        return std::unexpected(found.error());
    if (found->empty())
        return std::unexpected(noScenario(name));
    return found->front();
}

Result<void> ScenarioStore::remove(const QString &name, const User &user)
{
    auto confirmed = m_users.confirm(user);
    if (!confirmed)
        return std::unexpected(confirmed.error());
    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto found = find(name);
    if (!found)
        return std::unexpected(found.error());
    for (const char *sql : {"DELETE FROM scenario_results WHERE scenario_id = ?1",
             "DELETE FROM scenarios WHERE id = ?1"}) {
        auto st = Statement::prepare(m_store.handle(), sql);
        if (!st)
            return std::unexpected(st.error());
        st->bindInt(1, found->id);
        if (auto ok = st->run(); !ok)
            return std::unexpected(ok.error());
    }
    AuditEvent event = scenarioEvent(*confirmed, AuditEvent::kScenarioDelete);
    event.detail = u"scenario "_s + QString::number(found->id) + u" \""_s + found->name
        + u"\" by "_s + found->author + u", "_s
        + countOf(found->results.size(), u"result"_s, u"results"_s);
    if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
        return std::unexpected(appended.error());
    return transaction->commit();
}

Result<ScenarioResults> ScenarioStore::recordResults(qint64 id, const SimulationRun &run)
{
    if (!run.scenario || !run.withScenario)
        return std::unexpected(
            Error {Error::BadInput, u"The run has no scenario whose results to keep."_s, {}});
    ScenarioResults r;
    r.snapshotVersion = run.info.version;
    r.runAt = nowUtc();
    r.results = resultsJson(run);
    // The breakdown sits in the same row, read apart (breakdown()) so that listing the
    // scenarios does not parse every item's figures.
    QJsonObject stored = r.results;
    stored[u"breakdown"_s]
        = QJsonObject {{u"base"_s, breakdownToJson(breakdownOf(*run.snapshot, run.base.result))},
            {u"with_scenario"_s,
                breakdownToJson(breakdownOf(*run.scenarioSnapshot, run.withScenario->result))}};
    auto st = Statement::prepare(m_store.handle(),
        "INSERT OR REPLACE INTO scenario_results (scenario_id, snapshot_version, run_at, json, "
        "results) SELECT id, ?2, ?3, ?4, ?5 FROM scenarios WHERE id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, id);
    st->bindInt(2, r.snapshotVersion);
    st->bindText(3, r.runAt);
    st->bindText(4, compactJson(scenarioToJson(*run.scenario)));
    st->bindText(5, compactJson(stored));
    if (auto ok = st->run(); !ok)
        return std::unexpected(ok.error());
    if (sqlite3_changes(m_store.handle()) == 0)
        return std::unexpected(Error {Error::BadInput,
            u"There is no scenario "_s + QString::number(id) + u" (deleted meanwhile?)."_s, {}});
    return r;
}

Result<std::optional<ScenarioBreakdown>> ScenarioStore::breakdown(qint64 id, qint64 version)
{
    auto st = Statement::prepare(m_store.handle(),
        "SELECT json_extract(results, '$.breakdown') FROM scenario_results "
        "WHERE scenario_id = ?1 AND snapshot_version = ?2");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, id);
    st->bindInt(2, version);
    std::optional<ScenarioBreakdown> out;
    if (st->next()) {
        const QJsonObject o = QJsonDocument::fromJson(st->columnBytes(0)).object();
        if (!o.isEmpty())
            out = ScenarioBreakdown {breakdownFromJson(o.value(u"base"_s).toObject()),
                breakdownFromJson(o.value(u"with_scenario"_s).toObject())};
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return out;
}

Result<std::vector<SavedScenario>> ScenarioStore::select(const QString &name)
{
    auto st = Statement::prepare(m_store.handle(),
        "SELECT id, name, json, author, created_at, updated_by, updated_at FROM scenarios "
        "WHERE ?1 IS NULL OR name = ?1 ORDER BY name COLLATE NOCASE");
    auto results = Statement::prepare(m_store.handle(),
        "SELECT snapshot_version, run_at, json, json_remove(results, '$.breakdown') "
        "FROM scenario_results "
        "WHERE scenario_id = ?1 ORDER BY snapshot_version DESC");
    if (!st || !results)
        return std::unexpected(!st ? st.error() : results.error());
    if (name.isEmpty())
        st->bindNull(1);
    else
        st->bindText(1, name);
    std::vector<SavedScenario> out;
    while (st->next()) {
        SavedScenario s;
        s.id = st->columnInt(0);
        s.name = st->columnString(1);
        const QString json = st->columnString(2);
        auto scenario = scenarioFromJson(json.toUtf8(), u"scenario "_s + s.name);
        if (!scenario)
            return std::unexpected(scenario.error());
        s.scenario = std::move(*scenario);
        s.author = st->columnString(3);
        s.createdAt = st->columnString(4);
        s.updatedBy = st->columnString(5);
        s.updatedAt = st->columnString(6);
        results->bindInt(1, s.id);
        while (results->next()) {
            ScenarioResults r;
            r.snapshotVersion = results->columnInt(0);
            r.runAt = results->columnString(1);
            r.matchesScenario = results->columnString(2) == json;
            r.results = QJsonDocument::fromJson(results->columnBytes(3)).object();
            s.results.push_back(std::move(r));
        }
        if (auto ok = results->status(); !ok)
            return std::unexpected(ok.error());
        results->reset();
        out.push_back(std::move(s));
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return out;
}

} // namespace model
