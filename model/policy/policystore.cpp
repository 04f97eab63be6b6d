#include "model/policy/policystore.h"

#include "model/audit/auditlog.h"
#include "model/json/policyjson.h"
#include "model/store/statement.h"
#include "model/store/store.h"
#include "model/users/userstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace model {

namespace {

constexpr std::string_view kColumns = "SELECT id, json, hash, edited_by, edited_at, "
                                      "approved_by, approved_at FROM policies ";

QString roleText(engine::Role role)
{
    return QString::fromLatin1(engine::roleName(role));
}

QString shortHash(const QString &hash)
{
    return hash.isEmpty() ? u"none"_s : hash.left(12);
}

QString jsonText(const QJsonValue &value)
{
    if (value.isUndefined())
        return u"(default)"_s;
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 12);
    if (value.isString())
        return value.toString();
    const QJsonDocument doc
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

/// The audit event of a policy step, before its outcome.
AuditEvent policyEvent(const User &user, const char *event)
{
    AuditEvent e;
    e.user = user.name;
    e.role = roleText(user.role);
    e.event = QString::fromLatin1(event);
    e.at = nowUtc();
    return e;
}

bool mayGovern(engine::Role role)
{
    return engine::roleCovers(role, engine::Role::Manager);
}

} // namespace

QStringList PolicyStore::changedFields(const engine::Policy &before, const engine::Policy &after)
{
    const QJsonObject a = policyToJson(before), b = policyToJson(after);
    QStringList keys = a.keys();
    for (const QString &key : b.keys()) {
        if (!a.contains(key))
            keys << key;
    }
    keys.sort();
    QStringList changes;
    for (const QString &key : std::as_const(keys)) {
        const QJsonValue x = a.value(key), y = b.value(key);
        if (x == y)
            continue;
        if (x.isObject() && y.isObject()) {
            // A group of numbers (weights, tiers): each field that changed.
            const QJsonObject gx = x.toObject(), gy = y.toObject();
            for (const QString &sub : gx.keys()) {
                if (gx.value(sub) != gy.value(sub))
                    changes << key + u'.' + sub + u": "_s + jsonText(gx.value(sub)) + u" -> "_s
                            + jsonText(gy.value(sub));
            }
            continue;
        }
        // The rule lists are left out when empty: shown as [] then.
        const QJsonValue from = x.isUndefined() ? QJsonValue(QJsonArray()) : x;
        const QJsonValue to = y.isUndefined() ? QJsonValue(QJsonArray()) : y;
        changes << key + u": "_s + jsonText(from) + u" -> "_s + jsonText(to);
    }
    return changes;
}

Result<std::optional<StoredPolicy>> PolicyStore::find(const char *where, qint64 id)
{
    auto st = Statement::prepare(m_store.handle(), std::string(kColumns) + where);
    if (!st)
        return std::unexpected(st.error());
    if (id > 0)
        st->bindInt(1, id);
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
        return std::optional<StoredPolicy> {};
    }
    StoredPolicy p;
    p.id = st->columnInt(0);
    auto policy = policyFromJson(
        st->columnString(1).toUtf8(), u"stored policy "_s + QString::number(p.id), Retired::Skip);
    if (!policy)
        return std::unexpected(policy.error());
    p.policy = std::move(*policy);
    p.hash = st->columnString(2);
    p.editedBy = st->columnString(3);
    p.editedAt = st->columnString(4);
    p.approvedBy = st->columnString(5);
    p.approvedAt = st->columnString(6);
    return std::optional<StoredPolicy> {std::move(p)};
}

Result<std::optional<StoredPolicy>> PolicyStore::current()
{
    return find("WHERE approved_by IS NOT NULL ORDER BY id DESC LIMIT 1", 0);
}

Result<engine::Policy> PolicyStore::effective()
{
    auto in = current();
    if (!in)
        return std::unexpected(in.error());
    return *in ? (*in)->policy : engine::Policy {};
}

