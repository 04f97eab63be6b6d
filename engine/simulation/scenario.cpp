#include "engine/simulation/scenario.h"

#include <algorithm>
#include <cmath>

namespace engine::simulation {

namespace {

using Result = std::expected<void, ScenarioError>;

std::unexpected<ScenarioError> fail(std::string message)
{
    return std::unexpected(ScenarioError {std::move(message)});
}

std::expected<Index, ScenarioError> find(
    const IdTable &ids, const std::string &id, const char *what)
{
    const Index i = ids.find(id);
    if (i == kNone)
        return fail(std::string("unknown ") + what + " '" + id + "'");
    return i;
}

bool finite(double v)
{
    return std::isfinite(v);
}

/// The rows of the lanes from `from` to `to`, or an error naming them.
std::expected<std::vector<std::size_t>, ScenarioError> lanesBetween(
    const Snapshot &s, const std::string &from, const std::string &to)
{
    auto f = find(s.locations.ids, from, "location");
    if (!f)
        return std::unexpected(f.error());
    auto t = find(s.locations.ids, to, "location");
    if (!t)
        return std::unexpected(t.error());
    std::vector<std::size_t> rows;
    for (Index i = 0; i < s.lanes.size(); ++i)
        if (s.lanes.from[static_cast<std::size_t>(i)] == *f
            && s.lanes.to[static_cast<std::size_t>(i)] == *t)
            rows.push_back(static_cast<std::size_t>(i));
    if (rows.empty())
        return fail("no lane from '" + from + "' to '" + to + "'");
    return rows;
}

Date later(Date d, int days)
{
    return d == kNoDate ? d : d + days;
}

struct Apply {
    Snapshot &s;

    Result operator()(const DisableLane &c)
    {
        auto rows = lanesBetween(s, c.from, c.to);
        if (!rows)
            return std::unexpected(rows.error());
        for (std::size_t r : *rows)
            s.lanes.active[r] = 0;
        return {};
    }

    Result operator()(const ChangeLane &c)
    {
        auto rows = lanesBetween(s, c.from, c.to);
        if (!rows)
            return std::unexpected(rows.error());
        if ((c.transitDays && !(finite(*c.transitDays) && *c.transitDays >= 0))
            || (c.costPerUnit && !(finite(*c.costPerUnit) && *c.costPerUnit >= 0))
            || (c.capacityPerDay && isSet(*c.capacityPerDay)
                && !(finite(*c.capacityPerDay) && *c.capacityPerDay >= 0)))
            return fail("a lane's transit, cost and capacity must be numbers, not negative");
        for (std::size_t r : *rows) {
            if (c.transitDays)
                s.lanes.transitDays[r] = *c.transitDays;
            if (c.costPerUnit)
                s.lanes.costPerUnit[r] = *c.costPerUnit;
            if (c.capacityPerDay)
                s.lanes.capacityPerDay[r] = *c.capacityPerDay;
        }
        return {};
    }

    Result operator()(const DelaySupplier &c)
    {
        auto sup = find(s.suppliers.ids, c.supplier, "supplier");
        if (!sup)
            return std::unexpected(sup.error());
        PurchaseOrders &po = s.purchaseOrders;
        for (Index i = 0; i < po.size(); ++i)
            if (po.supplier[static_cast<std::size_t>(i)] == *sup)
                po.expectedDate[static_cast<std::size_t>(i)]
                    = later(po.expectedDate[static_cast<std::size_t>(i)], c.days);
        double &lead = s.suppliers.leadTimeDays[static_cast<std::size_t>(*sup)];
        if (isSet(lead))
            lead = std::max(0.0, lead + c.days);
        // A SKU-location's own lead time overrides its supplier's: delay it too.
        ItemLocations &ils = s.itemLocations;
        for (Index i = 0; i < ils.size(); ++i)
            if (ils.supplier[static_cast<std::size_t>(i)] == *sup
                && isSet(ils.leadTimeDays[static_cast<std::size_t>(i)]))
                ils.leadTimeDays[static_cast<std::size_t>(i)]
                    = std::max(0.0, ils.leadTimeDays[static_cast<std::size_t>(i)] + c.days);
        return {};
    }

    Result operator()(const DelayPo &c)
    {
        PurchaseOrders &po = s.purchaseOrders;
        int changed = 0;
        for (Index i = 0; i < po.size(); ++i) {
            const auto r = static_cast<std::size_t>(i);
            if (po.poId[r] != c.po || (c.line > 0 && po.line[r] != c.line))
                continue;
            po.expectedDate[r] = later(po.expectedDate[r], c.days);
            ++changed;
        }
        if (changed == 0)
            return fail("no open line of PO '" + c.po + "'"
                + (c.line > 0 ? " with line " + std::to_string(c.line) : std::string()));
        return {};
    }

