#pragma once
// Tables the window shows, written as CSV files a spreadsheet opens: RFC 4180 (CRLF
// line ends, a header line, fields quoted when they hold a comma, a quote or a line
// break, quotes doubled), UTF-8.

#include "model/error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace ui {

/// One field as RFC 4180 writes it. Text a spreadsheet would run as a formula (it
/// starts with =, +, @, a tab, a carriage return, or - before anything but a digit)
/// gets a leading apostrophe, so that a comment typed into the workbench cannot
/// become a formula in the manager's spreadsheet.
QString csvField(const QString &value);

/// A header line and the rows, each line ended by CRLF.
QByteArray csvTable(const QStringList &header, const QList<QStringList> &rows);

/// Writes `bytes` to `path` whole or not at all (through a temporary file).
model::Result<void> writeCsvFile(const QString &path, const QByteArray &bytes);

} // namespace ui
