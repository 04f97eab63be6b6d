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
class QAbstractSeries;
class QGraphicsSimpleTextItem;
QT_END_NAMESPACE

namespace ui {

/// One bar per factor, largest at the top: the factor names in a column on the left,
/// each amount just after its bar, so no text overlaps however short a bar is.
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

    /// Each bar's name and amount, top first ("Margin at risk · EUR 6,200").
    QStringList labels() const;
    /// The names as drawn (elided when the column is too narrow), top first.
    QStringList shownNames() const;
    /// Where each name and each amount is drawn, in widget coordinates, top first.
    QList<QRectF> nameRects() const;
    QList<QRectF> amountRects() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    /// Leaves room for the name column and the widest amount around the plot.
    void updateMargins();
    void placeLabels();

    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QAbstractSeries *m_series = nullptr;
    QList<double> m_values;
    QList<QColor> m_colors;
    QList<QString> m_names; ///< full factor names (the column may elide them)
    QList<QGraphicsSimpleTextItem *> m_labels; ///< names, in the left column
    QList<QGraphicsSimpleTextItem *> m_amounts; ///< amounts, after each bar
};

} // namespace ui
