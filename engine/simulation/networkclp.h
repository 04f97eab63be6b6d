#pragma once
// Internal to the network plan: part of its program solved as one linear program with
// COIN-OR CLP. A block is some items (all their arcs and balance rows) and the
// capacity rows they meet, each with the capacity left for them once the items outside
// the block have taken theirs.

#include "engine/simulation/networkassembly.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace engine::simulation::detail {

struct LpBlock {
    std::vector<std::size_t> items; ///< into Assembly::nets
    std::vector<int> rows; ///< into Assembly::capacity
    std::vector<double> rowCapacity; ///< per rows entry: units left for the block
    /// Per rows entry: the block's columns in it (item j's arc i is column
    /// base(j) + i, items in the order of `items`).
    std::vector<std::vector<int>> rowColumns;
};

struct LpOutcome {
    bool optimal = false;
    std::string status; ///< why not, when not optimal
    int rows = 0, columns = 0;
    std::int64_t nonzeros = 0;
};

/// Solves `block` with CLP's dual simplex after presolve. Writes each of its items'
/// flows into `x` (the Assembly's columns) and each of its rows' price into `price`
/// (per Assembly capacity row; >= 0, currency per unit: what one more unit of the
/// row's capacity would save).
LpOutcome solveBlock(
    const Assembly &a, const LpBlock &block, std::span<double> x, std::span<double> price);

} // namespace engine::simulation::detail
