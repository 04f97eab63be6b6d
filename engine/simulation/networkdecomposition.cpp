// The network program solved exactly by Dantzig-Wolfe pricing: a CLP master over item
// flows and the capacity rows, each item priced by a min-cost flow. Why it is exact
// (docs/architecture.md, "Network simulation"): for prices p >= 0 on the capacity
// rows, the sum over items of min (c + p A_k) x_k, minus p b, is a lower bound on the
// optimum (Lagrangian duality). At the end the flows are feasible (the master holds
// every capacity row, and each item's flow is a convex combination of its own flows)
// and their cost is checked against that bound, one min-cost flow per item at the
// bound's prices.

#include "engine/simulation/networkdecomposition.h"
#include "engine/simulation/parallelfor.h"

#include "engine/simulation/networkclp.h"
#include "engine/simulation/pricingflow.h"

#include <ClpSimplex.hpp>
#include <CoinPackedMatrix.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <numeric>
#include <optional>
#include <thread>

namespace engine::simulation::detail {

using planning::detail::kMicro;

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

/// Prices are rounded to 1/1024 of a millionth so that every sum the min-cost flow
/// forms (path lengths well below 2^40 millionths) is exact in a double: its
/// shortest-path search then never sees a rounding below zero.
constexpr double kPriceGrid = 1024;
/// A proposal enters the master when its reduced cost is below minus this (currency).
constexpr double kReducedCost = 1e-7;

/// The capacity rows of every column, and the item of every entry of every row.
struct RowIndex {
    std::vector<int> start, row; ///< per column: row[start[col] .. start[col + 1])
    std::vector<std::vector<int>> item; ///< per capacity row, as its columns
};

RowIndex indexRows(const Assembly &a)
{
    RowIndex ix;
    ix.start.assign(static_cast<std::size_t>(a.columns) + 1, 0);
    for (const CapacityUse &c : a.capacity)
        for (const int col : c.columns)
            ++ix.start[static_cast<std::size_t>(col) + 1];
    std::partial_sum(ix.start.begin(), ix.start.end(), ix.start.begin());
    ix.row.resize(static_cast<std::size_t>(ix.start.back()));
    std::vector<int> fill(ix.start.begin(), ix.start.end() - 1);
    ix.item.resize(a.capacity.size());
    for (std::size_t r = 0; r < a.capacity.size(); ++r)
        for (const int col : a.capacity[r].columns) {
            ix.row[static_cast<std::size_t>(fill[static_cast<std::size_t>(col)]++)]
                = static_cast<int>(r);
            ix.item[r].push_back(static_cast<int>(
                std::upper_bound(a.arcBase.begin(), a.arcBase.end(), col) - a.arcBase.begin() - 1));
        }
    return ix;
}

/// Item k's arc i's cost with the prices (millionths) of its capacity rows added.
double pricedCost(const Assembly &a, const RowIndex &ix, std::span<const double> price,
    std::size_t k, std::size_t i)
{
    const auto col = static_cast<std::size_t>(a.arcBase[k]) + i;
    double c = a.nets[k].arcs[i].cost;
    if (!price.empty())
        for (int p = ix.start[col]; p < ix.start[col + 1]; ++p)
            c += price[static_cast<std::size_t>(ix.row[static_cast<std::size_t>(p)])];
    return c;
}

/// Item k's cheapest flow alone, its arcs priced as pricedCost().
std::optional<PricedFlow> cheapest(
    const Assembly &a, const RowIndex &ix, std::span<const double> price, std::size_t k)
{
    const planning::detail::TimeNetwork &net = a.nets[k];
    std::vector<Units> cap(net.arcs.size());
    std::vector<double> cost(net.arcs.size());
    for (std::size_t i = 0; i < net.arcs.size(); ++i) {
        cap[i] = net.arcs[i].cap;
        cost[i] = pricedCost(a, ix, price, k, i);
    }
    return cheapestFlow(net, cap, cost);
}

double onGrid(double micro)
{
    return std::round(micro * kPriceGrid) / kPriceGrid;
}

/// Item k's whole-unit flow, priced as pricedCost().
double flowCost(const Assembly &a, const RowIndex &ix, std::span<const double> price, std::size_t k,
    const std::vector<Units> &flow)
{
    double sum = 0;
    for (std::size_t i = 0; i < flow.size(); ++i)
        if (flow[i] != 0)
            sum += pricedCost(a, ix, price, k, i) * static_cast<double>(flow[i]);
    return sum;
}

/// Whether item k's `flow`, optimal under earlier prices with node potentials
/// `potential`, is still optimal under `price`: every arc that could carry more has a
/// reduced cost >= 0, every arc that carries some one <= 0 (exact: see kPriceGrid).
bool stillOptimal(const Assembly &a, const RowIndex &ix, std::span<const double> price,
    std::size_t k, const std::vector<Units> &flow, const std::vector<double> &potential)
{
    const planning::detail::TimeNetwork &net = a.nets[k];
    if (flow.size() != net.arcs.size() || potential.size() != net.nodes.size())
        return false;
    for (std::size_t i = 0; i < flow.size(); ++i) {
        const planning::detail::Arc &arc = net.arcs[i];
        const double reduced = pricedCost(a, ix, price, k, i)
            + potential[static_cast<std::size_t>(arc.from)]
            - potential[static_cast<std::size_t>(arc.to)];
        if (reduced < 0 && (arc.cap == kUnlimited || flow[i] < arc.cap))
            return false;
        if (reduced > 0 && flow[i] > 0)
            return false;
    }
    return true;
}

/// Item k's flows in x, priced as pricedCost().
double costOf(const Assembly &a, const RowIndex &ix, std::span<const double> price,
    std::span<const double> x, std::size_t k)
{
    double sum = 0;
    const auto base = static_cast<std::size_t>(a.arcBase[k]);
    for (std::size_t i = 0; i < a.nets[k].arcs.size(); ++i)
        if (x[base + i] != 0)
            sum += pricedCost(a, ix, price, k, i) * x[base + i];
    return sum;
}

int findRoot(std::vector<int> &parent, int v)
{
    while (parent[static_cast<std::size_t>(v)] != v) {
        parent[static_cast<std::size_t>(v)]
            = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(v)])];
        v = parent[static_cast<std::size_t>(v)];
    }
    return v;
}

