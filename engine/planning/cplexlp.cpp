// The item plan's model in CPLEX LP format: one variable per arc of the network
// (units on it), one balance row per node (units out - units in = the node's
// supply), and for each arc with a fixed cost a binary that must be 1 for the arc
// to carry anything. It is the problem optimiseItemPlan() solves before rounding
// purchases, written from the same network, so any LP/MIP solver can check it.

#include "engine/planning/itemplan.h"

#include "engine/planning/lptext.h"
#include "engine/planning/timenetwork.h"

#include <cmath>
#include <string>

namespace engine::planning {

using namespace detail;

namespace {

using lptext::money;
using lptext::Terms;

} // namespace

std::expected<std::string, PlanError> toCplexLp(const Input &input)
{
    if (std::string why = validate(input); !why.empty())
        return std::unexpected(PlanError {std::move(why)});
    const TimeNetwork net = buildNetwork(input, {true, {}});
    const std::size_t A = net.arcs.size();
    std::vector<std::string> var(A);
    for (std::size_t a = 0; a < A; ++a)
        var[a] = net.arcName(static_cast<int>(a));

    std::string lp;
    lp += "\\ Item plan: " + std::to_string(input.locations.size()) + " locations, days 0.."
        + std::to_string(input.horizonDays) + ", " + std::to_string(input.demands.size())
        + " demand lines. Money in the currency; quantities in units.\n";
    lp += "Minimize\n obj:";
    {
        Terms obj(lp);
        for (std::size_t a = 0; a < A; ++a)
            if (net.arcs[a].cost != 0)
                obj.add(money(net.arcs[a].cost), var[a]);
        for (const Switch &s : net.switches)
            obj.add(money(s.fixedCost), "y_" + var[static_cast<std::size_t>(s.arc)]);
        if (obj.count() == 0 && A > 0)
            obj.add("0", var[0]);
    }
    lp += "\nSubject To\n";
    std::vector<std::vector<std::size_t>> out(net.nodes.size()), in(net.nodes.size());
    for (std::size_t a = 0; a < A; ++a) {
        out[static_cast<std::size_t>(net.arcs[a].from)].push_back(a);
        in[static_cast<std::size_t>(net.arcs[a].to)].push_back(a);
    }
    for (std::size_t v = 0; v < net.nodes.size(); ++v) {
        if (out[v].empty() && in[v].empty())
            continue; // a node no arc touches has no supply either
        lp += ' ' + net.nodeName(static_cast<int>(v)) + ':';
        Terms row(lp);
        for (std::size_t a : out[v])
            row.add("1", var[a]);
        for (std::size_t a : in[v])
            row.add("-1", var[a]);
        lp += " = " + std::to_string(net.supply[v]) + '\n';
    }
    for (const Switch &s : net.switches) {
        const std::string &x = var[static_cast<std::size_t>(s.arc)];
        lp.append(" fix_").append(x).append(": + ").append(x).append(" - ");
        lp.append(std::to_string(s.bound)).append(" y_").append(x).append(" <= 0\n");
    }
    lp += "Bounds\n";
    for (std::size_t a = 0; a < A; ++a)
        if (net.arcs[a].cap != kUnlimited)
            lp += " 0 <= " + var[a] + " <= " + std::to_string(net.arcs[a].cap) + '\n';
    if (!net.switches.empty()) {
        lp += "Binaries\n";
        for (const Switch &s : net.switches)
            lp += " y_" + var[static_cast<std::size_t>(s.arc)] + '\n';
    }
    lp += "End\n";
    return lp;
}

} // namespace engine::planning
