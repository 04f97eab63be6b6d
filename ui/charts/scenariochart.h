#pragma once
// One figure of several scenarios' results as vertical bars (base first), for the
// Simulation page. Qt Charts stays behind this adapter: callers pass labels and values.

#include <QList>
#include <QString>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace ui {

class ScenarioChart : public QWidget
{
    Q_OBJECT

public:
    explicit ScenarioChart(QWidget *parent = nullptr);

    /// One bar per scenario: `labels` and `values` in the same order; `title` names the
    /// figure and its unit. Values and the axis show with `decimals` decimals.
    void setBars(const QString &title, const QStringList &labels, const QList<double> &values,
        int decimals = 0);
    QList<double> values() const { return m_values; }

private:
    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QList<double> m_values;
};

} // namespace ui
