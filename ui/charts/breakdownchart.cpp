#include "breakdownchart.h"

#include "ui/format.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHorizontalStackedBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace ui {

namespace {
constexpr int kBarPixels = 30;
constexpr int kFramePixels = 24;
} // namespace

BreakdownChart::BreakdownChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
{
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->legend()->hide();

    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setObjectName(QStringLiteral("breakdownChartView"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    clear();
}

void BreakdownChart::clear()
{
    m_chart->removeAllSeries();
    const auto axes = m_chart->axes();
    for (QAbstractAxis *axis : axes) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    m_values.clear();
    setFixedHeight(kFramePixels);
}

void BreakdownChart::setBars(const QList<Bar> &bars, const QString &currency)
{
    clear();
    if (bars.isEmpty())
        return;

    // Stacked with one set per bar, each non-zero in its own category only: that is how
    // Qt Charts gives every bar its own colour while keeping one bar per row.
    auto *series = new QHorizontalStackedBarSeries;
    series->setBarWidth(0.7);
    QStringList categories;
    const qsizetype n = bars.size();
    double maxValue = 0;
    for (qsizetype row = 0; row < n; ++row) {
        // Categories run bottom-up, so the first bar goes into the last category.
        const Bar &bar = bars.at(n - 1 - row);
        categories.append(bar.label + QStringLiteral("  ") + formatMoney(bar.value, currency));
        maxValue = std::max(maxValue, bar.value);
    }
    for (qsizetype i = 0; i < n; ++i) {
        const Bar &bar = bars.at(i);
        auto *set = new QBarSet(bar.label);
        for (qsizetype row = 0; row < n; ++row)
            set->append(row == n - 1 - i ? std::max(0.0, bar.value) : 0.0);
        set->setColor(bar.color);
        set->setBorderColor(bar.color);
        series->append(set);
        m_values.append(bar.value);
    }
    m_chart->addSeries(series);

    auto *categoryAxis = new QBarCategoryAxis;
    categoryAxis->append(categories);
    categoryAxis->setGridLineVisible(false);
    QFont labelFont = font();
    labelFont.setPointSizeF(labelFont.pointSizeF() * 0.95);
    categoryAxis->setLabelsFont(labelFont);
    m_chart->addAxis(categoryAxis, Qt::AlignLeft);
    series->attachAxis(categoryAxis);

    // Amounts are in the labels; the value axis only gives the bars a common scale.
    auto *valueAxis = new QValueAxis;
    valueAxis->setRange(0, maxValue > 0 ? maxValue * 1.02 : 1.0);
    valueAxis->setLabelsVisible(false);
    valueAxis->setGridLineVisible(false);
    valueAxis->setLineVisible(false);
    valueAxis->setTickCount(2);
    m_chart->addAxis(valueAxis, Qt::AlignBottom);
    series->attachAxis(valueAxis);

    setFixedHeight(kFramePixels + kBarPixels * int(n));
}

} // namespace ui
