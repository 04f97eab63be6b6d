#include "snapshotimage.h"

#include <cstring>
#include <type_traits>

namespace engine {

namespace {

// Layout: the magic, the format, a byte-order mark, the length of what follows; then
// every column in the order of forEachColumn(). A column of plain values is its count
// (u64) and its bytes; a column of strings is its count, one u32 length per string
// and the characters; an id table is the column of its ids in index order.
constexpr char kMagic[8] = {'P', 'W', 'B', 'S', 'N', 'A', 'P', '\0'};
constexpr std::uint32_t kByteOrderMark = 0x01020304;
constexpr std::size_t kHeaderSize = sizeof kMagic + 4 + 4 + 8;

/// Calls `f` on every column of `s` (const for writing, mutable for reading), in
/// image order. Adding a column means a new kSnapshotImageFormat.
template <class S, class F> void forEachColumn(S &s, F &&f)
{
    f(s.manifest.format);
    f(s.manifest.snapshotId);
    f(s.manifest.asOf);
    f(s.manifest.currency);
    f(s.manifest.sourceSystem);
    f(s.manifest.extractedAt);

    f(s.items.ids);
    f(s.items.description);
    f(s.items.unitCost);
    f(s.items.unitPrice);
    f(s.items.abcClass);
    f(s.items.shelfLifeDays);
    f(s.items.substituteGroup);

    f(s.locations.ids);
    f(s.locations.name);
    f(s.locations.type);
    f(s.locations.region);
    f(s.locations.storageCapacity);
    f(s.locations.inboundCapacityPerDay);
    f(s.locations.onHandTotal);

    f(s.suppliers.ids);
    f(s.suppliers.name);
    f(s.suppliers.leadTimeDays);
    f(s.suppliers.leadTimeStdDays);
    f(s.suppliers.onTimeRate);
    f(s.suppliers.expediteCostPerUnit);
    f(s.suppliers.expediteMaxDays);

    f(s.customers.ids);
    f(s.customers.name);
    f(s.customers.tier);
    f(s.customers.latePenaltyPerUnitDay);

    f(s.substituteGroups);

    auto &il = s.itemLocations;
    f(il.item);
    f(il.location);
    f(il.onHand);
    f(il.allocated);
    f(il.safetyStock);
    f(il.reorderPoint);
    f(il.orderUpTo);
    f(il.dailyDemand);
    f(il.dailyDemandStd);
    f(il.supplier);
    f(il.sourceLocation);
    f(il.leadTimeDays);
    f(il.leadTimeStdDays);
    f(il.minOrderQty);
    f(il.orderMultiple);
    f(il.lastCountDate);
    f(il.countVarianceRate);

    auto &so = s.salesOrders;
    f(so.orderId);
    f(so.line);
    f(so.customer);
    f(so.item);
    f(so.location);
    f(so.qtyOpen);
    f(so.orderDate);
    f(so.dueDate);
    f(so.unitPrice);

    auto &po = s.purchaseOrders;
    f(po.poId);
    f(po.line);
    f(po.supplier);
    f(po.item);
    f(po.location);
    f(po.qtyOpen);
    f(po.orderDate);
    f(po.expectedDate);
    f(po.promisedDate);
    f(po.status);

    auto &tr = s.transfers;
    f(tr.transferId);
    f(tr.item);
    f(tr.fromLocation);
    f(tr.toLocation);
    f(tr.qty);
    f(tr.shipDate);
    f(tr.expectedDate);

    auto &la = s.lanes;
    f(la.from);
    f(la.to);
    f(la.transitDays);
    f(la.costPerUnit);
    f(la.fixedCost);
    f(la.capacityPerDay);
    f(la.active);

    f(s.forecast.item);
    f(s.forecast.location);
    f(s.forecast.date);
    f(s.forecast.qty);
}

template <class T>
concept Plain = std::is_trivially_copyable_v<T>;

class Writer
{
public:
    explicit Writer(std::string &out)
        : m_out(out)
    { }

    template <Plain T> void operator()(const T &value) { put(&value, sizeof value); }
    template <Plain T> void operator()(const std::vector<T> &column)
    {
        putCount(column.size());
        put(column.data(), column.size() * sizeof(T));
    }
    void operator()(const std::string &text)
    {
        putCount(text.size());
        put(text.data(), text.size());
    }
    void operator()(const std::vector<std::string> &column)
    {
        putCount(column.size());
        for (const std::string &text : column)
            (*this)(static_cast<std::uint32_t>(text.size()));
        for (const std::string &text : column)
            put(text.data(), text.size());
    }
    void operator()(const IdTable &ids)
    {
        putCount(std::size_t(ids.size()));
        for (Index i = 0; i < ids.size(); ++i)
            (*this)(static_cast<std::uint32_t>(ids.at(i).size()));
        for (Index i = 0; i < ids.size(); ++i)
            put(ids.at(i).data(), ids.at(i).size());
    }

private:
    void putCount(std::size_t n) { (*this)(static_cast<std::uint64_t>(n)); }
    void put(const void *data, std::size_t size)
    {
        m_out.append(static_cast<const char *>(data), size);
    }
    std::string &m_out;
};

/// Reads columns back; any read past the end fails the whole image.
class Reader
{
public:
    explicit Reader(std::string_view bytes)
        : m_bytes(bytes)
    { }

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos == m_bytes.size(); }

