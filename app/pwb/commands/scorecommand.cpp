// `pwb score`: the current snapshot scored again, as a new run.

#include "app/pwb/command.h"
#include "app/pwb/runsummary.h"
#include "app/pwb/textformat.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

int runScore(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const QString policyFile = invocation.value(u"policy"_s);
    auto policy = model::loadPolicy(policyFile);
    if (!policy)
        return invocation.error(policy.error());
    auto workbench = Invocation::openExisting(db, model::OpenMode::Existing);
    if (!workbench)
        return invocation.error(workbench.error());
    // The database's governed policy, unless the run is given one; once there is a
    // governed policy, a run given another is refused.
    if (auto governed = usePolicy((*workbench)->policies(), policyFile, *policy); !governed)
        return invocation.error(governed.error());
    const auto current = (*workbench)->snapshots().current();
    if (!current)
        return invocation.error(current.error());
    if (!*current)
        return invocation.error({model::Error::BadInput,
            u"The database holds no snapshot yet: run 'pwb import' first."_s, {}});

    TerminalProgress progress(invocation.err());
    const auto run
        = (*workbench)->runs().rescore(*policy, progress.progress(), invocation.isSet(u"replan"_s));
    progress.finish();
    if (!run)
        return invocation.error(run.error());
    // The snapshot the run belongs to, which an import may have made other than the
    // one read above before the run was written.
    const auto scored = (*workbench)->snapshots().list();
    if (!scored)
        return invocation.error(scored.error());
    const auto it = std::find_if(scored->begin(), scored->end(),
        [&](const model::SnapshotInfo &info) { return info.version == run->snapshotVersion; });
    const model::SnapshotInfo &s = it != scored->end() ? *it : **current;
    invocation.out() << "Snapshot " << terminalText(s.snapshotId) << " (version " << s.version
                     << ", as of " << dateText(s.asOf) << ")\n";
    writeScoreRun(invocation.out(), *run, s.currency);
    return ExitOk;
}

} // namespace

Command scoreCommand()
{
    return {u"score"_s, u"score --db FILE [--policy FILE] [--replan]"_s,
        u"Re-score the current snapshot"_s,
        u"Scores the current snapshot again, as a new run, with the given policy. Items whose "
        u"plan input is the same as in the last run keep its plan; --replan solves every "
        u"item's plan again (the result is the same)."_s,
        {dbOption(), policyOption(),
            {u"replan"_s, u"Solve every item's plan again instead of keeping unchanged ones."_s}},
        0, 0, &runScore};
}

} // namespace pwb
