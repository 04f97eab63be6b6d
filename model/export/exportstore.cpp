#include "model/export/exportstore.h"

#include "engine/core/date.h"
#include "model/audit/auditlog.h"
#include "model/decisions/decisionstore.h"
#include "model/planned/plannedactions.h"
#include "model/runs/scoreruns.h"
#include "model/store/statement.h"
#include "model/store/store.h"
#include "model/users/userstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace model {

namespace {

/// The columns of a record, in the order the CSV writes them.
const QStringList kColumns {u"idempotency_key"_s, u"batch_id"_s, u"action"_s, u"item_id"_s,
    u"from_location_id"_s, u"to_location_id"_s, u"supplier_id"_s, u"po_id"_s, u"po_line"_s,
    u"quantity"_s, u"date"_s, u"exception_id"_s, u"decision_id"_s, u"approved_by"_s,
    u"approved_at"_s, u"reason_code"_s, u"chain_hash"_s};

QString fileNameOf(qint64 batchId, const QString &format)
{
    return u"pwb-export-"_s + QString::number(batchId).rightJustified(6, u'0') + u'.' + format;
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

QString payloadOf(const QList<QJsonObject> &records, ExportFormat format, qint64 batchId,
    const QString &chainHash, const QString &createdAt, const QString &user)
{
    if (format == ExportFormat::Json) {
        QJsonArray list;
        for (const QJsonObject &r : records)
            list.append(r);
        const QJsonObject root {{u"format"_s, u"pwb-export/1"_s}, {u"batch_id"_s, batchId},
            {u"created_at"_s, createdAt}, {u"created_by"_s, user}, {u"chain_hash"_s, chainHash},
            {u"records"_s, list}};
        return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
    }
    QString out = kColumns.join(u',') + u'\n';
    for (const QJsonObject &r : records) {
        QStringList row;
        for (const QString &column : kColumns) {
            const QJsonValue v = r.value(column);
            row << csvField(v.isDouble() ? QString::number(v.toDouble(), 'g', 15) : v.toString());
        }
        out += row.join(u',') + u'\n';
    }
    return out;
}

/// Writes `bytes` as `folder/name`: to a temporary file first, synced to disk, then
/// renamed over the name, so a reader sees the whole file or none.
Result<QString> writeAtomically(const QString &folder, const QString &name, const QByteArray &bytes)
{
    if (!QDir().mkpath(folder)) {
        return std::unexpected(
            Error {Error::Io, u"Cannot create the export folder "_s + folder + u'.', {}});
    }
    const QString path = QDir(folder).filePath(name);
    const QString temporary = path + u".part"_s;
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return std::unexpected(
            Error {Error::Io, u"Cannot write "_s + temporary + u": "_s + file.errorString(), {}});
    }
    const bool written
        = file.write(bytes) == bytes.size() && file.flush() && ::fsync(file.handle()) == 0;
    file.close();
    if (!written
        || std::rename(
               QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData())
            != 0) {
        QFile::remove(temporary);
        return std::unexpected(
            Error {Error::Io, u"Cannot write the export file "_s + path + u'.', {}});
    }
    return path;
}

QString keyOf(const Decision &d)
{
    const QByteArray basis = (u"decision:"_s + QString::number(d.id) + u'|' + d.actionKey + u'|'
        + QString::number(d.overrideQty, 'g', 15))
                                 .toUtf8();
    return u"pwb-"_s
        + QString::fromLatin1(
            QCryptographicHash::hash(basis, QCryptographicHash::Sha256).toHex().left(32));
}

/// The record of decision `d` on approved action `a`.
QJsonObject recordOf(const Decision &d, const engine::PlannedAction &a)
{
    using Kind = engine::PlannedAction::Kind;
    return QJsonObject {{u"idempotency_key"_s, keyOf(d)}, {u"action"_s, d.action},
        {u"item_id"_s, QString::fromStdString(a.itemId)},
        {u"from_location_id"_s, QString::fromStdString(a.fromLocationId)},
        {u"to_location_id"_s, QString::fromStdString(a.toLocationId)},
        {u"supplier_id"_s, QString::fromStdString(a.supplierId)},
        {u"po_id"_s, QString::fromStdString(a.poId)},
        {u"po_line"_s, a.kind == Kind::Expedite ? QString::number(a.poLine) : QString()},
        {u"quantity"_s, a.qty}, {u"date"_s, QString::fromStdString(engine::formatDate(a.date))},
        {u"exception_id"_s, d.exceptionId}, {u"decision_id"_s, d.id}, {u"approved_by"_s, d.user},
        {u"approved_at"_s, d.decidedAt}, {u"reason_code"_s, d.reasonCode}};
}

} // namespace

