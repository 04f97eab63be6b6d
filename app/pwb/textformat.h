#pragma once
// Locale-independent number and table formatting for the `pwb` command line: the same
// bytes on every machine, so scripts and tests can rely on them.

#include <QList>
#include <QString>
#include <QStringList>

namespace pwb {

/// 1234567.891 -> "1,234,567.89"; always two decimals, thousands separated by commas.
QString formatMoney(double value);
/// A quantity: whole numbers without decimals ("1,250"), others with up to two ("12.5").
QString formatQuantity(double value);
/// A plain number with up to `decimals` decimals, trailing zeros dropped ("0.18", "3").
QString formatNumber(double value, int decimals = 2);
/// A share 0..1 as a percentage with one decimal ("43.0%").
QString formatPercent(double share);

/// `text` with every control character (C0, DEL, C1), line or paragraph separator and
/// bidi override shown as an escape (`\x1b`, `\r`, `\u202e`; engine/core/textsafety.h),
/// so that snapshot text written to a terminal cannot retitle the window, overwrite a
/// line or turn it around. Backslashes stay as they are: applying it twice is harmless.
/// Every piece of snapshot text in text and table output goes through it.
QString terminalText(const QString &text);

/// A left- or right-aligned column of a text table.
struct TableColumn {
    QString title;
    bool rightAligned = false;
};

/// Renders rows under a header, each column as wide as its widest cell, two spaces
/// apart, no trailing blanks. Every row must have one cell per column. Titles and
/// cells are shown through terminalText().
QString renderTable(
    const QList<TableColumn> &columns, const QList<QStringList> &rows, const QString &indent = {});

/// Word-wraps `text`, shown through terminalText(), to lines of at most `width`
/// characters (a longer word stands alone), each starting with `indent` and ending
/// with a newline.
QString wrapText(const QString &text, qsizetype width, const QString &indent);

/// A CSV field (RFC 4180): quoted, with doubled quotes, only when it must be. The
/// value is kept byte for byte, line breaks and control characters included (inside
/// quotes): CSV has no escapes, and a reader must get back what the snapshot held.
QString csvField(const QString &value);
/// A JSON string literal, quotes included. Besides what JSON requires (quote,
/// backslash, U+0000–U+001F), DEL, C1 controls, U+2028/U+2029 and bidi overrides are
/// written as \u escapes: the same string to a JSON reader, inert in a terminal.
QString jsonString(const QString &value);
/// JSON text from another writer (QJsonDocument escapes only U+0000–U+001F) with the
/// other characters jsonString() escapes written as \u escapes too. They can only
/// occur inside strings, so the document means the same to any JSON reader.
QString escapedJson(const QString &json);

} // namespace pwb
