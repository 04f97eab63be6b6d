#include "model/planned/plannedactions.h"

#include "model/audit/auditlog.h"
#include "model/store/statement.h"
#include "model/store/store.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace model {

namespace {

using Kind = engine::PlannedAction::Kind;

const char *kindName(Kind kind)
{
    switch (kind) {
    case Kind::Transfer:
        return "transfer";
    case Kind::Expedite:
        return "expedite";
    case Kind::Purchase:
        return "purchase";
    }
    return "transfer";
}

Kind kindOf(std::string_view name)
{
    return name == "expedite" ? Kind::Expedite
        : name == "purchase"  ? Kind::Purchase
                              : Kind::Transfer;
}

const char *stateName(engine::PlannedMatch::State state)
{
    switch (state) {
    case engine::PlannedMatch::State::Seen:
        return "seen";
    case engine::PlannedMatch::State::Gone:
        return "gone";
    case engine::PlannedMatch::State::Lapsed:
        return "lapsed";
    case engine::PlannedMatch::State::Pending:
        break;
    }
    return "planned";
}

/// The columns read back into an action, in order.
constexpr std::string_view kColumns
    = "p.decision_id, p.kind, p.item_id, p.from_location_id, p.to_location_id, p.supplier_id, "
      "p.po_id, p.po_line, p.qty, p.date, p.known_refs, p.snapshot_version";

engine::PlannedAction readAction(const Statement &st)
{
    engine::PlannedAction a;
    a.decisionId = st.columnInt(0);
    a.kind = kindOf(st.columnText(1));
    a.itemId = std::string(st.columnText(2));
    a.fromLocationId = std::string(st.columnText(3));
    a.toLocationId = std::string(st.columnText(4));
    a.supplierId = std::string(st.columnText(5));
    a.poId = std::string(st.columnText(6));
    a.poLine = std::int32_t(st.columnInt(7));
    a.qty = st.columnDouble(8);
    a.date = st.columnDate(9).value_or(engine::kNoDate);
    const QString refs = st.columnString(10);
    for (const QString &ref : refs.split(u'\n', Qt::SkipEmptyParts))
        a.knownRefs.push_back(ref.toStdString());
    return a;
}

} // namespace

std::optional<engine::PlannedAction> PlannedActions::fromRecommendation(
    const engine::Recommendation &r, const engine::ExceptionRecord &x, double qty,
    const engine::Snapshot &rows)
{
    if (qty <= 0 || x.item == engine::kNone || x.location == engine::kNone)
        return std::nullopt;
    engine::PlannedAction a;
    a.itemId = rows.items.ids.at(x.item);
    const std::string here = rows.locations.ids.at(x.location);
    a.qty = qty;
    switch (r.action) {
    case engine::Action::Transfer:
        a.kind = Kind::Transfer;
        // Into the exception's location, or (excess moved out) from it to another.
        a.fromLocationId = r.toLocationId.empty() ? r.fromLocationId : here;
        a.toLocationId = r.toLocationId.empty() ? here : r.toLocationId;
        a.date = r.arrivalDate;
        break;
    case engine::Action::Expedite:
        a.kind = Kind::Expedite;
        a.toLocationId = here;
        a.supplierId = r.supplierId;
        a.poId = r.poId;
        a.poLine = r.poLine;
        a.date = r.newExpectedDate;
        break;
    case engine::Action::Purchase:
        a.kind = Kind::Purchase;
        // A purchase bought at a transfer source (to be forwarded) is received there.
        a.toLocationId = r.fromLocationId.empty() ? here : r.fromLocationId;
        a.supplierId = r.supplierId;
        a.date = r.arrivalDate;
        break;
    default:
        return std::nullopt;
    }
    if (a.date == engine::kNoDate || a.fromLocationId == a.toLocationId)
        return std::nullopt;

    // The rows already on its route: whatever a later snapshot shows beside them is new.
    const engine::Index item = x.item;
    const engine::Index from = rows.locations.ids.find(a.fromLocationId);
    const engine::Index to = rows.locations.ids.find(a.toLocationId);
    if (a.kind == Kind::Transfer) {
        const engine::Transfers &tr = rows.transfers;
        for (engine::Index t = 0; t < tr.size(); ++t) {
            const auto row = std::size_t(t);
            if (tr.item[row] == item && tr.fromLocation[row] == from && tr.toLocation[row] == to)
                a.knownRefs.push_back(tr.transferId[row]);
        }
    } else if (a.kind == Kind::Purchase) {
        const engine::PurchaseOrders &po = rows.purchaseOrders;
        const engine::Index supplier = rows.suppliers.ids.find(a.supplierId);
        for (engine::Index p = 0; p < po.size(); ++p) {
            const auto row = std::size_t(p);
            if (po.item[row] == item && po.location[row] == to && po.supplier[row] == supplier)
                a.knownRefs.push_back(po.poId[row] + '/' + std::to_string(po.line[row]));
        }
    }
    return a;
}

