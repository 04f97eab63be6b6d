#pragma once
// Horizontal bars of a score's factor contributions. Qt Charts stays behind this
// adapter (it is deprecated upstream in favour of Qt Graphs): callers pass plain
// labels, values and colours.

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace ui {

/// One bar per factor, largest at the top, each labelled with its name and amount.
class BreakdownChart : public QWidget
{
    Q_OBJECT

public:
    struct Bar {
        QString label; ///< e.g. "Margin at risk"
        double value = 0; ///< in currency
        QColor color;
    };

    explicit BreakdownChart(QWidget *parent = nullptr);

    /// Replaces the bars; `bars` in display order, top first. Money is shown in `currency`.
    void setBars(const QList<Bar> &bars, const QString &currency);
    /// The values the bars show, top first.
    QList<double> values() const { return m_values; }
    void clear();

private:
    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QList<double> m_values;
};

} // namespace ui
