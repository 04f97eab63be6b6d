#pragma once
// Snapshot text (ids, names, descriptions, order ids) as the window shows it: always
// plain text, never HTML, cut where it could be long, and with control characters
// and bidi overrides shown as escapes (as `pwb` shows them), so that an override in a
// location name cannot turn around the rest of the line it is on. A description is whatever
// the ERP wrote: "<img src=...>" in it must show as those characters, not load a
// file, and a store imported before the field limits (docs/snapshot-format.md) may
// hold megabytes that no label should lay out.

#include <QString>

namespace ui {

/// Characters of snapshot text a one- or two-line label shows before cutting.
inline constexpr qsizetype kShownTextChars = 300;
/// Characters of snapshot text a tooltip shows before cutting.
inline constexpr qsizetype kTipTextChars = 1000;

/// `text` cut to at most `maxChars` UTF-16 units at a character boundary (never
/// inside a surrogate pair or a combining sequence), with "…" when cut, then with
/// every control character, line separator and bidi override written as an escape
/// (`\x1b`, `\n`, `\u202e`; engine/core/textsafety.h). For labels and cells.
QString shownText(const QString &text, qsizetype maxChars = kShownTextChars);

/// A tooltip that shows `text` exactly as written, cut to `maxChars`: escaped and
/// wrapped in a paragraph, so Qt renders it as rich text whose only content is the
/// text itself (a plain-text tooltip would be guessed as HTML when it looks like
/// HTML, and would not wrap). Line breaks and tabs are kept; other controls and
/// bidi overrides are shown as escapes, as in shownText().
QString plainToolTip(const QString &text, qsizetype maxChars = kTipTextChars);

} // namespace ui
