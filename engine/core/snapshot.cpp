#include "engine/core/snapshot.h"

#include <algorithm>
#include <numeric>
#include <thread>

namespace engine {

std::uint64_t IdTable::hash(std::string_view id)
{
    return mixHash(std::hash<std::string_view> {}(id));
}

Index IdTable::intern(std::string_view id)
{
    const auto next = static_cast<Index>(m_ids.size());
    const Index existing
        = m_index.insert(hash(id), next, [&](Index candidate) { return at(candidate) == id; });
    if (existing != RowHashSet::kNoRow)
        return existing;
    m_ids.emplace_back(id);
    return next;
}

Index IdTable::find(std::string_view id) const
{
    const Index row = m_index.find(hash(id), [&](Index candidate) { return at(candidate) == id; });
    return row == RowHashSet::kNoRow ? kNone : row;
}

void IdTable::reserve(std::size_t n)
{
    m_ids.reserve(n);
    m_index.reserve(n);
}

void PairIndex::reset(Index items, Index locations, std::size_t rows)
{
    m_items = std::max<Index>(items, 0);
    m_locations = std::max<Index>(locations, 0);
    m_size = 0;
    m_grid = {};
    m_map = {};
    const auto cells = static_cast<std::size_t>(m_items) * static_cast<std::size_t>(m_locations);
    // A grid costs 4 bytes a cell, the map ~23 bytes a row: take the grid up to ~8 cells
    // a row (and always when small).
    m_dense = cells <= std::max<std::size_t>(8 * rows, std::size_t(1) << 16);
    if (m_dense)
        m_grid.assign(cells, kNone);
    else
        m_map.reserve(rows);
}

Index PairIndex::insert(Index item, Index location, Index row)
{
    if (item < 0 || location < 0 || item >= m_items || location >= m_locations)
        return kNone;
    if (m_dense) {
        Index &cell = m_grid[static_cast<std::size_t>(item) * static_cast<std::size_t>(m_locations)
            + static_cast<std::size_t>(location)];
        if (cell != kNone)
            return cell;
        cell = row;
        ++m_size;
        return kNone;
    }
    const Index existing = m_map.insert(
        (static_cast<std::uint64_t>(item) << 32) | static_cast<std::uint32_t>(location), row);
    m_size += existing == kNone;
    return existing;
}

Index PairIndex::find(Index item, Index location) const
{
    if (item < 0 || location < 0 || item >= m_items || location >= m_locations)
        return kNone;
    if (m_dense)
        return m_grid[static_cast<std::size_t>(item) * static_cast<std::size_t>(m_locations)
            + static_cast<std::size_t>(location)];
    return m_map.find(
        (static_cast<std::uint64_t>(item) << 32) | static_cast<std::uint32_t>(location));
}

namespace {

/// Counting sort of rows into buckets; rows whose key is kNone (or out of range, in a
/// hand-built snapshot) are left out. Within a bucket rows keep file order, which makes
/// the later sort by date stable and the whole index deterministic.
RowIndex buildRowIndex(std::size_t keyCount, const std::vector<Index> &keyOfRow)
{
    RowIndex index;
    index.start.assign(keyCount + 1, 0);
    auto inRange = [&](Index key) { return key >= 0 && static_cast<std::size_t>(key) < keyCount; };
    for (const Index key : keyOfRow) {
        if (inRange(key))
            ++index.start[static_cast<std::size_t>(key) + 1];
    }
    std::partial_sum(index.start.begin(), index.start.end(), index.start.begin());
    index.rows.resize(static_cast<std::size_t>(index.start.back()));
    std::vector<Index> next(index.start.begin(), index.start.end() - 1);
    for (std::size_t row = 0; row < keyOfRow.size(); ++row) {
        const Index key = keyOfRow[row];
        if (inRange(key))
            index.rows[static_cast<std::size_t>(next[static_cast<std::size_t>(key)]++)]
                = static_cast<Index>(row);
    }
    return index;
}

void sortBucketsByDate(RowIndex &index, const std::vector<Date> &dateOfRow)
{
    // Hand-built snapshots (tests, explanations) may leave a date column empty.
    if (std::any_of(index.rows.begin(), index.rows.end(),
            [&](Index row) { return static_cast<std::size_t>(row) >= dateOfRow.size(); }))
        return;
    const auto keyCount = index.start.size() - 1;
    for (std::size_t key = 0; key < keyCount; ++key) {
        auto first = index.rows.begin() + index.start[key];
        auto last = index.rows.begin() + index.start[key + 1];
        if (last - first > 1) {
            std::stable_sort(first, last, [&](Index a, Index b) {
                return dateOfRow[static_cast<std::size_t>(a)]
                    < dateOfRow[static_cast<std::size_t>(b)];
            });
        }
    }
}

} // namespace

namespace {

/// Sales order rows from which Snapshot::index() uses a second thread.
constexpr std::size_t kParallelIndexRows = 100'000;

} // namespace

void Snapshot::index()
{
    const auto itemLocationCount = static_cast<std::size_t>(itemLocations.size());
    idx = {};
    // Sized by the rows as well as the id tables: hand-built snapshots (tests, the rows
    // behind an explanation) may leave the id tables empty.
    const auto itemLocationRows = std::min(itemLocationCount, itemLocations.location.size());
    Index itemBound = items.size(), locationBound = locations.size();
    for (std::size_t row = 0; row < itemLocationRows; ++row) {
        itemBound = std::max(itemBound, itemLocations.item[row] + 1);
        locationBound = std::max(locationBound, itemLocations.location[row] + 1);
    }
    idx.itemLocationRows.reset(itemBound, locationBound, itemLocationRows);
    for (std::size_t row = 0; row < itemLocationRows; ++row) {
        // The first row of a repeated pair wins; the parser reports repeats.
        idx.itemLocationRows.insert(
            itemLocations.item[row], itemLocations.location[row], static_cast<Index>(row));
    }

    idx.itemLocationsByItem
        = buildRowIndex(static_cast<std::size_t>(itemBound), itemLocations.item);

    auto rowsByItemLocation
        = [&](const std::vector<Index> &item, const std::vector<Index> &location) {
              std::vector<Index> keys(item.size(), kNone);
              const auto rows = std::min(item.size(), location.size());
              for (std::size_t row = 0; row < rows; ++row)
                  keys[row] = itemLocation(item[row], location[row]);
              return buildRowIndex(itemLocationCount, keys);
          };

    // The order lookups are independent of one another; on a large snapshot the sales
    // orders (the largest) are indexed on a second thread meanwhile.
    auto sales = [&] {
        idx.salesByItemLocation = rowsByItemLocation(salesOrders.item, salesOrders.location);
        sortBucketsByDate(idx.salesByItemLocation, salesOrders.dueDate);
    };
    std::thread salesThread;
    if (salesOrders.item.size() >= kParallelIndexRows)
        salesThread = std::thread(sales);
    else
        sales();

    idx.purchasesByItemLocation = rowsByItemLocation(purchaseOrders.item, purchaseOrders.location);
    sortBucketsByDate(idx.purchasesByItemLocation, purchaseOrders.expectedDate);

    idx.inboundByItemLocation = rowsByItemLocation(transfers.item, transfers.toLocation);
    sortBucketsByDate(idx.inboundByItemLocation, transfers.expectedDate);

    idx.outboundByItemLocation = rowsByItemLocation(transfers.item, transfers.fromLocation);
    sortBucketsByDate(idx.outboundByItemLocation, transfers.expectedDate);

    idx.forecastByItemLocation = rowsByItemLocation(forecast.item, forecast.location);
    sortBucketsByDate(idx.forecastByItemLocation, forecast.date);
    if (salesThread.joinable())
        salesThread.join();

    idx.itemsBySubstituteGroup
        = buildRowIndex(static_cast<std::size_t>(std::max<Index>(substituteGroups.size(), 0)),
            items.substituteGroup);
}

Index Snapshot::itemLocation(Index item, Index location) const
{
    return idx.itemLocationRows.find(item, location);
}

} // namespace engine
