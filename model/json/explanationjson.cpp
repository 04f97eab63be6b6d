#include "model/json/explanationjson.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace model {

namespace {

/// JSON has no infinity or NaN: such a figure (z when sigma is 0) is written as null.
QJsonValue number(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QJsonValue date(engine::Date value)
{
    return value == engine::kNoDate ? QJsonValue(QJsonValue::Null)
                                    : QJsonValue(QString::fromStdString(engine::formatDate(value)));
}

QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

QJsonValue riskToJson(const engine::RiskFigures &r)
{
    if (!r.defined)
        return QJsonValue::Null;
    return QJsonObject {
        {u"lead_time_days"_s, number(r.leadTimeDays)},
        {u"lead_time_std_days"_s, number(r.leadTimeStdDays)},
        {u"daily_demand"_s, number(r.dailyDemand)},
        {u"daily_demand_std"_s, number(r.dailyDemandStd)},
        {u"lead_time_demand_mean"_s, number(r.leadTimeDemandMean)},
        {u"lead_time_demand_std"_s, number(r.leadTimeDemandStd)},
        {u"inventory_position"_s, number(r.inventoryPosition)},
        {u"z"_s, number(r.z)},
        {u"stockout_probability"_s, number(r.stockoutProbability)},
        {u"expected_units_short"_s, number(r.expectedUnitsShort)},
        {u"order_qty"_s, number(r.orderQty)},
        {u"fill_rate"_s, number(r.fillRate)},
    };
}

QJsonObject factorToJson(const engine::Factor &f)
{
    QJsonObject detail;
    for (const auto &[name, value] : f.detail)
        detail.insert(text(name), number(value));
    return {
        {u"name"_s, QString::fromUtf8(engine::factorName(f.kind))},
        {u"value"_s, number(f.value())},
        {u"weight"_s, number(f.weight)},
        {u"detail"_s, detail},
        {u"text"_s, text(f.text)},
    };
}

QJsonObject orderToJson(const engine::OrderImpact &o)
{
    return {
        {u"order_id"_s, text(o.orderId)},
        {u"line"_s, o.line},
        {u"customer_id"_s, text(o.customerId)},
        {u"tier"_s, o.tier},
        {u"qty_open"_s, number(o.qtyOpen)},
        {u"qty_short"_s, number(o.qtyShort)},
        {u"due_date"_s, date(o.dueDate)},
        {u"days_late"_s, o.daysLate},
    };
}

QJsonObject recommendationToJson(const engine::Recommendation &r)
{
    QJsonObject json {
        {u"action"_s, QString::fromUtf8(engine::actionName(r.action))},
        {u"qty"_s, number(r.qty)},
        {u"cost"_s, number(r.cost)},
        {u"benefit"_s, number(r.benefit)},
        {u"requires_role"_s, text(engine::roleName(r.requiresRole))},
        {u"feasible"_s, r.feasible},
        {u"in_plan"_s, r.inPlan},
        {u"text"_s, text(r.text)},
    };
    // Only the fields that name what to act on for this action.
    auto optionalText = [&](const char *key, const std::string &value) {
        if (!value.empty())
            json.insert(QString::fromUtf8(key), text(value));
    };
    auto optionalDate = [&](const char *key, engine::Date value) {
        if (value != engine::kNoDate)
            json.insert(QString::fromUtf8(key), date(value));
    };
    optionalText("from_location_id", r.fromLocationId);
    optionalText("to_location_id", r.toLocationId);
    optionalDate("arrival_date", r.arrivalDate);
    if (!r.poId.empty()) {
        json.insert(u"po_id"_s, text(r.poId));
        json.insert(u"line"_s, r.poLine);
    }
    optionalDate("new_expected_date", r.newExpectedDate);
    optionalText("substitute_item_id", r.substituteItemId);
    optionalText("supplier_id", r.supplierId);
    if (!r.orderLines.empty()) {
        QJsonArray lines;
        for (const auto &line : r.orderLines) {
            lines.append(QJsonObject {{u"order_id"_s, text(line.orderId)}, {u"line"_s, line.line},
                {u"qty"_s, number(line.qty)}});
        }
        json.insert(u"order_lines"_s, lines);
    }
    return json;
}

QJsonObject planToJson(const engine::ItemPlanView &plan)
{
    QJsonArray actions, locations;
    for (const engine::PlanStep &step : plan.steps) {
        QJsonObject json = recommendationToJson(step.action);
        json.insert(u"to_location_id"_s, text(step.toLocationId));
        QJsonArray serves;
        for (const auto &[location, units] : step.serves)
            serves.append(QJsonObject {{u"location_id"_s, text(location)}, {u"units"_s, units}});
        json.insert(u"serves"_s, serves);
        json.insert(u"kept_in_stock"_s, step.keptInStock);
        actions.append(json);
    }
    for (const engine::PlanLocationOutcome &o : plan.locations) {
        locations.append(QJsonObject {
            {u"location_id"_s, text(o.locationId)},
            {u"units_late_doing_nothing"_s, o.unitsLateDoingNothing},
            {u"units_late_with_plan"_s, o.unitsLateWithPlan},
            {u"units_unserved_doing_nothing"_s, o.unitsUnservedDoingNothing},
            {u"units_unserved_with_plan"_s, o.unitsUnservedWithPlan},
            {u"saving"_s, number(o.saving)},
        });
    }
    return {
        {u"do_nothing_cost"_s, number(plan.doNothingCost)},
        {u"plan_cost"_s, number(plan.planCost)},
        {u"actions"_s, actions},
        {u"locations"_s, locations},
    };
}

QJsonObject exceptionToJson(const Explanation &e, const engine::ExceptionRecord &x)
{
    const engine::Snapshot &rows = *e.rows;
    QJsonArray factors, orders, recommendations;
    for (const auto &f : x.factors)
        factors.append(factorToJson(f));
    for (const auto &o : x.orders)
        orders.append(orderToJson(o));
    for (const auto &r : x.recommendations)
        recommendations.append(recommendationToJson(r));
    QJsonObject json {
        {u"exception_id"_s, text(x.id)},
        {u"type"_s, QString::fromUtf8(engine::exceptionTypeName(x.type))},
        {u"item_id"_s, text(rows.items.ids.at(x.item))},
        {u"location_id"_s, text(rows.locations.ids.at(x.location))},
        {u"rank"_s, x.rank > 0 ? QJsonValue(x.rank) : QJsonValue(QJsonValue::Null)},
        {u"score"_s, number(x.score)},
        {u"can_save"_s, number(engine::isSet(x.canSave) ? x.canSave : 0.0)},
        {u"scoring_version"_s,
            e.run.scoringVersion.isEmpty() ? QString::fromUtf8(engine::kScoringVersion)
                                           : e.run.scoringVersion},
        {u"policy_hash"_s, e.run.policyHash},
        {u"need_date"_s, date(x.needDate)},
        {u"factors"_s, factors},
        {u"risk"_s, riskToJson(e.result.risk)},
        {u"orders"_s, orders},
        {u"recommendations"_s, recommendations},
    };
    // Shortages and excess are parts of their item's plan: show all of it.
    if (e.result.plan.planned
        && (x.type == engine::ExceptionType::Shortage || x.type == engine::ExceptionType::Excess))
        json.insert(u"item_plan"_s, planToJson(e.result.plan));
    return json;
}

} // namespace

QJsonObject explanationToJson(const Explanation &explanation)
{
    if (!explanation.exception || !explanation.rows)
        return itemLocationToJson(explanation);
    return exceptionToJson(explanation, *explanation.exception);
}

QJsonObject itemLocationToJson(const Explanation &explanation)
{
    if (!explanation.rows || explanation.result.itemLocation == engine::kNone)
        return {};
    const engine::Snapshot &rows = *explanation.rows;
    const auto row = static_cast<std::size_t>(explanation.result.itemLocation);
    QJsonArray exceptions;
    for (const auto &x : explanation.result.exceptions)
        exceptions.append(exceptionToJson(explanation, x));
    return {
        {u"item_id"_s, text(rows.items.ids.at(rows.itemLocations.item[row]))},
        {u"location_id"_s, text(rows.locations.ids.at(rows.itemLocations.location[row]))},
        {u"risk"_s, riskToJson(explanation.result.risk)},
        {u"exceptions"_s, exceptions},
    };
}

} // namespace model