    template <Plain T> void operator()(T &value) { get(&value, sizeof value); }
    template <Plain T> void operator()(std::vector<T> &column)
    {
        const std::size_t n = getCount(sizeof(T));
        column.resize(n);
        get(column.data(), n * sizeof(T));
    }
    void operator()(std::string &text)
    {
        const std::size_t n = getCount(1);
        text.assign(take(n));
    }
    void operator()(std::vector<std::string> &column)
    {
        readStrings([&](std::size_t n) { column.resize(n); },
            [&](std::size_t i, std::string_view text) { column[i].assign(text); });
    }
    void operator()(IdTable &ids)
    {
        ids = IdTable();
        readStrings([&](std::size_t n) { ids.reserve(n); },
            [&](std::size_t i, std::string_view text) {
                // Ids are unique in a parsed snapshot; a duplicate means a damaged image.
                if (ids.intern(text) != static_cast<Index>(i))
                    m_ok = false;
            });
    }

private:
    template <class Size, class Set> void readStrings(Size &&size, Set &&set)
    {
        const std::size_t n = getCount(sizeof(std::uint32_t));
        if (!m_ok)
            return;
        std::vector<std::uint32_t> lengths(n);
        get(lengths.data(), n * sizeof(std::uint32_t));
        std::uint64_t total = 0;
        for (std::uint32_t length : lengths)
            total += length;
        if (!m_ok || total > m_bytes.size() - m_pos) {
            m_ok = false;
            return;
        }
        size(n);
        for (std::size_t i = 0; i < n && m_ok; ++i)
            set(i, take(lengths[i]));
    }
    /// A count of items of `itemSize` bytes each, checked against what is left.
    std::size_t getCount(std::size_t itemSize)
    {
        std::uint64_t n = 0;
        get(&n, sizeof n);
        if (!m_ok || n > (m_bytes.size() - m_pos) / itemSize) {
            m_ok = false;
            return 0;
        }
        return static_cast<std::size_t>(n);
    }
    std::string_view take(std::size_t n)
    {
        if (!m_ok || n > m_bytes.size() - m_pos) {
            m_ok = false;
            return {};
        }
        const std::string_view part = m_bytes.substr(m_pos, n);
        m_pos += n;
        return part;
    }
    void get(void *out, std::size_t n)
    {
        const std::string_view part = take(n);
        if (m_ok && n > 0)
            std::memcpy(out, part.data(), n);
    }

