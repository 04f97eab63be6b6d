#include "ui/decisions/triagecontroller.h"

#include "ui/decisions/decisioncommands.h"
#include "ui/queues/queuemodel.h"

#include <QLocale>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <memory>

namespace ui {

namespace {

/// "1 exception", "1,250 exceptions" (no translation files yet, so no %n plurals).
QString exceptionCount(qint64 count)
{
    return count == 1 ? TriageController::tr("1 exception")
                      : TriageController::tr("%1 exceptions").arg(QLocale().toString(count));
}

} // namespace

TriageController::TriageController(
    QueueModel *model, DecisionRecorder *recorder, QUndoStack *undoStack, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_recorder(recorder)
    , m_undoStack(undoStack)
{
    connect(
        m_recorder, &DecisionRecorder::decisionChanged, this, &TriageController::onDecisionChanged);
    connect(m_recorder, &DecisionRecorder::stepRefused, this, &TriageController::onStepRefused);
}

void TriageController::onStepRefused(bool undoing)
{
    if (m_restoring) {
        m_restoreRefused = true;
        return;
    }
    // The stack moves its index once the command returns, so it is stepped back from
    // the event loop. Commands the database did follow are replayed; the refused ones
    // are still as they were, and stepping them is a no-op.
    QTimer::singleShot(0, this, [this, undoing] {
        m_restoring = true;
        m_restoreRefused = false;
        if (undoing)
            m_undoStack->redo();
        else
            m_undoStack->undo();
        m_restoring = false;
        if (m_restoreRefused) {
            // The database changed hands again half-way: the history can no longer be
            // trusted to match it. The table shows what is recorded either way.
            m_undoStack->clear();
            Q_EMIT m_recorder->failed(tr("The database stayed busy, so the undo history was "
                                         "cleared; the table shows every decision as recorded."));
        }
    });
}

void TriageController::setStandingDecisions(std::vector<model::Decision> decisions)
{
    m_standing.clear();
    m_rowOfException.clear();
    for (model::Decision &decision : decisions)
        m_standing.emplace(decision.exceptionId, std::move(decision));
}

std::optional<model::Decision> TriageController::standingDecision(const QString &exceptionId) const
{
    const auto it = m_standing.constFind(exceptionId);
    if (it == m_standing.constEnd())
        return std::nullopt;
    return *it;
}

QString TriageController::decideRows(QModelIndexList rows, model::Decision::Kind kind)
{
    if (rows.size() > kMaxBatch)
        return tr("%1 rows are selected: decide at most %2 at once.")
            .arg(QLocale().toString(rows.size()), QLocale().toString(kMaxBatch));
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });

    const bool approve = kind == model::Decision::Approved;
    auto batch = std::make_unique<QUndoCommand>();
    int decided = 0, infeasible = 0, already = 0, beyondRole = 0;
    QString lastInfeasible, lastAlready; // "SKU-1 @ DC-EAST", for a one-row message
    QStringList rules; // the policy rules that kept rows from this user's role
    for (const QModelIndex &index : std::as_const(rows)) {
        const QueueModel::Row row = m_model->itemAt(index);
        if (!row.isValid())
            continue;
        // Rows without any recommendation are skipped without reading anything. A row
        // whose shown action is late is still read: the explanation, not the queue's
        // flag, decides which recommendation is approved.
        const auto feasible = row.action < 0 ? Feasible {} : firstFeasible(row.exceptionId);
        if (!feasible) {
            Q_EMIT m_recorder->failed(feasible.error().message);
            break;
        }
        const model::Result<int> recommendation = feasible->index;
        if (*recommendation < 0) {
            ++infeasible;
            lastInfeasible = skuLocation(row.sourceRow);
            continue;
        }
        const auto standing = standingDecision(row.exceptionId);
        if (standing && standing->kind == kind
            && standing->recommendationIndex == *recommendation) {
            ++already;
            lastAlready = skuLocation(row.sourceRow);
            continue;
        }
        // Row by row, the policy's approval limits: in a selection of several rows,
        // what this user's role may not approve is skipped (the store would refuse it)
        // and the rule named. A single row goes to the store, whose refusal says all.
        if (approve && rows.size() > 1
            && !engine::roleCovers(m_recorder->user().role, feasible->need.role)) {
            ++beyondRole;
            const QString rule = QString::fromStdString(feasible->need.rule);
            if (!rule.isEmpty() && !rules.contains(rule))
                rules << rule;
            continue;
        }
        m_rowOfException.insert(row.exceptionId, row.sourceRow);
        if (DecisionCommand::create(
                m_recorder, row.exceptionId, *recommendation, kind, standing, batch.get()))
            ++decided;
        else
            break; // the recorder reported why; later rows would fail the same way
    }
    const QString skippedForRole = beyondRole == 0
        ? QString()
        : tr("skipped %1 your role may not approve (the policy's %2)")
              .arg(exceptionCount(beyondRole), rules.join(QStringLiteral(", ")));
    if (decided == 0 && beyondRole > 0)
        return tr("Nothing approved: %1.").arg(skippedForRole);
    if (decided == 0) {
        if (infeasible + already == 0)
            return {};
        if (infeasible + already == 1 && infeasible == 1)
            return approve ? tr("%1: no feasible action to approve — open the detail to choose.")
                                 .arg(lastInfeasible)
                           : tr("%1: no feasible action to reject — open the detail to choose.")
                                 .arg(lastInfeasible);
        if (infeasible + already == 1)
            return approve ? tr("%1: already approved.").arg(lastAlready)
                           : tr("%1: already rejected.").arg(lastAlready);
        return approve
            ? tr("Nothing to approve: %1 without a feasible action, %2 already approved.")
                  .arg(exceptionCount(infeasible), QLocale().toString(already))
            : tr("Nothing to reject: %1 without a feasible action, %2 already rejected.")
                  .arg(exceptionCount(infeasible), QLocale().toString(already));
    }
    const QString count = exceptionCount(decided);
    batch->setText(decided == 1 ? batch->child(0)->text()
            : approve           ? tr("Approve %1").arg(count)
                                : tr("Reject %1").arg(count));
    m_undoStack->push(batch.release());
    QString message = approve ? tr("Approved %1").arg(count) : tr("Rejected %1").arg(count);
    if (infeasible > 0)
        message += tr("; skipped %1 without a feasible action (open the detail to choose)")
                       .arg(QLocale().toString(infeasible));
    if (already > 0)
        message += approve ? tr("; %1 already approved").arg(QLocale().toString(already))
                           : tr("; %1 already rejected").arg(QLocale().toString(already));
    if (beyondRole > 0)
        message += QStringLiteral("; ") + skippedForRole;
    return message + tr(". U undoes.");
}

