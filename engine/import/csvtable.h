#pragma once
// Building blocks of the snapshot parser: an issue log that applies the caps, and a
// CSV table that matches a file's header to the columns the parser knows and
// converts fields strictly, reporting every problem at its line and column.

#include "engine/core/date.h"
#include "engine/core/snapshot.h"
#include "engine/import/csv.h"
#include "engine/import/snapshotparser.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace engine {

/// Collects issues into a ParseResult; once the error cap is passed it sets
/// `truncated` and stopped() tells readers to give up.
class IssueLog
{
public:
    IssueLog(ParseResult &result, const ParseOptions &options);

    void add(Issue issue);
    void error(std::string_view file, std::int64_t line, int column, std::string_view field,
        std::string message);
    void warning(std::string_view file, std::int64_t line, int column, std::string_view field,
        std::string message);
    bool stopped() const { return m_stopped; }
    /// Where the next issue will go, for sortFrom().
    std::size_t mark() const { return m_result.issues.size(); }
    /// Puts the issues added since `mark` in line and column order (whole-file issues,
    /// line 0, last), for readers that find problems out of order.
    void sortFrom(std::size_t mark);
    std::size_t errorCount() const { return m_result.errorCount; }

private:
    ParseResult &m_result;
    ParseOptions m_options;
    std::size_t m_listedWarnings = 0;
    bool m_stopped = false;
};

/// Longest id, in bytes: every `*_id` column, `substitute_group`, and the manifest's
/// `snapshot_id` and `currency`. ERP keys are far shorter (40 characters is a long
/// material number); 200 bytes leaves room for composite keys and 50 four-byte
/// characters, while keeping a table column, a filter list or a terminal line sane.
inline constexpr std::size_t kMaxIdBytes = 200;
/// Longest free text, in bytes: names, descriptions, `region`, and the manifest's
/// `source_system` and `extracted_at`. 4,000 bytes holds a long descriptive paragraph
/// (1,000 to 4,000 characters); beyond it a field is a dump, not a description, and
/// megabytes of it would stall every view that lays it out.
inline constexpr std::size_t kMaxTextBytes = 4000;

/// Why `value` (valid UTF-8) cannot be an id, "" when it can: longer than
/// kMaxIdBytes, or holding a character isDisplayControl() names. Ids are shown on
/// one line everywhere and compared exactly, so an invisible or line-moving
/// character would make two ids look alike or rewrite the line they are on.
std::string idProblem(std::string_view value);
/// Why `value` (valid UTF-8) cannot be free text, "" when it can: longer than
/// kMaxTextBytes, or holding NUL, which no text means and which cuts it short in
/// C-string interfaces. Other control characters are kept and shown escaped.
std::string textProblem(std::string_view value);

/// Quotes a value for a message, `"12,5"`, showing line breaks as \n and cutting
/// long values so that one message stays on one line.
std::string quoted(std::string_view value);

/// A column the parser knows: its lower-case name and whether the header must have it.
struct ColumnSpec {
    std::string_view name;
    bool required = false;
};

/// One CSV file being read against a list of known columns. Columns are addressed by
/// their index in that list (each file parser has an enum for it).
class CsvTable
{
public:
    /// `file` and `columns` must outlive the table.
    CsvTable(std::string_view file, std::string_view data, std::span<const ColumnSpec> columns,
        IssueLog &log);

    std::string_view file() const { return m_file; }

    enum class Header {
        Ok, ///< the rows can be read
        Empty, ///< no header row: an error for a required file, else a warning (no rows)
        Broken, ///< a syntax error, a repeated or a missing required column (reported)
    };
    /// Reads the header and matches it to the columns (by name, case-insensitively,
    /// surrounding spaces ignored, any order). Unknown columns are warnings.
    Header readHeader(bool fileRequired);

    /// Moves to the next record; false at the end, on a CSV syntax error (reported) or
    /// once the log has stopped. A record with the wrong number of fields is reported
    /// and returned with malformed() set; nothing more is reported about it.
    bool next();
    bool malformed() const { return m_malformed; }
    /// Whether reading ended on a CSV syntax error, so rows after it are unknown.
    bool failed() const { return m_reader.failed(); }
    /// 1-based physical line where the current record starts.
    std::int64_t line() const { return m_reader.line(); }
    /// An upper bound of the number of rows, for reserve().
    std::size_t estimatedRows() const { return m_estimatedRows; }

    bool hasColumn(int col) const { return m_position[static_cast<std::size_t>(col)] >= 0; }
    /// 1-based position of the column in the header, 0 when the header lacks it.
    int position(int col) const { return m_position[static_cast<std::size_t>(col)] + 1; }
    std::string_view name(int col) const { return m_columns[static_cast<std::size_t>(col)].name; }
    /// The field as written ("" when the column is absent or the record too short).
    std::string_view raw(int col) const
    {
        const int position = m_position[static_cast<std::size_t>(col)];
        if (position < 0 || static_cast<std::size_t>(position) >= m_reader.size())
            return {};
        return m_reader[static_cast<std::size_t>(position)];
    }

    /// Reports a problem with one field of the current record (none for a malformed one).
    void error(int col, std::string message);
    void warning(int col, std::string message);
    /// Whether an error was found in the current record.
    bool rowFailed() const { return m_rowFailed; }

    // Conversions of one field of the current record. An empty field is "not given":
    // the fallback is returned, and a required field is reported as missing. A value
    // that does not convert is reported and gives the fallback too.
    enum class Range { NonNegative, Positive, Rate };
    /// Free text, checked to be UTF-8 and by textProblem().
    std::string_view text(int col);
    /// An id, checked to be UTF-8 and by idProblem().
    std::string_view id(int col);
    std::string_view requiredId(int col);
    double number(int col, Range range, double fallback = kUnset);
    double requiredNumber(int col, Range range);
    Date date(int col);
    Date requiredDate(int col);
    bool boolean(int col, bool fallback);
    /// An integer in [min, max]; `fallback` when not given.
    std::int64_t integer(
        int col, std::int64_t min, std::int64_t max, std::int64_t fallback, bool required);
    /// The position of the value in `choices` (matched case-insensitively), `fallback`
    /// when not given, -1 when not one of them.
    int choice(int col, std::span<const std::string_view> choices, int fallback);

private:
    /// True (and reported when required) when the field is empty.
    bool missing(int col, bool required)
    {
        if (!raw(col).empty())
            return false;
        if (required)
            reportMissing(col);
        return true;
    }
    void reportMissing(int col);
    /// The field checked to be UTF-8 and by `rule`, reported at its first failure.
    std::string_view checkedText(int col, std::string (*rule)(std::string_view));

    std::string_view m_file;
    std::span<const ColumnSpec> m_columns;
    IssueLog &m_log;
    CsvReader m_reader;
    std::vector<int> m_position; ///< per known column: 0-based field position, -1 absent
    std::size_t m_headerSize = 0;
    std::size_t m_estimatedRows = 0;
    bool m_malformed = false;
    bool m_rowFailed = false;
};

} // namespace engine
