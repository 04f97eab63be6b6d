#include "model/export/exportstore.h"

#include "engine/core/date.h"
#include "model/audit/auditlog.h"
#include "model/decisions/decisionstore.h"
#include "model/export/d365format.h"
#include "model/export/exportrecord.h"
#include "model/export/odooformat.h"
#include "model/export/recordformat.h"
#include "model/export/x12format.h"
#include "model/planned/plannedactions.h"
#include "model/runs/scoreruns.h"
#include "model/store/statement.h"
#include "model/store/store.h"
#include "model/users/userstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace model {

namespace {

/// The standing approvals a batch of one format takes, as records.
struct Gathered {
    std::vector<ExportRecord> records;
    qint64 leftForOtherFormats = 0;
};

Error ioError(const QString &message)
{
    return Error {Error::Io, message, {}};
}

/// Writes every file into `folder`: each to a temporary file first, synced to disk;
/// then each renamed over its name and the folder synced, so a reader of the folder
/// sees each file whole or not at all, and the window in which some files of the
/// batch are there and others not yet is a few renames long.
Result<QStringList> writeAtomically(const QString &folder, const std::vector<ExportFile> &files)
{
    if (!QDir().mkpath(folder))
        return std::unexpected(ioError(u"Cannot create the export folder "_s + folder + u'.'));
    QStringList paths, temporaries;
    auto removeTemporaries = [&temporaries] {
        for (const QString &t : std::as_const(temporaries))
            QFile::remove(t);
    };
    for (const ExportFile &f : files) {
        const QString path = QDir(folder).filePath(f.name);
        const QString temporary = path + u".part"_s;
        QFile file(temporary);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            removeTemporaries();
            return std::unexpected(
                ioError(u"Cannot write "_s + temporary + u": "_s + file.errorString()));
        }
        temporaries << temporary;
        const bool written = file.write(f.content) == f.content.size() && file.flush()
            && ::fsync(file.handle()) == 0;
        file.close();
        if (!written) {
            removeTemporaries();
            return std::unexpected(ioError(u"Cannot write the export file "_s + path + u'.'));
        }
        paths << path;
    }
    for (qsizetype i = 0; i < paths.size(); ++i) {
        if (std::rename(QFile::encodeName(temporaries[i]).constData(),
                QFile::encodeName(paths[i]).constData())
            != 0) {
            removeTemporaries();
            return std::unexpected(ioError(u"Cannot write the export file "_s + paths[i] + u'.'));
        }
    }
    // The renames themselves last once the folder is synced.
    if (const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY);
        fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    return paths;
}

/// Decisions whose latest batch is unanswered or accepted: not exported again.
Result<QSet<qint64>> decisionsOut(Store &store)
{
    auto st = Statement::prepare(store.handle(),
        "SELECT decision_id FROM export_records WHERE erp_status IS NULL "
        "OR erp_status = 'accepted'");
    if (!st)
        return std::unexpected(st.error());
    QSet<qint64> out;
    while (st->next())
        out.insert(st->columnInt(0));
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return out;
}

/// Each standing approval of run `runId` that is not out yet, as the ERP needs it:
/// what moves, how many, where, by when.
/// The PO line `poId`/`line` of `rows`, or kNone.
engine::Index poRow(const engine::Snapshot &rows, const std::string &poId, std::int32_t line)
{
    const engine::PurchaseOrders &pos = rows.purchaseOrders;
    for (engine::Index p = 0; p < pos.size(); ++p) {
        if (pos.poId[std::size_t(p)] == poId && pos.line[std::size_t(p)] == line)
            return p;
    }
    return engine::kNone;
}

/// What a PO line record carries of the line as the ERP has it now.
void describePoLine(ExportRecord &record, const engine::Snapshot &rows, engine::Index p)
{
    if (p == engine::kNone)
        return;
    const engine::PurchaseOrders &pos = rows.purchaseOrders;
    const auto row = std::size_t(p);
    record.poOpenQuantity = pos.qtyOpen[row];
    record.poExpectedDate = QString::fromStdString(engine::formatDate(pos.expectedDate[row]));
    if (pos.orderDate[row] != engine::kNoDate)
        record.poOrderDate = QString::fromStdString(engine::formatDate(pos.orderDate[row]));
}

