#pragma once
// How the store spells the snapshot's enumerations: as in the CSV files, so the
// tables read like the snapshot they came from.

#include "engine/core/snapshot.h"

#include <optional>
#include <string_view>

namespace model {

inline std::string_view locationTypeCode(engine::LocationType type)
{
    switch (type) {
    case engine::LocationType::Dc:
        return "dc";
    case engine::LocationType::Branch:
        return "branch";
    case engine::LocationType::Store:
        return "store";
    case engine::LocationType::Plant:
        return "plant";
    }
    return "dc";
}

inline std::optional<engine::LocationType> parseLocationType(std::string_view code)
{
    for (const auto type : {engine::LocationType::Dc, engine::LocationType::Branch,
             engine::LocationType::Store, engine::LocationType::Plant}) {
        if (locationTypeCode(type) == code)
            return type;
    }
    return std::nullopt;
}

inline std::string_view poStatusCode(engine::PoStatus status)
{
    switch (status) {
    case engine::PoStatus::Open:
        return "open";
    case engine::PoStatus::Confirmed:
        return "confirmed";
    case engine::PoStatus::Shipped:
        return "shipped";
    }
    return "open";
}

inline std::optional<engine::PoStatus> parsePoStatus(std::string_view code)
{
    for (const auto status :
        {engine::PoStatus::Open, engine::PoStatus::Confirmed, engine::PoStatus::Shipped}) {
        if (poStatusCode(status) == code)
            return status;
    }
    return std::nullopt;
}

} // namespace model
