#pragma once
// The workbench's own batch formats, for an ERP job that maps them itself: one JSON
// document or one CSV file with a row per record (docs/erp-export.md, "Records").

#include "model/export/exportrecord.h"

namespace model {

/// `pwb-export-NNNNNN.json`: {"format": "pwb-export/1", "batch_id", "created_at",
/// "created_by", "chain_hash", "records": [...]}.
ExportFile jsonBatchFile(const BatchHeader &batch, const std::vector<ExportRecord> &records);
/// `pwb-export-NNNNNN.csv`: a header row, then one row per record.
ExportFile csvBatchFile(const BatchHeader &batch, const std::vector<ExportRecord> &records);

} // namespace model
