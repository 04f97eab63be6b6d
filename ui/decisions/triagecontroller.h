#pragma once
// Approving and rejecting from the queue: one row or a selection of rows, as undoable
// commands, with the standing decision of every exception kept in step in the table.

#include "engine/scoring/approval.h"
#include "model/decisions/decision.h"
#include "model/error.h"
#include "ui/decisions/decisioncommands.h"

#include <QHash>
#include <QModelIndexList>
#include <QObject>

#include <optional>

class QUndoStack;

namespace ui {

class DecisionRecorder;
class QueueModel;

class TriageController : public QObject
{
    Q_OBJECT
public:
    /// Batches larger than this are refused: one database write per row, and a
    /// planner deciding thousands at once has most likely pressed Ctrl+A by mistake.
    static constexpr qsizetype kMaxBatch = 1000;

    TriageController(QueueModel *model, DecisionRecorder *recorder, QUndoStack *undoStack,
        QObject *parent = nullptr);

    /// The standing decisions of the run the queue shows (after a load or an import).
    void setStandingDecisions(std::vector<model::Decision> decisions);
    std::optional<model::Decision> standingDecision(const QString &exceptionId) const;

    /// Approves or rejects the first feasible recommendation of every row in `rows`
    /// (queue model indexes) as one undo step; rows without one, or already decided
    /// that way, are left alone and counted. Returns the sentence for the status bar,
    /// naming the SKU-location when a single row could not be decided.
    QString decideRows(QModelIndexList rows, model::Decision::Kind kind);
    /// Decides one recommendation of one exception (from the detail panel's buttons).
    void decideOne(const QString &exceptionId, int recommendationIndex, model::Decision::Kind kind,
        const OverrideDetails &details = {});

    /// Gives the second approval the standing decision of `exceptionId` awaits, as one
    /// undo step; the model refuses it for the user who took the decision.
    void approveSecond(const QString &exceptionId);

Q_SIGNALS:
    /// After the table shows it: `exceptionId` now stands `kind` on `recommendationIndex`.
    void standingChanged(
        const QString &exceptionId, model::Decision::Kind kind, int recommendationIndex);

private:
    /// The first feasible recommendation of an exception and who may approve it.
    struct Feasible {
        int index = -1; ///< -1 when there is none
        engine::ApprovalNeed need;
    };
    model::Result<Feasible> firstFeasible(const QString &exceptionId) const;
    /// "SKU-1 @ DC-EAST" for a source row, as planners name a SKU-location.
    QString skuLocation(qint32 sourceRow) const;
    void onDecisionChanged(const model::Decision &standing);
    /// Steps the undo stack back over a step the busy database refused.
    void onStepRefused(bool undoing);

    QueueModel *m_model;
    DecisionRecorder *m_recorder;
    QUndoStack *m_undoStack;
    /// Standing decisions by exception id (planners decide a few hundred a day, so a
    /// hash beats a column scan of a million rows).
    QHash<QString, model::Decision> m_standing;
    /// Source rows of exceptions decided in this session, to update the table without a scan.
    QHash<QString, qint32> m_rowOfException;
    bool m_restoring = false; ///< stepping the stack back after a refused step
    bool m_restoreRefused = false; ///< ... and that was refused too
};

} // namespace ui
