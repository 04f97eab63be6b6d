// The network plan's linear program solved with COIN-OR CLP (dual simplex), and the
// plan read back from the flows: what each item ships, serves and leaves unserved.

#include "engine/simulation/networkassembly.h"

#include "engine/planning/mincostflow.h"

#include <ClpSimplex.hpp>
#include <ClpSolve.hpp>
#include <CoinPackedMatrix.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace engine::simulation {

using detail::Assembly;
using planning::detail::Arc;
using planning::detail::ArcKind;
using planning::detail::kMicro;

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

/// Flows below this are the solver's rounding, not units.
constexpr double kFlowEps = 1e-9;

void loadProgram(const Assembly &a, ClpSimplex &clp)
{
    const int rows = a.balanceRows + static_cast<int>(a.capacity.size());
    const int cols = a.columns;
    // Capacity rows per column, gathered from the rows' column lists.
    std::vector<int> capStart(static_cast<std::size_t>(cols) + 1, 0);
    for (const detail::CapacityUse &c : a.capacity)
        for (int col : c.columns)
            ++capStart[static_cast<std::size_t>(col) + 1];
    for (int j = 0; j < cols; ++j)
        capStart[static_cast<std::size_t>(j) + 1] += capStart[static_cast<std::size_t>(j)];
    std::vector<int> capRow(static_cast<std::size_t>(capStart.back()));
    {
        std::vector<int> fill(capStart.begin(), capStart.end() - 1);
        for (std::size_t r = 0; r < a.capacity.size(); ++r)
            for (int col : a.capacity[r].columns)
                capRow[static_cast<std::size_t>(fill[static_cast<std::size_t>(col)]++)]
                    = a.balanceRows + static_cast<int>(r);
    }

    const std::size_t nz = 2 * static_cast<std::size_t>(cols) + capRow.size();
    std::vector<double> elements;
    std::vector<int> index;
    std::vector<CoinBigIndex> start;
    std::vector<int> length;
    elements.reserve(nz);
    index.reserve(nz);
    start.reserve(static_cast<std::size_t>(cols) + 1);
    length.reserve(static_cast<std::size_t>(cols));
    std::vector<double> colLo(static_cast<std::size_t>(cols), 0.0), colUp, obj;
    colUp.reserve(static_cast<std::size_t>(cols));
    obj.reserve(static_cast<std::size_t>(cols));
    std::vector<double> rowLo(static_cast<std::size_t>(rows)),
        rowUp(static_cast<std::size_t>(rows));
    for (std::size_t k = 0; k < a.nets.size(); ++k) {
        const planning::detail::TimeNetwork &net = a.nets[k];
        const int base = a.nodeBase[k];
        for (std::size_t v = 0; v < net.nodes.size(); ++v) {
            const double s = static_cast<double>(net.supply[v]);
            rowLo[static_cast<std::size_t>(base) + v] = s;
            rowUp[static_cast<std::size_t>(base) + v] = s;
        }
        for (std::size_t i = 0; i < net.arcs.size(); ++i) {
            const Arc &arc = net.arcs[i];
            const int col = a.arcBase[k] + static_cast<int>(i);
            start.push_back(static_cast<CoinBigIndex>(elements.size()));
            elements.push_back(1.0);
            index.push_back(base + arc.from);
            elements.push_back(-1.0);
            index.push_back(base + arc.to);
            for (int p = capStart[static_cast<std::size_t>(col)];
                 p < capStart[static_cast<std::size_t>(col) + 1]; ++p) {
                elements.push_back(1.0);
                index.push_back(capRow[static_cast<std::size_t>(p)]);
            }
            length.push_back(2 + capStart[static_cast<std::size_t>(col) + 1]
                - capStart[static_cast<std::size_t>(col)]);
            colUp.push_back(arc.cap == kUnlimited ? COIN_DBL_MAX : static_cast<double>(arc.cap));
            obj.push_back(arc.cost / kMicro);
        }
    }
    start.push_back(static_cast<CoinBigIndex>(elements.size()));
    for (std::size_t r = 0; r < a.capacity.size(); ++r) {
        rowLo[static_cast<std::size_t>(a.balanceRows) + r] = -COIN_DBL_MAX;
        rowUp[static_cast<std::size_t>(a.balanceRows) + r]
            = static_cast<double>(a.capacity[r].capacity);
    }
    const CoinPackedMatrix matrix(true, rows, cols, static_cast<CoinBigIndex>(elements.size()),
        elements.data(), index.data(), start.data(), length.data());
    clp.loadProblem(matrix, colLo.data(), colUp.data(), obj.data(), rowLo.data(), rowUp.data());
}