Result<std::vector<StoredPolicy>> PolicyStore::list()
{
    auto st = Statement::prepare(m_store.handle(), "SELECT id FROM policies ORDER BY id DESC");
    if (!st)
        return std::unexpected(st.error());
    std::vector<qint64> ids;
    while (st->next())
        ids.push_back(st->columnInt(0));
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    std::vector<StoredPolicy> out;
    for (const qint64 id : ids) {
        auto p = find("WHERE id = ?1", id);
        if (!p)
            return std::unexpected(p.error());
        if (*p)
            out.push_back(std::move(**p));
    }
    return out;
}

Result<void> PolicyStore::checkRunPolicy(const engine::Policy &policy)
{
    auto in = current();
    if (!in)
        return std::unexpected(in.error());
    if (!*in || (*in)->hash == policyHash(policy))
        return {};
    return std::unexpected(Error {Error::NotAllowed,
        u"This database's policy is governed: policy "_s + QString::number((*in)->id) + u" (hash "_s
            + shortHash((*in)->hash)
            + u") is in force, and a run uses no other. Leave out --policy, or have a manager "
              "set the new one (pwb policy set) and another approve it (pwb policy approve)."_s,
        {}});
}

Result<StoredPolicy> PolicyStore::propose(const engine::Policy &policy, const User &editor)
{
    auto confirmed = m_users.confirm(editor);
    if (!confirmed)
        return std::unexpected(confirmed.error());
    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto in = current();
    if (!in)
        return std::unexpected(in.error());
    const engine::Policy before = *in ? (*in)->policy : engine::Policy {};
    const QString beforeHash = *in ? (*in)->hash : policyHash(before);
    StoredPolicy p;
    p.policy = policy;
    p.hash = policyHash(policy);
    p.editedBy = confirmed->name;
    const QStringList changes = changedFields(before, policy);
    AuditEvent event = policyEvent(*confirmed, AuditEvent::kPolicyEdit);
    p.editedAt = event.at;
    event.policyHash = p.hash;
    event.detail = u"before "_s + shortHash(beforeHash) + u", after "_s + shortHash(p.hash)
        + u"; changed: "_s + (changes.isEmpty() ? u"nothing"_s : changes.join(u"; "_s));

    if (!mayGovern(confirmed->role)) {
        event.outcome = u"refused: needs the manager role"_s;
        if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
            return std::unexpected(appended.error());
        if (auto ok = transaction->commit(); !ok)
            return std::unexpected(ok.error());
        return std::unexpected(Error {Error::NotAllowed,
            u"Changing the policy needs the manager role or higher; "_s + confirmed->name
                + u" is a "_s + roleText(confirmed->role) + u'.',
            {}});
    }
    if (changes.isEmpty()) {
        return std::unexpected(Error {Error::BadInput,
            u"This policy is the one in force already (hash "_s + shortHash(p.hash)
                + u"): nothing to change."_s,
            {}});
    }
    auto st = Statement::prepare(m_store.handle(),
        "INSERT INTO policies (json, hash, edited_by, edited_at) VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return std::unexpected(st.error());
    st->bindText(1, QString::fromUtf8(canonicalPolicyJson(policy)));
    st->bindText(2, p.hash);
    st->bindText(3, p.editedBy);
    st->bindText(4, p.editedAt);
    if (auto ok = st->run(); !ok)
        return std::unexpected(ok.error());
    p.id = sqlite3_last_insert_rowid(m_store.handle());
    event.outcome = u"recorded"_s;
    event.detail = u"policy "_s + QString::number(p.id) + u" pending approval, "_s + event.detail;
    if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
        return std::unexpected(appended.error());
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());
    return p;
}

