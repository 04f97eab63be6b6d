#pragma once
// A table of the window as an Excel workbook (libxlsxwriter): one worksheet, a bold
// header row kept in view, numbers as numbers, dates and times as spreadsheet dates
// with a date format, text as shared strings, neutralised as the CSV is
// (ui/common/csvtable.h).

#include "model/error.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ui {

/// The most rows a worksheet holds, the header included.
inline constexpr qsizetype kXlsxMaxRows = 1048576;

/// Writes the table to `path` whole or not at all (through a temporary file beside it);
/// `sheet` names the worksheet (cut to the 31 characters a sheet name may have).
model::Result<void> writeXlsxFile(const QString &path, const QString &sheet,
    const QStringList &header, const QList<QStringList> &rows);

} // namespace ui