    Result operator()(const DemandSpike &c)
    {
        if (!finite(c.percent) || !finite(c.units) || c.percent < -100 || c.units < 0)
            return fail(
                "a demand spike needs a percentage of at least -100 and units not negative");
        if (c.location.empty() && c.item.empty() && c.group.empty() && c.abcClass == 0)
            return fail("a demand spike needs a location, an item, an item group or an ABC class");
        if (c.tier < 1 || c.tier > 3)
            return fail("a demand spike's tier must be 1, 2 or 3");
        Index loc = kNone, item = kNone;
        if (!c.location.empty()) {
            auto l = find(s.locations.ids, c.location, "location");
            if (!l)
                return std::unexpected(l.error());
            loc = *l;
        }
        if (!c.item.empty()) {
            auto i = find(s.items.ids, c.item, "item");
            if (!i)
                return std::unexpected(i.error());
            item = *i;
        }
        Index group = kNone;
        if (!c.group.empty()) {
            auto g = find(s.substituteGroups, c.group, "item group");
            if (!g)
                return std::unexpected(g.error());
            group = *g;
        }
        auto matches = [&](Index it, Index lc) {
            return (loc == kNone || lc == loc) && (item == kNone || it == item)
                && (group == kNone
                    || s.items.substituteGroup[static_cast<std::size_t>(it)] == group)
                && (c.abcClass == 0
                    || s.items.abcClass[static_cast<std::size_t>(it)] == c.abcClass);
        };
        const double factor = 1.0 + c.percent / 100.0;
        SalesOrders &so = s.salesOrders;
        for (Index i = 0; i < so.size(); ++i)
            if (matches(
                    so.item[static_cast<std::size_t>(i)], so.location[static_cast<std::size_t>(i)]))
                so.qtyOpen[static_cast<std::size_t>(i)] *= factor;
        Forecast &fc = s.forecast;
        for (Index i = 0; i < fc.size(); ++i)
            if (matches(
                    fc.item[static_cast<std::size_t>(i)], fc.location[static_cast<std::size_t>(i)]))
                fc.qty[static_cast<std::size_t>(i)] *= factor;
        ItemLocations &ils = s.itemLocations;
        const Index rows = ils.size();
        int matched = 0;
        Index customer = kNone;
        for (Index i = 0; i < rows; ++i) {
            const auto r = static_cast<std::size_t>(i);
            if (!matches(ils.item[r], ils.location[r]))
                continue;
            ++matched;
            ils.dailyDemand[r] *= factor;
            if (c.units <= 0)
                continue;
            if (customer == kNone)
                customer = simulatedCustomer(c.tier);
            so.orderId.push_back(
                "SIM-" + s.items.ids.at(ils.item[r]) + "@" + s.locations.ids.at(ils.location[r]));
            so.line.push_back(1);
            so.customer.push_back(customer);
            so.item.push_back(ils.item[r]);
            so.location.push_back(ils.location[r]);
            so.qtyOpen.push_back(c.units);
            so.orderDate.push_back(s.manifest.asOf);
            so.dueDate.push_back(later(s.manifest.asOf, std::max(0, c.dueInDays)));
            so.unitPrice.push_back(s.items.unitPrice[static_cast<std::size_t>(ils.item[r])]);
        }
        if (matched == 0)
            return fail("the demand spike matches no SKU-location");
        return {};
    }

    Index simulatedCustomer(int tier)
    {
        const std::string id = "SIMULATED-TIER-" + std::to_string(tier);
        if (const Index found = s.customers.ids.find(id); found != kNone)
            return found;
        const Index i = s.customers.ids.intern(id);
        s.customers.name.push_back("Simulated demand (tier " + std::to_string(tier) + ")");
        s.customers.tier.push_back(static_cast<std::uint8_t>(tier));
        s.customers.latePenaltyPerUnitDay.push_back(kUnset);
        return i;
    }

    Result operator()(const ExtraStock &c)
    {
        auto item = find(s.items.ids, c.item, "item");
        if (!item)
            return std::unexpected(item.error());
        auto loc = find(s.locations.ids, c.location, "location");
        if (!loc)
            return std::unexpected(loc.error());
        if (!finite(c.units))
            return fail("extra stock must be a number of units");
        const Index il = s.itemLocation(*item, *loc);
        if (il == kNone)
            return fail("item '" + c.item + "' is not stocked at '" + c.location + "'");
        double &onHand = s.itemLocations.onHand[static_cast<std::size_t>(il)];
        const double added = std::max(-onHand, c.units);
        onHand += added;
        // The total is kept only by some loaders.
        if (static_cast<std::size_t>(*loc) < s.locations.onHandTotal.size())
            s.locations.onHandTotal[static_cast<std::size_t>(*loc)] += added;
        return {};
    }

    Result operator()(const NewLane &c)
    {
        auto f = find(s.locations.ids, c.from, "location");
        if (!f)
            return std::unexpected(f.error());
        auto t = find(s.locations.ids, c.to, "location");
        if (!t)
            return std::unexpected(t.error());
        if (*f == *t)
            return fail("a new lane must join two different locations");
        if (!(finite(c.transitDays) && c.transitDays >= 0 && finite(c.costPerUnit)
                && c.costPerUnit >= 0 && finite(c.fixedCost) && c.fixedCost >= 0)
            || (isSet(c.capacityPerDay) && !(finite(c.capacityPerDay) && c.capacityPerDay >= 0)))
            return fail("a new lane's transit, costs and capacity must be numbers, not negative");
        Lanes &l = s.lanes;
        l.from.push_back(*f);
        l.to.push_back(*t);
        l.transitDays.push_back(c.transitDays);
        l.costPerUnit.push_back(c.costPerUnit);
        l.fixedCost.push_back(c.fixedCost);
        l.capacityPerDay.push_back(c.capacityPerDay);
        l.active.push_back(1);
        return {};
    }
};

} // namespace

std::expected<Snapshot, ScenarioError> applyScenario(
    const Snapshot &snapshot, const Scenario &scenario)
{
    Snapshot s = snapshot;
    Apply apply {s};
    for (std::size_t i = 0; i < scenario.changes.size(); ++i) {
        const Result r = std::visit(apply, scenario.changes[i]);
        if (!r)
            return fail("change " + std::to_string(i + 1) + " ("
                + changeKindName(scenario.changes[i]) + "): " + r.error().message);
    }
    s.index();
    return s;
}

const char *changeKindName(const Change &change)
{
    static constexpr const char *names[] = {"disable_lane", "change_lane", "delay_supplier",
        "delay_po", "demand_spike", "extra_stock", "new_lane"};
    static_assert(std::size(names) == std::variant_size_v<Change>);
    return names[change.index()];
}

} // namespace engine::simulation
