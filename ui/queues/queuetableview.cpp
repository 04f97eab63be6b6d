#include "ui/queues/queuetableview.h"

#include "ui/common/format.h"
#include "ui/queues/queuemodel.h"

#include <QHeaderView>
#include <QMenu>

#include <algorithm>
#include <array>
#include <cmath>

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
    connect(model, &QueueModel::rowsRebuilt, this, &QueueTableView::fitScoreColumn);
}

void QueueTableView::fitScoreColumn()
{
    // The default width holds six-figure scores; a large distributor's top
    // exceptions, or heavier what-if weights, can cost millions. The column grows to
    // the widest score of the queue (never shrinks, so a width the planner chose
    // stays unless it would cut a figure).
    const model::Queue &queue = m_model->queue();
    double largest = 0;
    for (qsizetype r = 0; r < queue.size(); ++r)
        largest = std::max(largest, std::abs(m_model->liveScore(qint32(r))));
    const int wanted
        = fontMetrics().horizontalAdvance(formatMoney(-largest, queue.snapshot.currency)) + 14;
    QHeaderView *header = horizontalHeader();
    if (header->sectionSize(QueueModel::Score) < wanted)
        header->resizeSection(QueueModel::Score, wanted);
    // What can be saved is never more than the stored score: the same width holds it.
    if (header->sectionSize(QueueModel::CanSave) < wanted)
        header->resizeSection(QueueModel::CanSave, wanted);
}

void QueueTableView::restoreHeader(const QByteArray &state)
{
    QHeaderView *header = horizontalHeader();
    if (state.isEmpty() || !header->restoreState(state)) {
        const QFontMetrics metrics = fontMetrics();
        const QFontMetrics headerMetrics = header->fontMetrics();
        // Wide enough for the column's title with its sort arrow and for `sample`, a
        // wide value of the column. The numeric columns stay narrow so that the item
        // column (id and the start of its description), which takes whatever is left,
        // keeps room for both at 1600 px with the detail panel open. The separate
        // description column is there to sort by.
        auto widthFor = [&](int column, const QString &sample) {
            const QString title
                = m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
            return std::max(metrics.horizontalAdvance(sample) + 14,
                headerMetrics.horizontalAdvance(title) + 26);
        };
        std::array<int, QueueModel::ColumnCount> widths {};
        widths[QueueModel::Rank] = widthFor(QueueModel::Rank, u"00,000"_s);
        widths[QueueModel::Moved] = widthFor(QueueModel::Moved, u"▼ −000"_s);
        widths[QueueModel::Score] = widthFor(QueueModel::Score, u"USD 000,000"_s);
        widths[QueueModel::CanSave] = widthFor(QueueModel::CanSave, u"USD 000,000"_s);
        widths[QueueModel::Type] = widthFor(QueueModel::Type, u"■ Replenishment"_s);
        widths[QueueModel::Item] = widthFor(QueueModel::Item, u"SKU-000000 — Hydraulic hose"_s);
        widths[QueueModel::Description]
            = widthFor(QueueModel::Description, u"A longer item description"_s);
        widths[QueueModel::Location] = widthFor(QueueModel::Location, u"DC-WEST"_s);
        widths[QueueModel::NeedDate] = widthFor(QueueModel::NeedDate, u"00 Sep 0000"_s);
        // Long factor names elide ("Count discrepancy ri…"); the item keeps its room.
        widths[QueueModel::TopFactor] = widthFor(QueueModel::TopFactor, u"Lead-time volat"_s);
        widths[QueueModel::Action] = widthFor(QueueModel::Action, u"Notify customer service"_s);
        widths[QueueModel::Decision] = widthFor(QueueModel::Decision, u"✓ Approved"_s);
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
