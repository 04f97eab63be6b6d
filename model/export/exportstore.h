#pragma once
// Export to the ERP: every approved (or overridden) transfer, expedite and purchase
// not exported yet goes into one batch. The batch is a transactional outbox: its
// records and files are stored, its decisions marked exported and an audit event
// appended in one transaction, and only then are the files written (temporary files,
// fsync, rename) from what was stored. Exporting again writes nothing new; a batch
// can be written again (resend) byte for byte. Each record carries a stable
// idempotency key, so an ERP that receives a batch twice can tell. The ERP's
// acknowledgements come back through acknowledge(): an accepted record is done, a
// failed one goes out again in the next batch.

#include "model/error.h"
#include "model/users/user.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace model {

class ScoreRuns;
class Store;
class UserStore;

/// The file formats of a batch (docs/erp-export.md).
enum class ExportFormat { Json, Csv, Odoo, D365, X12 };
/// "json", "csv", "odoo", "d365", "x12"; false for anything else.
bool parseExportFormat(const QString &name, ExportFormat &out);
/// The name parseExportFormat() reads.
QString exportFormatName(ExportFormat format);
/// Whether batches of `format` carry `action` ("transfer", "expedite", "purchase"):
/// X12 860 carries expedites only (transfers are internal, purchases are new orders).
bool formatCarries(ExportFormat format, const QString &action);

/// What an export may need beyond the format.
struct ExportOptions {
    /// X12: the interchange sender id (ISA06, GS02), agreed with the suppliers.
    QString x12SenderId = QStringLiteral("PWB");
};

/// One written batch.
struct ExportBatch {
    qint64 batchId = 0; ///< 0: nothing was left to export
    qint64 recordCount = 0;
    QString format; ///< its exportFormatName()
    QStringList filePaths; ///< where its files were written, in import order
    QString chainHash; ///< the audit trail's latest hash, written into the batch
    /// With batchId 0: standing approvals not exported yet that `format` does not
    /// carry (an X12 export leaves transfers and purchases for another format).
    qint64 leftForOtherFormats = 0;
};

/// Where a decision stands with the ERP: its latest batch and the acknowledgement.
struct ErpState {
    qint64 batchId = 0;
    QString status; ///< "exported" (no answer yet), "accepted" or "failed"
    QString reference; ///< the ERP's id of what it created or changed
    QString message; ///< the ERP's words, mostly why it failed
};

/// One line of an acknowledgement file that was not applied, and why.
struct AckProblem {
    qint64 line = 0;
    QString key;
    QString problem;
};

/// What reading an acknowledgement file did.
struct AckReport {
    qint64 accepted = 0; ///< records newly acknowledged as accepted
    qint64 failed = 0; ///< records newly acknowledged as failed
    qint64 unchanged = 0; ///< lines saying again what a record's state already is
    /// Unknown keys, keys on several lines, and answers that contradict an earlier one.
    QList<AckProblem> notApplied;
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

    /// Exports every standing approval or override of an action `format` carries, of
    /// the latest run, that no batch holds yet (or whose last batch the ERP answered
    /// as failed), as `user`, into new files in `folder`. With nothing left, batchId
    /// is 0 and no file is written.
    Result<ExportBatch> exportApproved(const QString &folder, ExportFormat format, const User &user,
        const ExportOptions &options = {});
    /// Writes every file of batch `batchId` again into `folder`, the same bytes under
    /// the same names.
    Result<ExportBatch> resend(qint64 batchId, const QString &folder);

    /// Reads the ERP's acknowledgement file at `path` (docs/erp-export.md,
    /// "Acknowledgements") as `user`: each known record becomes accepted or failed,
    /// with an audit event each, in one transaction. A malformed file changes nothing
    /// (BadInput naming the file, line and field); unknown or repeated keys are not
    /// applied and are listed in the report.
    Result<AckReport> acknowledge(const QString &path, const User &user);

    /// The ERP state of every decision a batch holds, by decision id.
    Result<QHash<qint64, ErpState>> erpStates();

private:
    Store &m_store;
    ScoreRuns &m_runs;
    UserStore &m_users;
};

} // namespace model