/// The master: the items in it, split into the groups no capacity row joins (connected
/// components of items and rows), each group with the rows it meets and what the items
/// outside the master leave of them.
std::vector<LpBlock> masterBlocks(const Assembly &a, const RowIndex &ix,
    const std::vector<char> &inMaster, std::span<const double> x)
{
    const std::size_t N = a.nets.size();
    std::vector<int> parent(N);
    std::iota(parent.begin(), parent.end(), 0);
    for (const std::vector<int> &items : ix.item) {
        int first = -1;
        for (const int k : items) {
            if (!inMaster[static_cast<std::size_t>(k)])
                continue;
            if (first < 0)
                first = k;
            else
                parent[static_cast<std::size_t>(findRoot(parent, k))] = findRoot(parent, first);
        }
    }
    std::vector<LpBlock> blocks;
    std::vector<int> blockOf(N, -1), localBase(N, 0), columnsOf;
    for (std::size_t k = 0; k < N; ++k) {
        if (!inMaster[k])
            continue;
        const auto root = static_cast<std::size_t>(findRoot(parent, static_cast<int>(k)));
        if (blockOf[root] < 0) {
            blockOf[root] = static_cast<int>(blocks.size());
            blocks.emplace_back();
            columnsOf.push_back(0);
        }
        const auto b = static_cast<std::size_t>(blockOf[root]);
        blockOf[k] = static_cast<int>(b);
        blocks[b].items.push_back(k);
        localBase[k] = columnsOf[b];
        columnsOf[b] += static_cast<int>(a.nets[k].arcs.size());
    }
    for (std::size_t r = 0; r < a.capacity.size(); ++r) {
        const CapacityUse &c = a.capacity[r];
        double outside = 0;
        int block = -1;
        std::vector<int> columns;
        for (std::size_t e = 0; e < c.columns.size(); ++e) {
            const auto k = static_cast<std::size_t>(ix.item[r][e]);
            if (!inMaster[k]) {
                outside += x[static_cast<std::size_t>(c.columns[e])];
                continue;
            }
            block = blockOf[k];
            columns.push_back(localBase[k] + (c.columns[e] - a.arcBase[k]));
        }
        if (block < 0)
            continue;
        LpBlock &b = blocks[static_cast<std::size_t>(block)];
        b.rows.push_back(static_cast<int>(r));
        b.rowCapacity.push_back(static_cast<double>(c.capacity) - outside);
        b.rowColumns.push_back(std::move(columns));
    }
    return blocks;
}

/// A proposal of the master: one flow of one item (its arcs with units on them).
struct Proposal {
    std::size_t item = 0; ///< position among the master's items
    std::vector<std::pair<int, Units>> flow;
};

