#include "model/decisions/decisionstore.h"

#include "engine/scoring/scoringoutput.h"
#include "model/audit/auditlog.h"
#include "model/planned/plannedactions.h"
#include "model/runs/runstore.h"
#include "model/runs/scoreruns.h"
#include "model/snapshots/snapshotcatalog.h"
#include "model/store/statement.h"
#include "model/store/store.h"
#include "model/users/userstore.h"

#include <QSet>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

using namespace Qt::StringLiterals;

namespace model {

namespace {

QString roleText(engine::Role role)
{
    return QString::fromLatin1(engine::roleName(role));
}

/// An audit event about `explanation`'s exception, as it stands in its run now.
AuditEvent decisionEvent(const Explanation &explanation, const User &user, const char *event)
{
    AuditEvent e;
    e.user = user.name;
    e.role = roleText(user.role);
    e.event = QString::fromLatin1(event);
    e.snapshotId = explanation.snapshot.snapshotId;
    e.scoringVersion = explanation.run.scoringVersion;
    e.policyHash = explanation.run.policyHash;
    if (explanation.exception) {
        const engine::ExceptionRecord &exception = *explanation.exception;
        e.exceptionId = QString::fromStdString(exception.id);
        e.score = exception.score;
        QStringList factors;
        for (const engine::Factor &factor : exception.factors) {
            factors << QString::fromLatin1(engine::factorName(factor.kind)) + u'='
                    + QString::number(factor.value(), 'g', 17);
        }
        e.factors = factors.join(u';');
    }
    return e;
}

QString reasonCodeList()
{
    QStringList codes;
    for (const ReasonCode &r : reasonCodes())
        codes << QString::fromLatin1(r.code);
    return codes.join(u", "_s);
}

} // namespace

Result<Decision> DecisionStore::record(const QString &exceptionId, int recommendationIndex,
    Decision::Kind kind, const User &user, const QString &comment, qint64 expectedRunId,
    const QString &reasonCode)
{
    if (kind != Decision::Approved && kind != Decision::Rejected) {
        return std::unexpected(
            Error {Error::Usage, u"A decision is either an approval or a rejection."_s, {}});
    }
    if (kind == Decision::Approved && !reasonCode.isEmpty()) {
        return std::unexpected(Error {Error::Usage,
            u"An approval as recommended needs no reason; an override or a rejection may "
            "give one."_s,
            {}});
    }
    return decide(
        exceptionId, recommendationIndex, kind, 0.0, reasonCode, user, comment, expectedRunId);
}

Result<Decision> DecisionStore::override(const QString &exceptionId, int recommendationIndex,
    double quantity, const QString &reasonCode, const User &user, const QString &comment,
    qint64 expectedRunId)
{
    if (!(quantity > 0) || !std::isfinite(quantity)) {
        return std::unexpected(Error {Error::BadInput,
            u"An override approves a positive quantity; to turn the action down, reject it."_s,
            {}});
    }
    if (reasonCode.isEmpty()) {
        return std::unexpected(Error {Error::BadInput,
            u"An override needs a reason code: one of "_s + reasonCodeList() + u'.', {}});
    }
    return decide(exceptionId, recommendationIndex, Decision::Overridden, quantity, reasonCode,
        user, comment, expectedRunId);
}

Result<Decision> DecisionStore::decide(const QString &exceptionId, int recommendationIndex,
    Decision::Kind kind, double quantity, const QString &reasonCode, const User &user,
    const QString &comment, qint64 expectedRunId, int autoRule)
{
    const bool automatic = autoRule >= 0;
    if (!reasonCode.isEmpty() && !isReasonCode(reasonCode)) {
        return std::unexpected(Error {Error::BadInput,
            u"Unknown reason code \""_s + reasonCode + u"\": use one of "_s + reasonCodeList()
                + u'.',
            {}});
    }
    if (user.name.trimmed().isEmpty())
        return std::unexpected(
            Error {Error::Usage, u"A decision needs the name of its user."_s, {}});
    // The role that counts is the one the database holds for the account; the system
    // approves as a planner would, and only what the policy's rule lets it.
    auto confirmed = automatic ? Result<User>(user) : m_users.confirm(user);
    if (!confirmed)
        return std::unexpected(confirmed.error());
    auto explanation = m_runs.explainException(exceptionId);
    if (!explanation)
        return std::unexpected(explanation.error());
    if (expectedRunId > 0 && explanation->run.runId != expectedRunId) {
        return std::unexpected(Error {Error::Busy,
            u"The queue on screen is run "_s + QString::number(expectedRunId) + u", but run "_s
                + QString::number(explanation->run.runId)
                + u" is the latest now (another process scored or imported). Nothing was "
                  "recorded: refresh the queue and decide on what it shows."_s,
            {}});
    }
    return decideOn(*explanation, recommendationIndex, kind, quantity, reasonCode, *confirmed,
        comment, autoRule);
}

Result<Decision> DecisionStore::decideOn(const Explanation &subject, int recommendationIndex,
    Decision::Kind kind, double quantity, const QString &reasonCode, const User &user,
    const QString &comment, int autoRule)
{
    const bool automatic = autoRule >= 0;
    const QString exceptionId = QString::fromStdString(subject.exception->id);
    const User *confirmed = &user;
    const auto &recommendations = subject.exception->recommendations;
    if (recommendationIndex < 0 || std::size_t(recommendationIndex) >= recommendations.size()) {
        return std::unexpected(Error {Error::BadInput,
            u"Exception \""_s + exceptionId + u"\" has "_s
                + countOf(recommendations.size(), u"recommendation"_s, u"recommendations"_s)
                + u"; there is no recommendation "_s + QString::number(recommendationIndex) + u'.',
            {}});
    }
    const engine::Recommendation &recommendation
        = recommendations[std::size_t(recommendationIndex)];
    if (automatic
        && engine::autoApproveRule(subject.policy, recommendation, subject.exception->worstTier)
            != autoRule) {
        return std::unexpected(Error {Error::NotAllowed,
            u"The policy's auto_approve["_s + QString::number(autoRule) + u"] does not cover "_s
                + exceptionId + u"'s recommendation."_s,
            {}});
    }
    if (automatic) {
        // Taken back once by a person: the system does not approve it again.
        auto undone = Statement::prepare(m_store.handle(),
            "SELECT count(*) FROM decisions WHERE exception_id = ?1 AND action_key = ?2 "
            "AND auto_rule IS NOT NULL AND undone_at IS NOT NULL");
        if (!undone)
            return std::unexpected(undone.error());
        undone->bindText(1, exceptionId);
        undone->bindText(2, actionKey(recommendation));
        const bool takenBack = undone->next() && undone->columnInt(0) > 0;
        if (auto ok = undone->status(); !ok)
            return std::unexpected(ok.error());
        if (takenBack) {
            return std::unexpected(Error {Error::NotAllowed,
                exceptionId + u"'s automatic approval was undone before."_s, {}});
        }
    }

    Decision decision;
    decision.exceptionId = exceptionId;
    decision.recommendationIndex = recommendationIndex;
    decision.action = QString::fromUtf8(engine::actionName(recommendation.action));
    decision.kind = kind;
    decision.overrideQty = kind == Decision::Overridden ? quantity : 0.0;
    decision.reasonCode = reasonCode;
    const engine::ApprovalNeed need = approvalNeed(
        recommendation, kind, quantity, subject.exception->worstTier, subject.policy);
    const engine::Role needed = need.role;
    const double cost = kind == Decision::Overridden && recommendation.qty > 0
        ? recommendation.cost * quantity / recommendation.qty
        : recommendation.cost;
    const double checkAbove = subject.policy.secondApprovalAbove;
    decision.needsCheck = kind != Decision::Rejected && checkAbove > 0 && cost > checkAbove;
    decision.user = confirmed->name;
    decision.comment = comment;
    decision.decidedAt = nowUtc();
    decision.runId = subject.run.runId;

    AuditEvent event = decisionEvent(subject, *confirmed,
        kind == Decision::Approved       ? AuditEvent::kDecisionApprove
            : kind == Decision::Rejected ? AuditEvent::kDecisionReject
                                         : AuditEvent::kDecisionOverride);
    event.at = decision.decidedAt;
    event.action = decision.action;
    const QString needs = roleText(needed);
    event.detail = u"recommendation "_s + QString::number(recommendationIndex) + u", run "_s
        + QString::number(decision.runId) + u", requires "_s + needs;
    if (kind == Decision::Overridden)
        event.detail += u", quantity "_s + QString::number(recommendation.qty, 'g', 12) + u" -> "_s
            + QString::number(quantity, 'g', 12);
    if (!reasonCode.isEmpty())
        event.detail += u", reason "_s + reasonCode;
    if (!comment.isEmpty())
        event.detail += u", comment: "_s + comment;
    if (automatic) {
        decision.autoRule = u"auto_approve["_s + QString::number(autoRule) + u']';
        event.role = QString::fromLatin1(kSystemUser);
        event.detail += u", approved automatically by the policy's "_s
            + QString::fromStdString(engine::describeAutoRule(subject.policy, autoRule));
    }

    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());

