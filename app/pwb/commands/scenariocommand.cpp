// `pwb scenario`: network scenarios saved in the database. list, show, export and
// proposals read; save, import and delete change the saved scenarios (signed); run
// simulates one on the current snapshot and keeps its results; propose hands its plan
// to the planners as transfers, which approve and reject decide like the queue's
// recommendations.

#include "app/pwb/command.h"
#include "app/pwb/passwordprompt.h"
#include "app/pwb/textformat.h"
#include "model/json/policyjson.h"
#include "model/simulation/networksimulation.h"
#include "model/simulation/scenariojson.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

// Figures of a result's totals, as `pwb simulate` names them: key, label, kind.
struct Figure {
    const char *key;
    const char *label;
    char kind; ///< 'm' money, 'q' quantity, 'p' share
};
constexpr Figure kFigures[] = {{"units_moved", "Units moved", 'q'},
    {"transfer_cost", "Transfer cost", 'm'}, {"value_covered", "Value covered on time", 'm'},
    {"exposure_left", "Exposure left", 'm'}, {"fill_rate_tier1", "Fill rate, tier 1", 'p'},
    {"fill_rate_all", "Fill rate, all lines", 'p'}, {"objective", "Plan cost (objective)", 'm'}};

QString figureText(const Figure &f, double value, bool change)
{
    if (f.kind == 'p')
        return change ? formatNumber(100 * value) + u" pts"_s : formatPercent(value);
    return f.kind == 'm' ? formatMoney(value) : formatQuantity(value);
}

void writeResults(QTextStream &out, const QJsonObject &results)
{
    const QJsonObject base = results.value(u"base"_s).toObject();
    const QJsonObject with = results.value(u"with_scenario"_s).toObject();
    const QJsonObject diff = results.value(u"difference"_s).toObject();
    QList<QStringList> rows;
    for (const Figure &f : kFigures) {
        const QString key = QString::fromLatin1(f.key);
        rows.append({QString::fromLatin1(f.label), figureText(f, base.value(key).toDouble(), false),
            figureText(f, with.value(key).toDouble(), false),
            figureText(f, diff.value(key).toDouble(), true)});
    }
    out << renderTable(
        {{u"Figure"_s}, {u"Base"_s, true}, {u"Scenario"_s, true}, {u"Change"_s, true}}, rows,
        u"  "_s);
}

engine::Policy policyFor(
    const Invocation &invocation, model::Workbench &workbench, model::Error *error)
{
    auto policy = invocation.isSet(u"policy"_s) ? model::loadPolicy(invocation.value(u"policy"_s))
                                                : workbench.policies().effective();
    if (!policy) {
        *error = policy.error();
        return {};
    }
    return *policy;
}

void writeProposal(QTextStream &out, const model::Proposal &p)
{
    out << "Proposal " << p.id << " of scenario \"" << terminalText(p.scenarioName) << "\" by "
        << terminalText(p.author) << " at " << p.proposedAt << " (snapshot version "
        << p.snapshotVersion << ", run " << p.runId << ")";
    if (p.supersededBy > 0)
        out << ", superseded by proposal " << p.supersededBy;
    else if (!p.open)
        out << ", made on an earlier snapshot: run the scenario again";
    out << '\n';
    QList<QStringList> rows;
    for (const model::ProposedTransfer &t : p.transfers)
        rows.append({t.exceptionId(), t.itemId, t.fromLocationId, t.toLocationId,
            formatQuantity(t.qty), QString::fromStdString(engine::formatDate(t.shipDate)),
            QString::fromStdString(engine::formatDate(t.arrivalDate)), formatMoney(t.cost),
            formatMoney(t.valueCovered), formatMoney(t.latenessAvoided),
            t.decision.isEmpty() ? u"-"_s
                                 : t.decision + u" ("_s + t.decidedBy + u')'
                    + (t.exported ? u", exported"_s : QString())});
    out << renderTable(
        {{u"Id"_s}, {u"Item"_s}, {u"From"_s}, {u"To"_s}, {u"Qty"_s, true}, {u"Ships"_s},
            {u"Arrives"_s}, {u"Cost"_s, true}, {u"Value on time"_s, true},
            {u"Lateness avoided"_s, true}, {u"Decision"_s}},
        rows, u"  "_s)
        << '\n';
}

