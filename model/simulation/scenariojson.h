#pragma once
// Scenarios of the network simulation (engine/simulation/scenario.h) as JSON files:
//   {"name": "East DC closed", "changes": [
//     {"kind": "disable_lane", "from": "DC-EAST", "to": "BR-01"},
//     {"kind": "change_lane", "from": "...", "to": "...", "transit_days": 3,
//      "cost_per_unit": 0.5, "capacity_per_day": 100},        (null: unlimited)
//     {"kind": "delay_supplier", "supplier": "SUP-01", "days": 5},
//     {"kind": "delay_po", "po": "PO-1001", "line": 2, "days": 5},  (line 0 or left out: all)
//     {"kind": "demand_spike", "location": "...", "item": "...", "abc_class": "A",
//      "percent": 20, "units": 50, "due_in_days": 7, "tier": 2},
//     {"kind": "extra_stock", "item": "...", "location": "...", "units": 100},
//     {"kind": "new_lane", "from": "...", "to": "...", "transit_days": 2,
//      "cost_per_unit": 0.3, "fixed_cost": 0, "capacity_per_day": 500}]}
// docs/cli.md ("pwb simulate") describes every key.

#include "engine/simulation/scenario.h"
#include "model/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace model {

/// Reads a scenario from JSON text; an unknown kind or key, or a value of the wrong
/// type, is an error naming `source` and the change.
Result<engine::simulation::Scenario> scenarioFromJson(
    const QByteArray &json, const QString &source);

/// Reads a scenario file.
Result<engine::simulation::Scenario> loadScenario(const QString &path);

/// The scenario as JSON; scenarioFromJson() reads it back to the same scenario.
QJsonObject scenarioToJson(const engine::simulation::Scenario &scenario);

} // namespace model
