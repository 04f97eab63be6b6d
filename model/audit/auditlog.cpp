#include "model/audit/auditlog.h"

#include "model/store/statement.h"
#include "model/store/store.h"

#include <QCryptographicHash>
#include <QHash>

using namespace Qt::StringLiterals;

namespace model {

namespace {

constexpr const char *kColumns
    = "seq, at, user, role, event, exception_id, snapshot_id, scoring_version, policy_hash, "
      "score, factors, action, outcome, detail, prev_hash, hash";

/// Binds `text`, or NULL when it is empty: the optional columns hold NULL, not ''.
void bindOptional(Statement &st, int column, const QString &text)
{
    if (text.isEmpty())
        st.bindNull(column);
    else
        st.bindText(column, text);
}

AuditEvent readEvent(const Statement &st)
{
    AuditEvent e;
    e.seq = st.columnInt(0);
    e.at = st.columnString(1);
    e.user = st.columnString(2);
    e.role = st.columnString(3);
    e.event = st.columnString(4);
    e.exceptionId = st.columnString(5);
    e.snapshotId = st.columnString(6);
    e.scoringVersion = st.columnString(7);
    e.policyHash = st.columnString(8);
    if (!st.isNull(9))
        e.score = st.columnDouble(9);
    e.factors = st.columnString(10);
    e.action = st.columnString(11);
    e.outcome = st.columnString(12);
    e.detail = st.columnString(13);
    e.previousHash = st.columnString(14);
    e.hash = st.columnString(15);
    return e;
}

QString eventName(qint64 seq)
{
    return u"event "_s + QString::number(seq);
}

QString eventRange(qint64 first, qint64 last)
{
    if (first == last)
        return u"Event "_s + QString::number(first);
    return u"Events "_s + QString::number(first) + u" to "_s + QString::number(last);
}

} // namespace

QString AuditLog::genesisHash()
{
    return QString(64, u'0');
}

QByteArray AuditLog::canonicalBytes(const AuditEvent &e)
{
    QByteArray out = "pwb-audit/1\n";
    auto field = [&out](const QString &text) {
        const QByteArray utf8 = text.toUtf8();
        out += QByteArray::number(utf8.size()) + ':' + utf8 + '\n';
    };
    field(QString::number(e.seq));
    field(e.at);
    field(e.user);
    field(e.role);
    field(e.event);
    field(e.exceptionId);
    field(e.snapshotId);
    field(e.scoringVersion);
    field(e.policyHash);
    if (e.score)
        field(QString::number(*e.score, 'g', 17));
    else
        out += "-\n";
    field(e.factors);
    field(e.action);
    field(e.outcome);
    field(e.detail);
    field(e.previousHash);
    return out;
}

QString AuditLog::hashOf(const AuditEvent &event)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(canonicalBytes(event), QCryptographicHash::Sha256).toHex());
}

Result<AuditEvent> AuditLog::append(Store &store, AuditEvent event)
{
    // The next number is one past both the last event and the last number SQLite
    // handed out, so that an event written after a cut tail does not hide the cut.
    auto last = Statement::prepare(store.handle(),
        "SELECT max(coalesce((SELECT max(seq) FROM audit_events), 0), "
        "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'), 0)), "
        "coalesce((SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1), '')");
    if (!last)
        return std::unexpected(last.error());
    if (!last->next()) {
        if (auto ok = last->status(); !ok)
            return std::unexpected(ok.error());
    }
    event.seq = last->columnInt(0) + 1;
    event.previousHash = last->columnString(1);
    if (event.previousHash.isEmpty())
        event.previousHash = genesisHash();
    last->reset();
    if (event.at.isEmpty())
        event.at = nowUtc();
    event.hash = hashOf(event);

    auto st = Statement::prepare(store.handle(),
        "INSERT INTO audit_events (seq, at, user, role, event, exception_id, snapshot_id, "
        "scoring_version, policy_hash, score, factors, action, outcome, detail, prev_hash, hash) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, event.seq);
    st->bindText(2, event.at);
    st->bindText(3, event.user);
    st->bindText(4, event.role);
    st->bindText(5, event.event);
    bindOptional(*st, 6, event.exceptionId);
    bindOptional(*st, 7, event.snapshotId);
    bindOptional(*st, 8, event.scoringVersion);
    bindOptional(*st, 9, event.policyHash);
    if (event.score)
        st->bindDouble(10, *event.score);
    else
        st->bindNull(10);
    bindOptional(*st, 11, event.factors);
    bindOptional(*st, 12, event.action);
    st->bindText(13, event.outcome);
    bindOptional(*st, 14, event.detail);
    st->bindText(15, event.previousHash);
    st->bindText(16, event.hash);
    if (auto ok = st->run(); !ok)
        return std::unexpected(ok.error());
    return event;
}

Result<AuditEvent> AuditLog::record(AuditEvent event)
{
    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto appended = append(m_store, std::move(event));
    if (!appended)
        return appended;
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());
    return appended;
}

