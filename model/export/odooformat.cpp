#include "model/export/odooformat.h"

using namespace Qt::StringLiterals;

namespace model {

namespace {

/// What follows `pwb-` in an idempotency key: 32 hex digits.
QString keyDigits(const ExportRecord &r)
{
    return r.idempotencyKey.mid(4);
}

/// Odoo reads a datetime column as the importing user's local time; noon keeps the
/// day the same in every time zone.
QString odooDateTime(const QString &date)
{
    return date.isEmpty() ? QString() : date + u" 12:00:00"_s;
}

QString erpId(const QString &kind, const QString &value)
{
    return u"pwb_erp."_s + kind + u'_' + odooIdPart(value);
}

QString moveName(const ExportRecord &r)
{
    return r.itemDescription.isEmpty() ? r.itemId : u'[' + r.itemId + u"] "_s + r.itemDescription;
}

/// Collects the rows of one file; written only when it has any.
struct CsvFile {
    QString name;
    QString text;
    bool empty = true;
    CsvFile(const QString &stem, int order, const QString &model, const QStringList &header)
        : name(stem + u"-odoo-"_s + QString::number(order) + u'-' + model + u".csv"_s)
        , text(csvRow(header))
    { }
    void add(const QStringList &row)
    {
        text += csvRow(row);
        empty = false;
    }
};

} // namespace

QString odooIdPart(const QString &text)
{
    QString out;
    for (const char c : text.toUtf8()) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z')
            || (byte >= '0' && byte <= '9'))
            out += QLatin1Char(c);
        else
            out += u'_' + QString::number(byte, 16).rightJustified(2, u'0');
    }
    return out;
}

std::vector<ExportFile> odooBatchFiles(
    const BatchHeader &batch, const std::vector<ExportRecord> &records)
{
    const QString stem = batchStem(batch.batchId);
    // Import order: a move's picking and a line's order must exist before it.
    CsvFile pickings(stem, 1, u"stock.picking"_s,
        {u"id"_s, u"picking_type_id/id"_s, u"location_id"_s, u"location_dest_id"_s,
            u"scheduled_date"_s, u"origin"_s});
    CsvFile moves(stem, 2, u"stock.move"_s,
        {u"id"_s, u"picking_id/id"_s, u"name"_s, u"product_id"_s, u"product_uom_qty"_s,
            u"location_id"_s, u"location_dest_id"_s, u"date"_s});
    CsvFile lineDates(stem, 3, u"purchase.order.line"_s, {u"id"_s, u"date_planned"_s});
    CsvFile receipts(stem, 4, u"stock.picking"_s, {u"id"_s, u"scheduled_date"_s});
    CsvFile orders(stem, 5, u"purchase.order"_s,
        {u"id"_s, u"partner_id"_s, u"picking_type_id/id"_s, u"origin"_s});
    CsvFile orderLines(stem, 6, u"purchase.order.line"_s,
        {u"id"_s, u"order_id/id"_s, u"name"_s, u"product_id"_s, u"product_qty"_s,
            u"date_planned"_s});

    // A receipt is pulled in to the earliest date any of its expedited lines asks for.
    std::vector<std::pair<QString, QString>> receiptDates; // (PO, date), in first-seen order
    const QString origin = u"pwb batch "_s + QString::number(batch.batchId);
    for (const ExportRecord &r : records) {
        const QString digits = keyDigits(r);
        const QString quantity = quantityText(r.quantity);
        if (r.action == u"transfer"_s) {
            const QString picking = u"pwb_export.transfer_"_s + digits;
            pickings.add({picking, erpId(u"internal_type"_s, r.fromLocationId), r.fromLocationId,
                r.toLocationId, odooDateTime(r.shipDate), origin + u' ' + r.idempotencyKey});
            moves.add({u"pwb_export.transfer_move_"_s + digits, picking, moveName(r), r.itemId,
                quantity, r.fromLocationId, r.toLocationId, odooDateTime(r.shipDate)});
        } else if (r.action == u"expedite"_s) {
            lineDates.add({erpId(u"po_line"_s, r.poId + u'/' + QString::number(r.poLine)),
                odooDateTime(r.date)});
            auto it = std::find_if(receiptDates.begin(), receiptDates.end(),
                [&r](const auto &entry) { return entry.first == r.poId; });
            if (it == receiptDates.end())
                receiptDates.emplace_back(r.poId, r.date);
            else if (r.date < it->second)
                it->second = r.date;
        } else if (r.action == u"purchase"_s) {
            const QString order = u"pwb_export.purchase_"_s + digits;
            orders.add({order, r.supplierId, erpId(u"receipt_type"_s, r.toLocationId),
                origin + u' ' + r.idempotencyKey});
            orderLines.add({u"pwb_export.purchase_line_"_s + digits, order, moveName(r), r.itemId,
                quantity, odooDateTime(r.date)});
        }
    }
    for (const auto &[po, date] : receiptDates)
        receipts.add({erpId(u"receipt"_s, po), odooDateTime(date)});

    std::vector<ExportFile> files;
    for (const CsvFile *file : {&pickings, &moves, &lineDates, &receipts, &orders, &orderLines}) {
        if (!file->empty)
            files.push_back({file->name, file->text.toUtf8()});
    }
    return files;
}

} // namespace model
