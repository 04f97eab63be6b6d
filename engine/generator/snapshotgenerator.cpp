#include "engine/generator/snapshotgenerator.h"

#include "engine/generator/csvwriter.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <numeric>
#include <system_error>

// See snapshotgenerator.h for the reproducibility rules this file follows.

namespace engine::detail {

namespace {

std::string jsonString(std::string_view value)
{
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(c));
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + '"';
}

// ---------------------------------------------------------------------------------
// Master data vocabulary.

struct Family {
    std::string_view noun;
    std::array<std::string_view, 4> sizes;
    std::array<std::string_view, 3> variants;
    double costLo, costHi; ///< unit cost range
    double demand; ///< relative daily demand of the family
    int shelfLifeDays; ///< 0: not perishable
};

// Sizes and variants deliberately include commas, inch marks and a non-ASCII
// character, which exercise RFC 4180 quoting and UTF-8 in every importer.
constexpr std::array kFamilies {
    Family {"Hex bolt", {"M6x20", "M8x40", "M10x50", "3/8\" x 2\""},
        {"zinc plated", "stainless A2", "hot-dip galvanized"}, 0.04, 1.80, 6.0, 0},
    Family {"Ball bearing", {"6201-2RS", "6203-ZZ", "6205-2RS", "6305-ZZ"},
        {"C3 clearance", "standard", "high speed"}, 2.0, 140.0, 1.2, 0},
    Family {"Nitrile gloves", {"size S", "size M", "size L", "size XL"},
        {"box of 100", "box of 200", "powder-free, box of 100"}, 4.0, 16.0, 3.0, 0},
    Family {"Safety glasses", {"clear", "tinted", "amber", "anti-fog"},
        {"ANSI Z87.1", "EN 166", "over-spec"}, 2.5, 24.0, 1.5, 0},
    Family {"Copy paper A4", {"75 gsm", "80 gsm", "90 gsm", "100 gsm"},
        {"ream of 500", "box of 5 reams", "recycled, ream of 500"}, 3.0, 38.0, 2.5, 0},
    Family {"Cable tie", {"100 mm", "200 mm", "300 mm", "450 mm"},
        {"black", "natural", "UV resistant"}, 0.02, 0.35, 8.0, 0},
    Family {"Garden hose", {"1/2\"", "5/8\"", "3/4\"", "1\""}, {"15 m", "25 m", "50 m"}, 14.0, 95.0,
        0.4, 0},
    Family {"LED tube", {"T8 2 ft", "T8 4 ft", "T5 4 ft", "T8 5 ft"},
        {"4000 K", "6500 K", "3000 K"}, 3.0, 21.0, 1.5, 0},
    Family {"HSS drill bit", {"3 mm", "6 mm", "8 mm", "10 mm"},
        {"single", "set of 10", "cobalt, single"}, 0.9, 65.0, 1.8, 0},
    Family {"Extension cord", {"3 m", "10 m", "25 m", "50 m"},
        {"indoor", "outdoor, heavy duty", "with reel"}, 7.5, 85.0, 0.6, 0},
    Family {"Pallet stretch film", {"17 µm", "20 µm", "23 µm", "30 µm"},
        {"500 mm x 300 m", "hand roll", "machine roll"}, 12.0, 45.0, 1.4, 0},
    Family {"Circuit breaker", {"10 A", "16 A", "32 A", "63 A"},
        {"1-pole", "3-pole", "RCBO, 2-pole"}, 4.5, 380.0, 0.5, 0},
    Family {"Work boots", {"size 40", "size 42", "size 44", "size 46"},
        {"steel toe", "composite toe", "waterproof, steel toe"}, 38.0, 175.0, 0.3, 0},
    Family {"Industrial pump", {"0.75 kW", "2.2 kW", "5.5 kW", "11 kW"},
        {"centrifugal", "submersible", "self-priming"}, 420.0, 4800.0, 0.04, 0},
    Family {"Variable frequency drive", {"1.5 kW", "4 kW", "7.5 kW", "22 kW"},
        {"IP20", "IP55", "IP66, with filter"}, 260.0, 3900.0, 0.05, 0},
    Family {"Pallet truck", {"2,000 kg", "2,500 kg", "3,000 kg", "1,500 kg"},
        {"manual", "electric", "weighing scale"}, 290.0, 6200.0, 0.03, 0},
    // Perishable families.
    Family {"Two-part epoxy", {"25 ml", "50 ml", "400 ml", "1 kg"},
        {"5-minute", "slow cure", "marine grade"}, 4.5, 48.0, 0.8, 270},
    Family {"Silicone sealant", {"300 ml cartridge", "80 ml tube", "600 ml sausage", "25 kg pail"},
        {"clear", "white", "grey"}, 3.5, 14.0, 1.6, 365},
    Family {"Ground coffee", {"250 g", "500 g", "1 kg", "3 kg"},
        {"medium roast", "espresso", "decaf"}, 6.0, 32.0, 2.0, 120},
    Family {"Hand sanitizer", {"50 ml", "500 ml", "1 l refill", "5 l"}, {"gel", "foam", "spray"},
        2.0, 38.0, 2.2, 540},
    Family {"Bottled water", {"0.5 l x 24", "1.5 l x 6", "5 l", "19 l"},
        {"still", "sparkling", "mineral"}, 2.8, 11.0, 4.0, 180},
};
constexpr std::size_t kFirstPerishableFamily = 16;

constexpr std::array<std::string_view, 8> kRegions {
    "East", "West", "Central", "North", "South", "Northeast", "Southwest", "Midwest"};
constexpr std::array<std::string_view, 24> kCities {"Boston", "Denver", "Dallas", "Minneapolis",
    "Atlanta", "Hartford", "Phoenix", "Chicago", "Albany", "Salt Lake City", "Austin", "Duluth",
    "Charlotte", "Providence", "Tucson", "Detroit", "Portland", "Boise", "Houston", "Fargo",
    "Nashville", "Newark", "Reno", "Omaha"};
constexpr std::array<std::string_view, 12> kSupplierNames {"Apex", "Allied", "Atlas", "Delta",
    "Global", "Precision", "Prime", "Reliant", "Standard", "United", "Vertex", "Zenith"};
constexpr std::array<std::string_view, 8> kSupplierTrades {"Fasteners", "Industrial Supply",
    "Packaging", "Electrical", "Safety Products", "Tools", "Bearings", "Chemicals"};
constexpr std::array<std::string_view, 16> kCustomerNames {"Northwind", "Contoso", "Fabrikam",
    "Tailspin", "Lakeshore", "Summit", "Harbor", "Pioneer", "Redwood", "Granite", "Evergreen",
    "Keystone", "Riverside", "Cobalt", "Meridian", "Oakridge"};
constexpr std::array<std::string_view, 10> kCustomerTrades {"Builders", "Hospital", "Facilities",
    "Foods", "Manufacturing", "Hotels", "Schools", "Auto Repair", "Construction", "Laboratories"};

} // namespace