    if (kind != Decision::Rejected && !engine::roleCovers(confirmed->role, needed)) {
        // Refused, and the attempt is kept: nothing is decided, but the trail shows it.
        const QString policyRule
            = QString::fromStdString(engine::describeRule(subject.policy, need));
        const QString rule = u"Approving this "_s + decision.action + u" recommendation (cost "_s
            + QString::number(cost, 'f', 2) + u") needs the "_s + needs + u" role or higher; "_s
            + confirmed->name + u" is a "_s + roleText(confirmed->role) + u". (Rule: "_s
            + (policyRule.isEmpty() ? u"an approval needs at least the role the recommendation "
                                      "requires"_s
                                    : u"the policy's "_s + policyRule)
            + u".)"_s;
        event.outcome = u"refused: needs the "_s + needs + u" role"_s
            + (need.rule.empty() ? QString() : u" ("_s + QString::fromStdString(need.rule) + u')');
        if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
            return std::unexpected(appended.error());
        if (auto ok = transaction->commit(); !ok)
            return std::unexpected(ok.error());
        return std::unexpected(Error {Error::NotAllowed, rule, {}});
    }

    decision.actionKey = actionKey(recommendation);
    // What the approved action brings, counted as supply from now until the ERP shows it.
    std::optional<engine::PlannedAction> planned;
    if (kind != Decision::Rejected) {
        planned = PlannedActions::fromRecommendation(recommendation, *subject.exception,
            kind == Decision::Overridden ? quantity : recommendation.qty, *subject.rows);
    }
    if (decision.needsCheck) {
        // The same approval by another user, while the first awaits a second approver,
        // is that second approval (maker and checker).
        auto standing = standingOf(m_store, m_runs, decision.runId);
        if (!standing)
            return std::unexpected(standing.error());
        for (const Decision &first : *standing) {
            if (first.exceptionId != exceptionId || !first.awaitingCheck() || first.kind != kind
                || first.recommendationIndex != recommendationIndex
                || (kind == Decision::Overridden && first.overrideQty != quantity))
                continue;
            return check(first, *confirmed, std::move(event), *transaction, planned,
                subject.snapshot.version);
        }
    }
    auto st = Statement::prepare(m_store.handle(),
        "INSERT INTO decisions (run_id, exception_id, recommendation_index, action, kind, user, "
        "comment, decided_at, action_key, override_qty, reason_code, needs_check, auto_rule) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, decision.runId);
    st->bindText(2, decision.exceptionId);
    st->bindInt(3, decision.recommendationIndex);
    st->bindText(4, decision.action);
    // An override is stored as an approval at its own quantity.
    st->bindTextNotNull(5, kind == Decision::Rejected ? "rejected" : "approved");
    st->bindText(6, decision.user);
    st->bindText(7, decision.comment);
    st->bindText(8, decision.decidedAt);
    st->bindText(9, decision.actionKey);
    if (kind == Decision::Overridden)
        st->bindDouble(10, quantity);
    else
        st->bindNull(10);
    st->bindText(11, reasonCode.isEmpty() ? QString() : reasonCode);
    st->bindInt(12, decision.needsCheck ? 1 : 0);
    st->bindText(13, decision.autoRule);
    if (auto ok = st->run(); !ok)
        return std::unexpected(ok.error());
    decision.id = sqlite3_last_insert_rowid(m_store.handle());
    if (planned && !decision.needsCheck) {
        planned->decisionId = decision.id;
        if (auto ok = PlannedActions::add(m_store, decision.id, *planned, subject.snapshot.version);
            !ok)
            return std::unexpected(ok.error());
    }
    event.outcome = u"recorded"_s;
    event.detail = u"decision "_s + QString::number(decision.id) + u", "_s + event.detail;
    if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
        return std::unexpected(appended.error());
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());
    return decision;
}

