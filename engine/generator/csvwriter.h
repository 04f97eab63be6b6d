#pragma once
// A fast CSV writer for generated snapshots: millions of rows, so no iostreams and no
// locale. One buffer flushed in large blocks, numbers through std::to_chars (exact and
// locale-free), dates from a table formatted once.

#include "engine/core/date.h"

#include <cstdint>
#include <cstdio>
#include <expected>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>

namespace engine {

/// `YYYY-MM-DD` of the dates within a few years of a centre date, formatted once.
class DateTexts
{
public:
    explicit DateTexts(Date centre);
    /// The text of `d`; `scratch` holds it when `d` is outside the table.
    std::string_view view(Date d, std::string &scratch) const;

private:
    static constexpr Date kSpan = 2048;
    Date m_first;
    std::string m_text; ///< 10 characters per date, no separator
};

/// Writes one RFC 4180 file, LF line ends, fields quoted only when they must be.
/// Errors are sticky and reported once, by close().
class CsvWriter
{
public:
    CsvWriter(const std::filesystem::path &path, const DateTexts &dates);
    ~CsvWriter();
    CsvWriter(const CsvWriter &) = delete;
    CsvWriter &operator=(const CsvWriter &) = delete;

    void header(std::initializer_list<std::string_view> columns);
    CsvWriter &text(std::string_view value);
    CsvWriter &integer(std::int64_t value);
    /// A number with at most `decimals` decimals, trailing zeros dropped ("12.5", "3").
    CsvWriter &number(double value, int decimals);
    CsvWriter &date(Date value);
    CsvWriter &blank();
    void endRow();
    std::int64_t rows() const { return m_rows > 0 ? m_rows - 1 : 0; } ///< without the header

    /// Flushes and closes; the bytes written, or what went wrong ("cannot write ...").
    std::expected<std::int64_t, std::string> close();

    /// Appends `value` as endRow/number would write it.
    static void appendNumber(std::string &out, double value, int decimals);

private:
    static constexpr std::size_t kFlushAt = std::size_t(1) << 20;
    void separator()
    {
        if (m_fields++ > 0)
            m_buffer += ',';
    }
    void flush();

    std::filesystem::path m_path;
    const DateTexts &m_dates;
    std::FILE *m_file = nullptr;
    int m_error = 0;
    std::string m_buffer;
    int m_fields = 0;
    std::int64_t m_rows = 0, m_bytes = 0;
};

} // namespace engine
