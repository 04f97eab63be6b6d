#pragma once
// The network plan: the plans of every item (engine/planning) at once, joined by the
// lane capacity they share. Each item keeps the time-expanded network its item plan
// solves; a transfer of an item takes a route of one or more snapshot lanes, and on
// every day each snapshot lane with a capacity carries at most that many units of all
// items together. The whole is one linear program (a multi-commodity flow with shared
// capacity rows), solved exactly by pricing the items against a COIN-OR CLP master
// (Dantzig-Wolfe), with a Lagrangian bound that proves the optimum.
//
// Fixed costs (a purchase order's cost, a shipment's fixed cost) enter as their
// linear relaxation, as the item plan's search prices them at its root: spread over
// the most units the order or shipment could carry (planning::relaxedModelCost). The
// program does not decide which shipments to open; its optimum is a lower bound on
// what a plan with whole shipments costs, and with no shared capacity binding it is
// the sum of the items' relaxedModelCost. The plan read back pays fixed costs whole:
// each independent item planned by the item plan's search over them, each joined item
// with fixed costs searched given the others' flows. Flows may be fractional where
// shared capacity binds. See docs/architecture.md ("Network simulation").

#include "engine/core/snapshot.h"
#include "engine/planning/itemplan.h"

#include <atomic>
#include <cstdint>
#include <expected>
#include <string>
#include <vector>

