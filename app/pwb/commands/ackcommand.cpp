// `pwb ack`: the ERP's acknowledgements of exported records, read back into the
// database: each record accepted (done) or failed (exported again by the next batch).

#include "app/pwb/command.h"
#include "app/pwb/passwordprompt.h"
#include "app/pwb/textformat.h"

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

int runAck(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const QString name = invocation.value(u"user"_s);
    if (name.isEmpty())
        return invocation.usageError(u"--user NAME is required: acknowledgements are signed"_s);
    const QString file = invocation.positional().first();

    auto workbench = Invocation::openExisting(db, model::OpenMode::Existing);
    if (!workbench)
        return invocation.error(workbench.error());
    auto user = signIn((*workbench)->users(), name, invocation.err());
    if (!user)
        return invocation.error(user.error());
    auto report = (*workbench)->exporter().acknowledge(file, *user);
    if (!report)
        return invocation.error(report.error());

    QTextStream &out = invocation.out();
    out << "Acknowledged "
        << model::countOf(std::size_t(report->accepted + report->failed), u"record"_s, u"records"_s)
        << ": " << report->accepted << " accepted, " << report->failed << " failed";
    if (report->unchanged > 0)
        out << "; "
            << model::countOf(std::size_t(report->unchanged), u"line repeats"_s, u"lines repeat"_s)
            << " an earlier acknowledgement";
    out << ".\n";
    if (report->failed > 0)
        out << "  The failed ones go out again with the next pwb export.\n";
    if (report->notApplied.isEmpty())
        return ExitOk;
    QTextStream &err = invocation.err();
    err << "pwb ack: "
        << model::countOf(std::size_t(report->notApplied.size()), u"line was"_s, u"lines were"_s)
        << " not applied (the others were):\n";
    for (const model::AckProblem &p : std::as_const(report->notApplied))
        err << "  " << terminalText(file) << ':' << p.line << ": " << p.key << ": "
            << terminalText(p.problem) << '\n';
    return ExitBadInput;
}

} // namespace

Command ackCommand()
{
    return {u"ack"_s, u"ack FILE --db FILE --user NAME"_s,
        u"Read the ERP's acknowledgements of exported records"_s,
        u"Reads a CSV file from the ERP with the header idempotency_key,status,erp_reference,"
        "message, one line per exported record, status accepted or failed (rejected means "
        "failed). Each record is marked with the answer, and each answer is an audit event; "
        "an accepted record is never exported again, a failed one goes out again with the "
        "next pwb export. A malformed file changes nothing (exit 2, naming the line and "
        "field). Keys no batch holds, and keys on several lines, are not applied and are "
        "listed with their line numbers (exit 2, the other lines applied). pwb decisions "
        "shows each decision's state. The password comes from PWB_PASSWORD or the "
        "terminal."_s,
        {dbOption(), {u"user"_s, u"Who records the answers (signs in)."_s, u"name"_s}}, 1, 1,
        &runAck};
}

} // namespace pwb
