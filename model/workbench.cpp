#include "model/workbench.h"

#include "model/import/snapshotfiles.h"
#include "model/import/snapshotwriter.h"
#include "model/json/policyjson.h"
#include "model/runs/runstore.h"
#include "model/snapshots/snapshotloader.h"
#include "model/store/statement.h"
#include "model/store/store.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <future>

using namespace Qt::StringLiterals;

namespace model {

namespace {

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

std::string toStd(const QString &text)
{
    return text.toStdString();
}

Error cancelled()
{
    return Error {Error::Cancelled, u"Cancelled; nothing was changed."_s, {}};
}

Error noSnapshot()
{
    return Error {Error::BadInput,
        u"The database holds no snapshot yet; import one first (pwb import <folder or .zip>)."_s,
        {}};
}

QString countOf(std::size_t n, const QString &one, const QString &many)
{
    return QString::number(n) + u' ' + (n == 1 ? one : many);
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

QString Queue::exceptionId(qsizetype row) const
{
    const auto r = std::size_t(row);
    return QString::fromUtf8(engine::exceptionTypeName(engine::ExceptionType(type[r]))) + u':'
        + itemIds.at(item[r]) + u'@' + locationIds.at(location[r]);
}

Workbench::Workbench(std::unique_ptr<Store> store)
    : m_store(std::move(store))
{ }

Workbench::~Workbench() = default;

Result<std::unique_ptr<Workbench>> Workbench::open(const QString &databasePath)
{
    auto store = Store::open(databasePath);
    if (!store)
        return std::unexpected(store.error());
    return std::unique_ptr<Workbench>(new Workbench(std::move(*store)));
}

QString Workbench::databasePath() const
{
    return m_store->path();
}

Result<engine::Policy> Workbench::loadPolicy(const QString &path)
{
    if (path.isEmpty())
        return engine::Policy {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::unexpected(Error {file.exists() ? Error::Io : Error::BadInput,
            u"Cannot read the policy file "_s + path + u": "_s + file.errorString(), {}});
    }
    return policyFromJson(file.readAll(), path);
}

QByteArray Workbench::policyJson(const engine::Policy &policy)
{
    return canonicalPolicyJson(policy);
}

QString Workbench::policyHash(const engine::Policy &policy)
{
    return model::policyHash(policy);
}

Result<ImportSummary> Workbench::importSnapshot(
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
            return std::unexpected(cancelled());
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

    // Scoring runs beside this thread while it writes the snapshot; neither side
    // touches what the other writes. Progress is reported from this thread only, as
    // rows written plus SKU-locations scored.
    const std::int64_t rowsToWrite = SnapshotWriter::rowCount(*snapshot);
    const std::int64_t total = rowsToWrite + snapshot->itemLocations.size();
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
            return engine::score(*snapshot, policy, inner);
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

    auto transaction = Transaction::begin(m_store->handle());
    if (!transaction)
        return std::unexpected(transaction.error());

    qint64 version = 1;
    {
        auto st = Statement::prepare(
            m_store->handle(), "SELECT coalesce(max(version), 0) + 1 FROM snapshots");
        if (!st)
            return std::unexpected(st.error());
        if (st->next())
            version = st->columnInt(0);
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
    }

    const QString importedAt = nowUtc();
    const QString sourcePath = path.startsWith(u':') ? path : QFileInfo(path).absoluteFilePath();
    SnapshotWriter writer(m_store->handle());
    auto written = writer.write(version, *snapshot, sourcePath, importedAt, [&](std::int64_t rows) {
        if (progress.report)
            progress.report(rows + scored.load(), total);
        return !isCancelled();
    });
    if (!written)
        return std::unexpected(written.error());

    while (scoring.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
        if (isCancelled())
            return std::unexpected(cancelled());
        if (progress.report)
            progress.report(rowsToWrite + scored.load(), total);
    }
    auto scoredResult = scoring.get();
    if (!scoredResult)
        return std::unexpected(scoredResult.error());
    if (scoredResult->cancelled || isCancelled())
        return std::unexpected(cancelled());
    const engine::RankedQueue &result = *scoredResult;

    RunStore runs(m_store->handle());
    auto run = runs.write(version, *snapshot, policy, result, importedAt);
    if (!run)
        return std::unexpected(run.error());
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

    m_snapshot = std::move(snapshot);
    m_snapshotVersion = version;
    m_snapshotImportedAt = importedAt;
    return summary;
}

Result<ScoreRunInfo> Workbench::rescore(
    const engine::Policy &policy, const engine::Progress &progress)
{
    auto current = currentSnapshot();
    if (!current)
        return std::unexpected(current.error());
    if (!*current)
        return std::unexpected(noSnapshot());
    auto snapshot = fullSnapshot(**current);
    if (!snapshot)
        return std::unexpected(snapshot.error());

    engine::RankedQueue result;
    try {
        result = engine::score(**snapshot, policy, progress);
    } catch (const std::exception &e) {
        return std::unexpected(
            Error {Error::Database, u"Scoring failed: "_s + QString::fromUtf8(e.what()), {}});
    }
    if (result.cancelled)
        return std::unexpected(cancelled());

    auto transaction = Transaction::begin(m_store->handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    RunStore runs(m_store->handle());
    auto run = runs.write((*current)->version, **snapshot, policy, result, nowUtc());
    if (!run)
        return std::unexpected(run.error());
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());
    return run;
}

Result<std::shared_ptr<const engine::Snapshot>> Workbench::fullSnapshot(const SnapshotInfo &info)
{
    if (m_snapshot && m_snapshotVersion == info.version && m_snapshotImportedAt == info.importedAt)
        return m_snapshot;
    m_snapshot.reset(); // free the old one before loading the next
    SnapshotLoader loader(m_store->handle());
    auto loaded = loader.loadAll(info.version);
    if (!loaded)
        return std::unexpected(loaded.error());
    m_snapshot = std::make_shared<const engine::Snapshot>(std::move(*loaded));
    m_snapshotVersion = info.version;
    m_snapshotImportedAt = info.importedAt;
    return m_snapshot;
}

namespace {

constexpr const char *kSnapshotColumns = "SELECT version, snapshot_id, as_of, currency, "
                                         "source_system, imported_at, item_location_count "
                                         "FROM snapshots";

SnapshotInfo readSnapshotInfo(const Statement &st)
{
    SnapshotInfo info;
    info.version = st.columnInt(0);
    info.snapshotId = st.columnString(1);
    info.asOf = st.columnDate(2).value_or(engine::kNoDate);
    info.currency = st.columnString(3);
    info.sourceSystem = st.columnString(4);
    info.importedAt = st.columnString(5);
    info.itemLocationCount = st.columnInt(6);
    return info;
}

} // namespace

Result<std::optional<SnapshotInfo>> Workbench::currentSnapshot()
{
    const QByteArray sql = QByteArray(kSnapshotColumns) + " ORDER BY version DESC LIMIT 1";
    auto st = Statement::prepare(m_store->handle(), sql.toStdString());
    if (!st)
        return std::unexpected(st.error());
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
        return std::nullopt;
    }
    return readSnapshotInfo(*st);
}

Result<std::vector<SnapshotInfo>> Workbench::snapshots()
{
    const QByteArray sql = QByteArray(kSnapshotColumns) + " ORDER BY version";
    auto st = Statement::prepare(m_store->handle(), sql.toStdString());
    if (!st)
        return std::unexpected(st.error());
    std::vector<SnapshotInfo> infos;
    while (st->next())
        infos.push_back(readSnapshotInfo(*st));
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return infos;
}

Result<std::pair<SnapshotInfo, ScoreRunInfo>> Workbench::currentRun()
{
    auto current = currentSnapshot();
    if (!current)
        return std::unexpected(current.error());
    if (!*current)
        return std::unexpected(noSnapshot());
    auto run = RunStore(m_store->handle()).latestRun((*current)->version);
    if (!run)
        return std::unexpected(run.error());
    if (!*run) {
        return std::unexpected(Error {Error::BadInput,
            u"Snapshot version "_s + QString::number((*current)->version)
                + u" has not been scored yet; re-score it first."_s,
            {}});
    }
    return std::pair {**current, **run};
}

Result<Queue> Workbench::queue()
{
    auto current = currentSnapshot();
    if (!current)
        return std::unexpected(current.error());
    if (!*current)
        return Queue {};
    RunStore runs(m_store->handle());
    auto run = runs.latestRun((*current)->version);
    if (!run)
        return std::unexpected(run.error());
    if (!*run) {
        Queue empty;
        empty.snapshot = **current;
        return empty;
    }
    return runs.readQueue(**run, **current);
}

Result<Explanation> Workbench::analyse(const SnapshotInfo &snapshot,
    const std::optional<ScoreRunInfo> &run, const engine::Policy &policy, const QString &itemId,
    const QString &locationId)
{
    SnapshotLoader loader(m_store->handle());
    auto rows = loader.loadItem(snapshot.version, toStd(itemId));
    if (!rows)
        return std::unexpected(rows.error());
    const engine::Index item = rows->items.ids.find(toStd(itemId));
    const engine::Index location = rows->locations.ids.find(toStd(locationId));
    const engine::Index itemLocation = rows->itemLocation(item, location);
    if (itemLocation == engine::kNone) {
        return std::unexpected(Error {Error::BadInput,
            u"Item \""_s + itemId + u"\" is not stocked at location \""_s + locationId
                + u"\" in snapshot version "_s + QString::number(snapshot.version) + u'.',
            {}});
    }

    Explanation explanation;
    explanation.snapshot = snapshot;
    explanation.policy = policy;
    if (run)
        explanation.run = *run;
    auto shared = std::make_shared<const engine::Snapshot>(std::move(*rows));
    try {
        explanation.result = engine::analyse(*shared, policy, itemLocation);
    } catch (const std::exception &e) {
        return std::unexpected(
            Error {Error::Database, u"Analysis failed: "_s + QString::fromUtf8(e.what()), {}});
    }
    explanation.rows = std::move(shared);
    if (run) {
        RunStore runs(m_store->handle());
        for (auto &x : explanation.result.exceptions) {
            auto rank = runs.rankOf(run->runId, x.id);
            if (!rank)
                return std::unexpected(rank.error());
            x.rank = rank->value_or(0);
        }
    }
    return explanation;
}

Result<Explanation> Workbench::explainException(const QString &exceptionId)
{
    auto current = currentRun();
    if (!current)
        return std::unexpected(current.error());
    const auto &[snapshot, run] = *current;

    auto found = RunStore(m_store->handle()).find(run.runId, toStd(exceptionId));
    if (!found)
        return std::unexpected(found.error());
    if (!*found) {
        return std::unexpected(Error {Error::BadInput,
            u"There is no exception \""_s + exceptionId + u"\" in the current queue."_s, {}});
    }
    const QString itemId = (*found)->itemId;
    const QString locationId = (*found)->locationId;

    // The run's own policy, so the explanation reproduces the stored score exactly.
    auto policy = RunStore(m_store->handle()).policyOf(run.runId);
    if (!policy)
        return std::unexpected(policy.error());
    auto explanation = analyse(snapshot, run, *policy, itemId, locationId);
    if (!explanation)
        return std::unexpected(explanation.error());
    const std::string id = toStd(exceptionId);
    for (const auto &x : explanation->result.exceptions) {
        if (x.id == id) {
            explanation->exception = x;
            return explanation;
        }
    }
    return std::unexpected(Error {Error::Database,
        u"Exception \""_s + exceptionId
            + u"\" could not be reproduced from the stored snapshot"
              u" (scored by "_s
            + run.scoringVersion + u"); re-score the snapshot."_s,
        {}});
}

Result<Explanation> Workbench::explainItemLocation(const QString &itemId, const QString &locationId)
{
    auto current = currentSnapshot();
    if (!current)
        return std::unexpected(current.error());
    if (!*current)
        return std::unexpected(noSnapshot());
    RunStore runs(m_store->handle());
    auto run = runs.latestRun((*current)->version);
    if (!run)
        return std::unexpected(run.error());
    engine::Policy policy;
    if (*run) {
        auto runPolicy = runs.policyOf((*run)->runId);
        if (!runPolicy)
            return std::unexpected(runPolicy.error());
        policy = *runPolicy;
    }
    return analyse(**current, *run, policy, itemId, locationId);
}

Result<Decision> Workbench::recordDecision(const QString &exceptionId, int recommendationIndex,
    Decision::Kind kind, const QString &user, const QString &comment)
{
    if (kind != Decision::Approved && kind != Decision::Rejected) {
        return std::unexpected(
            Error {Error::Usage, u"A decision is either an approval or a rejection."_s, {}});
    }
    if (user.trimmed().isEmpty())
        return std::unexpected(
            Error {Error::Usage, u"A decision needs the name of its user."_s, {}});
    auto explanation = explainException(exceptionId);
    if (!explanation)
        return std::unexpected(explanation.error());
    const auto &recommendations = explanation->exception->recommendations;
    if (recommendationIndex < 0 || std::size_t(recommendationIndex) >= recommendations.size()) {
        return std::unexpected(Error {Error::BadInput,
            u"Exception \""_s + exceptionId + u"\" has "_s
                + countOf(recommendations.size(), u"recommendation"_s, u"recommendations"_s)
                + u"; there is no recommendation "_s + QString::number(recommendationIndex) + u'.',
            {}});
    }

    Decision decision;
    decision.exceptionId = exceptionId;
    decision.recommendationIndex = recommendationIndex;
    decision.action = QString::fromUtf8(
        engine::actionName(recommendations[std::size_t(recommendationIndex)].action));
    decision.kind = kind;
    decision.user = user.trimmed();
    decision.comment = comment;
    decision.decidedAt = nowUtc();
    decision.runId = explanation->run.runId;

    auto transaction = Transaction::begin(m_store->handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto st = Statement::prepare(m_store->handle(),
        "INSERT INTO decisions (run_id, exception_id, recommendation_index, action, kind, user, "
        "comment, decided_at) VALUES (?,?,?,?,?,?,?,?)");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, decision.runId);
    st->bindText(2, decision.exceptionId);
    st->bindInt(3, decision.recommendationIndex);
    st->bindText(4, decision.action);
    st->bindTextNotNull(5, kind == Decision::Approved ? "approved" : "rejected");
    st->bindText(6, decision.user);
    st->bindText(7, decision.comment);
    st->bindText(8, decision.decidedAt);
    if (auto ok = st->run(); !ok)
        return std::unexpected(ok.error());
    decision.id = sqlite3_last_insert_rowid(m_store->handle());
    if (auto ok = transaction->commit(); !ok)
        return std::unexpected(ok.error());
    return decision;
}

Result<void> Workbench::undoDecision(qint64 decisionId)
{
    auto transaction = Transaction::begin(m_store->handle());
    if (!transaction)
        return std::unexpected(transaction.error());
    auto st = Statement::prepare(
        m_store->handle(), "SELECT undone_at IS NOT NULL FROM decisions WHERE id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, decisionId);
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return ok;
        return std::unexpected(Error {
            Error::BadInput, u"There is no decision "_s + QString::number(decisionId) + u'.', {}});
    }
    if (st->columnInt(0) != 0) {
        return std::unexpected(Error {Error::BadInput,
            u"Decision "_s + QString::number(decisionId) + u" was already undone."_s, {}});
    }
    st->reset();
    auto update = Statement::prepare(
        m_store->handle(), "UPDATE decisions SET undone_at = ?2 WHERE id = ?1");
    if (!update)
        return std::unexpected(update.error());
    update->bindInt(1, decisionId);
    update->bindText(2, nowUtc());
    if (auto ok = update->run(); !ok)
        return ok;
    return transaction->commit();
}

Result<std::vector<Decision>> Workbench::decisions()
{
    auto current = currentSnapshot();
    if (!current)
        return std::unexpected(current.error());
    if (!*current)
        return std::vector<Decision> {};
    auto run = RunStore(m_store->handle()).latestRun((*current)->version);
    if (!run)
        return std::unexpected(run.error());
    if (!*run)
        return std::vector<Decision> {};

    auto st = Statement::prepare(m_store->handle(),
        "SELECT id, exception_id, recommendation_index, action, kind, user, comment, decided_at "
        "FROM decisions WHERE id IN (SELECT max(id) FROM decisions WHERE run_id = ?1 AND "
        "undone_at IS NULL GROUP BY exception_id) ORDER BY id");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, (*run)->runId);
    std::vector<Decision> out;
    while (st->next()) {
        Decision d;
        d.id = st->columnInt(0);
        d.exceptionId = st->columnString(1);
        d.recommendationIndex = int(st->columnInt(2));
        d.action = st->columnString(3);
        d.kind = st->columnText(4) == "approved" ? Decision::Approved : Decision::Rejected;
        d.user = st->columnString(5);
        d.comment = st->columnString(6);
        d.decidedAt = st->columnString(7);
        d.runId = (*run)->runId;
        out.push_back(std::move(d));
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return out;
}

} // namespace model
