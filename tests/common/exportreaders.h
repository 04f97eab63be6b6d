#pragma once
// Readers of the export formats for the tests, written from the formats' own rules
// (RFC 4180 for CSV; the X12 envelope: a fixed-width ISA whose 4th byte is the element
// separator, 105th the sub-element separator and 106th the segment terminator; SE01
// counting ST through SE; GE01 counting transaction sets; IEA01 counting groups), not
// from the workbench's writers, so a writer's mistake shows as a failed check.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace exporttest {

/// A CSV file: its header and rows. `error` says what broke the format, if anything.
struct CsvTable {
    QStringList header;
    QList<QStringList> rows;
    QString error;

    QString at(qsizetype row, const QString &column) const
    {
        const qsizetype c = header.indexOf(column);
        return c < 0 || c >= rows[row].size() ? QStringLiteral("<no column %1>").arg(column)
                                              : rows[row][c];
    }
    QStringList column(const QString &name) const
    {
        QStringList values;
        for (qsizetype r = 0; r < rows.size(); ++r)
            values << at(r, name);
        return values;
    }
};

inline CsvTable readCsv(const QByteArray &bytes)
{
    CsvTable table;
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false, any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
            any = true;
        } else if (c == u',') {
            record << field;
            field.clear();
            any = true;
        } else if (c == u'\n') {
            record << field;
            records << record;
            record.clear();
            field.clear();
            any = false;
        } else if (c != u'\r') {
            field += c;
            any = true;
        }
    }
    if (quoted)
        table.error = QStringLiteral("unclosed quote");
    if (any || !field.isEmpty()) {
        record << field;
        records << record;
        table.error = QStringLiteral("the last row has no line feed");
    }
    if (records.isEmpty()) {
        table.error = QStringLiteral("no header");
        return table;
    }
    table.header = records.takeFirst();
    for (const QStringList &r : std::as_const(records)) {
        if (r.size() != table.header.size())
            table.error = QStringLiteral("a row of %1 fields under a header of %2")
                              .arg(r.size())
                              .arg(table.header.size());
    }
    table.rows = records;
    return table;
}

/// One POC loop of an 860.
struct X12Line {
    QStringList poc; ///< the POC segment's elements, POC itself first
    QStringList dates; ///< DTM*002 dates
    QList<QStringList> schedules; ///< SCH segments
};

/// One 860 transaction set.
struct X12Set {
    QString st02, se02;
    qsizetype se01 = -1, counted = 0; ///< SE01, and the segments from ST to SE counted
    QStringList bch;
    QList<X12Line> lines;
    qsizetype ctt01 = -1;
};

/// One interchange, with what its envelope says and what was counted.
struct X12File {
    QString problem; ///< empty when the structure is sound
    qsizetype isaLength = 0; ///< ISA including its terminator
    QStringList isa, gs;
    QString isa13, iea02, gs06, ge02;
    qsizetype iea01 = -1, ge01 = -1, groups = 0;
    QList<X12Set> sets;
};

inline X12File readX12(const QByteArray &bytes)
{
    X12File file;
    if (bytes.size() < 106 || !bytes.startsWith("ISA")) {
        file.problem = QStringLiteral("no ISA of 106 characters at the start");
        return file;
    }
    const QChar element = QLatin1Char(bytes[3]);
    const QChar terminator = QLatin1Char(bytes[105]);
    const QString text = QString::fromLatin1(bytes);
    QStringList segments = text.split(terminator);
    if (!segments.isEmpty() && segments.last().trimmed().isEmpty())
        segments.removeLast();
    else
        file.problem = QStringLiteral("the last segment is not terminated");
    file.isaLength = segments.value(0).size() + 1;
    X12Set *set = nullptr;
    for (const QString &segment : std::as_const(segments)) {
        const QStringList e = segment.split(element);
        const QString id = e.value(0);
        if (set)
            ++set->counted;
        if (id == u"ISA") {
            file.isa = e;
            file.isa13 = e.value(13);
        } else if (id == u"GS") {
            file.gs = e;
            file.gs06 = e.value(6);
            ++file.groups;
        } else if (id == u"ST") {
            file.sets.append(X12Set {});
            set = &file.sets.last();
            set->st02 = e.value(2);
            set->counted = 1;
        } else if (id == u"BCH" && set) {
            set->bch = e;
        } else if (id == u"POC" && set) {
            set->lines.append(X12Line {e, {}, {}});
        } else if (id == u"DTM" && set && !set->lines.isEmpty() && e.value(1) == u"002") {
            set->lines.last().dates << e.value(2);
        } else if (id == u"SCH" && set && !set->lines.isEmpty()) {
            set->lines.last().schedules << e;
        } else if (id == u"CTT" && set) {
            set->ctt01 = e.value(1).toLongLong();
        } else if (id == u"SE" && set) {
            set->se01 = e.value(1).toLongLong();
            set->se02 = e.value(2);
            set = nullptr;
        } else if (id == u"GE") {
            file.ge01 = e.value(1).toLongLong();
            file.ge02 = e.value(2);
        } else if (id == u"IEA") {
            file.iea01 = e.value(1).toLongLong();
            file.iea02 = e.value(2);
        } else if (!set) {
            file.problem = QStringLiteral("segment %1 outside a transaction set").arg(id);
        }
    }
    return file;
}

} // namespace exporttest
