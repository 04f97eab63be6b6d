#include "engine/generator/snapshotgenerator.h"

#include "engine/generator/csvwriter.h"

#include <algorithm>

// See snapshotgenerator.h for the reproducibility rules this file follows.

namespace engine::detail {

void SnapshotGenerator::planDemand()
{
    Rng rng(m_options.seed, 6);
    const std::size_t locations = m_locations.size();
    const std::size_t count = m_items.size() * locations;
    m_demand.resize(count);
    m_direct.resize(count);
    double sumSqrt = 0;
    std::int64_t activeDirect = 0;
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const Item &item = m_items[i];
        for (std::size_t l = 0; l < locations; ++l) {
            const std::size_t sl = i * locations + l;
            const Location &loc = m_locations[l];
            // Slow C items sometimes stop selling somewhere: dead stock.
            const bool dead = item.abc == 'C' && rng.chance(0.02);
            double d = dead ? 0.0 : item.demand * loc.demandFactor * rng.uniform(0.6, 1.4);
            if (!dead)
                d = std::max(0.01, roundTo(d, 0.01));
            m_demand[sl] = d;
            // DCs buy from suppliers; some branch items come direct from the supplier.
            m_direct[sl] = loc.parentDc < 0 || rng.chance(0.12) ? 1 : 0;
            sumSqrt += std::sqrt(d);
            activeDirect += m_direct[sl] && d > 0 ? 1 : 0;
        }
    }
    m_meanSqrtDemand = count > 0 && sumSqrt > 0 ? sumSqrt / double(count) : 1.0;
    m_poLinesPerDirect = activeDirect > 0
        ? std::min(
            3.0, m_options.purchaseLinesPerItemLocation * double(count) / double(activeDirect))
        : 0.0;
}

