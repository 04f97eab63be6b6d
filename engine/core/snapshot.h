#pragma once
// The engine's compact in-memory snapshot: one struct of arrays per ERP file, with
// every id interned once into a dense integer index. The importer (model/) fills it
// from CSV or from the store; the engine only reads it.

#include "engine/core/date.h"
#include "engine/core/rowhashset.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace engine {

using Index = std::int32_t;
inline constexpr Index kNone = -1;
/// "Not given" for optional numbers (blank capacity, blank expedite cost, ...).
inline constexpr double kUnset = std::numeric_limits<double>::quiet_NaN();
inline bool isSet(double v)
{
    return !std::isnan(v);
}

/// Interns string ids into dense indexes, in first-seen order.
class IdTable
{
public:
    /// Returns the index of `id`, adding it when new.
    Index intern(std::string_view id);
    /// The index of `id`, or kNone.
    Index find(std::string_view id) const;
    const std::string &at(Index i) const { return m_ids[static_cast<std::size_t>(i)]; }
    Index size() const { return static_cast<Index>(m_ids.size()); }
    void reserve(std::size_t n);

private:
    static std::uint64_t hash(std::string_view id);

    std::vector<std::string> m_ids;
    RowHashSet m_index; ///< rows of m_ids by hash
};

/// Rows keyed by an (item, location) pair. A dense grid when items x locations is not
/// much more than the rows (then rows sorted by item fill it in memory order, and a
/// random lookup touches one small array), else a flat hash map.
class PairIndex
{
public:
    /// Clears, sized for `items` x `locations` and about `rows` entries.
    void reset(Index items, Index locations, std::size_t rows);
    /// Stores `row` for the pair unless it has one: returns that row, or kNone when stored.
    Index insert(Index item, Index location, Index row);
    /// The row of the pair, or kNone (also for pairs outside the sizes given to reset()).
    Index find(Index item, Index location) const;
    std::size_t size() const { return m_size; }

private:
    Index m_items = 0, m_locations = 0;
    bool m_dense = false;
    std::vector<Index> m_grid; ///< item * m_locations + location -> row
    KeyRowMap m_map;
    std::size_t m_size = 0;
};

struct Manifest {
    std::string format; ///< "erp-snapshot/1"
    std::string snapshotId;
    Date asOf = kNoDate; ///< "today" for every computation on the snapshot
    std::string currency;
    std::string sourceSystem;
    std::string extractedAt;
};

enum class LocationType : std::uint8_t { Dc, Branch, Store, Plant };
enum class PoStatus : std::uint8_t { Open, Confirmed, Shipped };

struct Items {
    IdTable ids;
    std::vector<std::string> description;
    std::vector<double> unitCost;
    std::vector<double> unitPrice; ///< already defaulted to unitCost when blank
    std::vector<char> abcClass; ///< 'A', 'B', 'C' or 0 when not given
    std::vector<double> shelfLifeDays; ///< kUnset: not perishable
    std::vector<Index> substituteGroup; ///< into Snapshot::substituteGroups, or kNone
    Index size() const { return ids.size(); }
};

struct Locations {
    IdTable ids;
    std::vector<std::string> name;
    std::vector<LocationType> type;
    std::vector<std::string> region;
    std::vector<double> storageCapacity; ///< kUnset: unlimited
    std::vector<double> inboundCapacityPerDay; ///< kUnset: unlimited
    /// Total on hand of every item at the location, given when the snapshot holds only
    /// some items' rows (one item loaded from the store to explain it), so capacity is
    /// judged against the whole location. Empty: summed from itemLocations.
    std::vector<double> onHandTotal;
    Index size() const { return ids.size(); }
};

struct Suppliers {
    IdTable ids;
    std::vector<std::string> name;
    std::vector<double> leadTimeDays;
    std::vector<double> leadTimeStdDays; ///< default 0
    std::vector<double> onTimeRate; ///< kUnset when not given
    std::vector<double> expediteCostPerUnit; ///< kUnset: cannot expedite
    std::vector<double> expediteMaxDays; ///< default 0
    Index size() const { return ids.size(); }
};

struct Customers {
    IdTable ids;
    std::vector<std::string> name;
    std::vector<std::uint8_t> tier; ///< 1..3
    std::vector<double> latePenaltyPerUnitDay; ///< kUnset: the policy's tier default
    Index size() const { return ids.size(); }
};

