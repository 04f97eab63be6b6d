// `pwb score`: the current snapshot scored again, as a new run.

#include "app/pwb/command.h"
#include "app/pwb/runsummary.h"
#include "app/pwb/textformat.h"

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

int runScore(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const auto policy = model::loadPolicy(invocation.value(u"policy"_s));
    if (!policy)
        return invocation.error(policy.error());
    auto workbench = Invocation::openExisting(db);
    if (!workbench)
        return invocation.error(workbench.error());
    const auto current = (*workbench)->snapshots().current();
    if (!current)
        return invocation.error(current.error());
    if (!*current)
        return invocation.error({model::Error::BadInput,
            u"The database holds no snapshot yet: run 'pwb import' first."_s, {}});

    TerminalProgress progress(invocation.err());
    const auto run = (*workbench)->runs().rescore(*policy, progress.progress());
    progress.finish();
    if (!run)
        return invocation.error(run.error());
    const model::SnapshotInfo &s = **current;
    invocation.out() << "Snapshot " << terminalText(s.snapshotId) << " (version " << s.version
                     << ", as of " << dateText(s.asOf) << ")\n";
    writeScoreRun(invocation.out(), *run, s.currency);
    return ExitOk;
}

} // namespace

Command scoreCommand()
{
    return {u"score"_s, u"score --db FILE [--policy FILE]"_s, u"Re-score the current snapshot"_s,
        u"Scores the current snapshot again, as a new run, with the given policy."_s,
        {dbOption(), policyOption()}, 0, 0, &runScore};
}

} // namespace pwb
