#pragma once
// Synthetic ERP snapshots: a complete `erp-snapshot/1` folder grown from a seed, for
// the bundled demo, tests and benchmarks. The data is shaped like a distributor's:
// Pareto-skewed demand, a few DCs feeding branches and stores over lanes, suppliers of
// uneven reliability, tiered customers, open orders spread around the horizon, and a
// minority of SKU-locations that are short, overstocked, late or miscounted, so that
// every exception type shows up.
//
// The output is byte-identical for a seed on every platform: the generator uses its own
// PRNG and distributions (no std:: distributions, whose algorithms differ between
// standard libraries) and no libm transcendental functions (only + - * / and sqrt, which
// IEEE 754 rounds exactly), and formats numbers with std::to_chars.

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>

namespace engine {

struct GeneratorOptions {
    int items = 1000;
    int locations = 10; ///< every item is stocked at every location
    std::uint64_t seed = 1;
    std::string asOf = "2026-11-28"; ///< the snapshot's "today", YYYY-MM-DD
    std::string currency = "USD";
    std::string snapshotId; ///< empty: "SYNTH-<seed>-<as_of>"
    /// Mean open customer order lines per SKU-location.
    double salesLinesPerItemLocation = 0.5;
    /// Mean open purchase order lines per SKU-location (all of them, not only the
    /// supplier-replenished ones).
    double purchaseLinesPerItemLocation = 0.2;
};

/// Row counts of a generated snapshot.
struct GeneratorSummary {
    std::int64_t items = 0, locations = 0, suppliers = 0, customers = 0;
    std::int64_t itemLocations = 0, salesOrderLines = 0, purchaseOrderLines = 0;
    std::int64_t transfers = 0, lanes = 0, forecastRows = 0;
    std::int64_t bytes = 0; ///< total size of the files written
};

/// Largest sizes the generator accepts (a 20-million-row item_locations.csv is ~2 GB).
inline constexpr int kGeneratorMaxItems = 5'000'000;
inline constexpr int kGeneratorMaxLocations = 500;
inline constexpr std::int64_t kGeneratorMaxItemLocations = 20'000'000;

/// The options of the bundled demo snapshot (resources/demo): small enough to read,
/// with a handful of exceptions of every type.
GeneratorOptions demoGeneratorOptions();

/// Writes manifest.json and every CSV file of the snapshot format into `directory`
/// (created when missing; files of the same names are replaced). Returns the row
/// counts, or a message naming the bad option or the file that could not be written.
std::expected<GeneratorSummary, std::string> generateSnapshot(
    const GeneratorOptions &options, const std::filesystem::path &directory);

} // namespace engine
