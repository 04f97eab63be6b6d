#include "model/export/d365format.h"

using namespace Qt::StringLiterals;

namespace model {

namespace {

/// Collects the rows of one file; written only when it has any.
struct EntityFile {
    QString name;
    QString text;
    bool empty = true;
    EntityFile(const QString &stem, int order, const QString &entity, const QStringList &header)
        : name(stem + u"-d365-"_s + QString::number(order) + u'-' + entity + u".csv"_s)
        , text(csvRow(header))
    { }
    void add(const QStringList &row)
    {
        text += csvRow(row);
        empty = false;
    }
};

} // namespace

QString d365OrderNumber(const ExportRecord &record)
{
    const QString prefix = record.action == u"transfer"_s ? u"PWBT-"_s : u"PWBP-"_s;
    return prefix + record.idempotencyKey.mid(4, 15).toUpper();
}

std::vector<ExportFile> d365BatchFiles(
    const BatchHeader &batch, const std::vector<ExportRecord> &records)
{
    const QString stem = batchStem(batch.batchId);
    EntityFile transferHeaders(stem, 1, u"transfer-order-headers"_s,
        {u"TRANSFERORDERNUMBER"_s, u"SHIPPINGWAREHOUSEID"_s, u"RECEIVINGWAREHOUSEID"_s,
            u"REQUESTEDSHIPPINGDATE"_s, u"REQUESTEDRECEIPTDATE"_s});
    EntityFile transferLines(stem, 2, u"transfer-order-lines"_s,
        {u"TRANSFERORDERNUMBER"_s, u"LINENUMBER"_s, u"ITEMNUMBER"_s, u"TRANSFERQUANTITY"_s,
            u"REQUESTEDSHIPPINGDATE"_s, u"REQUESTEDRECEIPTDATE"_s});
    EntityFile purchaseHeaders(stem, 3, u"purchase-order-headers-v2"_s,
        {u"PURCHASEORDERNUMBER"_s, u"ORDERVENDORACCOUNTNUMBER"_s, u"DEFAULTRECEIVINGWAREHOUSEID"_s,
            u"REQUESTEDDELIVERYDATE"_s});
    EntityFile purchaseLines(stem, 4, u"purchase-order-lines-v2"_s,
        {u"PURCHASEORDERNUMBER"_s, u"LINENUMBER"_s, u"ITEMNUMBER"_s, u"ORDEREDPURCHASEQUANTITY"_s,
            u"RECEIVINGWAREHOUSEID"_s, u"REQUESTEDDELIVERYDATE"_s});
    // Only the columns an expedite changes: the import leaves the others as they are.
    EntityFile lineChanges(stem, 5, u"purchase-order-lines-v2-changes"_s,
        {u"PURCHASEORDERNUMBER"_s, u"LINENUMBER"_s, u"REQUESTEDDELIVERYDATE"_s});

    for (const ExportRecord &r : records) {
        const QString quantity = quantityText(r.quantity);
        if (r.action == u"transfer"_s) {
            const QString order = d365OrderNumber(r);
            transferHeaders.add({order, r.fromLocationId, r.toLocationId, r.shipDate, r.date});
            transferLines.add({order, u"1"_s, r.itemId, quantity, r.shipDate, r.date});
        } else if (r.action == u"purchase"_s) {
            const QString order = d365OrderNumber(r);
            purchaseHeaders.add({order, r.supplierId, r.toLocationId, r.date});
            purchaseLines.add({order, u"1"_s, r.itemId, quantity, r.toLocationId, r.date});
        } else if (r.action == u"expedite"_s) {
            lineChanges.add({r.poId, QString::number(r.poLine), r.date});
        }
    }

    std::vector<ExportFile> files;
    for (const EntityFile *file :
        {&transferHeaders, &transferLines, &purchaseHeaders, &purchaseLines, &lineChanges}) {
        if (!file->empty)
            files.push_back({file->name, file->text.toUtf8()});
    }
    return files;
}

} // namespace model