bool parseExportFormat(const QString &name, ExportFormat &out)
{
    if (name == u"json"_s)
        out = ExportFormat::Json;
    else if (name == u"csv"_s)
        out = ExportFormat::Csv;
    else
        return false;
    return true;
}

Result<ExportBatch> ExportStore::exportApproved(
    const QString &folder, ExportFormat format, const User &user)
{
    auto confirmed = m_users.confirm(user);
    if (!confirmed)
        return std::unexpected(confirmed.error());
    auto current = m_runs.currentRun();
    if (!current)
        return std::unexpected(current.error());
    const qint64 runId = current->second.runId;

    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto standing = DecisionStore::standingOf(m_store, m_runs, runId);
    if (!standing)
        return std::unexpected(standing.error());
    QSet<qint64> exported;
    {
        auto st = Statement::prepare(
            m_store.handle(), "SELECT id FROM decisions WHERE exported_batch IS NOT NULL");
        if (!st)
            return std::unexpected(st.error());
        while (st->next())
            exported.insert(st->columnInt(0));
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
    }

    auto planned = PlannedActions::byDecision(m_store);
    if (!planned)
        return std::unexpected(planned.error());

    // Each record as the ERP needs it: what moves, how many, where, by when.
    QList<QJsonObject> records;
    std::vector<qint64> decisionIds;
    for (const Decision &d : *standing) {
        if (d.kind == Decision::Rejected || d.awaitingCheck() || exported.contains(d.id))
            continue;
        if (d.action != u"transfer"_s && d.action != u"expedite"_s && d.action != u"purchase"_s)
            continue;
        if (auto p = planned->constFind(d.id); p != planned->constEnd()) {
            // The approved action as it was planned; one the ERP shows already (keyed in
            // by hand, say) is not sent again.
            if (p->closed)
                continue;
            records.append(recordOf(d, p->action));
            decisionIds.push_back(d.id);
            continue;
        }
        auto explanation = m_runs.explainException(d.exceptionId);
        if (!explanation)
            return std::unexpected(explanation.error());
        const auto &recs = explanation->exception->recommendations;
        if (d.recommendationIndex < 0 || std::size_t(d.recommendationIndex) >= recs.size())
            continue;
        const engine::Recommendation &r = recs[std::size_t(d.recommendationIndex)];
        const engine::Snapshot &rows = *explanation->rows;
        const engine::ExceptionRecord &x = *explanation->exception;
        const QString here = QString::fromStdString(rows.locations.ids.at(x.location));
        const bool transfer = r.action == engine::Action::Transfer;
        const bool expedite = r.action == engine::Action::Expedite;
        QJsonObject record {{u"idempotency_key"_s, keyOf(d)}, {u"action"_s, d.action},
            {u"item_id"_s, QString::fromStdString(rows.items.ids.at(x.item))},
            {u"from_location_id"_s,
                transfer || !r.fromLocationId.empty() ? QString::fromStdString(r.fromLocationId)
                                                      : QString()},
            {u"to_location_id"_s, here}, {u"supplier_id"_s, QString::fromStdString(r.supplierId)},
            {u"po_id"_s, QString::fromStdString(r.poId)},
            {u"po_line"_s, expedite ? QString::number(r.poLine) : QString()},
            {u"quantity"_s, d.kind == Decision::Overridden ? d.overrideQty : r.qty},
            {u"date"_s,
                QString::fromStdString(
                    engine::formatDate(expedite ? r.newExpectedDate : r.arrivalDate))},
            {u"exception_id"_s, d.exceptionId}, {u"decision_id"_s, d.id},
            {u"approved_by"_s, d.user}, {u"approved_at"_s, d.decidedAt},
            {u"reason_code"_s, d.reasonCode}};
        records.append(record);
        decisionIds.push_back(d.id);
    }
    if (records.isEmpty())
        return ExportBatch {};

    const QString createdAt = nowUtc();
    const QString formatName = format == ExportFormat::Json ? u"json"_s : u"csv"_s;
    auto insert = Statement::prepare(m_store.handle(),
        "INSERT INTO export_batches (created_at, format, user, record_count, chain_hash, "
        "file_name, payload) VALUES (?,?,?,?,'','','')");
    if (!insert)
        return std::unexpected(insert.error());
    insert->bindText(1, createdAt);
    insert->bindText(2, formatName);
    insert->bindText(3, confirmed->name);
    insert->bindInt(4, records.size());
    if (auto ok = insert->run(); !ok)
        return std::unexpected(ok.error());
    const qint64 batchId = sqlite3_last_insert_rowid(m_store.handle());
    const QString fileName = fileNameOf(batchId, formatName);

    AuditEvent event;
    event.user = confirmed->name;
    event.role = QString::fromLatin1(engine::roleName(confirmed->role));
    event.event = u"export.batch"_s;
    event.snapshotId = current->first.snapshotId;
    event.scoringVersion = current->second.scoringVersion;
    event.policyHash = current->second.policyHash;
    event.at = createdAt;
    event.outcome = u"recorded"_s;
    event.detail = u"batch "_s + QString::number(batchId) + u", "_s
        + countOf(std::size_t(records.size()), u"record"_s, u"records"_s) + u", "_s + fileName;
    auto appended = AuditLog::append(m_store, std::move(event));
    if (!appended)
        return std::unexpected(appended.error());

    for (QJsonObject &r : records) {
        r.insert(u"batch_id"_s, batchId);
        r.insert(u"chain_hash"_s, appended->hash);
    }
    const QString payload
        = payloadOf(records, format, batchId, appended->hash, createdAt, confirmed->name);
    auto update = Statement::prepare(m_store.handle(),
        "UPDATE export_batches SET chain_hash = ?2, file_name = ?3, payload = ?4 "
        "WHERE batch_id = ?1");
    if (!update)
        return std::unexpected(update.error());
    update->bindInt(1, batchId);
    update->bindText(2, appended->hash);
    update->bindText(3, fileName);
    update->bindText(4, payload);
    if (auto ok = update->run(); !ok)
        return std::unexpected(ok.error());
    auto mark = Statement::prepare(
        m_store.handle(), "UPDATE decisions SET exported_batch = ?1 WHERE id = ?2");
    if (!mark)
        return std::unexpected(mark.error());
    for (qint64 id : decisionIds) {
        mark->bindInt(1, batchId);
        mark->bindInt(2, id);
        if (auto ok = mark->run(); !ok)
            return std::unexpected(ok.error());
    }
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());

    // Recorded: the file follows from the stored batch (resend writes it again).
    auto path = writeAtomically(folder, fileName, payload.toUtf8());
    if (!path)
        return std::unexpected(path.error());
    return ExportBatch {batchId, qint64(records.size()), *path, appended->hash};
}

Result<ExportBatch> ExportStore::resend(qint64 batchId, const QString &folder)
{
    auto st = Statement::prepare(m_store.handle(),
        "SELECT record_count, chain_hash, file_name, payload FROM export_batches "
        "WHERE batch_id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, batchId);
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
        return std::unexpected(Error {
            Error::BadInput, u"There is no export batch "_s + QString::number(batchId) + u'.', {}});
    }
    ExportBatch batch {batchId, st->columnInt(0), {}, st->columnString(1)};
    const QString fileName = st->columnString(2);
    const QByteArray payload = st->columnString(3).toUtf8();
    auto path = writeAtomically(folder, fileName, payload);
    if (!path)
        return std::unexpected(path.error());
    batch.filePath = *path;
    return batch;
}

} // namespace model
