#pragma once
// The ranked queue of a score run, column by column.

#include "engine/core/date.h"
#include "engine/core/policy.h" // ExceptionType, FactorKind: what the columns hold
#include "engine/scoring/scoringoutput.h" // Action
#include "model/runs/scoreruninfo.h"
#include "model/snapshots/snapshotinfo.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <vector>

namespace model {

/// The ranked queue as columns (no per-row objects), for tables of a million rows.
/// Strings are interned: row i's item id is itemIds[item[i]].
struct Queue {
    ScoreRunInfo run;
    SnapshotInfo snapshot;
    QStringList itemIds, itemDescriptions, locationIds, supplierIds;
    std::vector<qint32> item, location, supplier; ///< supplier: kNone (-1) when none
    std::vector<quint8> type; ///< engine::ExceptionType
    std::vector<quint8> topFactor; ///< engine::FactorKind, or 255 when none
    /// engine::Action of the best recommendation, feasible or not; -1 when none.
    std::vector<qint8> action;
    /// 1 when that action arrives by the need date or, late, is part of the item plan;
    /// 0 when it is late and not worth it, or there is none.
    std::vector<quint8> actionFeasible;
    std::vector<quint8> worstTier; ///< lowest customer tier among affected orders, 0 when none
    std::vector<char> abcClass; ///< 'A', 'B', 'C' or 0
    std::vector<qint32> rank;
    std::vector<double> score;
    std::vector<engine::Date> needDate;
    std::vector<double> actionCost;
    /// What acting as recommended saves of the score (the item plan's share for a
    /// shortage); 0 for runs scored before pwb-score/2.
    std::vector<double> canSave;
    /// Unweighted factor amounts, kFactorCount per row (row-major), for live re-weighting.
    std::vector<double> factorAmounts;
    std::vector<quint8> decision; ///< Decision::Kind of the latest decision, 0 when none
    /// Rows whose approval the system made by itself (policy auto_approve): the rule.
    QHash<qint32, QString> autoRule;
    qsizetype size() const { return qsizetype(rank.size()); }
    /// "shortage:SKU123@DC-EAST"
    QString exceptionId(qsizetype row) const;
    /// Whether row `row` has a best move that arrives by its need date or is part of the
    /// item plan (a queue without the column held only such moves).
    bool isActionFeasible(qsizetype row) const;
    /// Whether the row's best move is one to recommend: feasible, or late and still
    /// saving something. A late move that saves nothing (a transfer whose source has
    /// nothing to spare) is not; its explanation says why. A queue without the can-save
    /// column does not say, so its moves stand.
    bool offersAction(qsizetype row) const;
};

} // namespace model
