#include "runsummary.h"

#include "textformat.h"

namespace pwb {

void writeScoreRun(QTextStream &out, const model::ScoreRunInfo &run, const QString &currency)
{
    out << "Scored as run " << run.runId << " (" << terminalText(run.scoringVersion) << ", policy "
        << run.policyHash.left(12) << ")\n";
    out << "  exceptions       " << run.exceptionCount << '\n';
    out << "  total exposure   " << terminalText(currency) << ' ' << formatMoney(run.totalScore)
        << '\n';
    if (run.itemPlans >= 0) {
        out << "  item plans       " << run.itemPlans - run.plansKept << " solved ("
            << run.flowProblems << " flow problems, " << QString::number(run.planSeconds, 'f', 2)
            << " s of planning)";
        if (run.plansKept > 0)
            out << ", " << run.plansKept << " unchanged since the last run";
        out << '\n';
    }
    if (run.autoApproved > 0)
        out << "  auto-approved    " << run.autoApproved
            << " by the policy's auto_approve (pwb decisions --state auto)\n";
    if (!run.autoApprovalProblem.isEmpty())
        out << "  auto-approval    stopped: " << terminalText(run.autoApprovalProblem) << '\n';
}

model::Result<void> usePolicy(
    model::PolicyStore &policies, const QString &file, engine::Policy &policy)
{
    if (!file.isEmpty())
        return policies.checkRunPolicy(policy);
    auto governed = policies.effective();
    if (!governed)
        return std::unexpected(governed.error());
    policy = std::move(*governed);
    return {};
}

QString dateText(engine::Date date)
{
    return QString::fromStdString(engine::formatDate(date));
}

} // namespace pwb
