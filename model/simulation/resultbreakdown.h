#pragma once
// A simulation's figures per location, per item and per lane, keyed by the snapshot's
// ids so that the results of scenarios run on the same snapshot can be set side by
// side (a scenario's new lane or an item planned in only one of them included). The
// window's result tables and the kept results of saved scenarios read them; the JSON
// keys are those `pwb simulate --format json` prints.

#include "engine/core/snapshot.h"
#include "engine/simulation/results.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace model {

struct LocationFigures {
    QString location;
    double unitsIn = 0, unitsOut = 0, transferCost = 0;
    double orderUnits = 0, onTimeUnits = 0, tier1Units = 0, tier1OnTimeUnits = 0;
    double valueCovered = 0, exposureLeft = 0;
};

struct ItemFigures {
    QString item;
    double cost = 0, unitsMoved = 0, transferCost = 0, valueCovered = 0, exposureLeft = 0;
    double orderUnits = 0, onTimeUnits = 0, tier1Units = 0, tier1OnTimeUnits = 0;
};

struct LaneFigures {
    QString from, to;
    double capacityPerDay = -1; ///< negative: unlimited
    double units = 0, peakPerDay = 0;
    int daysFull = 0;
    double peakUtilisation = 0; ///< 0 when unlimited
};

/// One simulation's figures: every snapshot location and lane, every planned item.
struct ResultBreakdown {
    std::vector<LocationFigures> locations;
    std::vector<ItemFigures> items;
    std::vector<LaneFigures> lanes;
};

/// A saved scenario's breakdown on one snapshot: as the snapshot stands, and with it.
struct ScenarioBreakdown {
    ResultBreakdown base, withScenario;
};

/// The figures of `result`, with ids from `snapshot` (the one it was simulated on).
ResultBreakdown breakdownOf(
    const engine::Snapshot &snapshot, const engine::simulation::SimulationResult &result);

/// {"locations": [...], "items": [...], "lanes": [...]}.
QJsonObject breakdownToJson(const ResultBreakdown &breakdown);
/// Reads breakdownToJson()'s object back; a missing key reads as 0.
ResultBreakdown breakdownFromJson(const QJsonObject &json);

/// On-time units over ordered units; 1 when nothing was ordered (as the totals).
inline double fillRate(double onTime, double ordered)
{
    return ordered > 0 ? onTime / ordered : 1.0;
}

} // namespace model
