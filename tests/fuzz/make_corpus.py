#!/usr/bin/env python3
"""Writes one fuzzing seed per snapshot folder under tests/data (valid and broken):
the files of the snapshot joined by NUL bytes in the order the fuzz targets expect.
The committed seeds in tests/fuzz/corpus/snapshot are a few of these.

Usage: make_corpus.py OUTPUT_DIR
"""
import pathlib
import sys

FILES = ["manifest.json", "locations.csv", "items.csv", "suppliers.csv", "customers.csv",
         "item_locations.csv", "sales_orders.csv", "purchase_orders.csv", "transfers.csv",
         "lanes.csv", "forecast.csv"]


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    data = pathlib.Path(__file__).resolve().parent.parent / "data"
    for folder in sorted(p for kind in ("valid", "broken") for p in (data / kind).iterdir()
                         if p.is_dir()):
        parts = [(folder / name).read_bytes() if (folder / name).exists() else b""
                 for name in FILES]
        (out / f"{folder.parent.name}-{folder.name}").write_bytes(b"\0".join(parts))


if __name__ == "__main__":
    main()
