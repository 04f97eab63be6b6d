// `pwb report`: the management report of the KPI window as a PDF, written without a
// display. pwb_main.cpp starts a QGuiApplication on the offscreen platform for this
// command alone (fonts need one); the drawing is report/kpireportwriter.cpp's, the
// same as File > Export report… in the window.

#include "app/pwb/command.h"
#include "report/kpireportwriter.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

int runReport(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const QString out = invocation.value(u"out"_s);
    if (out.isEmpty())
        return invocation.usageError(u"--out FILE is required (where to write the PDF)"_s);
    if (!out.endsWith(u".pdf"_s, Qt::CaseInsensitive))
        return invocation.usageError(
            u"--out: the report is a PDF; name the file FILE.pdf, got '"_s + out + u'\'');
    model::KpiQuery query;
    for (const QString &name : {u"from"_s, u"to"_s}) {
        const QString text = invocation.value(name);
        if (text.isEmpty())
            continue;
        const auto date = engine::parseDate(text.toStdString());
        if (!date)
            return invocation.usageError(
                u"--"_s + name + u": expected a date YYYY-MM-DD, got '"_s + text + u'\'');
        (name == u"from"_s ? query.from : query.to) = *date;
    }
    if (query.from != engine::kNoDate && query.to != engine::kNoDate && query.from > query.to)
        return invocation.usageError(u"--from "_s + invocation.value(u"from"_s)
            + u" is after --to "_s + invocation.value(u"to"_s));
    auto workbench = Invocation::openExisting(db);
    if (!workbench)
        return invocation.error(workbench.error());
    auto data = report::readReport(**workbench, query);
    if (!data)
        return invocation.error(data.error());
    auto pages = report::writeKpiReport(out, db, *data);
    if (!pages)
        return invocation.error(pages.error());
    const std::size_t snapshots = data->kpis.snapshots.size();
    invocation.out() << "Wrote " << *pages << " pages (" << snapshots
                     << (snapshots == 1 ? " snapshot" : " snapshots") << ") to "
                     << QDir::toNativeSeparators(out) << '\n';
    return ExitOk;
}

} // namespace

Command reportCommand()
{
    return {u"report"_s, u"report --db FILE --out FILE.pdf [--from DATE --to DATE]"_s,
        u"Write the management report (PDF)"_s,
        u"Writes the KPI report of the window's File > Export report... as an A4 PDF, without "
        "a display: on the first page the override rate with the drift warning and the "
        "trends of exposure, can save and the fill rate proxy against the policy's target; "
        "then the ten largest exposures of the current snapshot's latest run with the "
        "decision that stands on each and what the ERP answered to its export, the override "
        "rates by exception type, and the KPIs of every snapshot in the range. --from and "
        "--to bound the snapshots by as-of date and the decisions by the day they were "
        "taken. docs/kpis.md gives every formula."_s,
        {dbOption(), {u"out"_s, u"The PDF file to write (replaced if it exists)."_s, u"file"_s},
            {u"from"_s, u"Only snapshots as of this day or later."_s, u"date"_s},
            {u"to"_s, u"Only snapshots as of this day or earlier."_s, u"date"_s}},
        0, 0, &runReport};
}

} // namespace pwb
