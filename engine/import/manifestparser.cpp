#include "engine/import/manifestparser.h"

#include "engine/core/date.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

namespace engine {

namespace {

constexpr std::string_view kFile = "manifest.json";
constexpr std::string_view kFormat = "erp-snapshot/1";
// Deeper nesting is no manifest; the limit keeps hostile input off the stack.
constexpr int kMaxDepth = 32;

struct JsonValue {
    enum class Kind { String, Number, Boolean, Null, Object, Array };
    Kind kind = Kind::Null;
    std::string text; ///< the string, for Kind::String
};

std::string_view kindName(JsonValue::Kind kind)
{
    switch (kind) {
    case JsonValue::Kind::String:
        return "a string";
    case JsonValue::Kind::Number:
        return "a number";
    case JsonValue::Kind::Boolean:
        return "a boolean";
    case JsonValue::Kind::Null:
        return "null";
    case JsonValue::Kind::Object:
        return "an object";
    case JsonValue::Kind::Array:
        return "an array";
    }
    return "a value";
}

void appendUtf8(std::string &out, std::uint32_t code)
{
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

/// A strict JSON (RFC 8259) reader, just enough for a flat object: nested values
/// are checked and skipped. The first syntax error ends the read.
class JsonReader
{
public:
    explicit JsonReader(std::string_view text)
        : m_text(text)
    {
        if (m_text.starts_with("\xEF\xBB\xBF"))
            m_pos = m_lineStart = 3;
    }

    bool failed() const { return !m_error.empty(); }
    const std::string &error() const { return m_error; }
    std::int64_t errorLine() const { return m_errorLine; }
    int errorColumn() const { return m_errorColumn; }
    std::int64_t line() const { return m_line; }
    int column() const { return static_cast<int>(m_pos - m_lineStart + 1); }

    void skipSpace()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '\n') {
                ++m_line;
                m_lineStart = m_pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                break;
            }
            ++m_pos;
        }
    }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    bool consume(char c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }

    bool fail(std::string message)
    {
        if (!failed()) {
            m_error = std::move(message);
            m_errorLine = m_line;
            m_errorColumn = column();
        }
        return false;
    }

    /// Reads a string at the current position (which holds the opening quote).
    std::optional<std::string> string()
    {
        if (!consume('"')) {
            fail("expected a string in double quotes");
            return std::nullopt;
        }
        std::string out;
        while (!atEnd()) {
            const char c = m_text[m_pos];
            if (c == '"') {
                ++m_pos;
                if (!isValidUtf8(out)) {
                    fail("the string is not valid UTF-8");
                    return std::nullopt;
                }
                return out;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                fail("a line break or control character inside a string must be escaped");
                return std::nullopt;
            }
            if (c != '\\') {
                out += c;
                ++m_pos;
                continue;
            }
            ++m_pos;
            const char e = peek();
            ++m_pos;
            switch (e) {
            case '"':
            case '\\':
            case '/':
                out += e;
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                std::optional<std::uint32_t> code = hex4();
                if (!code)
                    return std::nullopt;
                if (*code >= 0xD800 && *code <= 0xDBFF) {
                    if (!consume('\\') || !consume('u')) {
                        fail("a high surrogate \\u escape must be followed by a low one");
                        return std::nullopt;
                    }
                    const std::optional<std::uint32_t> low = hex4();
                    if (!low)
                        return std::nullopt;
                    if (*low < 0xDC00 || *low > 0xDFFF) {
                        fail("a high surrogate \\u escape must be followed by a low one");
                        return std::nullopt;
                    }
                    code = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
                } else if (*code >= 0xDC00 && *code <= 0xDFFF) {
                    fail("a low surrogate \\u escape without a high one");
                    return std::nullopt;
                }
                appendUtf8(out, *code);
                break;
            }
            default:
                --m_pos;
                fail("invalid escape sequence in a string");
                return std::nullopt;
            }
        }
        fail("unterminated string: the closing quote is missing");
        return std::nullopt;
    }

    /// Reads any value; strings keep their text, other values are checked only.
    std::optional<JsonValue> value(int depth)
    {
        skipSpace();
        const char c = peek();
        if (c == '"') {
            std::optional<std::string> text = string();
            if (!text)
                return std::nullopt;
            return JsonValue {JsonValue::Kind::String, std::move(*text)};
        }
        if (c == '{' || c == '[') {
            if (depth >= kMaxDepth) {
                fail("values are nested too deeply");
                return std::nullopt;
            }
            if (!(c == '{' ? skipObject(depth + 1) : skipArray(depth + 1)))
                return std::nullopt;
            return JsonValue {c == '{' ? JsonValue::Kind::Object : JsonValue::Kind::Array, {}};
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            if (!number())
                return std::nullopt;
            return JsonValue {JsonValue::Kind::Number, {}};
        }
        for (const auto &[word, kind] :
            std::array<std::pair<std::string_view, JsonValue::Kind>, 3> {
                {{"true", JsonValue::Kind::Boolean}, {"false", JsonValue::Kind::Boolean},
                    {"null", JsonValue::Kind::Null}}}) {
            if (m_text.substr(m_pos).starts_with(word)) {
                m_pos += word.size();
                return JsonValue {kind, {}};
            }
        }
        fail(atEnd() ? "unexpected end of the file; expected a value" : "expected a value");
        return std::nullopt;
    }

    /// Reads `"key": value` pairs of an object whose `{` was consumed, handing each
    /// to `onMember(key, keyLine, keyColumn, value)`.
    template <typename OnMember> bool members(int depth, OnMember &&onMember)
    {
        skipSpace();
        if (consume('}'))
            return true;
        for (;;) {
            skipSpace();
            const std::int64_t keyLine = m_line;
            const int keyColumn = column();
            if (peek() != '"')
                return fail("expected a key in double quotes");
            std::optional<std::string> key = string();
            if (!key)
                return false;
            skipSpace();
            if (!consume(':'))
                return fail("expected ':' after the key");
            std::optional<JsonValue> v = value(depth);
            if (!v)
                return false;
            onMember(*key, keyLine, keyColumn, *v);
            skipSpace();
            if (consume('}'))
                return true;
            if (!consume(','))
                return fail("expected ',' or '}' after a value");
        }
    }

