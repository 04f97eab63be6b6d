// Fuzz target for import and scoring together: arbitrary bytes parsed as a snapshot
// (split at NUL bytes like fuzz_snapshotparser); when they parse, the snapshot is
// scored and a few SKU-locations analysed. Whatever the numbers, scoring must not
// crash or be undefined behaviour, every exception's score is the exact sum of its
// factors, and a summary of the full run agrees with the analysis of its
// SKU-location.

#include "engine/import/snapshotparser.h"
#include "engine/scoring/scoring.h"

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

bool same(double a, double b)
{
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b)
        || (std::isnan(a) && std::isnan(b));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    std::string_view input(reinterpret_cast<const char *>(data), size);
    engine::SnapshotFiles files;
    for (const std::string_view name : engine::kSnapshotFileNames) {
        if (input.empty())
            break;
        const std::size_t end = input.find('\0');
        files.emplace(std::string(name), std::string(input.substr(0, end)));
        input = end == std::string_view::npos ? std::string_view {} : input.substr(end + 1);
    }
    engine::ParseOptions options;
    options.maxErrors = 1;
    engine::ParseResult parsed = engine::parseSnapshot(files, options);
    if (!parsed.ok())
        return 0;
    const engine::Snapshot &s = parsed.snapshot;
    // Small snapshots only: the point is odd values, not a long run.
    if (s.itemLocations.size() > 200)
        return 0;

    const engine::Policy policy;
    const engine::RankedQueue queue = engine::score(s, policy, {}, 1);
    for (std::size_t i = 0; i < queue.exceptions.size(); ++i) {
        if (queue.exceptions[i].rank != int(i) + 1)
            std::abort();
    }
    // The first few SKU-locations, analysed alone: each exception's factors sum to its
    // score, in the order the record lists them, and the full run holds the same score.
    for (engine::Index il = 0; il < std::min<engine::Index>(s.itemLocations.size(), 4); ++il) {
        const engine::ItemLocationAnalysis analysis = engine::analyse(s, policy, il);
        for (const engine::ExceptionRecord &x : analysis.exceptions) {
            double sum = 0;
            for (const engine::Factor &f : x.factors)
                sum += f.value();
            if (!same(sum, x.score))
                std::abort();
            bool found = false;
            for (const engine::ExceptionSummary &summary : queue.exceptions) {
                if (summary.itemLocation == il && summary.type == x.type) {
                    found = true;
                    if (!same(summary.score, x.score))
                        std::abort();
                }
            }
            if (!found)
                std::abort();
        }
    }
    return 0;
}