/// The record of decision `d` from the approved action it planned (PlannedActions),
/// with what the current snapshot (the ERP's rows, without planned supply) says of
/// the item and the PO line.
Result<ExportRecord> plannedRecord(
    ScoreRuns &runs, const Decision &d, const engine::PlannedAction &a)
{
    using Kind = engine::PlannedAction::Kind;
    ExportRecord record;
    record.idempotencyKey = idempotencyKey(d.id, d.actionKey, d.overrideQty);
    record.action = d.action;
    record.itemId = QString::fromStdString(a.itemId);
    record.fromLocationId = QString::fromStdString(a.fromLocationId);
    record.toLocationId = QString::fromStdString(a.toLocationId);
    record.supplierId = QString::fromStdString(a.supplierId);
    record.poId = QString::fromStdString(a.poId);
    record.poLine = a.kind == Kind::Expedite ? a.poLine : 0;
    record.quantity = a.qty;
    record.date = QString::fromStdString(engine::formatDate(a.date));
    auto rows = runs.currentItemRows(record.itemId);
    if (!rows)
        return std::unexpected(rows.error());
    const auto &[snapshot, items] = *rows;
    record.shipDate = QString::fromStdString(engine::formatDate(snapshot.asOf));
    if (const engine::Index item = items.items.ids.find(a.itemId); item != engine::kNone)
        record.itemDescription = QString::fromStdString(items.items.description.at(item));
    if (a.kind == Kind::Expedite)
        describePoLine(record, items, poRow(items, a.poId, a.poLine));
    record.exceptionId = d.exceptionId;
    record.decisionId = d.id;
    record.approvedBy = d.user;
    record.approvedAt = d.decidedAt;
    record.reasonCode = d.reasonCode;
    return record;
}

Result<Gathered> gather(Store &store, ScoreRuns &runs, qint64 runId, ExportFormat format)
{
    auto planned = PlannedActions::byDecision(store);
    if (!planned)
        return std::unexpected(planned.error());
    auto standing = DecisionStore::standingOf(store, runs, runId);
    if (!standing)
        return std::unexpected(standing.error());
    auto out = decisionsOut(store);
    if (!out)
        return std::unexpected(out.error());
    Gathered gathered;
    for (const Decision &d : *standing) {
        if (d.kind == Decision::Rejected || d.awaitingCheck() || out->contains(d.id))
            continue;
        if (d.action != u"transfer"_s && d.action != u"expedite"_s && d.action != u"purchase"_s)
            continue;
        if (!formatCarries(format, d.action)) {
            ++gathered.leftForOtherFormats;
            continue;
        }
        if (auto p = planned->constFind(d.id); p != planned->constEnd()) {
            // The approved action as planned (the run may no longer recommend it, as it
            // counts it); one the ERP shows already (keyed in by hand, say) is not sent.
            if (p->closed)
                continue;
            auto record = plannedRecord(runs, d, p->action);
            if (!record)
                return std::unexpected(record.error());
            gathered.records.push_back(std::move(*record));
            continue;
        }
        auto explanation = runs.explainException(d.exceptionId);
        if (!explanation)
            return std::unexpected(explanation.error());
        const auto &recs = explanation->exception->recommendations;
        if (d.recommendationIndex < 0 || std::size_t(d.recommendationIndex) >= recs.size())
            continue;
        const engine::Recommendation &r = recs[std::size_t(d.recommendationIndex)];
        const engine::Snapshot &rows = *explanation->rows;
        const engine::ExceptionRecord &x = *explanation->exception;
        const bool expedite = r.action == engine::Action::Expedite;
        ExportRecord record;
        record.idempotencyKey = idempotencyKey(d.id, d.actionKey, d.overrideQty);
        record.action = d.action;
        record.itemId = QString::fromStdString(rows.items.ids.at(x.item));
        record.itemDescription = QString::fromStdString(rows.items.description.at(x.item));
        const QString here = QString::fromStdString(rows.locations.ids.at(x.location));
        if (r.action == engine::Action::Transfer && !r.toLocationId.empty()) {
            // Out of an excess: from here to where the units are short.
            record.fromLocationId = here;
            record.toLocationId = QString::fromStdString(r.toLocationId);
        } else {
            record.fromLocationId = QString::fromStdString(r.fromLocationId);
            record.toLocationId = here;
        }
        record.supplierId = QString::fromStdString(r.supplierId);
        record.poId = QString::fromStdString(r.poId);
        record.poLine = expedite ? r.poLine : 0;
        record.quantity = d.kind == Decision::Overridden ? d.overrideQty : r.qty;
        record.date = QString::fromStdString(
            engine::formatDate(expedite ? r.newExpectedDate : r.arrivalDate));
        record.shipDate = QString::fromStdString(engine::formatDate(explanation->snapshot.asOf));
        if (expedite)
            describePoLine(record, rows, poRow(rows, r.poId, r.poLine));
        record.exceptionId = d.exceptionId;
        record.decisionId = d.id;
        record.approvedBy = d.user;
        record.approvedAt = d.decidedAt;
        record.reasonCode = d.reasonCode;
        gathered.records.push_back(std::move(record));
    }
    return gathered;
}

