#include "ui/common/csvtable.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

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

} // namespace ui