void SnapshotGenerator::makeLocations()
{
    Rng rng(m_options.seed, 1);
    const int count = m_options.locations;
    const int dcs = count <= 2 ? 1 : std::clamp(count / 6, 2, int(kRegions.size()));
    m_dcCount = dcs;
    int branches = 0, stores = 0;
    for (int i = 0; i < count; ++i) {
        Location loc;
        if (i < dcs) {
            loc.region = kRegions[std::size_t(i)];
            loc.id = "DC-";
            for (const char c : loc.region)
                loc.id += char(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
            loc.name = loc.region + " distribution center";
            loc.type = "dc";
            loc.demandFactor = rng.uniform(1.0, 1.6);
        } else {
            loc.parentDc = (i - dcs) % dcs;
            loc.region = m_locations[std::size_t(loc.parentDc)].region;
            const bool store = (i - dcs) % 3 == 2;
            const int n = store ? ++stores : ++branches;
            const std::string_view city = kCities[std::size_t(i - dcs) % kCities.size()];
            const int round = (i - dcs) / int(kCities.size());
            loc.id = padded(store ? "ST-" : "BR-", n, 2);
            loc.name = std::string(city) + (store ? " store" : " branch")
                + (round > 0 ? " " + std::to_string(round + 1) : std::string());
            loc.type = store ? "store" : "branch";
            loc.demandFactor = store ? rng.uniform(0.2, 0.6) : rng.uniform(0.4, 1.1);
        }
        m_locations.push_back(std::move(loc));
    }
}

void SnapshotGenerator::makeSuppliers()
{
    Rng rng(m_options.seed, 2);
    const int count = std::clamp(m_options.items / 40, 3, 1500);
    const int width = std::max(3, digitCount(count));
    for (int i = 0; i < count; ++i) {
        Supplier s;
        s.id = padded("SUP-", i + 1, width);
        const bool import = rng.chance(0.35);
        s.name = std::string(rng.pick(kSupplierNames)) + " "
            + std::string(rng.pick(kSupplierTrades)) + (import ? " Co., Ltd." : " Inc.");
        if (count > int(kSupplierNames.size() * kSupplierTrades.size()))
            s.name += " (" + s.id + ")";
        s.leadTimeDays = import ? rng.between(21, 56) : rng.between(3, 14);
        const double profile = rng.uniform();
        if (profile < 0.4) {
            s.onTimeRate = rng.uniform(0.93, 0.99);
            s.leadTimeStd = rng.uniform(0.3, 1.5);
        } else if (profile < 0.8) {
            s.onTimeRate = rng.uniform(0.80, 0.93);
            s.leadTimeStd = rng.uniform(1.5, 4.0);
        } else {
            s.onTimeRate = rng.uniform(0.55, 0.80);
            s.leadTimeStd = rng.uniform(3.5, 9.0);
        }
        if (import)
            s.leadTimeStd *= 1.5;
        s.onTimeRate = roundTo(s.onTimeRate, 0.01);
        s.leadTimeStd = roundTo(s.leadTimeStd, 0.1);
        if (rng.chance(0.5)) {
            s.expediteCost = roundTo(rng.uniform(0.25, 4.0), 0.05);
            s.expediteMaxDays = import ? rng.between(7, 18) : rng.between(1, 4);
        }
        m_suppliers.push_back(std::move(s));
    }
}

void SnapshotGenerator::makeCustomers()
{
    Rng rng(m_options.seed, 3);
    const int count = std::clamp(m_options.items / 20, 8, 5000);
    const int width = std::max(4, digitCount(count));
    for (int i = 0; i < count; ++i) {
        Customer c;
        c.id = padded("C-", i + 1, width);
        // A few key accounts, many small ones; the first two are pinned so that even a
        // tiny snapshot has a tier-1 and a tier-2 customer.
        const double u = rng.uniform();
        c.tier = i == 0 ? 1 : i == 1 ? 2 : u < 0.06 ? 1 : u < 0.30 ? 2 : 3;
        c.name = std::string(kCustomerNames[std::size_t(i) % kCustomerNames.size()]) + " "
            + std::string(rng.pick(kCustomerTrades));
        if (i >= int(kCustomerNames.size()))
            c.name += " " + std::to_string(i / int(kCustomerNames.size()) + 1);
        // A flat contractual rate per unit-day would price a late bolt like a late pump;
        // generated customers leave the column blank, so the policy's share of each
        // line's price applies. The draws stay, so every other row keeps its value.
        if (c.tier < 3 && rng.chance(0.3))
            (void)rng.uniform();
        if (c.tier == 1)
            m_keyAccounts.push_back(i);
        m_customers.push_back(std::move(c));
    }
}

void SnapshotGenerator::makeItems()
{
    Rng rng(m_options.seed, 4);
    const int count = m_options.items;
    const int width = std::max(5, digitCount(count));
    m_items.resize(std::size_t(count));

    // Families first, in runs that form substitute groups: items of one group share a
    // noun and a size and differ only in variant.
    for (int i = 0; i < count;) {
        const bool perishable = rng.chance(0.09);
        const std::size_t family = perishable
            ? kFirstPerishableFamily
                + std::size_t(rng.between(0, int(kFamilies.size() - kFirstPerishableFamily) - 1))
            : std::size_t(rng.between(0, int(kFirstPerishableFamily) - 1));
        const auto &fam = kFamilies[family];
        const std::string_view size = rng.pick(fam.sizes);
        const int runLength = rng.chance(0.07) ? std::min(rng.between(2, 3), count - i) : 1;
        const int group = runLength > 1 ? m_groupCount++ : -1;
        const int first = rng.between(0, 2);
        for (int k = 0; k < runLength; ++k, ++i) {
            Item &item = m_items[std::size_t(i)];
            item.id = padded("SKU-", i + 1, width);
            item.family = family;
            item.group = group;
            const std::string_view variant = fam.variants[std::size_t(first + k) % 3];
            item.description
                = std::string(fam.noun) + " " + std::string(size) + ", " + std::string(variant);
            const double u = rng.uniform();
            item.cost
                = std::max(0.01, roundTo(fam.costLo + (fam.costHi - fam.costLo) * u * u, 0.01));
            const double margin = rng.uniform(0.10, 0.60);
            item.price = roundTo(item.cost / (1.0 - margin), 0.01);
            item.shelfLifeDays = fam.shelfLifeDays;
            item.supplier = static_cast<int>(double(m_suppliers.size())
                * (0.5 * rng.uniform() + 0.5 * rng.uniform() * rng.uniform()));
            item.pack = item.cost < 1.0 ? rng.pick(std::array {25.0, 50.0, 100.0})
                : item.cost < 10.0      ? rng.pick(std::array {6.0, 10.0, 12.0, 24.0})
                : item.cost < 100.0     ? rng.pick(std::array {1.0, 2.0, 4.0, 6.0})
                                        : 1.0;
        }
    }

    // Pareto-like demand: weight 1 / (rank + c) over a random ranking, scaled by how
    // fast the family moves. The offset c flattens the very top, as real catalogues do.
    std::vector<int> rank(static_cast<std::size_t>(count));
    std::iota(rank.begin(), rank.end(), 1);
    for (int i = count - 1; i > 0; --i)
        std::swap(rank[std::size_t(i)], rank[std::size_t(rng.between(0, i))]);
    const double offset = std::max(1.0, count / 1000.0);
    double total = 0;
    for (int i = 0; i < count; ++i) {
        Item &item = m_items[std::size_t(i)];
        item.demand = kFamilies[item.family].demand * rng.uniform(0.5, 1.5)
            / (rank[std::size_t(i)] + offset);
        total += item.demand;
    }
    // A mean of 4 units a day per SKU-location before the location's own factor.
    const double scale = 4.0 * count / total;
    for (Item &item : m_items) {
        item.demand *= scale;
        // Nobody buys a slow mover by the hundred: the pack shrinks to about three
        // weeks of demand (packs are only ever halved, so they stay plausible).
        while (item.pack > 1 && item.pack > 20.0 * item.demand)
            item.pack = std::floor(item.pack / 2);
    }

    // ABC by volume: A items carry the first 70% of units, B the next 20%.
    std::vector<int> byDemand(static_cast<std::size_t>(count));
    std::iota(byDemand.begin(), byDemand.end(), 0);
    std::stable_sort(byDemand.begin(), byDemand.end(), [this](int a, int b) {
        return m_items[std::size_t(a)].demand > m_items[std::size_t(b)].demand;
    });
    double cumulative = 0;
    for (const int i : byDemand) {
        Item &item = m_items[std::size_t(i)];
        const double before = cumulative / (4.0 * count);
        item.abc = before < 0.70 ? 'A' : before < 0.90 ? 'B' : 'C';
        cumulative += item.demand;
        item.demandCv = item.abc == 'A' ? rng.uniform(0.25, 0.5)
            : item.abc == 'B'           ? rng.uniform(0.35, 0.75)
                                        : rng.uniform(0.5, 1.2);
    }
}

void SnapshotGenerator::makeLanes()
{
    Rng rng(m_options.seed, 5);
    const int count = int(m_locations.size());
    // Transit time is a property of the road, so both directions of a pair share it;
    // rates differ by direction (backhaul is cheaper).
    auto add = [&](int a, int b, bool bothWays, int transitLo, int transitHi, double costLo,
                   double costHi, double fixedLo, double fixedHi, bool mayBeInactive) {
        const int transit = rng.between(transitLo, transitHi);
        for (int direction = 0; direction < (bothWays ? 2 : 1); ++direction) {
            Lane lane;
            lane.from = direction == 0 ? a : b;
            lane.to = direction == 0 ? b : a;
            lane.transitDays = transit;
            lane.costPerUnit = roundTo(rng.uniform(costLo, costHi), 0.01);
            lane.fixedCost = roundTo(rng.uniform(fixedLo, fixedHi), 5.0);
            if (rng.chance(0.2))
                lane.capacityPerDay = roundTo(rng.uniform(500, 5000), 100.0);
            lane.active = !(mayBeInactive && rng.chance(0.05));
            m_lanes.push_back(lane);
        }
    };
    for (int a = 0; a < count; ++a) {
        const Location &from = m_locations[std::size_t(a)];
        for (int b = 0; b < count; ++b) {
            const Location &to = m_locations[std::size_t(b)];
            if (a == b)
                continue;
            const bool aIsDc = from.parentDc < 0, bIsDc = to.parentDc < 0;
            if (aIsDc && bIsDc && a < b) // trunk line between DCs
                add(a, b, true, 2, 5, 0.15, 0.60, 60, 200, true);
            else if (aIsDc && to.parentDc == a) // the DC's own branches, and returns
                add(a, b, true, 1, 2, 0.05, 0.30, 10, 40, false);
            else if (aIsDc && !bIsDc) // another region's branches, for emergencies
                add(a, b, false, 3, 5, 0.30, 0.80, 50, 150, true);
            else if (!aIsDc && to.parentDc == from.parentDc && b - a == m_dcCount) // neighbours
                add(a, b, true, 1, 1, 0.10, 0.40, 15, 40, true);
        }
    }
    m_laneIndex.assign(std::size_t(count) * std::size_t(count), -1);
    for (std::size_t i = 0; i < m_lanes.size(); ++i)
        m_laneIndex[std::size_t(m_lanes[i].from) * std::size_t(count) + std::size_t(m_lanes[i].to)]
            = int(i);
}

const Lane *SnapshotGenerator::lane(int from, int to) const
{
    const int i = m_laneIndex[std::size_t(from) * m_locations.size() + std::size_t(to)];
    return i < 0 ? nullptr : &m_lanes[std::size_t(i)];
}

int SnapshotGenerator::pickCustomer(Rng &rng) const
{
    // Skewed towards the low ids: a few customers place most orders.
    const double u = rng.uniform();
    return std::min(int(m_customers.size()) - 1, int(double(m_customers.size()) * u * u));
}

std::optional<std::string> SnapshotGenerator::writeMasterFiles()
{
    Rng rng(m_options.seed, 8);
    const DateTexts dates(m_asOf);
    CsvWriter lo(m_dir / "locations.csv", dates);
    CsvWriter it(m_dir / "items.csv", dates);
    CsvWriter su(m_dir / "suppliers.csv", dates);
    CsvWriter cu(m_dir / "customers.csv", dates);
    CsvWriter la(m_dir / "lanes.csv", dates);

    lo.header(
        {"location_id", "name", "type", "region", "storage_capacity", "inbound_capacity_per_day"});
    for (const Location &loc : m_locations) {
        lo.text(loc.id).text(loc.name).text(loc.type).text(loc.region);
        // Stores are small and often full; some branches cannot receive much a day.
        if (loc.type == "store" ? rng.chance(0.7) : loc.type == "branch" && rng.chance(0.3))
            lo.number(roundUpToMultiple(loc.onHandTotal * rng.uniform(0.85, 1.5), 100.0), 0);
        else
            lo.blank();
        if (loc.parentDc >= 0 && rng.chance(0.3))
            lo.number(roundUpToMultiple(loc.demandTotal * rng.uniform(1.1, 2.0), 10.0), 0);
        else
            lo.blank();
        lo.endRow();
    }

    it.header({"item_id", "description", "unit_cost", "unit_price", "abc_class", "shelf_life_days",
        "substitute_group"});
    const int groupWidth = std::max(4, digitCount(m_groupCount));
    for (const Item &item : m_items) {
        it.text(item.id).text(item.description).number(item.cost, 2).number(item.price, 2);
        it.text(std::string_view(&item.abc, 1));
        if (item.shelfLifeDays > 0)
            it.integer(item.shelfLifeDays);
        else
            it.blank();
        if (item.group >= 0)
            it.text(padded("SG-", item.group + 1, groupWidth));
        else
            it.blank();
        it.endRow();
    }

    su.header({"supplier_id", "name", "lead_time_days", "lead_time_std_days", "on_time_rate",
        "expedite_cost_per_unit", "expedite_max_days"});
    for (const Supplier &s : m_suppliers) {
        su.text(s.id)
            .text(s.name)
            .integer(s.leadTimeDays)
            .number(s.leadTimeStd, 1)
            .number(s.onTimeRate, 2);
        if (s.expediteCost >= 0)
            su.number(s.expediteCost, 2).integer(s.expediteMaxDays);
        else
            su.blank().blank();
        su.endRow();
    }

    cu.header({"customer_id", "name", "tier", "late_penalty_per_unit_day"});
    for (const Customer &c : m_customers) {
        cu.text(c.id).text(c.name).integer(c.tier).blank();
        cu.endRow();
    }

    la.header({"from_location_id", "to_location_id", "transit_days", "cost_per_unit", "fixed_cost",
        "capacity_per_day", "active"});
    for (const Lane &lane : m_lanes) {
        la.text(m_locations[std::size_t(lane.from)].id).text(m_locations[std::size_t(lane.to)].id);
        la.integer(lane.transitDays).number(lane.costPerUnit, 2).number(lane.fixedCost, 2);
        if (lane.capacityPerDay >= 0)
            la.number(lane.capacityPerDay, 0);
        else
            la.blank();
        la.text(lane.active ? "true" : "false").endRow();
    }

    m_summary.locations = lo.rows();
    m_summary.items = it.rows();
    m_summary.suppliers = su.rows();
    m_summary.customers = cu.rows();
    m_summary.lanes = la.rows();
    for (CsvWriter *file : {&lo, &it, &su, &cu, &la}) {
        auto closed = file->close();
        if (!closed)
            return closed.error();
        m_summary.bytes += *closed;
    }
    return std::nullopt;
}

std::optional<std::string> SnapshotGenerator::writeManifest()
{
    const std::string asOf = formatDate(m_asOf);
    const std::string id = m_options.snapshotId.empty()
        ? "SYNTH-" + std::to_string(m_options.seed) + "-" + asOf
        : m_options.snapshotId;
    const std::string source = "pwb generate (synthetic: seed " + std::to_string(m_options.seed)
        + ", " + std::to_string(m_options.items) + " items x " + std::to_string(m_options.locations)
        + " locations)";
    const std::string text = "{\n  \"format\": \"erp-snapshot/1\",\n  \"snapshot_id\": "
        + jsonString(id) + ",\n  \"as_of\": " + jsonString(asOf) + ",\n  \"currency\": "
        + jsonString(m_options.currency) + ",\n  \"source_system\": " + jsonString(source)
        + ",\n  \"extracted_at\": " + jsonString(asOf + "T23:05:00Z") + "\n}\n";
    const std::filesystem::path path = m_dir / "manifest.json";
    std::FILE *file = std::fopen(path.string().c_str(), "wb");
    bool ok = file && std::fwrite(text.data(), 1, text.size(), file) == text.size();
    const int error = ok ? 0 : errno;
    if (file && std::fclose(file) != 0)
        ok = false;
    if (!ok)
        return "cannot write " + path.string() + ": "
            + std::generic_category().message(error != 0 ? error : EIO);
    m_summary.bytes += std::int64_t(text.size());
    return std::nullopt;
}

std::expected<GeneratorSummary, std::string> SnapshotGenerator::run()
{
    std::error_code ec;
    std::filesystem::create_directories(m_dir, ec);
    if (ec)
        return std::unexpected("cannot create " + m_dir.string() + ": " + ec.message());
    makeLocations();
    makeSuppliers();
    makeCustomers();
    makeItems();
    makeLanes();
    planDemand();
    // Item-locations first: location capacities are sized from the stock they hold.
    if (auto error = writeItemLocations())
        return std::unexpected(*error);
    if (auto error = writeMasterFiles())
        return std::unexpected(*error);
    // The manifest last, so a folder with a manifest is a complete snapshot.
    if (auto error = writeManifest())
        return std::unexpected(*error);
    return m_summary;
}

} // namespace engine::detail
