#pragma once
// The queue table: a QTableView set up for a million rows (fixed row heights, no
// type-ahead search), with column widths that fit the values it shows and a header
// menu to show or hide optional columns.

#include <QTableView>

namespace ui {

class QueueModel;

class QueueTableView : public QTableView
{
    Q_OBJECT
public:
    explicit QueueTableView(QueueModel *model, QWidget *parent = nullptr);

    QueueModel *queueModel() const { return m_model; }

    /// Restores widths, order, hidden columns and the sort of a saved header; the
    /// defaults when `state` is empty or unreadable.
    void restoreHeader(const QByteArray &state);
    /// Shows the Moved column while what-if weights apply.
    void setWhatIf(bool whatIf);

    /// Plain letters are triage keys here, and a type-ahead search would walk the
    /// display text of a million rows: no keyboard search.
    void keyboardSearch(const QString &) override { }

private:
    /// Widens the score column when the queue's largest score would not fit.
    void fitScoreColumn();
    void showColumnMenu(const QPoint &position);
    void setOptionalColumnShown(int column, bool shown);

    QueueModel *m_model;
};

} // namespace ui
