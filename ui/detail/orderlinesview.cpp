#include "ui/detail/orderlinesview.h"

#include "ui/common/format.h"
#include "ui/common/plaintext.h"
#include "ui/detail/rowlookup.h"

#include <QHeaderView>
#include <QScrollBar>

#include <algorithm>

namespace ui {

namespace {
// Beyond this the table scrolls inside the panel instead of growing it without bound.
constexpr int kMaxVisibleRows = 10;
} // namespace

OrderLinesView::OrderLinesView(QWidget *parent)
    : QTableWidget(0, ColumnCount, parent)
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
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
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
    setFixedHeight(visibleRowsHeight());
    updateGeometry();
}

int OrderLinesView::visibleRowsHeight() const
{
    const int rowsShown = std::min(rowCount(), kMaxVisibleRows);
    const int perRow = rowCount() > 0 ? rowHeight(0) : verticalHeader()->defaultSectionSize();
    // Room for the horizontal scroll bar when the columns do not fit the pane.
    const int columnsWidth = horizontalHeader()->length();
    const int scrollBar = columnsWidth > width() - 2 * frameWidth()
        ? horizontalScrollBar()->sizeHint().height()
        : 0;
    return horizontalHeader()->sizeHint().height() + rowsShown * perRow + 2 * frameWidth()
        + scrollBar;
}

void OrderLinesView::resizeEvent(QResizeEvent *event)
{
    QTableWidget::resizeEvent(event);
    const int wanted = visibleRowsHeight();
    if (wanted != height())
        setFixedHeight(wanted);
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
