#pragma once
// Internal to the network plan: the exact solution of its program. Every item is first
// solved alone by a min-cost flow. Items whose arcs meet no capacity row are done, and
// so are joined items whose own plan uses no capacity row. The others are priced
// against a CLP master whose columns are their flows (Dantzig-Wolfe) until the
// Lagrangian bound meets the master's cost: see docs/architecture.md ("Network
// simulation").

#include "engine/simulation/networkassembly.h"

#include <atomic>
#include <cstdint>
#include <expected>
#include <span>

namespace engine::simulation::detail {

struct ProgramStats {
    int itemsJoined = 0; ///< items some capacity row joins to another
    int itemsInLp = 0; ///< of them, the items priced (or, plain, in the CLP program)
    std::int64_t flowsPriced = 0; ///< min-cost flows solved under the master's prices
    int components = 0; ///< independent programs CLP solved in the last round
    int rounds = 0; ///< master solves (each followed by pricing)
    int lpRows = 0, lpColumns = 0; ///< the last round's programs together
    std::int64_t lpNonzeros = 0;
    double primalMicro = 0; ///< cost of the joined items' flows (millionths)
    double boundMicro = 0; ///< a lower bound on it, from the prices (millionths)
    bool fellBack = false; ///< the bound did not close: every joined item went to CLP
    double aloneSeconds = 0, lpSeconds = 0, pricingSeconds = 0, boundSeconds = 0;
};

struct ProgramOptions {
    /// False: every joined item goes to CLP in one program (the plain LP, for checks).
    bool decompose = true;
    const std::atomic<bool> *cancel = nullptr;
};

/// Solves the program of `a` to optimality; writes the flow of every column into `x`.
std::expected<ProgramStats, SimulationError> solveProgram(
    const Assembly &a, const ProgramOptions &options, std::span<double> x);

} // namespace engine::simulation::detail