    std::string_view m_bytes;
    std::size_t m_pos = 0;
    bool m_ok = true;
};

template <class T> bool sized(std::size_t n, const std::vector<T> &column)
{
    return column.size() == n;
}

/// Every value is a row of a table of `size` rows, or kNone where `nullable`.
bool refersWithin(const std::vector<Index> &column, Index size, bool nullable)
{
    for (Index v : column) {
        if (v >= size || v < (nullable ? kNone : 0))
            return false;
    }
    return true;
}

/// What the engine relies on: parallel columns of one length, references to rows
/// that exist, enumerations in range.
bool consistent(const Snapshot &s)
{
    const auto nItems = std::size_t(s.items.size());
    const auto nLocations = std::size_t(s.locations.size());
    const auto nSuppliers = std::size_t(s.suppliers.size());
    const auto nCustomers = std::size_t(s.customers.size());
    const Items &it = s.items;
    const Locations &lo = s.locations;
    const Suppliers &su = s.suppliers;
    const Customers &cu = s.customers;
    const ItemLocations &il = s.itemLocations;
    const SalesOrders &so = s.salesOrders;
    const PurchaseOrders &po = s.purchaseOrders;
    const Transfers &tr = s.transfers;
    const Lanes &la = s.lanes;
    const Forecast &fc = s.forecast;
    const std::size_t nIl = il.item.size(), nSo = so.orderId.size(), nPo = po.poId.size();
    const std::size_t nTr = tr.transferId.size(), nLa = la.from.size(), nFc = fc.item.size();
    const bool lengths = sized(nItems, it.description) && sized(nItems, it.unitCost)
        && sized(nItems, it.unitPrice) && sized(nItems, it.abcClass)
        && sized(nItems, it.shelfLifeDays) && sized(nItems, it.substituteGroup)
        && sized(nLocations, lo.name) && sized(nLocations, lo.type) && sized(nLocations, lo.region)
        && sized(nLocations, lo.storageCapacity) && sized(nLocations, lo.inboundCapacityPerDay)
        && (lo.onHandTotal.empty() || sized(nLocations, lo.onHandTotal))
        && sized(nSuppliers, su.name) && sized(nSuppliers, su.leadTimeDays)
        && sized(nSuppliers, su.leadTimeStdDays) && sized(nSuppliers, su.onTimeRate)
        && sized(nSuppliers, su.expediteCostPerUnit) && sized(nSuppliers, su.expediteMaxDays)
        && sized(nCustomers, cu.name) && sized(nCustomers, cu.tier)
        && sized(nCustomers, cu.latePenaltyPerUnitDay) && sized(nIl, il.location)
        && sized(nIl, il.onHand) && sized(nIl, il.allocated) && sized(nIl, il.safetyStock)
        && sized(nIl, il.reorderPoint) && sized(nIl, il.orderUpTo) && sized(nIl, il.dailyDemand)
        && sized(nIl, il.dailyDemandStd) && sized(nIl, il.supplier) && sized(nIl, il.sourceLocation)
        && sized(nIl, il.leadTimeDays) && sized(nIl, il.leadTimeStdDays)
        && sized(nIl, il.minOrderQty) && sized(nIl, il.orderMultiple)
        && sized(nIl, il.lastCountDate) && sized(nIl, il.countVarianceRate) && sized(nSo, so.line)
        && sized(nSo, so.customer) && sized(nSo, so.item) && sized(nSo, so.location)
        && sized(nSo, so.qtyOpen) && sized(nSo, so.orderDate) && sized(nSo, so.dueDate)
        && sized(nSo, so.unitPrice) && sized(nPo, po.line) && sized(nPo, po.supplier)
        && sized(nPo, po.item) && sized(nPo, po.location) && sized(nPo, po.qtyOpen)
        && sized(nPo, po.orderDate) && sized(nPo, po.expectedDate) && sized(nPo, po.promisedDate)
        && sized(nPo, po.status) && sized(nTr, tr.item) && sized(nTr, tr.fromLocation)
        && sized(nTr, tr.toLocation) && sized(nTr, tr.qty) && sized(nTr, tr.shipDate)
        && sized(nTr, tr.expectedDate) && sized(nLa, la.to) && sized(nLa, la.transitDays)
        && sized(nLa, la.costPerUnit) && sized(nLa, la.fixedCost) && sized(nLa, la.capacityPerDay)
        && sized(nLa, la.active) && sized(nFc, fc.location) && sized(nFc, fc.date)
        && sized(nFc, fc.qty);
    if (!lengths)
        return false;
    const Index items = it.size(), locations = lo.size(), suppliers = su.size();
    const Index customers = cu.size(), groups = s.substituteGroups.size();
    const bool references = refersWithin(it.substituteGroup, groups, true)
        && refersWithin(il.item, items, false) && refersWithin(il.location, locations, false)
        && refersWithin(il.supplier, suppliers, true)
        && refersWithin(il.sourceLocation, locations, true)
        && refersWithin(so.customer, customers, true) && refersWithin(so.item, items, false)
        && refersWithin(so.location, locations, false) && refersWithin(po.supplier, suppliers, true)
        && refersWithin(po.item, items, false) && refersWithin(po.location, locations, false)
        && refersWithin(tr.item, items, false) && refersWithin(tr.fromLocation, locations, false)
        && refersWithin(tr.toLocation, locations, false) && refersWithin(la.from, locations, false)
        && refersWithin(la.to, locations, false) && refersWithin(fc.item, items, false)
        && refersWithin(fc.location, locations, false);
    if (!references)
        return false;
    for (LocationType t : lo.type) {
        if (static_cast<int>(t) > static_cast<int>(LocationType::Plant))
            return false;
    }
    for (PoStatus p : po.status) {
        if (static_cast<int>(p) > static_cast<int>(PoStatus::Shipped))
            return false;
    }
    return true;
}

} // namespace

std::string writeSnapshotImage(const Snapshot &snapshot)
{
    std::string out;
    out.reserve(kHeaderSize + std::size_t(snapshot.itemLocations.size()) * 128
        + std::size_t(snapshot.salesOrders.size()) * 64
        + std::size_t(snapshot.purchaseOrders.size()) * 64);
    Writer put(out);
    out.append(kMagic, sizeof kMagic);
    put(kSnapshotImageFormat);
    put(kByteOrderMark);
    put(std::uint64_t(0)); // the length, set below
    forEachColumn(snapshot, put);
    const std::uint64_t length = out.size() - kHeaderSize;
    std::memcpy(out.data() + kHeaderSize - sizeof length, &length, sizeof length);
    return out;
}

std::optional<Snapshot> readSnapshotImage(std::string_view bytes)
{
    if (bytes.size() < kHeaderSize || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        return std::nullopt;
    Reader get(bytes.substr(sizeof kMagic));
    std::uint32_t format = 0, byteOrder = 0;
    std::uint64_t length = 0;
    get(format);
    get(byteOrder);
    get(length);
    if (!get.ok() || format != kSnapshotImageFormat || byteOrder != kByteOrderMark
        || length != bytes.size() - kHeaderSize)
        return std::nullopt;
    Snapshot snapshot;
    forEachColumn(snapshot, get);
    if (!get.ok() || !get.atEnd() || !consistent(snapshot))
        return std::nullopt;
    snapshot.index();
    return snapshot;
}

} // namespace engine
