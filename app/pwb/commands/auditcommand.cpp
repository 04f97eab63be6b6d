// `pwb audit verify`: walks the audit trail's hash chain and names the first event
// that was edited, removed or inserted.

#include "app/pwb/command.h"

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

int runAudit(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const QString action = invocation.positional().first();
    if (action != u"verify"_s)
        return invocation.usageError(u"unknown action '"_s + action + u"' (verify)"_s);
    auto workbench = Invocation::openExisting(db);
    if (!workbench)
        return invocation.error(workbench.error());
    auto check = (*workbench)->audit().verify();
    if (!check)
        return invocation.error(check.error());
    if (!check->intact) {
        return invocation.error(model::Error {model::Error::BadInput,
            u"The audit trail is broken at event "_s + QString::number(check->brokenAt) + u". "_s
                + check->problem,
            {u"The "_s + model::countOf(std::size_t(check->eventCount), u"event"_s, u"events"_s)
                + u" before it are intact."_s}});
    }
    QTextStream &out = invocation.out();
    out << "Audit trail intact: "
        << model::countOf(std::size_t(check->eventCount), u"event"_s, u"events"_s) << ".\n";
    if (check->eventCount > 0)
        out << "Latest hash: " << check->latestHash << '\n';
    return ExitOk;
}

} // namespace

Command auditCommand()
{
    return {u"audit"_s, u"audit verify --db FILE"_s, u"Check the audit trail for tampering"_s,
        u"Walks the audit trail from its first event, checking that each event still matches "
        "its SHA-256 hash and names the hash of the event before it. Names the first event that "
        "was edited, removed or inserted (exit 2), or prints the number of events and the latest "
        "hash: keep that hash elsewhere to catch later removal of the last events."_s,
        {dbOption()}, 1, 1, &runAudit};
}

} // namespace pwb
