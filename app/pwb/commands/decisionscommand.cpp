// `pwb decisions`: the standing decisions on the latest run's exceptions, for a
// script (json) or a person (table).

#include "app/pwb/command.h"
#include "app/pwb/textformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

QString kindName(model::Decision::Kind kind)
{
    switch (kind) {
    case model::Decision::Approved:
        return u"approved"_s;
    case model::Decision::Rejected:
        return u"rejected"_s;
    case model::Decision::Overridden:
        return u"overridden"_s;
    case model::Decision::None:
        break;
    }
    return u"none"_s;
}

int runDecisions(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const QString format = invocation.value(u"format"_s);
    if (format != u"table"_s && format != u"json"_s)
        return invocation.usageError(u"unknown format '"_s + format + u"' (table or json)"_s);
    const QString state = invocation.value(u"state"_s);
    if (!state.isEmpty() && state != u"approved"_s && state != u"rejected"_s
        && state != u"overridden"_s && state != u"auto"_s)
        return invocation.usageError(
            u"unknown state '"_s + state + u"' (approved, overridden, rejected or auto)"_s);
    auto workbench = Invocation::openExisting(db);
    if (!workbench)
        return invocation.error(workbench.error());
    auto standing = (*workbench)->decisions().standing();
    if (!standing)
        return invocation.error(standing.error());
    auto erp = (*workbench)->exporter().erpStates();
    if (!erp)
        return invocation.error(erp.error());
    std::vector<model::Decision> shown;
    for (const model::Decision &d : *standing)
        if (state.isEmpty() || kindName(d.kind) == state || (state == u"auto"_s && d.automatic()))
            shown.push_back(d);

    const auto nullOr = [](const QString &text) {
        return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
    };
    QTextStream &out = invocation.out();
    if (format == u"json"_s) {
        QJsonArray list;
        for (const model::Decision &d : shown) {
            const model::ErpState erpState = erp->value(d.id);
            list.append(QJsonObject {{u"decision_id"_s, d.id}, {u"run_id"_s, d.runId},
                {u"exception_id"_s, d.exceptionId},
                {u"recommendation"_s,
                    d.recommendationIndex < 0 ? QJsonValue(QJsonValue::Null)
                                              : QJsonValue(d.recommendationIndex + 1)},
                {u"action"_s, d.action}, {u"planned_supply"_s, d.recommendationIndex < 0},
                {u"state"_s, kindName(d.kind)}, {u"user"_s, d.user}, {u"comment"_s, d.comment},
                {u"decided_at"_s, d.decidedAt}, {u"carried"_s, d.carried},
                {u"quantity"_s,
                    d.kind == model::Decision::Overridden ? QJsonValue(d.overrideQty)
                                                          : QJsonValue(QJsonValue::Null)},
                {u"reason"_s,
                    d.reasonCode.isEmpty() ? QJsonValue(QJsonValue::Null)
                                           : QJsonValue(d.reasonCode)},
                {u"awaiting_second_approval"_s, d.awaitingCheck()},
                {u"auto_approved"_s, d.automatic()}, {u"auto_rule"_s, nullOr(d.autoRule)},
                {u"checked_by"_s, nullOr(d.checkedBy)},
                {u"exported_batch"_s,
                    erpState.batchId ? QJsonValue(erpState.batchId) : QJsonValue(QJsonValue::Null)},
                {u"erp_status"_s, nullOr(erpState.status)},
                {u"erp_reference"_s, nullOr(erpState.reference)},
                {u"erp_message"_s, nullOr(erpState.message)}});
        }
        out << escapedJson(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented)));
        return ExitOk;
    }
    if (shown.empty()) {
        out << "No standing decisions on the latest run.\n";
        return ExitOk;
    }
    qsizetype idWidth = 9, userWidth = 4;
    for (const model::Decision &d : shown) {
        idWidth = std::max(idWidth, terminalText(d.exceptionId).size());
        userWidth = std::max(userWidth, terminalText(d.user).size());
    }
    // An override says what it approved instead and why; a rejection why, if given.
    auto actionText = [](const model::Decision &d) {
        QString text = terminalText(d.action);
        if (d.kind == model::Decision::Overridden)
            text += u", "_s + formatQuantity(d.overrideQty) + u" units"_s;
        if (!d.reasonCode.isEmpty())
            text += u" ("_s + terminalText(d.reasonCode) + u')';
        if (d.automatic())
            text += u" (by "_s + d.autoRule + u')';
        return text;
    };
    qsizetype actionWidth = 6;
    for (const model::Decision &d : shown)
        actionWidth = std::max(actionWidth, actionText(d).size());
    // Where it stands with the ERP: "batch 3", "batch 3 accepted WH/INT/0042".
    auto erpText = [&erp](const model::Decision &d) {
        const auto it = erp->constFind(d.id);
        if (it == erp->constEnd())
            return u"-"_s;
        QString text = u"batch "_s + QString::number(it->batchId);
        if (it->status != u"exported"_s)
            text += u' ' + it->status;
        if (!it->reference.isEmpty())
            text += u' ' + terminalText(it->reference);
        return text;
    };
    qsizetype erpWidth = 3;
    for (const model::Decision &d : shown)
        erpWidth = std::max(erpWidth, erpText(d).size());
    out << u"ID"_s.rightJustified(5) << "  STATE       " << u"EXCEPTION"_s.leftJustified(idWidth)
        << "  REC  " << u"ACTION"_s.leftJustified(actionWidth) << "  "
        << u"USER"_s.leftJustified(userWidth) << "  " << u"ERP"_s.leftJustified(erpWidth)
        << "  DECIDED AT            ON RUN\n";
    for (const model::Decision &d : shown) {
        out << QString::number(d.id).rightJustified(5) << "  " << kindName(d.kind).leftJustified(10)
            << "  " << terminalText(d.exceptionId).leftJustified(idWidth) << "  "
            << (d.recommendationIndex < 0 ? u"-"_s : QString::number(d.recommendationIndex + 1))
                   .rightJustified(3)
            << "  " << actionText(d).leftJustified(actionWidth) << "  "
            << terminalText(d.user).leftJustified(userWidth) << "  "
            << erpText(d).leftJustified(erpWidth) << "  " << d.decidedAt.leftJustified(20) << "  "
            << d.runId
            << (d.recommendationIndex < 0 ? " (counted as planned supply)"
                       : d.carried        ? " (still recommended)"
                                          : "")
            << '\n';
    }
    return ExitOk;
}

} // namespace

Command decisionsCommand()
{
    return {u"decisions"_s,
        u"decisions --db FILE [--state approved|overridden|rejected|auto] [--format table|json]"_s,
        u"List the standing decisions"_s,
        u"Lists the decisions that stand on the latest run's exceptions (an undone one no "
        "longer does), oldest first: who decided what, on which recommendation, and when. A "
        "decision taken on an earlier run (before a re-score or a new snapshot) stands while "
        "the latest run still recommends the same action for the same exception, or while "
        "the run counts the approved transfer, expedite or purchase as planned supply (until a "
        "snapshot shows it in the ERP's data; REC is then -). The ERP column says which batch "
        "exported it and what the ERP answered (pwb ack). Approvals the system took by the "
        "policy's auto_approve rules are by user system and name their rule; --state auto lists "
        "only them."_s,
        {dbOption(),
            {u"state"_s,
                u"Only approved, overridden, rejected or automatically approved (auto) ones."_s,
                u"state"_s},
            {u"format"_s, u"table (default) or json."_s, u"format"_s, u"table"_s}},
        0, 0, &runDecisions};
}

} // namespace pwb