struct MasterResult {
    int iterations = 0, proposals = 0;
    std::int64_t nonzeros = 0;
    std::int64_t flows = 0; ///< min-cost flows solved to price
    std::vector<double> bestCost; ///< per item: its cheapest flow under the bound's prices
    double lpSeconds = 0, pricingSeconds = 0;
    double objective = 0; ///< the master's (currency)
    bool noStart = false; ///< some item has no plan without the capacity rows
};

/// The master over `items` (the joined items whose own plan uses some capacity row):
/// each item's flow is a convex combination of proposals, the capacity rows hold the
/// sum. Each round, every item's cheapest flow under the master's prices is a new
/// proposal where it is cheaper than the item's convexity price (Dantzig-Wolfe).
/// Stops when none is, or the Lagrangian bound meets the master's cost; writes the
/// items' flows into x and the final prices (millionths, rounded as kPriceGrid).
std::expected<MasterResult, SimulationError> solveMaster(const Assembly &a, const RowIndex &ix,
    const std::vector<std::size_t> &items, const std::atomic<bool> *cancel, std::span<double> x,
    std::vector<double> &priceMicro)
{
    MasterResult res;
    std::vector<double> bestCost(items.size(), 0.0);
    const std::size_t R = a.capacity.size();
    const auto M = static_cast<int>(R + items.size());
    std::vector<Proposal> proposals;
    // Columns waiting to be added to the master.
    std::vector<CoinBigIndex> start {0};
    std::vector<int> rows;
    std::vector<double> elements, objective;
    std::vector<double> usage(R, 0.0);
    auto propose = [&](std::size_t d, const std::vector<Units> &flow) {
        const std::size_t k = items[d];
        const auto base = static_cast<std::size_t>(a.arcBase[k]);
        Proposal p;
        p.item = d;
        double cost = 0;
        for (std::size_t i = 0; i < flow.size(); ++i) {
            if (flow[i] == 0)
                continue;
            p.flow.push_back({static_cast<int>(i), flow[i]});
            cost += a.nets[k].arcs[i].cost * static_cast<double>(flow[i]);
            for (int e = ix.start[base + i]; e < ix.start[base + i + 1]; ++e)
                usage[static_cast<std::size_t>(ix.row[static_cast<std::size_t>(e)])]
                    += static_cast<double>(flow[i]);
        }
        for (std::size_t r = 0; r < R; ++r)
            if (usage[r] != 0) {
                rows.push_back(static_cast<int>(r));
                elements.push_back(usage[r]);
                usage[r] = 0;
            }
        rows.push_back(static_cast<int>(R + d));
        elements.push_back(1.0);
        start.push_back(static_cast<CoinBigIndex>(rows.size()));
        objective.push_back(cost / kMicro);
        proposals.push_back(std::move(p));
    };
    // To start: each item's own plan, and its cheapest plan that uses no capacity row
    // (doing without those lanes is always possible), so that the master has a plan.
    std::vector<std::vector<Units>> blocked(items.size());
    std::string error = parallelFor(items.size(), [&](std::size_t d) {
        const std::size_t k = items[d];
        const planning::detail::TimeNetwork &net = a.nets[k];
        const auto base = static_cast<std::size_t>(a.arcBase[k]);
        std::vector<Units> cap(net.arcs.size());
        std::vector<double> cost(net.arcs.size());
        for (std::size_t i = 0; i < net.arcs.size(); ++i) {
            cap[i] = ix.start[base + i] < ix.start[base + i + 1] ? 0 : net.arcs[i].cap;
            cost[i] = net.arcs[i].cost;
        }
        if (auto sol = cheapestFlow(net, cap, cost))
            blocked[d] = std::move(sol->flow);
    });
    if (!error.empty())
        return std::unexpected(SimulationError {"the master's first plans failed: " + error});
    for (std::size_t d = 0; d < items.size(); ++d) {
        const std::size_t k = items[d];
        const auto base = static_cast<std::size_t>(a.arcBase[k]);
        std::vector<Units> own(a.nets[k].arcs.size());
        for (std::size_t i = 0; i < own.size(); ++i)
            own[i] = static_cast<Units>(x[base + i]);
        propose(d, own);
        if (blocked[d].empty()) {
            // Some flow must use a capacitated lane whatever happens (none of the
            // generator's or the scoring's items does): no plan to start the master
            // from is known, so the caller solves the plain program.
            res.noStart = true;
            return res;
        }
        propose(d, blocked[d]);
    }
    blocked.clear();

    ClpSimplex master;
    master.setLogLevel(0);
    {
        std::vector<double> rowLo(static_cast<std::size_t>(M)), rowUp(static_cast<std::size_t>(M));
        for (std::size_t r = 0; r < R; ++r) {
            rowLo[r] = -COIN_DBL_MAX;
            rowUp[r] = static_cast<double>(a.capacity[r].capacity);
        }
        std::fill(rowLo.begin() + static_cast<std::ptrdiff_t>(R), rowLo.end(), 1.0);
        std::fill(rowUp.begin() + static_cast<std::ptrdiff_t>(R), rowUp.end(), 1.0);
        const auto n = static_cast<int>(objective.size());
        const std::vector<double> lo(static_cast<std::size_t>(n), 0.0),
            up(static_cast<std::size_t>(n), COIN_DBL_MAX);
        std::vector<int> length(static_cast<std::size_t>(n));
        for (std::size_t j = 0; j < length.size(); ++j)
            length[j] = static_cast<int>(start[j + 1] - start[j]);
        const CoinPackedMatrix matrix(
            true, M, n, start.back(), elements.data(), rows.data(), start.data(), length.data());
        master.loadProblem(
            matrix, lo.data(), up.data(), objective.data(), rowLo.data(), rowUp.data());
    }
    // The capacity rows each item's arcs are in: an item whose rows' prices did not
    // change since it was last priced has the same cheapest flow, so it is not solved
    // again.
    std::vector<std::vector<int>> rowsOf(items.size());
    for (std::size_t d = 0; d < items.size(); ++d) {
        const std::size_t k = items[d];
        const auto base = static_cast<std::size_t>(a.arcBase[k]);
        for (std::size_t i = 0; i < a.nets[k].arcs.size(); ++i)
            for (int e = ix.start[base + i]; e < ix.start[base + i + 1]; ++e)
                rowsOf[d].push_back(ix.row[static_cast<std::size_t>(e)]);
        std::sort(rowsOf[d].begin(), rowsOf[d].end());
        rowsOf[d].erase(std::unique(rowsOf[d].begin(), rowsOf[d].end()), rowsOf[d].end());
    }
    std::vector<int> rowChanged(R, 0), itemPriced(items.size(), -1);
    std::vector<double> previous(R, 0.0), inMicro(R, 0.0);
    std::vector<std::vector<Units>> bestFlow(items.size());
    std::vector<std::vector<double>> bestPotential(items.size());
    std::atomic<std::int64_t> flows {0};
    double bestBound = -std::numeric_limits<double>::infinity();
    auto t = Clock::now();
    master.dual(0);
    for (int round = 1;; ++round) {
        if (!master.isProvenOptimal())
            return std::unexpected(SimulationError {"the network plan's master was not solved "
                                                    "(status "
                + std::to_string(master.status()) + ")"});
        res.lpSeconds += seconds(t);
        if (cancel && cancel->load(std::memory_order_relaxed))
            return std::unexpected(SimulationError {"cancelled"});
        if (round > 5000)
            return std::unexpected(SimulationError {"the network plan's prices did not settle"});
        t = Clock::now();
        // The master's prices: a <= row of a minimisation has a dual <= 0, and minus
        // it is what a unit more of the row would save.
        const double *dual = master.dualRowSolution();
        for (std::size_t r = 0; r < R; ++r) {
            priceMicro[r] = onGrid(std::max(0.0, -dual[r]) * kMicro);
            if (priceMicro[r] != previous[r] || round == 1)
                rowChanged[r] = round;
            previous[r] = priceMicro[r];
        }
        error = parallelFor(items.size(), [&](std::size_t d) {
            if (itemPriced[d] >= 0 && std::none_of(rowsOf[d].begin(), rowsOf[d].end(), [&](int r) {
                    return rowChanged[static_cast<std::size_t>(r)] > itemPriced[d];
                }))
                return; // same prices on its rows as when last solved: same flow
            itemPriced[d] = round;
            if (stillOptimal(a, ix, priceMicro, items[d], bestFlow[d], bestPotential[d])) {
                bestCost[d] = flowCost(a, ix, priceMicro, items[d], bestFlow[d]);
                return;
            }
            auto sol = cheapest(a, ix, priceMicro, items[d]);
            bestCost[d] = sol ? sol->cost : 0;
            bestFlow[d] = sol ? std::move(sol->flow) : std::vector<Units>();
            bestPotential[d] = sol ? std::move(sol->potential) : std::vector<double>();
            flows.fetch_add(1, std::memory_order_relaxed);
        });
        if (!error.empty())
            return std::unexpected(SimulationError {"pricing failed: " + error});
        start.assign(1, 0);
        rows.clear();
        elements.clear();
        objective.clear();
        double bound = 0;
        for (std::size_t r = 0; r < R; ++r)
            bound -= priceMicro[r] * static_cast<double>(a.capacity[r].capacity);
        for (std::size_t d = 0; d < items.size(); ++d) {
            if (bestFlow[d].empty())
                return std::unexpected(SimulationError {
                    "item " + std::to_string(items[d]) + ": pricing found no flow"});
            bound += bestCost[d];
            // Its reduced cost in the master, at the master's own prices.
            const double reduced = bestCost[d] / kMicro - dual[R + d];
            if (reduced < -kReducedCost)
                propose(d, bestFlow[d]);
        }
        if (bound > bestBound) {
            bestBound = bound;
            inMicro = priceMicro;
            res.bestCost = bestCost;
        }
        res.objective = master.objectiveValue();
        res.pricingSeconds += seconds(t);
        res.iterations = round;
        const double gap = res.objective - bestBound / kMicro;
        if (objective.empty() || gap <= std::max(1e-4, 1e-10 * std::abs(res.objective)))
            break;
        t = Clock::now();
        const auto n = static_cast<int>(objective.size());
        const std::vector<double> lo(static_cast<std::size_t>(n), 0.0),
            up(static_cast<std::size_t>(n), COIN_DBL_MAX);
        master.addColumns(
            n, lo.data(), up.data(), objective.data(), start.data(), rows.data(), elements.data());
        master.primal(1);
    }
    // The bound's prices and the items' cheapest flows under them prove the optimum.
    priceMicro = inMicro;
    res.proposals = static_cast<int>(proposals.size());
    res.nonzeros = master.getNumElements();
    res.flows = flows.load();
    // The items' flows: the proposals weighed as the master weighs them.
    for (const std::size_t k : items)
        std::fill_n(x.begin() + a.arcBase[k], a.nets[k].arcs.size(), 0.0);
    // Proposals of the last round are not columns yet when the bound closed first:
    // they carry no weight.
    const double *lambda = master.primalColumnSolution();
    const auto columns = std::min(proposals.size(), static_cast<std::size_t>(master.getNumCols()));
    for (std::size_t j = 0; j < columns; ++j) {
        if (lambda[j] <= 0)
            continue;
        const auto base = static_cast<std::size_t>(a.arcBase[items[proposals[j].item]]);
        for (const auto &[arc, units] : proposals[j].flow)
            x[base + static_cast<std::size_t>(arc)] += lambda[j] * static_cast<double>(units);
    }
    return res;
}

