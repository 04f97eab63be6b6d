// Network simulation benchmark: a generated snapshot (default 50,000 items x 25
// locations) planned as one network with lane capacities that bind, beside the sum of
// the item plans and glpsol on the same linear program. Prints figures; it is not a
// ctest test (a slow machine is not a failure). See docs/performance.md.
//
//   network_bench [items] [locations] [seed] [capacity share] [glpsol time limit s]
//                 [plain] [item plans]
//
// The capacity share sets every lane's capacity to that share of the busiest day it
// has when the items share no capacity (default 0.3), so that the capacity binds.
// glpsol runs when it is on PATH (one thread, as it always is); a time limit of 0
// skips it. The network is also planned without searching the joined items over their
// fixed costs, to show what that search saves. plain = 1 also solves the joined items
// as one CLP program (the plain LP, without pricing), to compare with; item plans = 0
// skips the item plans with whole orders and shipments (minutes at 50,000 items).

#include "engine/generator/generator.h"
#include "engine/import/snapshotparser.h"
#include "engine/simulation/simulation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace sim = engine::simulation;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string load()
{
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

void report(const char *what, const sim::Simulation &s, double seconds)
{
    const sim::NetworkPlan &p = s.plan;
    const double model = seconds - p.buildSeconds - p.solveSeconds;
    std::printf(
        "%-34s plan cost %14.2f  %7.1f s total (load %s)\n"
        "%-34s model %.1f s, assembly %.1f s, solve %.1f s (items alone %.1f s, CLP %.1f s, "
        "pricing %.1f s, bound %.1f s)\n"
        "%-34s %zu items, %d joined by capacity rows, %d of them solved together "
        "(%lld min-cost flows priced), %d independent groups, %d rounds\n"
        "%-34s whole LP %d rows, %d columns, %lld nonzeros, %d capacity rows; CLP's part "
        "%d rows, %d columns, %lld nonzeros\n"
        "%-34s program (fixed costs spread) %.2f, proven bound %.2f (gap %.4f)%s; %d "
        "independent items with whole fixed costs; %.0f units moved\n"
        "%-34s fixed costs paid whole %.1f s: %d joined items searched given the others, "
        "%d of them improved\n",
        what, p.objective, seconds, load().c_str(), "", model, p.buildSeconds, p.solveSeconds,
        p.aloneSeconds, p.lpSeconds, p.pricingSeconds, p.boundSeconds, "", s.model.items.size(),
        p.itemsJoined, p.itemsInLp, static_cast<long long>(p.flowsPriced), p.components, p.rounds,
        "", p.rows, p.columns, static_cast<long long>(p.nonzeros), p.capacityRows, p.lpRows,
        p.lpColumns, static_cast<long long>(p.lpNonzeros), "", p.lpObjective, p.dualBound,
        p.lpObjective - p.dualBound, p.fellBack ? ", fell back to the plain LP" : "",
        p.itemsFixedExact, s.result.unitsMoved, "", p.fixedSeconds, p.itemsFixedSearched,
        p.itemsFixedImproved);
}

} // namespace

