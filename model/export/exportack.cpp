// ExportStore::acknowledge(): the ERP's answers to exported records.

#include "model/audit/auditlog.h"
#include "model/export/acknowledgement.h"
#include "model/export/exportstore.h"
#include "model/runs/scoreruns.h"
#include "model/store/statement.h"
#include "model/store/store.h"
#include "model/users/userstore.h"

#include <QFile>
#include <QMap>

using namespace Qt::StringLiterals;

namespace model {

namespace {

/// An acknowledgement file is a few lines per exported record; anything far larger is
/// not one.
constexpr qint64 kMaxAckFileBytes = qint64(64) * 1024 * 1024;

Result<QByteArray> readAckFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(Error {Error::BadInput,
            u"Cannot read the acknowledgement file "_s + path + u": "_s + file.errorString(), {}});
    if (file.size() > kMaxAckFileBytes)
        return std::unexpected(Error {Error::BadInput,
            path + u" is larger than an acknowledgement file can be (64 MiB)."_s, {}});
    return file.readAll();
}

QString linesText(const QList<qint64> &lines)
{
    QStringList numbers;
    for (qint64 line : lines)
        numbers << QString::number(line);
    return numbers.join(u", "_s);
}

} // namespace

Result<AckReport> ExportStore::acknowledge(const QString &path, const User &user)
{
    auto confirmed = m_users.confirm(user);
    if (!confirmed)
        return std::unexpected(confirmed.error());
    auto bytes = readAckFile(path);
    if (!bytes)
        return std::unexpected(bytes.error());
    auto lines = parseAcknowledgements(path, *bytes);
    if (!lines)
        return std::unexpected(lines.error());
    auto current = m_runs.currentRun();
    if (!current)
        return std::unexpected(current.error());

    QMap<QString, QList<qint64>> linesOfKey;
    for (const AckLine &ack : *lines)
        linesOfKey[ack.key] << ack.line;

    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto find = Statement::prepare(m_store.handle(),
        "SELECT r.batch_id, r.decision_id, r.erp_status, d.exception_id, d.action "
        "FROM export_records r JOIN decisions d ON d.id = r.decision_id "
        "WHERE r.idempotency_key = ?1 ORDER BY r.batch_id DESC LIMIT 1");
    auto update = Statement::prepare(m_store.handle(),
        "UPDATE export_records SET erp_status = ?3, erp_reference = ?4, erp_message = ?5, "
        "acknowledged_at = ?6, acknowledged_by = ?7 WHERE batch_id = ?1 AND decision_id = ?2");
    if (!find || !update)
        return std::unexpected(!find ? find.error() : update.error());

    AckReport report;
    const QString now = nowUtc();
    for (const AckLine &ack : *lines) {
        const QList<qint64> &same = linesOfKey[ack.key];
        if (same.size() > 1) {
            report.notApplied.push_back({ack.line, ack.key,
                u"the key is on lines "_s + linesText(same)
                    + u": none of them is applied; keep one"_s});
            continue;
        }
        find->bindText(1, ack.key);
        if (!find->next()) {
            if (auto ok = find->status(); !ok)
                return std::unexpected(ok.error());
            find->reset();
            report.notApplied.push_back({ack.line, ack.key, u"no exported record has this key"_s});
            continue;
        }
        const qint64 batchId = find->columnInt(0), decisionId = find->columnInt(1);
        const QString was = find->isNull(2) ? QString() : find->columnString(2);
        const QString exceptionId = find->columnString(3), action = find->columnString(4);
        find->reset();
        const QString status = ack.accepted ? u"accepted"_s : u"failed"_s;
        if (!was.isEmpty()) {
            if (was == status)
                ++report.unchanged;
            else
                report.notApplied.push_back({ack.line, ack.key,
                    u"batch "_s + QString::number(batchId) + u" has it acknowledged as "_s + was
                        + u" already"_s});
            continue;
        }
        update->bindInt(1, batchId);
        update->bindInt(2, decisionId);
        update->bindText(3, status);
        update->bindText(4, ack.reference);
        update->bindText(5, ack.message);
        update->bindText(6, now);
        update->bindText(7, confirmed->name);
        if (auto ok = update->run(); !ok)
            return std::unexpected(ok.error());

        AuditEvent event;
        event.user = confirmed->name;
        event.role = QString::fromLatin1(engine::roleName(confirmed->role));
        event.event = u"export.ack"_s;
        event.exceptionId = exceptionId;
        event.snapshotId = current->first.snapshotId;
        event.scoringVersion = current->second.scoringVersion;
        event.policyHash = current->second.policyHash;
        event.action = action;
        event.at = now;
        event.outcome = status;
        event.detail = u"decision "_s + QString::number(decisionId) + u", batch "_s
            + QString::number(batchId) + u", "_s + ack.key
            + (ack.reference.isEmpty() ? QString() : u", ERP reference "_s + ack.reference)
            + (ack.message.isEmpty() ? QString() : u": "_s + ack.message);
        if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
            return std::unexpected(appended.error());
        ++(ack.accepted ? report.accepted : report.failed);
    }
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());
    return report;
}

} // namespace model