namespace engine::simulation {

using planning::kUnlimited;
using planning::Units;

/// One hop of a route: the snapshot lane a unit travels and the day it leaves onto
/// it, counted from the day it left the route's origin.
struct Hop {
    Index lane = kNone;
    int offsetDays = 0;
};

/// One item of the network: the input of its item plan, where its plan locations are
/// in the snapshot, the route each of its plan lanes takes and what its demand lines
/// are for.
struct ItemModel {
    Index item = kNone; ///< row in Snapshot::items (kNone in models built by hand)
    planning::Input input;
    std::vector<Index> location; ///< per input location: the snapshot location
    std::vector<std::vector<Hop>> routes; ///< per input lane: its hops, in travel order
    /// Per input demand: the sales-order row it serves, or kNone for a transfer already
    /// promised to leave (not an order line: left out of fill rates and value).
    std::vector<Index> salesOrder;
    std::vector<int> tier; ///< per input demand: the customer's tier 1..3; 0 for a transfer
};

/// A snapshot lane as the network sees it.
struct SharedLane {
    Index from = kNone, to = kNone; ///< snapshot locations
    Units capacityPerDay = kUnlimited; ///< units of all items together, per day they leave
};

/// Order lines that no item model holds (SKU-locations that are not short): each is
/// served from its own firm stock, as scoring found.
struct LinesOutside {
    double units = 0, onTime = 0;
    double tier1Units = 0, tier1OnTime = 0;
};

/// Everything the network plan solves.
struct NetworkModel {
    int horizonDays = 0;
    std::vector<ItemModel> items;
    std::vector<SharedLane> lanes; ///< as Snapshot::lanes
    std::vector<LinesOutside> outside; ///< per snapshot location
    /// Items with a shortage whose plan input is too large for exact arithmetic: left
    /// out, as the scoring leaves them without a plan.
    int itemsSkipped = 0;
};

struct NetworkOptions {
    /// False: each item alone, with only its own routes' capacities (the sum of item
    /// plans' relaxations); true: lane capacity shared by every item.
    bool sharedCapacity = true;
    /// Keep the solved instance (nodes, arcs, capacity rows) in the plan, for output
    /// and independent checking. Large networks leave it out.
    bool keepInstance = true;
    /// True: the joined items are solved by pricing (only those that cannot keep their
    /// own optimum go to CLP, in independent groups); false: all of them in one CLP
    /// program, the plain LP. Both are exact; the second is there to check the first.
    bool decompose = true;
    /// True: after the program, each joined item with fixed costs is searched over them
    /// (paid whole), one at a time in item order, within the room the other items leave
    /// on its capacity rows; false: joined items keep the program's flows (for checks).
    bool searchJoinedFixedCosts = true;
    const std::atomic<bool> *cancel = nullptr; ///< polled while the model is built
};

/// One node of the solved instance: units entering (supply > 0) or leaving there.
struct InstanceNode {
    int item = 0; ///< position in NetworkModel::items
    std::string name;
    double supply = 0;
};

/// One arc (a column of the linear program) of the solved instance.
struct InstanceArc {
    int item = 0;
    int from = 0, to = 0; ///< instance nodes
    std::string name;
    int day = 0; ///< as planning's arcs: ship day of a lane, else the day it acts on
    int transitDays = 0; ///< a lane: days from leaving to arriving; a hold: nights; else 0
    double costPerUnit = 0; ///< currency, fixed costs spread in
    double capacity = -1; ///< -1: unlimited
    double flow = 0;
};

/// A shared capacity row: the units leaving over one snapshot lane on one day.
struct CapacityRow {
    Index lane = kNone;
    int day = 0;
    double capacity = 0;
    std::vector<int> arcs; ///< instance arcs whose units travel this lane that day
    double used = 0;
};

struct NetworkInstance {
    std::vector<InstanceNode> nodes;
    std::vector<InstanceArc> arcs;
    std::vector<CapacityRow> capacityRows;
    double constant = 0; ///< cost paid whatever the flow (currency)
};

/// A transfer the plan makes: units of one item over one route.
struct Shipment {
    int item = 0; ///< position in NetworkModel::items
    int lane = 0; ///< the item input's lane
    Index from = kNone, to = kNone; ///< snapshot locations
    int shipDay = 0, arrivalDay = 0;
    double qty = 0;
    double cost = 0; ///< currency, fixed cost spread in
};

/// What happens to one demand line (units may be fractional).
struct DemandResult {
    double onTime = 0, late = 0, unserved = 0;
    double cost = 0; ///< lateness + unserved cost
};

/// The plan's cost of one item by kind (currency).
struct ItemCosts {
    double holding = 0; ///< holding and overflow
    double lateness = 0, unserved = 0;
    double transfers = 0, expedites = 0, purchases = 0;
    double total() const
    {
        return holding + lateness + unserved + transfers + expedites + purchases;
    }
};

struct ItemResult {
    ItemCosts costs;
    std::vector<DemandResult> demands; ///< as the item's input demands
    double expedited = 0, purchased = 0; ///< units
};

struct NetworkPlan {
    /// The plan's cost (currency): cost x flow over every arc, every fixed cost of an arc
    /// the plan uses paid whole, plus the constant.
    double objective = 0;
    /// The linear program's optimum (currency): fixed costs spread over the most their
    /// arc can carry, as the instance states it for an independent solver.
    double lpObjective = 0;
    /// Independent items (no capacity row joins them) with fixed costs, planned with
    /// them paid whole.
    int itemsFixedExact = 0;
    /// Joined items with fixed costs searched over them (paid whole) given the other
    /// items' flows, and of them those whose searched plan replaced the program's flows
    /// (strictly cheaper at real prices).
    int itemsFixedSearched = 0, itemsFixedImproved = 0;
    /// True when the fixed costs are proven to be paid at their optimum: every item
    /// with fixed costs is independent and its search finished. A joined item's search
    /// is its best given the others' flows, not a proof for all items together.
    bool fixedCostsProven = true;
    bool optimal = false;
    std::string status; ///< the solver's word when not optimal
    int rows = 0, columns = 0;
    std::int64_t nonzeros = 0;
    int capacityRows = 0;
    /// Items some capacity row joins to another; every other item is independent and
    /// solved alone by the item plan's min-cost flow.
    int itemsJoined = 0;
    /// Of the joined items, those priced against the master (in the plain program: in
    /// CLP's program); the others use no capacity row in their own optimum, and keep it.
    int itemsInLp = 0;
    std::int64_t flowsPriced = 0; ///< items' min-cost flows solved under the prices
    int components = 0; ///< groups of joined items that no capacity row joins
    int rounds = 0; ///< master solves, each followed by pricing (plain: 1)
    int lpRows = 0, lpColumns = 0; ///< the master at the end (plain: CLP's programs)
    std::int64_t lpNonzeros = 0;
    /// A lower bound on the linear program's optimum proven by the capacity rows' prices
    /// (Lagrangian duality): lpObjective minus at most the solver's rounding.
    double dualBound = 0;
    bool fellBack = false; ///< the bound did not close, so all joined items went to CLP
    double buildSeconds = 0, solveSeconds = 0;
    /// Parts of solveSeconds: the items alone, CLP, pricing, the bound.
    double aloneSeconds = 0, lpSeconds = 0, pricingSeconds = 0, boundSeconds = 0;
    /// After solveSeconds: the searches over fixed costs, independent and joined items.
    double fixedSeconds = 0;
    std::vector<ItemResult> items; ///< as NetworkModel::items
    std::vector<Shipment> shipments; ///< by item, then lane, then day
    NetworkInstance instance; ///< empty unless NetworkOptions::keepInstance
};

struct SimulationError {
    std::string message;
};

/// The optimal network plan of `model`, or why there is none (bad input, cancelled).
std::expected<NetworkPlan, SimulationError> solveNetwork(
    const NetworkModel &model, const NetworkOptions &options = {});

/// The linear program solveNetwork() solves, in CPLEX LP format (money in the
/// currency), so that an independent solver (glpsol --lp) can check its optimum.
std::expected<std::string, SimulationError> toCplexLp(
    const NetworkModel &model, const NetworkOptions &options = {});

} // namespace engine::simulation