private:
    std::optional<std::uint32_t> hex4()
    {
        std::uint32_t code = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = peek();
            std::uint32_t digit = 0;
            if (h >= '0' && h <= '9')
                digit = std::uint32_t(h - '0');
            else if (h >= 'a' && h <= 'f')
                digit = std::uint32_t(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                digit = std::uint32_t(h - 'A' + 10);
            else {
                fail("expected four hexadecimal digits after \\u");
                return std::nullopt;
            }
            code = code * 16 + digit;
            ++m_pos;
        }
        return code;
    }

    bool digits()
    {
        if (peek() < '0' || peek() > '9')
            return fail("expected a digit");
        while (peek() >= '0' && peek() <= '9')
            ++m_pos;
        return true;
    }

    bool number()
    {
        consume('-');
        if (consume('0')) {
            if (peek() >= '0' && peek() <= '9')
                return fail("a number must not start with 0");
        } else if (!digits()) {
            return false;
        }
        if (consume('.') && !digits())
            return false;
        if (consume('e') || consume('E')) {
            if (!consume('+'))
                consume('-');
            if (!digits())
                return false;
        }
        return true;
    }

    bool skipObject(int depth)
    {
        consume('{');
        return members(depth, [](const std::string &, std::int64_t, int, const JsonValue &) {});
    }

    bool skipArray(int depth)
    {
        consume('[');
        skipSpace();
        if (consume(']'))
            return true;
        for (;;) {
            if (!value(depth))
                return false;
            skipSpace();
            if (consume(']'))
                return true;
            if (!consume(','))
                return fail("expected ',' or ']' after a value");
        }
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::size_t m_lineStart = 0;
    std::int64_t m_line = 1;
    std::string m_error;
    std::int64_t m_errorLine = 0;
    int m_errorColumn = 0;
};

struct KnownKey {
    std::string_view name;
    std::string Manifest::*member; ///< nullptr for as_of, which becomes a Date
    bool required;
};

struct Seen {
    std::int64_t line = 0; ///< 0: not seen
    int column = 0;
    bool isString = false;
    std::string text;
};

