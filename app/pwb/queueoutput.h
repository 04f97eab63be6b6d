#pragma once
// The ranked queue as the `pwb queue` command prints it: an aligned table for people,
// JSON and CSV for scripts.

#include "model/runs/queue.h"

#include <QString>
#include <QTextStream>

#include <optional>
#include <vector>

namespace pwb {

struct QueueFilter {
    std::optional<engine::ExceptionType> type;
    QString locationId; ///< empty: every location
    qsizetype limit = 0; ///< 0: no limit
};

/// Rows of `queue` that pass `filter`, best rank first, at most filter.limit of them;
/// `matching` (optional) gets how many rows passed before the limit.
std::vector<qsizetype> selectQueueRows(
    const model::Queue &queue, const QueueFilter &filter, qsizetype *matching = nullptr);

QString actionLabel(engine::Action action);

void writeQueueTable(QTextStream &out, const model::Queue &queue,
    const std::vector<qsizetype> &rows, qsizetype matching);
/// An array of objects: exception_id, rank, type, item_id, location_id, score,
/// need_date, top_factor, action, action_cost, supplier_id, currency, action_feasible,
/// can_save.
void writeQueueJson(
    QTextStream &out, const model::Queue &queue, const std::vector<qsizetype> &rows);
/// A header row and one row per exception, with the columns of the JSON objects.
void writeQueueCsv(QTextStream &out, const model::Queue &queue, const std::vector<qsizetype> &rows);

} // namespace pwb
