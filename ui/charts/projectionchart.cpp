#include "ui/charts/projectionchart.h"

#include "ui/common/format.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {

// Points sit at noon so each lies inside its calendar day whatever the time zone
// offset; day boundaries (ticks, the need-date band) sit at local midnight.
qreal noonOf(QDate date)
{
    return qreal(QDateTime(date, QTime(12, 0)).toMSecsSinceEpoch());
}

qreal midnightOf(QDate date)
{
    return qreal(QDateTime(date, QTime(0, 0)).toMSecsSinceEpoch());
}

QDate dateAt(qreal msecs)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(msecs)).date();
}

constexpr int kTickIntervals = 5;

} // namespace

ProjectionChart::ProjectionChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
{
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(0, 4, 4, 0));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_chart->legend()->setFont(small);

    m_xAxis = new QDateTimeAxis;
    m_xAxis->setFormat(QStringLiteral("d MMM"));
    m_xAxis->setTickCount(kTickIntervals + 1);
    m_xAxis->setLabelsFont(small);
    m_yAxis = new QValueAxis;
    m_yAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_yAxis->setTitleText(tr("units"));
    m_yAxis->setTitleFont(small);
    m_yAxis->setLabelsFont(small);
    m_chart->addAxis(m_xAxis, Qt::AlignBottom);
    m_chart->addAxis(m_yAxis, Qt::AlignLeft);

    // Drawn first so the band lies under the lines.
    m_needUpper = new QLineSeries(this);
    m_needLower = new QLineSeries(this);
    m_needBand = new QAreaSeries(m_needUpper, m_needLower);
    m_needBand->setName(tr("Need date"));
    m_needBand->setColor(QColor(214, 60, 60, 45));
    m_needBand->setBorderColor(QColor(214, 60, 60, 110));

    m_zero = new QLineSeries;
    m_zero->setPen(QPen(QColor(120, 120, 120), 1));

    m_safety = new QLineSeries;
    m_safety->setName(tr("Safety stock"));
    m_safety->setPen(QPen(QColor(0xe6, 0x7e, 0x22), 2, Qt::DashLine));

    m_balance = new QLineSeries;
    m_balance->setName(tr("Projected"));
    m_balance->setPen(QPen(QColor(0x1f, 0x5f, 0xa8), 2.5));

    m_receipts = new QScatterSeries;
    m_receipts->setName(tr("Receipt"));
    m_receipts->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    m_receipts->setMarkerSize(11);
    m_receipts->setColor(QColor(0x2c, 0xa0, 0x2c));
    m_receipts->setBorderColor(Qt::white);

    m_ordersDue = new QScatterSeries;
    m_ordersDue->setName(tr("Orders due"));
    m_ordersDue->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_ordersDue->setMarkerSize(8);
    m_ordersDue->setColor(QColor(0xd6, 0x3c, 0x3c));
    m_ordersDue->setBorderColor(Qt::white);

    for (QAbstractSeries *series : std::initializer_list<QAbstractSeries *> {
             m_needBand, m_zero, m_safety, m_balance, m_receipts, m_ordersDue}) {
        m_chart->addSeries(series);
        series->attachAxis(m_xAxis);
        series->attachAxis(m_yAxis);
    }
    m_chart->legend()->markers(m_zero).constFirst()->setVisible(false);

    connect(m_balance, &QLineSeries::hovered, this, &ProjectionChart::showTip);
    connect(m_receipts, &QScatterSeries::hovered, this, &ProjectionChart::showTip);
    connect(m_ordersDue, &QScatterSeries::hovered, this, &ProjectionChart::showTip);

    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setObjectName(QStringLiteral("projectionChartView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setMinimumHeight(260);
    clear();
}

void ProjectionChart::clear()
{
    m_days.clear();
    for (QXYSeries *series : {static_cast<QXYSeries *>(m_balance),
             static_cast<QXYSeries *>(m_safety), static_cast<QXYSeries *>(m_zero),
             static_cast<QXYSeries *>(m_receipts), static_cast<QXYSeries *>(m_ordersDue),
             static_cast<QXYSeries *>(m_needUpper), static_cast<QXYSeries *>(m_needLower)})
        series->clear();
    m_needBand->setVisible(false);
    m_safety->setVisible(false);
    m_zero->setVisible(false);
}

void ProjectionChart::setProjection(const QList<Day> &days, double safetyStock, QDate needDate)
{
    clear();
    if (days.isEmpty())
        return;
    m_days = days;

    QList<QPointF> balance, receipts, ordersDue;
    balance.reserve(days.size());
    double low = 0, high = std::max(0.0, safetyStock);
    for (const Day &day : days) {
        const qreal x = noonOf(day.date);
        balance.append(QPointF(x, day.balance));
        if (day.receipts > 0)
            receipts.append(QPointF(x, day.balance));
        if (day.ordersDue > 0)
            ordersDue.append(QPointF(x, day.balance));
        low = std::min(low, day.balance);
        high = std::max(high, day.balance);
    }
    m_balance->replace(balance);
    m_receipts->replace(receipts);
    m_ordersDue->replace(ordersDue);

    // Ticks on whole days: stretch the axis to a multiple of kTickIntervals days so
    // every tick label falls on a midnight and names the right date.
    const QDate first = days.constFirst().date;
    const qint64 span = std::max<qint64>(1, first.daysTo(days.constLast().date) + 1);
    const qint64 step = (span + kTickIntervals - 1) / kTickIntervals;
    const QDate last = first.addDays(step * kTickIntervals);
    m_xAxis->setRange(QDateTime(first, QTime(0, 0)), QDateTime(last, QTime(0, 0)));

    const double pad = std::max(1.0, (high - low) * 0.08);
    const double yLow = low < 0 ? low - pad : 0.0;
    const double yHigh = high + pad;
    m_yAxis->setRange(yLow, yHigh);
    m_yAxis->applyNiceNumbers();

    if (safetyStock > 0) {
        m_safety->replace(
            {QPointF(midnightOf(first), safetyStock), QPointF(midnightOf(last), safetyStock)});
        m_safety->setVisible(true);
    }
    if (low < 0) {
        m_zero->replace({QPointF(midnightOf(first), 0), QPointF(midnightOf(last), 0)});
        m_zero->setVisible(true);
    }
    if (needDate.isValid() && needDate >= first && needDate < last) {
        const qreal from = midnightOf(needDate), to = midnightOf(needDate.addDays(1));
        m_needUpper->replace({QPointF(from, m_yAxis->max()), QPointF(to, m_yAxis->max())});
        m_needLower->replace({QPointF(from, m_yAxis->min()), QPointF(to, m_yAxis->min())});
        m_needBand->setVisible(true);
    }
    // Hidden series keep their legend entries hidden too.
    m_chart->legend()->markers(m_zero).constFirst()->setVisible(false);
    m_chart->legend()->markers(m_safety).constFirst()->setVisible(safetyStock > 0);
    m_chart->legend()->markers(m_needBand).constFirst()->setVisible(m_needBand->isVisible());
    m_chart->legend()->markers(m_receipts).constFirst()->setVisible(!receipts.isEmpty());
    m_chart->legend()->markers(m_ordersDue).constFirst()->setVisible(!ordersDue.isEmpty());
}

qsizetype ProjectionChart::balancePointCount() const
{
    return m_balance->count();
}

qsizetype ProjectionChart::receiptMarkerCount() const
{
    return m_receipts->count();
}

qsizetype ProjectionChart::ordersDueMarkerCount() const
{
    return m_ordersDue->count();
}

QDate ProjectionChart::axisStart() const
{
    return m_xAxis->min().date();
}

QDate ProjectionChart::axisEnd() const
{
    return m_xAxis->max().date();
}

void ProjectionChart::showTip(const QPointF &point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const QDate date = dateAt(point.x());
    const auto day = std::find_if(
        m_days.cbegin(), m_days.cend(), [&](const Day &d) { return d.date == date; });
    if (day == m_days.cend())
        return;
    QStringList lines {QLocale().toString(date, QStringLiteral("ddd d MMM yyyy")),
        tr("Projected stock: %1").arg(formatQty(day->balance))};
    if (day->receipts > 0)
        lines.append(tr("Receipts: %1").arg(formatQty(day->receipts)));
    if (day->ordersDue > 0)
        lines.append(tr("Orders due: %1").arg(formatQty(day->ordersDue)));
    QToolTip::showText(QCursor::pos(), lines.join(QLatin1Char('\n')), m_view);
}

} // namespace ui
