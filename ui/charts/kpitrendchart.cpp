#include "ui/charts/kpitrendchart.h"

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
    m_chart->setTitle(trend.title);
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
    m_dates = dates.size();
    auto *x = new QCategoryAxis;
    // Each label sits on its snapshot's point; a long history labels about eight of
    // them (365 labels side by side would be a black bar).
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    x->setTitleText(tr("Snapshot as of"));
    x->setStartValue(-0.5);
    x->setMin(-0.5);
    const qsizetype step = std::max<qsizetype>(1, (dates.size() + 7) / 8);
    for (qsizetype i = 0; i < dates.size(); i += step)
        x->append(QLocale().toString(dates[i], u"d MMM yyyy"_s), qreal(i));
    x->setMax(std::max<qreal>(0.5, qreal(dates.size()) - 0.5));
    auto *y = new QValueAxis;
    if (m_scale == Scale::Percent) {
        y->setRange(0, 100);
        y->setLabelFormat(u"%.0f%%"_s);
        y->setTickCount(6);
    } else {
        // Round steps (1, 2 or 5 times a power of ten), as the report draws them.
        const QList<double> ticks = report::niceTicks(0, highest > 0 ? highest * 1.05 : 1.0, 5);
        y->setRange(ticks.front(), ticks.back());
        y->setTickCount(int(ticks.size()));
        y->setLabelFormat(u"%.0f"_s);
    }
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    const double factor = m_scale == Scale::Percent ? 100.0 : 1.0;

    for (const Line &line : lines) {
        auto *series = new QLineSeries;
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

QStringList KpiTrendChart::lineLabels() const
{
    QStringList labels;
    for (const QAbstractSeries *series : m_chart->series())
        labels << series->name();
    return labels;
}

} // namespace ui
