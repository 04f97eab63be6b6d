#include "model/import/importer.h"

#include "model/decisions/decisionstore.h"
#include "model/import/snapshotfiles.h"
#include "model/import/snapshotwriter.h"
#include "model/planned/plannedactions.h"
#include "model/runs/planmemostore.h"
#include "model/runs/runstore.h"
#include "model/snapshots/snapshotcatalog.h"
#include "model/store/statement.h"
#include "model/store/store.h"

#include <QFileInfo>

#include <atomic>
#include <chrono>
#include <exception>
#include <future>
#include <limits>

using namespace Qt::StringLiterals;

namespace model {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

/// The parser's verdict as an Error: the count in the message, every issue in details.
Error parseError(const QString &path, const engine::ParseResult &parsed)
{
    Error error {
        Error::BadInput, path + u": "_s + countOf(parsed.errorCount, u"error"_s, u"errors"_s), {}};
    if (parsed.truncated)
        error.message += u" (stopped there; fix these and import again to see more)"_s;
    for (const auto &issue : parsed.issues)
        error.details << fromStd(issue.format());
    return error;
}

} // namespace

Result<ImportSummary> Importer::importSnapshot(
    const QString &path, const engine::Policy &policy, const engine::Progress &progress)
{
    auto isCancelled
        = [&] { return progress.cancel && progress.cancel->load(std::memory_order_relaxed); };

    engine::ParseResult parsed;
    {
        auto files = readSnapshotFiles(path);
        if (!files)
            return std::unexpected(files.error());
        if (isCancelled())
            return std::unexpected(cancelledError());
        parsed = engine::parseSnapshot(*files);
    }
    if (!parsed.ok())
        return std::unexpected(parseError(path, parsed));

    ImportSummary summary;
    for (const auto &issue : parsed.issues) {
        if (issue.severity == engine::Issue::Severity::Warning)
            summary.warnings << fromStd(issue.format());
    }
    if (parsed.unlistedWarnings > 0) {
        summary.warnings << path + u": "_s
                + countOf(parsed.unlistedWarnings, u"more warning"_s, u"more warnings"_s)
                + u" not listed"_s;
    }
    auto snapshot = std::make_shared<const engine::Snapshot>(std::move(parsed.snapshot));
    // Approved actions this snapshot does not show yet are scored as supply; those it
    // shows are closed with the run. The stored snapshot is the ERP's alone.
    auto open = PlannedActions::open(m_store);
    if (!open)
        return std::unexpected(open.error());
    const auto settlement
        = PlannedActions::settle(*open, *snapshot, std::numeric_limits<qint64>::max());
    const auto scoredSnapshot = PlannedActions::withCounted(snapshot, settlement.counted);

    // Scoring runs beside this thread while it writes the snapshot; neither side
    // touches what the other writes. Progress is reported from this thread only, as
    // rows written plus SKU-locations scored.
    const std::int64_t rowsToWrite = SnapshotWriter::rowCount(*snapshot);
    const std::int64_t total = rowsToWrite + snapshot->itemLocations.size();
    // Items whose plan input is the same as in the last run (an unchanged item in
    // tonight's snapshot) reuse its plan.
    engine::planning::PlanMemo memo;
    if (auto ok = planmemo::load(m_store.handle(), memo); !ok)
        return std::unexpected(ok.error());
    std::atomic<bool> stopScoring {false};
    std::atomic<std::int64_t> scored {0};
    using Scored = engine::RankedQueue;
    auto scoring = std::async(std::launch::async, [&]() -> Result<Scored> {
        engine::Progress inner;
        inner.cancel = &stopScoring;
        inner.report = [&](std::int64_t done, std::int64_t) { scored.store(done); };
        try {
            // As many workers as cores, taking turns with the writer: on two cores
            // the scoring of a million SKU-locations ends before the write does.
            return engine::score(*scoredSnapshot, policy, inner, 0, &memo);
        } catch (const std::exception &e) {
            return std::unexpected(
                Error {Error::Database, u"Scoring failed: "_s + QString::fromUtf8(e.what()), {}});
        }
    });
    // Whatever happens below, the scoring thread must end before its inputs go away.
    struct StopScoring {
        std::atomic<bool> &flag;
        std::future<Result<Scored>> &future;
        ~StopScoring()
        {
            if (future.valid()) {
                flag = true;
                future.wait();
            }
        }
    } stopGuard {stopScoring, scoring};

    auto transaction = Transaction::begin(m_store.handle());
    if (!transaction)
        return std::unexpected(transaction.error());

    qint64 version = 1;
    {
        auto st = Statement::prepare(
            m_store.handle(), "SELECT coalesce(max(version), 0) + 1 FROM snapshots");
        if (!st)
            return std::unexpected(st.error());
        if (st->next())
            version = st->columnInt(0);
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
    }

    const QString importedAt = nowUtc();
    const QString sourcePath = path.startsWith(u':') ? path : QFileInfo(path).absoluteFilePath();
    SnapshotWriter writer(m_store.handle());
    auto written = writer.write(version, *snapshot, sourcePath, importedAt, [&](std::int64_t rows) {
        if (progress.report)
            progress.report(rows + scored.load(), total);
        return !isCancelled();
    });
    if (!written)
        return std::unexpected(written.error());

    while (scoring.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
        if (isCancelled())
            return std::unexpected(cancelledError());
        if (progress.report)
            progress.report(rowsToWrite + scored.load(), total);
    }
    auto scoredResult = scoring.get();
    if (!scoredResult)
        return std::unexpected(scoredResult.error());
    if (scoredResult->cancelled || isCancelled())
        return std::unexpected(cancelledError());
    const engine::RankedQueue &result = *scoredResult;

    RunStore runs(m_store.handle());
    auto run = runs.write(version, *scoredSnapshot, policy, result, importedAt);
    if (!run)
        return std::unexpected(run.error());
    if (auto ok
        = PlannedActions::record(m_store, *run, fromStd(snapshot->manifest.snapshotId), settlement);
        !ok)
        return std::unexpected(ok.error());
    if (auto ok = planmemo::save(m_store.handle(), memo); !ok)
        return std::unexpected(ok.error());
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());
    if (progress.report)
        progress.report(total, total);

    const auto &m = snapshot->manifest;
    summary.snapshot.version = version;
    summary.snapshot.snapshotId = fromStd(m.snapshotId);
    summary.snapshot.asOf = m.asOf;
    summary.snapshot.currency = fromStd(m.currency);
    summary.snapshot.sourceSystem = fromStd(m.sourceSystem);
    summary.snapshot.importedAt = importedAt;
    summary.snapshot.itemLocationCount = snapshot->itemLocations.size();
    summary.run = *run;

    m_snapshots.keep(std::move(snapshot), summary.snapshot);
    // After the run is in: each automatic approval goes through the decision path,
    // which reads the run as every reader does.
    if (m_decisions) {
        if (auto automatic = m_decisions->autoApprove(run->runId))
            summary.run.autoApproved = *automatic;
        else
            summary.run.autoApprovalProblem = automatic.error().message;
    }
    return summary;
}

} // namespace model
