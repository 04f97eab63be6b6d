#include "ui/common/csvtable.h"

#include "ui/common/xlsxtable.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

bool startsLikeFormula(const QString &value)
{
    if (value.isEmpty())
        return false;
    const QChar first = value.front();
    return first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t'
        || first == u'\r';
}

bool isPlainNumber(const QString &value)
{
    static const QRegularExpression number(u"^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$"_s);
    return number.match(value).hasMatch();
}

} // namespace

TableCell tableCell(const QString &raw)
{
    static const QRegularExpression date(u"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"_s);
    static const QRegularExpression dateTime(
        u"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?$"_s);
    TableCell cell;
    if (raw.isEmpty())
        return cell;
    if (isPlainNumber(raw)) {
        bool ok = false;
        const double value = raw.toDouble(&ok);
        if (ok && std::isfinite(value)) {
            cell.kind = TableCell::Number;
            cell.number = value;
            return cell;
        }
    }
    if (date.match(raw).hasMatch()) {
        const QDate d = QDate::fromString(raw, Qt::ISODate);
        if (d.isValid() && d.year() >= 1900) {
            cell.kind = TableCell::Date;
            cell.date = d;
            return cell;
        }
    }
    if (dateTime.match(raw).hasMatch()) {
        const QDateTime t = QDateTime::fromString(raw, Qt::ISODateWithMs);
        if (t.isValid() && t.date().year() >= 1900) {
            cell.kind = TableCell::DateTime;
            cell.dateTime = t.toUTC();
            cell.date = cell.dateTime.date();
            return cell;
        }
    }
    cell.kind = TableCell::Text;
    cell.text = neutralised(raw);
    return cell;
}

QString neutralised(const QString &value)
{
    return startsLikeFormula(value) && !isPlainNumber(value) ? u'\'' + value : value;
}

QString csvField(const QString &value)
{
    QString field = neutralised(value);
    if (!field.contains(u',') && !field.contains(u'"') && !field.contains(u'\n')
        && !field.contains(u'\r'))
        return field;
    field.replace(u"\""_s, u"\"\""_s);
    return u'"' + field + u'"';
}

QByteArray csvTable(const QStringList &header, const QList<QStringList> &rows)
{
    QString out;
    auto line = [&out](const QStringList &fields) {
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i > 0)
                out += u',';
            out += csvField(fields.at(i));
        }
        out += u"\r\n"_s;
    };
    line(header);
    for (const QStringList &row : rows)
        line(row);
    return out.toUtf8();
}

model::Result<void> writeCsvFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        return std::unexpected(model::Error {model::Error::Io,
            QCoreApplication::translate("ui::CsvTable", "Cannot write %1: %2")
                .arg(QDir::toNativeSeparators(path), file.errorString()),
            {}});
    }
    return {};
}

model::Result<void> writeTableFile(const QString &path, const QString &sheet,
    const QStringList &header, const QList<QStringList> &rows)
{
    if (path.endsWith(u".xlsx"_s, Qt::CaseInsensitive))
        return writeXlsxFile(path, sheet, header, rows);
    return writeCsvFile(path, csvTable(header, rows));
}

void askTableExport(QWidget *parent, const QString &title, const QString &baseName,
    std::function<model::Result<void>(const QString &path)> write,
    std::function<void(const QString &path)> written)
{
    const QString csvFilter = QCoreApplication::translate("ui::csv", "CSV files (*.csv)");
    const QString xlsxFilter = QCoreApplication::translate("ui::csv", "Excel workbooks (*.xlsx)");
    const QString start = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/'
        + baseName + u'-' + QDate::currentDate().toString(Qt::ISODate) + u".csv"_s;
    auto *dialog = new QFileDialog(parent, title, start, csvFilter + u";;"_s + xlsxFilter);
    dialog->setObjectName(u"tableExportDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"csv"_s);
    // The file type chosen picks the suffix a bare name gets, and so the format.
    QObject::connect(
        dialog, &QFileDialog::filterSelected, dialog, [dialog, xlsxFilter](const QString &filter) {
            dialog->setDefaultSuffix(filter == xlsxFilter ? u"xlsx"_s : u"csv"_s);
        });
    QObject::connect(dialog, &QFileDialog::fileSelected, parent,
        [parent, write = std::move(write), written = std::move(written)](const QString &path) {
            if (auto ok = write(path); !ok) {
                auto *box = new QMessageBox(QMessageBox::Warning,
                    QCoreApplication::translate("ui::csv", "Export failed"), ok.error().message,
                    QMessageBox::Close, parent);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
                return;
            }
            written(path);
        });
    dialog->open();
}

} // namespace ui
