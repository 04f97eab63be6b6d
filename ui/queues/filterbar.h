#pragma once
// The row of filters above the queue table: free text, location, supplier, customer
// tier, ABC class, minimum score and decision. The queue type comes from the queue list.

#include "ui/queues/queuefilter.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QToolButton;

namespace ui {

class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(QWidget *parent = nullptr);

    /// The ids offered by the location and supplier pickers, and the currency of
    /// the minimum score. Keeps a current choice that is still offered.
    void setChoices(
        const QStringList &locationIds, const QStringList &supplierIds, const QString &currency);

    /// The criteria of the bar (type is left at -1: the queue list owns it).
    QueueCriteria criteria() const;
    /// Shows `criteria` without emitting criteriaChanged; ids not offered are kept
    /// so a filter restored before a snapshot is loaded still applies.
    void setCriteria(const QueueCriteria &criteria);
    /// Clears every filter (emits criteriaChanged once).
    void clearFilters();
    /// Shows only rows whose standing decision is of `view` (emits criteriaChanged).
    void showDecisions(DecisionView view);
    /// Puts the cursor in the text filter, its text selected.
    void focusText();
    /// How long typing must pause before the text filter applies.
    void setTextDelay(int milliseconds) { m_textDelay.setInterval(milliseconds); }

Q_SIGNALS:
    void criteriaChanged();
    /// Escape in the text filter: the window hands focus back to the table.
    void leaveRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void emitChanged();
    static void setChoice(
        QComboBox *combo, const QString &anyLabel, const QStringList &ids, const QString &current);

    QLineEdit *m_text;
    QComboBox *m_location;
    QComboBox *m_supplier;
    QComboBox *m_tier;
    QComboBox *m_abc;
    QComboBox *m_decision;
    QDoubleSpinBox *m_minScore;
    QToolButton *m_clear;
    QTimer m_textDelay;
    bool m_silent = false;
};

} // namespace ui
