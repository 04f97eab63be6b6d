#include "engine/import/snapshotparser.h"

#include "engine/core/rowhashset.h"
#include "engine/import/csvtable.h"
#include "engine/import/manifestparser.h"
#include "engine/import/snapshotcolumns.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace engine {

std::string Issue::format() const
{
    std::string out = file;
    if (line > 0) {
        out += ':';
        out += std::to_string(line);
        if (column > 0) {
            out += ':';
            out += std::to_string(column);
        }
    }
    out += severity == Severity::Error ? ": error: " : ": warning: ";
    if (!field.empty()) {
        out += field;
        out += ": ";
    }
    out += message;
    return out;
}

namespace {

using Range = CsvTable::Range;

std::int64_t pairKey(Index a, Index b)
{
    return (static_cast<std::int64_t>(a) << 32) | static_cast<std::uint32_t>(b);
}

std::string lowerCase(std::string_view text)
{
    std::string out(text);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string firstOn(std::int64_t line)
{
    return " (first on line " + std::to_string(line) + ")";
}

template <typename... Vectors> void reserveAll(std::size_t n, Vectors &...vectors)
{
    (vectors.reserve(n), ...);
}

/// A master file's ids as seen by the files that refer to them.
struct Master {
    explicit Master(std::string_view fileName)
        : file(fileName)
    { }
    std::string_view file;
    /// False when the file could not be read (missing, or a broken header): then
    /// references into it are not checked, as each would repeat that one error.
    bool readable = true;
    std::vector<std::int64_t> line; ///< by index: the line that defined the id
};

/// Resolves one id column against a master file. It remembers the last id, because
/// exports are usually sorted and consecutive rows tend to name the same item.
struct Resolver {
    Resolver(const IdTable &table, const Master &of)
        : ids(table)
        , master(of)
    { }
    const IdTable &ids;
    const Master &master;
    std::string lastId;
    Index lastIndex = kNone;
    bool primed = false;
};

std::size_t at(Index i)
{
    return static_cast<std::size_t>(i);
}

std::uint64_t itemLocationHash(Index item, Index location)
{
    return mixHash(static_cast<std::uint64_t>(pairKey(item, location)));
}

class Parser
{
public:
    Parser(const SnapshotFiles &files, const ParseOptions &options, ParseResult &result)
        : m_files(files)
        , m_result(result)
        , m_s(result.snapshot)
        , m_log(result, options)
    { }

    void run();

private:
    const std::string *findFile(std::string_view name);
    /// Finds a file, reads its header and hands the table to `readRows` when the rows
    /// can be read; marks `master` unreadable when its ids cannot all be known.
    template <typename ReadRows>
    void readFile(std::string_view name, std::span<const ColumnSpec> columns, bool required,
        Master *master, ReadRows &&readRows);

    /// Reads a master key: reports a blank or repeated one (nullopt), else interns it.
    std::optional<Index> masterKey(CsvTable &t, int col, IdTable &ids, Master &master);
    /// Resolves an id column against a master file; kNone when blank or unknown.
    Index reference(CsvTable &t, int col, Resolver &resolver, bool required);
    Resolver itemResolver() const { return {m_s.items.ids, m_items}; }
    Resolver locationResolver() const { return {m_s.locations.ids, m_locations}; }
    /// Warns when (item, location) has no item_locations.csv row.
    void requireItemLocation(CsvTable &t, Index item, Index location, int locationCol);

    void readLocations(CsvTable &t);
    void readItems(CsvTable &t);
    void readSuppliers(CsvTable &t);
    void readCustomers(CsvTable &t);
    void readItemLocations(CsvTable &t);
    void readSalesOrders(CsvTable &t);
    void readPurchaseOrders(CsvTable &t);
    void readTransfers(CsvTable &t);
    void readLanes(CsvTable &t);
    void readForecast(CsvTable &t);

    const SnapshotFiles &m_files;
    ParseResult &m_result;
    Snapshot &m_s;
    IssueLog m_log;
    std::vector<const std::string *> m_used; ///< keys of m_files that were read

    Master m_locations {"locations.csv"};
    Master m_items {"items.csv"};
    Master m_suppliers {"suppliers.csv"};
    Master m_customers {"customers.csv"};
    bool m_itemLocationsReadable = true;
    PairIndex m_itemLocationRows; ///< item_locations.csv rows by (item, location)
    std::vector<std::int64_t> m_itemLocationLine; ///< by item-location row
};

const std::string *Parser::findFile(std::string_view name)
{
    // The exact name wins; a name in other letter case (from a case-insensitive file
    // system) is taken with a warning.
    auto found = m_files.find(std::string(name));
    if (found == m_files.end()) {
        found = std::ranges::find_if(
            m_files, [&](const auto &entry) { return lowerCase(entry.first) == name; });
        if (found == m_files.end())
            return nullptr;
        m_log.warning(found->first, 0, 0, {}, "read as " + std::string(name));
    }
    m_used.push_back(&found->first);
    return &found->second;
}

template <typename ReadRows>
void Parser::readFile(std::string_view name, std::span<const ColumnSpec> columns, bool required,
    Master *master, ReadRows &&readRows)
{
    if (m_log.stopped())
        return;
    const std::string *data = findFile(name);
    if (!data) {
        if (required) {
            m_log.error(name, 0, 0, {}, "required file is missing");
            if (master)
                master->readable = false;
        }
        return;
    }
    CsvTable table(name, *data, columns, m_log);
    const CsvTable::Header header = table.readHeader(required);
    if (header != CsvTable::Header::Ok) {
        if (master && (required || header == CsvTable::Header::Broken))
            master->readable = false;
        return;
    }
    readRows(table);
    if (table.failed() && master)
        master->readable = false;
}

std::optional<Index> Parser::masterKey(CsvTable &t, int col, IdTable &ids, Master &master)
{
    const std::string_view id = t.requiredId(col);
    if (id.empty())
        return std::nullopt;
    if (const Index existing = ids.find(id); existing != kNone) {
        t.error(col, "repeated value " + quoted(id) + firstOn(master.line[at(existing)]));
        return std::nullopt;
    }
    master.line.push_back(t.line());
    return ids.intern(id);
}

Index Parser::reference(CsvTable &t, int col, Resolver &resolver, bool required)
{
    const std::string_view id = required ? t.requiredId(col) : t.id(col);
    // An id refused as such is reported once, not again as missing from its master.
    if (id.empty() || !idProblem(id).empty())
        return kNone;
    if (!resolver.primed || id != resolver.lastId) {
        resolver.lastIndex = resolver.ids.find(id);
        resolver.lastId.assign(id);
        resolver.primed = true;
    }
    if (resolver.lastIndex == kNone && resolver.master.readable)
        t.error(col, quoted(id) + " is not in " + std::string(resolver.master.file));
    return resolver.lastIndex;
}

void Parser::requireItemLocation(CsvTable &t, Index item, Index location, int locationCol)
{
    if (item == kNone || location == kNone || !m_itemLocationsReadable)
        return;
    if (m_itemLocationRows.find(item, location) != kNone)
        return;
    t.warning(locationCol,
        "no item_locations.csv row for item " + quoted(m_s.items.ids.at(item))
            + " at this location; the row is kept but cannot be scored");
}

void Parser::readLocations(CsvTable &t)
{
    using namespace locations_csv;
    Locations &l = m_s.locations;
    const std::size_t n = t.estimatedRows();
    l.ids.reserve(n);
    reserveAll(n, l.name, l.type, l.region, l.storageCapacity, l.inboundCapacityPerDay);
    while (t.next()) {
        if (!masterKey(t, LocationId, l.ids, m_locations))
            continue;
        l.name.emplace_back(t.text(Name));
        l.type.push_back(static_cast<LocationType>(std::max(t.choice(Type, kTypes, 0), 0)));
        l.region.emplace_back(t.text(Region));
        l.storageCapacity.push_back(t.number(StorageCapacity, Range::NonNegative));
        l.inboundCapacityPerDay.push_back(t.number(InboundCapacityPerDay, Range::NonNegative));
    }
}

void Parser::readItems(CsvTable &t)
{
    using namespace items_csv;
    Items &it = m_s.items;
    const std::size_t n = t.estimatedRows();
    it.ids.reserve(n);
    reserveAll(n, it.description, it.unitCost, it.unitPrice, it.abcClass, it.shelfLifeDays,
        it.substituteGroup);
    while (t.next()) {
        if (!masterKey(t, ItemId, it.ids, m_items))
            continue;
        it.description.emplace_back(t.text(Description));
        const double cost = t.requiredNumber(UnitCost, Range::NonNegative);
        it.unitCost.push_back(cost);
        it.unitPrice.push_back(t.number(UnitPrice, Range::NonNegative, cost));
        const int abc = t.choice(AbcClass, kAbcClasses, -1);
        it.abcClass.push_back(abc < 0 ? char(0) : kAbcClasses[abc].front());
        it.shelfLifeDays.push_back(t.number(ShelfLifeDays, Range::Positive));
        const std::string_view group = t.id(SubstituteGroup);
        it.substituteGroup.push_back(group.empty() ? kNone : m_s.substituteGroups.intern(group));
    }
}

void Parser::readSuppliers(CsvTable &t)
{
    using namespace suppliers_csv;
    Suppliers &s = m_s.suppliers;
    while (t.next()) {
        if (!masterKey(t, SupplierId, s.ids, m_suppliers))
            continue;
        s.name.emplace_back(t.text(Name));
        s.leadTimeDays.push_back(t.requiredNumber(LeadTimeDays, Range::NonNegative));
        s.leadTimeStdDays.push_back(t.number(LeadTimeStdDays, Range::NonNegative, 0.0));
        s.onTimeRate.push_back(t.number(OnTimeRate, Range::Rate));
        s.expediteCostPerUnit.push_back(t.number(ExpediteCostPerUnit, Range::NonNegative));
        s.expediteMaxDays.push_back(t.number(ExpediteMaxDays, Range::NonNegative, 0.0));
    }
}

void Parser::readCustomers(CsvTable &t)
{
    using namespace customers_csv;
    Customers &c = m_s.customers;
    while (t.next()) {
        if (!masterKey(t, CustomerId, c.ids, m_customers))
            continue;
        c.name.emplace_back(t.text(Name));
        c.tier.push_back(static_cast<std::uint8_t>(t.integer(Tier, 1, 3, 0, true)));
        c.latePenaltyPerUnitDay.push_back(t.number(LatePenaltyPerUnitDay, Range::NonNegative));
    }
}

void Parser::readItemLocations(CsvTable &t)
{
    using namespace item_locations_csv;
    ItemLocations &il = m_s.itemLocations;
    const std::size_t n = t.estimatedRows();
    reserveAll(n, il.item, il.location, il.onHand, il.allocated, il.safetyStock, il.reorderPoint,
        il.orderUpTo, il.dailyDemand, il.dailyDemandStd, il.supplier, il.sourceLocation,
        il.leadTimeDays, il.leadTimeStdDays, il.minOrderQty, il.orderMultiple, il.lastCountDate,
        il.countVarianceRate);
    m_itemLocationRows.reset(m_s.items.size(), m_s.locations.size(), n);
    m_itemLocationLine.reserve(n);
    Resolver items = itemResolver(), locations = locationResolver(), sources = locationResolver();
    Resolver suppliers {m_s.suppliers.ids, m_suppliers};
    while (t.next()) {
        const Index item = reference(t, ItemId, items, true);
        const Index location = reference(t, LocationId, locations, true);
        if (item != kNone && location != kNone) {
            const Index first = m_itemLocationRows.insert(item, location, il.size());
            if (first != kNone) {
                t.error(ItemId,
                    "repeated (item_id, location_id) = (" + quoted(m_s.items.ids.at(item)) + ", "
                        + quoted(m_s.locations.ids.at(location)) + ")"
                        + firstOn(m_itemLocationLine[at(first)]));
                continue;
            }
        }
        m_itemLocationLine.push_back(t.line());
        il.item.push_back(item);
        il.location.push_back(location);
        il.onHand.push_back(t.requiredNumber(OnHand, Range::NonNegative));
        il.allocated.push_back(t.number(Allocated, Range::NonNegative, 0.0));
        il.safetyStock.push_back(t.number(SafetyStock, Range::NonNegative, 0.0));
        const double reorderPoint = t.number(ReorderPoint, Range::NonNegative);
        const double orderUpTo = t.number(OrderUpTo, Range::NonNegative);
        il.reorderPoint.push_back(reorderPoint);
        il.orderUpTo.push_back(orderUpTo);
        if (isSet(reorderPoint) && isSet(orderUpTo) && orderUpTo < reorderPoint)
            t.warning(OrderUpTo, "order_up_to is below reorder_point");
        il.dailyDemand.push_back(t.requiredNumber(DailyDemand, Range::NonNegative));
        il.dailyDemandStd.push_back(t.number(DailyDemandStd, Range::NonNegative, 0.0));
        const Index supplier = reference(t, SupplierId, suppliers, false);
        const Index source = reference(t, SourceLocationId, sources, false);
        il.supplier.push_back(supplier);
        il.sourceLocation.push_back(source);
        if (source != kNone && source == location)
            t.error(SourceLocationId, "a location cannot replenish itself");
        if (t.raw(SupplierId).empty() && t.raw(SourceLocationId).empty() && !t.malformed())
            m_log.warning(t.file(), t.line(), 0, {},
                "neither supplier_id nor source_location_id is given; the SKU-location gets no "
                "replenishment recommendation");
        il.leadTimeDays.push_back(t.number(LeadTimeDays, Range::NonNegative));
        il.leadTimeStdDays.push_back(t.number(LeadTimeStdDays, Range::NonNegative));
        il.minOrderQty.push_back(t.number(MinOrderQty, Range::NonNegative, 1.0));
        il.orderMultiple.push_back(t.number(OrderMultiple, Range::Positive, 1.0));
        il.lastCountDate.push_back(t.date(LastCountDate));
        il.countVarianceRate.push_back(t.number(CountVarianceRate, Range::Rate));
    }
    if (t.failed())
        m_itemLocationsReadable = false;
}

/// Finds repeated (order id, line) keys of sales or purchase order lines once the file
/// is read: the keys' hashes are collected in file order and sorted, so the check reads
/// memory in order instead of probing a table the size of the file once per line.
class OrderLineKeys
{
public:
    explicit OrderLineKeys(std::size_t rows)
    {
        m_keys.reserve(rows);
        m_lineOfRow.reserve(rows);
    }

    /// Notes the file line of the row stored at `row` (every stored row, in order).
    void addRow(std::int64_t fileLine) { m_lineOfRow.push_back(fileLine); }
    /// Notes the key of the row stored at `row`.
    void addKey(std::string_view id, std::int32_t line, Index row)
    {
        const std::uint64_t hash
            = mixHash(std::hash<std::string_view> {}(id)) ^ mixHash(std::uint64_t(line) << 1);
        m_keys.push_back({hash, row});
    }

    /// Reports every row whose key an earlier row already has, in file order.
    void reportRepeats(const CsvTable &t, int idColumn, std::string_view keyName,
        const std::vector<std::string> &ids, const std::vector<std::int32_t> &lines, IssueLog &log)
    {
        std::ranges::sort(m_keys, [](const Key &a, const Key &b) {
            return a.hash != b.hash ? a.hash < b.hash : a.row < b.row;
        });
        std::vector<std::pair<Index, Index>> repeats; // (row, its first row)
        for (std::size_t begin = 0; begin < m_keys.size();) {
            std::size_t end = begin + 1;
            while (end < m_keys.size() && m_keys[end].hash == m_keys[begin].hash)
                ++end;
            // Within a run of equal hashes (rows in file order), compare the real keys:
            // different keys may share a hash.
            for (std::size_t j = begin + 1; j < end; ++j) {
                const std::size_t row = at(m_keys[j].row);
                for (std::size_t i = begin; i < j; ++i) {
                    const std::size_t first = at(m_keys[i].row);
                    if (lines[first] == lines[row] && ids[first] == ids[row]) {
                        repeats.emplace_back(m_keys[j].row, m_keys[i].row);
                        break;
                    }
                }
            }
            begin = end;
        }
        std::ranges::sort(repeats);
        for (const auto &[row, first] : repeats) {
            log.error(t.file(), m_lineOfRow[at(row)], t.position(idColumn), t.name(idColumn),
                "repeated " + std::string(keyName) + " = (" + quoted(ids[at(row)]) + ", "
                    + std::to_string(lines[at(row)]) + ")" + firstOn(m_lineOfRow[at(first)]));
        }
    }

private:
    struct Key {
        std::uint64_t hash;
        Index row;
    };
    std::vector<Key> m_keys;
    std::vector<std::int64_t> m_lineOfRow; ///< by stored row
};

void Parser::readSalesOrders(CsvTable &t)
{
    using namespace sales_orders_csv;
    SalesOrders &so = m_s.salesOrders;
    const std::size_t n = t.estimatedRows();
    reserveAll(n, so.orderId, so.line, so.customer, so.item, so.location, so.qtyOpen, so.orderDate,
        so.dueDate, so.unitPrice);
    OrderLineKeys keys(n);
    const std::size_t mark = m_log.mark();
    Resolver customers {m_s.customers.ids, m_customers};
    Resolver items = itemResolver(), locations = locationResolver();
    while (t.next()) {
        const std::string_view orderId = t.requiredId(OrderId);
        const auto line = static_cast<std::int32_t>(t.integer(Line, 1, INT32_MAX, 0, true));
        if (!orderId.empty() && line > 0 && !t.malformed())
            keys.addKey(orderId, line, so.size());
        keys.addRow(t.line());
        const Index customer = reference(t, CustomerId, customers, true);
        const Index item = reference(t, ItemId, items, true);
        const Index location = reference(t, LocationId, locations, true);
        so.orderId.emplace_back(orderId);
        so.line.push_back(line);
        so.customer.push_back(customer);
        so.item.push_back(item);
        so.location.push_back(location);
        so.qtyOpen.push_back(t.requiredNumber(QtyOpen, Range::Positive));
        so.orderDate.push_back(t.requiredDate(OrderDate));
        so.dueDate.push_back(t.requiredDate(DueDate));
        const double itemPrice = item == kNone ? kUnset : m_s.items.unitPrice[at(item)];
        so.unitPrice.push_back(t.number(UnitPrice, Range::NonNegative, itemPrice));
        requireItemLocation(t, item, location, LocationId);
    }
    keys.reportRepeats(t, OrderId, "(order_id, line)", so.orderId, so.line, m_log);
    m_log.sortFrom(mark);
}

void Parser::readPurchaseOrders(CsvTable &t)
{
    using namespace purchase_orders_csv;
    PurchaseOrders &po = m_s.purchaseOrders;
    const std::size_t n = t.estimatedRows();
    reserveAll(n, po.poId, po.line, po.supplier, po.item, po.location, po.qtyOpen, po.orderDate,
        po.expectedDate, po.promisedDate, po.status);
    OrderLineKeys keys(n);
    const std::size_t mark = m_log.mark();
    Resolver suppliers {m_s.suppliers.ids, m_suppliers};
    Resolver items = itemResolver(), locations = locationResolver();
    while (t.next()) {
        const std::string_view poId = t.requiredId(PoId);
        const auto line = static_cast<std::int32_t>(t.integer(Line, 1, INT32_MAX, 0, true));
        if (!poId.empty() && line > 0 && !t.malformed())
            keys.addKey(poId, line, po.size());
        keys.addRow(t.line());
        const Index supplier = reference(t, SupplierId, suppliers, true);
        const Index item = reference(t, ItemId, items, true);
        const Index location = reference(t, LocationId, locations, true);
        po.poId.emplace_back(poId);
        po.line.push_back(line);
        po.supplier.push_back(supplier);
        po.item.push_back(item);
        po.location.push_back(location);
        po.qtyOpen.push_back(t.requiredNumber(QtyOpen, Range::Positive));
        po.orderDate.push_back(t.date(OrderDate));
        po.expectedDate.push_back(t.requiredDate(ExpectedDate));
        po.promisedDate.push_back(t.date(PromisedDate));
        po.status.push_back(static_cast<PoStatus>(std::max(t.choice(Status, kStatuses, 0), 0)));
        requireItemLocation(t, item, location, LocationId);
    }
    keys.reportRepeats(t, PoId, "(po_id, line)", po.poId, po.line, m_log);
    m_log.sortFrom(mark);
}

void Parser::readTransfers(CsvTable &t)
{
    using namespace transfers_csv;
    Transfers &tr = m_s.transfers;
    const std::size_t n = t.estimatedRows();
    reserveAll(n, tr.transferId, tr.item, tr.fromLocation, tr.toLocation, tr.qty, tr.shipDate,
        tr.expectedDate);
    IdTable ids;
    ids.reserve(n);
    Master transfers {"transfers.csv"};
    Resolver items = itemResolver(), froms = locationResolver(), tos = locationResolver();
    while (t.next()) {
        const std::optional<Index> key = masterKey(t, TransferId, ids, transfers);
        if (!key)
            continue;
        const Index item = reference(t, ItemId, items, true);
        const Index from = reference(t, FromLocationId, froms, true);
        const Index to = reference(t, ToLocationId, tos, true);
        if (from != kNone && from == to)
            t.error(ToLocationId, "a transfer needs two different locations");
        tr.transferId.emplace_back(ids.at(*key));
        tr.item.push_back(item);
        tr.fromLocation.push_back(from);
        tr.toLocation.push_back(to);
        tr.qty.push_back(t.requiredNumber(Qty, Range::NonNegative));
        tr.shipDate.push_back(t.date(ShipDate));
        tr.expectedDate.push_back(t.requiredDate(ExpectedDate));
        if (from != to) {
            requireItemLocation(t, item, from, FromLocationId);
            requireItemLocation(t, item, to, ToLocationId);
        }
    }
}

void Parser::readLanes(CsvTable &t)
{
    using namespace lanes_csv;
    Lanes &l = m_s.lanes;
    std::unordered_map<std::int64_t, std::int64_t> lineOf;
    Resolver froms = locationResolver(), tos = locationResolver();
    while (t.next()) {
        const Index from = reference(t, FromLocationId, froms, true);
        const Index to = reference(t, ToLocationId, tos, true);
        if (from != kNone && to != kNone) {
            if (from == to) {
                t.error(ToLocationId, "a lane needs two different locations");
            } else if (const auto [first, inserted]
                       = lineOf.try_emplace(pairKey(from, to), t.line());
                       !inserted) {
                t.error(FromLocationId,
                    "repeated (from_location_id, to_location_id) = ("
                        + quoted(m_s.locations.ids.at(from)) + ", "
                        + quoted(m_s.locations.ids.at(to)) + ")" + firstOn(first->second));
                continue;
            }
        }
        l.from.push_back(from);
        l.to.push_back(to);
        l.transitDays.push_back(t.requiredNumber(TransitDays, Range::NonNegative));
        l.costPerUnit.push_back(t.requiredNumber(CostPerUnit, Range::NonNegative));
        l.fixedCost.push_back(t.number(FixedCost, Range::NonNegative, 0.0));
        l.capacityPerDay.push_back(t.number(CapacityPerDay, Range::NonNegative));
        l.active.push_back(t.boolean(Active, true) ? 1 : 0);
    }
}

void Parser::readForecast(CsvTable &t)
{
    using namespace forecast_csv;
    Forecast &f = m_s.forecast;
    const std::size_t n = t.estimatedRows();
    reserveAll(n, f.item, f.location, f.date, f.qty);
    RowHashSet rows;
    rows.reserve(n);
    std::vector<std::int64_t> lineOfRow;
    lineOfRow.reserve(n);
    Resolver items = itemResolver(), locations = locationResolver();
    while (t.next()) {
        const Index item = reference(t, ItemId, items, true);
        const Index location = reference(t, LocationId, locations, true);
        const Date date = t.requiredDate(PeriodStart);
        if (item != kNone && location != kNone && date != kNoDate) {
            const std::uint64_t hash
                = itemLocationHash(item, location) ^ mixHash(static_cast<std::uint64_t>(date));
            const Index first = rows.insert(hash, f.size(), [&](Index row) {
                return f.item[at(row)] == item && f.location[at(row)] == location
                    && f.date[at(row)] == date;
            });
            if (first != kNone) {
                t.error(ItemId,
                    "repeated (item_id, location_id, date) = (" + quoted(m_s.items.ids.at(item))
                        + ", " + quoted(m_s.locations.ids.at(location)) + ", " + formatDate(date)
                        + ")" + firstOn(lineOfRow[at(first)]));
                continue;
            }
        }
        lineOfRow.push_back(t.line());
        f.item.push_back(item);
        f.location.push_back(location);
        f.date.push_back(date);
        f.qty.push_back(t.requiredNumber(Qty, Range::NonNegative));
        requireItemLocation(t, item, location, LocationId);
    }
}

void Parser::run()
{
    if (m_log.stopped())
        return;
    if (const std::string *manifest = findFile("manifest.json")) {
        if (parseManifest(*manifest, m_s.manifest, m_log) == ManifestStatus::OtherFormat)
            return;
    } else {
        m_log.error("manifest.json", 0, 0, {}, "required file is missing");
    }

    readFile("locations.csv", locations_csv::kColumns, true, &m_locations,
        [this](CsvTable &t) { readLocations(t); });
    readFile(
        "items.csv", items_csv::kColumns, true, &m_items, [this](CsvTable &t) { readItems(t); });
    readFile("suppliers.csv", suppliers_csv::kColumns, false, &m_suppliers,
        [this](CsvTable &t) { readSuppliers(t); });
    readFile("customers.csv", customers_csv::kColumns, false, &m_customers,
        [this](CsvTable &t) { readCustomers(t); });
    Master itemLocations {"item_locations.csv"};
    readFile("item_locations.csv", item_locations_csv::kColumns, true, &itemLocations,
        [this](CsvTable &t) { readItemLocations(t); });
    m_itemLocationsReadable = m_itemLocationsReadable && itemLocations.readable;
    readFile("sales_orders.csv", sales_orders_csv::kColumns, false, nullptr,
        [this](CsvTable &t) { readSalesOrders(t); });
    readFile("purchase_orders.csv", purchase_orders_csv::kColumns, false, nullptr,
        [this](CsvTable &t) { readPurchaseOrders(t); });
    readFile("transfers.csv", transfers_csv::kColumns, false, nullptr,
        [this](CsvTable &t) { readTransfers(t); });
    readFile(
        "lanes.csv", lanes_csv::kColumns, false, nullptr, [this](CsvTable &t) { readLanes(t); });
    readFile("forecast.csv", forecast_csv::kColumns, false, nullptr,
        [this](CsvTable &t) { readForecast(t); });
    if (m_log.stopped())
        return;

    for (const auto &[name, data] : m_files) {
        const std::string lower = lowerCase(name);
        const bool snapshotFile = lower.ends_with(".csv") || lower.ends_with(".json");
        if (snapshotFile && std::ranges::find(m_used, &name) == m_used.end())
            m_log.warning(name, 0, 0, {}, "not a file of erp-snapshot/1; ignored");
    }
    if (m_result.errorCount == 0) {
        if (m_s.items.size() == 0 || m_s.itemLocations.size() == 0)
            m_log.warning(m_s.items.size() == 0 ? "items.csv" : "item_locations.csv", 0, 0, {},
                "no rows: the snapshot has nothing to score");
        m_s.index();
    }
}

} // namespace

ParseResult parseSnapshot(const SnapshotFiles &files, const ParseOptions &options)
{
    ParseResult result;
    Parser(files, options, result).run();
    return result;
}

} // namespace engine
