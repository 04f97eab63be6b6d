#pragma once
// A batch as CSV files for the data management workspace of Dynamics 365 Supply
// Chain Management: one file per data entity, with the entities' staging field names
// as column headers, numbered in the order to import them. Every transfer and every
// purchase is its own order, numbered from the idempotency key, so a file imported
// twice updates the same order (docs/erp-export.md, "Dynamics 365").

#include "model/export/exportrecord.h"

namespace model {

/// The files of a batch in the `d365` format (only those with rows).
std::vector<ExportFile> d365BatchFiles(
    const BatchHeader &batch, const std::vector<ExportRecord> &records);

/// The order number a transfer ("PWBT-") or purchase ("PWBP-") gets: the prefix and the
/// first 15 hex digits of the key in capitals, 20 characters in all (the length of
/// the ERP's order numbers).
QString d365OrderNumber(const ExportRecord &record);

} // namespace model
