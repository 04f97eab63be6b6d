#include "engine/import/csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace engine {

CsvReader::CsvReader(std::string_view data)
    : m_data(data)
{
    if (m_data.starts_with("\xEF\xBB\xBF"))
        m_pos = 3;
}

std::size_t CsvReader::estimateRecords(std::string_view data)
{
    // Counting every newline of a large file costs a full extra pass over it; the first
    // megabyte tells the typical line length well enough to size vectors (an estimate
    // that falls short costs one reallocation).
    constexpr std::size_t kSample = std::size_t(1) << 20;
    const auto newlines = [](std::string_view text) {
        return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    };
    if (data.size() <= kSample)
        return newlines(data) + 1;
    const std::size_t sampled = newlines(data.substr(0, kSample));
    const double perByte = double(sampled + 1) / double(kSample);
    return static_cast<std::size_t>(double(data.size()) * perByte * 1.05) + 16;
}

bool CsvReader::fail(std::int64_t line, std::size_t field, std::string message)
{
    m_failed = true;
    m_error = {line, static_cast<int>(field + 1), std::move(message)};
    m_fields.clear();
    return false;
}

bool CsvReader::atLineEnd(std::size_t pos) const
{
    return pos >= m_data.size() || m_data[pos] == '\n' || m_data[pos] == '\r';
}

void CsvReader::consumeLineEnd()
{
    if (m_data[m_pos] == '\r' && m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '\n')
        m_pos += 2;
    else
        ++m_pos;
    ++m_line;
}

bool CsvReader::next()
{
    m_fields.clear();
    m_scratch.clear();
    m_scratchFields.clear();
    if (m_failed)
        return false;

    const char *const data = m_data.data();
    const std::size_t size = m_data.size();
    while (m_pos < size && (data[m_pos] == '\n' || data[m_pos] == '\r'))
        consumeLineEnd();
    if (m_pos >= size)
        return false;
    m_recordLine = m_line;

    for (;;) {
        if (m_pos < size && data[m_pos] == '"') {
            const std::int64_t openLine = m_line;
            const std::size_t field = m_fields.size();
            ++m_pos;
            std::size_t segment = m_pos;
            bool unescaped = false;
            std::size_t scratchOffset = 0;
            for (;;) {
                const auto *quote
                    = static_cast<const char *>(std::memchr(data + m_pos, '"', size - m_pos));
                if (!quote)
                    return fail(
                        openLine, field, "unterminated quoted field: the closing quote is missing");
                const auto quotePos = static_cast<std::size_t>(quote - data);
                m_line += std::count(data + m_pos, quote, '\n');
                m_pos = quotePos + 1;
                if (m_pos < size && data[m_pos] == '"') {
                    // A doubled quote: keep one, which means the field needs its own copy.
                    if (!unescaped) {
                        unescaped = true;
                        scratchOffset = m_scratch.size();
                    }
                    m_scratch.append(data + segment, quotePos + 1 - segment);
                    segment = ++m_pos;
                    continue;
                }
                if (unescaped) {
                    m_scratch.append(data + segment, quotePos - segment);
                    m_scratchFields.push_back(
                        {field, scratchOffset, m_scratch.size() - scratchOffset});
                    m_fields.emplace_back();
                } else {
                    m_fields.emplace_back(data + segment, quotePos - segment);
                }
                break;
            }
            if (!atLineEnd(m_pos) && data[m_pos] != ',')
                return fail(m_line, field,
                    "unexpected text after the closing quote (a quote inside a quoted field "
                    "must be doubled)");
        } else {
            const std::size_t start = m_pos;
            while (m_pos < size) {
                const char c = data[m_pos];
                if (c == ',' || c == '\n' || c == '\r')
                    break;
                ++m_pos;
            }
            m_fields.emplace_back(data + start, m_pos - start);
        }

        if (m_pos >= size)
            break;
        if (data[m_pos] == ',') {
            ++m_pos;
            continue;
        }
        consumeLineEnd();
        break;
    }

    // Views into m_scratch are made last: appending may have moved its storage.
    for (const ScratchField &s : m_scratchFields)
        m_fields[s.field] = std::string_view(m_scratch).substr(s.offset, s.length);
    return true;
}

namespace {

bool equalsLower(std::string_view text, std::string_view lower)
{
    return std::ranges::equal(text, lower,
        [](char a, char b) { return (a >= 'A' && a <= 'Z' ? char(a - 'A' + 'a') : a) == b; });
}

} // namespace

std::optional<double> parseNumber(std::string_view text)
{
    // Fast path for the common plain decimal ("12", "0.25"): when the digits fit a double
    // exactly and the scale is an exact power of ten, one IEEE division gives the
    // correctly rounded value, the same as from_chars.
    static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
        1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    constexpr std::uint64_t kExactLimit = std::uint64_t(1) << 53;
    const char *p = text.data();
    const char *const end = p + text.size();
    const bool negative = p != end && *p == '-';
    p += negative;
    std::uint64_t mantissa = 0;
    int digits = 0;
    int scale = 0;
    bool point = false;
    for (; p != end; ++p) {
        if (*p >= '0' && *p <= '9') {
            mantissa = mantissa * 10 + std::uint64_t(*p - '0');
            ++digits;
            scale += point;
            if (mantissa >= kExactLimit || scale > 22)
                break;
        } else if (*p == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (p == end && digits > 0) {
        const double value = double(mantissa) / kPow10[scale];
        return negative ? -value : value;
    }

    // Everything else: exponents, long digit strings, and junk to reject. from_chars also
    // takes "inf" and "nan", which the first-character check and isfinite keep out.
    if (text.empty()
        || !(text.front() == '-' || text.front() == '.'
            || (text.front() >= '0' && text.front() <= '9')))
        return std::nullopt;
    double value = 0;
    const auto [last, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc {} || last != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<std::int64_t> parseInteger(std::string_view text)
{
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc {} || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::optional<bool> parseBoolean(std::string_view text)
{
    if (text.size() > 5)
        return std::nullopt;
    if (equalsLower(text, "true") || text == "1" || equalsLower(text, "yes"))
        return true;
    if (equalsLower(text, "false") || text == "0" || equalsLower(text, "no"))
        return false;
    return std::nullopt;
}

bool isValidUtf8(std::string_view text)
{
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    const auto *const end = p + text.size();
    // Ids and names are mostly ASCII: skip eight such bytes at a time.
    while (end - p >= 8) {
        std::uint64_t word;
        std::memcpy(&word, p, sizeof word);
        if (word & 0x8080808080808080ULL)
            break;
        p += 8;
    }
    while (p != end) {
        const unsigned c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int length = 0;
        unsigned min = 0;
        unsigned code = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
            min = 0x80;
            code = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            min = 0x800;
            code = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            min = 0x10000;
            code = c & 0x07;
        } else {
            return false;
        }
        if (end - p < length)
            return false;
        for (int i = 1; i < length; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (p[i] & 0x3F);
        }
        if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        p += length;
    }
    return true;
}

} // namespace engine
