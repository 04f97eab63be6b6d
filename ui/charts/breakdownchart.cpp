#include "ui/charts/breakdownchart.h"

#include "ui/common/format.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QGraphicsSimpleTextItem>
#include <QHorizontalStackedBarSeries>
#include <QResizeEvent>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {

constexpr int kBarPixels = 30;
constexpr int kFramePixels = 16;
constexpr qreal kLabelPadding = 6;
/// The name column never takes more than this share of the width: the bars need room too.
constexpr qreal kMaxNameShare = 0.45;

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
    qDeleteAll(m_amounts);
    m_amounts.clear();
    m_names.clear();
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
    for (qsizetype i = 0; i < m_names.size(); ++i)
        out.append(m_names.at(i) + QStringLiteral(" · ") + m_amounts.at(i)->text());
    return out;
}

QStringList BreakdownChart::shownNames() const
{
    QStringList out;
    for (const QGraphicsSimpleTextItem *label : m_labels)
        out.append(label->text());
    return out;
}

namespace {

QList<QRectF> rectsOf(const QList<QGraphicsSimpleTextItem *> &items, const QChartView *view)
{
    QList<QRectF> out;
    for (const QGraphicsSimpleTextItem *item : items)
        out.append(
            QRectF(view->mapTo(view->parentWidget(),
                       view->mapFromScene(item->sceneBoundingRect()).boundingRect().topLeft()),
                item->sceneBoundingRect().size()));
    return out;
}

} // namespace

QList<QRectF> BreakdownChart::nameRects() const
{
    return rectsOf(m_labels, m_view);
}

QList<QRectF> BreakdownChart::amountRects() const
{
    return rectsOf(m_amounts, m_view);
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

        m_names.append(bar.label);
        auto *label = new QGraphicsSimpleTextItem(bar.label, m_chart);
        label->setFont(labelFont);
        label->setZValue(100);
        label->setToolTip(bar.label);
        m_labels.append(label);
        auto *amount = new QGraphicsSimpleTextItem(formatMoney(bar.value, currency), m_chart);
        amount->setFont(labelFont);
        amount->setZValue(100);
        m_amounts.append(amount);
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
    updateMargins();
    placeLabels();
}

void BreakdownChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateMargins();
}

void BreakdownChart::updateMargins()
{
    if (m_labels.isEmpty()) {
        m_chart->setMargins(QMargins(0, 0, 0, 0));
        return;
    }
    const QFontMetricsF metrics(font());
    qreal names = 0, amounts = 0;
    for (qsizetype i = 0; i < m_labels.size(); ++i) {
        names = std::max(names, metrics.horizontalAdvance(m_names.at(i)));
        amounts = std::max(amounts, metrics.horizontalAdvance(m_amounts.at(i)->text()));
    }
    const qreal nameColumn = std::min(names + 2 * kLabelPadding, width() * kMaxNameShare);
    // A name wider than its column is shortened with an ellipsis (its tooltip has it whole).
    for (qsizetype i = 0; i < m_labels.size(); ++i)
        m_labels.at(i)->setText(
            metrics.elidedText(m_names.at(i), Qt::ElideRight, nameColumn - 2 * kLabelPadding));
    const QMargins margins(
        int(std::ceil(nameColumn)), 0, int(std::ceil(amounts + 2 * kLabelPadding)), 0);
    if (m_chart->margins() != margins)
        m_chart->setMargins(margins); // re-places the labels through plotAreaChanged
    else
        placeLabels();
}

void BreakdownChart::placeLabels()
{
    if (!m_series)
        return;
    const QRectF plot = m_chart->plotArea();
    const QColor text = palette().color(QPalette::WindowText);
    const qsizetype n = m_labels.size();
    for (qsizetype i = 0; i < n; ++i) {
        const qreal row = qreal(n - 1 - i);
        const QPointF end
            = m_chart->mapToPosition(QPointF(std::max(0.0, m_values.at(i)), row), m_series);
        QGraphicsSimpleTextItem *label = m_labels.at(i);
        label->setBrush(text);
        label->setPos(plot.left() - kLabelPadding - label->boundingRect().width(),
            end.y() - label->boundingRect().height() / 2);
        QGraphicsSimpleTextItem *amount = m_amounts.at(i);
        amount->setBrush(text);
        amount->setPos(end.x() + kLabelPadding, end.y() - amount->boundingRect().height() / 2);
    }
}

} // namespace ui
