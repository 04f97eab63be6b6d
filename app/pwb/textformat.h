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

/// A left- or right-aligned column of a text table.
struct TableColumn {
    QString title;
    bool rightAligned = false;
};

/// Renders rows under a header, each column as wide as its widest cell, two spaces
/// apart, no trailing blanks. Every row must have one cell per column.
QString renderTable(
    const QList<TableColumn> &columns, const QList<QStringList> &rows, const QString &indent = {});

/// Word-wraps `text` to lines of at most `width` characters (a longer word stands
/// alone), each starting with `indent` and ending with a newline.
QString wrapText(const QString &text, qsizetype width, const QString &indent);

/// A CSV field (RFC 4180): quoted, with doubled quotes, only when it must be.
QString csvField(const QString &value);
/// A JSON string literal, quotes included.
QString jsonString(const QString &value);

} // namespace pwb
