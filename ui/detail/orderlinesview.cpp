#include "ui/detail/orderlinesview.h"

#include "ui/common/format.h"
#include "ui/common/plaintext.h"
#include "ui/detail/rowlookup.h"

#include <QHeaderView>

namespace ui {

OrderLinesView::OrderLinesView(QWidget *parent)
    : CompactTable(ColumnCount, parent)
{
    // Short headers, explained in tooltips: the pane is narrow and every column counts.
    setHorizontalHeaderLabels(
        {tr("Order/line"), tr("Customer"), tr("Tier"), tr("Short"), tr("Due"), tr("Late")});
    horizontalHeaderItem(QtyShort)->setToolTip(tr("Units of the line that cannot ship on time"));
    horizontalHeaderItem(Tier)->setToolTip(tr("Customer service tier: 1 is the most important"));
    horizontalHeaderItem(DaysLate)->setToolTip(
        tr("Expected days late of the short units, from the projected receipts"));
    horizontalHeaderItem(Due)->setToolTip(tr("Due date of the order line"));
    for (int c : {Tier, QtyShort, DaysLate})
        horizontalHeaderItem(c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    horizontalHeader()->setSectionResizeMode(Customer, QHeaderView::Stretch);
}

void OrderLinesView::setOrders(
    const std::vector<engine::OrderImpact> &orders, const RowLookup &rows)
{
    setSortingEnabled(false);
    clearContents();
    setRowCount(int(orders.size()));
    for (int r = 0; r < int(orders.size()); ++r) {
        const engine::OrderImpact &o = orders[std::size_t(r)];
        auto *order = new QTableWidgetItem(shownText(
            QString::fromStdString(o.orderId) + QLatin1Char('/') + QString::number(o.line)));
        order->setToolTip(tr("Open quantity %1").arg(formatQty(o.qtyOpen)));
        setItem(r, OrderLine, order);
        const QString customer = rows.describeCustomer(o.customerId);
        auto *customerItem = new QTableWidgetItem(shownText(customer));
        customerItem->setToolTip(plainToolTip(customer));
        setItem(r, Customer, customerItem);
        setItem(r, Tier, rightAligned(o.tier > 0 ? QString::number(o.tier) : QStringLiteral("—")));
        setItem(r, QtyShort, rightAligned(formatQty(o.qtyShort)));
        auto *due = new QTableWidgetItem(formatShortDate(o.dueDate));
        due->setToolTip(formatDate(o.dueDate));
        setItem(r, Due, due);
        auto *late = rightAligned(QString::number(o.daysLate));
        if (o.daysLate > 0)
            late->setForeground(exceptionTypeColor(engine::ExceptionType::Shortage));
        setItem(r, DaysLate, late);
    }
    fitRows();
}

} // namespace ui
