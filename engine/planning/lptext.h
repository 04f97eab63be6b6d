#pragma once
// Text of CPLEX LP files, shared by the writers of the item plan's model
// (cplexlp.cpp) and of the network plan's (simulation/networklp.cpp).

#include <cmath>
#include <string>

namespace engine::planning::lptext {

/// A whole number of millionths as an exact decimal in the currency.
inline std::string money(double micro)
{
    const long long m = std::llround(micro);
    const unsigned long long a = static_cast<unsigned long long>(m < 0 ? -m : m);
    std::string out = (m < 0 ? "-" : "") + std::to_string(a / 1'000'000);
    const unsigned long long frac = a % 1'000'000;
    if (frac == 0)
        return out;
    std::string digits = std::to_string(frac);
    digits.insert(0, 6 - digits.size(), '0');
    while (digits.back() == '0')
        digits.pop_back();
    return out + "." + digits;
}

/// Appends " + c x" terms, breaking the line every few terms (LP lines stay short).
class Terms
{
public:
    explicit Terms(std::string &out)
        : m_out(out)
    { }
    void add(const std::string &coef, const std::string &var)
    {
        if (m_count > 0 && m_count % 6 == 0)
            m_out += "\n   ";
        m_out += coef.starts_with('-') ? " - " + coef.substr(1) : " + " + coef;
        m_out += ' ';
        m_out += var;
        ++m_count;
    }
    int count() const { return m_count; }

private:
    std::string &m_out;
    int m_count = 0;
};

} // namespace engine::planning::lptext
