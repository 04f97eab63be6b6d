#pragma once
// The pinned stochastic risk figures of a SKU-location, each with one plain line on
// what it means, so a planner can read them without the formulas.

#include "engine/scoring/scoringoutput.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace ui {

class RiskView : public QWidget
{
    Q_OBJECT

public:
    explicit RiskView(QWidget *parent = nullptr);

    /// `stockoutTarget` is the largest stockout probability the policy accepts here;
    /// a probability above it is shown as a warning.
    void setRisk(const engine::RiskFigures &risk, double stockoutTarget);
    void clear();

private:
    struct Row {
        QLabel *name = nullptr;
        QLabel *value = nullptr;
        QLabel *meaning = nullptr;
    };
    enum Figure {
        LeadTimeDemand,
        InventoryPosition,
        StockoutProbability,
        UnitsShort,
        FillRate,
        FigureCount
    };

    Row m_rows[FigureCount];
    QLabel *m_undefined = nullptr;
};

} // namespace ui
