#pragma once
// Approvals and rejections as undoable edits. A command records its decision in the
// workbench database when it is created (so a failure is reported before anything
// lands on the undo stack); undo takes the decision back, redo records it again.

#include "model/users/user.h"
#include "model/workbench.h"

#include <QObject>
#include <QUndoCommand>

#include <chrono>
#include <optional>

namespace ui {

/// What an override changes: the quantity approved instead, why (a code of
/// model::reasonCodes()) and a comment.
struct OverrideDetails {
    double quantity = 0;
    QString reasonCode;
    QString comment;
};

/// The link between decision commands, the open workbench and the window: commands
/// record through it, and it tells the window what the standing decision of an
/// exception now is.
class DecisionRecorder : public QObject
{
    Q_OBJECT
public:
    explicit DecisionRecorder(QObject *parent = nullptr);

    /// How long recording a decision waits for another process's write (an import,
    /// another window's decision) before it is refused with a message to try again.
    /// Decisions are written on the UI thread, which must not freeze for SQLite's
    /// usual 10 s; a decision's own write takes milliseconds.
    static constexpr std::chrono::milliseconds kBusyTimeout {500};

    /// The workbench decisions go to (its writes then wait kBusyTimeout at most);
    /// commands made for another one must be dropped from the undo stack when it
    /// changes.
    void setWorkbench(model::Workbench *workbench);
    model::Workbench *workbench() const { return m_workbench; }
    /// Decisions are recorded under this user's name.
    void setUser(const model::User &user) { m_user = user; }
    /// The run whose queue is on screen: a decision is refused when another run has
    /// become the latest since (0: any run).
    void setRun(qint64 runId) { m_runId = runId; }
    const model::User &user() const { return m_user; }

    /// Records an approval or rejection, or with kind Overridden an approval at
    /// `details.quantity`.
    model::Result<model::Decision> record(const QString &exceptionId, int recommendationIndex,
        model::Decision::Kind kind, const OverrideDetails &details = {});
    /// Takes `decision` back; `previous` is what stands again afterwards.
    model::Result<void> takeBack(
        const model::Decision &decision, const std::optional<model::Decision> &previous);
    /// Gives `first`, which awaits a second approver, the second approval as the
    /// user: the same decision again, which the model records as its check (and
    /// refuses for the user who took it). Returns `first` as checked.
    model::Result<model::Decision> approveSecond(const model::Decision &first);
    /// Takes back the second approval of `checked` given by the user.
    model::Result<void> takeBackSecond(const model::Decision &checked);

    /// The undo stack stepped a command whose write the busy database refused (the
    /// decision stands as it was); emits stepRefused once for the whole step.
    void refuseStep(bool undoing);

Q_SIGNALS:
    /// The standing decision of `standing.exceptionId` is now `standing` (kind None and
    /// recommendation -1 when nothing stands).
    void decisionChanged(const model::Decision &standing);
    void failed(const QString &message);
    /// An undo (or redo) step of the stack was refused part-way: the stack has moved
    /// past a command the database did not follow, and must be stepped back.
    void stepRefused(bool undoing);

private:
    /// Reports `error`; after a busy refusal, the other writes of the same batch fail
    /// at once (until control is back in the event loop) instead of waiting in turn.
    void refuse(const model::Error &error);

    model::Workbench *m_workbench = nullptr;
    model::User m_user;
    qint64 m_runId = 0;
    std::optional<model::Error> m_busy; ///< set from a busy refusal until the event loop runs
    bool m_stepRefused = false;
};

/// One approve or reject of one recommendation. Group several under a plain
/// QUndoCommand parent to undo a batch in one step.
class DecisionCommand : public QUndoCommand
{
public:
    /// Records the decision; on success returns the command (owned by `parent` when
    /// given, else by the caller, normally to be pushed on a QUndoStack).
    static model::Result<DecisionCommand *> create(DecisionRecorder *recorder,
        const QString &exceptionId, int recommendationIndex, model::Decision::Kind kind,
        const std::optional<model::Decision> &previous, QUndoCommand *parent = nullptr,
        const OverrideDetails &details = {});

    void undo() override;
    void redo() override;

    const model::Decision &decision() const { return m_decision; }

private:
    DecisionCommand(DecisionRecorder *recorder, model::Decision decision,
        std::optional<model::Decision> previous, QUndoCommand *parent);

    DecisionRecorder *m_recorder;
    model::Decision m_decision;
    std::optional<model::Decision> m_previous;
    bool m_recorded = true; ///< create() already recorded it: the first redo() is a no-op
};

/// The second approval of a decision that awaits one (maker and checker); undo takes
/// the second approval back, and the decision awaits a second approver again.
class SecondApprovalCommand : public QUndoCommand
{
public:
    /// Records the second approval of `first`; on success returns the command, owned
    /// by the caller (normally to be pushed on a QUndoStack).
    static model::Result<SecondApprovalCommand *> create(
        DecisionRecorder *recorder, const model::Decision &first);

    void undo() override;
    void redo() override;

    const model::Decision &decision() const { return m_checked; }

private:
    SecondApprovalCommand(
        DecisionRecorder *recorder, model::Decision first, model::Decision checked);

    DecisionRecorder *m_recorder;
    model::Decision m_first; ///< as it stood awaiting the check
    model::Decision m_checked; ///< as the check left it
    bool m_recorded = true;
};

} // namespace ui
