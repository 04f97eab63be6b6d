#pragma once
// Tables the window shows, written as files a spreadsheet opens: CSV (RFC 4180: CRLF
// line ends, a header line, fields quoted when they hold a comma, a quote or a line
// break, quotes doubled; UTF-8) or XLSX (ui/common/xlsxtable.h). The rows hold raw
// values as text; a cell that is a plain number or an ISO date is written as one, and
// text a spreadsheet would run as a formula is neutralised in both formats.

#include "model/error.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

namespace ui {

/// What a raw cell value is, as the files write it.
struct TableCell {
    enum Kind { Empty, Text, Number, Date, DateTime };
    Kind kind = Empty;
    QString text; ///< Text: already neutralised
    double number = 0;
    QDate date; ///< Date, and the day of a DateTime
    QDateTime dateTime; ///< DateTime, in UTC
};

/// Reads a raw value: a plain decimal number ("-12.5", no exponent, no leading zero or
/// plus, so that ids such as "00123" stay text), an ISO 8601 date ("2026-11-28") or
/// date and time ("2026-11-28T09:15:00Z"), or text.
TableCell tableCell(const QString &raw);

/// Text a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a
/// carriage return) with a leading apostrophe, as OWASP advises, so that a comment
/// typed into the workbench cannot become a formula in the manager's spreadsheet. A
/// plain number ("-12.5") is left as it is.
QString neutralised(const QString &value);

/// One field as RFC 4180 writes it, neutralised.
QString csvField(const QString &value);

/// A header line and the rows, each line ended by CRLF.
QByteArray csvTable(const QStringList &header, const QList<QStringList> &rows);

/// Writes `bytes` to `path` whole or not at all (through a temporary file).
model::Result<void> writeCsvFile(const QString &path, const QByteArray &bytes);

/// Writes the table to `path` as XLSX when its name ends in .xlsx, else as CSV;
/// `sheet` names the XLSX worksheet.
model::Result<void> writeTableFile(const QString &path, const QString &sheet,
    const QStringList &header, const QList<QStringList> &rows);

/// Asks (window-modal, not blocking) where to save the table, offering
/// `<Documents>/<baseName>-<today>.csv` and the choice of CSV or XLSX (the file type
/// chosen, or the name's suffix, picks the format), then calls `write` with the path
/// chosen; a failure is shown in a warning box, a success passed to `written`.
void askTableExport(QWidget *parent, const QString &title, const QString &baseName,
    std::function<model::Result<void>(const QString &path)> write,
    std::function<void(const QString &path)> written);

} // namespace ui
