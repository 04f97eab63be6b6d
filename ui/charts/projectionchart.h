#pragma once
// Projected stock of one SKU-location day by day over the planning horizon, with the
// safety stock, receipts, orders due and the need date. Qt Charts stays behind this
// adapter; callers pass plain values.

#include <QDate>
#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QDateTimeAxis;
class QValueAxis;
class QLineSeries;
class QScatterSeries;
class QAreaSeries;
QT_END_NAMESPACE

namespace ui {

class ProjectionChart : public QWidget
{
    Q_OBJECT

public:
    struct Day {
        QDate date;
        double balance = 0; ///< projected stock at the end of the day
        double receipts = 0; ///< arriving that day
        double ordersDue = 0; ///< open order quantity due that day
    };

    explicit ProjectionChart(QWidget *parent = nullptr);

    /// Replaces the projection. `safetyStock` draws a dashed line when positive; a valid
    /// `needDate` is highlighted as a band.
    void setProjection(const QList<Day> &days, double safetyStock, QDate needDate);
    void clear();

    /// Points of the balance line (one per projected day).
    qsizetype balancePointCount() const;
    /// Days with a receipt marker, and with an orders-due marker.
    qsizetype receiptMarkerCount() const;
    qsizetype ordersDueMarkerCount() const;
    /// The x-axis range, as dates (first day, day after the last tick).
    QDate axisStart() const;
    QDate axisEnd() const;

private:
    void showTip(const QPointF &point, bool state);

    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QDateTimeAxis *m_xAxis = nullptr;
    QValueAxis *m_yAxis = nullptr;
    QLineSeries *m_balance = nullptr;
    QLineSeries *m_safety = nullptr;
    QLineSeries *m_zero = nullptr;
    QScatterSeries *m_receipts = nullptr;
    QScatterSeries *m_ordersDue = nullptr;
    QLineSeries *m_needUpper = nullptr;
    QLineSeries *m_needLower = nullptr;
    QAreaSeries *m_needBand = nullptr;
    QList<Day> m_days;
};

} // namespace ui
