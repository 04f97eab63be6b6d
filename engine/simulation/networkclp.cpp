#include "engine/simulation/networkclp.h"

#include <ClpSimplex.hpp>
#include <ClpSolve.hpp>
#include <CoinPackedMatrix.hpp>

#include <algorithm>

namespace engine::simulation::detail {

using planning::detail::Arc;
using planning::detail::kMicro;

LpOutcome solveBlock(
    const Assembly &a, const LpBlock &block, std::span<double> x, std::span<double> price)
{
    LpOutcome out;
    std::vector<int> nodeBase, arcBase;
    int balanceRows = 0, cols = 0;
    for (const std::size_t k : block.items) {
        nodeBase.push_back(balanceRows);
        arcBase.push_back(cols);
        balanceRows += static_cast<int>(a.nets[k].nodes.size());
        cols += static_cast<int>(a.nets[k].arcs.size());
    }
    const int rows = balanceRows + static_cast<int>(block.rows.size());
    out.rows = rows;
    out.columns = cols;
    if (cols == 0) {
        out.optimal = true;
        return out;
    }
    // Capacity rows per column, gathered from the rows' column lists.
    std::vector<int> capStart(static_cast<std::size_t>(cols) + 1, 0);
    for (const std::vector<int> &c : block.rowColumns)
        for (const int col : c)
            ++capStart[static_cast<std::size_t>(col) + 1];
    for (int j = 0; j < cols; ++j)
        capStart[static_cast<std::size_t>(j) + 1] += capStart[static_cast<std::size_t>(j)];
    std::vector<int> capRow(static_cast<std::size_t>(capStart.back()));
    {
        std::vector<int> fill(capStart.begin(), capStart.end() - 1);
        for (std::size_t r = 0; r < block.rowColumns.size(); ++r)
            for (const int col : block.rowColumns[r])
                capRow[static_cast<std::size_t>(fill[static_cast<std::size_t>(col)]++)]
                    = balanceRows + static_cast<int>(r);
    }

    const std::size_t nz = 2 * static_cast<std::size_t>(cols) + capRow.size();
    out.nonzeros = static_cast<std::int64_t>(nz);
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
    for (std::size_t j = 0; j < block.items.size(); ++j) {
        const planning::detail::TimeNetwork &net = a.nets[block.items[j]];
        const int base = nodeBase[j];
        for (std::size_t v = 0; v < net.nodes.size(); ++v) {
            const double s = static_cast<double>(net.supply[v]);
            rowLo[static_cast<std::size_t>(base) + v] = s;
            rowUp[static_cast<std::size_t>(base) + v] = s;
        }
        for (std::size_t i = 0; i < net.arcs.size(); ++i) {
            const Arc &arc = net.arcs[i];
            const auto col = static_cast<std::size_t>(arcBase[j]) + i;
            start.push_back(static_cast<CoinBigIndex>(elements.size()));
            elements.push_back(1.0);
            index.push_back(base + arc.from);
            elements.push_back(-1.0);
            index.push_back(base + arc.to);
            for (int p = capStart[col]; p < capStart[col + 1]; ++p) {
                elements.push_back(1.0);
                index.push_back(capRow[static_cast<std::size_t>(p)]);
            }
            length.push_back(2 + capStart[col + 1] - capStart[col]);
            colUp.push_back(arc.cap == kUnlimited ? COIN_DBL_MAX : static_cast<double>(arc.cap));
            obj.push_back(arc.cost / kMicro);
        }
    }
    start.push_back(static_cast<CoinBigIndex>(elements.size()));
    for (std::size_t r = 0; r < block.rows.size(); ++r) {
        rowLo[static_cast<std::size_t>(balanceRows) + r] = -COIN_DBL_MAX;
        rowUp[static_cast<std::size_t>(balanceRows) + r] = block.rowCapacity[r];
    }
    ClpSimplex clp;
    clp.setLogLevel(0);
    {
        const CoinPackedMatrix matrix(true, rows, cols, static_cast<CoinBigIndex>(elements.size()),
            elements.data(), index.data(), start.data(), length.data());
        clp.loadProblem(matrix, colLo.data(), colUp.data(), obj.data(), rowLo.data(), rowUp.data());
    }
    ClpSolve how;
    how.setSolveType(ClpSolve::useDual);
    how.setPresolveType(ClpSolve::presolveOn);
    clp.initialSolve(how);
    if (!clp.isProvenOptimal()) {
        // The program always has a plan (doing nothing, everything left unserved),
        // so anything else is the solver giving up.
        out.status = clp.isProvenPrimalInfeasible() ? "infeasible"
            : clp.isIterationLimitReached()
            ? "iteration limit"
            : "stopped (status " + std::to_string(clp.status()) + ")";
        return out;
    }
    const double *solution = clp.primalColumnSolution();
    for (std::size_t j = 0; j < block.items.size(); ++j) {
        const std::size_t k = block.items[j];
        const auto base = static_cast<std::size_t>(a.arcBase[k]);
        for (std::size_t i = 0; i < a.nets[k].arcs.size(); ++i)
            x[base + i] = solution[static_cast<std::size_t>(arcBase[j]) + i];
    }
    // A <= row of a minimisation has a dual <= 0: minus it is what a unit more saves.
    const double *dual = clp.dualRowSolution();
    for (std::size_t r = 0; r < block.rows.size(); ++r)
        price[static_cast<std::size_t>(block.rows[r])]
            = std::max(0.0, -dual[static_cast<std::size_t>(balanceRows) + r]);
    out.optimal = true;
    return out;
}

} // namespace engine::simulation::detail
