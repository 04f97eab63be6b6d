#include "ui/common/csvtable.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

bool looksLikeFormula(const QString &value)
{
    if (value.isEmpty())
        return false;
    const QChar first = value.front();
    if (first == u'=' || first == u'+' || first == u'@' || first == u'\t' || first == u'\r')
        return true;
    return first == u'-' && (value.size() == 1 || !value.at(1).isDigit());
}

} // namespace

QString csvField(const QString &value)
{
    QString field = looksLikeFormula(value) ? u'\'' + value : value;
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

void askCsvExport(QWidget *parent, const QString &title, const QString &baseName,
    std::function<model::Result<void>(const QString &path)> write,
    std::function<void(const QString &path)> written)
{
    const QString start = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/'
        + baseName + u'-' + QDate::currentDate().toString(Qt::ISODate) + u".csv"_s;
    auto *dialog = new QFileDialog(parent, title, start,
        QCoreApplication::translate("ui::csv", "CSV files (*.csv);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"csv"_s);
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
