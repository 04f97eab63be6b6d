#include "explaintext.h"

#include "textformat.h"

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

/// Lines are wrapped to fit a 100-column terminal.
constexpr qsizetype kWidth = 100;

QString date(engine::Date d)
{
    return d == engine::kNoDate ? u"-"_s : QString::fromStdString(engine::formatDate(d));
}

/// Snapshot text (ids, names, descriptions, sentences that quote them) as shown.
QString str(const std::string &s)
{
    return terminalText(QString::fromStdString(s));
}

/// "label       value" lines with the values aligned.
void field(QTextStream &out, const QString &label, const QString &value)
{
    out << "  " << terminalText(label).leftJustified(22) << terminalText(value) << '\n';
}

void writeFactors(QTextStream &out, const engine::ExceptionRecord &record, const QString &currency)
{
    out << "\nFactors (the score is their sum, in " << terminalText(currency) << ")\n";
    if (record.factors.empty()) {
        out << "  none\n";
        return;
    }
    qsizetype nameWidth = 5, valueWidth = 0;
    for (const engine::Factor &f : record.factors) {
        nameWidth = std::max(nameWidth, qsizetype(qstrlen(engine::factorName(f.kind))));
        valueWidth = std::max(valueWidth, formatMoney(f.value()).size());
    }
    valueWidth = std::max(valueWidth, formatMoney(record.score).size());
    for (const engine::Factor &f : record.factors) {
        out << "  " << QString::fromLatin1(engine::factorName(f.kind)).leftJustified(nameWidth)
            << "  " << formatMoney(f.value()).rightJustified(valueWidth) << '\n';
        out << wrapText(str(f.text), kWidth, u"      "_s);
        QStringList inputs;
        for (const auto &[name, value] : f.detail)
            inputs.append(str(name) + u' ' + formatNumber(value, 4));
        if (f.weight != 1.0)
            inputs.append(u"weight "_s + formatNumber(f.weight, 4));
        if (!inputs.isEmpty())
            out << wrapText(u"inputs: "_s + inputs.join(u", "_s), kWidth, u"      "_s);
    }
    out << "  " << u"score"_s.leftJustified(nameWidth) << "  "
        << formatMoney(record.score).rightJustified(valueWidth) << '\n';
}

void writeRisk(QTextStream &out, const engine::RiskFigures &risk)
{
    out << "\nRisk over the replenishment lead time\n";
    if (!risk.defined) {
        out << "  not defined: the SKU-location has no supplier or source location to "
               "replenish it\n";
        return;
    }
    field(out, u"lead time"_s,
        formatNumber(risk.leadTimeDays) + u" days (std "_s + formatNumber(risk.leadTimeStdDays)
            + u')');
    field(out, u"daily demand"_s,
        formatNumber(risk.dailyDemand) + u" (std "_s + formatNumber(risk.dailyDemandStd) + u')');
    field(out, u"lead-time demand"_s,
        formatNumber(risk.leadTimeDemandMean, 1) + u" (std "_s
            + formatNumber(risk.leadTimeDemandStd, 1) + u')');
    field(out, u"inventory position"_s, formatQuantity(risk.inventoryPosition));
    field(out, u"z"_s, formatNumber(risk.z));
    field(out, u"stockout probability"_s, formatPercent(risk.stockoutProbability));
    field(out, u"expected units short"_s, formatNumber(risk.expectedUnitsShort, 1));
    field(out, u"order quantity"_s, formatQuantity(risk.orderQty));
    field(out, u"fill rate"_s, formatPercent(risk.fillRate));
}

void writeOrders(QTextStream &out, const std::vector<engine::OrderImpact> &orders)
{
    if (orders.empty())
        return;
    out << "\nOrder lines\n";
    QList<QStringList> rows;
    for (const engine::OrderImpact &o : orders)
        rows.append({str(o.orderId), QString::number(o.line), str(o.customerId),
            QString::number(o.tier), formatQuantity(o.qtyOpen), formatQuantity(o.qtyShort),
            date(o.dueDate), QString::number(o.daysLate)});
    out << renderTable(
        {{u"ORDER"_s}, {u"LINE"_s, true}, {u"CUSTOMER"_s}, {u"TIER"_s, true}, {u"OPEN"_s, true},
            {u"SHORT"_s, true}, {u"DUE"_s}, {u"DAYS LATE"_s, true}},
        rows, u"  "_s);
}

