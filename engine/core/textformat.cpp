#include "engine/core/textformat.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

namespace engine::detail {

std::string fmtNumber(double v, int decimals)
{
    if (!std::isfinite(v))
        return v > 0 ? "unlimited" : v < 0 ? "-unlimited" : "n/a";
    // Sentences carry several numbers each and a queue can hold hundreds of thousands
    // of exceptions, so this avoids printf and temporary strings.
    char digits[64];
    const auto res = std::to_chars(
        digits, digits + sizeof digits, std::fabs(v), std::chars_format::fixed, decimals);
    if (res.ec != std::errc {})
        return "n/a";
    const std::string_view text(digits, static_cast<std::size_t>(res.ptr - digits));
    const std::size_t dot = std::min(text.find('.'), text.size());
    // "-0.00" reads oddly; only show the sign when a digit differs from zero.
    const bool negative = v < 0 && text.find_first_of("123456789") != std::string_view::npos;
    std::string out;
    out.reserve(text.size() + dot / 3 + 1);
    if (negative)
        out += '-';
    for (std::size_t i = 0; i < dot; ++i) {
        if (i > 0 && (dot - i) % 3 == 0)
            out += ',';
        out += text[i];
    }
    out.append(text.substr(dot));
    return out;
}

std::string fmtDate(Date date)
{
    if (date == kNoDate)
        return {};
    // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm), without the
    // locale and printf machinery of a general formatter.
    const long z = long(date) + 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp < 10 ? mp + 3 : mp - 9;
    const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    if (y < 0 || y > 9999)
        return formatDate(date);
    std::string out(10, '-');
    out[0] = char('0' + y / 1000);
    out[1] = char('0' + y / 100 % 10);
    out[2] = char('0' + y / 10 % 10);
    out[3] = char('0' + y % 10);
    out[5] = char('0' + m / 10);
    out[6] = char('0' + m % 10);
    out[8] = char('0' + d / 10);
    out[9] = char('0' + d % 10);
    return out;
}

std::string fmtQty(double v)
{
    // Fractions of a unit (expected values) keep two decimals so they do not read as 0.
    if (v != 0.0 && std::fabs(v) < 0.95)
        return fmtNumber(v, 2);
    const double rounded = std::round(v * 10.0) / 10.0;
    if (std::fabs(rounded - std::round(rounded)) < 1e-9)
        return fmtNumber(std::round(rounded), 0);
    return fmtNumber(rounded, 1);
}

std::string fmtMoney(double v, const std::string &currency)
{
    std::string s = fmtNumber(v, 2);
    if (!currency.empty()) {
        s += ' ';
        s += currency;
    }
    return s;
}

std::string fmtUnits(double v, const char *adjective)
{
    std::string text = fmtQty(v);
    text += ' ';
    if (adjective != nullptr) {
        text += adjective;
        text += ' ';
    }
    text += text.starts_with("1 ") ? "unit" : "units";
    return text;
}

std::string fmtDays(int days)
{
    return std::to_string(days) + (days == 1 || days == -1 ? " day" : " days");
}

std::string fmtPercent(double share)
{
    const double pct = share * 100.0;
    const double rounded = std::round(pct * 10.0) / 10.0;
    if (std::fabs(rounded - std::round(rounded)) < 1e-9)
        return fmtNumber(std::round(rounded), 0) + "%";
    return fmtNumber(rounded, 1) + "%";
}

} // namespace engine::detail
