#pragma once
// Stable sorting of the short ranges scoring sorts once per exception or simulation: a
// SKU-location's factors, recommendations and supply events. std::stable_sort gives the
// same order but takes a temporary buffer from the heap on every call.

#include <algorithm>
#include <cstddef>
#include <utility>

namespace engine {

/// Ranges up to this length are insertion-sorted by stableSort.
inline constexpr std::ptrdiff_t kInsertionSortMax = 32;

/// Sorts [first, last) by `less`, keeping equivalent elements in their order: the order
/// std::stable_sort gives. A short range is insertion-sorted in place, without
/// allocating and with next to no work when it is nearly in order already; a longer one
/// goes to std::stable_sort.
template <class It, class Less> void stableSort(It first, It last, Less less)
{
    if (last - first > kInsertionSortMax) {
        std::stable_sort(first, last, less);
        return;
    }
    if (first == last)
        return;
    for (It i = first + 1; i != last; ++i) {
        if (!less(*i, *(i - 1)))
            continue;
        // Move the element left past every element it sorts strictly before.
        auto value = std::move(*i);
        It j = i;
        do {
            *j = std::move(*(j - 1));
            --j;
        } while (j != first && less(value, *(j - 1)));
        *j = std::move(value);
    }
}

} // namespace engine
