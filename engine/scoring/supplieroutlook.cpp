#include "engine/scoring/supplieroutlook.h"

#include "engine/core/textformat.h"

#include <algorithm>
#include <cmath>

namespace engine::detail {

namespace {

constexpr double kEpsDays = 1e-9;

double historyLateDays(const Suppliers &sups, Index supplier)
{
    const double rate = sups.onTimeRate[supplier];
    if (!isSet(rate))
        return 0.0;
    const double spread = std::max(1.0, sups.leadTimeStdDays[supplier]);
    return std::clamp(1.0 - rate, 0.0, 1.0) * spread;
}

/// Days rounded to the nearest whole day (a half rounds up).
int nearestDays(double days)
{
    return clampDays(std::floor(days + 0.5 + kEpsDays));
}

} // namespace

int ceilDays(double days)
{
    return std::max(0, clampDays(std::ceil(days - kEpsDays)));
}

double SupplierOutlook::expectedLateDays() const
{
    return std::max(lateNowDays, lateHistoryDays);
}

int SupplierOutlook::delayDays() const
{
    return nearestDays(expectedLateDays());
}

int SupplierOutlook::arrivalDay(double leadTimeDays, double transitDays) const
{
    return std::max(0, clampDays(double(ceilDays(leadTimeDays + transitDays)) + delayDays()));
}

std::string SupplierOutlook::leadText(double leadTimeDays) const
{
    std::string text = "the " + fmtQty(leadTimeDays) + "-day lead time";
    const int late = delayDays();
    if (late <= 0)
        return text;
    text += " and " + std::to_string(late) + (late == 1 ? " day" : " days");
    return text
        + (lateNowDays >= lateHistoryDays ? " the supplier runs late on this item's open POs now"
                                          : " its on-time record adds");
}

SupplierOutlook supplierOutlook(const Context &ctx, Index item, Index supplier)
{
    SupplierOutlook out;
    const Snapshot &snap = ctx.snap;
    if (supplier < 0 || supplier >= snap.suppliers.size())
        return out;
    out.lateHistoryDays = historyLateDays(snap.suppliers, supplier);
    const PurchaseOrders &pos = snap.purchaseOrders;
    const RowIndex &byItem = snap.idx.itemLocationsByItem;
    const RowIndex &byIl = snap.idx.purchasesByItemLocation;
    double qty = 0, qtyDays = 0;
    for (const Index *il = byItem.begin(item); il != byItem.end(item); ++il) {
        for (const Index *po = byIl.begin(*il); po != byIl.end(*il); ++po) {
            if (pos.supplier[*po] != supplier || pos.promisedDate[*po] == kNoDate
                || !(pos.qtyOpen[*po] > 0))
                continue;
            const double late = std::max(0, pos.expectedDate[*po] - pos.promisedDate[*po]);
            qty += pos.qtyOpen[*po];
            qtyDays += pos.qtyOpen[*po] * late;
        }
    }
    if (qty > 0)
        out.lateNowDays = qtyDays / qty;
    return out;
}

int expeditedDay(const Context &ctx, Index supplier, int expectedDay)
{
    const Suppliers &sups = ctx.snap.suppliers;
    if (supplier < 0 || supplier >= sups.size() || !isSet(sups.expediteCostPerUnit[supplier])
        || !isSet(sups.expediteMaxDays[supplier]) || sups.expediteMaxDays[supplier] < 1.0
        || expectedDay <= 0)
        return -1;
    const int pulled
        = std::max(0, expectedDay - clampDays(std::floor(sups.expediteMaxDays[supplier])));
    const int day = pulled + nearestDays(historyLateDays(sups, supplier));
    return day < expectedDay ? day : -1;
}

} // namespace engine::detail
