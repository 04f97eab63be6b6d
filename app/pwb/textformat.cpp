#include "textformat.h"

#include "engine/core/textsafety.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

/// "1234567" -> "1,234,567" (digits only, no sign).
QString groupThousands(const QString &digits)
{
    QString out;
    out.reserve(digits.size() + digits.size() / 3);
    const qsizetype lead = digits.size() % 3;
    for (qsizetype i = 0; i < digits.size(); ++i) {
        if (i > 0 && (i - lead) % 3 == 0)
            out += u',';
        out += digits.at(i);
    }
    return out;
}

QString trimZeros(QString text)
{
    if (!text.contains(u'.'))
        return text;
    while (text.endsWith(u'0'))
        text.chop(1);
    if (text.endsWith(u'.'))
        text.chop(1);
    return text;
}

} // namespace

QString formatMoney(double value)
{
    if (!std::isfinite(value))
        return u"-"_s;
    // Round once to whole cents so "-0.004" does not print as "-0.00".
    const auto cents = static_cast<long long>(std::llround(value * 100.0));
    const unsigned long long magnitude = cents < 0 ? 0ull - static_cast<unsigned long long>(cents)
                                                   : static_cast<unsigned long long>(cents);
    const QString whole = groupThousands(QString::number(magnitude / 100));
    const QString fraction = QString::number(magnitude % 100).rightJustified(2, u'0');
    return (cents < 0 ? u"-"_s : QString()) + whole + u'.' + fraction;
}

QString formatQuantity(double value)
{
    if (!std::isfinite(value))
        return u"-"_s;
    const QString text = formatNumber(value, 2);
    const bool negative = text.startsWith(u'-');
    const QString body = negative ? text.mid(1) : text;
    const qsizetype dot = body.indexOf(u'.');
    const QString whole = dot < 0 ? body : body.left(dot);
    const QString rest = dot < 0 ? QString() : body.mid(dot);
    return (negative ? u"-"_s : QString()) + groupThousands(whole) + rest;
}

QString formatNumber(double value, int decimals)
{
    if (std::isnan(value))
        return u"-"_s;
    if (std::isinf(value))
        return value > 0 ? u"+inf"_s : u"-inf"_s;
    QString text = trimZeros(QString::number(value, 'f', decimals));
    if (text == u"-0"_s)
        text = u"0"_s;
    return text;
}

QString formatPercent(double share)
{
    if (!std::isfinite(share))
        return u"-"_s;
    return QString::number(share * 100.0, 'f', 1) + u'%';
}

namespace {

bool isDisplayControl(QChar c)
{
    // Every display control is in the Basic Multilingual Plane, so one UTF-16 unit
    // at a time finds them all; a surrogate is never one.
    return engine::isDisplayControl(char32_t(c.unicode()));
}

} // namespace

QString terminalText(const QString &text)
{
    if (std::ranges::none_of(text, isDisplayControl))
        return text;
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (isDisplayControl(c))
            out += QString::fromStdString(engine::displayEscape(char32_t(c.unicode())));
        else
            out += c;
    }
    return out;
}

QString renderTable(
    const QList<TableColumn> &columns, const QList<QStringList> &shownRows, const QString &indent)
{
    // Escaped before measuring, so the columns line up with what the terminal shows.
    QList<QStringList> rows;
    rows.reserve(shownRows.size());
    for (const QStringList &row : shownRows) {
        QStringList &cells = rows.emplace_back();
        cells.reserve(row.size());
        for (const QString &cell : row)
            cells.append(terminalText(cell));
    }
    QList<qsizetype> widths;
    for (const TableColumn &column : columns)
        widths.append(terminalText(column.title).size());
    for (const QStringList &row : rows) {
        for (qsizetype c = 0; c < columns.size() && c < row.size(); ++c)
            widths[c] = std::max(widths[c], row.at(c).size());
    }
    auto line = [&](const QStringList &cells) -> QString {
        QString text = indent;
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const QString cell = c < cells.size() ? cells.at(c) : QString();
            if (c > 0)
                text += u"  "_s;
            text += columns.at(c).rightAligned ? cell.rightJustified(widths.at(c))
                                               : cell.leftJustified(widths.at(c));
        }
        while (text.endsWith(u' '))
            text.chop(1);
        return text + u'\n';
    };
    QStringList titles;
    for (const TableColumn &column : columns)
        titles.append(terminalText(column.title));
    QString out = line(titles);
    for (const QStringList &row : rows)
        out += line(row);
    return out;
}

QString wrapText(const QString &text, qsizetype width, const QString &indent)
{
    QString out, line;
    const QStringList words = terminalText(text).split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words) {
        if (!line.isEmpty() && indent.size() + line.size() + 1 + word.size() > width) {
            out += indent + line + u'\n';
            line.clear();
        }
        line += (line.isEmpty() ? QString() : u" "_s) + word;
    }
    if (!line.isEmpty())
        out += indent + line + u'\n';
    return out;
}

QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n')
        && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString jsonString(const QString &value)
{
    QString out;
    out.reserve(value.size() + 2);
    out += u'"';
    for (const QChar c : value) {
        switch (c.unicode()) {
        case u'"':
            out += u"\\\""_s;
            break;
        case u'\\':
            out += u"\\\\"_s;
            break;
        case u'\n':
            out += u"\\n"_s;
            break;
        case u'\r':
            out += u"\\r"_s;
            break;
        case u'\t':
            out += u"\\t"_s;
            break;
        default:
            if (isDisplayControl(c))
                out += u"\\u"_s + QString::number(c.unicode(), 16).rightJustified(4, u'0');
            else
                out += c;
        }
    }
    out += u'"';
    return out;
}

QString escapedJson(const QString &json)
{
    if (std::ranges::none_of(json, isDisplayControl))
        return json;
    QString out;
    out.reserve(json.size() + 8);
    for (const QChar c : json) {
        if (isDisplayControl(c) && c.unicode() >= 0x20)
            out += u"\\u"_s + QString::number(c.unicode(), 16).rightJustified(4, u'0');
        else
            out += c;
    }
    return out;
}

} // namespace pwb
