#pragma once
// The customer order lines an exception puts at risk: order/line, customer, tier,
// quantity short, due date and expected days late.

#include "engine/scoring/scoringoutput.h"

#include <QTableWidget>

#include <vector>

namespace ui {

class RowLookup;

class OrderLinesView : public QTableWidget
{
    Q_OBJECT

public:
    enum Column { OrderLine, Customer, Tier, QtyShort, Due, DaysLate, ColumnCount };

    explicit OrderLinesView(QWidget *parent = nullptr);

    void setOrders(const std::vector<engine::OrderImpact> &orders, const RowLookup &rows);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    int visibleRowsHeight() const;
};

} // namespace ui
