#pragma once
// Calendar dates as whole days, so date arithmetic in the engine is integer math.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace engine {

/// Days since 1970-01-01 (proleptic Gregorian). kNoDate marks "not given".
using Date = std::int32_t;
inline constexpr Date kNoDate = INT32_MIN;

/// Parses a strict `YYYY-MM-DD`; nullopt for anything else (including 2026-02-30).
std::optional<Date> parseDate(std::string_view text);

/// Formats as `YYYY-MM-DD`; an empty string for kNoDate.
std::string formatDate(Date date);

} // namespace engine