int runDecide(const Invocation &invocation, model::Workbench &workbench, const model::User &user,
    bool approve)
{
    QStringList ids;
    for (const QString &arg : invocation.positional().mid(1)) {
        bool whole = false;
        const qint64 proposalId = arg.toLongLong(&whole);
        if (!whole) {
            ids << arg;
            continue;
        }
        // A proposal's number: every transfer of it not decided yet, row by row.
        auto p = workbench.scenarios().proposal(proposalId);
        if (!p)
            return invocation.error(p.error());
        for (const model::ProposedTransfer &t : p->transfers) {
            if (t.decision.isEmpty() || t.decision == u"awaiting second approval"_s)
                ids << t.exceptionId();
        }
    }
    int refused = 0, failed = 0;
    for (const QString &id : std::as_const(ids)) {
        auto d = workbench.decisions().decideProposal(id,
            approve ? model::Decision::Approved : model::Decision::Rejected, user,
            invocation.value(u"comment"_s), invocation.value(u"reason"_s));
        if (!d) {
            invocation.err() << terminalText(id) << ": " << terminalText(d.error().message) << '\n';
            (d.error().code == model::Error::NotAllowed ? refused : failed) += 1;
            continue;
        }
        invocation.out() << (approve ? "Approved " : "Rejected ") << terminalText(id)
                         << " (decision " << d->id << ")"
                         << (d->awaitingCheck() ? ": awaits a second approver" : "") << '\n';
    }
    if (ids.isEmpty())
        invocation.out() << "Nothing left to decide.\n";
    return failed > 0 ? ExitBadInput : refused > 0 ? ExitNotAllowed : ExitOk;
}