int main(int argc, char **argv)
{
    engine::GeneratorOptions options;
    options.items = argc > 1 ? std::atoi(argv[1]) : 50000;
    options.locations = argc > 2 ? std::atoi(argv[2]) : 25;
    options.seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
    const double share = argc > 4 ? std::atof(argv[4]) : 0.3;
    const int glpsolLimit = argc > 5 ? std::atoi(argv[5]) : 600;
    const bool plain = argc > 6 && std::atoi(argv[6]) != 0;
    const bool itemPlans = argc <= 7 || std::atoi(argv[7]) != 0;

    const auto dir = std::filesystem::temp_directory_path()
        / ("pwb-network-bench-" + std::to_string(options.items) + "-"
            + std::to_string(options.locations) + "-" + std::to_string(options.seed));
    std::filesystem::create_directories(dir);
    auto t = Clock::now();
    if (auto g = engine::generateSnapshot(options, dir); !g) {
        std::fprintf(stderr, "generate: %s\n", g.error().c_str());
        return 1;
    }
    engine::SnapshotFiles files;
    for (const auto &entry : std::filesystem::directory_iterator(dir)) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        files[entry.path().filename().string()] = bytes.str();
    }
    engine::ParseResult parsed = engine::parseSnapshot(files);
    if (!parsed.ok()) {
        std::fprintf(stderr, "the generated snapshot does not parse\n");
        return 1;
    }
    engine::Snapshot snap = std::move(parsed.snapshot);
    snap.index();
    std::printf("snapshot: %d items x %d locations, %d lanes (generated and parsed in %.1f s); "
                "%u hardware threads, load %s\n",
        snap.items.size(), snap.locations.size(), snap.lanes.size(), since(t),
        std::thread::hardware_concurrency(), load().c_str());
    const engine::Policy policy;

    // The items alone: no capacity shared (each keeps its own routes' capacities).
    sim::NetworkOptions alone;
    alone.sharedCapacity = false;
    alone.keepInstance = false;
    t = Clock::now();
    auto separate = sim::simulate(snap, policy, alone);
    if (!separate) {
        std::fprintf(stderr, "%s\n", separate.error().message.c_str());
        return 1;
    }
    report("items alone (no shared capacity)", *separate, since(t));

    t = Clock::now();
    double relaxed = 0, plans = 0;
    int proven = 0;
    for (const sim::ItemModel &item : separate->model.items) {
        relaxed += engine::planning::relaxedModelCost(item.input).value_or(0);
        if (!itemPlans)
            continue;
        const auto p = engine::planning::optimiseItemPlan(item.input, {400});
        if (p) {
            plans += p->modelCost;
            proven += p->optimal ? 1 : 0;
        }
    }
    std::printf("%-34s relaxation %14.2f, with whole orders and shipments %.2f (%d of %zu "
                "proven), %.1f s\n",
        "sum of item plans", relaxed, plans, proven, separate->model.items.size(), since(t));

    // Capacities that bind: each lane a share of its busiest day without sharing.
    int capped = 0;
    for (const sim::LaneUse &u : separate->result.lanes)
        if (u.peakPerDay >= 2) {
            snap.lanes.capacityPerDay[static_cast<std::size_t>(u.lane)]
                = std::max(1.0, std::floor(u.peakPerDay * share));
            ++capped;
        }
    std::printf("%d lanes capped at %.0f%% of their busiest day\n", capped, 100 * share);
    sim::NetworkOptions shared;
    shared.keepInstance = false;
    t = Clock::now();
    auto network = sim::simulate(snap, policy, shared);
    if (!network) {
        std::fprintf(stderr, "%s\n", network.error().message.c_str());
        return 1;
    }
    report("network (shared capacity)", *network, since(t));
    {
        // The same without searching the joined items over their fixed costs: what the
        // search saves.
        sim::NetworkOptions unsearched = shared;
        unsearched.searchJoinedFixedCosts = false;
        t = Clock::now();
        auto before = sim::simulate(snap, policy, unsearched);
        if (!before) {
            std::fprintf(stderr, "%s\n", before.error().message.c_str());
            return 1;
        }
        report("network, joined items not searched", *before, since(t));
        std::printf("%-34s %.2f -> %.2f (%.2f, %.3f%%) in %.2f s\n",
            "search over joined fixed costs", before->plan.objective, network->plan.objective,
            network->plan.objective - before->plan.objective,
            100 * (network->plan.objective - before->plan.objective)
                / std::max(1.0, before->plan.objective),
            network->plan.fixedSeconds - before->plan.fixedSeconds);
    }
    if (plain) {
        sim::NetworkOptions joined = shared;
        joined.decompose = false;
        t = Clock::now();
        auto reference = sim::simulate(snap, policy, joined);
        if (!reference) {
            std::fprintf(stderr, "%s\n", reference.error().message.c_str());
            return 1;
        }
        report("network, plain LP (CLP, no pricing)", *reference, since(t));
        std::printf("%-34s %.2f vs %.2f, difference %.6f\n", "program with and without pricing",
            network->plan.lpObjective, reference->plan.lpObjective,
            network->plan.lpObjective - reference->plan.lpObjective);
    }
    int full = 0;
    for (const sim::LaneUse &u : network->result.lanes)
        full += u.daysFull;
    std::printf("%-34s +%.2f (%.2f%%) over the items alone; %d lane-days full; units moved "
                "%.0f -> %.0f; fill rate %.4f -> %.4f\n",
        "shared capacity costs", network->plan.objective - separate->plan.objective,
        100 * (network->plan.objective - separate->plan.objective)
            / std::max(1.0, separate->plan.objective),
        full, separate->result.unitsMoved, network->result.unitsMoved, separate->result.fillRateAll,
        network->result.fillRateAll);

    if (glpsolLimit > 0 && std::system("command -v glpsol >/dev/null 2>&1") == 0) {
        auto lp = sim::toCplexLp(network->model, shared);
        if (!lp)
            return 1;
        const auto lpPath = dir / "network.lp";
        std::ofstream(lpPath) << *lp;
        const auto solPath = dir / "network.sol";
        std::printf("glpsol starting (load %s)\n", load().c_str());
        std::fflush(stdout);
        const std::string cmd = "glpsol --lp " + lpPath.string() + " --tmlim "
            + std::to_string(glpsolLimit) + " -w " + solPath.string() + " >"
            + (dir / "glpsol.log").string() + " 2>&1";
        t = Clock::now();
        const int rc = std::system(cmd.c_str());
        const double seconds = since(t);
        std::ifstream sol(solPath);
        std::string line, status;
        double objective = NAN;
        while (std::getline(sol, line)) {
            if (line.starts_with("c Status:"))
                status = line.substr(10);
            if (line.starts_with("s "))
                objective = std::stod(line.substr(line.find_last_of(' ') + 1));
        }
        std::printf("%-34s objective %14.2f  %7.1f s (exit %d, status%s; LP file %.0f MB; "
                    "load %s)\n",
            "glpsol, same LP", objective, seconds, rc, status.c_str(),
            static_cast<double>(lp->size()) / 1e6, load().c_str());
        std::printf("%-34s %.1f s vs %.1f s: %.1f times%s; objectives differ by %.6f\n",
            "network plan (assembly+solve) vs glpsol",
            network->plan.buildSeconds + network->plan.solveSeconds, seconds,
            seconds / std::max(1e-3, network->plan.buildSeconds + network->plan.solveSeconds),
            status.find("OPTIMAL") == std::string::npos ? " (glpsol did not finish)" : "",
            objective - network->plan.lpObjective);
    }
    std::filesystem::remove_all(dir);
    return 0;
}
