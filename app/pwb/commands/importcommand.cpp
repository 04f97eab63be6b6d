// `pwb import`: a snapshot folder or .zip becomes the next snapshot version, scored.

#include "app/pwb/command.h"
#include "app/pwb/runsummary.h"
#include "app/pwb/textformat.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

int runImport(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const QString policyFile = invocation.value(u"policy"_s);
    auto policy = model::loadPolicy(policyFile);
    if (!policy)
        return invocation.error(policy.error());
    const QString snapshot = invocation.positional().first();
    if (!QFileInfo::exists(snapshot))
        return invocation.error(
            {model::Error::BadInput, snapshot + u": no such snapshot folder or .zip file"_s, {}});
    auto workbench = model::Workbench::open(db);
    if (!workbench)
        return invocation.error(workbench.error());
    // The database's governed policy, unless the run is given one; once there is a
    // governed policy, a run given another is refused.
    if (auto governed = usePolicy((*workbench)->policies(), policyFile, *policy); !governed)
        return invocation.error(governed.error());

    TerminalProgress progress(invocation.err());
    const auto summary
        = (*workbench)->importer().importSnapshot(snapshot, *policy, progress.progress());
    progress.finish();
    if (!summary)
        return invocation.error(summary.error());
    QTextStream &out = invocation.out();
    for (const QString &warning : summary->warnings)
        invocation.err() << warning << '\n';

    const model::SnapshotInfo &s = summary->snapshot;
    out << "Imported snapshot " << terminalText(s.snapshotId) << " as version " << s.version
        << '\n';
    out << "  as of            " << dateText(s.asOf) << '\n';
    out << "  currency         " << terminalText(s.currency) << '\n';
    if (!s.sourceSystem.isEmpty())
        out << "  source           " << terminalText(s.sourceSystem) << '\n';
    out << "  SKU-locations    " << formatQuantity(double(s.itemLocationCount)) << '\n';
    if (!summary->warnings.isEmpty())
        out << "  warnings         " << summary->warnings.size() << " (on stderr)\n";
    writeScoreRun(out, summary->run, s.currency);
    return ExitOk;
}

} // namespace

Command importCommand()
{
    return {u"import"_s, u"import SNAPSHOT_DIR|ZIP --db FILE [--policy FILE]"_s,
        u"Import a snapshot folder or .zip and score it"_s,
        u"Imports an erp-snapshot/1 folder or .zip as a new snapshot version and scores it. "
        "Prints a summary; warnings go to stderr. On any error nothing in the database "
        "changes and every problem is listed as file:line:column: error: field: message."_s,
        {dbOption(), policyOption()}, 1, 1, &runImport};
}

} // namespace pwb
