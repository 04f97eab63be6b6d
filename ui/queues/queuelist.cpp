#include "ui/queues/queuelist.h"

#include "ui/common/format.h"
#include "ui/common/plaintext.h"

#include <QApplication>
#include <QFontMetrics>
#include <QLocale>
#include <QPainter>
#include <QStyledItemDelegate>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

/// Two lines per queue: chip, name and count; then the exposure in money.
class QueueDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        const int line = option.fontMetrics.height();
        QFont bold = option.font;
        bold.setBold(true);
        // Room for the longest name with a six-digit count, and a large exposure.
        const int width
            = std::max(QFontMetrics(bold).horizontalAdvance(u"All exceptions  000,000"_s),
                option.fontMetrics.horizontalAdvance(u"USD 10,000,000 at stake"_s));
        return {width + 16 + 3 * kMargin, 2 * line + 3 * kMargin};
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override
    {
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.text.clear();
        background.icon = {};
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

        painter->save();
        const bool selected = option.state & QStyle::State_Selected;
        const QPalette::ColorGroup group
            = option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
        const QColor text
            = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
        QColor muted = text;
        muted.setAlphaF(0.7f);

        const QRect r = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
        const int line = option.fontMetrics.height();
        const int type = index.data(QueueListModel::TypeRole).toInt();
        if (type >= 0) {
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(Qt::NoPen);
            painter->setBrush(exceptionTypeColor(engine::ExceptionType(type)));
            painter->drawRoundedRect(QRectF(r.left(), r.top() + line / 2.0 - 5, 10, 10), 2, 2);
        }
        const QRect firstLine(r.left() + 16, r.top(), r.width() - 16, line);
        const QRect secondLine(r.left() + 16, r.top() + line + kMargin, r.width() - 16, line);

        QFont bold = option.font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(text);
        const QString count
            = QLocale().toString(index.data(QueueListModel::CountRole).toLongLong());
        const int countWidth = QFontMetrics(bold).horizontalAdvance(count);
        painter->drawText(firstLine, Qt::AlignRight | Qt::AlignVCenter, count);
        const QRect nameRect = firstLine.adjusted(0, 0, -countWidth - kMargin, 0);
        painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(bold).elidedText(
                index.data(Qt::DisplayRole).toString(), Qt::ElideRight, nameRect.width()));

        painter->setFont(option.font);
        painter->setPen(muted);
        painter->drawText(secondLine, Qt::AlignLeft | Qt::AlignVCenter,
            index.data(QueueListModel::ExposureTextRole).toString());
        painter->restore();
    }

private:
    static constexpr int kMargin = 6;
};

} // namespace

QueueListModel::QueueListModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

void QueueListModel::setTally(const QueueTally &tally, const QString &currency)
{
    m_tally = tally;
    m_currency = currency;
    Q_EMIT dataChanged(index(0), index(kRowCount - 1));
}

int QueueListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kRowCount;
}

QVariant QueueListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int type = typeOfRow(index.row());
    const qint64 count = type < 0 ? m_tally.totalCount : m_tally.count[std::size_t(type)];
    const double exposure = type < 0 ? m_tally.totalExposure : m_tally.exposure[std::size_t(type)];
    const QString label
        = type < 0 ? tr("All exceptions") : exceptionTypeLabel(engine::ExceptionType(type));
    switch (role) {
    case Qt::DisplayRole:
        return label;
    case TypeRole:
        return type;
    case CountRole:
        return count;
    case ExposureRole:
        return exposure;
    case ExposureTextRole:
        // Without a snapshot there is no currency, and "0.00 at stake" would mislead.
        return m_currency.isEmpty() ? QString()
                                    : tr("%1 at stake").arg(formatMoney(exposure, m_currency));
    case Qt::DecorationRole:
        return type >= 0 ? QVariant(exceptionTypeColor(engine::ExceptionType(type))) : QVariant();
    case Qt::ToolTipRole:
        // Escaped: the currency is the snapshot's text.
        return plainToolTip(
            tr("%1: %2 (exceptions), %3 expected cost of doing nothing. Key %4")
                .arg(label, QLocale().toString(count), formatMoney(exposure, m_currency),
                    QString::number(index.row() + 1)));
    case Qt::AccessibleTextRole:
        return tr("%1, %2 exceptions, %3")
            .arg(label, QLocale().toString(count), formatMoney(exposure, m_currency));
    default:
        return {};
    }
}

QueueList::QueueList(QWidget *parent)
    : QListView(parent)
    , m_model(new QueueListModel(this))
{
    setObjectName(u"queueList"_s);
    setModel(m_model);
    setItemDelegate(new QueueDelegate(this));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setUniformItemSizes(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setCurrentIndex(m_model->index(0));
    setMinimumWidth(sizeHint().width());
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (current.isValid())
                Q_EMIT currentTypeChanged(QueueListModel::typeOfRow(current.row()));
        });
}

void QueueList::setTally(const QueueTally &tally, const QString &currency)
{
    m_model->setTally(tally, currency);
}

int QueueList::currentType() const
{
    const QModelIndex current = currentIndex();
    return current.isValid() ? QueueListModel::typeOfRow(current.row()) : -1;
}

void QueueList::setCurrentType(int type)
{
    const int row = QueueListModel::rowOfType(type);
    if (row < 0 || row >= QueueListModel::kRowCount)
        return;
    setCurrentIndex(m_model->index(row));
}

QSize QueueList::sizeHint() const
{
    const QSize item = sizeHintForIndex(m_model->index(0));
    return {item.width() + 2 * frameWidth(),
        item.height() * QueueListModel::kRowCount + 2 * frameWidth()};
}

} // namespace ui
