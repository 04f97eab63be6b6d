#include "triagecontroller.h"

#include "decisioncommands.h"
#include "queuemodel.h"

#include <QLocale>
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
}

void TriageController::setStandingDecisions(std::vector<model::Decision> decisions)
{
    m_standing.clear();
    m_rowOfException.clear();
    for (model::Decision &decision : decisions)
        m_standing.insert(decision.exceptionId, std::move(decision));
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
    int decided = 0, skipped = 0;
    for (const QModelIndex &index : std::as_const(rows)) {
        const QueueModel::Row row = m_model->itemAt(index);
        // Recommendations come feasible first, so the top feasible one is index 0
        // whenever the queue names an action for the row.
        const auto standing = standingDecision(row.exceptionId);
        if (row.action < 0
            || (standing && standing->kind == kind && standing->recommendationIndex == 0)) {
            ++skipped;
            continue;
        }
        m_rowOfException.insert(row.exceptionId, row.sourceRow);
        if (DecisionCommand::create(m_recorder, row.exceptionId, 0, kind, standing, batch.get()))
            ++decided;
        else
            break; // the recorder reported why; later rows would fail the same way
    }
    if (decided == 0) {
        if (skipped == 0)
            return {};
        return approve ? tr("Nothing to approve: no feasible recommendation, or already approved.")
                       : tr("Nothing to reject: no feasible recommendation, or already rejected.");
    }
    const QString count = exceptionCount(decided);
    batch->setText(decided == 1 ? batch->child(0)->text()
            : approve           ? tr("Approve %1").arg(count)
                                : tr("Reject %1").arg(count));
    m_undoStack->push(batch.release());
    QString message = approve ? tr("Approved %1").arg(count) : tr("Rejected %1").arg(count);
    if (skipped > 0)
        message += tr("; skipped %1 without a feasible recommendation or already decided")
                       .arg(QLocale().toString(skipped));
    return message + tr(". U undoes.");
}

void TriageController::decideOne(
    const QString &exceptionId, int recommendationIndex, model::Decision::Kind kind)
{
    if (exceptionId.isEmpty())
        return;
    const auto standing = standingDecision(exceptionId);
    if (standing && standing->kind == kind && standing->recommendationIndex == recommendationIndex)
        return;
    auto command
        = DecisionCommand::create(m_recorder, exceptionId, recommendationIndex, kind, standing);
    if (command)
        m_undoStack->push(*command);
}

void TriageController::onDecisionChanged(
    const QString &exceptionId, model::Decision::Kind kind, int recommendationIndex)
{
    if (kind == model::Decision::None) {
        m_standing.remove(exceptionId);
    } else {
        model::Decision decision;
        decision.exceptionId = exceptionId;
        decision.kind = kind;
        decision.recommendationIndex = recommendationIndex;
        m_standing.insert(exceptionId, decision);
    }
    auto cached = m_rowOfException.constFind(exceptionId);
    const qint32 row
        = cached != m_rowOfException.constEnd() ? *cached : m_model->findException(exceptionId);
    m_rowOfException.insert(exceptionId, row);
    m_model->setDecision(row, kind);
    Q_EMIT standingChanged(exceptionId, kind, recommendationIndex);
}

} // namespace ui
