// `pwb explain`: why an exception scores what it does, or why a SKU-location raises
// no exception.

#include "app/pwb/command.h"
#include "app/pwb/explaintext.h"
#include "app/pwb/textformat.h"

#include "model/json/explanationjson.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

int runExplain(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const QString format = invocation.value(u"format"_s);
    if (format != u"text"_s && format != u"json"_s)
        return invocation.usageError(u"unknown format '"_s + format + u"' (text or json)"_s);
    const QStringList positional = invocation.positional();
    const QString item = invocation.value(u"item"_s);
    const QString location = invocation.value(u"location"_s);
    const bool bySku = invocation.isSet(u"item"_s) || invocation.isSet(u"location"_s);
    if (bySku && !positional.isEmpty())
        return invocation.usageError(u"give an EXCEPTION_ID or --item and --location, not both"_s);
    if (bySku && (item.isEmpty() || location.isEmpty()))
        return invocation.usageError(u"--item and --location go together"_s);
    if (!bySku && positional.isEmpty())
        return invocation.usageError(
            u"missing argument: EXCEPTION_ID (or --item and --location)"_s);

    auto workbench = Invocation::openExisting(db);
    if (!workbench)
        return invocation.error(workbench.error());
    const auto explanation = bySku ? (*workbench)->runs().explainItemLocation(item, location)
                                   : (*workbench)->runs().explainException(positional.first());
    if (!explanation)
        return invocation.error(explanation.error());

    if (format == u"json"_s) {
        const QJsonObject json = bySku ? model::itemLocationToJson(*explanation)
                                       : model::explanationToJson(*explanation);
        invocation.out() << escapedJson(
            QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
    } else {
        writeExplanationText(invocation.out(), *explanation);
    }
    return ExitOk;
}

} // namespace

Command explainCommand()
{
    return {u"explain"_s,
        u"explain EXCEPTION_ID --db FILE [--format text|json]\n"
        "       pwb explain --item ITEM --location LOC --db FILE [--format text|json]"_s,
        u"Explain an exception or a SKU-location"_s,
        u"Shows why an exception scores what it does: each factor with its inputs, the risk "
        "figures, the order lines and the recommendations, best first. With --item and "
        "--location, explains any SKU-location, also one without an exception."_s,
        {dbOption(), {u"item"_s, u"The item id of a SKU-location."_s, u"item"_s},
            {u"location"_s, u"The location id of a SKU-location."_s, u"location"_s},
            {u"format"_s, u"text (default) or json."_s, u"format"_s, u"text"_s}},
        0, 1, &runExplain};
}

} // namespace pwb
