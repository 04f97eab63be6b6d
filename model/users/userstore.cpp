#include "model/users/userstore.h"

#include "model/audit/auditlog.h"
#include "model/store/statement.h"
#include "model/store/store.h"

#include <sodium.h>

#include <string>

using namespace Qt::StringLiterals;

namespace model {

namespace {

QString roleText(engine::Role role)
{
    return QString::fromLatin1(engine::roleName(role));
}

engine::Role roleFromText(std::string_view text)
{
    return engine::roleFromName(text).value_or(engine::Role::Planner);
}

Result<void> sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    if (!ready) {
        return std::unexpected(
            Error {Error::Database, u"The password library (libsodium) did not start."_s, {}});
    }
    return {};
}

/// An Argon2id hash in libsodium's self-describing string form.
Result<std::string> hashPassword(const QByteArray &password)
{
    if (auto ok = sodiumReady(); !ok)
        return std::unexpected(ok.error());
    std::string out(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str(out.data(), password.constData(),
            static_cast<unsigned long long>(password.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0) {
        return std::unexpected(Error {Error::Database,
            u"Not enough memory to hash the password (Argon2id needs 64 MiB)."_s, {}});
    }
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

bool passwordMatches(const std::string &hash, const QByteArray &password)
{
    return crypto_pwhash_str_verify(
               hash.c_str(), password.constData(), static_cast<unsigned long long>(password.size()))
        == 0;
}

Result<void> checkName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return std::unexpected(Error {Error::BadInput, u"An account needs a name."_s, {}});
    if (trimmed != name || name.size() > 64) {
        return std::unexpected(Error {Error::BadInput,
            u"An account name has 1 to 64 characters and no spaces at either end."_s, {}});
    }
    if (name.compare(u"system"_s, Qt::CaseInsensitive) == 0) {
        return std::unexpected(Error {Error::BadInput,
            u"\"system\" is the name automatic approvals are recorded under; choose another."_s,
            {}});
    }
    for (const QChar c : name) {
        if (!c.isPrint()) {
            return std::unexpected(Error {Error::BadInput,
                u"An account name cannot hold control or invisible characters."_s, {}});
        }
    }
    return {};
}

Result<void> checkPassword(const QByteArray &password)
{
    if (QString::fromUtf8(password).size() < UserStore::kMinimumPasswordLength) {
        return std::unexpected(Error {Error::BadInput,
            u"A password needs at least "_s + QString::number(UserStore::kMinimumPasswordLength)
                + u" characters."_s,
            {}});
    }
    if (password.size() > 1024)
        return std::unexpected(
            Error {Error::BadInput, u"A password has at most 1,024 bytes."_s, {}});
    return {};
}

struct StoredAccount {
    UserAccount account;
    std::string hash;
};

/// The account called `name` (any case), or nullopt.
Result<std::optional<StoredAccount>> findAccount(Store &store, const QString &name)
{
    auto st = Statement::prepare(store.handle(),
        "SELECT name, role, created_at, created_by, disabled, password_hash FROM users "
        "WHERE name = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bindText(1, name);
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
        return std::optional<StoredAccount> {};
    }
    StoredAccount found;
    found.account.name = st->columnString(0);
    found.account.role = roleFromText(st->columnText(1));
    found.account.createdAt = st->columnString(2);
    found.account.createdBy = st->columnString(3);
    found.account.disabled = st->columnInt(4) != 0;
    found.hash = std::string(st->columnText(5));
    return std::optional<StoredAccount> {std::move(found)};
}

Result<bool> anyAccount(Store &store)
{
    auto st = Statement::prepare(store.handle(), "SELECT EXISTS (SELECT 1 FROM users)");
    if (!st)
        return std::unexpected(st.error());
    const bool any = st->next() && st->columnInt(0) != 0;
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return any;
}

Error notAllowed(const QString &message)
{
    return Error {Error::NotAllowed, message, {}};
}

} // namespace

Result<bool> UserStore::hasAccounts()
{
    return anyAccount(m_store);
}

Result<UserAccount> UserStore::insert(const QString &name, engine::Role role,
    const QByteArray &password, const QString &createdBy, engine::Role creatorRole,
    const QString &detail)
{
    if (auto ok = checkName(name); !ok)
        return std::unexpected(ok.error());
    if (auto ok = checkPassword(password); !ok)
        return std::unexpected(ok.error());
    // Hashing takes a tenth of a second: done before the write transaction starts.
    auto hash = hashPassword(password);
    if (!hash)
        return std::unexpected(hash.error());

    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto existing = findAccount(m_store, name);
    if (!existing)
        return std::unexpected(existing.error());
    if (*existing) {
        return std::unexpected(Error {Error::BadInput,
            u"There is already an account called \""_s + (*existing)->account.name + u"\"."_s, {}});
    }
    UserAccount account {name, role, nowUtc(), createdBy, false};
    auto st = Statement::prepare(m_store.handle(),
        "INSERT INTO users (name, role, password_hash, created_at, created_by) "
        "VALUES (?,?,?,?,?)");
    if (!st)
        return std::unexpected(st.error());
    st->bindText(1, account.name);
    st->bindText(2, roleText(role));
    st->bindTextNotNull(3, *hash);
    st->bindText(4, account.createdAt);
    st->bindText(5, createdBy);
    if (auto ok = st->run(); !ok)
        return std::unexpected(ok.error());

    AuditEvent event;
    event.at = account.createdAt;
    event.user = createdBy;
    event.role = roleText(creatorRole);
    event.event = QString::fromLatin1(AuditEvent::kUserAdd);
    event.outcome = u"created"_s;
    event.detail = u"account "_s + name + u", role "_s + roleText(role) + detail;
    if (auto appended = AuditLog::append(m_store, std::move(event)); !appended)
        return std::unexpected(appended.error());
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());
    return account;
}

Result<UserAccount> UserStore::addFirst(
    const QString &name, engine::Role role, const QByteArray &password)
{
    auto any = anyAccount(m_store);
    if (!any)
        return std::unexpected(any.error());
    if (*any) {
        return std::unexpected(
            notAllowed(u"This database has accounts already: an admin must sign in to add one."_s));
    }
    if (role != engine::Role::Admin) {
        return std::unexpected(Error {Error::BadInput,
            u"The first account of a database must be an admin, since only an admin can add "
            "the others; add it with the admin role first."_s,
            {}});
    }
    // insert() checks again inside its transaction that the name is free; two first
    // admins racing would both be admins, which is harmless.
    return insert(name, role, password, name, role, u" (the first account)"_s);
}

Result<UserAccount> UserStore::add(
    const User &admin, const QString &name, engine::Role role, const QByteArray &password)
{
    auto confirmed = confirm(admin);
    if (!confirmed)
        return std::unexpected(confirmed.error());
    auto any = anyAccount(m_store);
    if (!any)
        return std::unexpected(any.error());
    if (!*any) {
        return std::unexpected(Error {Error::BadInput,
            u"This database has no accounts yet: create the first admin first."_s, {}});
    }
    if (confirmed->role != engine::Role::Admin) {
        return std::unexpected(notAllowed(u"Adding an account needs the admin role; "_s
            + confirmed->name + u" is a "_s + roleText(confirmed->role) + u'.'));
    }
    return insert(name, role, password, confirmed->name, confirmed->role, {});
}

Result<void> UserStore::addDemoAccounts()
{
    auto any = anyAccount(m_store);
    if (!any)
        return std::unexpected(any.error());
    if (*any)
        return {};
    const DemoAccount &first = kDemoAccounts[0];
    auto admin = addFirst(QString::fromLatin1(first.name), first.role, first.password);
    if (!admin)
        return std::unexpected(admin.error());
    const User by {admin->name, admin->role};
    for (const DemoAccount &demo : kDemoAccounts) {
        if (demo.role == engine::Role::Admin)
            continue;
        if (auto added = add(by, QString::fromLatin1(demo.name), demo.role, demo.password); !added)
            return std::unexpected(added.error());
    }
    return {};
}

Result<std::vector<UserAccount>> UserStore::list()
{
    auto st = Statement::prepare(m_store.handle(),
        "SELECT name, role, created_at, created_by, disabled FROM users ORDER BY name");
    if (!st)
        return std::unexpected(st.error());
    std::vector<UserAccount> out;
    while (st->next()) {
        out.push_back({st->columnString(0), roleFromText(st->columnText(1)), st->columnString(2),
            st->columnString(3), st->columnInt(4) != 0});
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return out;
}

Result<User> UserStore::signIn(const QString &name, const QByteArray &password)
{
    if (auto ok = sodiumReady(); !ok)
        return std::unexpected(ok.error());
    auto found = findAccount(m_store, name);
    if (!found)
        return std::unexpected(found.error());

    QString reason;
    bool disabled = false; ///< the right password for a disabled account
    if (!*found) {
        // Checked against a fixed hash all the same, so that an unknown name takes as
        // long to refuse as a wrong password.
        static const Result<std::string> decoy = hashPassword("decoy-password");
        if (decoy)
            passwordMatches(*decoy, password);
        reason = u"failed: unknown account"_s;
    } else if (!passwordMatches((*found)->hash, password)) {
        reason = u"failed: wrong password"_s;
    } else if ((*found)->account.disabled) {
        reason = u"failed: account disabled"_s;
        disabled = true;
    } else {
        return User {(*found)->account.name, (*found)->account.role};
    }

    AuditEvent event;
    event.user = *found ? (*found)->account.name : name.left(64);
    event.role = *found ? roleText((*found)->account.role) : QString();
    event.event = QString::fromLatin1(AuditEvent::kSignIn);
    event.outcome = reason;
    if (auto recorded = AuditLog(m_store).record(std::move(event)); !recorded)
        return std::unexpected(recorded.error());
    if (disabled)
        return std::unexpected(
            notAllowed(u"The account \""_s + (*found)->account.name + u"\" is disabled."_s));
    return std::unexpected(notAllowed(u"Sign-in failed: unknown name or wrong password."_s));
}

Result<User> UserStore::confirm(const User &user)
{
    auto any = anyAccount(m_store);
    if (!any)
        return std::unexpected(any.error());
    if (!*any)
        return user;
    auto found = findAccount(m_store, user.name);
    if (!found)
        return std::unexpected(found.error());
    if (!*found) {
        return std::unexpected(notAllowed(
            u"\""_s + user.name + u"\" has no account in this database; sign in first."_s));
    }
    if ((*found)->account.disabled) {
        return std::unexpected(
            notAllowed(u"The account \""_s + (*found)->account.name + u"\" is disabled."_s));
    }
    return User {(*found)->account.name, (*found)->account.role};
}

} // namespace model
