#include "ui/charts/kpitrendchart.h"

#include "report/reportformat.h"
#include "report/trendpainter.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace ui {

KpiTrendChart::KpiTrendChart(const QString &title, Scale scale, QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
    , m_scale(scale)
{
    m_chart->setTitle(title);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setMinimumHeight(220);
}

void KpiTrendChart::setTrend(const report::Trend &trend)
{
    // Without a point, the title says why (no axis to read).
    const bool empty = std::all_of(trend.lines.begin(), trend.lines.end(),
        [](const report::TrendLine &line) { return line.points.isEmpty(); });
    m_chart->setTitle(empty && !trend.emptyText.isEmpty()
            ? tr("%1 — %2").arg(trend.title, trend.emptyText)
            : trend.title);
    m_scale = trend.scale == report::Trend::Scale::Percent ? Scale::Percent
        : trend.scale == report::Trend::Scale::Money       ? Scale::Money
                                                           : Scale::Number;
    QList<Line> lines;
    for (const report::TrendLine &line : trend.lines)
        lines.append({line.label, line.color, line.points});
    setLines(lines, trend.target, trend.targetLabel);
}

void KpiTrendChart::setLines(
    const QList<Line> &lines, std::optional<double> target, const QString &targetLabel)
{
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis; // removeAxis() hands it back
    }

    // One slot per snapshot date, so every point sits on its label (snapshots come
    // nightly, not evenly: a date axis would bunch them).
    QList<QDate> dates;
    double highest = target.value_or(0);
    for (const Line &line : lines) {
        for (const auto &[date, value] : line.points) {
            if (!dates.contains(date))
                dates << date;
            highest = std::max(highest, value);
        }
    }
    std::sort(dates.begin(), dates.end());
    m_dates = dates;
    m_lines.clear();
    auto *x = new QCategoryAxis;
    // Each label sits on its snapshot's point; a long history labels about eight of
    // them (365 labels side by side would be a black bar).
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    x->setTitleText(tr("Snapshot as of"));
    x->setStartValue(-0.5);
    x->setMin(-0.5);
    const qsizetype step = std::max<qsizetype>(1, (dates.size() + 5) / 6);
    // Short enough to fit between two labels: the day over a few weeks, the month over
    // a longer history.
    const bool longHistory = !dates.isEmpty() && dates.front().daysTo(dates.back()) > 90;
    const QString format = dates.size() <= 8 ? u"d MMM yyyy"_s
        : longHistory                        ? u"MMM yyyy"_s
                                             : u"d MMM"_s;
    for (qsizetype i = 0; i < dates.size(); i += step)
        x->append(QLocale().toString(dates[i], format), qreal(i));
    x->setMax(std::max<qreal>(0.5, qreal(dates.size()) - 0.5));
    QAbstractAxis *y = nullptr;
    if (m_scale == Scale::Percent) {
        auto *percent = new QValueAxis;
        percent->setRange(0, 100);
        percent->setLabelFormat(u"%.0f%%"_s);
        percent->setTickCount(6);
        y = percent;
    } else {
        // Round steps (1, 2 or 5 times a power of ten), labelled as the report labels
        // them (950, 12k, 1.4M): a value axis can only print plain digits. Counts, hours
        // and turns read alike.
        const QList<double> ticks = report::niceTicks(0, highest > 0 ? highest * 1.05 : 1.0, 5);
        auto *money = new QCategoryAxis;
        money->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        money->setStartValue(ticks.front());
        for (const double t : ticks) {
            // Below a thousand the short form would write 0.2 and 0.4 both as "0".
            const QString label = ticks.back() >= 1000
                ? report::shortMoney(t)
                : QLocale().toString(t, 'f', t == std::round(t) ? 0 : 2);
            money->append(label, t);
        }
        money->setRange(ticks.front(), ticks.back());
        y = money;
    }
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    // No point at all: an empty frame says nothing, the title says why (setTrend).
    x->setVisible(!dates.isEmpty());
    y->setVisible(!dates.isEmpty());
    const double factor = m_scale == Scale::Percent ? 100.0 : 1.0;

    for (const Line &line : lines) {
        auto *series = new QLineSeries;
        const int lineIndex = int(m_lines.size());
        m_lines << series;
        // The point nearest the click: one slot per date, so the nearest whole x.
        connect(series, &QXYSeries::clicked, this, [this, lineIndex](const QPointF &at) {
            const qsizetype slot = qRound(at.x());
            if (slot >= 0 && slot < m_dates.size())
                Q_EMIT pointClicked(lineIndex, m_dates[slot]);
        });
        connect(series, &QXYSeries::hovered, this, [this](const QPointF &, bool over) {
            m_view->viewport()->setCursor(over ? Qt::PointingHandCursor : Qt::ArrowCursor);
        });
        series->setName(line.label);
        QPen pen(line.color);
        pen.setWidthF(2.5);
        series->setPen(pen);
        // Points are marked while they can be told apart (as in the report).
        series->setPointsVisible(dates.size() <= 40);
        for (const auto &[date, value] : line.points)
            series->append(qreal(dates.indexOf(date)), value * factor);
        m_chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    if (target) {
        auto *limit = new QLineSeries;
        limit->setName(targetLabel);
        QPen pen(QColor(0x9b, 0x1c, 0x1c));
        pen.setStyle(Qt::DashLine);
        pen.setWidthF(1.5);
        limit->setPen(pen);
        limit->append(x->min(), *target * factor);
        limit->append(x->max(), *target * factor);
        m_chart->addSeries(limit);
        limit->attachAxis(x);
        limit->attachAxis(y);
    }
}

std::optional<QPoint> KpiTrendChart::pointPosition(int line, const QDate &date) const
{
    const qsizetype slot = m_dates.indexOf(date);
    if (line < 0 || line >= m_lines.size() || slot < 0)
        return std::nullopt;
    const QLineSeries *series = m_lines[line];
    for (const QPointF &point : series->points()) {
        if (qRound(point.x()) != slot)
            continue;
        const QPointF inChart = m_chart->mapToPosition(point, m_lines[line]);
        return m_view->mapFromScene(m_chart->mapToScene(inChart));
    }
    return std::nullopt;
}

QWidget *KpiTrendChart::plotWidget() const
{
    return m_view->viewport();
}

QStringList KpiTrendChart::lineLabels() const
{
    QStringList labels;
    for (const QAbstractSeries *series : m_chart->series())
        labels << series->name();
    return labels;
}

} // namespace ui
