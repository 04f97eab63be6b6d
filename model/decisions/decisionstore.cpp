#include "model/decisions/decisionstore.h"

#include "engine/scoring/scoringoutput.h"
#include "model/runs/runstore.h"
#include "model/runs/scoreruns.h"
#include "model/snapshots/snapshotcatalog.h"
#include "model/store/statement.h"
#include "model/store/store.h"

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace model {

Result<Decision> DecisionStore::record(const QString &exceptionId, int recommendationIndex,
    Decision::Kind kind, const QString &user, const QString &comment)
{
    if (kind != Decision::Approved && kind != Decision::Rejected) {
        return std::unexpected(
            Error {Error::Usage, u"A decision is either an approval or a rejection."_s, {}});
    }
    if (user.trimmed().isEmpty())
        return std::unexpected(
            Error {Error::Usage, u"A decision needs the name of its user."_s, {}});
    auto explanation = m_runs.explainException(exceptionId);
    if (!explanation)
        return std::unexpected(explanation.error());
    const auto &recommendations = explanation->exception->recommendations;
    if (recommendationIndex < 0 || std::size_t(recommendationIndex) >= recommendations.size()) {
        return std::unexpected(Error {Error::BadInput,
            u"Exception \""_s + exceptionId + u"\" has "_s
                + countOf(recommendations.size(), u"recommendation"_s, u"recommendations"_s)
                + u"; there is no recommendation "_s + QString::number(recommendationIndex) + u'.',
            {}});
    }

    Decision decision;
    decision.exceptionId = exceptionId;
    decision.recommendationIndex = recommendationIndex;
    decision.action = QString::fromUtf8(
        engine::actionName(recommendations[std::size_t(recommendationIndex)].action));
    decision.kind = kind;
    decision.user = user.trimmed();
    decision.comment = comment;
    decision.decidedAt = nowUtc();
    decision.runId = explanation->run.runId;

    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto st = Statement::prepare(m_store.handle(),
        "INSERT INTO decisions (run_id, exception_id, recommendation_index, action, kind, user, "
        "comment, decided_at) VALUES (?,?,?,?,?,?,?,?)");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, decision.runId);
    st->bindText(2, decision.exceptionId);
    st->bindInt(3, decision.recommendationIndex);
    st->bindText(4, decision.action);
    st->bindTextNotNull(5, kind == Decision::Approved ? "approved" : "rejected");
    st->bindText(6, decision.user);
    st->bindText(7, decision.comment);
    st->bindText(8, decision.decidedAt);
    if (auto ok = st->run(); !ok)
        return std::unexpected(ok.error());
    decision.id = sqlite3_last_insert_rowid(m_store.handle());
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());
    return decision;
}

Result<void> DecisionStore::undo(qint64 decisionId)
{
    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto st = Statement::prepare(
        m_store.handle(), "SELECT undone_at IS NOT NULL FROM decisions WHERE id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, decisionId);
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return ok;
        return std::unexpected(Error {
            Error::BadInput, u"There is no decision "_s + QString::number(decisionId) + u'.', {}});
    }
    if (st->columnInt(0) != 0) {
        return std::unexpected(Error {Error::BadInput,
            u"Decision "_s + QString::number(decisionId) + u" was already undone."_s, {}});
    }
    st->reset();
    auto update
        = Statement::prepare(m_store.handle(), "UPDATE decisions SET undone_at = ?2 WHERE id = ?1");
    if (!update)
        return std::unexpected(update.error());
    update->bindInt(1, decisionId);
    update->bindText(2, nowUtc());
    if (auto ok = update->run(); !ok)
        return ok;
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

    return standingOf(m_store, (*run)->runId);
}

Result<std::vector<Decision>> DecisionStore::standingOf(Store &store, qint64 runId)
{
    auto st = Statement::prepare(store.handle(),
        "SELECT id, exception_id, recommendation_index, action, kind, user, comment, decided_at "
        "FROM decisions WHERE id IN (SELECT max(id) FROM decisions WHERE run_id = ?1 AND "
        "undone_at IS NULL GROUP BY exception_id) ORDER BY id");
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
        d.runId = runId;
        out.push_back(std::move(d));
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return out;
}

} // namespace model