/// One row per SKU-location. Rows are in file order; `Snapshot::index()` builds lookups.
struct ItemLocations {
    std::vector<Index> item, location;
    std::vector<double> onHand, allocated, safetyStock;
    std::vector<double> reorderPoint, orderUpTo; ///< kUnset: no min-max policy
    std::vector<double> dailyDemand, dailyDemandStd;
    std::vector<Index> supplier; ///< kNone when not given
    std::vector<Index> sourceLocation; ///< kNone when not given
    std::vector<double> leadTimeDays, leadTimeStdDays; ///< kUnset: the supplier's
    std::vector<double> minOrderQty, orderMultiple; ///< default 1
    std::vector<Date> lastCountDate; ///< kNoDate when never counted
    std::vector<double> countVarianceRate; ///< kUnset when not given
    Index size() const { return static_cast<Index>(item.size()); }
};

struct SalesOrders {
    std::vector<std::string> orderId;
    std::vector<std::int32_t> line;
    std::vector<Index> customer, item, location;
    std::vector<double> qtyOpen;
    std::vector<Date> orderDate, dueDate;
    std::vector<double> unitPrice; ///< already defaulted to the item's price
    Index size() const { return static_cast<Index>(orderId.size()); }
};

struct PurchaseOrders {
    std::vector<std::string> poId;
    std::vector<std::int32_t> line;
    std::vector<Index> supplier, item, location;
    std::vector<double> qtyOpen;
    std::vector<Date> orderDate; ///< kNoDate when not given
    std::vector<Date> expectedDate;
    std::vector<Date> promisedDate; ///< kNoDate when not given
    std::vector<PoStatus> status;
    Index size() const { return static_cast<Index>(poId.size()); }
};

struct Transfers {
    std::vector<std::string> transferId;
    std::vector<Index> item, fromLocation, toLocation;
    std::vector<double> qty;
    std::vector<Date> shipDate; ///< kNoDate when not given (not yet shipped)
    std::vector<Date> expectedDate;
    Index size() const { return static_cast<Index>(transferId.size()); }
};

struct Lanes {
    std::vector<Index> from, to;
    std::vector<double> transitDays, costPerUnit, fixedCost;
    std::vector<double> capacityPerDay; ///< kUnset: unlimited
    std::vector<std::uint8_t> active;
    Index size() const { return static_cast<Index>(from.size()); }
};

struct Forecast {
    std::vector<Index> item, location;
    std::vector<Date> date;
    std::vector<double> qty;
    Index size() const { return static_cast<Index>(item.size()); }
};

/// Compressed-row lookup: for each key k, the row numbers rows[start[k] .. start[k+1]).
struct RowIndex {
    std::vector<Index> start;
    std::vector<Index> rows;
    std::size_t count(Index key) const { return std::size_t(start[key + 1] - start[key]); }
    const Index *begin(Index key) const { return rows.data() + start[key]; }
    const Index *end(Index key) const { return rows.data() + start[key + 1]; }
};

struct Snapshot {
    Manifest manifest;
    Items items;
    Locations locations;
    Suppliers suppliers;
    Customers customers;
    IdTable substituteGroups;
    ItemLocations itemLocations;
    SalesOrders salesOrders;
    PurchaseOrders purchaseOrders;
    Transfers transfers;
    Lanes lanes;
    Forecast forecast;

    /// Built by index(); each maps an item-location row to the rows that touch it.
    struct Indexes {
        PairIndex itemLocationRows; ///< (item, location) -> item-location row; see itemLocation()
        RowIndex itemLocationsByItem; ///< item -> item-location rows
        RowIndex salesByItemLocation; ///< item-location -> sales order rows (by due date)
        RowIndex purchasesByItemLocation; ///< item-location -> PO rows (by expected date)
        RowIndex inboundByItemLocation; ///< item-location -> transfers arriving there
        RowIndex outboundByItemLocation; ///< item-location -> transfers leaving there
        RowIndex forecastByItemLocation; ///< item-location -> forecast rows (by date)
        RowIndex itemsBySubstituteGroup; ///< group -> items
    } idx;

    /// Builds `idx`. Call once after all rows are loaded; rows that refer to an
    /// item-location that has no row are skipped by the lookups.
    void index();

    /// The item-location row of (item, location), or kNone.
    Index itemLocation(Index item, Index location) const;
};

} // namespace engine
