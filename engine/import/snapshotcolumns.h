#pragma once
// The columns of each file of an erp-snapshot/1 (docs/snapshot-format.md): one
// namespace per file, with an enum of the columns and their specs in the same order.
// Names are lower case; `required` marks the columns a header must have.

#include "engine/import/csvtable.h"

#include <string_view>

namespace engine {

namespace locations_csv {
enum Col : int {
    LocationId,
    Name,
    Type,
    Region,
    StorageCapacity,
    InboundCapacityPerDay,
};
inline constexpr ColumnSpec kColumns[] = {{"location_id", true}, {"name"}, {"type"}, {"region"},
    {"storage_capacity"}, {"inbound_capacity_per_day"}};
// In LocationType order.
inline constexpr std::string_view kTypes[] = {"dc", "branch", "store", "plant"};
} // namespace locations_csv

namespace items_csv {
enum Col : int {
    ItemId,
    Description,
    UnitCost,
    UnitPrice,
    AbcClass,
    ShelfLifeDays,
    SubstituteGroup,
};
inline constexpr ColumnSpec kColumns[] = {{"item_id", true}, {"description"}, {"unit_cost", true},
    {"unit_price"}, {"abc_class"}, {"shelf_life_days"}, {"substitute_group"}};
inline constexpr std::string_view kAbcClasses[] = {"A", "B", "C"};
} // namespace items_csv

namespace suppliers_csv {
enum Col : int {
    SupplierId,
    Name,
    LeadTimeDays,
    LeadTimeStdDays,
    OnTimeRate,
    ExpediteCostPerUnit,
    ExpediteMaxDays,
};
inline constexpr ColumnSpec kColumns[] = {{"supplier_id", true}, {"name"}, {"lead_time_days", true},
    {"lead_time_std_days"}, {"on_time_rate"}, {"expedite_cost_per_unit"}, {"expedite_max_days"}};
} // namespace suppliers_csv

namespace customers_csv {
enum Col : int {
    CustomerId,
    Name,
    Tier,
    LatePenaltyPerUnitDay,
};
inline constexpr ColumnSpec kColumns[]
    = {{"customer_id", true}, {"name"}, {"tier", true}, {"late_penalty_per_unit_day"}};
} // namespace customers_csv

namespace item_locations_csv {
enum Col : int {
    ItemId,
    LocationId,
    OnHand,
    Allocated,
    SafetyStock,
    ReorderPoint,
    OrderUpTo,
    DailyDemand,
    DailyDemandStd,
    SupplierId,
    SourceLocationId,
    LeadTimeDays,
    LeadTimeStdDays,
    MinOrderQty,
    OrderMultiple,
    LastCountDate,
    CountVarianceRate,
};
inline constexpr ColumnSpec kColumns[]
    = {{"item_id", true}, {"location_id", true}, {"on_hand", true}, {"allocated"}, {"safety_stock"},
        {"reorder_point"}, {"order_up_to"}, {"daily_demand", true}, {"daily_demand_std"},
        {"supplier_id"}, {"source_location_id"}, {"lead_time_days"}, {"lead_time_std_days"},
        {"min_order_qty"}, {"order_multiple"}, {"last_count_date"}, {"count_variance_rate"}};
} // namespace item_locations_csv

namespace sales_orders_csv {
enum Col : int {
    OrderId,
    Line,
    CustomerId,
    ItemId,
    LocationId,
    QtyOpen,
    OrderDate,
    DueDate,
    UnitPrice,
};
inline constexpr ColumnSpec kColumns[] = {{"order_id", true}, {"line", true}, {"customer_id", true},
    {"item_id", true}, {"location_id", true}, {"qty_open", true}, {"order_date", true},
    {"due_date", true}, {"unit_price"}};
} // namespace sales_orders_csv

namespace purchase_orders_csv {
enum Col : int {
    PoId,
    Line,
    SupplierId,
    ItemId,
    LocationId,
    QtyOpen,
    OrderDate,
    ExpectedDate,
    PromisedDate,
    Status,
};
inline constexpr ColumnSpec kColumns[] = {{"po_id", true}, {"line", true}, {"supplier_id", true},
    {"item_id", true}, {"location_id", true}, {"qty_open", true}, {"order_date"},
    {"expected_date", true}, {"promised_date"}, {"status"}};
// In PoStatus order.
inline constexpr std::string_view kStatuses[] = {"open", "confirmed", "shipped"};
} // namespace purchase_orders_csv

namespace transfers_csv {
enum Col : int {
    TransferId,
    ItemId,
    FromLocationId,
    ToLocationId,
    Qty,
    ShipDate,
    ExpectedDate,
};
inline constexpr ColumnSpec kColumns[]
    = {{"transfer_id", true}, {"item_id", true}, {"from_location_id", true},
        {"to_location_id", true}, {"qty", true}, {"ship_date"}, {"expected_date", true}};
} // namespace transfers_csv

namespace lanes_csv {
enum Col : int {
    FromLocationId,
    ToLocationId,
    TransitDays,
    CostPerUnit,
    FixedCost,
    CapacityPerDay,
    Active,
};
inline constexpr ColumnSpec kColumns[]
    = {{"from_location_id", true}, {"to_location_id", true}, {"transit_days", true},
        {"cost_per_unit", true}, {"fixed_cost"}, {"capacity_per_day"}, {"active"}};
} // namespace lanes_csv

namespace forecast_csv {
enum Col : int {
    ItemId,
    LocationId,
    PeriodStart,
    Qty,
};
inline constexpr ColumnSpec kColumns[]
    = {{"item_id", true}, {"location_id", true}, {"date", true}, {"qty", true}};
} // namespace forecast_csv

} // namespace engine