Result<qint64> maxOf(Store &store, const char *sql)
{
    auto st = Statement::prepare(store.handle(), sql);
    if (!st)
        return std::unexpected(st.error());
    const qint64 value = st->next() ? st->columnInt(0) : 0;
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return value;
}

/// Gives each interchange and transaction set the next control numbers, and each set
/// its PO's change sequence; then writes the files and records the numbers with them.
Result<std::vector<ExportFile>> x12Files(Store &store, const BatchHeader &batch,
    const std::vector<ExportRecord> &records, const QString &senderId)
{
    std::vector<X12Interchange> plan = planX12(records);
    auto interchange
        = maxOf(store, "SELECT coalesce(max(control_number), 0) FROM x12_interchanges");
    auto set = interchange
        ? maxOf(store, "SELECT coalesce(max(control_number), 0) FROM x12_transaction_sets")
        : interchange;
    if (!set)
        return std::unexpected(set.error());
    auto sequence = Statement::prepare(
        store.handle(), "SELECT count(*) FROM x12_transaction_sets WHERE po_id = ?1");
    if (!sequence)
        return std::unexpected(sequence.error());
    for (X12Interchange &i : plan) {
        i.controlNumber = ++*interchange;
        for (X12ChangeSet &s : i.sets) {
            s.controlNumber = ++*set;
            sequence->bindText(1, s.poId);
            s.changeSequence = int(sequence->next() ? sequence->columnInt(0) : 0) + 1;
            sequence->reset();
        }
    }
    if (*interchange > 999'999'999)
        return std::unexpected(Error {Error::Database,
            u"The X12 interchange control numbers (nine digits) are used up."_s, {}});
    auto files = x12BatchFiles(batch, plan, senderId);
    if (!files)
        return files;
    auto addInterchange = Statement::prepare(store.handle(),
        "INSERT INTO x12_interchanges (control_number, batch_id, supplier_id, file_name) "
        "VALUES (?,?,?,?)");
    auto addSet = Statement::prepare(store.handle(),
        "INSERT INTO x12_transaction_sets (control_number, interchange, po_id, change_sequence) "
        "VALUES (?,?,?,?)");
    if (!addInterchange || !addSet)
        return std::unexpected(!addInterchange ? addInterchange.error() : addSet.error());
    for (std::size_t n = 0; n < plan.size(); ++n) {
        addInterchange->bindInt(1, plan[n].controlNumber);
        addInterchange->bindInt(2, batch.batchId);
        addInterchange->bindText(3, plan[n].supplierId);
        addInterchange->bindText(4, (*files)[n].name);
        if (auto ok = addInterchange->run(); !ok)
            return std::unexpected(ok.error());
        for (const X12ChangeSet &s : plan[n].sets) {
            addSet->bindInt(1, s.controlNumber);
            addSet->bindInt(2, plan[n].controlNumber);
            addSet->bindText(3, s.poId);
            addSet->bindInt(4, s.changeSequence);
            if (auto ok = addSet->run(); !ok)
                return std::unexpected(ok.error());
        }
    }
    return files;
}

} // namespace

bool parseExportFormat(const QString &name, ExportFormat &out)
{
    for (ExportFormat f : {ExportFormat::Json, ExportFormat::Csv, ExportFormat::Odoo,
             ExportFormat::D365, ExportFormat::X12}) {
        if (name == exportFormatName(f)) {
            out = f;
            return true;
        }
    }
    return false;
}

