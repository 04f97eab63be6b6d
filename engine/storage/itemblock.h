#pragma once
// One item's rows of the five large files (SKU-locations, sales orders, purchase
// orders, transfers, forecast) as one compact binary block. The store keeps a block
// per item and snapshot version instead of a table row per line: an import writes
// tens of thousands of values instead of millions of rows, explaining an item reads
// one block, and a full re-score reads every block in one pass.
//
// A block keeps each row's position in its file (`seq`), so the rows of a whole
// snapshot go back exactly where the parser had them. Locations, suppliers and
// customers are referred to by their index in the whole snapshot, which is their
// position in their own file. Numbers are stored losslessly in the fewest bytes that
// hold a column of the block: whole numbers and decimals with up to four places as
// small integers, anything else as the 8 bytes of the double.

#include "engine/core/snapshot.h"

#include <span>
#include <string>
#include <string_view>

namespace engine {

/// The block layout this build writes and reads.
inline constexpr std::uint8_t kItemBlockFormat = 1;

/// The rows of one item, in file order, each with its position in its file. The
/// `item` columns all hold the item the block was decoded for.
struct ItemRows {
    std::vector<Index> itemLocationSeq;
    ItemLocations itemLocations;
    std::vector<Index> salesOrderSeq;
    SalesOrders salesOrders;
    std::vector<Index> purchaseOrderSeq;
    PurchaseOrders purchaseOrders;
    std::vector<Index> transferSeq;
    Transfers transfers;
    std::vector<Index> forecastSeq;
    Forecast forecast;
};

/// The rows of each of the five files, grouped by item (file order within an item).
struct RowsByItem {
    RowIndex itemLocations, salesOrders, purchaseOrders, transfers, forecast;
};
RowsByItem groupRowsByItem(const Snapshot &snapshot);

/// True when `item` has no row in any of the five files.
bool hasNoRows(const RowsByItem &rows, Index item);

/// Appends the block of `item` to `out`.
void encodeItemBlock(
    const Snapshot &snapshot, const RowsByItem &rows, Index item, std::string &out);

/// Decodes a block into `rows` (replacing what they held), setting every item column
/// to `item`. False when `bytes` is not one whole block of kItemBlockFormat; `rows`
/// are then unspecified.
bool decodeItemBlock(std::string_view bytes, Index item, ItemRows &rows);

/// Where decoded rows go in a snapshot: one position per row of each table.
struct RowPositions {
    std::span<const Index> itemLocations, salesOrders, purchaseOrders, transfers, forecast;
};

/// Sizes the five row tables of `snapshot` to the given row counts: every column,
/// or with `parts` > 1 every parts-th column from `part` on, so that several threads
/// can share the work (each column is zero-filled, page by page).
void resizeRowTables(Snapshot &snapshot, Index itemLocations, Index salesOrders,
    Index purchaseOrders, Index transfers, Index forecast, int part = 0, int parts = 1);

/// Moves row i of each table of `rows` to row positions.<table>[i] of `snapshot`,
/// whose tables are sized to hold them.
void placeItemRows(ItemRows &rows, const RowPositions &positions, Snapshot &snapshot);

} // namespace engine
