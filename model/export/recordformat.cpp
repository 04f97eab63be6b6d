#include "model/export/recordformat.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace model {

namespace {

/// The columns of a record, in the order the CSV writes them.
const QStringList kColumns {u"idempotency_key"_s, u"batch_id"_s, u"action"_s, u"item_id"_s,
    u"from_location_id"_s, u"to_location_id"_s, u"supplier_id"_s, u"po_id"_s, u"po_line"_s,
    u"quantity"_s, u"date"_s, u"exception_id"_s, u"decision_id"_s, u"approved_by"_s,
    u"approved_at"_s, u"reason_code"_s, u"chain_hash"_s};

QJsonObject objectOf(const ExportRecord &r, const BatchHeader &batch)
{
    return QJsonObject {{u"idempotency_key"_s, r.idempotencyKey}, {u"batch_id"_s, batch.batchId},
        {u"action"_s, r.action}, {u"item_id"_s, r.itemId},
        {u"from_location_id"_s, r.fromLocationId}, {u"to_location_id"_s, r.toLocationId},
        {u"supplier_id"_s, r.supplierId}, {u"po_id"_s, r.poId},
        {u"po_line"_s, r.action == u"expedite"_s ? QString::number(r.poLine) : QString()},
        {u"quantity"_s, r.quantity}, {u"date"_s, r.date}, {u"exception_id"_s, r.exceptionId},
        {u"decision_id"_s, r.decisionId}, {u"approved_by"_s, r.approvedBy},
        {u"approved_at"_s, r.approvedAt}, {u"reason_code"_s, r.reasonCode},
        {u"chain_hash"_s, batch.chainHash}};
}

} // namespace

QString idempotencyKey(qint64 decisionId, const QString &actionKey, double overrideQty)
{
    const QByteArray basis = (u"decision:"_s + QString::number(decisionId) + u'|' + actionKey + u'|'
        + QString::number(overrideQty, 'g', 15))
                                 .toUtf8();
    return u"pwb-"_s
        + QString::fromLatin1(
            QCryptographicHash::hash(basis, QCryptographicHash::Sha256).toHex().left(32));
}

QString batchStem(qint64 batchId)
{
    return u"pwb-export-"_s + QString::number(batchId).rightJustified(6, u'0');
}

QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n')
        && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString csvRow(const QStringList &fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &field : fields)
        quoted << csvField(field);
    return quoted.join(u',') + u'\n';
}

QString quantityText(double value)
{
    QString text = QString::number(value, 'f', 6);
    while (text.endsWith(u'0'))
        text.chop(1);
    if (text.endsWith(u'.'))
        text.chop(1);
    return text == u"-0"_s ? u"0"_s : text;
}

ExportFile jsonBatchFile(const BatchHeader &batch, const std::vector<ExportRecord> &records)
{
    QJsonArray list;
    for (const ExportRecord &r : records)
        list.append(objectOf(r, batch));
    const QJsonObject root {{u"format"_s, u"pwb-export/1"_s}, {u"batch_id"_s, batch.batchId},
        {u"created_at"_s, batch.createdAt}, {u"created_by"_s, batch.createdBy},
        {u"chain_hash"_s, batch.chainHash}, {u"records"_s, list}};
    return {batchStem(batch.batchId) + u".json"_s, QJsonDocument(root).toJson()};
}

ExportFile csvBatchFile(const BatchHeader &batch, const std::vector<ExportRecord> &records)
{
    QString out = kColumns.join(u',') + u'\n';
    for (const ExportRecord &r : records) {
        const QJsonObject object = objectOf(r, batch);
        QStringList row;
        for (const QString &column : kColumns) {
            const QJsonValue v = object.value(column);
            row << (v.isDouble() ? QString::number(v.toDouble(), 'g', 15) : v.toString());
        }
        out += csvRow(row);
    }
    return {batchStem(batch.batchId) + u".csv"_s, out.toUtf8()};
}

} // namespace model
