#pragma once
// A streaming RFC 4180 reader over an in-memory buffer. Snapshot files are read whole
// into memory by the importer, so the reader hands out views into that buffer and
// copies only the rare quoted field that holds doubled quotes.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engine {

/// Where and why a CSV buffer is malformed (the reader stops at the first such place).
struct CsvError {
    std::int64_t line = 0; ///< 1-based physical line
    int column = 0; ///< 1-based field position in the record
    std::string message;
};

/// Reads records one at a time: quoted fields may hold commas, doubled quotes and line
/// breaks; records end in LF or CRLF (a lone CR also ends a record); a leading UTF-8
/// BOM is skipped; lines holding nothing at all are skipped. A quote inside an
/// unquoted field is taken literally, as spreadsheets write `12" pipe`.
///
/// The views returned by fields() stay valid until the next call to next() (for
/// unescaped quoted fields) and as long as the buffer lives (for all others).
class CsvReader
{
public:
    explicit CsvReader(std::string_view data);

    /// Moves to the next record. False at the end of the data, or when the data is
    /// malformed (then failed() is true and error() says where).
    bool next();

    const std::vector<std::string_view> &fields() const { return m_fields; }
    std::size_t size() const { return m_fields.size(); }
    std::string_view operator[](std::size_t i) const { return m_fields[i]; }
    /// 1-based physical line where the current record starts.
    std::int64_t line() const { return m_recordLine; }

    bool failed() const { return m_failed; }
    const CsvError &error() const { return m_error; }

    /// About the number of records in `data`, to size vectors before reading: a newline
    /// count (an upper bound) up to 1 MiB, beyond that extrapolated from the first MiB.
    static std::size_t estimateRecords(std::string_view data);

private:
    bool fail(std::int64_t line, std::size_t field, std::string message);
    bool atLineEnd(std::size_t pos) const;
    /// Consumes a line break at m_pos (LF, CRLF or CR) and counts it.
    void consumeLineEnd();

    std::string_view m_data;
    std::size_t m_pos = 0;
    std::int64_t m_line = 1;
    std::int64_t m_recordLine = 0;
    std::vector<std::string_view> m_fields;
    /// Unescaped text of quoted fields with doubled quotes, and where each one sits.
    std::string m_scratch;
    struct ScratchField {
        std::size_t field, offset, length;
    };
    std::vector<ScratchField> m_scratchFields;
    bool m_failed = false;
    CsvError m_error;
};

/// A strict decimal number: `.` as the decimal point, an optional leading `-` and
/// exponent, nothing else (no spaces, no `+`, no thousands separators), finite.
/// Accepts "7.0", "-3", "2.5e-3"; rejects "12,5", " 3", "1e400", "nan", "inf".
std::optional<double> parseNumber(std::string_view text);

/// A strict integer: an optional leading `-` and digits only ("7.0" is not one).
std::optional<std::int64_t> parseInteger(std::string_view text);

/// `true`/`false`, `1`/`0`, `yes`/`no`, in any letter case.
std::optional<bool> parseBoolean(std::string_view text);

/// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or stray bytes).
bool isValidUtf8(std::string_view text);

} // namespace engine
