#include "model/export/x12format.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace model {

namespace {

/// Whether `text` can stand in an element: printable ASCII without a separator.
bool fitsX12(const QString &text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        return c.unicode() >= 0x20 && c.unicode() < 0x7f && c != QLatin1Char(kX12Element)
            && c != QLatin1Char(kX12SubElement) && c != QLatin1Char(kX12Segment);
    });
}

Error unfit(const QString &what, const QString &value, int maxLength)
{
    return Error {Error::BadInput,
        what + u" '"_s + value + u"' cannot be written in X12: it must be 1 to "_s
            + QString::number(maxLength)
            + u" printable ASCII characters without '*', '>' or '~'. Nothing was exported."_s,
        {}};
}

/// "2026-12-04" -> "20261204".
QString ccyymmdd(const QString &isoDate)
{
    QString digits = isoDate.left(10);
    digits.remove(u'-');
    return digits;
}

/// Builds segments and counts them.
class Segments
{
public:
    void add(const QStringList &elements)
    {
        m_text += elements.join(QLatin1Char(kX12Element)) + QLatin1Char(kX12Segment);
        ++m_count;
    }
    int count() const { return m_count; }
    void resetCount() { m_count = 0; }
    const QString &text() const { return m_text; }

private:
    QString m_text;
    int m_count = 0;
};

} // namespace

std::vector<X12Interchange> planX12(const std::vector<ExportRecord> &records)
{
    std::vector<X12Interchange> out;
    for (const ExportRecord &r : records) {
        if (r.action != u"expedite"_s)
            continue;
        auto interchange = std::find_if(out.begin(), out.end(),
            [&r](const X12Interchange &i) { return i.supplierId == r.supplierId; });
        if (interchange == out.end()) {
            out.push_back({r.supplierId, 0, {}});
            interchange = std::prev(out.end());
        }
        auto set = std::find_if(interchange->sets.begin(), interchange->sets.end(),
            [&r](const X12ChangeSet &s) { return s.poId == r.poId; });
        if (set == interchange->sets.end()) {
            interchange->sets.push_back({r.poId, 0, 1, {}});
            set = std::prev(interchange->sets.end());
        }
        set->lines.push_back(&r);
    }
    for (X12Interchange &interchange : out) {
        for (X12ChangeSet &set : interchange.sets)
            std::stable_sort(set.lines.begin(), set.lines.end(),
                [](const ExportRecord *a, const ExportRecord *b) { return a->poLine < b->poLine; });
    }
    return out;
}

Result<std::vector<ExportFile>> x12BatchFiles(const BatchHeader &batch,
    const std::vector<X12Interchange> &interchanges, const QString &senderId)
{
    if (senderId.isEmpty() || senderId.size() > 15 || !fitsX12(senderId))
        return std::unexpected(unfit(u"The sender id"_s, senderId, 15));
    // ISA09/ISA10 and GS04/GS05: when the batch was made (UTC).
    const QString date = ccyymmdd(batch.createdAt);
    const QString time = batch.createdAt.mid(11, 5).remove(u':');

    std::vector<ExportFile> files;
    for (const X12Interchange &interchange : interchanges) {
        if (interchange.supplierId.isEmpty() || interchange.supplierId.size() > 15
            || !fitsX12(interchange.supplierId))
            return std::unexpected(unfit(u"The supplier id"_s, interchange.supplierId, 15));
        const QString isa13 = QString::number(interchange.controlNumber).rightJustified(9, u'0');
        const QString gs06 = QString::number(interchange.controlNumber);
        Segments out;
        out.add({u"ISA"_s, u"00"_s, QString(10, u' '), u"00"_s, QString(10, u' '), u"ZZ"_s,
            senderId.leftJustified(15), u"ZZ"_s, interchange.supplierId.leftJustified(15),
            date.mid(2), time, u"U"_s, u"00401"_s, isa13, u"0"_s, u"P"_s,
            QString(QLatin1Char(kX12SubElement))});
        out.add({u"GS"_s, u"PC"_s, senderId, interchange.supplierId, date, time, gs06, u"X"_s,
            u"004010"_s});
        for (const X12ChangeSet &set : interchange.sets) {
            if (set.poId.isEmpty() || set.poId.size() > 22 || !fitsX12(set.poId))
                return std::unexpected(unfit(u"The purchase order"_s, set.poId, 22));
            const QString st02 = QString::number(set.controlNumber).rightJustified(4, u'0');
            out.resetCount();
            out.add({u"ST"_s, u"860"_s, st02});
            const ExportRecord &first = *set.lines.front();
            // BCH06 is the date of the order being changed.
            out.add({u"BCH"_s, u"04"_s, u"SA"_s, set.poId, QString(),
                QString::number(set.changeSequence),
                ccyymmdd(first.poOrderDate.isEmpty() ? batch.createdAt : first.poOrderDate)});
            for (const ExportRecord *line : set.lines) {
                if (line->itemId.isEmpty() || line->itemId.size() > 48 || !fitsX12(line->itemId))
                    return std::unexpected(unfit(u"The item"_s, line->itemId, 48));
                const double open = std::max(line->poOpenQuantity, line->quantity);
                const QString openText = quantityText(open);
                // RS (reschedule): the line's date changes, not its quantity or price.
                out.add({u"POC"_s, QString::number(line->poLine), u"RS"_s, openText, openText,
                    u"EA"_s, QString(), QString(), u"BP"_s, line->itemId});
                if (line->quantity >= open) {
                    out.add({u"DTM"_s, u"002"_s, ccyymmdd(line->date)});
                } else {
                    // Part of the line is pulled in: its schedule splits in two.
                    out.add({u"SCH"_s, quantityText(line->quantity), u"EA"_s, QString(), QString(),
                        u"002"_s, ccyymmdd(line->date)});
                    out.add({u"SCH"_s, quantityText(open - line->quantity), u"EA"_s, QString(),
                        QString(), u"002"_s,
                        ccyymmdd(
                            line->poExpectedDate.isEmpty() ? line->date : line->poExpectedDate)});
                }
            }
            out.add({u"CTT"_s, QString::number(set.lines.size())});
            out.add({u"SE"_s, QString::number(out.count() + 1), st02});
        }
        out.add({u"GE"_s, QString::number(interchange.sets.size()), gs06});
        out.add({u"IEA"_s, u"1"_s, isa13});
        files.push_back(
            {batchStem(batch.batchId) + u"-x12-"_s + isa13 + u".x12"_s, out.text().toLatin1()});
    }
    return files;
}

} // namespace model
