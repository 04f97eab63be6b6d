#pragma once
// The ERP's acknowledgement file, read strictly: a CSV file with the header
// `idempotency_key,status,erp_reference,message` (docs/erp-export.md,
// "Acknowledgements"). Reading checks every line before anything is applied.

#include "model/error.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace model {

/// One line of an acknowledgement file.
struct AckLine {
    qint64 line = 0; ///< 1-based line of the file where the row starts
    QString key; ///< an idempotency key: `pwb-` and 32 lowercase hex digits
    bool accepted = false; ///< `accepted`; else `failed` (or its synonym `rejected`)
    QString reference; ///< may be empty
    QString message; ///< may be empty
};

/// The rows of an acknowledgement file named `fileName` (for messages) holding
/// `bytes`; BadInput naming the file, line and field of the first problem.
Result<std::vector<AckLine>> parseAcknowledgements(
    const QString &fileName, const QByteArray &bytes);

} // namespace model
