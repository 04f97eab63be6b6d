#pragma once
// Schema 4 -> 5 of the workbench database (store.cpp runs it, then converts the stored
// versions): the rows of the five large files as one block per item and version.

namespace model {

inline constexpr const char *kBlockSchema = R"sql(
CREATE TABLE item_blocks (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    item_seq INTEGER NOT NULL,
    block BLOB NOT NULL,
    PRIMARY KEY (snapshot_version, item_seq)
);
CREATE INDEX suppliers_by_seq ON suppliers (snapshot_version, seq);
CREATE INDEX customers_by_seq ON customers (snapshot_version, seq);
)sql";

} // namespace model