Result<StoredPolicy> PolicyStore::approve(qint64 id, const User &approver)
{
    auto confirmed = m_users.confirm(approver);
    if (!confirmed)
        return std::unexpected(confirmed.error());
    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto found = find("WHERE id = ?1", id);
    if (!found)
        return std::unexpected(found.error());
    if (!*found) {
        return std::unexpected(
            Error {Error::BadInput, u"There is no policy "_s + QString::number(id) + u'.', {}});
    }
    StoredPolicy p = std::move(**found);
    if (p.approved()) {
        return std::unexpected(Error {Error::BadInput,
            u"Policy "_s + QString::number(id) + u" was approved already, by "_s + p.approvedBy
                + u'.',
            {}});
    }
    auto in = current();
    if (!in)
        return std::unexpected(in.error());
    if (*in && (*in)->id > id) {
        return std::unexpected(Error {Error::BadInput,
            u"Policy "_s + QString::number(id) + u" was set before policy "_s
                + QString::number((*in)->id)
                + u", which is in force now: set it again to propose it."_s,
            {}});
    }
    const engine::Policy before = *in ? (*in)->policy : engine::Policy {};
    AuditEvent event = policyEvent(*confirmed, AuditEvent::kPolicyApprove);
    event.policyHash = p.hash;
    const QStringList changes = changedFields(before, p.policy);
    event.detail = u"policy "_s + QString::number(id) + u" set by "_s + p.editedBy + u", before "_s
        + shortHash(*in ? (*in)->hash : policyHash(before)) + u", after "_s + shortHash(p.hash)
        + u"; changed: "_s + (changes.isEmpty() ? u"nothing"_s : changes.join(u"; "_s));

    QString refusal;
    if (!mayGovern(confirmed->role)) {
        event.outcome = u"refused: needs the manager role"_s;
        refusal = u"Approving a policy needs the manager role or higher; "_s + confirmed->name
            + u" is a "_s + roleText(confirmed->role) + u'.';
    } else if (p.editedBy.compare(confirmed->name, Qt::CaseInsensitive) == 0) {
        event.outcome = u"refused: the same user"_s;
        refusal = confirmed->name
            + u" set this policy; another manager or admin must approve it. (Rule: the "
              "editor of a policy is not its approver.)"_s;
    }
    if (!refusal.isEmpty()) {
        if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
            return std::unexpected(appended.error());
        if (auto ok = transaction->commit(); !ok)
            return std::unexpected(ok.error());
        return std::unexpected(Error {Error::NotAllowed, refusal, {}});
    }
    p.approvedBy = confirmed->name;
    p.approvedAt = event.at;
    auto st = Statement::prepare(
        m_store.handle(), "UPDATE policies SET approved_by = ?2, approved_at = ?3 WHERE id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, id);
    st->bindText(2, p.approvedBy);
    st->bindText(3, p.approvedAt);
    if (auto ok = st->run(); !ok)
        return std::unexpected(ok.error());
    event.outcome = u"recorded"_s;
    if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
        return std::unexpected(appended.error());
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());
    return p;
}

Result<void> PolicyStore::installDemo(const engine::Policy &policy)
{
    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto any = Statement::prepare(m_store.handle(), "SELECT count(*) FROM policies");
    if (!any)
        return std::unexpected(any.error());
    const bool has = any->next() && any->columnInt(0) > 0;
    if (auto ok = any->status(); !ok)
        return ok;
    any->reset();
    if (has)
        return {};
    const User system {u"system"_s, engine::Role::Admin};
    AuditEvent event = policyEvent(system, AuditEvent::kPolicyEdit);
    event.role = u"system"_s;
    const QString hash = policyHash(policy);
    event.policyHash = hash;
    const QStringList changes = changedFields(engine::Policy {}, policy);
    event.detail = u"policy 1 of the bundled demo, in force at once; before "_s
        + shortHash(policyHash(engine::Policy {})) + u", after "_s + shortHash(hash)
        + u"; changed: "_s + (changes.isEmpty() ? u"nothing"_s : changes.join(u"; "_s));
    event.outcome = u"recorded"_s;
    auto st = Statement::prepare(m_store.handle(),
        "INSERT INTO policies (json, hash, edited_by, edited_at, approved_by, approved_at) "
        "VALUES (?1, ?2, ?3, ?4, ?3, ?4)");
    if (!st)
        return std::unexpected(st.error());
    st->bindText(1, QString::fromUtf8(canonicalPolicyJson(policy)));
    st->bindText(2, hash);
    st->bindText(3, system.name);
    st->bindText(4, event.at);
    if (auto ok = st->run(); !ok)
        return ok;
    if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
        return std::unexpected(appended.error());
    return transaction->commit();
}

} // namespace model
