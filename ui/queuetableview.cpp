#include "queuetableview.h"

#include "queuemodel.h"

#include <QHeaderView>
#include <QMenu>

#include <array>

using namespace Qt::StringLiterals;

namespace ui {

QueueTableView::QueueTableView(QueueModel *model, QWidget *parent)
    : QTableView(parent)
    , m_model(model)
{
    setObjectName(u"queueTable"_s);
    setModel(model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setShowGrid(false);
    setIconSize(QSize(10, 10)); // the type's colour chip
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    QHeaderView *rows = verticalHeader();
    rows->hide();
    // Fixed row heights let the view skip sizing a million rows.
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 10);

    QHeaderView *header = horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(
        header, &QHeaderView::customContextMenuRequested, this, &QueueTableView::showColumnMenu);
    header->setMinimumSectionSize(fontMetrics().horizontalAdvance(u"Rank"_s) + 20);
    restoreHeader({});
    setSortingEnabled(true);
}

void QueueTableView::restoreHeader(const QByteArray &state)
{
    QHeaderView *header = horizontalHeader();
    if (state.isEmpty() || !header->restoreState(state)) {
        const QFontMetrics metrics = fontMetrics();
        auto widthFor
            = [&](const QString &sample) { return metrics.horizontalAdvance(sample) + 14; };
        // Wide enough for every value of the fixed-format columns; the item column (id
        // and description) takes whatever is left, so the table fits the window without
        // a horizontal scroll bar. The separate description column is there to sort by.
        const std::array<int, QueueModel::ColumnCount> widths {widthFor(u"000,000"_s),
            widthFor(u"▼ −00,000"_s), widthFor(u"USD 000,000"_s), widthFor(u"■ Replenishment"_s),
            widthFor(u"SKU-000000"_s), widthFor(u"A longer item description"_s),
            widthFor(u"DC-WEST-00"_s), widthFor(u"00 Sep 0000"_s),
            widthFor(u"Count discrepancy risk"_s), widthFor(u"Notify customer service"_s),
            widthFor(u"✓ Approved"_s)};
        for (int column = 0; column < QueueModel::ColumnCount; ++column) {
            header->resizeSection(column, widths[std::size_t(column)]);
            header->showSection(column);
        }
        header->setSortIndicator(QueueModel::Rank, Qt::AscendingOrder);
        setColumnHidden(QueueModel::Description, true);
    }
    header->setSectionResizeMode(QueueModel::Item, QHeaderView::Stretch);
    setColumnHidden(QueueModel::Moved, !m_model->isReweighted());
    m_model->setItemShowsDescription(isColumnHidden(QueueModel::Description));
    m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
}

void QueueTableView::setWhatIf(bool whatIf)
{
    setColumnHidden(QueueModel::Moved, !whatIf);
}

void QueueTableView::setOptionalColumnShown(int column, bool shown)
{
    setColumnHidden(column, !shown);
    // Without its own column the description rides along in the item column.
    if (column == QueueModel::Description)
        m_model->setItemShowsDescription(!shown);
}

void QueueTableView::showColumnMenu(const QPoint &position)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    // Rank and item identify a row and Moved follows the what-if weights: not optional.
    for (int column = 0; column < QueueModel::ColumnCount; ++column) {
        if (column == QueueModel::Rank || column == QueueModel::Moved || column == QueueModel::Item)
            continue;
        QAction *action = menu->addAction(
            m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        action->setCheckable(true);
        action->setChecked(!isColumnHidden(column));
        connect(action, &QAction::toggled, this,
            [this, column](bool shown) { setOptionalColumnShown(column, shown); });
    }
    menu->popup(horizontalHeader()->viewport()->mapToGlobal(position));
}

} // namespace ui
