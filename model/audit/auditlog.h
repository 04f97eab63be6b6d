#pragma once
// The tamper-evident audit trail: who did what, with which role, on which exception
// and run, and with what outcome. Events are only ever appended (triggers refuse
// UPDATE and DELETE; undo is a new event), and each holds the SHA-256 of the one
// before, so verify() names the first event that was edited, removed or inserted by
// someone who changed the file by other means. All SQL on audit_events lives here.

#include "model/audit/auditevent.h"
#include "model/error.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace model {

class Store;

/// The audit trail (Workbench::audit()).
class AuditLog
{
public:
    explicit AuditLog(Store &store)
        : m_store(store)
    { }
    AuditLog(const AuditLog &) = delete;
    AuditLog &operator=(const AuditLog &) = delete;

    /// Appends `event` inside the caller's write transaction: fills in its sequence
    /// number, time (when empty), previous hash and hash, and returns it.
    static Result<AuditEvent> append(Store &store, AuditEvent event);
    /// Appends `event` in a transaction of its own.
    Result<AuditEvent> record(AuditEvent event);

    /// Every event, oldest first.
    Result<std::vector<AuditEvent>> events();
    /// Walks the chain from the first event: intact, or the first event that was
    /// edited, removed or inserted.
    Result<AuditCheck> verify();

    /// The bytes an event's hash covers: a version tag, then every field but the hash
    /// itself, each as its length and its UTF-8 bytes (NULL as "-"), in a fixed order.
    static QByteArray canonicalBytes(const AuditEvent &event);
    /// Hex SHA-256 of canonicalBytes().
    static QString hashOf(const AuditEvent &event);
    /// The previous hash of the first event.
    static QString genesisHash();

private:
    Store &m_store;
};

} // namespace model
