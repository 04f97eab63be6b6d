#pragma once
// Override rates as charts: a weekly trend (a line per exception type and one for
// all decisions, the drift threshold dashed across) and a bar per planner. Qt Charts
// stays behind these adapters: callers pass plain labels, dates, shares and colours.

#include <QColor>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace ui {

/// Weekly override rates, one line each, with the threshold they are held to.
class RateTrendChart : public QWidget
{
    Q_OBJECT
public:
    struct Line {
        QString label; ///< "Shortage", "All decisions"
        QColor color;
        bool emphasised = false; ///< drawn thicker (all decisions together)
        /// (the Monday of the week, its rate 0..1), oldest first; weeks without a
        /// decision are left out.
        QList<std::pair<QDate, double>> points;
    };

    explicit RateTrendChart(QWidget *parent = nullptr);

    /// Replaces the lines; `threshold` (0..1, 0: none) is drawn as a dashed line.
    void setLines(const QList<Line> &lines, double threshold);
    /// The labels of the lines drawn, in order (the threshold's last when drawn).
    QStringList lineLabels() const;

private:
    QChart *m_chart;
    QChartView *m_view;
};

/// One horizontal bar per planner: the share of their decisions that were overrides
/// or rejections.
class RateBarChart : public QWidget
{
    Q_OBJECT
public:
    struct Bar {
        QString label; ///< the planner
        double rate = 0; ///< 0..1
        int decisions = 0;
    };

    explicit RateBarChart(QWidget *parent = nullptr);

    void setBars(const QList<Bar> &bars);
    /// "ana · 50% of 4", top first.
    QStringList labels() const { return m_labels; }

private:
    QChart *m_chart;
    QChartView *m_view;
    QStringList m_labels;
};

} // namespace ui
