#include "engine/generator/csvwriter.h"

#include <cerrno>
#include <charconv>
#include <system_error>

namespace engine {

DateTexts::DateTexts(Date centre)
    : m_first(centre - kSpan)
{
    m_text.reserve(std::size_t(2 * kSpan) * 10);
    for (Date d = m_first; d < centre + kSpan; ++d)
        m_text += formatDate(d);
}

std::string_view DateTexts::view(Date d, std::string &scratch) const
{
    if (d >= m_first && d < m_first + 2 * kSpan)
        return std::string_view(m_text).substr(std::size_t(d - m_first) * 10, 10);
    scratch = formatDate(d);
    return scratch;
}

CsvWriter::CsvWriter(const std::filesystem::path &path, const DateTexts &dates)
    : m_path(path)
    , m_dates(dates)
    , m_file(std::fopen(path.string().c_str(), "wb"))
{
    if (!m_file)
        m_error = errno != 0 ? errno : EIO;
    m_buffer.reserve(kFlushAt + 4096);
}

CsvWriter::~CsvWriter()
{
    if (m_file)
        std::fclose(m_file);
}

void CsvWriter::header(std::initializer_list<std::string_view> columns)
{
    for (const auto column : columns)
        text(column);
    endRow();
}

CsvWriter &CsvWriter::text(std::string_view value)
{
    separator();
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        m_buffer.append(value);
        return *this;
    }
    m_buffer += '"';
    for (const char c : value) {
        if (c == '"')
            m_buffer += '"';
        m_buffer += c;
    }
    m_buffer += '"';
    return *this;
}

CsvWriter &CsvWriter::integer(std::int64_t value)
{
    separator();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    m_buffer.append(digits, end);
    return *this;
}

CsvWriter &CsvWriter::number(double value, int decimals)
{
    separator();
    appendNumber(m_buffer, value, decimals);
    return *this;
}

CsvWriter &CsvWriter::date(Date value)
{
    separator();
    std::string scratch;
    m_buffer.append(m_dates.view(value, scratch));
    return *this;
}

CsvWriter &CsvWriter::blank()
{
    separator();
    return *this;
}

void CsvWriter::endRow()
{
    m_buffer += '\n';
    m_fields = 0;
    ++m_rows;
    if (m_buffer.size() >= kFlushAt)
        flush();
}

void CsvWriter::flush()
{
    if (m_file && m_error == 0 && !m_buffer.empty()
        && std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file) != m_buffer.size())
        m_error = errno != 0 ? errno : EIO;
    m_bytes += std::int64_t(m_buffer.size());
    m_buffer.clear();
}

std::expected<std::int64_t, std::string> CsvWriter::close()
{
    flush();
    if (m_file && std::fclose(m_file) != 0 && m_error == 0)
        m_error = errno != 0 ? errno : EIO;
    m_file = nullptr;
    if (m_error != 0)
        return std::unexpected(
            "cannot write " + m_path.string() + ": " + std::generic_category().message(m_error));
    return m_bytes;
}

void CsvWriter::appendNumber(std::string &out, double value, int decimals)
{
    if (value == 0)
        value = 0; // never "-0"
    char digits[400];
    auto end
        = std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed, decimals)
              .ptr;
    if (decimals > 0) {
        while (end[-1] == '0')
            --end;
        if (end[-1] == '.')
            --end;
    }
    out.append(digits, end);
}

} // namespace engine
