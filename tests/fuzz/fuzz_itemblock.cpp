// libFuzzer target for the item block decoder: a block comes from the database, which
// may be damaged, so any bytes must be refused or decoded, never crash, hang or be
// undefined behaviour. A decoded block keeps its promises: every column of a table
// as long as its positions, and placing the rows where their positions say (when
// they are distinct and small) writes only inside the sized tables.
//
// Seeds: the blocks of any workbench database, e.g.
//   sqlite3 demo.db "SELECT writefile('corpus/' || item_seq, block) FROM item_blocks"

#include "engine/storage/itemblock.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

template <class... Columns> bool sameLength(std::size_t n, const Columns &...columns)
{
    return ((columns.size() == n) && ...);
}

/// Positions 0..n-1 in the order of `seq` when the seqs are distinct and small.
bool compactPositions(const std::vector<engine::Index> &seq, std::vector<engine::Index> &out)
{
    out.assign(seq.size(), 0);
    std::vector<std::size_t> order(seq.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(
        order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return seq[a] < seq[b]; });
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (k > 0 && seq[order[k]] == seq[order[k - 1]])
            return false;
        out[order[k]] = engine::Index(k);
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    engine::ItemRows rows;
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    if (!engine::decodeItemBlock(bytes, 3, rows))
        return 0;
    const auto &il = rows.itemLocations;
    const auto &so = rows.salesOrders;
    const auto &po = rows.purchaseOrders;
    const auto &tr = rows.transfers;
    const auto &fc = rows.forecast;
    const bool lengths
        = sameLength(rows.itemLocationSeq.size(), il.item, il.location, il.onHand, il.allocated,
              il.safetyStock, il.reorderPoint, il.orderUpTo, il.dailyDemand, il.dailyDemandStd,
              il.supplier, il.sourceLocation, il.leadTimeDays, il.leadTimeStdDays, il.minOrderQty,
              il.orderMultiple, il.lastCountDate, il.countVarianceRate)
        && sameLength(rows.salesOrderSeq.size(), so.orderId, so.line, so.customer, so.item,
            so.location, so.qtyOpen, so.orderDate, so.dueDate, so.unitPrice)
        && sameLength(rows.purchaseOrderSeq.size(), po.poId, po.line, po.supplier, po.item,
            po.location, po.qtyOpen, po.orderDate, po.expectedDate, po.promisedDate, po.status)
        && sameLength(rows.transferSeq.size(), tr.transferId, tr.item, tr.fromLocation,
            tr.toLocation, tr.qty, tr.shipDate, tr.expectedDate)
        && sameLength(rows.forecastSeq.size(), fc.item, fc.location, fc.date, fc.qty);
    if (!lengths)
        std::abort();

    std::vector<engine::Index> at[5];
    if (!compactPositions(rows.itemLocationSeq, at[0])
        || !compactPositions(rows.salesOrderSeq, at[1])
        || !compactPositions(rows.purchaseOrderSeq, at[2])
        || !compactPositions(rows.transferSeq, at[3]) || !compactPositions(rows.forecastSeq, at[4]))
        return 0;
    engine::Snapshot s;
    engine::resizeRowTables(s, engine::Index(at[0].size()), engine::Index(at[1].size()),
        engine::Index(at[2].size()), engine::Index(at[3].size()), engine::Index(at[4].size()));
    engine::placeItemRows(rows, {at[0], at[1], at[2], at[3], at[4]}, s);
    return 0;
}
