// `pwb queue`: the ranked exceptions of the latest run, as a table, JSON or CSV.

#include "app/pwb/command.h"
#include "app/pwb/queueoutput.h"

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

QString typeNames()
{
    QStringList names;
    for (int t = 0; t < engine::kExceptionTypeCount; ++t)
        names.append(QString::fromLatin1(engine::exceptionTypeName(engine::ExceptionType(t))));
    return names.join(u", "_s);
}

int runQueue(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const QString format = invocation.value(u"format"_s);
    if (format != u"table"_s && format != u"json"_s && format != u"csv"_s)
        return invocation.usageError(u"unknown format '"_s + format + u"' (table, json or csv)"_s);

    QueueFilter filter;
    if (invocation.isSet(u"type"_s)) {
        const QString name = invocation.value(u"type"_s);
        engine::ExceptionType type {};
        if (!engine::parseExceptionType(name.toStdString(), type))
            return invocation.usageError(
                u"unknown exception type '"_s + name + u"' ("_s + typeNames() + u')');
        filter.type = type;
    }
    filter.locationId = invocation.value(u"location"_s);
    filter.limit = format == u"table"_s ? 50 : 0;
    if (invocation.isSet(u"limit"_s)) {
        bool ok = false;
        const qlonglong limit = invocation.value(u"limit"_s).toLongLong(&ok);
        if (!ok || limit < 0)
            return invocation.usageError(u"--limit needs a whole number >= 0, got '"_s
                + invocation.value(u"limit"_s) + u'\'');
        filter.limit = qsizetype(limit);
    }

    auto workbench = Invocation::openExisting(db);
    if (!workbench)
        return invocation.error(workbench.error());
    const auto queue = (*workbench)->runs().queue();
    if (!queue)
        return invocation.error(queue.error());
    qsizetype matching = 0;
    const auto rows = selectQueueRows(*queue, filter, &matching);
    if (format == u"json"_s)
        writeQueueJson(invocation.out(), *queue, rows);
    else if (format == u"csv"_s)
        writeQueueCsv(invocation.out(), *queue, rows);
    else
        writeQueueTable(invocation.out(), *queue, rows, matching);
    return ExitOk;
}

} // namespace

Command queueCommand()
{
    return {u"queue"_s,
        u"queue --db FILE [--type T] [--location L] [--limit N] [--format table|json|csv]"_s,
        u"Print the ranked exception queue"_s,
        u"Prints the exceptions of the latest run, best rank first. Ranks are those of the "
        "whole queue, also when --type or --location narrows it."_s,
        {dbOption(),
            {u"type"_s, u"Only exceptions of this type: "_s + typeNames() + u'.', u"type"_s},
            {u"location"_s, u"Only exceptions at this location id."_s, u"location"_s},
            {u"limit"_s, u"At most N rows; 0 for all. Default: 50 for a table, all otherwise."_s,
                u"n"_s},
            {u"format"_s, u"table (default), json or csv."_s, u"format"_s, u"table"_s}},
        0, 0, &runQueue};
}

} // namespace pwb
