#pragma once
// What an export batch is made of, before any file format: one record per approved
// action, the batch it belongs to, and the files a format turns them into. The
// format writers (recordformat.h, odooformat.h, d365format.h, x12format.h) are pure
// functions of these values, so a batch written again is the same bytes.

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <vector>

namespace model {

/// One approved transfer, expedite or purchase, as the ERP needs it.
struct ExportRecord {
    QString idempotencyKey; ///< idempotencyKey(): the same for every copy of the record
    QString action; ///< "transfer", "expedite" or "purchase"
    QString itemId;
    QString itemDescription; ///< from the snapshot; may be empty
    /// Transfer: the shipping location; a purchase forwarded from a transfer source:
    /// that source; else empty.
    QString fromLocationId;
    QString toLocationId; ///< where the units are for
    QString supplierId; ///< expedite and purchase
    QString poId; ///< expedite: the PO line pulled in
    int poLine = 0;
    double quantity = 0; ///< the recommendation's, or the override's
    /// Transfer and purchase: the expected arrival; expedite: the new date asked for.
    QString date;
    /// Transfer: the day it ships (the snapshot's as-of date: transfers leave today).
    QString shipDate;
    /// Expedite: the PO line as the snapshot has it: its open quantity, its expected
    /// date and the PO's order date (empty when the snapshot gives none).
    double poOpenQuantity = 0;
    QString poExpectedDate;
    QString poOrderDate;
    QString exceptionId;
    qint64 decisionId = 0;
    QString approvedBy;
    QString approvedAt;
    QString reasonCode;
};

/// The batch the records go out in.
struct BatchHeader {
    qint64 batchId = 0;
    QString createdAt; ///< ISO 8601 UTC, "2026-12-01T08:30:00Z"
    QString createdBy;
    QString chainHash; ///< the audit trail's latest hash (the batch's own event)
};

/// One file of a batch: its name in the export folder and its exact bytes.
struct ExportFile {
    QString name;
    QByteArray content;
};

/// `pwb-` and 32 hex digits of SHA-256 over the decision's id, its action's identity
/// and the overridden quantity (0 for a plain approval).
QString idempotencyKey(qint64 decisionId, const QString &actionKey, double overrideQty);

/// "pwb-export-000042": the stem every file of batch `batchId` starts with.
QString batchStem(qint64 batchId);

/// One CSV field, quoted (RFC 4180) only when it must be.
QString csvField(const QString &value);
/// One CSV row with its line feed.
QString csvRow(const QStringList &fields);
/// A quantity as ERPs read it: no exponent, no trailing zeros, '.' as the decimal point.
QString quantityText(double value);

} // namespace model
