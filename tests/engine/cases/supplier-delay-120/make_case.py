#!/usr/bin/env python3
"""Writes the supplier-delay-120 snapshot next to this script.

The suppliers slip the open POs of 120 SKUs at DC-A by 8 to 14 days past the
promised 2026-11-30. 102 SKUs hold enough stock to serve their orders and most of
their forecast until the late receipt: they may only raise low-scored late_supply.
Eighteen SKUs hold 30 units against 90 on order (50 for a key account due 12-03,
40 for a regional chain due 12-04) that stock cannot serve before the receipt:
  SKU-007, 012, 025, 048, 066, 090  DC-B (2 days away) holds spare stock -> transfer
  SKU-019, 040, 061, 083, 104, 115  receipt 12-08, SUP-S pulls in 7 days  -> expedite
                                    (planned 12-02: its record, on time 70% with a
                                    3-day spread, adds 0.3 x 3 = 0.9, about a day)
  SKU-033, 054, 077, 097, 110, 118  bought from SUP-N, which cannot expedite and
                                    needs 35 days; no other DC holds them -> notify
The case's README.md works the numbers of one SKU of each group by hand.
Deterministic: no randomness, so the files only change when this script does.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
AS_OF = "2026-11-28"
TRANSFER = {7, 12, 25, 48, 66, 90}
EXPEDITE = {19, 40, 61, 83, 104, 115}
NOTIFY = {33, 54, 77, 97, 110, 118}
SHORT = TRANSFER | EXPEDITE | NOTIFY


def day(offset):
    # 2026-11-28 plus offset days, without importing datetime arithmetic quirks.
    import datetime
    return (datetime.date(2026, 11, 28) + datetime.timedelta(days=offset)).isoformat()


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(str(v) for v in row) + "\n")


def main():
    with open(os.path.join(HERE, "manifest.json"), "w") as f:
        f.write('{\n  "format": "erp-snapshot/1",\n  "snapshot_id": "SUPPLIER-DELAY-120",\n'
                f'  "as_of": "{AS_OF}",\n  "currency": "USD",\n'
                '  "source_system": "make_case.py",\n'
                '  "extracted_at": "2026-11-28T23:00:00Z"\n}\n')
    write("locations.csv", ["location_id", "name", "type", "region"],
          [["DC-A", "East DC", "dc", "East"], ["DC-B", "Central DC", "dc", "Central"]])
    write("suppliers.csv", ["supplier_id", "name", "lead_time_days", "lead_time_std_days",
                            "on_time_rate", "expedite_cost_per_unit", "expedite_max_days"],
          [["SUP-S", "Slow Supplies", 21, 3, 0.7, 2.0, 7],
           ["SUP-N", "Far Away Trading", 35, 5, 0.9, "", ""]])
    write("customers.csv", ["customer_id", "name", "tier", "late_penalty_per_unit_day"],
          [["KEY-1", "Key account", 1, ""], ["MID-2", "Regional chain", 2, ""],
           ["SMALL-3", "Walk-in trade", 3, ""]])
    write("lanes.csv", ["from_location_id", "to_location_id", "transit_days", "cost_per_unit",
                        "fixed_cost"],
          [["DC-B", "DC-A", 2, 0.5, 40]])

    items, ils, sos, pos = [], [], [], []
    for n in range(1, 121):
        sku = f"SKU-{n:03d}"
        cost = 10 + n % 7 * 5          # 10..40
        price = round(cost * 1.6, 2)   # 60% mark-up
        items.append([sku, f"Article {n}", cost, price, "ABC"[n % 3]])
        d = 6 + n % 5 * 2              # 6..14 a day
        delay = 8 + n % 7              # 8..14 days late
        expected = 2 + delay           # promised on day 2
        if n in EXPEDITE:
            expected = 10              # 7-day expedite: day 3, planned day 4 (record)
        elif n in SHORT:
            expected = 14 if n in TRANSFER else 16
        po_qty = d * 21
        if n in SHORT:
            # 30 on hand against 90 of orders due on days 5 and 6.
            on_hand = 30
            sos.append([f"SO-{n:03d}", 1, "KEY-1", sku, "DC-A", 50, day(-6), day(5), ""])
            sos.append([f"SO-{n:03d}", 2, "MID-2", sku, "DC-A", 40, day(-4), day(6), ""])
        else:
            # Enough for the orders and the forecast to the receipt plus a 1-3 day buffer.
            orders = 0
            if n % 4 == 0:
                orders = 2 * d
                sos.append([f"SO-{n:03d}", 1, "SMALL-3", sku, "DC-A", orders, day(-2), day(3), ""])
            on_hand = orders + d * (expected + 1 + n % 3)
        supplier = "SUP-N" if n in NOTIFY else "SUP-S"
        ils.append([sku, "DC-A", on_hand, d, 3, supplier])
        pos.append([f"PO-{n:03d}", 1, supplier, sku, "DC-A", po_qty, day(-20), day(expected),
                    day(2), "confirmed"])
        if n in TRANSFER:
            ils.append([sku, "DC-B", 400, 5, 1, "SUP-S"])

    write("items.csv", ["item_id", "description", "unit_cost", "unit_price", "abc_class"], items)
    write("item_locations.csv", ["item_id", "location_id", "on_hand", "daily_demand",
                                 "daily_demand_std", "supplier_id"], ils)
    write("sales_orders.csv", ["order_id", "line", "customer_id", "item_id", "location_id",
                               "qty_open", "order_date", "due_date", "unit_price"], sos)
    write("purchase_orders.csv", ["po_id", "line", "supplier_id", "item_id", "location_id",
                                  "qty_open", "order_date", "expected_date", "promised_date",
                                  "status"], pos)


if __name__ == "__main__":
    main()
