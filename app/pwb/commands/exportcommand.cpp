// `pwb export`: the approved transfers, expedites and purchases not exported yet, as
// one batch file for the ERP; or a batch written again.

#include "app/pwb/command.h"
#include "app/pwb/passwordprompt.h"
#include "app/pwb/textformat.h"

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

int runExport(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const QString folder = invocation.value(u"out"_s);
    if (folder.isEmpty())
        return invocation.usageError(u"--out DIR is required: where the batch file goes"_s);
    model::ExportFormat format {};
    if (!model::parseExportFormat(invocation.value(u"format"_s), format))
        return invocation.usageError(
            u"unknown format '"_s + invocation.value(u"format"_s) + u"' (json or csv)"_s);

    auto workbench = Invocation::openExisting(db, model::OpenMode::Existing);
    if (!workbench)
        return invocation.error(workbench.error());
    model::ExportStore &exporter = (*workbench)->exporter();
    QTextStream &out = invocation.out();

    if (invocation.isSet(u"resend"_s)) {
        bool ok = false;
        const qint64 batchId = invocation.value(u"resend"_s).toLongLong(&ok);
        if (!ok || batchId < 1)
            return invocation.usageError(u"--resend takes a batch number"_s);
        auto batch = exporter.resend(batchId, folder);
        if (!batch)
            return invocation.error(batch.error());
        out << "Wrote batch " << batch->batchId << " again ("
            << model::countOf(std::size_t(batch->recordCount), u"record"_s, u"records"_s)
            << "): " << terminalText(batch->filePath) << '\n';
        return ExitOk;
    }

    const QString name = invocation.value(u"user"_s);
    if (name.isEmpty())
        return invocation.usageError(u"--user NAME is required: exports are signed"_s);
    auto user = signIn((*workbench)->users(), name, invocation.err());
    if (!user)
        return invocation.error(user.error());
    auto batch = exporter.exportApproved(folder, format, *user);
    if (!batch)
        return invocation.error(batch.error());
    if (batch->batchId == 0) {
        out << "Nothing to export: every approved transfer, expedite and purchase is in a "
               "batch already.\n";
        return ExitOk;
    }
    out << "Exported "
        << model::countOf(
               std::size_t(batch->recordCount), u"approved action"_s, u"approved actions"_s)
        << " as batch " << batch->batchId << ": " << terminalText(batch->filePath) << '\n'
        << "  audit chain hash " << batch->chainHash << '\n';
    return ExitOk;
}

} // namespace

Command exportCommand()
{
    return {u"export"_s,
        u"export --db FILE --out DIR --user NAME [--format json|csv]\n"
        "       pwb export --db FILE --out DIR --resend BATCH"_s,
        u"Export approved actions for the ERP"_s,
        u"Writes every approved or overridden transfer, expedite and purchase that no batch "
        "holds yet into one new batch file in DIR (pwb-export-NNNNNN.json or .csv), each "
        "record with a stable idempotency key, and the audit trail's latest hash. The batch "
        "and its decisions are recorded in the database first; the file is then written "
        "whole or not at all. Running it again exports nothing new; --resend writes a "
        "batch again, the same bytes. The password comes from PWB_PASSWORD or the "
        "terminal."_s,
        {dbOption(), {u"out"_s, u"The folder for the batch file."_s, u"dir"_s},
            {u"user"_s, u"Who exports (signs in)."_s, u"name"_s},
            {u"format"_s, u"json (default) or csv."_s, u"format"_s, u"json"_s},
            {u"resend"_s, u"Write this batch again."_s, u"batch"_s}},
        0, 0, &runExport};
}

} // namespace pwb
