#include "ui/detail/itemplanview.h"

#include "ui/common/format.h"
#include "ui/common/plaintext.h"

#include <QHeaderView>
#include <QLabel>
#include <QVBoxLayout>

namespace ui {

namespace {

QString str(const std::string &s)
{
    return shownText(QString::fromStdString(s));
}

/// Where the units come from and go: "DC-WEST → BR-01", "SUP-003 → BR-02".
QString route(const engine::PlanStep &step)
{
    const engine::Recommendation &r = step.action;
    QString from;
    if (r.action == engine::Action::Transfer)
        from = str(r.fromLocationId);
    else if (r.action == engine::Action::Expedite)
        from = str(r.poId) + QLatin1Char('/') + QString::number(r.poLine);
    else
        from = str(r.supplierId)
            + (r.fromLocationId.empty() ? QString()
                                        : QStringLiteral(" via ") + str(r.fromLocationId));
    return from + QStringLiteral(" → ") + str(step.toLocationId);
}

} // namespace

PlanStepsTable::PlanStepsTable(QWidget *parent)
    : CompactTable(ColumnCount, parent)
{
    setHorizontalHeaderLabels(
        {tr("Action"), tr("Qty"), tr("From → to"), tr("Serves"), tr("Arrives"), tr("Cost")});
    horizontalHeaderItem(Route)->setToolTip(
        tr("Transfers: source and destination; expedites: the PO line; purchases: the supplier"));
    horizontalHeaderItem(Serves)->setToolTip(
        tr("The locations whose order lines the units serve, and how many"));
    for (int c : {Qty, Cost})
        horizontalHeaderItem(c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
}

void PlanStepsTable::setSteps(const std::vector<engine::PlanStep> &steps, const QString &currency)
{
    clearContents();
    setRowCount(int(steps.size()));
    for (int r = 0; r < int(steps.size()); ++r) {
        const engine::PlanStep &step = steps[std::size_t(r)];
        const engine::Recommendation &rec = step.action;
        auto *action = new QTableWidgetItem(actionLabel(rec.action));
        action->setToolTip(plainToolTip(QString::fromStdString(rec.text)));
        setItem(r, Action, action);
        setItem(r, Qty, rightAligned(formatQty(rec.qty)));
        setItem(r, Route, new QTableWidgetItem(route(step)));
        const engine::Date arrives
            = rec.action == engine::Action::Expedite ? rec.newExpectedDate : rec.arrivalDate;
        auto *date = new QTableWidgetItem(formatShortDate(arrives));
        date->setToolTip(formatDate(arrives));
        setItem(r, Arrives, date);
        setItem(r, Cost, rightAligned(formatMoney(rec.cost, currency)));
        QStringList serves;
        for (const auto &[location, units] : step.serves)
            serves.append(str(location) + QLatin1Char(' ') + formatQty(units));
        if (step.keptInStock > 0)
            serves.append(tr("%1 kept in stock").arg(formatQty(step.keptInStock)));
        auto *servesItem = new QTableWidgetItem(serves.join(QStringLiteral(", ")));
        servesItem->setToolTip(plainToolTip(serves.join(QLatin1Char('\n'))));
        setItem(r, Serves, servesItem);
    }
    fitRows();
}

ItemPlanView::ItemPlanView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("planSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_locations = new QLabel(this);
    m_locations->setObjectName(QStringLiteral("planLocations"));
    m_locations->setWordWrap(true);
    m_locations->setTextFormat(Qt::PlainText);
    m_steps = new PlanStepsTable(this);
    m_steps->setObjectName(QStringLiteral("planSteps"));
    layout->addWidget(m_summary);
    layout->addWidget(m_steps);
    layout->addWidget(m_locations);
}

void ItemPlanView::setPlan(
    const engine::ItemPlanView &plan, const QString &currency, const QString &here)
{
    if (plan.steps.empty()) {
        m_summary->setText(tr("Nothing pays for itself within the planning horizon: no transfer, "
                              "expedite or purchase saves more than it costs at any location "
                              "of this item."));
    } else {
        const QString actions
            = plan.steps.size() == 1 ? tr("One action") : tr("%1 actions").arg(plan.steps.size());
        m_summary->setText(tr("%1 across the item's locations. Doing nothing costs %2; with the "
                              "plan %3, its actions included: it saves %4. (In the plan the "
                              "firm stock serves the lines where it saves most, so its "
                              "do-nothing can be less than the exposures, which serve lines "
                              "by tier and due date; that difference is an allocation's.)")
                               .arg(actions, formatMoney(plan.doNothingCost, currency),
                                   formatMoney(plan.planCost, currency),
                                   formatMoney(plan.doNothingCost - plan.planCost, currency)));
    }
    QStringList lines;
    for (const engine::PlanLocationOutcome &o : plan.locations) {
        const QString id = str(o.locationId);
        QString line = (id == here ? tr("%1 (this exception)").arg(id) : id) + QStringLiteral(": ")
            + tr("%1 units late doing nothing, %2 with the plan")
                  .arg(formatQty(o.unitsLateDoingNothing), formatQty(o.unitsLateWithPlan));
        if (o.unitsUnservedDoingNothing > o.unitsUnservedWithPlan)
            line += tr(" (%1 fewer never served in the horizon)")
                        .arg(formatQty(o.unitsUnservedDoingNothing - o.unitsUnservedWithPlan));
        line += tr("; saves %1").arg(formatMoney(o.saving, currency));
        lines.append(line);
    }
    m_locations->setText(lines.join(QLatin1Char('\n')));
    m_locations->setVisible(!lines.isEmpty());
    m_steps->setSteps(plan.steps, currency);
    m_steps->setVisible(!plan.steps.empty());
}

QString ItemPlanView::summary() const
{
    return m_summary->text();
}

} // namespace ui
