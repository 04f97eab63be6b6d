#pragma once
// Tables the window shows, written as CSV files a spreadsheet opens: RFC 4180 (CRLF
// line ends, a header line, fields quoted when they hold a comma, a quote or a line
// break, quotes doubled), UTF-8.

#include "model/error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

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

/// Asks (window-modal, not blocking) where to save a CSV file, offering
/// `<Documents>/<baseName>-<today>.csv`, then calls `write` with the path chosen; a
/// failure is shown in a warning box, a success passed to `written`.
void askCsvExport(QWidget *parent, const QString &title, const QString &baseName,
    std::function<model::Result<void>(const QString &path)> write,
    std::function<void(const QString &path)> written);

} // namespace ui