QString exportFormatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Json:
        return u"json"_s;
    case ExportFormat::Csv:
        return u"csv"_s;
    case ExportFormat::Odoo:
        return u"odoo"_s;
    case ExportFormat::D365:
        return u"d365"_s;
    case ExportFormat::X12:
        return u"x12"_s;
    }
    return {};
}

bool formatCarries(ExportFormat format, const QString &action)
{
    return format != ExportFormat::X12 || action == u"expedite"_s;
}

Result<ExportBatch> ExportStore::exportApproved(
    const QString &folder, ExportFormat format, const User &user, const ExportOptions &options)
{
    auto confirmed = m_users.confirm(user);
    if (!confirmed)
        return std::unexpected(confirmed.error());
    auto current = m_runs.currentRun();
    if (!current)
        return std::unexpected(current.error());
    // A folder that cannot take the files is found before anything is recorded.
    if (!QDir().mkpath(folder) || !QFileInfo(folder).isWritable())
        return std::unexpected(ioError(u"Cannot write to the export folder "_s + folder
            + u"; nothing was exported. Choose another folder."_s));

    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto gathered = gather(m_store, m_runs, current->second.runId, format);
    if (!gathered)
        return std::unexpected(gathered.error());
    const std::vector<ExportRecord> &records = gathered->records;
    const QString formatName = exportFormatName(format);
    if (records.empty()) {
        ExportBatch nothing;
        nothing.format = formatName;
        nothing.leftForOtherFormats = gathered->leftForOtherFormats;
        return nothing;
    }

    BatchHeader batch;
    batch.createdAt = nowUtc();
    batch.createdBy = confirmed->name;
    auto insert = Statement::prepare(m_store.handle(),
        "INSERT INTO export_batches (created_at, format, user, record_count, chain_hash, "
        "file_name, payload) VALUES (?,?,?,?,'','','')");
    if (!insert)
        return std::unexpected(insert.error());
    insert->bindText(1, batch.createdAt);
    insert->bindText(2, formatName);
    insert->bindText(3, batch.createdBy);
    insert->bindInt(4, qint64(records.size()));
    if (auto ok = insert->run(); !ok)
        return std::unexpected(ok.error());
    batch.batchId = sqlite3_last_insert_rowid(m_store.handle());

    AuditEvent event;
    event.user = confirmed->name;
    event.role = QString::fromLatin1(engine::roleName(confirmed->role));
    event.event = u"export.batch"_s;
    event.snapshotId = current->first.snapshotId;
    event.scoringVersion = current->second.scoringVersion;
    event.policyHash = current->second.policyHash;
    event.at = batch.createdAt;
    event.outcome = u"recorded"_s;
    event.detail = u"batch "_s + QString::number(batch.batchId) + u", "_s
        + countOf(records.size(), u"record"_s, u"records"_s) + u", "_s
        + (format == ExportFormat::Json || format == ExportFormat::Csv
                ? QString(batchStem(batch.batchId) + u'.' + formatName)
                : QString(formatName + u" files "_s + batchStem(batch.batchId) + u"-*"_s));
    auto appended = AuditLog::append(m_store, std::move(event));
    if (!appended)
        return std::unexpected(appended.error());
    batch.chainHash = appended->hash;

    Result<std::vector<ExportFile>> files;
    switch (format) {
    case ExportFormat::Json:
        files = std::vector<ExportFile> {jsonBatchFile(batch, records)};
        break;
    case ExportFormat::Csv:
        files = std::vector<ExportFile> {csvBatchFile(batch, records)};
        break;
    case ExportFormat::Odoo:
        files = odooBatchFiles(batch, records);
        break;
    case ExportFormat::D365:
        files = d365BatchFiles(batch, records);
        break;
    case ExportFormat::X12:
        files = x12Files(m_store, batch, records, options.x12SenderId);
        break;
    }
    if (!files)
        return std::unexpected(files.error());

    auto update = Statement::prepare(m_store.handle(),
        "UPDATE export_batches SET chain_hash = ?2, file_name = ?3 WHERE batch_id = ?1");
    auto addFile = Statement::prepare(m_store.handle(),
        "INSERT INTO export_files (batch_id, seq, file_name, content) VALUES (?,?,?,?)");
    auto addRecord = Statement::prepare(m_store.handle(),
        "INSERT INTO export_records (batch_id, decision_id, idempotency_key) VALUES (?,?,?)");
    auto mark = Statement::prepare(
        m_store.handle(), "UPDATE decisions SET exported_batch = ?1 WHERE id = ?2");
    for (const auto *st : {&update, &addFile, &addRecord, &mark}) {
        if (!*st)
            return std::unexpected(st->error());
    }
    update->bindInt(1, batch.batchId);
    update->bindText(2, batch.chainHash);
    update->bindText(3, files->front().name);
    if (auto ok = update->run(); !ok)
        return std::unexpected(ok.error());
    for (std::size_t n = 0; n < files->size(); ++n) {
        addFile->bindInt(1, batch.batchId);
        addFile->bindInt(2, qint64(n + 1));
        addFile->bindText(3, (*files)[n].name);
        addFile->bindBytes(4, (*files)[n].content);
        if (auto ok = addFile->run(); !ok)
            return std::unexpected(ok.error());
    }
    for (const ExportRecord &r : records) {
        addRecord->bindInt(1, batch.batchId);
        addRecord->bindInt(2, r.decisionId);
        addRecord->bindText(3, r.idempotencyKey);
        mark->bindInt(1, batch.batchId);
        mark->bindInt(2, r.decisionId);
        if (auto ok = addRecord->run(); !ok)
            return std::unexpected(ok.error());
        if (auto ok = mark->run(); !ok)
            return std::unexpected(ok.error());
    }
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());

    // Recorded: the files follow from the stored batch (resend writes them again).
    auto paths = writeAtomically(folder, *files);
    if (!paths) {
        Error error = paths.error();
        error.message += u" Batch "_s + QString::number(batch.batchId)
            + u" is recorded: write its files again with pwb export --resend "_s
            + QString::number(batch.batchId) + u'.';
        return std::unexpected(error);
    }
    ExportBatch written;
    written.batchId = batch.batchId;
    written.recordCount = qint64(records.size());
    written.format = formatName;
    written.filePaths = *paths;
    written.chainHash = batch.chainHash;
    written.leftForOtherFormats = gathered->leftForOtherFormats;
    return written;
}

