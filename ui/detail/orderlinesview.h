#pragma once
// The customer order lines an exception puts at risk: order/line, customer, tier,
// quantity short, due date and expected days late.

#include "engine/scoring/scoringoutput.h"

#include "ui/detail/compacttable.h"

#include <vector>

namespace ui {

class RowLookup;

class OrderLinesView : public CompactTable
{
    Q_OBJECT

public:
    enum Column { OrderLine, Customer, Tier, QtyShort, Due, DaysLate, ColumnCount };

    explicit OrderLinesView(QWidget *parent = nullptr);

    void setOrders(const std::vector<engine::OrderImpact> &orders, const RowLookup &rows);
};

} // namespace ui
