// `pwb policy`: the database's governed policy. show prints it (the one in force, or
// a stored version), list its versions, set proposes a new one (a manager or an
// admin), approve puts a pending one in force (another manager or admin).

#include "app/pwb/command.h"
#include "app/pwb/passwordprompt.h"
#include "app/pwb/textformat.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

void writeVersion(QTextStream &out, const model::StoredPolicy &p)
{
    out << "policy " << p.id << " (hash " << p.hash.left(12) << "), set by "
        << terminalText(p.editedBy) << " at " << p.editedAt;
    if (p.approved())
        out << ", approved by " << terminalText(p.approvedBy) << " at " << p.approvedAt;
    else
        out << ", pending approval";
    out << '\n';
}

int runShow(const Invocation &invocation, model::Workbench &workbench)
{
    model::Result<std::optional<model::StoredPolicy>> shown = std::optional<model::StoredPolicy> {};
    if (invocation.positional().size() > 1) {
        bool ok = false;
        const qint64 id = invocation.positional().at(1).toLongLong(&ok);
        if (!ok || id < 1)
            return invocation.usageError(u"show takes a policy id (pwb policy list)"_s);
        auto all = workbench.policies().list();
        if (!all)
            return invocation.error(all.error());
        for (model::StoredPolicy &p : *all) {
            if (p.id == id)
                shown = std::move(p);
        }
        if (!*shown)
            return invocation.error({model::Error::BadInput,
                u"There is no policy "_s + QString::number(id) + u'.', {}});
    } else {
        shown = workbench.policies().current();
        if (!shown)
            return invocation.error(shown.error());
    }
    const engine::Policy policy = *shown ? (*shown)->policy : engine::Policy {};
    if (*shown)
        writeVersion(invocation.err(), **shown);
    else
        invocation.err() << "No stored policy: runs use the built-in default.\n";
    invocation.out() << escapedJson(QString::fromUtf8(
        QJsonDocument(model::policyToJson(policy)).toJson(QJsonDocument::Indented)));
    return ExitOk;
}

int runPolicy(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const QStringList args = invocation.positional();
    const QString &action = args.first();
    const bool writes = action == u"set"_s || action == u"approve"_s;
    if (!writes && action != u"show"_s && action != u"list"_s)
        return invocation.usageError(
            u"unknown action '"_s + action + u"' (show, list, set or approve)"_s);
    if (writes && args.size() != 2)
        return invocation.usageError(
            action == u"set"_s ? u"set takes the policy FILE"_s : u"approve takes the policy ID"_s);
    const QString name = invocation.value(u"user"_s);
    if (writes && name.isEmpty())
        return invocation.usageError(u"--user NAME is required: policy changes are signed"_s);
    engine::Policy proposed;
    qint64 id = 0;
    if (action == u"set"_s) {
        auto loaded = model::loadPolicy(args.at(1));
        if (!loaded)
            return invocation.error(loaded.error());
        proposed = std::move(*loaded);
    } else if (action == u"approve"_s) {
        bool ok = false;
        id = args.at(1).toLongLong(&ok);
        if (!ok || id < 1)
            return invocation.usageError(u"approve takes a policy id (pwb policy list)"_s);
    }
    auto workbench = Invocation::openExisting(
        db, writes ? model::OpenMode::Existing : model::OpenMode::ReadOnly);
    if (!workbench)
        return invocation.error(workbench.error());
    model::PolicyStore &policies = (*workbench)->policies();
    if (action == u"show"_s)
        return runShow(invocation, **workbench);
    if (action == u"list"_s) {
        auto all = policies.list();
        if (!all)
            return invocation.error(all.error());
        if (all->empty())
            invocation.out() << "No stored policy: runs use the built-in default.\n";
        for (const model::StoredPolicy &p : *all)
            writeVersion(invocation.out(), p);
        return ExitOk;
    }
    auto user = signIn((*workbench)->users(), name, invocation.err());
    if (!user)
        return invocation.error(user.error());
    if (action == u"set"_s) {
        auto before = policies.effective();
        if (!before)
            return invocation.error(before.error());
        auto stored = policies.propose(proposed, *user);
        if (!stored)
            return invocation.error(stored.error());
        invocation.out() << "Set policy " << stored->id << " (hash " << stored->hash.left(12)
                         << ") as " << terminalText(user->name)
                         << ": pending until another manager or admin approves it (pwb policy "
                            "approve "
                         << stored->id << ").\n";
        for (const QString &change : model::PolicyStore::changedFields(*before, proposed))
            invocation.out() << "  " << terminalText(change) << '\n';
        return ExitOk;
    }
    auto approved = policies.approve(id, *user);
    if (!approved)
        return invocation.error(approved.error());
    invocation.out() << "Approved policy " << approved->id << " (hash " << approved->hash.left(12)
                     << ", set by " << terminalText(approved->editedBy) << ") as "
                     << terminalText(user->name)
                     << ": the next run (pwb score, pwb import) uses it.\n";
    return ExitOk;
}

} // namespace

Command policyCommand()
{
    return {u"policy"_s,
        u"policy show [ID]|list --db FILE | policy set FILE --user NAME --db FILE | policy "
        "approve ID --user NAME --db FILE"_s,
        u"Show, set or approve the governed policy"_s,
        u"The database's policy, which runs use when they are given none. show prints the one "
        "in force (or version ID) as JSON, which set takes back once edited; list lists the "
        "versions. set proposes a new version: a manager or an admin only (a planner: exit 4); "
        "it is pending until another manager or admin approves it with approve (never its own "
        "editor: exit 4). Once a policy is in force, pwb import and pwb score refuse a --policy "
        "that differs from it (exit 4). Every step, and every refused attempt, is an audit event "
        "with the hashes before and after and the fields that changed. The password comes from "
        "PWB_PASSWORD or the terminal."_s,
        {dbOption(), {u"user"_s, u"Who sets or approves (signs in)."_s, u"name"_s}}, 1, 2,
        &runPolicy};
}

} // namespace pwb
