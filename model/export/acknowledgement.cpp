#include "model/export/acknowledgement.h"

#include <QRegularExpression>
#include <QStringDecoder>
#include <QStringList>

#include <algorithm>
#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace model {

namespace {

constexpr qsizetype kMaxReference = 200;
constexpr qsizetype kMaxMessage = 2000;

/// One CSV row and the line it starts on.
struct Row {
    qint64 line = 0;
    QStringList fields;
};

Error badLine(const QString &fileName, qint64 line, const QString &what)
{
    const QString where = fileName + u':' + QString::number(line) + u": "_s;
    return Error {Error::BadInput,
        where + what + u" Nothing was acknowledged; correct the file and run again."_s,
        {where + what}};
}

/// Splits `text` into RFC 4180 rows (quoted fields may hold commas, quotes and line
/// breaks); blank lines are skipped.
Result<std::vector<Row>> splitRows(const QString &fileName, const QString &text)
{
    std::vector<Row> rows;
    Row row;
    QString field;
    bool quoted = false, afterQuote = false, rowStarted = false;
    qint64 line = 1;
    auto endField = [&] {
        row.fields << field;
        field.clear();
        afterQuote = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (!rowStarted) {
            if (c == u'\n') {
                ++line;
                continue;
            }
            if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n')
                continue;
            row = Row {line, {}};
            rowStarted = true;
        }
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text[i + 1] == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u',') {
            endField();
        } else if (c == u'\n' || (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n')) {
            if (c == u'\r')
                ++i;
            endField();
            rows.push_back(std::exchange(row, Row {}));
            rowStarted = false;
            ++line;
        } else if (afterQuote) {
            return std::unexpected(badLine(fileName, line, u"text after a closing quote."_s));
        } else if (c == u'"') {
            if (!field.isEmpty())
                return std::unexpected(
                    badLine(fileName, line, u"a quote inside an unquoted field."_s));
            quoted = true;
        } else {
            field += c;
        }
    }
    if (quoted)
        return std::unexpected(badLine(fileName, row.line, u"a quoted field is not closed."_s));
    if (rowStarted) {
        endField();
        rows.push_back(std::exchange(row, Row {}));
    }
    return rows;
}

/// Whether `text` holds a control character (line breaks and tabs allowed when
/// `breaks`).
bool hasControl(const QString &text, bool breaks)
{
    return std::any_of(text.begin(), text.end(), [breaks](QChar c) {
        if (breaks && (c == u'\n' || c == u'\t' || c == u'\r'))
            return false;
        return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format;
    });
}

} // namespace

Result<std::vector<AckLine>> parseAcknowledgements(const QString &fileName, const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::unexpected(Error {Error::BadInput,
            fileName + u": the file is not UTF-8 text. Nothing was acknowledged."_s, {}});
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    auto rows = splitRows(fileName, text);
    if (!rows)
        return std::unexpected(rows.error());
    if (rows->empty())
        return std::unexpected(badLine(fileName, 1,
            u"the header row is missing (idempotency_key,status,erp_reference,message)."_s));

    // The header names the columns, in any order; columns beyond these are ignored.
    static const std::array<QString, 4> kNames {
        u"idempotency_key"_s, u"status"_s, u"erp_reference"_s, u"message"_s};
    const Row &header = rows->front();
    std::array<qsizetype, 4> at {};
    for (std::size_t n = 0; n < kNames.size(); ++n) {
        at[n] = header.fields.indexOf(kNames[n]);
        if (at[n] < 0 || header.fields.count(kNames[n]) != 1)
            return std::unexpected(badLine(fileName, header.line,
                u"the header must name the column '"_s + kNames[n] + u"' once."_s));
    }

    static const QRegularExpression keyPattern(u"^pwb-[0-9a-f]{32}$"_s);
    std::vector<AckLine> lines;
    for (std::size_t r = 1; r < rows->size(); ++r) {
        const Row &row = (*rows)[r];
        if (row.fields.size() != header.fields.size())
            return std::unexpected(badLine(fileName, row.line,
                QString::number(row.fields.size()) + u" fields where the header has "_s
                    + QString::number(header.fields.size()) + u'.'));
        AckLine ack;
        ack.line = row.line;
        ack.key = row.fields[at[0]];
        const QString status = row.fields[at[1]];
        ack.reference = row.fields[at[2]];
        ack.message = row.fields[at[3]];
        if (!keyPattern.match(ack.key).hasMatch())
            return std::unexpected(badLine(fileName, row.line,
                u"field 'idempotency_key': '"_s + ack.key.left(80)
                    + u"' is not a key of an export (pwb- and 32 hex digits)."_s));
        if (status == u"accepted"_s)
            ack.accepted = true;
        else if (status != u"failed"_s && status != u"rejected"_s)
            return std::unexpected(badLine(fileName, row.line,
                u"field 'status': '"_s + status.left(80)
                    + u"' is not accepted, failed or rejected."_s));
        if (ack.reference.size() > kMaxReference || hasControl(ack.reference, false))
            return std::unexpected(badLine(fileName, row.line,
                u"field 'erp_reference': at most "_s + QString::number(kMaxReference)
                    + u" characters, and no control characters."_s));
        if (ack.message.size() > kMaxMessage || hasControl(ack.message, true))
            return std::unexpected(badLine(fileName, row.line,
                u"field 'message': at most "_s + QString::number(kMaxMessage)
                    + u" characters, and no control characters but line breaks and tabs."_s));
        lines.push_back(std::move(ack));
    }
    return lines;
}

} // namespace model
