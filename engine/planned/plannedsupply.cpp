#include "engine/planned/plannedsupply.h"

#include "engine/core/textformat.h"

#include <algorithm>
#include <unordered_set>

namespace engine {

namespace {

/// The share of an action's quantity the ERP's rows must hold for it to be seen.
constexpr double kSeenShare = 0.9;

std::string poRef(const std::string &poId, std::int32_t line)
{
    return poId + '/' + std::to_string(line);
}

bool known(const PlannedAction &a, const std::string &ref)
{
    return std::find(a.knownRefs.begin(), a.knownRefs.end(), ref) != a.knownRefs.end();
}

/// The rows of `rows` (transfers or PO lines of the action's item and place) not
/// known to the action and not matched yet, in order, until they hold kSeenShare of
/// its quantity: their refs, or nothing when they fall short.
template <typename RefOf, typename QtyOf, typename Fits>
std::vector<std::pair<Index, std::string>> gather(const PlannedAction &a, const Index *begin,
    const Index *end, const std::unordered_set<Index> &used, RefOf refOf, QtyOf qtyOf, Fits fits)
{
    std::vector<std::pair<Index, std::string>> taken;
    double held = 0;
    for (const Index *r = begin; r != end && held < kSeenShare * a.qty; ++r) {
        if (used.contains(*r) || !fits(*r))
            continue;
        std::string ref = refOf(*r);
        if (known(a, ref))
            continue;
        held += qtyOf(*r);
        taken.emplace_back(*r, std::move(ref));
    }
    if (held < kSeenShare * a.qty)
        taken.clear();
    return taken;
}

std::string joined(const std::vector<std::pair<Index, std::string>> &rows)
{
    std::string out;
    for (const auto &[row, ref] : rows)
        out += (out.empty() ? "" : ", ") + ref;
    return out;
}

} // namespace

std::string plannedRowId(const PlannedAction &a)
{
    return "approved-" + std::to_string(a.decisionId);
}

std::vector<PlannedMatch> matchPlanned(
    const Snapshot &s, const std::vector<PlannedAction> &actions, int lapseDays)
{
    std::vector<PlannedMatch> out(actions.size());
    std::unordered_set<Index> usedTransfers, usedPurchases;
    const Date asOf = s.manifest.asOf;
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const PlannedAction &a = actions[i];
        PlannedMatch &m = out[i];
        const Index item = s.items.ids.find(a.itemId);
        const Index to = s.locations.ids.find(a.toLocationId);
        const Index il = item == kNone || to == kNone ? kNone : s.itemLocation(item, to);
        const std::string units = detail::fmtUnits(a.qty);
        switch (a.kind) {
        case PlannedAction::Kind::Transfer: {
            if (il == kNone)
                break;
            const Index from = s.locations.ids.find(a.fromLocationId);
            const Transfers &tr = s.transfers;
            auto rows = gather(
                a, s.idx.inboundByItemLocation.begin(il), s.idx.inboundByItemLocation.end(il),
                usedTransfers, [&](Index r) { return tr.transferId[std::size_t(r)]; },
                [&](Index r) { return tr.qty[std::size_t(r)]; },
                [&](Index r) { return tr.fromLocation[std::size_t(r)] == from; });
            if (rows.empty())
                break;
            for (const auto &[row, ref] : rows)
                usedTransfers.insert(row);
            m.state = PlannedMatch::State::Seen;
            m.note = "the ERP shows the transfer of " + units + " from " + a.fromLocationId + " to "
                + a.toLocationId + " as " + joined(rows);
            break;
        }
        case PlannedAction::Kind::Purchase: {
            if (il == kNone)
                break;
            const Index supplier = s.suppliers.ids.find(a.supplierId);
            const PurchaseOrders &po = s.purchaseOrders;
            auto rows = gather(
                a, s.idx.purchasesByItemLocation.begin(il), s.idx.purchasesByItemLocation.end(il),
                usedPurchases,
                [&](Index r) { return poRef(po.poId[std::size_t(r)], po.line[std::size_t(r)]); },
                [&](Index r) { return po.qtyOpen[std::size_t(r)]; },
                [&](Index r) { return po.supplier[std::size_t(r)] == supplier; });
            if (rows.empty())
                break;
            for (const auto &[row, ref] : rows)
                usedPurchases.insert(row);
            m.state = PlannedMatch::State::Seen;
            m.note = "the ERP shows the purchase of " + units + " from " + a.supplierId + " for "
                + a.toLocationId + " as PO line " + joined(rows);
            break;
        }
        case PlannedAction::Kind::Expedite: {
            const std::string ref = poRef(a.poId, a.poLine);
            Index found = kNone;
            if (il != kNone) {
                const PurchaseOrders &po = s.purchaseOrders;
                for (const Index *r = s.idx.purchasesByItemLocation.begin(il);
                     r != s.idx.purchasesByItemLocation.end(il); ++r) {
                    if (po.poId[std::size_t(*r)] == a.poId && po.line[std::size_t(*r)] == a.poLine)
                        found = *r;
                }
            }
            if (found == kNone) {
                m.state = PlannedMatch::State::Gone;
                m.note = "PO line " + ref + " is no longer open in the ERP (received or cancelled)";
            } else if (s.purchaseOrders.expectedDate[std::size_t(found)] <= a.date) {
                m.state = PlannedMatch::State::Seen;
                m.note = "the ERP expects PO line " + ref + " on "
                    + detail::fmtDate(s.purchaseOrders.expectedDate[std::size_t(found)]);
            }
            break;
        }
        }
        if (m.state == PlannedMatch::State::Pending && a.date != kNoDate
            && asOf > a.date + lapseDays) {
            m.state = PlannedMatch::State::Lapsed;
            m.note = "not in the ERP " + std::to_string(lapseDays) + " days after its date, "
                + detail::fmtDate(a.date) + "; no longer counted as planned supply";
        }
    }
    return out;
}

