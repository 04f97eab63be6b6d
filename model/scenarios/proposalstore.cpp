// ScenarioStore's half about proposals: a scenario's plan turned into transfers for
// the planners, and reading them back with where their decisions stand.

#include "model/scenarios/proposalrows.h"
#include "model/scenarios/scenariostore.h"

#include "model/audit/auditlog.h"
#include "model/runs/scoreruns.h"
#include "model/simulation/networksimulation.h"
#include "model/simulation/scenariojson.h"
#include "model/store/statement.h"
#include "model/store/store.h"
#include "model/users/userstore.h"

#include <QJsonDocument>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace model {

namespace {

constexpr std::string_view kProposalColumns
    = "SELECT p.id, p.scenario_name, p.json, p.snapshot_version, p.run_id, p.author, "
      "p.proposed_at, coalesce(p.superseded_by, 0), "
      "p.snapshot_version = (SELECT max(version) FROM snapshots) FROM proposals p ";

constexpr std::string_view kTransferColumns
    = "SELECT t.proposal_id, t.line, t.item_id, t.from_location_id, t.to_location_id, t.qty, "
      "t.ship_date, t.arrival_date, t.cost, t.value_covered, t.worst_tier, "
      "d.id, d.kind, d.needs_check, d.checked_by, d.user, d.exported_batch, "
      "t.lateness_avoided "
      "FROM proposal_transfers t LEFT JOIN decisions d ON d.id = (SELECT max(id) FROM "
      "decisions WHERE exception_id = 'NP-' || t.proposal_id || '-' || t.line AND undone_at "
      "IS NULL) ";

/// `columns` followed by `rest` (a WHERE and ORDER BY), prepared.
Result<Statement> prepareWith(Store &store, std::string_view columns, std::string_view rest)
{
    std::string sql;
    sql.reserve(columns.size() + rest.size());
    sql.append(columns);
    sql.append(rest);
    return Statement::prepare(store.handle(), sql);
}

ProposedTransfer transferRow(const Statement &st)
{
    ProposedTransfer t;
    t.proposalId = st.columnInt(0);
    t.line = int(st.columnInt(1));
    t.itemId = st.columnString(2);
    t.fromLocationId = st.columnString(3);
    t.toLocationId = st.columnString(4);
    t.qty = st.columnDouble(5);
    t.shipDate = st.columnDate(6).value_or(engine::kNoDate);
    t.arrivalDate = st.columnDate(7).value_or(engine::kNoDate);
    t.cost = st.columnDouble(8);
    t.valueCovered = st.columnDouble(9);
    t.worstTier = int(st.columnInt(10));
    if (!st.isNull(11)) {
        t.decisionId = st.columnInt(11);
        t.decision = st.columnString(12) == u"rejected"_s ? u"rejected"_s
            : st.columnInt(13) != 0 && st.isNull(14)      ? u"awaiting second approval"_s
                                                          : u"approved"_s;
        t.decidedBy = st.columnString(15);
        t.exported = !st.isNull(16);
    }
    t.latenessAvoided = st.columnDouble(17);
    return t;
}

} // namespace

Result<std::optional<ProposedTransfer>> readProposedTransfer(
    Store &store, qint64 proposalId, int line, Proposal *proposal)
{
    auto head = prepareWith(store, kProposalColumns, "WHERE p.id = ?1");
    if (!head)
        return std::unexpected(head.error());
    head->bindInt(1, proposalId);
    if (!head->next()) {
        if (auto ok = head->status(); !ok)
            return std::unexpected(ok.error());
        return std::optional<ProposedTransfer> {};
    }
    proposal->id = head->columnInt(0);
    proposal->scenarioName = head->columnString(1);
    proposal->scenarioJson = head->columnString(2);
    proposal->snapshotVersion = head->columnInt(3);
    proposal->runId = head->columnInt(4);
    proposal->author = head->columnString(5);
    proposal->proposedAt = head->columnString(6);
    proposal->supersededBy = head->columnInt(7);
    proposal->open = proposal->supersededBy == 0 && head->columnInt(8) != 0;
    auto st = prepareWith(store, kTransferColumns, "WHERE t.proposal_id = ?1 AND t.line = ?2");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, proposalId);
    st->bindInt(2, line);
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
        return std::optional<ProposedTransfer> {};
    }
    return std::optional<ProposedTransfer> {transferRow(*st)};
}

