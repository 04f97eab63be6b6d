#pragma once
// A KPI trend drawn straight with QPainter: a title, a legend, a value axis with round
// ticks, a date axis, one line per KPI and an optional dashed target across. It needs
// QtGui only, so a PDF can be drawn without widgets or a display (`pwb report`).

#include <QColor>
#include <QDate>
#include <QList>
#include <QRectF>
#include <QString>

#include <optional>
#include <utility>

class QPainter;

namespace report {

struct TrendLine {
    QString label;
    QColor color;
    /// (the snapshot's as-of date, its value), oldest first.
    QList<std::pair<QDate, double>> points;
};

struct Trend {
    /// How the value axis reads: an amount of money, a share 0..1 in percent, or a plain
    /// number (a count, hours, turns) read from zero.
    enum class Scale { Money, Percent, Number };
    QString title;
    Scale scale = Scale::Money;
    QList<TrendLine> lines;
    std::optional<double> target; ///< on the value scale, drawn dashed
    QString targetLabel;
    /// Said in the plot when no line has a point; empty: that no snapshot was scored.
    QString emptyText;
};

/// Round tick values from `low` to `high` (about `count` of them, 1, 2 or 5 times a
/// power of ten apart), covering both ends.
QList<double> niceTicks(double low, double high, int count);

/// Draws `trend` into `frame` (in the painter's units, points on the report's pages).
void paintTrend(QPainter &painter, const QRectF &frame, const Trend &trend);

} // namespace report
