#include "textformat.h"

#include <cmath>
#include <cstdio>

namespace engine::detail {

std::string fmtNumber(double v, int decimals)
{
    if (!std::isfinite(v))
        return v > 0 ? "unlimited" : v < 0 ? "-unlimited" : "n/a";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
    std::string digits(buf);
    const std::size_t dot = digits.find('.');
    std::string whole = digits.substr(0, dot);
    const std::string frac = dot == std::string::npos ? std::string() : digits.substr(dot);
    std::string grouped;
    grouped.reserve(whole.size() + whole.size() / 3 + frac.size() + 1);
    const std::size_t lead = whole.size() % 3;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (i + 3 - lead) % 3 == 0)
            grouped += ',';
        grouped += whole[i];
    }
    // "-0.00" reads oddly; only show the sign when a digit differs from zero.
    const bool negative = v < 0 && (grouped + frac).find_first_of("123456789") != std::string::npos;
    return (negative ? "-" : "") + grouped + frac;
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
