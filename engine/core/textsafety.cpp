#include "engine/core/textsafety.h"

namespace engine {

namespace {

constexpr char kHex[] = "0123456789abcdef";

/// One code point, or a byte that starts no valid UTF-8 sequence (`valid` false).
struct Decoded {
    char32_t code;
    bool valid;
};

/// Decodes the UTF-8 sequence at `i` and moves `i` past it (past one byte if invalid).
Decoded decode(std::string_view text, std::size_t &i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned c = byte(i);
    if (c < 0x80) {
        ++i;
        return {c, true};
    }
    std::size_t length = 0;
    char32_t code = 0, min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
        code = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        code = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        code = c & 0x07;
        min = 0x10000;
    }
    if (length == 0 || i + length > text.size()) {
        ++i;
        return {c, false};
    }
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return {c, false};
        }
        code = (code << 6) | (byte(i + k) & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        ++i;
        return {c, false};
    }
    i += length;
    return {code, true};
}

bool mayHoldControl(std::string_view text)
{
    // Plain printable ASCII, the common case, needs no decoding.
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c >= 0x7F)
            return true;
    }
    return false;
}

} // namespace

std::string displayEscape(char32_t c)
{
    switch (c) {
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    default:
        break;
    }
    if (c < 0x80)
        return {'\\', 'x', kHex[(c >> 4) & 0xF], kHex[c & 0xF]};
    std::string out = "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += kHex[(c >> shift) & 0xF];
    return out;
}

std::string escapeDisplayControls(std::string_view text)
{
    if (!mayHoldControl(text))
        return std::string(text);
    std::string out;
    out.reserve(text.size() + 16);
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const Decoded d = decode(text, i);
        if (!d.valid)
            out += {'\\', 'x', kHex[(d.code >> 4) & 0xF], kHex[d.code & 0xF]};
        else if (isDisplayControl(d.code))
            out += displayEscape(d.code);
        else
            out.append(text.substr(start, i - start));
    }
    return out;
}

FoundControl findDisplayControl(std::string_view text)
{
    if (!mayHoldControl(text))
        return {};
    std::size_t position = 0;
    for (std::size_t i = 0; i < text.size();) {
        const Decoded d = decode(text, i);
        ++position;
        if (d.valid && isDisplayControl(d.code))
            return {d.code, position};
    }
    return {};
}

} // namespace engine