void addPlannedSupply(Snapshot &s, const std::vector<PlannedAction> &actions)
{
    bool changed = false;
    for (const PlannedAction &a : actions) {
        const Index item = s.items.ids.find(a.itemId);
        const Index to = s.locations.ids.find(a.toLocationId);
        if (item == kNone || to == kNone || a.qty <= 0)
            continue;
        switch (a.kind) {
        case PlannedAction::Kind::Transfer: {
            const Index from = s.locations.ids.find(a.fromLocationId);
            if (from == kNone)
                continue;
            Transfers &tr = s.transfers;
            tr.transferId.push_back(plannedRowId(a));
            tr.item.push_back(item);
            tr.fromLocation.push_back(from);
            tr.toLocation.push_back(to);
            tr.qty.push_back(a.qty);
            tr.shipDate.push_back(kNoDate); // not shipped: it leaves the source's stock now
            tr.expectedDate.push_back(a.date);
            changed = true;
            break;
        }
        case PlannedAction::Kind::Purchase: {
            const Index supplier = s.suppliers.ids.find(a.supplierId);
            if (supplier == kNone)
                continue;
            PurchaseOrders &po = s.purchaseOrders;
            po.poId.push_back(plannedRowId(a));
            po.line.push_back(1);
            po.supplier.push_back(supplier);
            po.item.push_back(item);
            po.location.push_back(to);
            po.qtyOpen.push_back(a.qty);
            po.orderDate.push_back(kNoDate);
            po.expectedDate.push_back(a.date);
            po.promisedDate.push_back(a.date);
            po.status.push_back(PoStatus::Open);
            changed = true;
            break;
        }
        case PlannedAction::Kind::Expedite: {
            PurchaseOrders &po = s.purchaseOrders;
            for (Index r = 0; r < po.size(); ++r) {
                const auto row = std::size_t(r);
                if (po.item[row] == item && po.location[row] == to && po.poId[row] == a.poId
                    && po.line[row] == a.poLine && a.date < po.expectedDate[row]) {
                    po.expectedDate[row] = a.date;
                    changed = true;
                }
            }
            break;
        }
        }
    }
    if (changed)
        s.index();
}

} // namespace engine
