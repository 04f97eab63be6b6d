#include "engine/import/csvtable.h"

#include "engine/core/textsafety.h"

#include <algorithm>

namespace engine {

IssueLog::IssueLog(ParseResult &result, const ParseOptions &options)
    : m_result(result)
    , m_options(options)
{ }

namespace {

/// The first `length` bytes of `text`, shortened so as not to split a UTF-8 sequence.
std::string_view utf8Prefix(std::string_view text, std::size_t length)
{
    if (text.size() <= length)
        return text;
    while (length > 0 && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80)
        --length;
    return text.substr(0, length);
}

/// Keeps an issue on one line whatever the input held: control characters, line
/// separators and bidi overrides in file names, column names or messages are written
/// as escapes, and long names are cut.
void makePrintable(std::string &text, std::size_t maxLength)
{
    if (text.size() > maxLength)
        text = std::string(utf8Prefix(text, maxLength)) + "...";
    text = escapeDisplayControls(text);
}

} // namespace

void IssueLog::add(Issue issue)
{
    if (m_stopped)
        return;
    makePrintable(issue.file, 120);
    makePrintable(issue.field, 60);
    makePrintable(issue.message, 1000);
    if (issue.severity == Issue::Severity::Error) {
        if (m_options.maxErrors != 0 && m_result.errorCount >= m_options.maxErrors) {
            m_result.truncated = true;
            m_stopped = true;
            return;
        }
        ++m_result.errorCount;
    } else {
        ++m_result.warningCount;
        if (m_options.maxWarnings != 0 && m_listedWarnings >= m_options.maxWarnings) {
            ++m_result.unlistedWarnings;
            return;
        }
        ++m_listedWarnings;
    }
    m_result.issues.push_back(std::move(issue));
}

void IssueLog::sortFrom(std::size_t mark)
{
    auto order = [](const Issue &issue) {
        return std::pair(issue.line == 0 ? INT64_MAX : issue.line, issue.column);
    };
    std::stable_sort(m_result.issues.begin() + static_cast<std::ptrdiff_t>(mark),
        m_result.issues.end(), [&](const Issue &a, const Issue &b) { return order(a) < order(b); });
}

void IssueLog::error(std::string_view file, std::int64_t line, int column, std::string_view field,
    std::string message)
{
    add({Issue::Severity::Error, std::string(file), line, column, std::string(field),
        std::move(message)});
}

void IssueLog::warning(std::string_view file, std::int64_t line, int column, std::string_view field,
    std::string message)
{
    add({Issue::Severity::Warning, std::string(file), line, column, std::string(field),
        std::move(message)});
}

std::string idProblem(std::string_view value)
{
    if (value.size() > kMaxIdBytes)
        return std::to_string(value.size()) + " bytes, longer than the "
            + std::to_string(kMaxIdBytes) + " allowed for an id";
    if (const FoundControl found = findDisplayControl(value); found.position > 0)
        return "holds the control character " + displayEscape(found.codePoint) + " (character "
            + std::to_string(found.position)
            + "); an id may not hold control characters, line separators or bidi overrides";
    return {};
}

std::string textProblem(std::string_view value)
{
    if (value.size() > kMaxTextBytes)
        return std::to_string(value.size()) + " bytes, longer than the "
            + std::to_string(kMaxTextBytes) + " allowed for text";
    if (const auto nul = value.find('\0'); nul != std::string_view::npos)
        return "holds a NUL character (byte " + std::to_string(nul + 1)
            + "); text may not hold NUL";
    return {};
}

std::string quoted(std::string_view value)
{
    constexpr std::size_t kMaxShown = 60;
    const std::string_view shown = utf8Prefix(value, kMaxShown);
    std::string out = "\"";
    for (const char c : shown) {
        switch (c) {
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '"':
            out += "\\\"";
            break;
        default:
            out += c;
        }
    }
    if (shown.size() < value.size())
        out += "...";
    out += '"';
    return out;
}

namespace {

std::string lowerTrimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    text = text.substr(first, text.find_last_not_of(" \t") - first + 1);
    std::string out(text);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return std::ranges::equal(a, b, [](char x, char y) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        return lower(x) == lower(y);
    });
}

} // namespace

CsvTable::CsvTable(std::string_view file, std::string_view data,
    std::span<const ColumnSpec> columns, IssueLog &log)
    : m_file(file)
    , m_columns(columns)
    , m_log(log)
    , m_reader(data)
    , m_position(columns.size(), -1)
    , m_estimatedRows(CsvReader::estimateRecords(data))
{ }

