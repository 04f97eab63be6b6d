#pragma once
// Internal to the item plan: the time-expanded network of one item (a node per
// location and day, plus receiving, receipt, demand and purchase nodes and one
// "outside" node), as plain arcs with supplies. The flow solver (mincostflow.cpp)
// and the LP writer (cplexlp.cpp) read the same network, so they solve one problem.

#include "engine/planning/itemplan.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace engine::planning::detail {

/// Money inside the solver is counted in whole millionths of the currency, held in
/// doubles: every sum the solver forms is then an exact integer (below 2^53), so
/// reduced costs never turn slightly negative and ties are real ties.
inline constexpr double kMicro = 1e6;
/// Totals must stay below this (in millionths) for the arithmetic to stay exact.
inline constexpr double kExactLimit = 4.0e15;

double toMicro(double currency);
/// The cost of an action per unit in the model: never free (at least a millionth per
/// unit), so that among plans that cost the same the one that does less wins.
double actionCost(double currency);

enum class ArcKind : std::uint8_t {
    Hold, ///< stock kept overnight, up to the storage capacity
    Overflow, ///< stock kept overnight above the storage capacity
    Receive, ///< a day's arrivals into stock, up to the receiving capacity
    Lane, ///< a shipment leaving `day`
    Serve, ///< stock serving a demand line on `day`
    Unserved, ///< a demand line's units not served within the horizon
    Leftover, ///< stock left at the horizon's end
    Receipt, ///< a PO receipt on its expected day
    ReceiptAfterHorizon, ///< a PO receipt expected after the horizon
    Expedite, ///< a PO receipt moved to an earlier day
    Purchase, ///< a new purchase arriving on `day`
    Dispatch, ///< day-0 stock a location with a shipping limit sends away
    Pool, ///< from that dispatch node to one lane
    Reserve, ///< stock kept back for a lane's destination, onto that lane
};

struct Arc {
    int from = 0;
    int to = 0;
    Units cap = 0; ///< kUnlimited: no limit
    double cost = 0; ///< millionths per unit
    ArcKind kind = ArcKind::Hold;
    int ref = -1; ///< location (Hold, Overflow, Receive, Leftover), lane, demand, receipt, purchase
    int option = -1; ///< Expedite: the option
    int day = 0; ///< Hold/Overflow: the night after `day`; Lane: ship day; else arrival day
    int nights = 1; ///< Hold/Overflow: the nights it spans (to the next day with a node)
};

enum class NodeKind : std::uint8_t {
    Stock,
    Receiving,
    Receipt,
    Demand,
    Purchase,
    Outside,
    Dispatch,
    LaneStart ///< day-0 shipments of one lane with a reserve
};

struct Node {
    NodeKind kind = NodeKind::Stock;
    int ref = -1; ///< location, receipt, demand or purchase
    int day = 0;
};

/// A purchase option's state when the network is built.
inline constexpr Units kPurchaseFree = -1; ///< the solver chooses its quantity
inline constexpr Units kPurchaseClosed = -2; ///< not used
// A value >= 0: exactly that many units are bought (rounded to minimum and multiple).

struct NetworkSpec {
    bool actions = true; ///< false: the do-nothing network (no lanes, expedites, purchases)
    std::vector<Units> purchase; ///< per purchase option; empty: all free
    /// Leaves out the locations that only hold their stock to the horizon (no line, no
    /// arrival, no lane, no purchase there): their cost is the same in every flow, so
    /// it is added as TimeNetwork::inertHolding and inertOverflow instead. A pure source
    /// (lanes leave it on day 0 only, nothing else names it) gets one node, not one a day.
    bool leaveOutInert = false;
};

/// An arc with a fixed cost: paid once when it carries any flow.
struct Switch {
    int arc = 0;
    double fixedCost = 0; ///< millionths
    Units bound = 0; ///< the most the arc can carry in an optimal plan
};

struct TimeNetwork {
    int horizon = 0;
    std::vector<Node> nodes;
    std::vector<Arc> arcs;
    std::vector<Units> supply; ///< per node: units entering (> 0) or leaving (< 0) there
    std::vector<Switch> switches;
    int outside = 0; ///< the node of purchases, unserved units and leftover stock
    Units totalSupply = 0; ///< sum of the positive supplies: a bound on every arc's flow
    double fixedCost = 0; ///< millionths paid whatever the flow (purchases of fixed quantity)
    /// Millionths of holding and overflow at the locations left out (NetworkSpec::
    /// leaveOutInert): their stock stays where it is to the horizon in every flow.
    double inertHolding = 0, inertOverflow = 0;
    std::vector<std::pair<int, double>> inertOverflowAt; ///< (location, millionths)

    /// What every flow pays on top of its arcs: fixedCost and the inert locations.
    double constantCost() const { return fixedCost + inertHolding + inertOverflow; }

    std::string nodeName(int node) const;
    std::string arcName(int arc) const;
};

/// Checks the input: indexes in range, quantities and costs not negative, totals
/// small enough for exact arithmetic. An empty message means it is fine.
std::string validate(const Input &input);

/// The days that get a stock node: all of them, or, when every lane ships on day 0
/// only, day 0, the horizon end and every day something is due or arrives.
std::vector<int> keptDays(const Input &input);

/// The network of a valid input.
TimeNetwork buildNetwork(const Input &input, const NetworkSpec &spec);

/// The cheapest flow of `net` with its fixed costs paid whole (the item plan's branch
/// and bound over the switches, at most `maxNodes` flows), and its cost in millionths
/// with the network's fixedCost; nullopt when no flow meets the supplies. `proven`
/// says whether the search finished (else the flow is the best found).
struct FixedCostFlow {
    std::vector<Units> flow;
    double cost = 0;
    bool proven = true;
};
std::optional<FixedCostFlow> cheapestWithFixedCosts(const TimeNetwork &net, int maxNodes);

/// The linear relaxation of `net`'s fixed costs, as the search over them prices a
/// free arc at its root: each arc with a fixed cost carries it spread over the most
/// it can carry (cost + fixed / bound per unit, rounded down to whole millionths,
/// capacity the bound), and the switches are dropped. The min-cost flow of the result is a lower
/// bound on the model's optimum, equal to it when there are no fixed costs.
void relaxFixedCosts(TimeNetwork &net);

} // namespace engine::planning::detail