Result<void> PlannedActions::add(
    Store &store, qint64 decisionId, const engine::PlannedAction &a, qint64 snapshotVersion)
{
    auto st = Statement::prepare(store.handle(),
        "INSERT INTO planned_actions (decision_id, kind, item_id, from_location_id, "
        "to_location_id, supplier_id, po_id, po_line, qty, date, known_refs, snapshot_version) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (decision_id) DO NOTHING");
    if (!st)
        return std::unexpected(st.error());
    std::string refs;
    for (const std::string &ref : a.knownRefs)
        refs += ref + '\n';
    st->bindInt(1, decisionId);
    st->bindTextNotNull(2, kindName(a.kind));
    st->bindTextNotNull(3, a.itemId);
    st->bindTextNotNull(4, a.fromLocationId);
    st->bindTextNotNull(5, a.toLocationId);
    st->bindTextNotNull(6, a.supplierId);
    st->bindTextNotNull(7, a.poId);
    st->bindInt(8, a.poLine);
    st->bindDouble(9, a.qty);
    st->bindDate(10, a.date);
    st->bindTextNotNull(11, refs);
    st->bindInt(12, snapshotVersion);
    return st->run();
}

Result<std::vector<PlannedActions::Open>> PlannedActions::open(Store &store)
{
    auto st = Statement::prepare(store.handle(),
        "SELECT " + std::string(kColumns)
            + " FROM planned_actions p JOIN decisions d ON d.id = p.decision_id "
              "WHERE p.closed_at IS NULL AND d.undone_at IS NULL "
              // A second approval taken back: it awaits one again.
              "AND NOT (d.needs_check = 1 AND d.checked_by IS NULL) "
              // A later decision on the same exception and run replaced it (the planner
              // changed their mind), unless it went to the ERP already.
              "AND (d.exported_batch IS NOT NULL OR NOT EXISTS (SELECT 1 FROM decisions l "
              "WHERE l.exception_id = d.exception_id AND l.run_id = d.run_id AND l.id > d.id "
              "AND l.undone_at IS NULL)) ORDER BY p.decision_id");
    if (!st)
        return std::unexpected(st.error());
    std::vector<Open> out;
    while (st->next())
        out.push_back({readAction(*st), st->columnInt(11)});
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return out;
}

Result<QHash<qint64, PlannedActions::Stored>> PlannedActions::byDecision(Store &store)
{
    auto st = Statement::prepare(store.handle(),
        "SELECT " + std::string(kColumns) + ", p.closed_at IS NOT NULL FROM planned_actions p");
    if (!st)
        return std::unexpected(st.error());
    QHash<qint64, Stored> out;
    while (st->next()) {
        Stored stored {readAction(*st), st->columnInt(12) != 0};
        const qint64 id = stored.action.decisionId;
        out.emplace(id, std::move(stored));
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return out;
}

Result<std::vector<engine::PlannedAction>> PlannedActions::ofRun(Store &store, qint64 runId)
{
    auto st = Statement::prepare(store.handle(),
        "SELECT " + std::string(kColumns)
            + " FROM run_planned_actions r JOIN planned_actions p ON p.decision_id = "
              "r.decision_id WHERE r.run_id = ?1 ORDER BY p.decision_id");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, runId);
    std::vector<engine::PlannedAction> out;
    while (st->next())
        out.push_back(readAction(*st));
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return out;
}

