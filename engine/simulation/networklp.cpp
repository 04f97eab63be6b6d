// The network plan's linear program in CPLEX LP format: one variable per arc of every
// item (prefixed i<item>_), one balance row per node, one capacity row per lane and
// day. Written from the same assembly the solver loads, so that glpsol can check it.

#include "engine/planning/lptext.h"
#include "engine/simulation/networkassembly.h"

#include <cmath>
#include <string>

namespace engine::simulation {

namespace {

using planning::lptext::money;
using planning::lptext::Terms;

} // namespace

std::expected<std::string, SimulationError> toCplexLp(
    const NetworkModel &model, const NetworkOptions &options)
{
    auto assembled = detail::assemble(model, options);
    if (!assembled)
        return std::unexpected(assembled.error());
    const detail::Assembly &a = *assembled;
    std::vector<std::string> var;
    var.reserve(static_cast<std::size_t>(a.columns));
    for (std::size_t k = 0; k < a.nets.size(); ++k)
        for (std::size_t i = 0; i < a.nets[k].arcs.size(); ++i)
            var.push_back("i" + std::to_string(k) + "_" + a.nets[k].arcName(static_cast<int>(i)));

    std::string lp = "\\ Network plan: " + std::to_string(model.items.size()) + " items, days 0.."
        + std::to_string(model.horizonDays) + ", " + std::to_string(a.capacity.size())
        + " shared lane-day capacities. Money in the currency; quantities in units.\n";
    lp += "Minimize\n obj:";
    {
        Terms obj(lp);
        int col = 0;
        for (const auto &net : a.nets)
            for (const auto &arc : net.arcs) {
                if (arc.cost != 0)
                    obj.add(money(arc.cost), var[static_cast<std::size_t>(col)]);
                ++col;
            }
        if (obj.count() == 0 && !var.empty())
            obj.add("0", var[0]);
    }
    lp += "\nSubject To\n";
    for (std::size_t k = 0; k < a.nets.size(); ++k) {
        const auto &net = a.nets[k];
        std::vector<std::vector<std::size_t>> out(net.nodes.size()), in(net.nodes.size());
        for (std::size_t i = 0; i < net.arcs.size(); ++i) {
            out[static_cast<std::size_t>(net.arcs[i].from)].push_back(i);
            in[static_cast<std::size_t>(net.arcs[i].to)].push_back(i);
        }
        const std::string prefix = "i" + std::to_string(k) + "_";
        for (std::size_t v = 0; v < net.nodes.size(); ++v) {
            if (out[v].empty() && in[v].empty())
                continue; // a node no arc touches has no supply either
            lp += ' ' + prefix + net.nodeName(static_cast<int>(v)) + ':';
            Terms row(lp);
            const std::size_t base = static_cast<std::size_t>(a.arcBase[k]);
            for (std::size_t i : out[v])
                row.add("1", var[base + i]);
            for (std::size_t i : in[v])
                row.add("-1", var[base + i]);
            lp += " = " + std::to_string(net.supply[v]) + '\n';
        }
    }
    for (const detail::CapacityUse &c : a.capacity) {
        lp += " cap_lane" + std::to_string(c.lane) + "_d" + std::to_string(c.day) + ':';
        Terms row(lp);
        for (int col : c.columns)
            row.add("1", var[static_cast<std::size_t>(col)]);
        lp += " <= " + std::to_string(c.capacity) + '\n';
    }
    lp += "Bounds\n";
    int col = 0;
    for (const auto &net : a.nets)
        for (const auto &arc : net.arcs) {
            if (arc.cap != kUnlimited)
                lp += " 0 <= " + var[static_cast<std::size_t>(col)]
                    + " <= " + std::to_string(arc.cap) + '\n';
            ++col;
        }
    lp += "End\n";
    return lp;
}

} // namespace engine::simulation
