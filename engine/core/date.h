#pragma once
// Calendar dates as whole days, so date arithmetic in the engine is integer math.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace engine {

/// Days since 1970-01-01 (proleptic Gregorian). kNoDate marks "not given".
using Date = std::int32_t;
inline constexpr Date kNoDate = INT32_MIN;

/// The most days a number from a snapshot (a lead time, an expedite window) counts
/// for in date arithmetic: about 2,700 years, far past any horizon.
inline constexpr int kDayLimit = 1'000'000;

/// `days` (whole already) as an int for date arithmetic, clamped to +/- kDayLimit:
/// a snapshot may hold any finite number, and converting one beyond an int, or
/// adding it to a date, would be undefined behaviour. NaN counts as 0.
inline int clampDays(double days)
{
    if (std::isnan(days))
        return 0;
    return static_cast<int>(std::clamp(days, -double(kDayLimit), double(kDayLimit)));
}

/// Parses a strict `YYYY-MM-DD`; nullopt for anything else (including 2026-02-30).
std::optional<Date> parseDate(std::string_view text);

/// Formats as `YYYY-MM-DD`; an empty string for kNoDate.
std::string formatDate(Date date);

} // namespace engine
