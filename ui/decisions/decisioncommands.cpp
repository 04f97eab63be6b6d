#include "ui/decisions/decisioncommands.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace ui {

namespace {
model::Error noDatabase()
{
    return {model::Error::Usage,
        DecisionRecorder::tr("No database is open: open one with File > Open database…"), {}};
}
} // namespace

DecisionRecorder::DecisionRecorder(QObject *parent)
    : QObject(parent)
{ }

void DecisionRecorder::setWorkbench(model::Workbench *workbench)
{
    m_workbench = workbench;
    if (m_workbench)
        m_workbench->setBusyTimeout(kBusyTimeout);
}

void DecisionRecorder::refuse(const model::Error &error)
{
    if (error.code == model::Error::Busy && !m_busy) {
        m_busy = error;
        QTimer::singleShot(0, this, [this] {
            m_busy.reset();
            m_stepRefused = false;
        });
    }
    Q_EMIT failed(error.message);
}

void DecisionRecorder::refuseStep(bool undoing)
{
    if (m_stepRefused)
        return;
    m_stepRefused = true;
    Q_EMIT stepRefused(undoing);
}

model::Result<model::Decision> DecisionRecorder::record(const QString &exceptionId,
    int recommendationIndex, model::Decision::Kind kind, const OverrideDetails &details)
{
    if (!m_workbench)
        return std::unexpected(noDatabase());
    if (m_busy)
        return std::unexpected(*m_busy);
    model::DecisionStore &decisions = m_workbench->decisions();
    auto decision = kind == model::Decision::Overridden
        ? decisions.override(exceptionId, recommendationIndex, details.quantity, details.reasonCode,
            m_user, details.comment, m_runId)
        : decisions.record(exceptionId, recommendationIndex, kind, m_user, details.comment, m_runId,
            details.reasonCode);
    if (!decision) {
        refuse(decision.error());
        return decision;
    }
    Q_EMIT decisionChanged(*decision);
    return decision;
}

model::Result<void> DecisionRecorder::takeBack(
    const model::Decision &decision, const std::optional<model::Decision> &previous)
{
    if (!m_workbench)
        return std::unexpected(noDatabase());
    if (m_busy)
        return std::unexpected(*m_busy);
    auto undone = m_workbench->decisions().undo(decision.id, m_user);
    if (!undone) {
        refuse(undone.error());
        return undone;
    }
    if (previous) {
        Q_EMIT decisionChanged(*previous);
    } else {
        model::Decision none;
        none.exceptionId = decision.exceptionId;
        none.recommendationIndex = -1;
        Q_EMIT decisionChanged(none);
    }
    return {};
}

model::Result<model::Decision> DecisionRecorder::approveSecond(const model::Decision &first)
{
    if (!m_workbench)
        return std::unexpected(noDatabase());
    if (m_busy)
        return std::unexpected(*m_busy);
    model::DecisionStore &decisions = m_workbench->decisions();
    // The model takes the same approval by another user as the second approval.
    auto checked = first.kind == model::Decision::Overridden
        ? decisions.override(first.exceptionId, first.recommendationIndex, first.overrideQty,
            first.reasonCode, m_user, first.comment, m_runId)
        : decisions.record(
            first.exceptionId, first.recommendationIndex, first.kind, m_user, {}, m_runId);
    if (!checked) {
        refuse(checked.error());
        return checked;
    }
    Q_EMIT decisionChanged(*checked);
    return checked;
}

model::Result<void> DecisionRecorder::takeBackSecond(const model::Decision &checked)
{
    if (!m_workbench)
        return std::unexpected(noDatabase());
    if (m_busy)
        return std::unexpected(*m_busy);
    if (auto undone = m_workbench->decisions().undoCheck(checked.id, m_user); !undone) {
        refuse(undone.error());
        return undone;
    }
    model::Decision awaiting = checked;
    awaiting.checkedBy.clear();
    awaiting.checkedAt.clear();
    Q_EMIT decisionChanged(awaiting);
    return {};
}

model::Result<DecisionCommand *> DecisionCommand::create(DecisionRecorder *recorder,
    const QString &exceptionId, int recommendationIndex, model::Decision::Kind kind,
    const std::optional<model::Decision> &previous, QUndoCommand *parent,
    const OverrideDetails &details)
{
    auto decision = recorder->record(exceptionId, recommendationIndex, kind, details);
    if (!decision)
        return std::unexpected(decision.error());
    return new DecisionCommand(recorder, std::move(*decision), previous, parent);
}

DecisionCommand::DecisionCommand(DecisionRecorder *recorder, model::Decision decision,
    std::optional<model::Decision> previous, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_recorder(recorder)
    , m_decision(std::move(decision))
    , m_previous(std::move(previous))
{
    const QString what = m_decision.kind == model::Decision::Approved
        ? DecisionRecorder::tr("Approve %1")
        : m_decision.kind == model::Decision::Overridden ? DecisionRecorder::tr("Override %1")
                                                         : DecisionRecorder::tr("Reject %1");
    setText(what.arg(m_decision.exceptionId));
}

void DecisionCommand::redo()
{
    if (m_recorded)
        return;
    auto decision = m_recorder->record(m_decision.exceptionId, m_decision.recommendationIndex,
        m_decision.kind, {m_decision.overrideQty, m_decision.reasonCode, m_decision.comment});
    if (!decision) {
        if (decision.error().code == model::Error::Busy) {
            // Another writer held the database: the decision is still not recorded,
            // and the stack is stepped back so that it says so.
            m_recorder->refuseStep(false);
            return;
        }
        // The database refused (closed, or the run was re-scored): this step can no
        // longer be replayed, so the stack drops it instead of pretending.
        setObsolete(true);
        return;
    }
    m_decision = std::move(*decision);
    m_recorded = true;
}

void DecisionCommand::undo()
{
    if (!m_recorded)
        return;
    if (auto undone = m_recorder->takeBack(m_decision, m_previous); !undone) {
        if (undone.error().code == model::Error::Busy) {
            // The decision still stands; the stack is stepped forward again, so that
            // Undo can be tried again once the other writer is done.
            m_recorder->refuseStep(true);
            return;
        }
        setObsolete(true);
        return;
    }
    m_recorded = false;
}

} // namespace ui

namespace ui {

model::Result<SecondApprovalCommand *> SecondApprovalCommand::create(
    DecisionRecorder *recorder, const model::Decision &first)
{
    auto checked = recorder->approveSecond(first);
    if (!checked)
        return std::unexpected(checked.error());
    return new SecondApprovalCommand(recorder, first, std::move(*checked));
}

SecondApprovalCommand::SecondApprovalCommand(
    DecisionRecorder *recorder, model::Decision first, model::Decision checked)
    : m_recorder(recorder)
    , m_first(std::move(first))
    , m_checked(std::move(checked))
{
    setText(DecisionRecorder::tr("Second approval of %1").arg(m_first.exceptionId));
}

void SecondApprovalCommand::redo()
{
    if (m_recorded)
        return;
    auto checked = m_recorder->approveSecond(m_first);
    if (!checked) {
        if (checked.error().code == model::Error::Busy) {
            m_recorder->refuseStep(false);
            return;
        }
        setObsolete(true);
        return;
    }
    m_checked = std::move(*checked);
    m_recorded = true;
}

void SecondApprovalCommand::undo()
{
    if (!m_recorded)
        return;
    if (auto undone = m_recorder->takeBackSecond(m_checked); !undone) {
        if (undone.error().code == model::Error::Busy) {
            m_recorder->refuseStep(true);
            return;
        }
        setObsolete(true);
        return;
    }
    m_recorded = false;
}

} // namespace ui
