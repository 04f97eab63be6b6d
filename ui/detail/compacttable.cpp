#include "ui/detail/compacttable.h"

#include <QHeaderView>
#include <QScrollBar>

#include <algorithm>

namespace ui {

namespace {
// Beyond this the table scrolls inside the panel instead of growing it without bound.
constexpr int kMaxVisibleRows = 10;
} // namespace

CompactTable::CompactTable(int columns, QWidget *parent)
    : QTableWidget(0, columns, parent)
{
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setHighlightSections(false);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QTableWidgetItem *CompactTable::rightAligned(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

void CompactTable::fitRows()
{
    setFixedHeight(visibleRowsHeight());
    updateGeometry();
}

int CompactTable::visibleRowsHeight() const
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

void CompactTable::resizeEvent(QResizeEvent *event)
{
    QTableWidget::resizeEvent(event);
    const int wanted = visibleRowsHeight();
    if (wanted != height())
        setFixedHeight(wanted);
}

QSize CompactTable::sizeHint() const
{
    return QSize(QTableWidget::sizeHint().width(), visibleRowsHeight());
}

QSize CompactTable::minimumSizeHint() const
{
    return QSize(200, visibleRowsHeight());
}

} // namespace ui
