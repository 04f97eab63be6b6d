#pragma once
// Export to the ERP: every approved (or overridden) transfer, expedite and purchase
// not exported yet goes into one batch. The batch is a transactional outbox: its
// records are stored, its decisions marked exported and an audit event appended in
// one transaction, and only then is the file written (temporary file, fsync, rename)
// from what was stored. Exporting again writes nothing new; a batch can be written
// again (resend) byte for byte. Each record carries a stable idempotency key, so an
// ERP that receives a batch twice can tell.

#include "model/error.h"
#include "model/users/user.h"

#include <QString>
#include <QStringList>

namespace model {

class ScoreRuns;
class Store;
class UserStore;

/// The file formats of a batch.
enum class ExportFormat { Json, Csv };
/// "json", "csv"; false for anything else.
bool parseExportFormat(const QString &name, ExportFormat &out);

/// One written batch.
struct ExportBatch {
    qint64 batchId = 0; ///< 0: nothing was left to export
    qint64 recordCount = 0;
    QString filePath; ///< where it was written
    QString chainHash; ///< the audit trail's latest hash, written into the batch
};

/// Exports (Workbench::exporter()).
class ExportStore
{
public:
    ExportStore(Store &store, ScoreRuns &runs, UserStore &users)
        : m_store(store)
        , m_runs(runs)
        , m_users(users)
    { }
    ExportStore(const ExportStore &) = delete;
    ExportStore &operator=(const ExportStore &) = delete;

    /// Exports every standing approval or override of a transfer, expedite or purchase
    /// of the latest run that no batch holds yet, as `user`, into a new file in
    /// `folder`. With nothing left, batchId is 0 and no file is written.
    Result<ExportBatch> exportApproved(
        const QString &folder, ExportFormat format, const User &user);
    /// Writes batch `batchId` again into `folder`, the same bytes under the same name.
    Result<ExportBatch> resend(qint64 batchId, const QString &folder);

private:
    Store &m_store;
    ScoreRuns &m_runs;
    UserStore &m_users;
};

} // namespace model