engine::ApprovalNeed DecisionStore::approvalNeed(const engine::Recommendation &recommendation,
    Decision::Kind kind, double quantity, int worstTier, const engine::Policy &policy)
{
    const double cost = kind == Decision::Overridden && recommendation.qty > 0
        ? recommendation.cost * quantity / recommendation.qty
        : recommendation.cost;
    engine::ApprovalNeed need
        = engine::approvalNeeded(policy, recommendation.action, cost, worstTier);
    if (kind != Decision::Overridden && policy.approvalLimits.empty()
        && need.role != recommendation.requiresRole) {
        // Without approval limits an approval needs the role scoring gave the
        // recommendation (a few actions are priced apart from what approving them commits).
        need.role = recommendation.requiresRole;
        need.rule = need.role == engine::Role::Planner ? std::string() : "planner_approval_limit";
        need.limit = policy.plannerApprovalLimit;
    }
    return need;
}

Result<Decision> DecisionStore::check(Decision first, const User &checker, AuditEvent event,
    Transaction &transaction, const std::optional<engine::PlannedAction> &planned,
    qint64 snapshotVersion)
{
    event.event = QString::fromLatin1(AuditEvent::kDecisionCheck);
    event.detail = u"second approval of decision "_s + QString::number(first.id) + u" by "_s
        + first.user + u", "_s + event.detail;
    if (first.user.compare(checker.name, Qt::CaseInsensitive) == 0) {
        // Refused, and the attempt is kept.
        event.outcome = u"refused: the same user"_s;
        if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
            return std::unexpected(appended.error());
        if (auto ok = transaction.commit(); !ok)
            return std::unexpected(ok.error());
        return std::unexpected(Error {Error::NotAllowed,
            first.user
                + u" approved this already; above the policy's second_approval_above "
                  "another user must approve it too. (Rule: the maker of an approval "
                  "is not its checker.)"_s,
            {}});
    }
    first.checkedBy = checker.name;
    first.checkedAt = event.at;
    auto st = Statement::prepare(
        m_store.handle(), "UPDATE decisions SET checked_by = ?2, checked_at = ?3 WHERE id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, first.id);
    st->bindText(2, first.checkedBy);
    st->bindText(3, first.checkedAt);
    if (auto ok = st->run(); !ok)
        return std::unexpected(ok.error());
    // Approved twice: now it is planned supply.
    if (planned) {
        engine::PlannedAction action = *planned;
        action.decisionId = first.id;
        if (auto ok = PlannedActions::add(m_store, first.id, action, snapshotVersion); !ok)
            return std::unexpected(ok.error());
    }
    event.outcome = u"recorded"_s;
    if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
        return std::unexpected(appended.error());
    if (auto ok = transaction.commit(); !ok)
        return std::unexpected(ok.error());
    return first;
}

namespace {

/// What undoing a decision, or its second approval, needs to know of it.
struct StoredDecision {
    bool undone = false;
    QString kind, user, checkedBy, exceptionId, action;
    std::optional<qint64> exportedBatch;
    qint64 runId = 0;
    QString scoringVersion, policyHash, snapshotId;
};

Result<StoredDecision> readDecision(sqlite3 *db, qint64 decisionId)
{
    auto st = Statement::prepare(db,
        "SELECT d.undone_at IS NOT NULL, d.kind, d.user, d.checked_by, d.exception_id, "
        "d.action, d.exported_batch, d.run_id, r.scoring_version, r.policy_hash, s.snapshot_id "
        "FROM decisions d JOIN score_runs r ON r.run_id = d.run_id "
        "JOIN snapshots s ON s.version = r.snapshot_version WHERE d.id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, decisionId);
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
        return std::unexpected(Error {
            Error::BadInput, u"There is no decision "_s + QString::number(decisionId) + u'.', {}});
    }
    StoredDecision d;
    d.undone = st->columnInt(0) != 0;
    d.kind = st->columnString(1);
    d.user = st->columnString(2);
    d.checkedBy = st->columnString(3);
    d.exceptionId = st->columnString(4);
    d.action = st->columnString(5);
    if (!st->isNull(6))
        d.exportedBatch = st->columnInt(6);
    d.runId = st->columnInt(7);
    d.scoringVersion = st->columnString(8);
    d.policyHash = st->columnString(9);
    d.snapshotId = st->columnString(10);
    return d;
}

/// The audit event of `user` undoing something of `d`, said by `detail`.
AuditEvent undoEvent(const User &user, const StoredDecision &d, const QString &detail)
{
    AuditEvent event;
    event.user = user.name;
    event.role = roleText(user.role);
    event.event = QString::fromLatin1(AuditEvent::kDecisionUndo);
    event.exceptionId = d.exceptionId;
    event.action = d.action;
    event.detail = detail + u", run "_s + QString::number(d.runId);
    event.scoringVersion = d.scoringVersion;
    event.policyHash = d.policyHash;
    event.snapshotId = d.snapshotId;
    event.outcome = u"recorded"_s;
    event.at = nowUtc();
    return event;
}

} // namespace

Result<void> DecisionStore::undo(qint64 decisionId, const User &user)
{
    auto confirmed = m_users.confirm(user);
    if (!confirmed)
        return std::unexpected(confirmed.error());
    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto d = readDecision(m_store.handle(), decisionId);
    if (!d)
        return std::unexpected(d.error());
    const QString id = QString::number(decisionId);
    if (d->undone) {
        return std::unexpected(
            Error {Error::BadInput, u"Decision "_s + id + u" was already undone."_s, {}});
    }
    if (d->exportedBatch) {
        // Out of our hands: the ERP has it. Cancelling it is the ERP's business now.
        return std::unexpected(Error {Error::NotAllowed,
            u"Decision "_s + id + u" went to the ERP in export batch "_s
                + QString::number(*d->exportedBatch)
                + u", so it can no longer be undone here; cancel the order in the ERP (the "
                  "next snapshot then shows it gone)."_s,
            {}});
    }
    AuditEvent event
        = undoEvent(*confirmed, *d, u"undoes decision "_s + id + u" ("_s + d->kind + u')');
    auto update
        = Statement::prepare(m_store.handle(), "UPDATE decisions SET undone_at = ?2 WHERE id = ?1");
    if (!update)
        return std::unexpected(update.error());
    update->bindInt(1, decisionId);
    update->bindText(2, event.at);
    if (auto ok = update->run(); !ok)
        return ok;
    if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
        return std::unexpected(appended.error());
    return transaction->commit();
}

Result<void> DecisionStore::undoCheck(qint64 decisionId, const User &checker)
{
    auto confirmed = m_users.confirm(checker);
    if (!confirmed)
        return std::unexpected(confirmed.error());
    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto d = readDecision(m_store.handle(), decisionId);
    if (!d)
        return std::unexpected(d.error());
    const QString id = QString::number(decisionId);
    if (d->undone || d->checkedBy.isEmpty()) {
        return std::unexpected(Error {
            Error::BadInput, u"Decision "_s + id + u" has no second approval to take back."_s, {}});
    }
    if (d->checkedBy.compare(confirmed->name, Qt::CaseInsensitive) != 0) {
        return std::unexpected(Error {Error::NotAllowed,
            d->checkedBy + u" gave the second approval of decision "_s + id
                + u"; only they can take it back."_s,
            {}});
    }
    if (d->exportedBatch) {
        return std::unexpected(Error {Error::NotAllowed,
            u"Decision "_s + id + u" went out in export batch "_s
                + QString::number(*d->exportedBatch)
                + u"; its second approval can no longer be taken back."_s,
            {}});
    }
    AuditEvent event = undoEvent(
        *confirmed, *d, u"undoes the second approval of decision "_s + id + u" by "_s + d->user);
    auto update = Statement::prepare(m_store.handle(),
        "UPDATE decisions SET checked_by = NULL, checked_at = NULL WHERE id = ?1");
    if (!update)
        return std::unexpected(update.error());
    update->bindInt(1, decisionId);
    if (auto ok = update->run(); !ok)
        return ok;
    if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
        return std::unexpected(appended.error());
    return transaction->commit();
}

Result<std::vector<Decision>> DecisionStore::standing()
{
    auto current = m_snapshots.current();
    if (!current)
        return std::unexpected(current.error());
    if (!*current)
        return std::vector<Decision> {};
    auto run = RunStore(m_store.handle()).latestRun((*current)->version);
    if (!run)
        return std::unexpected(run.error());
    if (!*run)
        return std::vector<Decision> {};

    return standingOf(m_store, m_runs, (*run)->runId);
}

QString DecisionStore::actionKey(const engine::Recommendation &r)
{
    const QString qty = QString::number(r.qty, 'g', 12);
    return QStringList {QString::fromLatin1(engine::actionName(r.action)), qty,
        QString::fromStdString(r.fromLocationId), QString::fromStdString(r.toLocationId),
        QString::fromStdString(r.supplierId),
        r.poId.empty() ? QString()
                       : QString::fromStdString(r.poId) + u'/' + QString::number(r.poLine),
        QString::fromStdString(r.substituteItemId)}
        .join(u'|');
}

namespace {

/// The decisions whose id is in `ids` (a subquery on ?1 = `runId`), oldest first.
Result<std::vector<Decision>> decisionsIn(Store &store, qint64 runId, std::string_view ids)
{
    // The columns read below.
    static constexpr std::string_view kColumns
        = "SELECT id, exception_id, recommendation_index, action, kind, user, comment, "
          "decided_at, run_id, action_key, override_qty, reason_code, needs_check, checked_by, "
          "checked_at, auto_rule FROM decisions WHERE id IN (";
    const std::string sql = std::string(kColumns) + std::string(ids) + ") ORDER BY id";
    auto st = Statement::prepare(store.handle(), sql);
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, runId);
    std::vector<Decision> out;
    while (st->next()) {
        Decision d;
        d.id = st->columnInt(0);
        d.exceptionId = st->columnString(1);
        d.recommendationIndex = int(st->columnInt(2));
        d.action = st->columnString(3);
        d.kind = st->columnText(4) == "approved" ? Decision::Approved : Decision::Rejected;
        d.user = st->columnString(5);
        d.comment = st->columnString(6);
        d.decidedAt = st->columnString(7);
        d.runId = st->columnInt(8);
        d.actionKey = st->columnString(9);
        if (!st->isNull(10)) {
            d.kind = Decision::Overridden;
            d.overrideQty = st->columnDouble(10);
        }
        d.reasonCode = st->columnString(11);
        d.needsCheck = st->columnInt(12) != 0;
        d.checkedBy = st->columnString(13);
        d.checkedAt = st->columnString(14);
        d.autoRule = st->columnString(15);
        out.push_back(std::move(d));
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return out;
}

/// The latest decision not undone per exception, of run `runId` (`earlier` false) or
/// of the runs before it that recorded their action's identity (`earlier` true).
Result<std::vector<Decision>> latestDecisions(Store &store, qint64 runId, bool earlier)
{
    return decisionsIn(store, runId,
        earlier ? "SELECT max(id) FROM decisions WHERE run_id < ?1 AND undone_at IS NULL AND "
                  "action_key IS NOT NULL GROUP BY exception_id"
                : "SELECT max(id) FROM decisions WHERE run_id = ?1 AND undone_at IS NULL "
                  "GROUP BY exception_id");
}

} // namespace

Result<std::vector<Decision>> DecisionStore::standingOf(Store &store, ScoreRuns &runs, qint64 runId)
{
    auto out = latestDecisions(store, runId, false);
    if (!out)
        return out;
    auto earlier = latestDecisions(store, runId, true);
    if (!earlier)
        return earlier;
    QSet<QString> decided;
    for (const Decision &d : *out)
        decided.insert(d.exceptionId);
    RunStore stored(store.handle());
    for (Decision &d : *earlier) {
        if (decided.contains(d.exceptionId))
            continue; // decided again on this run: that decision stands
        auto present = stored.find(runId, d.exceptionId.toStdString());
        if (!present)
            return std::unexpected(present.error());
        if (!*present)
            continue; // the exception is gone: the decision is closed
        // Still an exception: the decision stands where the same action is still
        // recommended, wherever it is listed now.
        auto explanation = runs.explainException(d.exceptionId);
        if (!explanation)
            return std::unexpected(explanation.error());
        if (explanation->run.runId != runId)
            continue;
        const auto &recommendations = explanation->exception->recommendations;
        for (std::size_t i = 0; i < recommendations.size(); ++i) {
            if (actionKey(recommendations[i]) == d.actionKey) {
                d.recommendationIndex = int(i);
                d.carried = true;
                out->push_back(std::move(d));
                break;
            }
        }
    }
    // Approved actions the run counted as planned supply stand too: the run no longer
    // recommends them because they are counted (their place in its list is none).
    auto planned = decisionsIn(
        store, runId, "SELECT decision_id FROM run_planned_actions WHERE run_id = ?1");
    if (!planned)
        return planned;
    QSet<qint64> listed;
    for (const Decision &d : *out)
        listed.insert(d.id);
    for (Decision &d : *planned) {
        if (listed.contains(d.id))
            continue;
        d.recommendationIndex = -1;
        d.carried = true;
        out->push_back(std::move(d));
    }
    std::sort(
        out->begin(), out->end(), [](const Decision &a, const Decision &b) { return a.id < b.id; });
    return out;
}

} // namespace model