int runScenario(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const QStringList args = invocation.positional();
    const QString &action = args.first();
    static const QStringList reads {u"list"_s, u"show"_s, u"export"_s, u"proposals"_s};
    static const QStringList signedActions {
        u"save"_s, u"import"_s, u"delete"_s, u"propose"_s, u"approve"_s, u"reject"_s};
    if (!reads.contains(action) && !signedActions.contains(action) && action != u"run"_s)
        return invocation.usageError(u"unknown action '"_s + action
            + u"' (list, show, save, import, export, delete, run, propose, proposals, approve "
              "or reject)"_s);
    const bool needsName = action != u"list"_s && action != u"proposals"_s;
    if (needsName && args.size() < 2)
        return invocation.usageError(action + u" needs "_s
            + (action == u"import"_s                                  ? u"a scenario FILE"_s
                    : action == u"approve"_s || action == u"reject"_s ? u"NP-ids or a proposal id"_s
                                                                      : u"a scenario NAME"_s));
    if (!needsName && args.size() > 1)
        return invocation.usageError(action + u" takes no argument"_s);
    if (args.size() > 2 && action != u"approve"_s && action != u"reject"_s)
        return invocation.usageError(u"one scenario at a time (quote a name with spaces)"_s);
    if (action == u"save"_s && !invocation.isSet(u"file"_s))
        return invocation.usageError(u"save needs --file FILE.json"_s);
    const QString userName = invocation.value(u"user"_s);
    if (signedActions.contains(action) && userName.isEmpty())
        return invocation.usageError(u"--user NAME is required: "_s + action + u" is signed"_s);

    std::optional<engine::simulation::Scenario> file;
    if (action == u"save"_s || action == u"import"_s) {
        auto loaded
            = model::loadScenario(action == u"save"_s ? invocation.value(u"file"_s) : args.at(1));
        if (!loaded)
            return invocation.error(loaded.error());
        file = std::move(*loaded);
        if (action == u"import"_s && file->name.empty())
            return invocation.error({model::Error::BadInput,
                args.at(1) + u" has no \"name\": name the scenario with save NAME --file."_s, {}});
    }
    auto workbench = Invocation::openExisting(
        db, reads.contains(action) ? model::OpenMode::ReadOnly : model::OpenMode::Existing);
    if (!workbench)
        return invocation.error(workbench.error());
    model::ScenarioStore &scenarios = (*workbench)->scenarios();
    QTextStream &out = invocation.out();

    if (action == u"list"_s) {
        auto all = scenarios.list();
        if (!all)
            return invocation.error(all.error());
        if (all->empty()) {
            out << "No saved scenario (pwb scenario save NAME --file FILE.json).\n";
            return ExitOk;
        }
        QList<QStringList> rows;
        for (const model::SavedScenario &s : *all)
            rows.append({s.name, QString::number(s.scenario.changes.size()), s.author, s.updatedAt,
                s.results.empty()
                    ? u"never run"_s
                    : u"version "_s + QString::number(s.results.front().snapshotVersion)});
        out << renderTable(
            {{u"Name"_s}, {u"Changes"_s, true}, {u"Author"_s}, {u"Updated"_s}, {u"Last run"_s}},
            rows, QString());
        return ExitOk;
    }
    if (action == u"proposals"_s) {
        auto all = scenarios.proposals(!invocation.isSet(u"all"_s));
        if (!all)
            return invocation.error(all.error());
        if (all->empty())
            out << "No open proposal (pwb scenario propose NAME).\n";
        for (const model::Proposal &p : *all)
            writeProposal(out, p);
        return ExitOk;
    }
    if (action == u"save"_s || action == u"import"_s) {
        auto user = signIn((*workbench)->users(), userName, invocation.err());
        if (!user)
            return invocation.error(user.error());
        const QString name = action == u"save"_s ? args.at(1) : QString::fromStdString(file->name);
        auto saved = scenarios.save(name, std::move(*file), *user);
        if (!saved)
            return invocation.error(saved.error());
        out << "Saved scenario \"" << terminalText(saved->name) << "\" ("
            << model::countOf(saved->scenario.changes.size(), u"change"_s, u"changes"_s) << ") as "
            << terminalText(user->name) << ".\n";
        return ExitOk;
    }
    if (action == u"approve"_s || action == u"reject"_s) {
        auto user = signIn((*workbench)->users(), userName, invocation.err());
        if (!user)
            return invocation.error(user.error());
        return runDecide(invocation, **workbench, *user, action == u"approve"_s);
    }
    auto found = scenarios.find(args.at(1));
    if (!found)
        return invocation.error(found.error());
    if (action == u"export"_s) {
        out << escapedJson(QString::fromUtf8(
            QJsonDocument(model::scenarioToJson(found->scenario)).toJson(QJsonDocument::Indented)));
        return ExitOk;
    }
    if (action == u"show"_s) {
        out << "Scenario \"" << terminalText(found->name) << "\" by " << terminalText(found->author)
            << ", created " << found->createdAt << ", updated " << found->updatedAt << " by "
            << terminalText(found->updatedBy) << '\n';
        out << escapedJson(QString::fromUtf8(
            QJsonDocument(model::scenarioToJson(found->scenario)).toJson(QJsonDocument::Indented)));
        for (const model::ScenarioResults &r : found->results) {
            out << "\nResults on snapshot "
                << terminalText(r.results.value(u"snapshot_id"_s).toString()) << " (version "
                << r.snapshotVersion << "), run " << r.runAt
                << (r.matchesScenario ? "" : ", before the scenario's last change") << '\n';
            writeResults(out, r.results);
        }
        return ExitOk;
    }
    if (action == u"delete"_s) {
        auto user = signIn((*workbench)->users(), userName, invocation.err());
        if (!user)
            return invocation.error(user.error());
        if (auto ok = scenarios.remove(found->name, *user); !ok)
            return invocation.error(ok.error());
        out << "Deleted scenario \"" << terminalText(found->name) << "\".\n";
        return ExitOk;
    }
    // run and propose: simulate it on the current snapshot.
    std::optional<model::User> user;
    if (action == u"propose"_s) {
        auto signedIn = signIn((*workbench)->users(), userName, invocation.err());
        if (!signedIn)
            return invocation.error(signedIn.error());
        user = *signedIn;
    }
    model::Error error;
    const engine::Policy policy = policyFor(invocation, **workbench, &error);
    if (!error.message.isEmpty())
        return invocation.error(error);
    engine::simulation::NetworkOptions options;
    options.keepInstance = false;
    auto run = model::simulateCurrent(**workbench, policy, found->scenario, options);
    if (!run)
        return invocation.error(run.error());
    auto results = scenarios.recordResults(found->id, *run);
    if (!results)
        return invocation.error(results.error());
    if (action == u"run"_s) {
        if (invocation.value(u"format"_s) == u"json"_s) {
            out << escapedJson(
                QString::fromUtf8(QJsonDocument(results->results).toJson(QJsonDocument::Indented)));
            return ExitOk;
        }
        out << "Scenario \"" << terminalText(found->name) << "\" on snapshot "
            << terminalText(run->info.snapshotId) << " (version " << run->info.version << ")\n";
        writeResults(out, results->results);
        return ExitOk;
    }
    auto proposal = scenarios.propose(found->id, *run, *user);
    if (!proposal)
        return invocation.error(proposal.error());
    writeProposal(out, *proposal);
    out << "Planners decide them with pwb scenario approve|reject (or the window's Network "
           "proposals queue).\n";
    return ExitOk;
}

} // namespace