ManifestStatus readManifest(std::string_view json, Manifest &manifest, IssueLog &log)
{
    enum { Format, SnapshotId, AsOf, Currency, SourceSystem, ExtractedAt, KeyCount };
    static constexpr std::array<KnownKey, KeyCount> kKeys {{
        {"format", &Manifest::format, true},
        {"snapshot_id", &Manifest::snapshotId, true},
        {"as_of", nullptr, true},
        {"currency", &Manifest::currency, true},
        {"source_system", &Manifest::sourceSystem, false},
        {"extracted_at", &Manifest::extractedAt, false},
    }};

    JsonReader reader(json);
    reader.skipSpace();
    if (reader.atEnd()) {
        log.error(kFile, 0, 0, {}, "the file is empty; expected a JSON object");
        return ManifestStatus::Read;
    }
    if (!reader.consume('{')) {
        log.error(kFile, reader.line(), reader.column(), {},
            "invalid JSON: expected the manifest to be an object ('{')");
        return ManifestStatus::Read;
    }

    std::array<Seen, KeyCount> seen;
    const bool syntaxOk = reader.members(
        1, [&](const std::string &key, std::int64_t line, int column, const JsonValue &value) {
            const auto known = std::ranges::find(kKeys, std::string_view(key), &KnownKey::name);
            if (known == kKeys.end()) {
                log.warning(kFile, line, column, key, "unknown key, ignored");
                return;
            }
            Seen &entry = seen[static_cast<std::size_t>(known - kKeys.begin())];
            if (entry.line != 0) {
                log.error(kFile, line, column, key,
                    "repeated key (first on line " + std::to_string(entry.line) + ")");
                return;
            }
            entry = {line, column, value.kind == JsonValue::Kind::String, value.text};
            if (entry.isString)
                return;
            if (known->required)
                log.error(kFile, line, column, key,
                    "expected a string, got " + std::string(kindName(value.kind)));
            else if (value.kind != JsonValue::Kind::Null)
                log.warning(kFile, line, column, key,
                    "expected a string, got " + std::string(kindName(value.kind)) + "; ignored");
        });
    if (syntaxOk) {
        reader.skipSpace();
        if (!reader.atEnd())
            reader.fail("unexpected text after the closing '}'");
    }
    if (reader.failed()) {
        log.error(
            kFile, reader.errorLine(), reader.errorColumn(), {}, "invalid JSON: " + reader.error());
        return ManifestStatus::Read;
    }

    const Seen &format = seen[Format];
    if (format.isString && !format.text.empty() && format.text != kFormat) {
        log.error(kFile, format.line, format.column, "format",
            "unsupported format " + quoted(format.text) + "; this workbench reads "
                + std::string(kFormat));
        return ManifestStatus::OtherFormat;
    }

    for (std::size_t k = 0; k < kKeys.size(); ++k) {
        const Seen &entry = seen[k];
        if (entry.line == 0) {
            if (kKeys[k].required)
                log.error(kFile, 0, 0, kKeys[k].name,
                    k == Format ? "required key is missing (expected \"erp-snapshot/1\")"
                                : "required key is missing");
            continue;
        }
        if (!entry.isString)
            continue;
        if (kKeys[k].required && entry.text.empty()) {
            log.error(kFile, entry.line, entry.column, kKeys[k].name, "required value is empty");
            continue;
        }
        // format and as_of have exact values of their own, checked apart.
        if (k != Format && k != AsOf) {
            const bool isId = k == SnapshotId || k == Currency;
            if (std::string problem = isId ? idProblem(entry.text) : textProblem(entry.text);
                !problem.empty()) {
                log.error(kFile, entry.line, entry.column, kKeys[k].name, std::move(problem));
                continue;
            }
        }
        if (kKeys[k].member)
            manifest.*kKeys[k].member = entry.text;
    }

    const Seen &asOf = seen[AsOf];
    if (asOf.isString && !asOf.text.empty()) {
        if (const std::optional<Date> date = parseDate(asOf.text))
            manifest.asOf = *date;
        else
            log.error(kFile, asOf.line, asOf.column, "as_of",
                "expected a date as YYYY-MM-DD, got " + quoted(asOf.text));
    }

    const std::string &currency = manifest.currency;
    const bool isoCode = currency.size() == 3
        && std::ranges::all_of(currency, [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!currency.empty() && !isoCode)
        log.warning(kFile, seen[Currency].line, seen[Currency].column, "currency",
            "expected a three-letter ISO 4217 code such as \"EUR\", got " + quoted(currency));
    return ManifestStatus::Read;
}

} // namespace

ManifestStatus parseManifest(std::string_view json, Manifest &manifest, IssueLog &log)
{
    // Keys are checked as they come and again once all are read; the report goes by line.
    const std::size_t mark = log.mark();
    const ManifestStatus status = readManifest(json, manifest, log);
    log.sortFrom(mark);
    return status;
}

} // namespace engine
