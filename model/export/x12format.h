#pragma once
// Expedites as ANSI X12 004010 860 purchase order change requests, one interchange
// per supplier (ISA08 names the supplier), one transaction set per purchase order,
// one POC loop per expedited line (docs/erp-export.md, "X12 860"). The control
// numbers come in from the database (ExportStore), which never hands one out twice;
// the writer only formats and checks that every value fits X12.

#include "model/error.h"
#include "model/export/exportrecord.h"

namespace model {

/// One 860 transaction set: the changes to one purchase order.
struct X12ChangeSet {
    QString poId;
    qint64 controlNumber = 0; ///< ST02 and SE02
    int changeSequence = 1; ///< BCH05: how many changes to this PO were sent, this one included
    std::vector<const ExportRecord *> lines; ///< its expedited lines, in line order
};

/// One interchange: every change to one supplier's purchase orders.
struct X12Interchange {
    QString supplierId; ///< ISA08 and GS03
    qint64 controlNumber = 0; ///< ISA13 and IEA02; also GS06 and GE02 (one group each)
    std::vector<X12ChangeSet> sets;
};

/// The expedites of `records` grouped by supplier and PO, in the order first seen,
/// with every control number 0 for the caller to fill.
std::vector<X12Interchange> planX12(const std::vector<ExportRecord> &records);

/// The interchanges as files, one per interchange (`pwb-export-NNNNNN-x12-ISA13.x12`),
/// sent by `senderId` (ISA06, GS02). BadInput when a value cannot be written in X12:
/// an id too long for its element, or holding a separator or a non-ASCII character.
Result<std::vector<ExportFile>> x12BatchFiles(const BatchHeader &batch,
    const std::vector<X12Interchange> &interchanges, const QString &senderId);

/// The separators the files use: element, sub-element (ISA16) and segment terminator.
inline constexpr char kX12Element = '*';
inline constexpr char kX12SubElement = '>';
inline constexpr char kX12Segment = '~';

} // namespace model
