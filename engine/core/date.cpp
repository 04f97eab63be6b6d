#include "engine/core/date.h"

#include <chrono>
#include <cstdio>

namespace engine {

std::optional<Date> parseDate(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    auto digits = [&](std::size_t from, std::size_t count) -> int {
        int value = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return -1;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (y < 0 || m < 0 || d < 0)
        return std::nullopt;
    const std::chrono::year_month_day ymd {
        std::chrono::year {y}, std::chrono::month {unsigned(m)}, std::chrono::day {unsigned(d)}};
    if (!ymd.ok())
        return std::nullopt;
    return static_cast<Date>(std::chrono::sys_days {ymd}.time_since_epoch().count());
}

std::string formatDate(Date date)
{
    if (date == kNoDate)
        return {};
    const std::chrono::year_month_day ymd {std::chrono::sys_days {std::chrono::days {date}}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
        unsigned(ymd.day()));
    return buf;
}

} // namespace engine