/// What the recommendation does, in one line: "transfer 40 from DC-WEST, arriving ...".
QString describe(const engine::Recommendation &r)
{
    QString text = QString::fromLatin1(engine::actionName(r.action));
    if (r.qty > 0)
        text += u' ' + formatQuantity(r.qty);
    if (!r.substituteItemId.empty())
        text += u" of "_s + str(r.substituteItemId);
    if (!r.fromLocationId.empty())
        text += u" from "_s + str(r.fromLocationId);
    if (!r.toLocationId.empty())
        text += u" to "_s + str(r.toLocationId);
    if (!r.poId.empty())
        text += u", PO "_s + str(r.poId) + u" line "_s + QString::number(r.poLine);
    if (!r.supplierId.empty())
        text += u", supplier "_s + str(r.supplierId);
    if (r.newExpectedDate != engine::kNoDate)
        text += u", new expected date "_s + date(r.newExpectedDate);
    if (r.arrivalDate != engine::kNoDate)
        text += u", arriving "_s + date(r.arrivalDate);
    if (!r.orderLines.empty()) {
        QStringList lines;
        for (const auto &line : r.orderLines)
            lines.append(str(line.orderId) + u'/' + QString::number(line.line) + u" ("_s
                + formatQuantity(line.qty) + u')');
        text += u", order lines "_s + lines.join(u", "_s);
    }
    return text;
}

void writeRecommendations(
    QTextStream &out, const std::vector<engine::Recommendation> &recommendations)
{
    out << "\nRecommendations (the item plan's actions first, then the best of the rest)\n";
    if (recommendations.empty()) {
        out << "  none\n";
        return;
    }
    int n = 0;
    for (const engine::Recommendation &r : recommendations) {
        out << wrapText(QString::number(++n) + u". "_s + describe(r), kWidth, u"  "_s);
        out << wrapText(u"cost "_s + formatMoney(r.cost) + u", benefit "_s + formatMoney(r.benefit)
                + u", net "_s + formatMoney(r.netBenefit()) + u"; "_s
                + (r.feasible      ? u"feasible"_s
                        : r.inPlan ? u"arrives after the need date, still worth it (item plan)"_s
                                   : u"NOT feasible (too late for the need date)"_s)
                + u"; approval: "_s + str(engine::roleName(r.requiresRole)),
            kWidth, u"     "_s);
        if (!r.text.empty())
            out << wrapText(str(r.text), kWidth, u"     "_s);
    }
}

/// The item's whole plan: every action with the locations it serves, and what it
/// changes at each short location.
void writeItemPlan(QTextStream &out, const engine::ItemPlanView &plan, const QString &currency)
{
    out << "\nThe item's plan (all its locations)\n";
    if (plan.steps.empty()) {
        out << wrapText(u"Nothing pays for itself within the horizon: every short location is "
                        "left as it is."_s,
            kWidth, u"  "_s);
    } else {
        out << wrapText(u"Doing nothing costs "_s + currency + u' '
                + formatMoney(plan.doNothingCost) + u"; with the plan "_s + currency + u' '
                + formatMoney(plan.planCost)
                + u", its actions included (in the plan firm stock serves the lines where it "
                  "saves most, so its do-nothing can be less than the exposures, which serve "
                  "lines by tier and due date)."_s,
            kWidth, u"  "_s);
    }
    for (const engine::PlanStep &step : plan.steps) {
        QStringList serves;
        for (const auto &[location, units] : step.serves)
            serves.append(str(location) + u' ' + formatQuantity(units));
        if (step.keptInStock > 0)
            serves.append(u"kept in stock "_s + formatQuantity(step.keptInStock));
        out << wrapText(u"- "_s + describe(step.action) + u" to "_s + str(step.toLocationId)
                + u", cost "_s + formatMoney(step.action.cost) + u"; serves "_s
                + serves.join(u", "_s),
            kWidth, u"  "_s);
    }
    const auto late = [](double units, double unserved) {
        QString text = formatQuantity(units) + u" late"_s;
        if (unserved > 0)
            text += u" (" + formatQuantity(unserved) + u" not within the horizon)"_s;
        return text;
    };
    for (const engine::PlanLocationOutcome &o : plan.locations)
        field(out, str(o.locationId),
            late(o.unitsLateDoingNothing, o.unitsUnservedDoingNothing) + u" doing nothing, "_s
                + late(o.unitsLateWithPlan, o.unitsUnservedWithPlan) + u" with the plan; saves "_s
                + currency + u' ' + formatMoney(o.saving));
}

