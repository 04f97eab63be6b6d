#include "ui/common/plaintext.h"

#include "engine/core/textsafety.h"

#include <QTextBoundaryFinder>
#include <QTextDocument>

#include <algorithm>

namespace ui {

namespace {

QString cut(const QString &text, qsizetype maxChars)
{
    if (text.size() <= maxChars)
        return text;
    // Only the neighbourhood of the cut is analysed: the text may be megabytes long.
    const QString head = text.left(maxChars + 32);
    QTextBoundaryFinder boundaries(QTextBoundaryFinder::Grapheme, head);
    boundaries.setPosition(maxChars);
    if (!boundaries.isAtBoundary())
        boundaries.toPreviousBoundary();
    const qsizetype at = std::max<qsizetype>(boundaries.position(), 0);
    return text.left(at) + QChar(0x2026);
}

/// Writes display controls as escapes; line breaks and tabs too unless `keepBreaks`.
QString escaped(const QString &text, bool keepBreaks)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        // Every display control is in the Basic Multilingual Plane.
        const auto code = char32_t(c.unicode());
        const bool kept = keepBreaks && (c == u'\n' || c == u'\t');
        if (engine::isDisplayControl(code) && !kept)
            out += QString::fromStdString(engine::displayEscape(code));
        else
            out += c;
    }
    return out;
}

} // namespace

QString shownText(const QString &text, qsizetype maxChars)
{
    return escaped(cut(text, maxChars), false);
}

QString plainToolTip(const QString &text, qsizetype maxChars)
{
    if (text.isEmpty())
        return {};
    return Qt::convertFromPlainText(escaped(cut(text, maxChars), true), Qt::WhiteSpaceNormal);
}

} // namespace ui
