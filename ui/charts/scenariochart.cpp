#include "ui/charts/scenariochart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace ui {

ScenarioChart::ScenarioChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
{
    m_chart->legend()->hide();
    m_chart->setBackgroundRoundness(0);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setMinimumHeight(200);
}

void ScenarioChart::setBars(
    const QString &title, const QStringList &labels, const QList<double> &values, int decimals)
{
    m_values = values;
    // Rounded as the table shows them, so a bar reads 1234 rather than 1233.99872.
    const double scale = std::pow(10.0, decimals);
    QList<double> shown;
    for (double v : values)
        shown << std::round(v * scale) / scale;
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    m_chart->setTitle(title);
    auto *set = new QBarSet(title);
    set->setColor(QColor(0x3b, 0x6e, 0xa8));
    set->append(shown);
    set->setLabelColor(Qt::black);
    auto *series = new QBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPrecision(15); // every digit of the rounded value, no exponent
    m_chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(labels);
    auto *y = new QValueAxis;
    double low = 0, high = 0;
    for (double v : shown) {
        low = std::min(low, v);
        high = std::max(high, v);
    }
    // A range of at least 10 steps of the last decimal shown, so that no two ticks
    // read the same number.
    const double least = 10 / scale;
    y->setRange(low, high - low >= least ? high + (high - low) * 0.15 : low + least);
    y->applyNiceNumbers();
    const double step = (y->max() - y->min()) / std::max(1, y->tickCount() - 1);
    int axisDecimals = 0;
    while (axisDecimals < 6
        && std::abs(step * std::pow(10.0, axisDecimals)
               - std::round(step * std::pow(10.0, axisDecimals)))
            > 1e-9)
        ++axisDecimals;
    y->setLabelFormat(u"%."_s + QString::number(axisDecimals) + u"f"_s);
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

} // namespace ui
