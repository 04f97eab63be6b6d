#include "ui/charts/ratecharts.h"

#include "ui/common/format.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QPen>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

QChartView *chartView(QChart *chart, QWidget *parent)
{
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(parent);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
    return view;
}

} // namespace

RateTrendChart::RateTrendChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_view(chartView(m_chart, this))
{
    m_chart->setTitle(tr("Override rate by week"));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    setMinimumHeight(240);
}

void RateTrendChart::setLines(const QList<Line> &lines, double threshold)
{
    m_chart->removeAllSeries();
    // The chart gives up an axis it removes: delete it, or every refresh leaks two.
    const auto axes = m_chart->axes();
    for (QAbstractAxis *axis : axes) {
        m_chart->removeAxis(axis);
        delete axis;
    }

    // One slot per week with any decision, labelled by its Monday, so every point sits
    // on its label.
    QList<QDate> weeks;
    for (const Line &line : lines) {
        for (const auto &point : line.points) {
            if (!weeks.contains(point.first))
                weeks << point.first;
        }
    }
    std::sort(weeks.begin(), weeks.end());
    auto *x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    x->setTitleText(tr("Week of"));
    x->setMin(-0.5);
    for (qsizetype i = 0; i < weeks.size(); ++i)
        x->append(QLocale().toString(weeks[i], u"d MMM"_s), qreal(i) + 0.5);
    x->setMax(std::max<qreal>(0.5, qreal(weeks.size()) - 0.5));
    auto *y = new QValueAxis;
    y->setRange(0, 100);
    y->setLabelFormat(u"%.0f%%"_s);
    y->setTickCount(6);
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);

    for (const Line &line : lines) {
        auto *series = new QLineSeries;
        series->setName(line.label);
        QPen pen(line.color);
        pen.setWidthF(line.emphasised ? 3.5 : 2.0);
        series->setPen(pen);
        series->setPointsVisible(true);
        for (const auto &[week, rate] : line.points)
            series->append(qreal(weeks.indexOf(week)), rate * 100);
        m_chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    if (threshold > 0) {
        auto *limit = new QLineSeries;
        limit->setName(tr("Drift threshold %1").arg(formatPercent(threshold)));
        QPen pen(QColor(0x9b, 0x1c, 0x1c));
        pen.setStyle(Qt::DashLine);
        pen.setWidthF(1.5);
        limit->setPen(pen);
        limit->append(x->min(), threshold * 100);
        limit->append(x->max(), threshold * 100);
        m_chart->addSeries(limit);
        limit->attachAxis(x);
        limit->attachAxis(y);
    }
}

QStringList RateTrendChart::lineLabels() const
{
    QStringList labels;
    for (const QAbstractSeries *series : m_chart->series())
        labels << series->name();
    return labels;
}

RateBarChart::RateBarChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_view(chartView(m_chart, this))
{
    m_chart->setTitle(tr("Override rate by planner"));
    m_chart->legend()->hide();
    setMinimumHeight(240);
}

void RateBarChart::setBars(const QList<Bar> &bars)
{
    m_chart->removeAllSeries();
    // The chart gives up an axis it removes: delete it, or every refresh leaks two.
    const auto axes = m_chart->axes();
    for (QAbstractAxis *axis : axes) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    m_labels.clear();

    // Horizontal bars list bottom up: the first planner goes last so it reads on top.
    auto *set = new QBarSet(tr("Override rate"));
    set->setColor(QColor(0x3b, 0x6e, 0xa8));
    set->setLabelColor(Qt::black);
    QStringList categories;
    for (auto it = bars.crbegin(); it != bars.crend(); ++it) {
        const QString label
            = tr("%1 · %2 of %3")
                  .arg(it->label, formatPercent(it->rate), QLocale().toString(it->decisions));
        categories << label;
        *set << it->rate * 100;
    }
    for (const Bar &bar : bars)
        m_labels << tr("%1 · %2 of %3")
                        .arg(bar.label, formatPercent(bar.rate), QLocale().toString(bar.decisions));
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setBarWidth(0.6);
    m_chart->addSeries(series);
    auto *names = new QBarCategoryAxis;
    names->append(categories);
    auto *rates = new QValueAxis;
    rates->setRange(0, 100);
    rates->setLabelFormat(u"%.0f%%"_s);
    rates->setTickCount(6);
    m_chart->addAxis(names, Qt::AlignLeft);
    m_chart->addAxis(rates, Qt::AlignBottom);
    series->attachAxis(names);
    series->attachAxis(rates);
}

} // namespace ui