void writeException(
    QTextStream &out, const engine::ExceptionRecord &record, const QString &currency)
{
    field(out, u"score"_s, currency + u' ' + formatMoney(record.score));
    if (engine::isSet(record.canSave))
        field(out, u"can save"_s, currency + u' ' + formatMoney(record.canSave));
    field(out, u"need date"_s, date(record.needDate));
    writeFactors(out, record, currency);
    writeOrders(out, record.orders);
    writeRecommendations(out, record.recommendations);
    if (!record.related.empty()) {
        QStringList related;
        for (const std::string &id : record.related)
            related.append(str(id));
        out << "\nSee also: " << related.join(u", "_s) << '\n';
    }
}

/// Today's balance, the lowest point and the horizon end of the daily projection.
void writeProjection(QTextStream &out, const std::vector<engine::ProjectionDay> &projection)
{
    if (projection.empty())
        return;
    const auto lowest = std::min_element(projection.begin(), projection.end(),
        [](const auto &a, const auto &b) { return a.balance < b.balance; });
    out << "\nProjected stock\n";
    field(out, u"end of "_s + date(projection.front().date),
        formatQuantity(projection.front().balance));
    field(out, u"lowest, on "_s + date(lowest->date), formatQuantity(lowest->balance));
    field(out, u"end of "_s + date(projection.back().date),
        formatQuantity(projection.back().balance));
}

} // namespace

void writeExplanationText(QTextStream &out, const model::Explanation &e)
{
    const QString currency = e.snapshot.currency;
    QString itemId, itemText, locationId, locationText;
    if (e.rows && e.result.itemLocation >= 0
        && e.result.itemLocation < e.rows->itemLocations.size()) {
        const engine::Snapshot &s = *e.rows;
        const auto item = s.itemLocations.item[size_t(e.result.itemLocation)];
        const auto location = s.itemLocations.location[size_t(e.result.itemLocation)];
        itemId = str(s.items.ids.at(item));
        itemText = str(s.items.description[size_t(item)]);
        if (const char abc = s.items.abcClass[size_t(item)])
            itemText += u" (class "_s + QChar::fromLatin1(abc) + u')';
        locationId = str(s.locations.ids.at(location));
        locationText = str(s.locations.name[size_t(location)]);
    }

    if (e.exception) {
        const engine::ExceptionRecord &x = *e.exception;
        out << str(x.id) << '\n';
        field(out, u"type"_s, QString::fromLatin1(engine::exceptionTypeName(x.type)));
        field(out, u"rank"_s,
            QString::number(x.rank) + u" of "_s + QString::number(e.run.exceptionCount)
                + u" in run "_s + QString::number(e.run.runId));
    } else {
        out << itemId << " at " << locationId << '\n';
    }
    field(out, u"item"_s, QString(itemId + u"  "_s + itemText).trimmed());
    field(out, u"location"_s, QString(locationId + u"  "_s + locationText).trimmed());
    field(out, u"snapshot"_s,
        e.snapshot.snapshotId + u" (version "_s + QString::number(e.snapshot.version)
            + u", as of "_s + date(e.snapshot.asOf) + u')');
    field(out, u"scoring"_s, e.run.scoringVersion + u", policy "_s + e.run.policyHash.left(12));

    if (e.exception) {
        writeException(out, *e.exception, currency);
        const engine::ExceptionType type = e.exception->type;
        if (e.result.plan.planned
            && (type == engine::ExceptionType::Shortage || type == engine::ExceptionType::Excess))
            writeItemPlan(out, e.result.plan, currency);
        writeRisk(out, e.result.risk);
        return;
    }

    writeRisk(out, e.result.risk);
    writeProjection(out, e.result.projection);
    if (e.result.exceptions.empty()) {
        out << "\nNo exception: nothing here needs a planner's attention in this snapshot.\n";
        return;
    }
    for (const engine::ExceptionRecord &x : e.result.exceptions) {
        out << "\nException " << str(x.id) << '\n';
        writeException(out, x, currency);
    }
}

} // namespace pwb
