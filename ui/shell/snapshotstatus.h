#pragma once
// The permanent part of the status bar: which snapshot the queue comes from, its
// as-of date, the scoring version, whether what-if weights apply, and how many rows
// the filters show.

#include "model/runs/queue.h"

#include <QWidget>

class QLabel;

namespace ui {

class SnapshotStatus : public QWidget
{
    Q_OBJECT
public:
    explicit SnapshotStatus(QWidget *parent = nullptr);

    /// Shows the facts of `queue`, of which `shown` rows pass the filters.
    void setQueue(const model::Queue &queue, qsizetype shown);
    void setWhatIf(bool whatIf);

private:
    QLabel *m_whatIf;
    QLabel *m_snapshot;
    QLabel *m_asOf;
    QLabel *m_scoring;
    QLabel *m_rows;
};

} // namespace ui
