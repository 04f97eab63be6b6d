#pragma once
// Hand-built explanations for the detail panel tests and the screenshots: a tier-1
// shortage worked out so that every figure can be checked by hand.
//
// As of 2026-11-26, SKU-100 at DC-EAST has 120 on hand, orders of 60 due on day 3
// and 80 on day 5, forecast 5 a day, and a PO of 200 arriving on day 10.

#include "engine/core/date.h"
#include "engine/core/snapshot.h"
#include "engine/scoring/scoringoutput.h"
#include "model/runs/explanation.h"

#include <memory>

namespace fixture {

inline engine::Date day(int offset)
{
    return *engine::parseDate("2026-11-26") + offset;
}

inline std::shared_ptr<engine::Snapshot> rows()
{
    auto s = std::make_shared<engine::Snapshot>();
    s->manifest.asOf = day(0);
    s->manifest.currency = "EUR";
    s->items.ids.intern("SKU-100");
    s->items.description = {"Hydraulic hose 1/2 in, 2 m"};
    s->items.unitCost = {40};
    s->items.unitPrice = {60};
    s->items.abcClass = {'A'};
    s->locations.ids.intern("DC-EAST");
    s->locations.ids.intern("DC-WEST");
    s->locations.name = {"East distribution centre", "West distribution centre"};
    s->customers.ids.intern("ACME");
    s->customers.ids.intern("BOLT");
    s->customers.name = {"Acme Industrial", "Bolt & Co"};
    s->customers.tier = {1, 2};
    s->suppliers.ids.intern("SUP-1");
    s->suppliers.name = {"Nordic Hydraulics"};
    s->itemLocations.item = {0, 0};
    s->itemLocations.location = {0, 1};
    s->itemLocations.safetyStock = {50, 20};
    return s;
}

/// 29 days (as_of .. as_of + 28): 120 on hand, -5 forecast a day, orders of 60 on day 3
/// and 80 on day 5, a receipt of 200 on day 10.
inline std::vector<engine::ProjectionDay> projection()
{
    std::vector<engine::ProjectionDay> days;
    double balance = 120;
    for (int i = 0; i <= 28; ++i) {
        engine::ProjectionDay d;
        d.date = day(i);
        d.forecast = 5;
        d.ordersDue = i == 3 ? 60 : i == 5 ? 80 : 0;
        d.receipts = i == 10 ? 200 : 0;
        balance += d.receipts - d.ordersDue - d.forecast;
        d.balance = balance;
        days.push_back(d);
    }
    return days;
}

inline engine::RiskFigures risk()
{
    engine::RiskFigures r;
    r.defined = true;
    r.leadTimeDays = 14;
    r.leadTimeStdDays = 3;
    r.dailyDemand = 33;
    r.dailyDemandStd = 5;
    r.leadTimeDemandMean = 462;
    r.leadTimeDemandStd = 100.8;
    r.inventoryPosition = 480;
    r.z = 0.18;
    r.stockoutProbability = 0.43;
    r.expectedUnitsShort = 32.1;
    r.orderQty = 775;
    r.fillRate = 0.959;
    return r;
}

/// Score 12,400 = margin 6,200 + SLA 3,000 x 1.5 + aging 1,700. Recommendations:
/// 0 transfer (feasible), 1 notify customer service (feasible), 2 expedite (infeasible).
inline engine::ExceptionRecord shortage()
{
    engine::ExceptionRecord e;
    e.id = "shortage:SKU-100@DC-EAST";
    e.type = engine::ExceptionType::Shortage;
    e.itemLocation = 0;
    e.item = 0;
    e.location = 0;
    e.rank = 3;
    e.needDate = day(5);
    e.score = 12400;

    engine::Factor margin;
    margin.kind = engine::FactorKind::MarginAtRisk;
    margin.amount = 6200;
    margin.detail = {{"units", 83}, {"unit_margin", 74.7}};
    margin.text = "83 units on tier-1 orders cannot ship by their due dates";
    engine::Factor sla;
    sla.kind = engine::FactorKind::SlaPenalty;
    sla.amount = 3000;
    sla.weight = 1.5;
    sla.text = "600 unit-days late on tier-1 and tier-2 orders";
    engine::Factor aging;
    aging.kind = engine::FactorKind::OrderAging;
    aging.amount = 1700;
    aging.text = "Order SO-1050 is already 2 days past due";
    e.factors = {margin, sla, aging};

    engine::OrderImpact o1;
    o1.orderId = "SO-1043";
    o1.line = 1;
    o1.customerId = "ACME";
    o1.tier = 1;
    o1.qtyOpen = 80;
    o1.qtyShort = 40;
    o1.dueDate = day(5);
    o1.daysLate = 5;
    engine::OrderImpact o2;
    o2.orderId = "SO-1050";
    o2.line = 2;
    o2.customerId = "BOLT";
    o2.tier = 2;
    o2.qtyOpen = 60;
    o2.qtyShort = 25;
    o2.dueDate = day(3);
    o2.daysLate = 7;
    e.orders = {o1, o2};

    engine::Recommendation transfer;
    transfer.action = engine::Action::Transfer;
    transfer.qty = 40;
    transfer.fromLocationId = "DC-WEST";
    transfer.arrivalDate = day(4);
    transfer.cost = 120;
    transfer.benefit = 11800;
    transfer.requiresRole = engine::Role::Planner;
    transfer.text = "DC-WEST has 140 units beyond its own needs; the lane takes 3 days";
    engine::Recommendation notify;
    notify.action = engine::Action::NotifyCustomerService;
    notify.orderLines = {{"SO-1043", 1, 40}, {"SO-1050", 2, 25}};
    notify.cost = 0;
    notify.benefit = 1125;
    notify.requiresRole = engine::Role::Planner;
    engine::Recommendation expedite;
    expedite.action = engine::Action::Expedite;
    expedite.qty = 200;
    expedite.poId = "PO-77";
    expedite.poLine = 1;
    expedite.newExpectedDate = day(7);
    expedite.arrivalDate = day(7);
    expedite.cost = 6500;
    expedite.benefit = 9000;
    expedite.feasible = false;
    expedite.requiresRole = engine::Role::Manager;
    e.recommendations = {transfer, notify, expedite};
    return e;
}

inline model::Explanation explanation()
{
    model::Explanation x;
    x.snapshot.version = 1;
    x.snapshot.snapshotId = QStringLiteral("fixture");
    x.snapshot.asOf = day(0);
    x.snapshot.currency = QStringLiteral("EUR");
    x.rows = rows();
    x.result.itemLocation = 0;
    x.result.risk = risk();
    x.result.projection = projection();
    x.result.exceptions = {shortage()};
    x.exception = shortage();
    return x;
}

/// DC-WEST: plenty of stock, stockout probability 2.1% against a 5% target (class B).
inline model::Explanation quietItemLocation()
{
    model::Explanation x = explanation();
    auto s = rows();
    s->items.abcClass = {'B'};
    x.rows = s;
    x.result.itemLocation = 1;
    x.result.risk.stockoutProbability = 0.021;
    x.result.exceptions.clear();
    x.exception.reset();
    return x;
}

} // namespace fixture
