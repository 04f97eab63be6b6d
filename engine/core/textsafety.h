#pragma once
// Characters that change how a terminal or a text view shows what follows them
// rather than showing themselves: control characters, line and paragraph separators
// and bidirectional overrides. Snapshot text may hold them; the import refuses them
// in ids (docs/snapshot-format.md) and every text output shows them as escapes.

#include <cstddef>
#include <string>
#include <string_view>

namespace engine {

/// Whether a code point acts on the display instead of showing: C0 controls
/// (U+0000–U+001F), DEL, C1 controls (U+0080–U+009F), the line and paragraph
/// separators U+2028/U+2029, and the bidi embeddings, overrides and isolates
/// U+202A–U+202E and U+2066–U+2069.
constexpr bool isDisplayControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/// The visible escape of such a code point: `\n`, `\r`, `\t`, `\x1b` for the other
/// ASCII controls and DEL, `\u009b` or `\u202e` beyond ASCII.
std::string displayEscape(char32_t c);

/// `text` (UTF-8) with every display control written as its escape. Backslashes are
/// kept as they are, so escaping twice changes nothing. Bytes that are not valid
/// UTF-8 are written as `\xNN`.
std::string escapeDisplayControls(std::string_view text);

/// The first display control in `text` (UTF-8): its code point and its 1-based
/// character position, or position 0 when there is none.
struct FoundControl {
    char32_t codePoint = 0;
    std::size_t position = 0;
};
FoundControl findDisplayControl(std::string_view text);

} // namespace engine
