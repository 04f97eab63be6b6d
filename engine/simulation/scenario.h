#pragma once
// Scenarios of the network simulation: what-if changes to a snapshot (a lane closed,
// slower, dearer or of another capacity, a supplier or a PO late, a demand spike,
// extra stock, a new lane), applied to a copy of it. Ids are the snapshot's own
// (location, item, supplier, PO ids), so a scenario written for one night's snapshot
// applies to the next; reading and writing scenarios as JSON is model/'s job.

#include "engine/core/snapshot.h"

#include <expected>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace engine::simulation {

/// Every active lane from `from` to `to` is closed.
struct DisableLane {
    std::string from, to;
};

/// Every lane from `from` to `to` gets the values that are set. capacityPerDay: a
/// value, or kUnset for unlimited.
struct ChangeLane {
    std::string from, to;
    std::optional<double> transitDays, costPerUnit, capacityPerDay;
};

/// A supplier delivers `days` later: its open PO lines are expected that much later,
/// and its lead time for new purchases is that much longer.
struct DelaySupplier {
    std::string supplier;
    int days = 0;
};

/// One PO arrives `days` later: every open line of it, or only line `line` (> 0).
struct DelayPo {
    std::string po;
    int line = 0;
    int days = 0;
};

/// More demand where the filters match (location, item, item group, ABC class) (an empty filter
/// matches everything; at least one must be set): every open order line, forecast row and daily
/// demand grows by `percent`, and each matching SKU-location gets a new order line of `units` units
/// due `dueInDays` after as_of, for a customer of tier `tier`.
struct DemandSpike {
    std::string location, item;
    std::string group; ///< an item group: the snapshot's substitute_group; empty: any
    char abcClass = 0; ///< 'A', 'B', 'C'; 0: any
    double percent = 0;
    double units = 0;
    int dueInDays = 7;
    int tier = 2;
};

/// `units` more on hand of `item` at `location` (negative: fewer, never below 0).
struct ExtraStock {
    std::string item, location;
    double units = 0;
};

/// A lane that is not in the snapshot (or one more beside those that are).
struct NewLane {
    std::string from, to;
    double transitDays = 1, costPerUnit = 0, fixedCost = 0;
    double capacityPerDay = kUnset; ///< kUnset: unlimited
};

using Change = std::variant<DisableLane, ChangeLane, DelaySupplier, DelayPo, DemandSpike,
    ExtraStock, NewLane>;

struct Scenario {
    std::string name;
    std::vector<Change> changes; ///< applied in order
};

struct ScenarioError {
    std::string message;
};

/// The snapshot with the scenario's changes, indexed; or the first change that names
/// something the snapshot does not have.
std::expected<Snapshot, ScenarioError> applyScenario(
    const Snapshot &snapshot, const Scenario &scenario);

/// "disable_lane", "change_lane", ... : the kind of a change, as JSON names it.
const char *changeKindName(const Change &change);

} // namespace engine::simulation
