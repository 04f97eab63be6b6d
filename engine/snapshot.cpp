#include "snapshot.h"

#include <algorithm>
#include <numeric>

namespace engine {

Index IdTable::intern(std::string_view id)
{
    if (const auto it = m_index.find(id); it != m_index.end())
        return it->second;
    const auto index = static_cast<Index>(m_ids.size());
    m_ids.emplace_back(id);
    m_index.emplace(m_ids.back(), index);
    return index;
}

Index IdTable::find(std::string_view id) const
{
    const auto it = m_index.find(id);
    return it == m_index.end() ? kNone : it->second;
}

void IdTable::reserve(std::size_t n)
{
    m_ids.reserve(n);
    m_index.reserve(n);
}

namespace {

std::int64_t itemLocationKey(Index item, Index location)
{
    return (static_cast<std::int64_t>(item) << 32) | static_cast<std::uint32_t>(location);
}

/// Counting sort of rows into buckets; rows whose key is kNone are left out. Within a
/// bucket rows keep file order, which makes the later sort by date stable and the
/// whole index deterministic.
RowIndex buildRowIndex(std::size_t keyCount, const std::vector<Index> &keyOfRow)
{
    RowIndex index;
    index.start.assign(keyCount + 1, 0);
    for (const Index key : keyOfRow) {
        if (key != kNone)
            ++index.start[static_cast<std::size_t>(key) + 1];
    }
    std::partial_sum(index.start.begin(), index.start.end(), index.start.begin());
    index.rows.resize(static_cast<std::size_t>(index.start.back()));
    std::vector<Index> next(index.start.begin(), index.start.end() - 1);
    for (std::size_t row = 0; row < keyOfRow.size(); ++row) {
        const Index key = keyOfRow[row];
        if (key != kNone)
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

void Snapshot::index()
{
    const auto itemLocationCount = static_cast<std::size_t>(itemLocations.size());
    idx = {};
    idx.itemLocationByKey.reserve(itemLocationCount);
    for (std::size_t row = 0; row < itemLocationCount; ++row) {
        // try_emplace keeps the first row of a repeated key; the parser reports repeats.
        idx.itemLocationByKey.try_emplace(
            itemLocationKey(itemLocations.item[row], itemLocations.location[row]),
            static_cast<Index>(row));
    }

    idx.itemLocationsByItem = buildRowIndex(
        static_cast<std::size_t>(std::max<Index>(items.size(), 0)), itemLocations.item);

    auto rowsByItemLocation
        = [&](const std::vector<Index> &item, const std::vector<Index> &location) {
              std::vector<Index> keys(item.size(), kNone);
              const auto rows = std::min(item.size(), location.size());
              for (std::size_t row = 0; row < rows; ++row)
                  keys[row] = itemLocation(item[row], location[row]);
              return buildRowIndex(itemLocationCount, keys);
          };

    idx.salesByItemLocation = rowsByItemLocation(salesOrders.item, salesOrders.location);
    sortBucketsByDate(idx.salesByItemLocation, salesOrders.dueDate);

    idx.purchasesByItemLocation = rowsByItemLocation(purchaseOrders.item, purchaseOrders.location);
    sortBucketsByDate(idx.purchasesByItemLocation, purchaseOrders.expectedDate);

    idx.inboundByItemLocation = rowsByItemLocation(transfers.item, transfers.toLocation);
    sortBucketsByDate(idx.inboundByItemLocation, transfers.expectedDate);

    idx.outboundByItemLocation = rowsByItemLocation(transfers.item, transfers.fromLocation);
    sortBucketsByDate(idx.outboundByItemLocation, transfers.expectedDate);

    idx.forecastByItemLocation = rowsByItemLocation(forecast.item, forecast.location);
    sortBucketsByDate(idx.forecastByItemLocation, forecast.date);

    idx.itemsBySubstituteGroup
        = buildRowIndex(static_cast<std::size_t>(std::max<Index>(substituteGroups.size(), 0)),
            items.substituteGroup);
}

Index Snapshot::itemLocation(Index item, Index location) const
{
    if (item == kNone || location == kNone)
        return kNone;
    const auto it = idx.itemLocationByKey.find(itemLocationKey(item, location));
    return it == idx.itemLocationByKey.end() ? kNone : it->second;
}

} // namespace engine
