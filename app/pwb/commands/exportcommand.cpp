// `pwb export`: the approved transfers, expedites and purchases not exported yet, as
// one batch for the ERP (one file, or one per entity or supplier); or a batch written
// again.

#include "app/pwb/command.h"
#include "app/pwb/passwordprompt.h"
#include "app/pwb/textformat.h"

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

void printFiles(QTextStream &out, const QStringList &paths)
{
    if (paths.size() == 1) {
        out << ": " << terminalText(paths.front()) << '\n';
        return;
    }
    out << ":\n";
    for (const QString &path : paths)
        out << "  " << terminalText(path) << '\n';
}

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
        return invocation.usageError(u"unknown format '"_s + invocation.value(u"format"_s)
            + u"' (json, csv, odoo, d365 or x12)"_s);
    model::ExportOptions options;
    if (invocation.isSet(u"x12-sender"_s))
        options.x12SenderId = invocation.value(u"x12-sender"_s);

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
            << model::countOf(std::size_t(batch->recordCount), u"record"_s, u"records"_s) << ", "
            << batch->format << ")";
        printFiles(out, batch->filePaths);
        return ExitOk;
    }

    const QString name = invocation.value(u"user"_s);
    if (name.isEmpty())
        return invocation.usageError(u"--user NAME is required: exports are signed"_s);
    auto user = signIn((*workbench)->users(), name, invocation.err());
    if (!user)
        return invocation.error(user.error());
    auto batch = exporter.exportApproved(folder, format, *user, options);
    if (!batch)
        return invocation.error(batch.error());
    if (batch->batchId == 0 && format == model::ExportFormat::X12) {
        out << "Nothing to export as X12 860: it carries expedites only, and no approved "
               "expedite awaits export.\n";
        if (batch->leftForOtherFormats > 0)
            out << "  "
                << model::countOf(std::size_t(batch->leftForOtherFormats),
                       u"approved transfer or purchase awaits"_s,
                       u"approved transfers and purchases await"_s)
                << " export in another format (json, csv, odoo or d365).\n";
        return ExitOk;
    }
    if (batch->batchId == 0) {
        out << "Nothing to export: every approved transfer, expedite and purchase is in a "
               "batch already.\n";
        return ExitOk;
    }
    out << "Exported "
        << model::countOf(
               std::size_t(batch->recordCount), u"approved action"_s, u"approved actions"_s)
        << " as batch " << batch->batchId;
    printFiles(out, batch->filePaths);
    out << "  audit chain hash " << batch->chainHash << '\n';
    if (batch->leftForOtherFormats > 0)
        out << "  "
            << model::countOf(std::size_t(batch->leftForOtherFormats),
                   u"approved transfer or purchase is"_s, u"approved transfers and purchases are"_s)
            << " left for another format: X12 860 carries expedites only.\n";
    return ExitOk;
}

} // namespace

Command exportCommand()
{
    return {u"export"_s,
        u"export --db FILE --out DIR --user NAME [--format json|csv|odoo|d365|x12]\n"
        "       pwb export --db FILE --out DIR --resend BATCH"_s,
        u"Export approved actions for the ERP"_s,
        u"Writes every approved or overridden transfer, expedite and purchase that no batch "
        "holds yet (or that the ERP acknowledged as failed) into one new batch in DIR: "
        "pwb-export-NNNNNN.json or .csv, each record with a stable idempotency key and the "
        "audit trail's latest hash; or Odoo import files, Dynamics 365 data management "
        "files, or X12 860 purchase order changes (expedites only, one interchange per "
        "supplier). The batch and its decisions are recorded in the database first; each "
        "file is then written whole or not at all. Running it again exports nothing new; "
        "--resend writes a batch again, the same bytes. The password comes from "
        "PWB_PASSWORD or the terminal."_s,
        {dbOption(), {u"out"_s, u"The folder for the batch file."_s, u"dir"_s},
            {u"user"_s, u"Who exports (signs in)."_s, u"name"_s},
            {u"format"_s, u"json (default), csv, odoo, d365 or x12."_s, u"format"_s, u"json"_s},
            {u"x12-sender"_s, u"x12: the interchange sender id (ISA06), PWB if not given."_s,
                u"id"_s},
            {u"resend"_s, u"Write this batch again."_s, u"batch"_s}},
        0, 0, &runExport};
}

} // namespace pwb