Result<ExportBatch> ExportStore::resend(qint64 batchId, const QString &folder)
{
    auto st = Statement::prepare(m_store.handle(),
        "SELECT record_count, chain_hash, format FROM export_batches WHERE batch_id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, batchId);
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
        return std::unexpected(Error {
            Error::BadInput, u"There is no export batch "_s + QString::number(batchId) + u'.', {}});
    }
    ExportBatch batch;
    batch.batchId = batchId;
    batch.recordCount = st->columnInt(0);
    batch.chainHash = st->columnString(1);
    batch.format = st->columnString(2);
    auto read = Statement::prepare(m_store.handle(),
        "SELECT file_name, content FROM export_files WHERE batch_id = ?1 ORDER BY seq");
    if (!read)
        return std::unexpected(read.error());
    read->bindInt(1, batchId);
    std::vector<ExportFile> files;
    while (read->next())
        files.push_back({read->columnString(0), read->columnBytes(1)});
    if (auto ok = read->status(); !ok)
        return std::unexpected(ok.error());
    auto paths = writeAtomically(folder, files);
    if (!paths)
        return std::unexpected(paths.error());
    batch.filePaths = *paths;
    return batch;
}

Result<QHash<qint64, ErpState>> ExportStore::erpStates()
{
    // The latest batch of each decision wins (a failed record exported again).
    auto st = Statement::prepare(m_store.handle(),
        "SELECT decision_id, batch_id, erp_status, erp_reference, erp_message "
        "FROM export_records ORDER BY batch_id");
    if (!st)
        return std::unexpected(st.error());
    QHash<qint64, ErpState> states;
    while (st->next()) {
        ErpState state;
        state.batchId = st->columnInt(1);
        state.status = st->isNull(2) ? u"exported"_s : st->columnString(2);
        state.reference = st->columnString(3);
        state.message = st->columnString(4);
        states.insert(st->columnInt(0), state);
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return states;
}

} // namespace model
