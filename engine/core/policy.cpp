#include "engine/core/policy.h"

#include <array>

namespace engine {

namespace {

constexpr std::array<const char *, kFactorCount> kFactorNames {"margin_at_risk", "sla_penalty",
    "order_aging", "lead_time_volatility", "capacity_pressure", "carrying_cost", "shelf_life_risk",
    "count_discrepancy_risk"};

constexpr std::array<const char *, kExceptionTypeCount> kTypeNames {
    "shortage", "replenishment", "late_supply", "allocation", "excess", "cycle_count"};

} // namespace

const char *factorName(FactorKind kind)
{
    const int i = static_cast<int>(kind);
    return i >= 0 && i < kFactorCount ? kFactorNames[static_cast<std::size_t>(i)] : "";
}

const char *exceptionTypeName(ExceptionType type)
{
    const int i = static_cast<int>(type);
    return i >= 0 && i < kExceptionTypeCount ? kTypeNames[static_cast<std::size_t>(i)] : "";
}

bool parseExceptionType(const std::string &name, ExceptionType &out)
{
    for (int i = 0; i < kExceptionTypeCount; ++i) {
        if (name == kTypeNames[static_cast<std::size_t>(i)]) {
            out = static_cast<ExceptionType>(i);
            return true;
        }
    }
    return false;
}

} // namespace engine
