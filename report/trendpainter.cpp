#include "report/trendpainter.h"

#include "report/reportformat.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace Qt::StringLiterals;

namespace report {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("report::Trend", text);
}

QString valueText(Trend::Scale scale, double value)
{
    switch (scale) {
    case Trend::Scale::Money:
        return shortMoney(value);
    case Trend::Scale::Percent:
        return percent(value);
    case Trend::Scale::Number:
        break;
    }
    // A count or hours: whole from 100 up, one decimal below (where 2.5 h matters).
    if (std::abs(value) >= 1000)
        return shortMoney(value);
    return QLocale().toString(
        value, 'f', std::abs(value) >= 100 || value == std::round(value) ? 0 : 1);
}

} // namespace

QList<double> niceTicks(double low, double high, int count)
{
    if (!(high > low))
        high = low + 1.0;
    const double raw = (high - low) / std::max(1, count);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = power;
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        step = m * power;
        if (step >= raw)
            break;
    }
    QList<double> ticks;
    // Whole multiples of the step, not a running sum, so no error piles up.
    for (double k = std::floor(low / step); k * step < high + step * 0.999; k += 1.0)
        ticks.append(k == 0.0 ? 0.0 : k * step);
    return ticks;
}

void paintTrend(QPainter &painter, const QRectF &frame, const Trend &trend)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font = painter.font();
    QFont bold = font;
    bold.setBold(true);
    bold.setPointSizeF(font.pointSizeF() * 1.25);
    const QFontMetricsF metrics(font);
    const double lineHeight = metrics.height();

    // Title, then the legend on one line under it.
    painter.setPen(Qt::black);
    painter.setFont(bold);
    painter.drawText(QRectF(frame.left(), frame.top(), frame.width(), lineHeight * 1.4),
        Qt::AlignLeft | Qt::AlignVCenter, trend.title);
    painter.setFont(font);
    double x = frame.left();
    const double legendY = frame.top() + lineHeight * 1.6;
    auto legendEntry = [&](const QString &label, const QPen &pen) {
        painter.setPen(pen);
        painter.drawLine(
            QPointF(x, legendY + lineHeight / 2), QPointF(x + 18, legendY + lineHeight / 2));
        painter.setPen(Qt::black);
        const double w = metrics.horizontalAdvance(label);
        painter.drawText(
            QRectF(x + 22, legendY, w + 2, lineHeight), Qt::AlignLeft | Qt::AlignVCenter, label);
        x += 22 + w + 14;
    };
    for (const TrendLine &line : trend.lines)
        legendEntry(line.label, QPen(line.color, 2));
    if (trend.target)
        legendEntry(trend.targetLabel, QPen(QColor(0x55, 0x55, 0x55), 1.2, Qt::DashLine));

    // The values and dates drawn.
    QDate first, last;
    double low = 0, high = 0;
    bool any = false;
    for (const TrendLine &line : trend.lines) {
        for (const auto &[date, value] : line.points) {
            if (!any) {
                first = last = date;
                low = high = value;
                any = true;
            }
            first = std::min(first, date);
            last = std::max(last, date);
            low = std::min(low, value);
            high = std::max(high, value);
        }
    }
    if (trend.target) {
        low = std::min(low, *trend.target);
        high = std::max(high, *trend.target);
    }
    if (trend.scale != Trend::Scale::Percent) {
        low = std::min(low, 0.0); // amounts and counts read from zero
    } else {
        low = std::max(0.0, std::floor(low * 10.0 - 0.5) / 10.0); // a rate from the tenth below
        high = std::min(1.0, std::max(high + 0.01, low + 0.1)); // the target off the frame
    }
    const QList<double> ticks = niceTicks(low, high, 5);
    low = ticks.front();
    high = ticks.back();

    // The plot area: value labels to the left, dates under it.
    double labelWidth = 0;
    for (const double t : ticks)
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(valueText(trend.scale, t)));
    const QRectF plot(frame.left() + labelWidth + 8, legendY + lineHeight * 1.8,
        frame.width() - labelWidth - 16,
        frame.bottom() - (legendY + lineHeight * 1.8) - lineHeight * 1.6);
    auto yOf = [&](double v) { return plot.bottom() - (v - low) / (high - low) * plot.height(); };
    const qint64 span = any ? first.daysTo(last) : 0;
    auto xOf = [&](const QDate &d) {
        return span == 0 ? plot.center().x()
                         : plot.left() + double(first.daysTo(d)) / double(span) * plot.width();
    };

    painter.setPen(QPen(QColor(0xe2, 0xe5, 0xea), 0.6));
    for (const double t : ticks)
        painter.drawLine(QPointF(plot.left(), yOf(t)), QPointF(plot.right(), yOf(t)));
    painter.setPen(QColor(0x44, 0x44, 0x44));
    for (const double t : ticks)
        painter.drawText(QRectF(frame.left(), yOf(t) - lineHeight / 2, labelWidth, lineHeight),
            Qt::AlignRight | Qt::AlignVCenter, valueText(trend.scale, t));
    painter.setPen(QPen(QColor(0x88, 0x88, 0x88), 0.8));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.bottomLeft(), plot.topLeft());

    if (!any) {
        painter.setPen(QColor(0x66, 0x66, 0x66));
        painter.drawText(plot, Qt::AlignCenter | Qt::TextWordWrap,
            trend.emptyText.isEmpty() ? tr("No scored snapshot in this range.") : trend.emptyText);
        painter.restore();
        return;
    }

    // Dates: about six labels, by month and year over a long span.
    const QString format = span > 180 ? u"MMM yyyy"_s : u"d MMM"_s;
    const int labels = int(std::min<qint64>(6, span + 1)); // never the same day twice
    painter.setPen(QColor(0x44, 0x44, 0x44));
    for (int i = 0; i < labels; ++i) {
        const QDate d = labels == 1
            ? first
            : first.addDays(qint64(std::llround(double(span) * i / (labels - 1))));
        const QString text = QLocale().toString(d, format);
        const double cx = xOf(d);
        const double w = metrics.horizontalAdvance(text) + 4;
        const double left = std::clamp(cx - w / 2, frame.left(), frame.right() - w);
        painter.drawLine(QPointF(cx, plot.bottom()), QPointF(cx, plot.bottom() + 3));
        painter.drawText(QRectF(left, plot.bottom() + 4, w, lineHeight), Qt::AlignCenter, text);
    }

    if (trend.target) {
        painter.setPen(QPen(QColor(0x55, 0x55, 0x55), 1.2, Qt::DashLine));
        painter.drawLine(
            QPointF(plot.left(), yOf(*trend.target)), QPointF(plot.right(), yOf(*trend.target)));
    }
    painter.setClipRect(plot.adjusted(-3, -3, 3, 3));
    struct LastValue {
        QRectF box;
        QString text;
        QColor color;
    };
    std::vector<LastValue> lastValues; // drawn over every line, so none hides one
    for (const TrendLine &line : trend.lines) {
        if (line.points.isEmpty())
            continue;
        QPainterPath path;
        path.moveTo(xOf(line.points.front().first), yOf(line.points.front().second));
        for (const auto &[date, value] : line.points)
            path.lineTo(xOf(date), yOf(value));
        painter.setPen(QPen(line.color, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
        // The latest value written by its point: what a reader looks for first.
        const auto &[lastDate, lastValue] = line.points.back();
        const QString label = valueText(trend.scale, lastValue);
        const double lw = metrics.horizontalAdvance(label) + 4;
        const double lx = std::min(xOf(lastDate) + 5, plot.right() - lw);
        QRectF box(lx, yOf(lastValue) - lineHeight - 2, lw, lineHeight);
        for (const auto &[other, text, color] : lastValues) {
            if (box.intersects(other)) // one under the other rather than on top
                box.moveTop(other.bottom() + 1);
        }
        lastValues.push_back({box, label, line.color.darker(130)});
        painter.setPen(QPen(line.color, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        // Points are marked while they can be told apart.
        if (line.points.size() <= 40) {
            painter.setBrush(line.color);
            for (const auto &[date, value] : line.points)
                painter.drawEllipse(QPointF(xOf(date), yOf(value)), 2.2, 2.2);
        }
    }
    painter.setClipping(false);
    for (const auto &[box, text, color] : lastValues) {
        painter.fillRect(box, QColor(255, 255, 255, 225));
        painter.setPen(color);
        painter.drawText(box, Qt::AlignCenter, text);
    }
    if (span == 0) {
        painter.setPen(QColor(0x66, 0x66, 0x66));
        painter.drawText(QRectF(plot.left(), plot.top(), plot.width(), lineHeight), Qt::AlignCenter,
            tr("One snapshot: a trend needs at least two."));
    }
    painter.restore();
}

} // namespace report
