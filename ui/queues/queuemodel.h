#pragma once
// The ranked exception queue as a table. Data stays in the column vectors of
// model::Queue; the model shows a permutation of source rows (filtered, sorted), so
// a million rows cost a few vectors, not a million objects.

#include "ui/queues/queuefilter.h"

#include "model/decisions/decision.h"
#include "model/runs/queue.h"

#include <QAbstractTableModel>

#include <array>
#include <vector>

namespace ui {

class QueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column : int {
        Rank,
        Moved, ///< change of rank under what-if weights (stored rank - live rank)
        Score,
        CanSave, ///< what acting as recommended saves of the stored score
        Type,
        Item,
        Description,
        Location,
        NeedDate,
        TopFactor,
        Action,
        Decision,
        ColumnCount
    };
    enum Role : int {
        /// The value a column sorts and filters on (number, date as days, or id).
        RawValueRole = Qt::UserRole + 1,
        ExceptionIdRole,
        SourceRowRole,
    };

    /// One row of the queue as the window needs it; `sourceRow` is -1 when invalid.
    struct Row {
        qint32 sourceRow = -1;
        QString exceptionId;
        int type = -1;
        int action = -1; ///< engine::Action of the best recommendation, -1: none
        bool actionFeasible = false; ///< whether that action arrives by the need date
        model::Decision::Kind decision = model::Decision::None;
        bool isValid() const { return sourceRow >= 0; }
    };

    using Weights = std::array<double, engine::kFactorCount>;

    explicit QueueModel(QObject *parent = nullptr);

    /// Shows `queue`, whose stored scores were computed with `policyWeights`. Keeps
    /// the criteria and the sort column; drops what-if weights.
    void setQueue(model::Queue queue, const Weights &policyWeights,
        engine::RankBy rankBy = engine::RankBy::CanSave);
    void clear();
    const model::Queue &queue() const { return m_queue; }

    /// What-if weights: re-scores every row, re-ranks, re-filters and re-sorts. Nothing is saved.
    void setWeights(const Weights &weights);
    const Weights &weights() const { return m_weights; }
    const Weights &policyWeights() const { return m_policyWeights; }
    bool isReweighted() const { return m_weights != m_policyWeights; }

    void setCriteria(const QueueCriteria &criteria);
    const QueueCriteria &criteria() const { return m_criteria; }
    /// Per-queue counts and exposure for the current criteria (type aside).
    const QueueTally &tally() const { return m_tally; }

    Row itemAt(const QModelIndex &index) const;
    qint32 sourceRow(const QModelIndex &index) const;
    /// The index showing `sourceRow`, or an invalid index when it is filtered out.
    QModelIndex indexOfSourceRow(qint32 sourceRow, int column = 0) const;
    /// The source row of an exception id ("shortage:SKU1@DC-EAST"), or -1.
    qint32 findException(const QString &exceptionId) const;

    /// The live (what-if) score and rank of a source row; equal to the stored ones
    /// unless re-weighted.
    double liveScore(qint32 sourceRow) const { return m_scores[std::size_t(sourceRow)]; }
    qint32 liveRank(qint32 sourceRow) const { return m_ranks[std::size_t(sourceRow)]; }
    /// Updates the decision status shown for a source row.
    void setDecision(qint32 sourceRow, model::Decision::Kind kind);

    /// Whether the item column shows the description after the id, for a table
    /// that hides the description column to save room.
    void setItemShowsDescription(bool shows);

    /// The sort/filter value of a cell; what RawValueRole returns.
    QVariant rawValue(qint32 sourceRow, int column) const;

    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    /// The set of rows shown changed (queue, criteria or weights): counts are new.
    void rowsRebuilt();

private:
    void rebuild();
    void sortVisible();
    std::vector<double> sortKeys(int column) const;
    /// Whether row `r`'s action arrives by its need date; a queue without the column
    /// (as older images had) held only feasible actions.
    bool actionFeasible(std::size_t r) const;
    const std::vector<qint32> &collationOrder(int column) const;
    const std::vector<qint32> &viewRows() const;
    QVariant display(std::size_t row, int column) const;

    model::Queue m_queue;
    Weights m_policyWeights {};
    Weights m_weights {};
    std::vector<double> m_scores; ///< live score by source row
    std::vector<double> m_canSave; ///< live "can save" by source row (what-if: estimated)
    engine::RankBy m_rankBy = engine::RankBy::CanSave;
    std::vector<qint32> m_ranks; ///< live rank by source row
    QueueCriteria m_criteria;
    QueueTally m_tally;
    std::vector<qint32> m_rows; ///< shown source rows, in view order
    int m_sortColumn = Rank;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    bool m_sourceIsRanked = true; ///< source rows are in stored-rank order
    bool m_itemShowsDescription = false;
    // Built on demand and dropped whenever m_rows or m_queue change.
    mutable std::vector<qint32> m_viewRowOf; ///< source row -> view row, -1: hidden
    mutable std::vector<qint32> m_itemOrder, m_descriptionOrder, m_locationOrder;
};

} // namespace ui
