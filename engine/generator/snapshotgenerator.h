#pragma once
// Internal to the generator (generator.h): the state of one generated snapshot while
// its files are written. snapshotgenerator.cpp makes the master data and writes the
// master files; snapshotgeneratorrows.cpp writes the SKU-locations and the open orders,
// receipts, transfers and forecast that hang off them.
//
// Reproducibility rules for the generator's files: only + - * / and std::sqrt on
// doubles (all correctly rounded by IEEE 754), integer rounding with floor/ceil, no
// std:: distributions, no exp/log/pow. CMake also builds them with -ffp-contract=off
// so no compiler fuses a multiply-add differently on another CPU.

#include "engine/generator/generator.h"

#include "engine/core/date.h"
#include "engine/generator/xoshiro.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engine::detail {

using Rng = Xoshiro256;

inline double roundTo(double x, double step)
{
    return std::round(x / step) * step;
}

/// Smallest multiple of `multiple` that is >= x (and >= multiple).
inline double roundUpToMultiple(double x, double multiple)
{
    return std::max(multiple, std::ceil(x / multiple) * multiple);
}

inline std::string padded(std::string_view prefix, std::int64_t number, int width)
{
    std::string digits = std::to_string(number);
    std::string out(prefix);
    if (static_cast<int>(digits.size()) < width)
        out.append(std::size_t(width) - digits.size(), '0');
    return out + digits;
}

inline int digitCount(std::int64_t n)
{
    int digits = 1;
    while (n >= 10) {
        n /= 10;
        ++digits;
    }
    return digits;
}

struct Location {
    std::string id, name, region;
    std::string_view type; ///< "dc", "branch", "store"
    int parentDc = -1; ///< the DC that replenishes it; -1 for a DC
    double demandFactor = 1;
    double onHandTotal = 0, demandTotal = 0; ///< accumulated while writing item-locations
};

struct Supplier {
    std::string id, name;
    int leadTimeDays = 7;
    double leadTimeStd = 0, onTimeRate = 1;
    double expediteCost = -1; ///< < 0: cannot expedite
    int expediteMaxDays = 0;
};

struct Customer {
    std::string id, name;
    int tier = 3;
};

struct Item {
    std::string id, description;
    std::size_t family = 0;
    double cost = 0, price = 0, demand = 0, demandCv = 0.5, pack = 1;
    char abc = 'C';
    int shelfLifeDays = 0;
    int group = -1;
    int supplier = 0;
};

struct Lane {
    int from = 0, to = 0, transitDays = 1;
    double costPerUnit = 0, fixedCost = 0, capacityPerDay = -1;
    bool active = true;
};

/// An order being filled line by line while the generator walks the SKU-locations.
struct OpenOrder {
    std::int64_t number = 0;
    int linesLeft = 0, nextLine = 1, customer = 0, lastItem = -1;
    Date orderDate = kNoDate;
};

struct OpenPo {
    std::int64_t number = 0;
    int linesLeft = 0, nextLine = 1;
    Date orderDate = kNoDate, promised = kNoDate, expected = kNoDate;
    std::string_view status;
    bool promisedKnown = true;
};

/// Grows one snapshot from GeneratorOptions and writes it to a folder.
class SnapshotGenerator
{
public:
    SnapshotGenerator(const GeneratorOptions &options, Date asOf, std::filesystem::path directory)
        : m_options(options)
        , m_asOf(asOf)
        , m_dir(std::move(directory))
    { }

    std::expected<GeneratorSummary, std::string> run();

private:
    void makeLocations();
    void makeSuppliers();
    void makeCustomers();
    void makeItems();
    void makeLanes();
    void planDemand();
    std::optional<std::string> writeItemLocations();
    std::optional<std::string> writeMasterFiles();
    std::optional<std::string> writeManifest();

    const Lane *lane(int from, int to) const;
    int pickCustomer(Rng &rng) const;

    const GeneratorOptions &m_options;
    const Date m_asOf;
    const std::filesystem::path m_dir;
    GeneratorSummary m_summary;

    std::vector<Location> m_locations;
    std::vector<Supplier> m_suppliers;
    std::vector<Customer> m_customers;
    std::vector<int> m_keyAccounts; ///< tier-1 customers
    std::vector<Item> m_items;
    std::vector<Lane> m_lanes;
    std::vector<int> m_laneIndex; ///< from * locations + to -> lane, or -1
    int m_groupCount = 0;
    int m_dcCount = 1;
    // Per SKU-location (item-major), decided before the rows are written.
    std::vector<double> m_demand;
    std::vector<std::uint8_t> m_direct; ///< 1: supplier-replenished
    double m_meanSqrtDemand = 1;
    double m_poLinesPerDirect = 0;
};

} // namespace engine::detail
