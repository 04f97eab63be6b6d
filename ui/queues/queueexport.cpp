#include "ui/queues/queueexport.h"

#include "ui/queues/queuemodel.h"

#include <QCoreApplication>
#include <QDate>

using namespace Qt::StringLiterals;

namespace ui {

QStringList queueTableHeader(const QueueModel &model)
{
    QStringList header {QCoreApplication::translate("ui::QueueExport", "Exception")};
    for (int c = 0; c < QueueModel::ColumnCount; ++c)
        header << model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
    return header;
}

QList<QStringList> queueTableRows(const QueueModel &model)
{
    QList<QStringList> rows;
    const int count = model.rowCount();
    rows.reserve(count);
    for (int r = 0; r < count; ++r) {
        QStringList row;
        row.reserve(QueueModel::ColumnCount + 1);
        row << model.data(model.index(r, 0), QueueModel::ExceptionIdRole).toString();
        for (int c = 0; c < QueueModel::ColumnCount; ++c) {
            const QModelIndex index = model.index(r, c);
            switch (c) {
            case QueueModel::Rank:
            case QueueModel::Moved:
            case QueueModel::Score:
            case QueueModel::CanSave: {
                const QVariant raw = model.data(index, QueueModel::RawValueRole);
                row << (raw.isValid() ? QString::number(raw.toDouble(), 'f', 2) : QString());
                if (c == QueueModel::Rank || c == QueueModel::Moved)
                    row.back() = raw.isValid() ? QString::number(raw.toLongLong()) : QString();
                break;
            }
            case QueueModel::NeedDate:
                row << model.data(index, QueueModel::RawValueRole).toDate().toString(Qt::ISODate);
                break;
            default:
                row << model.data(index, Qt::DisplayRole).toString();
            }
        }
        rows << row;
    }
    return rows;
}

} // namespace ui
