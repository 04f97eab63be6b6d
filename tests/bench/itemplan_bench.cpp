// How fast the item plan solves items of realistic size: 6 locations, a 28-day
// horizon, about 10 demand lines, lanes between most locations, PO receipts with
// expedite options and purchase options. Prints items per second for three mixes of
// fixed costs and what planning a million SKU-locations would take on one core. A
// lane with a fixed cost per shipment has a yes/no choice for every day of the
// horizon; that mix runs a tenth of the items, with the search capped at 2,000 flow
// problems an item, and counts the items the cap stopped. A benchmark, not a test: a
// slow machine is not a failure. Rates are per CPU second of this process (the
// machine may be shared); the wall-clock rate is printed beside them.
//
//   itemplan_bench [ITEMS] [SEED]      default 20,000 items, seed 1

#include "../engine/itemplanfixtures.h"

#include "engine/planning/itemplan.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

using namespace itemplantest;

namespace {

struct Mix {
    const char *name;
    double purchaseFixed; ///< share of purchase options with a fixed cost
    int fixedLanes; ///< lanes with a fixed cost per shipment, at most
    int share; ///< items of this mix: ITEMS / share (the search over shipments is slow)
};

} // namespace

int main(int argc, char **argv)
{
    const int items = argc > 1 ? std::atoi(argv[1]) : 20000;
    const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
    if (items <= 0) {
        std::fprintf(stderr, "usage: itemplan_bench [ITEMS] [SEED]\n");
        return 1;
    }
    Shape shape;
    shape.minLocations = shape.maxLocations = 6;
    shape.minHorizon = shape.maxHorizon = 28;
    shape.minDemands = 7;
    shape.maxDemands = 13;
    shape.laneChance = 0.4;
    shape.maxQty = 200;
    shape.maxPurchases = 2;
    shape.maxReceipts = 3;

    const Mix mixes[] = {
        {"no fixed costs", 0.0, 0, 1},
        {"purchase fixed costs", 1.0, 0, 1},
        {"purchase + 2 lanes fixed", 1.0, 2, 10},
    };
    std::printf("item plan benchmark: %d items per mix, 6 locations, days 0..28, 7-13 demand "
                "lines, seed %llu\n",
        items, static_cast<unsigned long long>(seed));
    std::printf("  %-26s %7s %9s %9s %9s %9s %9s %8s %12s\n", "mix", "items", "items/s", "wall/s",
        "ms/item", "max ms", "nodes", "acting", "1M SKU-loc");
    for (const Mix &mix : mixes) {
        Rng rng(seed);
        shape.laneFixedChance = mix.fixedLanes > 0 ? 0.5 : 0.0;
        shape.maxFixedLanes = mix.fixedLanes;
        long long nodes = 0;
        int acting = 0, failed = 0, capped = 0;
        double slowest = 0, total = 0, wall = 0;
        const int n = std::max(1, items / mix.share);
        PlanOptions options;
        options.maxBranchNodes = 2000;
        for (int i = 0; i < n; ++i) {
            Input in = randomInput(rng, shape);
            for (PurchaseOption &p : in.purchases)
                p.fixedCost = rng.chance(mix.purchaseFixed) ? rng.money(20, 150) : 0;
            const auto start = std::chrono::steady_clock::now();
            const std::clock_t cpuStart = std::clock();
            const auto plan = optimiseItemPlan(in, options);
            const double s = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
            wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            total += s;
            slowest = std::max(slowest, s);
            if (!plan) {
                ++failed;
                continue;
            }
            capped += plan->optimal ? 0 : 1;
            nodes += plan->branchNodes;
            acting += plan->actions.empty() ? 0 : 1;
        }
        const double rate = n / total;
        // A million SKU-locations at six locations an item.
        const double million = 1e6 / 6 / rate;
        std::printf("  %-26s %7d %9.0f %9.0f %9.3f %9.1f %9.1f %7.0f%% %10.0f s\n", mix.name, n,
            rate, n / wall, 1e3 * total / n, 1e3 * slowest, static_cast<double>(nodes) / n,
            100.0 * acting / n, million);
        if (capped > 0)
            std::printf(
                "  %-26s %d items stopped at 2,000 flow problems (best plan found)\n", "", capped);
        if (failed > 0)
            std::printf("  %d items could not be planned\n", failed);
        std::fflush(stdout);
    }
    return 0;
}