/// The plain program, where pricing could not start or did not prove its answer.
std::expected<ProgramStats, SimulationError> plainInstead(
    const Assembly &a, const ProgramOptions &options, std::span<double> x)
{
    ProgramOptions plain = options;
    plain.decompose = false;
    auto again = solveProgram(a, plain, x);
    if (again)
        again->fellBack = true;
    return again;
}

} // namespace

std::expected<ProgramStats, SimulationError> solveProgram(
    const Assembly &a, const ProgramOptions &options, std::span<double> x)
{
    ProgramStats stats;
    const std::size_t N = a.nets.size();
    const RowIndex ix = indexRows(a);
    std::vector<char> joined(N, 0);
    for (const std::vector<int> &items : ix.item)
        for (const int k : items)
            joined[static_cast<std::size_t>(k)] = 1;
    stats.itemsJoined = static_cast<int>(std::count(joined.begin(), joined.end(), 1));

    // Every item alone: the plan of the items no row joins, and where the others start.
    auto t = Clock::now();
    std::vector<char> failed(N, 0);
    std::string error = parallelFor(N, [&](std::size_t k) {
        if (!options.decompose && joined[k])
            return;
        const auto sol = cheapest(a, ix, {}, k);
        if (!sol) {
            failed[k] = 1;
            return;
        }
        const auto base = static_cast<std::size_t>(a.arcBase[k]);
        for (std::size_t i = 0; i < sol->flow.size(); ++i)
            x[base + i] = static_cast<double>(sol->flow[i]);
    });
    if (!error.empty())
        return std::unexpected(SimulationError {"the items' own plans failed: " + error});
    if (const auto f = std::find(failed.begin(), failed.end(), 1); f != failed.end())
        return std::unexpected(SimulationError {"item " + std::to_string(f - failed.begin())
            + ": no flow meets its firm stock (internal error)"});
    stats.aloneSeconds = seconds(t);
    if (stats.itemsJoined == 0)
        return stats;

    std::vector<double> price(a.capacity.size(), 0.0), priceMicro(a.capacity.size(), 0.0);
    // Per joined item the prices act on: its cheapest flow under the final prices, where
    // the master already found it.
    std::vector<double> known(N, std::numeric_limits<double>::quiet_NaN());
    // The items the prices act on: in the plain program every joined item; with
    // pricing, those whose own plan uses some capacity row. An item whose own plan
    // uses none keeps it whatever the prices (they only raise costs it does not pay).
    std::vector<char> priced(N, 0);
    if (!options.decompose) {
        priced = joined;
        t = Clock::now();
        const std::vector<LpBlock> blocks = masterBlocks(a, ix, joined, x);
        stats.components = static_cast<int>(blocks.size());
        for (const LpBlock &b : blocks) {
            const LpOutcome o = solveBlock(a, b, x, price);
            if (!o.optimal)
                return std::unexpected(
                    SimulationError {"the network plan was not solved: " + o.status});
            stats.lpRows += o.rows;
            stats.lpColumns += o.columns;
            stats.lpNonzeros += o.nonzeros;
        }
        stats.rounds = 1;
        stats.lpSeconds = seconds(t);
        for (std::size_t r = 0; r < price.size(); ++r)
            priceMicro[r] = std::round(price[r] * kMicro * kPriceGrid) / kPriceGrid;
    } else {
        stats.components = static_cast<int>(masterBlocks(a, ix, joined, x).size());
        for (std::size_t r = 0; r < a.capacity.size(); ++r)
            for (std::size_t e = 0; e < a.capacity[r].columns.size(); ++e)
                if (x[static_cast<std::size_t>(a.capacity[r].columns[e])] > 0)
                    priced[static_cast<std::size_t>(ix.item[r][e])] = 1;
        std::vector<std::size_t> items;
        for (std::size_t k = 0; k < N; ++k)
            if (priced[k])
                items.push_back(k);
        const auto master = solveMaster(a, ix, items, options.cancel, x, priceMicro);
        if (!master)
            return std::unexpected(master.error());
        if (master->noStart)
            return plainInstead(a, options, x);
        stats.rounds = master->iterations;
        stats.lpRows = static_cast<int>(a.capacity.size() + items.size());
        stats.lpColumns = master->proposals;
        stats.lpNonzeros = master->nonzeros;
        stats.lpSeconds = master->lpSeconds;
        stats.pricingSeconds = master->pricingSeconds;
        stats.flowsPriced = master->flows;
        for (std::size_t d = 0; d < items.size(); ++d)
            known[items[d]] = master->bestCost[d];
    }
    stats.itemsInLp = static_cast<int>(std::count(priced.begin(), priced.end(), 1));

    // The proof: the Lagrangian bound under the final prices, one min-cost flow per
    // joined item the prices act on, against the flows' cost.
    t = Clock::now();
    std::vector<double> primal(N, 0.0), bound(N, 0.0);
    error = parallelFor(N, [&](std::size_t k) {
        if (!joined[k])
            return;
        primal[k] = costOf(a, ix, {}, x, k);
        if (!priced[k]) {
            bound[k] = primal[k];
            return;
        }
        if (!std::isnan(known[k])) {
            bound[k] = known[k];
            return;
        }
        const auto best = cheapest(a, ix, priceMicro, k);
        bound[k] = best ? best->cost : -1e300;
    });
    if (!error.empty())
        return std::unexpected(SimulationError {"the bound failed: " + error});
    stats.primalMicro = std::accumulate(primal.begin(), primal.end(), 0.0);
    stats.boundMicro = std::accumulate(bound.begin(), bound.end(), 0.0);
    for (std::size_t r = 0; r < a.capacity.size(); ++r)
        stats.boundMicro -= priceMicro[r] * static_cast<double>(a.capacity[r].capacity);
    stats.boundSeconds = seconds(t);
    const double tolerance = std::max(1e3, 1e-9 * std::abs(stats.primalMicro));
    if (options.decompose && stats.primalMicro - stats.boundMicro > tolerance)
        return plainInstead(a, options, x); // not proven (the solvers' tolerances)
    return stats;
}

} // namespace engine::simulation::detail
