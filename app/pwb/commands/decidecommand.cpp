// `pwb decide`: approve or reject a recommendation of the latest run as a signed-in
// user, under the same role rule as the window (model::DecisionStore enforces it).

#include "app/pwb/command.h"
#include "app/pwb/passwordprompt.h"
#include "app/pwb/textformat.h"

#include <QFile>
#include <QHash>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

/// The recommendation a decision names by default: the first the window would approve
/// (one that arrives in time, or the item plan's own), else the first listed.
QString reasonCodeList()
{
    QStringList codes;
    for (const model::ReasonCode &r : model::reasonCodes())
        codes << QString::fromLatin1(r.code);
    return codes.join(u", "_s);
}

int defaultRecommendation(const engine::ExceptionRecord &x)
{
    for (std::size_t i = 0; i < x.recommendations.size(); ++i) {
        const engine::Recommendation &r = x.recommendations[i];
        if (r.feasible || r.inPlan)
            return int(i);
    }
    return 0;
}

/// The exceptions `pwb decide --approve-all` goes through: those of the latest run of
/// `type`, in rank order, or those listed in `idsFile` (one id a line).
model::Result<QStringList> batchIds(
    const model::Queue &queue, const QString &type, const QString &idsFile)
{
    QStringList ids;
    if (!idsFile.isEmpty()) {
        QFile file(idsFile);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
            return std::unexpected(model::Error {model::Error::BadInput,
                u"Cannot read "_s + idsFile + u": "_s + file.errorString(), {}});
        }
        for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
            const QString id = line.trimmed();
            if (!id.isEmpty() && !id.startsWith(u'#'))
                ids << id;
        }
        return ids;
    }
    engine::ExceptionType wanted {};
    engine::parseExceptionType(type.toStdString(), wanted);
    for (qsizetype r = 0; r < queue.size(); ++r) {
        if (queue.type[std::size_t(r)] == quint8(wanted))
            ids << queue.exceptionId(r);
    }
    return ids;
}

/// `pwb decide --approve-all`: approves, row by row, what the policy lets the user
/// approve, and says which rows it skipped and why.
int runApproveAll(const Invocation &invocation, const QString &db, const QString &name)
{
    const QString type = invocation.value(u"type"_s), idsFile = invocation.value(u"ids"_s);
    if (type.isEmpty() == idsFile.isEmpty())
        return invocation.usageError(u"--approve-all takes one of --type TYPE and --ids FILE"_s);
    engine::ExceptionType parsed {};
    if (!type.isEmpty() && !engine::parseExceptionType(type.toStdString(), parsed))
        return invocation.usageError(u"unknown exception type '"_s + type + u"'"_s);
    if (!invocation.positional().isEmpty() || invocation.isSet(u"reject"_s)
        || invocation.isSet(u"quantity"_s) || invocation.isSet(u"recommendation"_s))
        return invocation.usageError(
            u"--approve-all approves each exception's first feasible recommendation: it takes "
            "no EXCEPTION_ID, --reject, --quantity or --recommendation"_s);
    auto workbench = Invocation::openExisting(db, model::OpenMode::Existing);
    if (!workbench)
        return invocation.error(workbench.error());
    auto queue = (*workbench)->runs().queue();
    if (!queue)
        return invocation.error(queue.error());
    auto ids = batchIds(*queue, type, idsFile);
    if (!ids)
        return invocation.error(ids.error());
    QHash<QString, quint8> decided;
    for (qsizetype r = 0; r < queue->size(); ++r)
        decided.insert(queue->exceptionId(r), queue->decision[std::size_t(r)]);
    auto user = signIn((*workbench)->users(), name, invocation.err());
    if (!user)
        return invocation.error(user.error());

    QStringList skipped;
    int approved = 0;
    bool refused = false;
    const QString comment = invocation.value(u"comment"_s);
    for (const QString &id : std::as_const(*ids)) {
        if (decided.value(id) != model::Decision::None) {
            skipped << id + u": decided already"_s;
            continue;
        }
        auto explanation = (*workbench)->runs().explainException(id);
        if (!explanation) {
            skipped << id + u": "_s + explanation.error().message;
            continue;
        }
        const engine::ExceptionRecord &x = *explanation->exception;
        const int index = x.recommendations.empty() ? -1 : defaultRecommendation(x);
        if (index < 0
            || (!x.recommendations[std::size_t(index)].feasible
                && !x.recommendations[std::size_t(index)].inPlan)) {
            skipped << id + u": no feasible action to approve"_s;
            continue;
        }
        const engine::ApprovalNeed need
            = model::DecisionStore::approvalNeed(x.recommendations[std::size_t(index)],
                model::Decision::Approved, 0.0, x.worstTier, explanation->policy);
        if (!engine::roleCovers(user->role, need.role)) {
            refused = true;
            skipped << id + u": needs the "_s + QString::fromLatin1(engine::roleName(need.role))
                    + u" role (the policy's "_s
                    + QString::fromStdString(engine::describeRule(explanation->policy, need))
                    + u')';
            continue;
        }
        auto decision = (*workbench)
                            ->decisions()
                            .record(id, index, model::Decision::Approved, *user, comment);
        if (!decision) {
            if (decision.error().code != model::Error::NotAllowed)
                return invocation.error(decision.error());
            refused = true;
            skipped << id + u": "_s + decision.error().message;
            continue;
        }
        ++approved;
    }
    QTextStream &out = invocation.out();
    out << "Approved " << approved << " of "
        << model::countOf(std::size_t(ids->size()), u"exception"_s, u"exceptions"_s) << " as "
        << terminalText(user->name) << " (" << QString::fromLatin1(engine::roleName(user->role))
        << ")";
    if (skipped.isEmpty()) {
        out << ".\n";
        return ExitOk;
    }
    out << "; skipped " << skipped.size() << ":\n";
    for (const QString &line : std::as_const(skipped))
        out << "  " << terminalText(line) << '\n';
    return refused ? ExitNotAllowed : ExitOk;
}