CsvTable::Header CsvTable::readHeader(bool fileRequired)
{
    if (!m_reader.next()) {
        if (m_reader.failed()) {
            const CsvError &e = m_reader.error();
            m_log.error(m_file, e.line, e.column, {}, e.message);
            return Header::Broken;
        }
        if (fileRequired)
            m_log.error(m_file, 0, 0, {}, "the file is empty; expected a header row");
        else
            m_log.warning(m_file, 0, 0, {}, "the file is empty (no header row); read as no rows");
        return Header::Empty;
    }

    bool ok = true;
    const std::int64_t headerLine = m_reader.line();
    m_headerSize = m_reader.size();
    for (std::size_t i = 0; i < m_reader.size(); ++i) {
        const std::string name = lowerTrimmed(m_reader[i]);
        const int column = static_cast<int>(i + 1);
        const auto known = std::ranges::find(m_columns, std::string_view(name), &ColumnSpec::name);
        if (known == m_columns.end()) {
            if (name.empty())
                m_log.warning(m_file, headerLine, column, {},
                    "column without a name; its values are ignored");
            else
                m_log.warning(m_file, headerLine, column, name, "unknown column, ignored");
            continue;
        }
        int &position = m_position[static_cast<std::size_t>(known - m_columns.begin())];
        if (position >= 0) {
            m_log.error(m_file, headerLine, column, name,
                "repeated column (first at column " + std::to_string(position + 1) + ")");
            ok = false;
            continue;
        }
        position = static_cast<int>(i);
    }
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        if (m_columns[c].required && m_position[c] < 0) {
            m_log.error(m_file, headerLine, 0, m_columns[c].name, "missing required column");
            ok = false;
        }
    }
    return ok ? Header::Ok : Header::Broken;
}

bool CsvTable::next()
{
    m_malformed = false;
    m_rowFailed = false;
    if (m_log.stopped())
        return false;
    if (!m_reader.next()) {
        if (m_reader.failed()) {
            const CsvError &e = m_reader.error();
            m_log.error(m_file, e.line, e.column, {}, e.message);
        }
        return false;
    }
    if (m_reader.size() != m_headerSize) {
        m_log.error(m_file, m_reader.line(), 0, {},
            "expected " + std::to_string(m_headerSize) + " fields as in the header, found "
                + std::to_string(m_reader.size()));
        m_malformed = true;
        m_rowFailed = true;
    }
    return true;
}

void CsvTable::error(int col, std::string message)
{
    m_rowFailed = true;
    if (!m_malformed)
        m_log.error(m_file, line(), position(col), name(col), std::move(message));
}

void CsvTable::warning(int col, std::string message)
{
    if (!m_malformed)
        m_log.warning(m_file, line(), position(col), name(col), std::move(message));
}

void CsvTable::reportMissing(int col)
{
    error(col, "missing required value");
}

std::string_view CsvTable::checkedText(int col, std::string (*rule)(std::string_view))
{
    const std::string_view value = raw(col);
    if (!isValidUtf8(value)) {
        error(col, "not valid UTF-8 text (is the file saved as UTF-8?)");
        return value;
    }
    if (std::string problem = rule(value); !problem.empty())
        error(col, std::move(problem));
    return value;
}

std::string_view CsvTable::text(int col)
{
    return checkedText(col, textProblem);
}

std::string_view CsvTable::id(int col)
{
    return checkedText(col, idProblem);
}

std::string_view CsvTable::requiredId(int col)
{
    if (missing(col, true))
        return {};
    return id(col);
}

double CsvTable::number(int col, Range range, double fallback)
{
    if (missing(col, false))
        return fallback;
    const std::string_view value = raw(col);
    const std::optional<double> parsed = parseNumber(value);
    switch (range) {
    case Range::NonNegative:
        if (parsed && *parsed >= 0)
            return *parsed;
        error(col, "expected a non-negative number, got " + quoted(value));
        break;
    case Range::Positive:
        if (parsed && *parsed > 0)
            return *parsed;
        error(col, "expected a number greater than 0, got " + quoted(value));
        break;
    case Range::Rate:
        if (parsed && *parsed >= 0 && *parsed <= 1)
            return *parsed;
        error(col, "expected a rate from 0 to 1, got " + quoted(value));
        break;
    }
    return fallback;
}

double CsvTable::requiredNumber(int col, Range range)
{
    if (missing(col, true))
        return kUnset;
    return number(col, range);
}

Date CsvTable::date(int col)
{
    if (missing(col, false))
        return kNoDate;
    if (const std::optional<Date> parsed = parseDate(raw(col)))
        return *parsed;
    error(col, "expected a date as YYYY-MM-DD, got " + quoted(raw(col)));
    return kNoDate;
}

Date CsvTable::requiredDate(int col)
{
    if (missing(col, true))
        return kNoDate;
    return date(col);
}

bool CsvTable::boolean(int col, bool fallback)
{
    if (missing(col, false))
        return fallback;
    if (const std::optional<bool> parsed = parseBoolean(raw(col)))
        return *parsed;
    error(col, "expected true/false, 1/0 or yes/no, got " + quoted(raw(col)));
    return fallback;
}

std::int64_t CsvTable::integer(
    int col, std::int64_t min, std::int64_t max, std::int64_t fallback, bool required)
{
    if (missing(col, required))
        return fallback;
    const std::optional<std::int64_t> parsed = parseInteger(raw(col));
    if (parsed && *parsed >= min && *parsed <= max)
        return *parsed;
    if (max == INT32_MAX)
        error(col,
            "expected a whole number of at least " + std::to_string(min) + ", got "
                + quoted(raw(col)));
    else
        error(col,
            "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max)
                + ", got " + quoted(raw(col)));
    return fallback;
}

int CsvTable::choice(int col, std::span<const std::string_view> choices, int fallback)
{
    if (missing(col, false))
        return fallback;
    const std::string_view value = raw(col);
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (equalsIgnoringCase(value, choices[i]))
            return static_cast<int>(i);
    }
    std::string list;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (i != 0)
            list += i + 1 == choices.size() ? " or " : ", ";
        list += choices[i];
    }
    error(col, "expected " + list + ", got " + quoted(value));
    return -1;
}

} // namespace engine