double clean(double flow, const Arc &arc)
{
    if (flow < kFlowEps)
        return 0.0;
    if (arc.cap != kUnlimited)
        flow = std::min(flow, static_cast<double>(arc.cap));
    // Whole units where the solver is a rounding away from them.
    const double whole = std::round(flow);
    return std::abs(flow - whole) < 1e-7 ? whole : flow;
}

int transitOf(const NetworkModel &model, std::size_t item, const Arc &arc)
{
    if (arc.kind == ArcKind::Lane)
        return model.items[item].input.lanes[static_cast<std::size_t>(arc.ref)].transitDays;
    if (arc.kind == ArcKind::Hold || arc.kind == ArcKind::Overflow)
        return arc.nights;
    return 0;
}

void readPlan(const NetworkModel &model, const Assembly &a, const double *x,
    const NetworkOptions &options, NetworkPlan &plan)
{
    plan.items.resize(a.nets.size());
    double objective = a.constantMicro;
    if (options.keepInstance) {
        plan.instance.constant = a.constantMicro / kMicro;
        plan.instance.nodes.reserve(static_cast<std::size_t>(a.balanceRows));
        plan.instance.arcs.reserve(static_cast<std::size_t>(a.columns));
    }
    for (std::size_t k = 0; k < a.nets.size(); ++k) {
        const planning::detail::TimeNetwork &net = a.nets[k];
        const ItemModel &m = model.items[k];
        ItemResult &r = plan.items[k];
        r.demands.assign(m.input.demands.size(), {});
        if (options.keepInstance)
            for (std::size_t v = 0; v < net.nodes.size(); ++v)
                plan.instance.nodes.push_back({static_cast<int>(k),
                    net.nodeName(static_cast<int>(v)), static_cast<double>(net.supply[v])});
        for (std::size_t i = 0; i < net.arcs.size(); ++i) {
            const Arc &arc = net.arcs[i];
            const double f = clean(x[a.arcBase[k] + static_cast<int>(i)], arc);
            const double cost = arc.cost * f / kMicro;
            objective += arc.cost * f;
            if (options.keepInstance)
                plan.instance.arcs.push_back({static_cast<int>(k), a.nodeBase[k] + arc.from,
                    a.nodeBase[k] + arc.to, net.arcName(static_cast<int>(i)), arc.day,
                    transitOf(model, k, arc), arc.cost / kMicro,
                    arc.cap == kUnlimited ? -1.0 : static_cast<double>(arc.cap), f});
            if (f == 0)
                continue;
            switch (arc.kind) {
            case ArcKind::Hold:
            case ArcKind::Overflow:
                r.costs.holding += cost;
                break;
            case ArcKind::Serve: {
                DemandResult &d = r.demands[static_cast<std::size_t>(arc.ref)];
                const int due
                    = std::max(0, m.input.demands[static_cast<std::size_t>(arc.ref)].dueDay);
                (arc.day <= due ? d.onTime : d.late) += f;
                d.cost += cost;
                r.costs.lateness += cost;
                break;
            }
            case ArcKind::Unserved: {
                DemandResult &d = r.demands[static_cast<std::size_t>(arc.ref)];
                d.unserved += f;
                d.cost += cost;
                r.costs.unserved += cost;
                break;
            }
            case ArcKind::Lane: {
                r.costs.transfers += cost;
                const planning::Lane &ln = m.input.lanes[static_cast<std::size_t>(arc.ref)];
                Shipment s;
                s.item = static_cast<int>(k);
                s.lane = arc.ref;
                if (!m.location.empty()) {
                    s.from = m.location[static_cast<std::size_t>(ln.from)];
                    s.to = m.location[static_cast<std::size_t>(ln.to)];
                }
                s.shipDay = arc.day;
                s.arrivalDay = arc.day + ln.transitDays;
                s.qty = f;
                s.cost = cost;
                plan.shipments.push_back(s);
                break;
            }
            case ArcKind::Expedite:
                r.costs.expedites += cost;
                r.expedited += f;
                break;
            case ArcKind::Purchase:
                r.costs.purchases += cost;
                r.purchased += f;
                break;
            default:
                break;
            }
        }
    }
    plan.objective = objective / kMicro;
    if (options.keepInstance) {
        plan.instance.capacityRows.reserve(a.capacity.size());
        for (const detail::CapacityUse &c : a.capacity) {
            CapacityRow row {c.lane, c.day, static_cast<double>(c.capacity), c.columns, 0.0};
            for (int col : c.columns)
                row.used += plan.instance.arcs[static_cast<std::size_t>(col)].flow;
            plan.instance.capacityRows.push_back(std::move(row));
        }
    }
}

} // namespace

