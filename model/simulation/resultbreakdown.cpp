#include "model/simulation/resultbreakdown.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace model {

namespace sim = engine::simulation;

namespace {

QString idOf(const engine::IdTable &ids, engine::Index i)
{
    return i >= 0 && i < ids.size() ? QString::fromStdString(ids.at(i)) : QString();
}

} // namespace

ResultBreakdown breakdownOf(const engine::Snapshot &snapshot, const sim::SimulationResult &result)
{
    ResultBreakdown out;
    out.locations.reserve(result.locations.size());
    for (const sim::LocationSummary &l : result.locations)
        out.locations.push_back({idOf(snapshot.locations.ids, l.location), l.unitsIn, l.unitsOut,
            l.transferCost, l.orderUnits, l.onTimeUnits, l.tier1Units, l.tier1OnTimeUnits,
            l.valueCovered, l.exposureLeft});
    out.items.reserve(result.items.size());
    for (const sim::ItemSummary &i : result.items)
        out.items.push_back(
            {idOf(snapshot.items.ids, i.item), i.cost, i.unitsMoved, i.transferCost, i.valueCovered,
                i.exposureLeft, i.orderUnits, i.onTimeUnits, i.tier1Units, i.tier1OnTimeUnits});
    out.lanes.reserve(result.lanes.size());
    for (const sim::LaneUse &u : result.lanes)
        out.lanes.push_back(
            {idOf(snapshot.locations.ids, u.from), idOf(snapshot.locations.ids, u.to),
                u.capacityPerDay == sim::kUnlimited ? -1.0 : static_cast<double>(u.capacityPerDay),
                u.units, u.peakPerDay, u.daysFull, u.peakUtilisation()});
    return out;
}

QJsonObject breakdownToJson(const ResultBreakdown &b)
{
    QJsonArray locations, items, lanes;
    for (const LocationFigures &l : b.locations)
        locations.append(QJsonObject {{u"location"_s, l.location}, {u"units_in"_s, l.unitsIn},
            {u"units_out"_s, l.unitsOut}, {u"transfer_cost"_s, l.transferCost},
            {u"order_units"_s, l.orderUnits}, {u"on_time_units"_s, l.onTimeUnits},
            {u"tier1_units"_s, l.tier1Units}, {u"tier1_on_time_units"_s, l.tier1OnTimeUnits},
            {u"value_covered"_s, l.valueCovered}, {u"exposure_left"_s, l.exposureLeft}});
    for (const ItemFigures &i : b.items)
        items.append(QJsonObject {{u"item"_s, i.item}, {u"cost"_s, i.cost},
            {u"units_moved"_s, i.unitsMoved}, {u"transfer_cost"_s, i.transferCost},
            {u"value_covered"_s, i.valueCovered}, {u"exposure_left"_s, i.exposureLeft},
            {u"order_units"_s, i.orderUnits}, {u"on_time_units"_s, i.onTimeUnits},
            {u"tier1_units"_s, i.tier1Units}, {u"tier1_on_time_units"_s, i.tier1OnTimeUnits}});
    for (const LaneFigures &l : b.lanes)
        lanes.append(QJsonObject {{u"from"_s, l.from}, {u"to"_s, l.to},
            {u"capacity_per_day"_s,
                l.capacityPerDay < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(l.capacityPerDay)},
            {u"units"_s, l.units}, {u"peak_per_day"_s, l.peakPerDay}, {u"days_full"_s, l.daysFull},
            {u"peak_utilisation"_s, l.peakUtilisation}});
    return {{u"locations"_s, locations}, {u"items"_s, items}, {u"lanes"_s, lanes}};
}

ResultBreakdown breakdownFromJson(const QJsonObject &json)
{
    ResultBreakdown b;
    for (const auto &v : json.value(u"locations"_s).toArray()) {
        const QJsonObject o = v.toObject();
        b.locations.push_back({o.value(u"location"_s).toString(), o.value(u"units_in"_s).toDouble(),
            o.value(u"units_out"_s).toDouble(), o.value(u"transfer_cost"_s).toDouble(),
            o.value(u"order_units"_s).toDouble(), o.value(u"on_time_units"_s).toDouble(),
            o.value(u"tier1_units"_s).toDouble(), o.value(u"tier1_on_time_units"_s).toDouble(),
            o.value(u"value_covered"_s).toDouble(), o.value(u"exposure_left"_s).toDouble()});
    }
    for (const auto &v : json.value(u"items"_s).toArray()) {
        const QJsonObject o = v.toObject();
        b.items.push_back({o.value(u"item"_s).toString(), o.value(u"cost"_s).toDouble(),
            o.value(u"units_moved"_s).toDouble(), o.value(u"transfer_cost"_s).toDouble(),
            o.value(u"value_covered"_s).toDouble(), o.value(u"exposure_left"_s).toDouble(),
            o.value(u"order_units"_s).toDouble(), o.value(u"on_time_units"_s).toDouble(),
            o.value(u"tier1_units"_s).toDouble(), o.value(u"tier1_on_time_units"_s).toDouble()});
    }
    for (const auto &v : json.value(u"lanes"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const QJsonValue capacity = o.value(u"capacity_per_day"_s);
        b.lanes.push_back({o.value(u"from"_s).toString(), o.value(u"to"_s).toString(),
            capacity.isDouble() ? capacity.toDouble() : -1.0, o.value(u"units"_s).toDouble(),
            o.value(u"peak_per_day"_s).toDouble(), o.value(u"days_full"_s).toInt(),
            o.value(u"peak_utilisation"_s).toDouble()});
    }
    return b;
}

} // namespace model