std::optional<std::string> SnapshotGenerator::writeItemLocations()
{
    Rng rng(m_options.seed, 7);
    const DateTexts dates(m_asOf);
    const int horizon = 28;
    CsvWriter il(m_dir / "item_locations.csv", dates);
    CsvWriter so(m_dir / "sales_orders.csv", dates);
    CsvWriter po(m_dir / "purchase_orders.csv", dates);
    CsvWriter tr(m_dir / "transfers.csv", dates);
    CsvWriter fc(m_dir / "forecast.csv", dates);
    il.header({"item_id", "location_id", "on_hand", "allocated", "safety_stock", "reorder_point",
        "order_up_to", "daily_demand", "daily_demand_std", "supplier_id", "source_location_id",
        "lead_time_days", "lead_time_std_days", "min_order_qty", "order_multiple",
        "last_count_date", "count_variance_rate"});
    so.header({"order_id", "line", "customer_id", "item_id", "location_id", "qty_open",
        "order_date", "due_date", "unit_price"});
    po.header({"po_id", "line", "supplier_id", "item_id", "location_id", "qty_open", "order_date",
        "expected_date", "promised_date", "status"});
    tr.header({"transfer_id", "item_id", "from_location_id", "to_location_id", "qty", "ship_date",
        "expected_date"});
    fc.header({"item_id", "location_id", "date", "qty"});

    const std::size_t locations = m_locations.size();
    std::vector<OpenOrder> orders(locations);
    std::vector<OpenPo> pos(m_suppliers.size() * locations);
    std::int64_t orderCount = 0, poCount = 0, transferCount = 0;
    const int orderWidth = std::max(6, digitCount(std::int64_t(double(m_demand.size()) * 0.4) + 1));
    const int transferWidth = std::max(5, digitCount(std::int64_t(m_demand.size() / 20) + 1));

    struct Line {
        double qty;
        Date due;
    };
    std::vector<Line> lines;

    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const Item &item = m_items[i];
        const Supplier &supplier = m_suppliers[std::size_t(item.supplier)];
        for (std::size_t l = 0; l < locations; ++l) {
            const std::size_t sl = i * locations + l;
            Location &loc = m_locations[l];
            const double d = m_demand[sl];
            const double sd = roundTo(d * item.demandCv, 0.01);
            const bool direct = m_direct[sl] != 0;
            const Lane *inbound = direct ? nullptr : lane(loc.parentDc, int(l));

            // Replenishment lead time; a tenth of supplier-fed SKU-locations carry their
            // own (a different port, a different contract).
            const bool ownLeadTime = direct && rng.chance(0.1);
            const int leadTime = direct
                ? (ownLeadTime ? std::max(1, supplier.leadTimeDays + rng.between(-3, 5))
                               : supplier.leadTimeDays)
                : inbound->transitDays;
            const double leadStd = direct ? supplier.leadTimeStd : 0.0;
            const double mu = d * leadTime;
            const double sigma = std::sqrt(leadTime * sd * sd + d * d * leadStd * leadStd);
            const double z = item.abc == 'A' ? 2.05 : item.abc == 'B' ? 1.65 : 1.28;
            // Rounded, not ceiled: a slow mover selling a unit a quarter keeps no spare.
            const double safety = std::round(z * sigma);
            const double reorderPoint = std::round(mu + safety);
            const double cycle = d * rng.between(7, 28);
            const double moq = item.pack * (d * 14 > 3 * item.pack ? rng.between(1, 3) : 1);
            const double orderQty = roundUpToMultiple(std::max(cycle, moq), item.pack);
            const bool minMax = rng.chance(0.85);

            // What kind of SKU-location this is; most are healthy.
            // Contested: several customers' orders are already due and the stock on
            // hand cannot serve them all, so someone has to decide who gets it.
            enum class Kind { Healthy, Low, Short, Contested, Excess, Dead } kind = Kind::Healthy;
            if (d == 0) {
                kind = Kind::Dead;
            } else {
                const double u = rng.uniform();
                kind = u < 0.08 ? Kind::Low
                    : u < 0.13  ? Kind::Short
                    : u < 0.145 ? Kind::Contested
                    : u < 0.175 ? Kind::Excess
                                : Kind::Healthy;
            }

            // Open customer order lines, more where more sells.
            lines.clear();
            if (d > 0) {
                const double lambda
                    = m_options.salesLinesPerItemLocation * std::sqrt(d) / m_meanSqrtDemand;
                int count = rng.stochasticRound(lambda * rng.uniform(0.25, 1.75));
                if (kind == Kind::Short && count == 0)
                    count = 1;
                const int pastDue = kind == Kind::Contested ? rng.between(2, 3)
                    : kind == Kind::Short                   ? (rng.chance(0.4) ? 1 : 0)
                                                            : 0;
                count = std::max(count, pastDue);
                for (int k = 0; k < count; ++k) {
                    OpenOrder &order = orders[l];
                    const bool forcePastDue = k < pastDue;
                    if (order.linesLeft == 0 || order.lastItem == int(i) || forcePastDue) {
                        order.number = ++orderCount;
                        const double u = rng.uniform();
                        order.linesLeft = forcePastDue ? 1 : 1 + int(8.0 * u * u * u);
                        order.nextLine = 1;
                        // A contested SKU-location has a key account among its claimants,
                        // and it ordered last: first come, first served would leave it short.
                        const bool keyAccount = kind == Kind::Contested && k == pastDue - 1;
                        order.customer = keyAccount ? m_keyAccounts[std::size_t(
                                             rng.between(0, int(m_keyAccounts.size()) - 1))]
                                                    : pickCustomer(rng);
                        const double a = rng.uniform();
                        order.orderDate = keyAccount ? m_asOf - rng.between(7, 8)
                            : forcePastDue           ? m_asOf - rng.between(9, 20)
                                                     : m_asOf - int(21.0 * a * a);
                    }
                    // Service lead times: mostly within two weeks, some far out.
                    const double b = rng.uniform();
                    const int leadDays = forcePastDue ? rng.between(1, 6)
                        : b < 0.5                     ? rng.between(2, 14)
                        : b < 0.8                     ? rng.between(15, 35)
                                                      : rng.between(36, 60);
                    const Date due = order.orderDate + leadDays;
                    double qty = std::ceil(d * rng.uniform(1.0, 6.0));
                    if (rng.chance(0.03))
                        qty *= rng.between(3, 8);
                    lines.push_back({qty, due});
                    so.text(padded("SO-", order.number, orderWidth)).integer(order.nextLine++);
                    so.text(m_customers[std::size_t(order.customer)].id).text(item.id).text(loc.id);
                    so.number(qty, 0).date(order.orderDate).date(due);
                    if (rng.chance(0.2))
                        so.number(roundTo(item.price * rng.uniform(0.88, 0.98), 0.01), 2);
                    else
                        so.blank();
                    so.endRow();
                    --order.linesLeft;
                    order.lastItem = int(i);
                }
            }
            double soQty = 0, soHorizon = 0, soDueNow = 0;
            for (const Line &line : lines) {
                soQty += line.qty;
                soHorizon += line.due <= m_asOf + horizon ? line.qty : 0.0;
                soDueNow += line.due <= m_asOf ? line.qty : 0.0;
            }

            // Open purchase order lines on the SKU-location's supplier.
            double poQty = 0;
            if (direct && d > 0) {
                const int count = rng.stochasticRound(m_poLinesPerDirect * rng.uniform(0.5, 1.5));
                for (int k = 0; k < count; ++k) {
                    OpenPo &p = pos[std::size_t(item.supplier) * locations + l];
                    if (p.linesLeft == 0) {
                        p.number = ++poCount;
                        const double u = rng.uniform();
                        p.linesLeft = 1 + int(10.0 * u * u);
                        p.nextLine = 1;
                        const bool overdue = rng.chance(0.04);
                        p.orderDate = overdue ? m_asOf - leadTime - rng.between(1, 10)
                                              : m_asOf - rng.between(0, std::max(0, leadTime - 1));
                        p.promised = p.orderDate + leadTime;
                        // Unreliable suppliers slip more often; a slipped receipt is
                        // re-dated by the supplier, and never before today.
                        const bool slips = overdue || rng.chance(1.0 - supplier.onTimeRate);
                        p.expected
                            = p.promised + (slips ? rng.between(2, 5 + int(3.0 * leadStd)) : 0);
                        if (p.expected <= m_asOf)
                            p.expected = m_asOf + rng.between(1, 5);
                        p.promisedKnown = !rng.chance(0.08);
                        const double s = rng.uniform();
                        p.status = p.expected - m_asOf <= 3 && s < 0.8 ? "shipped"
                            : s < 0.5                                  ? "confirmed"
                                                                       : "open";
                    }
                    const double qty
                        = roundUpToMultiple(orderQty * rng.uniform(0.6, 1.4), item.pack);
                    poQty += qty;
                    // Where stock already runs low, a line is often backordered on its
                    // own: the rest of the PO arrives, this line later.
                    const Date expected = kind == Kind::Low && rng.chance(0.5)
                        ? std::max(p.expected, p.promised + rng.between(3, 12))
                        : p.expected;
                    po.text(padded("PO-", p.number, 6)).integer(p.nextLine++).text(supplier.id);
                    po.text(item.id).text(loc.id).number(qty, 0).date(p.orderDate).date(expected);
                    if (p.promisedKnown)
                        po.date(p.promised);
                    else
                        po.blank();
                    po.text(p.status).endRow();
                    --p.linesLeft;
                }
            }

            // Transfers in flight from the parent DC, more often where stock runs low.
            double inboundQty = 0;
            if (!direct && d > 0 && rng.chance(kind == Kind::Low ? 0.3 : 0.04)) {
                const double qty = roundUpToMultiple(d * rng.between(5, 15), item.pack);
                Date ship = kNoDate, expected = kNoDate;
                const double u = rng.uniform();
                if (u < 0.6) {
                    ship = m_asOf - rng.between(0, inbound->transitDays - 1);
                    expected = ship + inbound->transitDays;
                } else if (u < 0.8) {
                    ship = m_asOf + rng.between(1, 2);
                    expected = ship + inbound->transitDays;
                } else {
                    expected = m_asOf + 1 + inbound->transitDays;
                }
                inboundQty = qty;
                tr.text(padded("TR-", ++transferCount, transferWidth)).text(item.id);
                tr.text(m_locations[std::size_t(loc.parentDc)].id).text(loc.id).number(qty, 0);
                if (ship != kNoDate)
                    tr.date(ship);
                else
                    tr.blank();
                tr.date(expected).endRow();
            }

            // Stock on hand follows from the kind and what is already promised.
            double onHand = 0;
            switch (kind) {
            case Kind::Healthy:
                onHand = soQty + reorderPoint + std::ceil(rng.uniform() * orderQty);
                break;
            case Kind::Low:
                onHand = std::max(soHorizon,
                    soQty + std::floor(reorderPoint * rng.uniform(0.1, 0.8)) - poQty - inboundQty);
                break;
            case Kind::Short:
                onHand = std::floor(soHorizon * rng.uniform(0.0, 0.6));
                break;
            case Kind::Contested:
                onHand = std::max(1.0, std::floor(soDueNow * rng.uniform(0.3, 0.8)));
                break;
            case Kind::Excess: {
                // Overbought: a perishable by up to half its shelf life again, a fast
                // mover by months, a slow one by a year or more.
                const int days = item.shelfLifeDays > 0
                    ? rng.between(item.shelfLifeDays * 2 / 3, item.shelfLifeDays * 3 / 2)
                    : item.abc == 'A' ? rng.between(130, 250)
                                      : rng.between(150, 420);
                onHand = soQty + std::ceil(d * days);
                break;
            }
            case Kind::Dead:
                onHand = item.pack * rng.between(2, 40);
                break;
            }
            const double allocated
                = kind != Kind::Contested && soDueNow > 0 && onHand > 0 && rng.chance(0.3)
                ? std::min(onHand, std::floor(soDueNow * rng.uniform(0.2, 0.8)))
                : 0.0;
            loc.onHandTotal += onHand;
            loc.demandTotal += d;

            il.text(item.id).text(loc.id).number(onHand, 0).number(allocated, 0).number(safety, 0);
            if (minMax)
                il.number(reorderPoint, 0).number(reorderPoint + orderQty, 0);
            else
                il.blank().blank();
            il.number(d, 2).number(sd, 2);
            if (direct)
                il.text(supplier.id).blank();
            else
                il.blank().text(m_locations[std::size_t(loc.parentDc)].id);
            if (ownLeadTime)
                il.integer(leadTime).number(roundTo(leadStd * rng.uniform(0.8, 1.3), 0.1), 1);
            else
                il.blank().blank();
            il.number(moq, 0).number(item.pack, 0);
            // Cycle counts follow ABC: A items are counted every quarter and rarely
            // fall behind, C items often do; a few SKU-locations were never counted.
            const double staleShare = item.abc == 'A' ? 0.08 : item.abc == 'B' ? 0.2 : 0.35;
            const double c = rng.uniform();
            if (c < 0.02)
                il.blank();
            else if (c < staleShare)
                il.date(m_asOf - rng.between(91, 540));
            else
                il.date(m_asOf - rng.between(1, 90));
            const double v = rng.uniform();
            if (v < 0.1)
                il.blank();
            else
                il.number(v < 0.85 ? rng.uniform(0.0, 0.045)
                        : v < 0.97 ? rng.uniform(0.05, 0.15)
                                   : rng.uniform(0.15, 0.4),
                    3);
            il.endRow();

            // A weekly forecast for a small share, mostly fast movers, with a trend.
            if (d > 0 && rng.chance(item.abc == 'A' ? 0.06 : item.abc == 'B' ? 0.02 : 0.005)) {
                const double slope = rng.uniform(-0.05, 0.12);
                for (int week = 0; week < 6; ++week) {
                    const double qty
                        = std::ceil(d * 7.0 * (1.0 + slope * week) * rng.uniform(0.85, 1.15));
                    fc.text(item.id)
                        .text(loc.id)
                        .date(m_asOf + 7 * week)
                        .number(std::max(0.0, qty), 0);
                    fc.endRow();
                }
            }
        }
    }

    m_summary.itemLocations = il.rows();
    m_summary.salesOrderLines = so.rows();
    m_summary.purchaseOrderLines = po.rows();
    m_summary.transfers = tr.rows();
    m_summary.forecastRows = fc.rows();
    for (CsvWriter *file : {&il, &so, &po, &tr, &fc}) {
        auto closed = file->close();
        if (!closed)
            return closed.error();
        m_summary.bytes += *closed;
    }
    return std::nullopt;
}

} // namespace engine::detail