std::expected<NetworkPlan, SimulationError> solveNetwork(
    const NetworkModel &model, const NetworkOptions &options)
{
    const auto started = Clock::now();
    auto assembled = detail::assemble(model, options);
    if (!assembled)
        return std::unexpected(assembled.error());
    const Assembly &a = *assembled;
    NetworkPlan plan;
    plan.rows = a.balanceRows + static_cast<int>(a.capacity.size());
    plan.columns = a.columns;
    plan.capacityRows = static_cast<int>(a.capacity.size());
    if (a.columns == 0) {
        plan.optimal = true;
        plan.objective = a.constantMicro / kMicro;
        plan.items.resize(a.nets.size());
        plan.buildSeconds = seconds(started);
        return plan;
    }
    std::int64_t nonzeros = 2 * static_cast<std::int64_t>(a.columns);
    for (const detail::CapacityUse &c : a.capacity)
        nonzeros += static_cast<std::int64_t>(c.columns.size());
    plan.nonzeros = nonzeros;

    // An item whose lanes meet no capacity row is independent of every other item:
    // its block is a min-cost flow, solved exactly (in whole units) by the item plan's
    // own solver. Only the items the capacity rows join go to CLP, together.
    auto itemOf = [&a](int column) {
        return static_cast<std::size_t>(
            std::upper_bound(a.arcBase.begin(), a.arcBase.end(), column) - a.arcBase.begin() - 1);
    };
    std::vector<char> coupled(a.nets.size(), 0);
    for (const detail::CapacityUse &c : a.capacity)
        for (int col : c.columns)
            coupled[itemOf(col)] = 1;
    std::vector<double> x(static_cast<std::size_t>(a.columns), 0.0);
    plan.buildSeconds = seconds(started);
    const auto solving = Clock::now();
    Assembly joint;
    std::vector<std::size_t> jointItem;
    for (std::size_t k = 0; k < a.nets.size(); ++k) {
        const planning::detail::TimeNetwork &net = a.nets[k];
        if (coupled[k]) {
            joint.nodeBase.push_back(joint.balanceRows);
            joint.arcBase.push_back(joint.columns);
            joint.balanceRows += static_cast<int>(net.nodes.size());
            joint.columns += static_cast<int>(net.arcs.size());
            joint.nets.push_back(net);
            jointItem.push_back(k);
            continue;
        }
        planning::detail::MinCostFlow solver(net);
        std::vector<Units> cap(net.arcs.size());
        std::vector<double> cost(net.arcs.size());
        for (std::size_t i = 0; i < net.arcs.size(); ++i) {
            cap[i] = net.arcs[i].cap;
            cost[i] = net.arcs[i].cost;
        }
        const auto sol = solver.solve(cap, cost);
        if (!sol)
            return std::unexpected(SimulationError {
                "item " + std::to_string(k) + ": no flow meets its firm stock (internal error)"});
        for (std::size_t i = 0; i < net.arcs.size(); ++i)
            x[static_cast<std::size_t>(a.arcBase[k]) + i] = static_cast<double>(sol->flow[i]);
    }
    plan.itemsInLp = static_cast<int>(jointItem.size());
    if (!jointItem.empty()) {
        // The capacity rows with the joint program's column numbers.
        std::vector<int> position(a.nets.size(), -1);
        for (std::size_t j = 0; j < jointItem.size(); ++j)
            position[jointItem[j]] = static_cast<int>(j);
        for (const detail::CapacityUse &c : a.capacity) {
            detail::CapacityUse row {c.lane, c.day, c.capacity, {}};
            for (int col : c.columns) {
                const std::size_t k = itemOf(col);
                row.columns.push_back(
                    joint.arcBase[static_cast<std::size_t>(position[k])] + (col - a.arcBase[k]));
            }
            joint.capacity.push_back(std::move(row));
        }
        ClpSimplex clp;
        clp.setLogLevel(0);
        loadProgram(joint, clp);
        ClpSolve how;
        how.setSolveType(ClpSolve::useDual);
        how.setPresolveType(ClpSolve::presolveOn);
        clp.initialSolve(how);
        if (!clp.isProvenOptimal()) {
            // The program always has a plan (doing nothing, everything left unserved),
            // so anything else is the solver giving up.
            plan.status = clp.isProvenPrimalInfeasible() ? "infeasible"
                : clp.isIterationLimitReached()
                ? "iteration limit"
                : "stopped (status " + std::to_string(clp.status()) + ")";
            return std::unexpected(
                SimulationError {"the network plan was not solved: " + plan.status});
        }
        const double *solution = clp.primalColumnSolution();
        for (std::size_t j = 0; j < jointItem.size(); ++j) {
            const std::size_t k = jointItem[j];
            for (std::size_t i = 0; i < a.nets[k].arcs.size(); ++i)
                x[static_cast<std::size_t>(a.arcBase[k]) + i]
                    = solution[static_cast<std::size_t>(joint.arcBase[j]) + i];
        }
    }
    plan.solveSeconds = seconds(solving);
    plan.optimal = true;
    readPlan(model, a, x.data(), options, plan);
    return plan;
}

} // namespace engine::simulation