/// `pwb decide --undo ID`: takes a decision back, a person's or the system's.
int runUndo(const Invocation &invocation, const QString &db, const QString &name)
{
    bool ok = false;
    const qint64 id = invocation.value(u"undo"_s).toLongLong(&ok);
    if (!ok || id < 1)
        return invocation.usageError(u"--undo takes a decision id (pwb decisions lists them)"_s);
    if (!invocation.positional().isEmpty() || invocation.isSet(u"approve"_s)
        || invocation.isSet(u"reject"_s))
        return invocation.usageError(u"--undo takes a decision id alone"_s);
    auto workbench = Invocation::openExisting(db, model::OpenMode::Existing);
    if (!workbench)
        return invocation.error(workbench.error());
    auto user = signIn((*workbench)->users(), name, invocation.err());
    if (!user)
        return invocation.error(user.error());
    if (auto undone = (*workbench)->decisions().undo(id, *user); !undone)
        return invocation.error(undone.error());
    invocation.out() << "Undid decision " << id << " as " << terminalText(user->name) << ".\n";
    return ExitOk;
}

int runDecide(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    if (invocation.isSet(u"approve-all"_s)) {
        if (invocation.value(u"user"_s).isEmpty())
            return invocation.usageError(u"--user NAME is required: decisions are signed"_s);
        return runApproveAll(invocation, db, invocation.value(u"user"_s));
    }
    if (invocation.isSet(u"undo"_s)) {
        if (invocation.value(u"user"_s).isEmpty())
            return invocation.usageError(u"--user NAME is required: an undo is signed"_s);
        return runUndo(invocation, db, invocation.value(u"user"_s));
    }
    if (invocation.positional().size() != 1)
        return invocation.usageError(u"name one EXCEPTION_ID (or --undo DECISION_ID)"_s);
    const bool approve = invocation.isSet(u"approve"_s), reject = invocation.isSet(u"reject"_s);
    if (approve == reject)
        return invocation.usageError(u"give exactly one of --approve and --reject"_s);
    const QString name = invocation.value(u"user"_s);
    if (name.isEmpty())
        return invocation.usageError(u"--user NAME is required: decisions are signed"_s);
    int index = -1;
    if (invocation.isSet(u"recommendation"_s)) {
        bool ok = false;
        const int n = invocation.value(u"recommendation"_s).toInt(&ok);
        if (!ok || n < 1)
            return invocation.usageError(u"--recommendation takes the number pwb explain "
                                         "shows: 1 for the first"_s);
        index = n - 1;
    }
    double quantity = 0;
    if (invocation.isSet(u"quantity"_s)) {
        bool ok = false;
        quantity = invocation.value(u"quantity"_s).toDouble(&ok);
        if (!ok || !(quantity > 0))
            return invocation.usageError(u"--quantity takes a positive number of units"_s);
        if (!approve)
            return invocation.usageError(
                u"--quantity approves another quantity (an override): use it with --approve"_s);
        if (!invocation.isSet(u"reason"_s))
            return invocation.usageError(
                u"an override (--quantity) needs --reason: one of "_s + reasonCodeList());
    }
    const QString reason = invocation.value(u"reason"_s);
    if (!reason.isEmpty() && !model::isReasonCode(reason))
        return invocation.usageError(
            u"unknown reason '"_s + reason + u"' (one of "_s + reasonCodeList() + u')');
    if (approve && !reason.isEmpty() && quantity <= 0)
        return invocation.usageError(
            u"--reason goes with --reject or with an override (--quantity)"_s);
    const QString exceptionId = invocation.positional().first();

    auto workbench = Invocation::openExisting(db, model::OpenMode::Existing);
    if (!workbench)
        return invocation.error(workbench.error());
    auto explanation = (*workbench)->runs().explainException(exceptionId);
    if (!explanation)
        return invocation.error(explanation.error());
    const engine::ExceptionRecord &x = *explanation->exception;
    if (x.recommendations.empty()) {
        return invocation.error(model::Error {
            model::Error::BadInput, exceptionId + u" has no recommendation to decide on."_s, {}});
    }
    if (index < 0) {
        index = defaultRecommendation(x);
        const engine::Recommendation &r = x.recommendations[std::size_t(index)];
        if (approve && !r.feasible && !r.inPlan) {
            return invocation.error(model::Error {model::Error::BadInput,
                exceptionId
                    + u" has no feasible action to approve; name one with "
                      "--recommendation N to approve it anyway."_s,
                {}});
        }
    } else if (std::size_t(index) >= x.recommendations.size()) {
        return invocation.error(model::Error {model::Error::BadInput,
            exceptionId + u" has "_s
                + model::countOf(
                    x.recommendations.size(), u"recommendation"_s, u"recommendations"_s)
                + u"; there is no number "_s + QString::number(index + 1) + u'.',
            {}});
    }

    auto user = signIn((*workbench)->users(), name, invocation.err());
    if (!user)
        return invocation.error(user.error());

    const QString comment = invocation.value(u"comment"_s);
    model::DecisionStore &decisions = (*workbench)->decisions();
    auto decision = quantity > 0
        ? decisions.override(exceptionId, index, quantity, reason, *user, comment)
        : decisions.record(exceptionId, index,
            approve ? model::Decision::Approved : model::Decision::Rejected, *user, comment, 0,
            reason);
    if (!decision)
        return invocation.error(decision.error());
    const engine::Recommendation &r = x.recommendations[std::size_t(index)];
    if (!decision->checkedBy.isEmpty()) {
        invocation.out() << "Approved decision " << decision->id << " of "
                         << terminalText(exceptionId) << " as its second approver ("
                         << terminalText(decision->checkedBy) << "; first approved by "
                         << terminalText(decision->user) << ").\n";
        return ExitOk;
    }
    const char *verb = quantity > 0 ? "Overrode" : approve ? "Approved" : "Rejected";
    invocation.out() << verb << " recommendation " << index + 1 << " of "
                     << terminalText(exceptionId) << " ("
                     << QString::fromLatin1(engine::actionName(r.action)) << ' '
                     << formatQuantity(r.qty) << ", cost " << formatMoney(r.cost) << ")";
    if (quantity > 0)
        invocation.out() << " to " << formatQuantity(quantity) << " units";
    if (!reason.isEmpty())
        invocation.out() << " (" << reason << ')';
    invocation.out() << " as " << terminalText(user->name) << " ("
                     << QString::fromLatin1(engine::roleName(user->role)) << "): decision "
                     << decision->id << " in run " << decision->runId << ".\n";
    if (decision->awaitingCheck())
        invocation.out() << "It costs more than the policy's second_approval_above: another "
                            "user must approve it too before it is exported.\n";
    return ExitOk;
}

} // namespace

