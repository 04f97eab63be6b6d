// `pwb user`: add a local account or list them. The first account of a database must
// be an admin; after that an admin signs in (--as) to add one.

#include "app/pwb/command.h"
#include "app/pwb/passwordprompt.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

QString roleText(engine::Role role)
{
    return QString::fromLatin1(engine::roleName(role));
}

int runAdd(const Invocation &invocation, const QString &db)
{
    const QStringList positional = invocation.positional();
    if (positional.size() < 2)
        return invocation.usageError(u"missing argument: NAME"_s);
    const QString &name = positional.at(1);
    if (!invocation.isSet(u"role"_s))
        return invocation.usageError(u"--role planner|manager|admin is required"_s);
    const auto role = engine::roleFromName(invocation.value(u"role"_s).toStdString());
    if (!role) {
        return invocation.usageError(
            u"unknown role '"_s + invocation.value(u"role"_s) + u"' (planner, manager or admin)"_s);
    }

    auto workbench = model::Workbench::open(db);
    if (!workbench)
        return invocation.error(workbench.error());
    model::UserStore &users = (*workbench)->users();
    auto any = users.hasAccounts();
    if (!any)
        return invocation.error(any.error());

    model::Result<model::UserAccount> added = std::unexpected(model::Error {});
    if (!*any) {
        if (*role != engine::Role::Admin) {
            // Refused before asking for a password that would not be used.
            return invocation.error(users.addFirst(name, *role, {}).error());
        }
        // Nobody to sign in as: the password given is the new admin's.
        const char *variable
            = qEnvironmentVariableIsSet("PWB_NEW_PASSWORD") ? "PWB_NEW_PASSWORD" : "PWB_PASSWORD";
        auto password = readPassword(variable,
            u"Password for the new admin \""_s + name + u"\": "_s, true, invocation.err());
        if (!password)
            return invocation.error(password.error());
        added = users.addFirst(name, *role, *password);
        wipe(*password);
    } else {
        const QString as = invocation.value(u"as"_s);
        if (as.isEmpty()) {
            return invocation.usageError(
                u"this database has accounts: an admin signs in with --as NAME to add one"_s);
        }
        auto adminPassword = readPassword(
            "PWB_PASSWORD", u"Password for "_s + as + u": "_s, false, invocation.err());
        if (!adminPassword)
            return invocation.error(adminPassword.error());
        auto admin = users.signIn(as, *adminPassword);
        wipe(*adminPassword);
        if (!admin)
            return invocation.error(admin.error());
        if (admin->role != engine::Role::Admin) {
            return invocation.error(model::Error {model::Error::NotAllowed,
                u"Adding an account needs the admin role; "_s + admin->name + u" is a "_s
                    + roleText(admin->role) + u'.',
                {}});
        }
        auto password = readPassword("PWB_NEW_PASSWORD",
            u"Password for the new account \""_s + name + u"\": "_s, true, invocation.err());
        if (!password)
            return invocation.error(password.error());
        added = users.add(*admin, name, *role, *password);
        wipe(*password);
    }
    if (!added)
        return invocation.error(added.error());
    invocation.out() << "Added " << roleText(added->role) << " account \"" << added->name
                     << "\" to " << QFileInfo(db).fileName() << ".\n";
    return ExitOk;
}

int runList(const Invocation &invocation, const QString &db)
{
    if (invocation.positional().size() > 1)
        return invocation.usageError(
            u"unexpected argument '"_s + invocation.positional().at(1) + u'\'');
    auto workbench = Invocation::openExisting(db);
    if (!workbench)
        return invocation.error(workbench.error());
    auto accounts = (*workbench)->users().list();
    if (!accounts)
        return invocation.error(accounts.error());
    if (accounts->empty()) {
        invocation.out() << "No accounts yet: 'pwb user add NAME --role admin' creates the "
                            "first admin.\n";
        return ExitOk;
    }
    qsizetype width = 4;
    for (const model::UserAccount &a : *accounts)
        width = std::max(width, a.name.size());
    QTextStream &out = invocation.out();
    out << u"NAME"_s.leftJustified(width) << "  ROLE     CREATED               BY\n";
    for (const model::UserAccount &a : *accounts) {
        out << a.name.leftJustified(width) << "  " << roleText(a.role).leftJustified(7) << "  "
            << a.createdAt.leftJustified(20) << "  " << a.createdBy
            << (a.disabled ? "  (disabled)" : "") << '\n';
    }
    return ExitOk;
}

int runUser(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const QString action = invocation.positional().first();
    if (action == u"add"_s)
        return runAdd(invocation, db);
    if (action == u"list"_s)
        return runList(invocation, db);
    return invocation.usageError(u"unknown action '"_s + action + u"' (add or list)"_s);
}

} // namespace

Command userCommand()
{
    return {u"user"_s,
        u"user add NAME --role planner|manager|admin --db FILE [--as ADMIN]\n"
        "       pwb user list --db FILE"_s,
        u"Add a local account, or list them"_s,
        u"Adds an account that may sign in to the workbench, or lists the accounts. The first "
        "account of a database must be an admin; its password comes from PWB_NEW_PASSWORD or "
        "PWB_PASSWORD, or is asked for on the terminal. After that, an admin signs in with --as "
        "(password from PWB_PASSWORD or the terminal) and the new account's password comes from "
        "PWB_NEW_PASSWORD or the terminal. Passwords are never taken from the command line."_s,
        {dbOption(),
            {u"role"_s, u"The new account's role: planner, manager or admin."_s, u"role"_s},
            {u"as"_s, u"The admin who adds the account (signs in)."_s, u"name"_s}},
        1, 2, &runUser};
}

} // namespace pwb
