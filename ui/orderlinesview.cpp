#include "orderlinesview.h"

#include "ui/format.h"
#include "ui/rowlookup.h"

#include <QHeaderView>

#include <algorithm>

namespace ui {

namespace {
// Beyond this the table scrolls inside the panel instead of growing it without bound.
constexpr int kMaxVisibleRows = 10;
} // namespace

OrderLinesView::OrderLinesView(QWidget *parent)
    : QTableWidget(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels({tr("Order/line"), tr("Customer"), tr("Tier"), tr("Qty short"),
        tr("Due"), tr("Days late")});
    horizontalHeaderItem(Tier)->setToolTip(tr("Customer service tier: 1 is the most important"));
    horizontalHeaderItem(DaysLate)->setToolTip(
        tr("Expected days late of the short units, from the projected receipts"));
    for (int c : {Tier, QtyShort, DaysLate})
        horizontalHeaderItem(c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(Customer, QHeaderView::Stretch);
    horizontalHeader()->setHighlightSections(false);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void OrderLinesView::setOrders(
    const std::vector<engine::OrderImpact> &orders, const RowLookup &rows)
{
    setSortingEnabled(false);
    clearContents();
    setRowCount(int(orders.size()));
    const auto rightAligned = [](const QString &text) {
        auto *item = new QTableWidgetItem(text);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return item;
    };
    for (int r = 0; r < int(orders.size()); ++r) {
        const engine::OrderImpact &o = orders[std::size_t(r)];
        auto *order = new QTableWidgetItem(
            QString::fromStdString(o.orderId) + QLatin1Char('/') + QString::number(o.line));
        order->setToolTip(tr("Open quantity %1").arg(formatQty(o.qtyOpen)));
        setItem(r, OrderLine, order);
        const QString customer = rows.describeCustomer(o.customerId);
        auto *customerItem = new QTableWidgetItem(customer);
        customerItem->setToolTip(customer);
        setItem(r, Customer, customerItem);
        setItem(r, Tier, rightAligned(o.tier > 0 ? QString::number(o.tier) : QStringLiteral("—")));
        setItem(r, QtyShort, rightAligned(formatQty(o.qtyShort)));
        setItem(r, Due, new QTableWidgetItem(formatDate(o.dueDate)));
        auto *late = rightAligned(QString::number(o.daysLate));
        if (o.daysLate > 0)
            late->setForeground(exceptionTypeColor(engine::ExceptionType::Shortage));
        setItem(r, DaysLate, late);
    }
    setFixedHeight(visibleRowsHeight());
    updateGeometry();
}

int OrderLinesView::visibleRowsHeight() const
{
    const int rowsShown = std::min(rowCount(), kMaxVisibleRows);
    const int perRow = rowCount() > 0 ? rowHeight(0) : verticalHeader()->defaultSectionSize();
    return horizontalHeader()->sizeHint().height() + rowsShown * perRow + 2 * frameWidth();
}

QSize OrderLinesView::sizeHint() const
{
    return QSize(QTableWidget::sizeHint().width(), visibleRowsHeight());
}

QSize OrderLinesView::minimumSizeHint() const
{
    return QSize(200, visibleRowsHeight());
}

} // namespace ui
