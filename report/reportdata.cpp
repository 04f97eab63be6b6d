#include "report/reportdata.h"

#include "report/reportformat.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace report {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("report::ReportData", text);
}

QString decidedText(const model::Decision &d, const QHash<qint64, model::ErpState> &erp)
{
    const QString when
        = day(engine::parseDate(d.decidedAt.left(10).toStdString()).value_or(engine::kNoDate));
    QString text;
    switch (d.kind) {
    case model::Decision::Approved:
        text = tr("Approved by %1, %2").arg(d.user, when);
        break;
    case model::Decision::Overridden:
        text = tr("Overridden to %1 units by %2, %3 (%4)")
                   .arg(QLocale().toString(d.overrideQty, 'g', 12), d.user, when, d.reasonCode);
        break;
    case model::Decision::Rejected:
        text = d.reasonCode.isEmpty()
            ? tr("Rejected by %1, %2").arg(d.user, when)
            : tr("Rejected by %1, %2 (%3)").arg(d.user, when, d.reasonCode);
        break;
    case model::Decision::None:
        return tr("No decision");
    }
    if (d.awaitingCheck())
        text += tr(" · awaiting a second approval");
    const auto state = erp.constFind(d.id);
    if (state != erp.constEnd())
        text += tr(" · batch %1 %2").arg(QString::number(state->batchId), state->status);
    return text;
}

bool within(engine::Date day, engine::Date from, engine::Date to)
{
    return (from == engine::kNoDate || day >= from) && (to == engine::kNoDate || day <= to);
}

} // namespace

model::Result<std::vector<TopExposure>> topExposures(model::Workbench &workbench, int count)
{
    std::vector<TopExposure> top;
    auto queue = workbench.runs().queue();
    if (!queue)
        return std::unexpected(queue.error());
    auto standing = workbench.decisions().standing();
    if (!standing)
        return std::unexpected(standing.error());
    auto erp = workbench.exporter().erpStates();
    if (!erp)
        return std::unexpected(erp.error());
    std::vector<qsizetype> rows(std::size_t(queue->size()));
    std::iota(rows.begin(), rows.end(), qsizetype(0));
    const std::size_t kept = std::min(rows.size(), std::size_t(std::max(0, count)));
    // Only the first `count` need an order: a partial sort of a large queue.
    std::partial_sort(rows.begin(), rows.begin() + std::ptrdiff_t(kept), rows.end(),
        [&](qsizetype a, qsizetype b) {
            const double sa = queue->score[std::size_t(a)], sb = queue->score[std::size_t(b)];
            return sa != sb ? sa > sb : a < b;
        });
    rows.resize(kept);
    QHash<QString, const model::Decision *> byException;
    for (const model::Decision &d : *standing)
        byException.insert(d.exceptionId, &d); // the last standing decision wins
    for (const qsizetype r : rows) {
        TopExposure t;
        t.exceptionId = queue->exceptionId(r);
        t.type = engine::ExceptionType(queue->type[std::size_t(r)]);
        t.exposure = queue->score[std::size_t(r)];
        t.canSave = queue->canSave[std::size_t(r)];
        t.currency = queue->snapshot.currency;
        const model::Decision *d = byException.value(t.exceptionId);
        t.decided = d ? decidedText(*d, *erp) : tr("No decision");
        top.push_back(std::move(t));
    }
    return top;
}

model::Result<OverrideSummary> overrideSummary(
    model::Workbench &workbench, engine::Date from, engine::Date to)
{
    auto history = workbench.history().load();
    if (!history)
        return std::unexpected(history.error());
    std::vector<model::DecisionTally> kept;
    for (const model::DecisionTally &d : history->decisions) {
        if (within(d.day, from, to))
            kept.push_back(d);
    }
    const model::OverrideRates rates = model::overrideRates(kept);
    OverrideSummary summary;
    summary.total = rates.total;
    summary.byType = rates.byType;
    summary.driftThreshold = history->driftThreshold;
    summary.driftWeeks = history->driftWeeks;
    summary.drift = model::driftWarnings(rates, history->driftThreshold, history->driftWeeks);
    return summary;
}

model::Result<ReportData> readReport(model::Workbench &workbench, model::KpiQuery query)
{
    query.by = model::KpiDimension::None;
    ReportData data;
    auto kpis = workbench.kpis().load(query);
    if (!kpis)
        return std::unexpected(kpis.error());
    data.kpis = std::move(*kpis);
    // The largest exposures are the current snapshot's, whatever the dates: the report
    // says what stands now.
    auto top = topExposures(workbench, 10);
    if (top)
        data.top = std::move(*top);
    else if (top.error().code != model::Error::BadInput) // BadInput: nothing scored
        return std::unexpected(top.error());
    auto overrides = overrideSummary(workbench, query.from, query.to);
    if (!overrides)
        return std::unexpected(overrides.error());
    data.overrides = std::move(*overrides);
    return data;
}

} // namespace report
