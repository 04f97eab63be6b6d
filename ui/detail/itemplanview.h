#pragma once
// The item's whole plan in the detail pane: what doing nothing and the plan cost,
// every action (transfers, expedites, purchases) with the locations it serves, and
// what it changes at each short location. A shortage's recommendations are this
// plan's actions at its own location; here the planner sees the rest of it.

#include "engine/scoring/scoringoutput.h"

#include "ui/detail/compacttable.h"

#include <QWidget>

class QLabel;

namespace ui {

class PlanStepsTable : public CompactTable
{
    Q_OBJECT

public:
    enum Column { Action, Qty, Route, Serves, Arrives, Cost, ColumnCount };

    explicit PlanStepsTable(QWidget *parent = nullptr);

    void setSteps(const std::vector<engine::PlanStep> &steps, const QString &currency);
};

class ItemPlanView : public QWidget
{
    Q_OBJECT

public:
    explicit ItemPlanView(QWidget *parent = nullptr);

    /// Shows `plan`; `here` is the location of the exception on screen.
    void setPlan(const engine::ItemPlanView &plan, const QString &currency, const QString &here);

    /// The sentence above the table (for tests and screenshots).
    QString summary() const;
    const PlanStepsTable *steps() const { return m_steps; }

private:
    QLabel *m_summary = nullptr;
    QLabel *m_locations = nullptr;
    PlanStepsTable *m_steps = nullptr;
};

} // namespace ui
