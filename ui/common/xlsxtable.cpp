#include "ui/common/xlsxtable.h"

#include "ui/common/csvtable.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ui::XlsxTable", text);
}

model::Error ioError(const QString &path, const QString &why)
{
    return model::Error {
        model::Error::Io, tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), why), {}};
}

/// A sheet name Excel accepts: at most 31 characters, none of []:*?/\.
QByteArray sheetName(const QString &name)
{
    QString cleaned = name;
    for (const QChar c : u"[]:*?/\\"_s)
        cleaned.replace(c, u'-');
    cleaned = cleaned.left(31).trimmed();
    return (cleaned.isEmpty() ? u"Table"_s : cleaned).toUtf8();
}

/// The longest text a cell holds, in characters.
constexpr qsizetype kMaxCellText = 32767;

} // namespace

model::Result<void> writeXlsxFile(const QString &path, const QString &sheet,
    const QStringList &header, const QList<QStringList> &rows)
{
    if (rows.size() + 1 > kXlsxMaxRows)
        return std::unexpected(ioError(path,
            tr("%1 rows do not fit in a worksheet (at most %2): narrow the table with its "
               "filters, or export it as CSV.")
                .arg(QString::number(rows.size()), QString::number(kXlsxMaxRows - 1))));
    // Written beside the target under another name, then renamed over it: a failure
    // leaves whatever file was there before.
    QTemporaryFile part(QFileInfo(path).absolutePath() + u"/.XXXXXX.xlsx.part"_s);
    if (!part.open())
        return std::unexpected(ioError(path, part.errorString()));
    part.close();
    const QByteArray partName = QFile::encodeName(part.fileName());

    lxw_workbook *book = workbook_new(partName.constData());
    if (!book)
        return std::unexpected(ioError(path, tr("the workbook could not be started")));
    lxw_worksheet *ws = workbook_add_worksheet(book, sheetName(sheet).constData());
    lxw_format *bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_format *dateFormat = workbook_add_format(book);
    format_set_num_format(dateFormat, "yyyy-mm-dd");
    lxw_format *dateTimeFormat = workbook_add_format(book);
    format_set_num_format(dateTimeFormat, "yyyy-mm-dd hh:mm:ss");

    lxw_error failed = LXW_NO_ERROR;
    auto keep = [&failed](lxw_error e) {
        if (failed == LXW_NO_ERROR)
            failed = e;
    };
    auto writeText = [&](lxw_row_t r, lxw_col_t c, const QString &text, lxw_format *format) {
        keep(
            worksheet_write_string(ws, r, c, text.left(kMaxCellText).toUtf8().constData(), format));
    };
    for (qsizetype c = 0; c < header.size(); ++c) {
        writeText(0, lxw_col_t(c), neutralised(header[c]), bold);
        keep(worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c),
            double(std::clamp<qsizetype>(header[c].size() + 4, 10, 40)), nullptr));
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (qsizetype r = 0; r < rows.size() && failed == LXW_NO_ERROR; ++r) {
        const QStringList &row = rows[r];
        const auto rr = lxw_row_t(r + 1);
        for (qsizetype c = 0; c < row.size(); ++c) {
            const TableCell cell = tableCell(row[c]);
            const auto cc = lxw_col_t(c);
            switch (cell.kind) {
            case TableCell::Empty:
                break;
            case TableCell::Text:
                writeText(rr, cc, cell.text, nullptr);
                break;
            case TableCell::Number:
                keep(worksheet_write_number(ws, rr, cc, cell.number, nullptr));
                break;
            case TableCell::Date: {
                lxw_datetime d {cell.date.year(), cell.date.month(), cell.date.day(), 0, 0, 0.0};
                keep(worksheet_write_datetime(ws, rr, cc, &d, dateFormat));
                break;
            }
            case TableCell::DateTime: {
                const QTime t = cell.dateTime.time();
                lxw_datetime d {cell.date.year(), cell.date.month(), cell.date.day(), t.hour(),
                    t.minute(), t.second() + t.msec() / 1000.0};
                keep(worksheet_write_datetime(ws, rr, cc, &d, dateTimeFormat));
                break;
            }
            }
        }
    }
    const lxw_error closed = workbook_close(book); // frees the workbook in any case
    if (failed == LXW_NO_ERROR)
        failed = closed;
    if (failed != LXW_NO_ERROR)
        return std::unexpected(ioError(path, QString::fromUtf8(lxw_strerror(failed))));
    if (std::rename(partName.constData(), QFile::encodeName(path).constData()) != 0)
        return std::unexpected(ioError(path, QString::fromLocal8Bit(std::strerror(errno))));
    part.setAutoRemove(false); // renamed: nothing left to remove
    return {};
}

} // namespace ui
