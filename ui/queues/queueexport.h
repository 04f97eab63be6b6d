#pragma once
// The queue table as File > Export queue table… writes it: the rows in view order
// (filters and sort as shown), the exception id first, ranks and money as raw
// numbers, the need date as a date, everything else as the table shows it.

#include <QList>
#include <QString>
#include <QStringList>

namespace ui {

class QueueModel;

QStringList queueTableHeader(const QueueModel &model);
QList<QStringList> queueTableRows(const QueueModel &model);

} // namespace ui
