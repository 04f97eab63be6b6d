#pragma once
// Schema 8 -> 9 of the workbench database (store.cpp runs it): batches of several
// files, each record of a batch with the ERP's acknowledgement, and the X12 control
// numbers handed out.

#include "model/error.h"

struct sqlite3;

namespace model {

inline constexpr const char *kExportSchema9 =
    // Every file of a batch as written, so that a resend writes the same bytes. The
    // batches before schema 9 were one file each, kept in export_batches.payload;
    // they are copied here (and export_batches.payload stays empty from now on).
    "CREATE TABLE export_files (batch_id INTEGER NOT NULL REFERENCES export_batches(batch_id), "
    "seq INTEGER NOT NULL, file_name TEXT NOT NULL, content BLOB NOT NULL, "
    "PRIMARY KEY (batch_id, seq));"
    "INSERT INTO export_files (batch_id, seq, file_name, content) "
    "SELECT batch_id, 1, file_name, CAST(payload AS BLOB) FROM export_batches;"
    // One row per record of a batch. erp_status is NULL until the ERP acknowledges it:
    // 'accepted' (never exported again) or 'failed' (exported again by the next batch,
    // under the same idempotency key).
    "CREATE TABLE export_records (batch_id INTEGER NOT NULL REFERENCES "
    "export_batches(batch_id), decision_id INTEGER NOT NULL REFERENCES decisions(id), "
    "idempotency_key TEXT NOT NULL, erp_status TEXT CHECK (erp_status IN ('accepted', "
    "'failed')), erp_reference TEXT, erp_message TEXT, acknowledged_at TEXT, "
    "acknowledged_by TEXT, PRIMARY KEY (batch_id, decision_id));"
    "CREATE INDEX export_records_by_key ON export_records (idempotency_key);"
    "CREATE INDEX export_records_by_decision ON export_records (decision_id);"
    // X12 control numbers: each interchange (ISA13, also its one group's GS06) and
    // each transaction set (ST02) as handed out. Primary keys: never the same twice.
    "CREATE TABLE x12_interchanges (control_number INTEGER PRIMARY KEY, "
    "batch_id INTEGER NOT NULL REFERENCES export_batches(batch_id), "
    "supplier_id TEXT NOT NULL, file_name TEXT NOT NULL);"
    "CREATE TABLE x12_transaction_sets (control_number INTEGER PRIMARY KEY, "
    "interchange INTEGER NOT NULL REFERENCES x12_interchanges(control_number), "
    "po_id TEXT NOT NULL, change_sequence INTEGER NOT NULL);"
    "CREATE INDEX x12_transaction_sets_by_po ON x12_transaction_sets (po_id);";

/// Right after kExportSchema9: a record row for every decision a batch before schema 9
/// holds, with the idempotency key that batch wrote.
Result<void> recordEarlierExports(sqlite3 *db);

} // namespace model