Result<Proposal> ScenarioStore::propose(qint64 id, const SimulationRun &run, const User &author)
{
    if (!run.scenario || !run.withScenario)
        return std::unexpected(
            Error {Error::BadInput, u"Only a scenario's plan can be proposed."_s, {}});
    auto confirmed = m_users.confirm(author);
    if (!confirmed)
        return std::unexpected(confirmed.error());
    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto current = m_runs.currentRun();
    if (!current)
        return std::unexpected(current.error());
    const auto &[snapshot, scoreRun] = *current;
    if (snapshot.version != run.info.version) {
        return std::unexpected(Error {Error::Busy,
            u"The scenario ran on snapshot "_s + run.info.snapshotId + u" (version "_s
                + QString::number(run.info.version) + u"), but "_s + snapshot.snapshotId
                + u" (version "_s + QString::number(snapshot.version)
                + u") is current now. Nothing was proposed: run the scenario again."_s,
            {}});
    }
    int leftOut = 0;
    std::vector<ProposedTransfer> transfers = proposedTransfers(run, &leftOut);
    if (transfers.empty()) {
        return std::unexpected(Error {Error::BadInput,
            u"The plan of scenario \""_s + QString::fromStdString(run.scenario->name)
                + u"\" moves no whole unit over the snapshot's lanes: nothing to propose."_s,
            {}});
    }
    auto scenario
        = Statement::prepare(m_store.handle(), "SELECT name FROM scenarios WHERE id = ?1");
    if (!scenario)
        return std::unexpected(scenario.error());
    scenario->bindInt(1, id);
    if (!scenario->next()) {
        if (auto ok = scenario->status(); !ok)
            return std::unexpected(ok.error());
        return std::unexpected(Error {Error::BadInput,
            u"There is no scenario "_s + QString::number(id) + u" (deleted meanwhile?)."_s, {}});
    }
    Proposal p;
    p.scenarioName = scenario->columnString(0);
    p.scenarioJson = QString::fromUtf8(
        QJsonDocument(scenarioToJson(*run.scenario)).toJson(QJsonDocument::Compact));
    p.snapshotVersion = snapshot.version;
    p.runId = scoreRun.runId;
    p.author = confirmed->name;
    p.proposedAt = nowUtc();
    p.open = true;
    auto insert = Statement::prepare(m_store.handle(),
        "INSERT INTO proposals (scenario_name, json, snapshot_version, run_id, author, "
        "proposed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert)
        return std::unexpected(insert.error());
    insert->bindText(1, p.scenarioName);
    insert->bindText(2, p.scenarioJson);
    insert->bindInt(3, p.snapshotVersion);
    insert->bindInt(4, p.runId);
    insert->bindText(5, p.author);
    insert->bindText(6, p.proposedAt);
    if (auto ok = insert->run(); !ok)
        return std::unexpected(ok.error());
    p.id = sqlite3_last_insert_rowid(m_store.handle());
    auto supersede = Statement::prepare(m_store.handle(),
        "UPDATE proposals SET superseded_by = ?1 WHERE id <> ?1 AND superseded_by IS NULL "
        "AND scenario_name = ?2 COLLATE NOCASE");
    auto line = Statement::prepare(m_store.handle(),
        "INSERT INTO proposal_transfers (proposal_id, line, item_id, from_location_id, "
        "to_location_id, qty, ship_date, arrival_date, cost, value_covered, worst_tier, "
        "lateness_avoided) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!supersede || !line)
        return std::unexpected(!supersede ? supersede.error() : line.error());
    supersede->bindInt(1, p.id);
    supersede->bindText(2, p.scenarioName);
    if (auto ok = supersede->run(); !ok)
        return std::unexpected(ok.error());
    const int superseded = sqlite3_changes(m_store.handle());
    double units = 0, cost = 0, value = 0, lateness = 0;
    for (ProposedTransfer &t : transfers) {
        t.proposalId = p.id;
        line->bindInt(1, t.proposalId);
        line->bindInt(2, t.line);
        line->bindText(3, t.itemId);
        line->bindText(4, t.fromLocationId);
        line->bindText(5, t.toLocationId);
        line->bindDouble(6, t.qty);
        line->bindDate(7, t.shipDate);
        line->bindDate(8, t.arrivalDate);
        line->bindDouble(9, t.cost);
        line->bindDouble(10, t.valueCovered);
        line->bindInt(11, t.worstTier);
        line->bindDouble(12, t.latenessAvoided);
        if (auto ok = line->run(); !ok)
            return std::unexpected(ok.error());
        line->reset();
        units += t.qty;
        cost += t.cost;
        value += t.valueCovered;
        lateness += t.latenessAvoided;
    }
    AuditEvent event;
    event.user = confirmed->name;
    event.role = QString::fromLatin1(engine::roleName(confirmed->role));
    event.event = QString::fromLatin1(AuditEvent::kScenarioPropose);
    event.at = p.proposedAt;
    event.snapshotId = snapshot.snapshotId;
    event.scoringVersion = scoreRun.scoringVersion;
    event.policyHash = scoreRun.policyHash;
    event.action = u"transfer"_s;
    event.outcome = u"recorded"_s;
    event.detail = u"proposal "_s + QString::number(p.id) + u" of scenario \""_s + p.scenarioName
        + u"\", run "_s + QString::number(p.runId) + u", "_s
        + countOf(transfers.size(), u"transfer"_s, u"transfers"_s) + u", "_s
        + QString::number(units, 'f', 0) + u" units, cost "_s + QString::number(cost, 'f', 2)
        + u", value covered "_s + QString::number(value, 'f', 2) + u", lateness avoided "_s
        + QString::number(lateness, 'f', 2)
        + (leftOut > 0 ? u", "_s + QString::number(leftOut)
                    + u" shipments over lanes only the "
                      "scenario has left out"_s
                       : QString())
        + (superseded > 0 ? u", supersedes "_s + QString::number(superseded) + u" earlier"_s
                          : QString());
    if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
        return std::unexpected(appended.error());
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());
    p.transfers = std::move(transfers);
    return p;
}

Result<std::vector<Proposal>> ScenarioStore::proposals(bool openOnly)
{
    return selectProposals(0, openOnly);
}

Result<Proposal> ScenarioStore::proposal(qint64 id)
{
    auto found = selectProposals(id, false);
    if (!found)
        return std::unexpected(found.error());
    if (found->empty())
        return std::unexpected(Error {Error::BadInput,
            u"There is no proposal "_s + QString::number(id)
                + u" (pwb scenario proposals lists them)."_s,
            {}});
    return std::move(found->front());
}

Result<std::vector<Proposal>> ScenarioStore::selectProposals(qint64 id, bool openOnly)
{
    auto st
        = prepareWith(m_store, kProposalColumns, "WHERE (?1 = 0 OR p.id = ?1) ORDER BY p.id DESC");
    auto lines = prepareWith(m_store, kTransferColumns, "WHERE t.proposal_id = ?1 ORDER BY t.line");
    if (!st || !lines)
        return std::unexpected(!st ? st.error() : lines.error());
    st->bindInt(1, id);
    std::vector<Proposal> out;
    while (st->next()) {
        Proposal p;
        p.id = st->columnInt(0);
        p.scenarioName = st->columnString(1);
        p.scenarioJson = st->columnString(2);
        p.snapshotVersion = st->columnInt(3);
        p.runId = st->columnInt(4);
        p.author = st->columnString(5);
        p.proposedAt = st->columnString(6);
        p.supersededBy = st->columnInt(7);
        p.open = p.supersededBy == 0 && st->columnInt(8) != 0;
        if (openOnly && !p.open)
            continue;
        lines->bindInt(1, p.id);
        while (lines->next())
            p.transfers.push_back(transferRow(*lines));
        if (auto ok = lines->status(); !ok)
            return std::unexpected(ok.error());
        lines->reset();
        out.push_back(std::move(p));
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return out;
}

} // namespace model
