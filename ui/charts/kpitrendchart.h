#pragma once
// A KPI's trend over the snapshots: one point per snapshot date and line (exposure and
// can save in money, or a fill rate in percent), with an optional dashed target line
// across. Qt Charts stays behind this adapter: callers pass labels, dates and values, and
// hear of a click on a line as (line, date): the date of the point nearest the click.

#include <QColor>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>

class QPoint;

namespace report {
struct Trend;
}

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QLineSeries;
QT_END_NAMESPACE

namespace ui {

class KpiTrendChart : public QWidget
{
    Q_OBJECT
public:
    /// How the value axis reads: an amount of money, a share 0..1 shown in percent, or a
    /// plain number (a count, hours, turns).
    enum class Scale { Money, Percent, Number };

    struct Line {
        QString label;
        QColor color;
        /// (the snapshot's as-of date, its value), oldest first; a snapshot without a
        /// value is left out.
        QList<std::pair<QDate, double>> points;
    };

    KpiTrendChart(const QString &title, Scale scale, QWidget *parent = nullptr);

    /// Replaces the lines; `target` (on the value scale) is drawn dashed as `targetLabel`.
    void setLines(const QList<Line> &lines, std::optional<double> target = std::nullopt,
        const QString &targetLabel = {});
    /// Shows the title, lines, target and scale of a trend as the report draws it.
    void setTrend(const report::Trend &trend);
    /// The labels of the lines drawn, in order (the target's last when drawn).
    QStringList lineLabels() const;
    /// The number of dates on the horizontal axis.
    qsizetype dateCount() const { return m_dates.size(); }
    /// Where the point of line `line` (setLines' order) at `date` is drawn, in the
    /// coordinates of plotWidget(); nullopt when the line has no point there.
    std::optional<QPoint> pointPosition(int line, const QDate &date) const;
    /// The widget that receives the mouse over the plot.
    QWidget *plotWidget() const;

Q_SIGNALS:
    /// A click on line `line` (setLines' order; not the target) near the point of `date`.
    void pointClicked(int line, const QDate &date);

private:
    QChart *m_chart;
    QChartView *m_view;
    Scale m_scale;
    QList<QDate> m_dates;
    QList<QLineSeries *> m_lines;
};

} // namespace ui