model::Result<TriageController::Feasible> TriageController::firstFeasible(
    const QString &exceptionId) const
{
    model::Workbench *workbench = m_recorder->workbench();
    if (!workbench)
        return std::unexpected(model::Error {model::Error::Usage, tr("No database is open."), {}});
    auto explanation = workbench->runs().explainException(exceptionId);
    if (!explanation)
        return std::unexpected(explanation.error());
    if (!explanation->exception)
        return Feasible {};
    const auto &recommendations = explanation->exception->recommendations;
    const auto feasible = std::find_if(recommendations.begin(), recommendations.end(),
        [](const engine::Recommendation &r) { return r.feasible || r.inPlan; });
    if (feasible == recommendations.end())
        return Feasible {};
    return Feasible {int(feasible - recommendations.begin()),
        model::DecisionStore::approvalNeed(*feasible, model::Decision::Approved, 0.0,
            explanation->exception->worstTier, explanation->policy)};
}

QString TriageController::skuLocation(qint32 sourceRow) const
{
    const model::Queue &queue = m_model->queue();
    const auto r = std::size_t(sourceRow);
    return tr("%1 @ %2").arg(
        queue.itemIds.value(queue.item[r]), queue.locationIds.value(queue.location[r]));
}

void TriageController::decideOne(const QString &exceptionId, int recommendationIndex,
    model::Decision::Kind kind, const OverrideDetails &details)
{
    if (exceptionId.isEmpty())
        return;
    const auto standing = standingDecision(exceptionId);
    if (standing && standing->kind == kind && kind != model::Decision::Overridden
        && standing->recommendationIndex == recommendationIndex)
        return;
    auto command = DecisionCommand::create(
        m_recorder, exceptionId, recommendationIndex, kind, standing, nullptr, details);
    if (command)
        m_undoStack->push(*command);
}

void TriageController::approveSecond(const QString &exceptionId)
{
    const auto standing = standingDecision(exceptionId);
    if (!standing || !standing->awaitingCheck()) {
        Q_EMIT m_recorder->failed(
            tr("%1 has no approval awaiting a second approver.").arg(exceptionId));
        return;
    }
    auto command = SecondApprovalCommand::create(m_recorder, *standing);
    if (command)
        m_undoStack->push(*command);
}

void TriageController::onDecisionChanged(const model::Decision &standing)
{
    const QString exceptionId = standing.exceptionId;
    const model::Decision::Kind kind = standing.kind;
    const int recommendationIndex = standing.recommendationIndex;
    // The whole decision is kept: its user and second approval show on the card.
    if (kind == model::Decision::None)
        m_standing.remove(exceptionId);
    else
        m_standing.insert(exceptionId, standing);
    auto cached = m_rowOfException.constFind(exceptionId);
    const qint32 row
        = cached != m_rowOfException.constEnd() ? *cached : m_model->findException(exceptionId);
    m_rowOfException.insert(exceptionId, row);
    m_model->setDecision(row, kind);
    Q_EMIT standingChanged(exceptionId, kind, recommendationIndex);
}

} // namespace ui