Result<std::vector<AuditEvent>> AuditLog::events()
{
    auto st = Statement::prepare(
        m_store.handle(), "SELECT " + std::string(kColumns) + " FROM audit_events ORDER BY seq");
    if (!st)
        return std::unexpected(st.error());
    std::vector<AuditEvent> out;
    while (st->next())
        out.push_back(readEvent(*st));
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return out;
}

Result<AuditCheck> AuditLog::verify()
{
    auto all = events();
    if (!all)
        return std::unexpected(all.error());
    AuditCheck check;
    auto broken = [&check](qint64 seq, QString problem) {
        check.intact = false;
        check.brokenAt = seq;
        check.problem = std::move(problem);
        return check;
    };

    // Every hash seen so far, to tell an inserted event from an edited one: the event
    // after an insertion still names the hash of the event before the insertion.
    QHash<QString, qint64> seen {{genesisHash(), 0}};
    qint64 previousSeq = 0;
    QString previousHash = genesisHash();
    for (const AuditEvent &e : *all) {
        if (e.seq != previousSeq + 1) {
            return broken(previousSeq + 1,
                eventRange(previousSeq + 1, e.seq - 1) + u" removed: "_s + eventName(e.seq)
                    + u" follows "_s
                    + (previousSeq == 0 ? u"the start of the trail"_s : eventName(previousSeq))
                    + u'.');
        }
        if (e.previousHash != previousHash) {
            const auto known = seen.constFind(e.previousHash);
            if (known != seen.cend() && *known < previousSeq) {
                return broken(*known + 1,
                    eventRange(*known + 1, previousSeq) + u" inserted: "_s + eventName(e.seq)
                        + u" was written after "_s
                        + (*known == 0 ? u"the start of the trail"_s : eventName(*known)) + u'.');
            }
            return broken(e.seq,
                u"Event "_s + QString::number(e.seq) + u" inserted, or "_s + eventName(previousSeq)
                    + u" edited and re-hashed: "_s + eventName(e.seq) + u" does not follow "_s
                    + eventName(previousSeq) + u" (its previous hash names no earlier event)."_s);
        }
        if (hashOf(e) != e.hash) {
            return broken(e.seq,
                u"Event "_s + QString::number(e.seq)
                    + u" edited: its fields no longer match its hash."_s);
        }
        seen.insert(e.hash, e.seq);
        previousSeq = e.seq;
        previousHash = e.hash;
        ++check.eventCount;
        check.latestHash = e.hash;
    }

    // Removing the last events leaves no gap to see, but SQLite remembers the highest
    // number it handed out.
    auto issued = Statement::prepare(
        m_store.handle(), "SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'");
    if (!issued)
        return std::unexpected(issued.error());
    const qint64 highest = issued->next() ? issued->columnInt(0) : 0;
    if (auto ok = issued->status(); !ok)
        return std::unexpected(ok.error());
    if (highest > previousSeq) {
        return broken(previousSeq + 1,
            eventRange(previousSeq + 1, highest)
                + u" removed from the end of the trail: numbers up to "_s + QString::number(highest)
                + u" were handed out."_s);
    }
    return check;
}

} // namespace model