PlannedActions::Settlement PlannedActions::settle(
    const std::vector<Open> &open, const engine::Snapshot &snapshot, qint64 version)
{
    Settlement out;
    // Approved on this very snapshot: it cannot show them yet.
    std::vector<engine::PlannedAction> older;
    for (const Open &o : open) {
        if (o.snapshotVersion < version)
            older.push_back(o.action);
        else
            out.counted.push_back(o.action);
    }
    const auto matches = engine::matchPlanned(snapshot, older);
    for (std::size_t i = 0; i < older.size(); ++i) {
        if (matches[i].state == engine::PlannedMatch::State::Pending)
            out.counted.push_back(older[i]);
        else
            out.closed.emplace_back(older[i], matches[i]);
    }
    std::sort(out.counted.begin(), out.counted.end(),
        [](const engine::PlannedAction &a, const engine::PlannedAction &b) {
            return a.decisionId < b.decisionId;
        });
    return out;
}

std::shared_ptr<const engine::Snapshot> PlannedActions::withCounted(
    std::shared_ptr<const engine::Snapshot> snapshot,
    const std::vector<engine::PlannedAction> &counted)
{
    if (counted.empty())
        return snapshot;
    auto copy = std::make_shared<engine::Snapshot>(*snapshot);
    engine::addPlannedSupply(*copy, counted);
    return copy;
}

Result<void> PlannedActions::record(
    Store &store, const ScoreRunInfo &run, const QString &snapshotId, const Settlement &settlement)
{
    const qint64 runId = run.runId;
    const qint64 version = run.snapshotVersion;
    auto link = Statement::prepare(
        store.handle(), "INSERT INTO run_planned_actions (run_id, decision_id) VALUES (?1, ?2)");
    if (!link)
        return std::unexpected(link.error());
    for (const engine::PlannedAction &a : settlement.counted) {
        link->bindInt(1, runId);
        link->bindInt(2, a.decisionId);
        if (auto ok = link->run(); !ok)
            return std::unexpected(ok.error());
    }
    if (settlement.closed.empty())
        return {};
    auto close = Statement::prepare(store.handle(),
        "UPDATE planned_actions SET closed_at = ?2, closed_state = ?3, closed_note = ?4, "
        "closed_snapshot = ?5 WHERE decision_id = ?1 AND closed_at IS NULL");
    if (!close)
        return std::unexpected(close.error());
    AuditEvent context;
    context.user = u"system"_s;
    context.snapshotId = snapshotId;
    context.scoringVersion = run.scoringVersion;
    context.policyHash = run.policyHash;
    const QString at = nowUtc();
    for (const auto &[a, match] : settlement.closed) {
        const QString note = QString::fromStdString(match.note);
        close->bindInt(1, a.decisionId);
        close->bindText(2, at);
        close->bindTextNotNull(3, stateName(match.state));
        close->bindText(4, note);
        close->bindInt(5, version);
        if (auto ok = close->run(); !ok)
            return std::unexpected(ok.error());
        AuditEvent event = context;
        event.at = at;
        event.event = QString::fromLatin1(AuditEvent::kDecisionClose);
        event.action = QString::fromLatin1(kindName(a.kind));
        event.outcome = QString::fromLatin1(stateName(match.state));
        event.detail = u"decision "_s + QString::number(a.decisionId) + u": "_s + note;
        if (auto appended = AuditLog::append(store, std::move(event)); !appended)
            return std::unexpected(appended.error());
    }
    return {};
}

Result<QHash<qint64, PlannedStatus>> PlannedActions::statuses(Store &store)
{
    auto st = Statement::prepare(store.handle(),
        "SELECT decision_id, coalesce(closed_state, 'planned'), coalesce(closed_note, ''), "
        "coalesce(closed_snapshot, 0) FROM planned_actions");
    if (!st)
        return std::unexpected(st.error());
    QHash<qint64, PlannedStatus> out;
    while (st->next())
        out.insert(st->columnInt(0), {st->columnString(1), st->columnString(2), st->columnInt(3)});
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return out;
}

} // namespace model
