#include "breakdownchart.h"

#include "ui/format.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGraphicsSimpleTextItem>
#include <QHorizontalStackedBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace ui {

namespace {

constexpr int kBarPixels = 30;
constexpr int kFramePixels = 16;
constexpr qreal kLabelPadding = 6;

bool isDark(const QColor &color)
{
    return 0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue() < 150;
}

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
    // Qt Charts elides long category labels to "..."; the labels are drawn on the bars
    // instead, so they follow the plot area.
    connect(m_chart, &QChart::plotAreaChanged, this, &BreakdownChart::placeLabels);

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
    qDeleteAll(m_labels);
    m_labels.clear();
    m_chart->removeAllSeries();
    m_series = nullptr;
    const auto axes = m_chart->axes();
    for (QAbstractAxis *axis : axes) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    m_values.clear();
    m_colors.clear();
    setFixedHeight(kFramePixels);
}

QStringList BreakdownChart::labels() const
{
    QStringList out;
    for (const QGraphicsSimpleTextItem *label : m_labels)
        out.append(label->text());
    return out;
}

void BreakdownChart::setBars(const QList<Bar> &bars, const QString &currency)
{
    clear();
    if (bars.isEmpty())
        return;

    // Stacked with one set per bar, each non-zero in its own category only: that is how
    // Qt Charts gives every bar its own colour while keeping one bar per row.
    auto *series = new QHorizontalStackedBarSeries;
    series->setBarWidth(0.75);
    QStringList categories;
    const qsizetype n = bars.size();
    double maxValue = 0;
    for (qsizetype row = 0; row < n; ++row) {
        categories.append(QString::number(row));
        maxValue = std::max(maxValue, bars.at(row).value);
    }
    QFont labelFont = font();
    for (qsizetype i = 0; i < n; ++i) {
        const Bar &bar = bars.at(i);
        auto *set = new QBarSet(bar.label);
        // Categories run bottom-up, so the first bar goes into the last category.
        for (qsizetype row = 0; row < n; ++row)
            set->append(row == n - 1 - i ? std::max(0.0, bar.value) : 0.0);
        set->setColor(bar.color);
        set->setBorderColor(bar.color);
        series->append(set);
        m_values.append(bar.value);
        m_colors.append(bar.color);

        auto *label = new QGraphicsSimpleTextItem(
            bar.label + QStringLiteral(" · ") + formatMoney(bar.value, currency), m_chart);
        label->setFont(labelFont);
        label->setZValue(100);
        m_labels.append(label);
    }
    m_chart->addSeries(series);
    m_series = series;

    auto *categoryAxis = new QBarCategoryAxis;
    categoryAxis->append(categories);
    categoryAxis->setGridLineVisible(false);
    categoryAxis->setLabelsVisible(false);
    categoryAxis->setLineVisible(false);
    m_chart->addAxis(categoryAxis, Qt::AlignLeft);
    series->attachAxis(categoryAxis);

    auto *valueAxis = new QValueAxis;
    valueAxis->setRange(0, maxValue > 0 ? maxValue * 1.01 : 1.0);
    valueAxis->setLabelsVisible(false);
    valueAxis->setGridLineVisible(false);
    valueAxis->setLineVisible(false);
    valueAxis->setTickCount(2);
    m_chart->addAxis(valueAxis, Qt::AlignBottom);
    series->attachAxis(valueAxis);

    setFixedHeight(kFramePixels + kBarPixels * int(n));
    placeLabels();
}

void BreakdownChart::placeLabels()
{
    if (!m_series)
        return;
    const QRectF plot = m_chart->plotArea();
    const qsizetype n = m_labels.size();
    for (qsizetype i = 0; i < n; ++i) {
        QGraphicsSimpleTextItem *label = m_labels.at(i);
        const qreal row = qreal(n - 1 - i);
        const QPointF end
            = m_chart->mapToPosition(QPointF(std::max(0.0, m_values.at(i)), row), m_series);
        const qreal width = label->boundingRect().width();
        const qreal y = end.y() - label->boundingRect().height() / 2;
        const qreal inside = end.x() - plot.left();
        // Inside the bar when it is long enough, else just after its end.
        if (inside >= width + 2 * kLabelPadding || end.x() + kLabelPadding + width > plot.right()) {
            label->setPos(plot.left() + kLabelPadding, y);
            label->setBrush(isDark(m_colors.at(i)) ? QColor(Qt::white) : QColor(Qt::black));
        } else {
            label->setPos(end.x() + kLabelPadding, y);
            label->setBrush(palette().color(QPalette::WindowText));
        }
    }
}

} // namespace ui