Command scenarioCommand()
{
    return {u"scenario"_s,
        u"scenario list|proposals [--all] --db FILE | scenario show|export|run NAME --db FILE | "
        "scenario save NAME --file FILE.json --user NAME --db FILE | scenario import FILE.json "
        "--user NAME --db FILE | scenario delete|propose NAME --user NAME --db FILE | scenario "
        "approve|reject NP-ID...|PROPOSAL_ID --user NAME --db FILE"_s,
        u"Save, run and propose network scenarios"_s,
        u"Network scenarios (the files pwb simulate --scenario reads) saved in the database by "
        "name with their author. save stores a file under NAME (a new version when the name "
        "exists), import under the file's own name, export prints it back, delete removes it. "
        "run simulates it on the current snapshot and keeps the results per snapshot (show "
        "lists them). propose runs it and turns its plan into transfers for the planners "
        "(NP-<proposal>-<line>), superseding the scenario's earlier proposal; approve and "
        "reject decide them under the same rules as pwb decide (role and approval limits, a "
        "second approver, audit trail, planned supply, export), and refuse a proposal made on "
        "an earlier snapshot. A proposal number decides every transfer of it not decided yet. "
        "save, delete and propose are audit events. The password comes from PWB_PASSWORD or "
        "the terminal."_s,
        {dbOption(),
            {u"user"_s, u"Who saves, deletes, proposes or decides (signs in)."_s, u"name"_s},
            {u"file"_s, u"save: the scenario file (JSON; see docs/cli.md)."_s, u"file"_s},
            policyOption(),
            {u"format"_s, u"run: table (default) or json."_s, u"format"_s, u"table"_s},
            {u"all"_s, u"proposals: superseded ones and those of earlier snapshots too."_s},
            {u"comment"_s, u"approve, reject: a comment for the decision."_s, u"text"_s},
            {u"reason"_s, u"reject: a reason code (as pwb decide takes)."_s, u"code"_s}},
        1, 64, &runScenario};
}

} // namespace pwb
