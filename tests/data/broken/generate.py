#!/usr/bin/env python3
"""Writes the broken snapshot fixtures: each folder is tests/data/valid/all-files with
one rule broken, and expected-error.txt holds the first error the parser must report.

The expected lines are written here by hand from the rule, not from the parser's
output. Run from anywhere; it rewrites every folder it knows and leaves others alone.
"""
import pathlib
import shutil

HERE = pathlib.Path(__file__).resolve().parent
BASE = HERE.parent / "valid" / "all-files"


def replace_line(text, line_no, new_line):
    lines = text.split("\n")
    lines[line_no - 1] = new_line
    return "\n".join(lines)


def append_line(text, new_line):
    return text + new_line + "\n"


# name -> (list of edits, expected first error). An edit is (file, function of the
# text -> new text, or None to delete the file).
CASES = {
    # Container
    "missing-manifest": (
        [("manifest.json", None)],
        "manifest.json: error: required file is missing"),
    "missing-items-file": (
        [("items.csv", None)],
        "items.csv: error: required file is missing"),
    "missing-item-locations-file": (
        [("item_locations.csv", None)],
        "item_locations.csv: error: required file is missing"),
    "empty-locations-file": (
        [("locations.csv", lambda t: "")],
        "locations.csv: error: the file is empty; expected a header row"),

    # manifest.json
    "manifest-wrong-format": (
        [("manifest.json", lambda t: t.replace('"erp-snapshot/1"', '"erp-snapshot/2"'))],
        'manifest.json:2:3: error: format: unsupported format "erp-snapshot/2"; '
        "this workbench reads erp-snapshot/1"),
    "manifest-missing-as-of": (
        [("manifest.json", lambda t: t.replace('  "as_of": "2026-03-02",\n', ""))],
        "manifest.json: error: as_of: required key is missing"),
    "manifest-bad-as-of": (
        [("manifest.json", lambda t: t.replace('"2026-03-02"', '"2026-02-30"'))],
        'manifest.json:4:3: error: as_of: expected a date as YYYY-MM-DD, got "2026-02-30"'),
    "manifest-empty-currency": (
        [("manifest.json", lambda t: t.replace('"EUR"', '""'))],
        "manifest.json:5:3: error: currency: required value is empty"),
    "manifest-invalid-json": (
        # A trailing comma before the closing brace.
        [("manifest.json", lambda t: t.replace('"2026-03-01T23:05:00Z"\n',
                                               '"2026-03-01T23:05:00Z",\n'))],
        "manifest.json:8:1: error: invalid JSON: expected a key in double quotes"),

    # Header
    "missing-required-column": (
        [("items.csv", lambda t: "\n".join(
            ",".join(f for i, f in enumerate(line.split(",")) if i != 2)
            for line in t.split("\n")))],
        "items.csv:1: error: unit_cost: missing required column"),
    "repeated-column": (
        [("customers.csv", lambda t: t.replace("late_penalty_per_unit_day", "Tier"))],
        "customers.csv:1:4: error: tier: repeated column (first at column 3)"),

    # Records
    "wrong-field-count": (
        [("items.csv", lambda t: replace_line(t, 3, "SKU2,Gadget,4.5,,B,30,G1,extra"))],
        "items.csv:3: error: expected 7 fields as in the header, found 8"),
    "unterminated-quote": (
        [("items.csv", lambda t: replace_line(t, 3, 'SKU2,"Gadget,4.5,,B,30,G1'))],
        "items.csv:3:2: error: unterminated quoted field: the closing quote is missing"),
    "text-after-closing-quote": (
        [("locations.csv", lambda t: replace_line(t, 3, 'BR1,"Branch" One,branch,North,,'))],
        "locations.csv:3:2: error: unexpected text after the closing quote "
        "(a quote inside a quoted field must be doubled)"),
    "invalid-utf8": (
        # "Caf\xe9" as Latin-1 would write it.
        [("locations.csv", lambda t: t.replace("Store One", "Caf\udce9"))],
        "locations.csv:4:2: error: name: not valid UTF-8 text (is the file saved as UTF-8?)"),

    # Field limits and characters (docs/snapshot-format.md, "Ids and text")
    "id-too-long": (
        [("items.csv", lambda t: append_line(t, "S" * 201 + ",Long id,1,,,,"))],
        "items.csv:5:1: error: item_id: 201 bytes, longer than the 200 allowed for an id"),
    "text-too-long": (
        [("items.csv", lambda t: replace_line(t, 4, "SKU3," + "Gizmo " * 667 + ",2,3,,,"))],
        "items.csv:4:2: error: description: 4002 bytes, longer than the 4000 allowed for text"),
    "manifest-text-too-long": (
        [("manifest.json", lambda t: t.replace('"test fixture"', '"' + "x" * 4001 + '"'))],
        "manifest.json:6:3: error: source_system: 4001 bytes, longer than the 4000 allowed "
        "for text"),
    "escape-in-id": (
        # A terminal title change (OSC 0) hidden in an order id.
        [("sales_orders.csv", lambda t: replace_line(
            t, 3, "SO\x1b]0;pwned\x07,2,C1,SKU2,DC1,5,2026-02-20,2026-03-05,"))],
        "sales_orders.csv:3:1: error: order_id: holds the control character \\x1b "
        "(character 3); an id may not hold control characters, line separators or bidi "
        "overrides"),
    "nul-in-id": (
        [("locations.csv", lambda t: append_line(t, "ST2\x00,Store Two,store,South,,"))],
        "locations.csv:5:1: error: location_id: holds the control character \\x00 "
        "(character 4); an id may not hold control characters, line separators or bidi "
        "overrides"),
    "bidi-override-in-id": (
        [("customers.csv", lambda t: append_line(t, "C\u202e3,Shop,2,"))],
        "customers.csv:4:1: error: customer_id: holds the control character \\u202e "
        "(character 2); an id may not hold control characters, line separators or bidi "
        "overrides"),
    "nul-in-text": (
        [("items.csv", lambda t: replace_line(t, 3, "SKU2,Gad\x00get,4.5,,B,30,G1"))],
        "items.csv:3:2: error: description: holds a NUL character (byte 4); text may not "
        "hold NUL"),

    # Values
    "missing-required-value": (
        [("item_locations.csv", lambda t: replace_line(
            t, 3, "SKU2,DC1,,,,,,2,,SUP2,,10,2,,,,"))],
        "item_locations.csv:3:3: error: on_hand: missing required value"),
    "decimal-comma": (
        [("item_locations.csv", lambda t: replace_line(
            t, 3, 'SKU2,DC1,"12,5",,,,,2,,SUP2,,10,2,,,,'))],
        'item_locations.csv:3:3: error: on_hand: expected a non-negative number, got "12,5"'),
    "negative-quantity": (
        [("item_locations.csv", lambda t: replace_line(
            t, 2, "SKU1,DC1,120,10,-5,40,200,5,1.5,SUP1,,,,10,5,2026-01-15,0.02"))],
        'item_locations.csv:2:5: error: safety_stock: expected a non-negative number, got "-5"'),
    "number-out-of-range": (
        [("items.csv", lambda t: replace_line(t, 4, "SKU3,Gizmo,1e400,3,,,"))],
        'items.csv:4:3: error: unit_cost: expected a non-negative number, got "1e400"'),
    "number-with-space": (
        [("suppliers.csv", lambda t: replace_line(t, 3, "SUP2,Bolt, 7,,,,"))],
        'suppliers.csv:3:3: error: lead_time_days: expected a non-negative number, got " 7"'),
    "qty-open-zero": (
        [("sales_orders.csv", lambda t: replace_line(
            t, 3, "SO1,2,C1,SKU2,DC1,0,2026-02-20,2026-03-05,"))],
        'sales_orders.csv:3:6: error: qty_open: expected a number greater than 0, got "0"'),
    "order-multiple-zero": (
        [("item_locations.csv", lambda t: replace_line(
            t, 2, "SKU1,DC1,120,10,20,40,200,5,1.5,SUP1,,,,10,0,2026-01-15,0.02"))],
        'item_locations.csv:2:15: error: order_multiple: expected a number greater than 0, '
        'got "0"'),
    "bad-date": (
        [("sales_orders.csv", lambda t: replace_line(
            t, 4, "SO2,1,C2,SKU1,BR1,4,2026-02-25,2026-02-30,"))],
        'sales_orders.csv:4:8: error: due_date: expected a date as YYYY-MM-DD, got "2026-02-30"'),
    "bad-boolean": (
        [("lanes.csv", lambda t: replace_line(t, 4, "BR1,ST1,1,0.3,,,maybe"))],
        'lanes.csv:4:7: error: active: expected true/false, 1/0 or yes/no, got "maybe"'),
    "bad-location-type": (
        [("locations.csv", lambda t: replace_line(t, 3, "BR1,Branch One,warehouse,North,,"))],
        'locations.csv:3:3: error: type: expected dc, branch, store or plant, got "warehouse"'),
    "bad-abc-class": (
        [("items.csv", lambda t: replace_line(t, 4, "SKU3,Gizmo,2,3,D,,"))],
        'items.csv:4:5: error: abc_class: expected A, B or C, got "D"'),
    "bad-po-status": (
        [("purchase_orders.csv", lambda t: replace_line(
            t, 4, "PO2,1,SUP2,SKU2,DC1,25,2026-02-28,2026-03-07,,late"))],
        'purchase_orders.csv:4:10: error: status: expected open, confirmed or shipped, '
        'got "late"'),
    "tier-out-of-range": (
        [("customers.csv", lambda t: replace_line(t, 3, "C2,Small Shop,4,"))],
        'customers.csv:3:3: error: tier: expected a whole number from 1 to 3, got "4"'),
    "rate-out-of-range": (
        [("suppliers.csv", lambda t: replace_line(t, 2, "SUP1,Acme,14,3,1.2,1.5,5"))],
        'suppliers.csv:2:5: error: on_time_rate: expected a rate from 0 to 1, got "1.2"'),
    "bad-line-number": (
        [("purchase_orders.csv", lambda t: replace_line(
            t, 3, "PO1,0,SUP1,SKU3,DC1,40,,2026-03-12,,"))],
        'purchase_orders.csv:3:2: error: line: expected a whole number of at least 1, got "0"'),

    # References
    "unknown-item": (
        [("sales_orders.csv", lambda t: replace_line(
            t, 3, "SO1,2,C1,SKU9,DC1,5,2026-02-20,2026-03-05,"))],
        'sales_orders.csv:3:4: error: item_id: "SKU9" is not in items.csv'),
    "unknown-location": (
        [("item_locations.csv", lambda t: replace_line(
            t, 6, "SKU1,ST9,3,,,,,0.5,,,DC1,,,,,,"))],
        'item_locations.csv:6:2: error: location_id: "ST9" is not in locations.csv'),
    "unknown-supplier": (
        [("purchase_orders.csv", lambda t: replace_line(
            t, 4, "PO2,1,SUP9,SKU2,DC1,25,2026-02-28,2026-03-07,,shipped"))],
        'purchase_orders.csv:4:3: error: supplier_id: "SUP9" is not in suppliers.csv'),
    "unknown-item-location-supplier": (
        [("item_locations.csv", lambda t: replace_line(
            t, 4, "SKU3,DC1,0,,,,,1,,SUP3,,,,,,,"))],
        'item_locations.csv:4:10: error: supplier_id: "SUP3" is not in suppliers.csv'),
    "unknown-customer": (
        [("sales_orders.csv", lambda t: replace_line(
            t, 4, "SO2,1,C9,SKU1,BR1,4,2026-02-25,2026-02-28,"))],
        'sales_orders.csv:4:3: error: customer_id: "C9" is not in customers.csv'),
    "unknown-source-location": (
        [("item_locations.csv", lambda t: replace_line(
            t, 5, "SKU1,BR1,8,,,,,1.2,0.4,,DC2,,,,,,"))],
        'item_locations.csv:5:11: error: source_location_id: "DC2" is not in locations.csv'),
    "unknown-lane-location": (
        [("lanes.csv", lambda t: replace_line(t, 3, "DC1,ST2,3,0.6,,,"))],
        'lanes.csv:3:2: error: to_location_id: "ST2" is not in locations.csv'),
    "unknown-transfer-location": (
        [("transfers.csv", lambda t: replace_line(t, 3, "TR2,SKU1,DC7,ST1,2,,2026-03-06"))],
        'transfers.csv:3:3: error: from_location_id: "DC7" is not in locations.csv'),
    "unknown-forecast-item": (
        [("forecast.csv", lambda t: replace_line(t, 4, "SKU7,DC1,2026-03-02,14"))],
        'forecast.csv:4:1: error: item_id: "SKU7" is not in items.csv'),
    "self-replenishment": (
        [("item_locations.csv", lambda t: replace_line(
            t, 5, "SKU1,BR1,8,,,,,1.2,0.4,,BR1,,,,,,"))],
        "item_locations.csv:5:11: error: source_location_id: a location cannot replenish "
        "itself"),
    "lane-to-itself": (
        [("lanes.csv", lambda t: replace_line(t, 4, "BR1,BR1,1,0.3,,,no"))],
        "lanes.csv:4:2: error: to_location_id: a lane needs two different locations"),

    # Repeated keys
    "repeated-location-id": (
        [("locations.csv", lambda t: append_line(t, "DC1,Second DC,dc,,,"))],
        'locations.csv:5:1: error: location_id: repeated value "DC1" (first on line 2)'),
    "repeated-item-id": (
        [("items.csv", lambda t: append_line(t, "SKU2,Gadget again,5,,,,"))],
        'items.csv:5:1: error: item_id: repeated value "SKU2" (first on line 3)'),
    "repeated-supplier-id": (
        [("suppliers.csv", lambda t: append_line(t, "SUP1,Acme again,10,,,,"))],
        'suppliers.csv:4:1: error: supplier_id: repeated value "SUP1" (first on line 2)'),
    "repeated-customer-id": (
        [("customers.csv", lambda t: append_line(t, "C2,Small Shop again,2,"))],
        'customers.csv:4:1: error: customer_id: repeated value "C2" (first on line 3)'),
    "repeated-item-location": (
        [("item_locations.csv", lambda t: append_line(t, "SKU2,DC1,1,,,,,2,,SUP2,,,,,,,"))],
        'item_locations.csv:7:1: error: item_id: repeated (item_id, location_id) = '
        '("SKU2", "DC1") (first on line 3)'),
    "repeated-order-line": (
        [("sales_orders.csv", lambda t: append_line(
            t, "SO1,2,C2,SKU1,DC1,1,2026-02-21,2026-03-06,"))],
        'sales_orders.csv:6:1: error: order_id: repeated (order_id, line) = ("SO1", 2) '
        "(first on line 3)"),
    "repeated-po-line": (
        [("purchase_orders.csv", lambda t: append_line(
            t, "PO1,1,SUP1,SKU1,DC1,5,,2026-03-20,,"))],
        'purchase_orders.csv:5:1: error: po_id: repeated (po_id, line) = ("PO1", 1) '
        "(first on line 2)"),
    "repeated-transfer-id": (
        [("transfers.csv", lambda t: append_line(t, "TR1,SKU1,DC1,ST1,1,,2026-03-08"))],
        'transfers.csv:4:1: error: transfer_id: repeated value "TR1" (first on line 2)'),
    "repeated-lane": (
        [("lanes.csv", lambda t: append_line(t, "DC1,ST1,4,0.5,,,"))],
        'lanes.csv:5:1: error: from_location_id: repeated (from_location_id, to_location_id) '
        '= ("DC1", "ST1") (first on line 3)'),
    "repeated-forecast": (
        [("forecast.csv", lambda t: append_line(t, "SKU1,DC1,2026-03-09,41"))],
        'forecast.csv:5:1: error: item_id: repeated (item_id, location_id, date) = '
        '("SKU1", "DC1", 2026-03-09) (first on line 2)'),
}


def main():
    for name, (edits, expected) in CASES.items():
        folder = HERE / name
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(BASE, folder)
        for file, edit in edits:
            path = folder / file
            if edit is None:
                path.unlink()
                continue
            text = path.read_text(encoding="utf-8")
            path.write_bytes(edit(text).encode("utf-8", errors="surrogateescape"))
        (folder / "expected-error.txt").write_text(expected + "\n", encoding="utf-8")
    print(f"{len(CASES)} fixtures written under {HERE}")


if __name__ == "__main__":
    main()
