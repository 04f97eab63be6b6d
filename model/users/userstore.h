#pragma once
// Local accounts: who may sign in to a workbench database, and with what role.
// Passwords are kept only as Argon2id hashes (libsodium's crypto_pwhash_str); a
// password is never stored, logged or put in an error message. Adding an account and
// every failed sign-in are audit events. All SQL on the users table lives here.

#include "engine/core/role.h"
#include "model/error.h"
#include "model/users/user.h"
#include "model/users/useraccount.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace model {

class Store;

/// The accounts of a workbench database (Workbench::users()).
class UserStore
{
public:
    /// The demo accounts addDemoAccounts() creates, for the bundled demo only.
    struct DemoAccount {
        const char *name;
        engine::Role role;
        const char *password;
    };
    static constexpr DemoAccount kDemoAccounts[] = {
        {"admin", engine::Role::Admin, "demo-admin"},
        {"manager", engine::Role::Manager, "demo-manager"},
        {"planner", engine::Role::Planner, "demo-planner"},
    };
    /// The shortest password an account may have.
    static constexpr int kMinimumPasswordLength = 8;

    explicit UserStore(Store &store)
        : m_store(store)
    { }
    UserStore(const UserStore &) = delete;
    UserStore &operator=(const UserStore &) = delete;

    /// Whether the database has any account yet.
    Result<bool> hasAccounts();
    /// Creates the first account of a database that has none. It must be an admin:
    /// only an admin can add the others.
    Result<UserAccount> addFirst(
        const QString &name, engine::Role role, const QByteArray &password);
    /// Adds an account on behalf of `admin`, who must be a signed-in admin account.
    Result<UserAccount> add(
        const User &admin, const QString &name, engine::Role role, const QByteArray &password);
    /// Creates the demo accounts (kDemoAccounts) in a database that has none.
    Result<void> addDemoAccounts();
    /// Every account, by name.
    Result<std::vector<UserAccount>> list();

    /// Checks `password` for the account `name`. A failure says only that the name or
    /// the password is wrong (the audit trail records which) and is NotAllowed.
    Result<User> signIn(const QString &name, const QByteArray &password);

    /// The user as the database knows them: when it has accounts, `user` must name an
    /// enabled one, and its stored role is the one that counts. A database without
    /// accounts (older files, tests) takes `user` as given.
    Result<User> confirm(const User &user);

private:
    Result<UserAccount> insert(const QString &name, engine::Role role, const QByteArray &password,
        const QString &createdBy, engine::Role creatorRole, const QString &detail);

    Store &m_store;
};

} // namespace model
