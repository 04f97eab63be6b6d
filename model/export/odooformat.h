#pragma once
// A batch as CSV files Odoo's import (Settings > Import records, or the
// base_import API) reads, one file per model, numbered in the order to import them.
// Records the batch creates get External IDs of module `pwb_export` derived from the
// idempotency key, so importing a file twice updates rather than duplicates; records
// it changes (PO lines, receipts) and the operation types it names are referred to by
// External IDs of module `pwb_erp`, which the snapshot extract registers
// (docs/erp-export.md, "Odoo").

#include "model/export/exportrecord.h"

namespace model {

/// The files of a batch in the `odoo` format (only those with rows).
std::vector<ExportFile> odooBatchFiles(
    const BatchHeader &batch, const std::vector<ExportRecord> &records);

/// `text` as the name part of an External ID: letters and digits kept, every other
/// UTF-8 byte written as `_` and two lowercase hex digits ("DC-EAST" -> "DC_2dEAST").
QString odooIdPart(const QString &text);

} // namespace model
