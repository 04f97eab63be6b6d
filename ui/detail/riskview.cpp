#include "ui/detail/riskview.h"

#include "ui/common/format.h"

#include <QGridLayout>
#include <QLabel>

#include <cmath>

namespace ui {

RiskView::RiskView(QWidget *parent)
    : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(1);
    grid->setColumnStretch(0, 1);

    const QString names[FigureCount] = {tr("Lead-time demand"), tr("Inventory position"),
        tr("Stockout probability"), tr("Expected units short"), tr("Fill rate")};
    for (int f = 0; f < FigureCount; ++f) {
        Row &row = m_rows[f];
        row.name = new QLabel(names[f], this);
        row.name->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        row.value = new QLabel(this);
        row.value->setAlignment(Qt::AlignRight | Qt::AlignTop);
        row.value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QFont bold = row.value->font();
        bold.setBold(true);
        row.value->setFont(bold);
        row.meaning = new QLabel(this);
        row.meaning->setWordWrap(true);
        row.meaning->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        row.meaning->setForegroundRole(QPalette::PlaceholderText);
        // The meaning goes under its figure: beside it, in a pane ~500 px wide, it
        // would wrap into a narrow column of four or five lines.
        grid->addWidget(row.name, 2 * f, 0);
        grid->addWidget(row.value, 2 * f, 1);
        grid->addWidget(row.meaning, 2 * f + 1, 0, 1, 2);
        grid->setRowMinimumHeight(2 * f + 1, 0);
        row.meaning->setContentsMargins(0, 0, 0, 6);
    }
    m_rows[StockoutProbability].value->setObjectName(QStringLiteral("stockoutProbabilityValue"));
    m_rows[FillRate].value->setObjectName(QStringLiteral("fillRateValue"));

    m_undefined = new QLabel(this);
    m_undefined->setObjectName(QStringLiteral("riskUndefinedLabel"));
    m_undefined->setWordWrap(true);
    m_undefined->setText(tr("No replenishment lead time is known for this SKU-location, so the "
                            "stockout risk cannot be computed. Add a supplier lead time or a "
                            "source location to the snapshot."));
    grid->addWidget(m_undefined, 2 * FigureCount, 0, 1, 2);
    clear();
}

void RiskView::clear()
{
    for (Row &row : m_rows) {
        row.value->clear();
        row.meaning->clear();
    }
    m_undefined->hide();
}

void RiskView::setRisk(const engine::RiskFigures &risk, double stockoutTarget)
{
    for (Row &row : m_rows) {
        row.name->setVisible(risk.defined);
        row.value->setVisible(risk.defined);
        row.meaning->setVisible(risk.defined);
    }
    m_undefined->setVisible(!risk.defined);
    if (!risk.defined)
        return;

    const QString units = tr("units");
    m_rows[LeadTimeDemand].value->setText(formatQty(risk.leadTimeDemandMean) + QStringLiteral(" ± ")
        + formatQty(risk.leadTimeDemandStd));
    m_rows[LeadTimeDemand].meaning->setText(
        tr("units expected to sell while a replenishment is on its way (lead time %1 ± %2 days, "
           "%3 ± %4 a day)")
            .arg(formatQty(risk.leadTimeDays), formatQty(risk.leadTimeStdDays),
                formatQty(risk.dailyDemand), formatQty(risk.dailyDemandStd)));

    m_rows[InventoryPosition].value->setText(formatQty(risk.inventoryPosition));
    m_rows[InventoryPosition].meaning->setText(
        tr("on hand minus allocated, plus open purchase orders and inbound transfers, minus "
           "open customer orders"));

    const bool aboveTarget = risk.stockoutProbability > stockoutTarget + 1e-12;
    QLabel *stockout = m_rows[StockoutProbability].value;
    stockout->setText(formatPercent(risk.stockoutProbability));
    // The palette, not a style sheet, so the label still follows the application style.
    QPalette palette = stockout->palette();
    palette.setColor(QPalette::WindowText,
        aboveTarget ? exceptionTypeColor(engine::ExceptionType::Shortage)
                    : this->palette().color(QPalette::WindowText));
    stockout->setPalette(palette);
    m_rows[StockoutProbability].meaning->setText(
        tr("chance of running out before the next replenishment arrives (target: at most %1)")
            .arg(formatPercent(stockoutTarget)));

    m_rows[UnitsShort].value->setText(formatQty(risk.expectedUnitsShort));
    m_rows[UnitsShort].meaning->setText(
        tr("units likely to be missing per replenishment cycle, on average"));

    m_rows[FillRate].value->setText(formatPercent(risk.fillRate));
    m_rows[FillRate].meaning->setText(
        tr("share of demand expected to be served from stock (order quantity %1 %2)")
            .arg(formatQty(risk.orderQty), units));
}

} // namespace ui