Command decideCommand()
{
    return {u"decide"_s,
        u"decide EXCEPTION_ID --approve|--reject --user NAME --db FILE [--recommendation N] "
        "[--quantity Q --reason CODE] [--comment TEXT] | decide --approve-all --type "
        "TYPE|--ids FILE --user NAME --db FILE | decide --undo DECISION_ID --user NAME --db "
        "FILE"_s,
        u"Approve or reject a recommendation"_s,
        u"Records a signed decision on a recommendation of an exception of the latest run, as "
        "the window's Approve and Reject do: the same role rule (a recommendation that needs a "
        "manager cannot be approved by a planner: exit 4), the same audit event. Without "
        "--recommendation it is the first the window would approve: one that arrives in time "
        "or is the item plan's own. --approve-all approves that recommendation of every "
        "undecided exception of a type (or listed in a file) row by row, under the same rules: "
        "it skips what the user's role may not approve, naming the policy rule, and what has "
        "no feasible action, lists every row skipped and why, and exits 4 when the rules "
        "refused any. --undo takes a decision back (one the system took by "
        "the policy's auto_approve too) until it is exported. The password comes from "
        "PWB_PASSWORD or the terminal."_s,
        {dbOption(), {u"approve"_s, u"Approve the recommendation."_s},
            {u"reject"_s, u"Reject the recommendation."_s},
            {u"user"_s, u"Who decides (signs in)."_s, u"name"_s},
            {u"recommendation"_s, u"Its number as pwb explain lists it (1 = first)."_s, u"n"_s},
            {u"quantity"_s,
                u"With --approve: approve this many units instead (an override; needs "
                "--reason)."_s,
                u"q"_s},
            {u"reason"_s,
                u"Why it was overridden or rejected: customer_agreed_to_wait, stock_found, "
                "supplier_confirmed_date, capacity_limit, commercial_priority, data_error or "
                "other."_s,
                u"code"_s},
            {u"comment"_s, u"Why, in a few words (kept in the audit trail)."_s, u"text"_s},
            {u"undo"_s, u"Take back decision ID (pwb decisions lists them)."_s, u"id"_s},
            {u"approve-all"_s,
                u"Approve every undecided exception of --type TYPE, or of --ids FILE."_s},
            {u"type"_s, u"With --approve-all: shortage, replenishment, late_supply, ..."_s,
                u"type"_s},
            {u"ids"_s, u"With --approve-all: a file of exception ids, one a line."_s, u"file"_s}},
        0, 1, &runDecide};
}

} // namespace pwb
