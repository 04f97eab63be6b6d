#include "model/runs/runstore.h"

#include "model/json/policyjson.h"
#include "model/runs/queueimage.h"
#include "model/store/checksum.h"
#include "model/store/statement.h"

#include "engine/scoring/scoring.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <bit>
#include <deque>
#include <string>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace model {

namespace {

using engine::Index;

constexpr const char *kFactorColumns = "margin_at_risk, sla_penalty, order_aging, "
                                       "lead_time_volatility, capacity_pressure, carrying_cost, "
                                       "shelf_life_risk, count_discrepancy_risk";

/// Interns the ids of one queue column as UTF-8; the views stay valid while it lives.
class Interner
{
public:
    explicit Interner(std::vector<std::string_view> &out)
        : m_out(out)
    { }
    qint32 operator()(std::string_view text)
    {
        if (const auto it = m_index.find(text); it != m_index.end())
            return it->second;
        const auto index = qint32(m_out.size());
        const std::string &kept = m_storage.emplace_back(text);
        m_out.emplace_back(kept);
        m_index.emplace(kept, index);
        return index;
    }

private:
    std::vector<std::string_view> &m_out;
    std::deque<std::string> m_storage;
    std::unordered_map<std::string_view, qint32> m_index;
};

Error damagedRun(qint64 runId, const QString &what)
{
    return Error {Error::Database,
        u"The workbench database is damaged: the queue of score run "_s + QString::number(runId)
            + u' ' + what + u". Re-score the snapshot (pwb score) to store a sound queue."_s,
        {}};
}

Error damagedRunRow(qint64 runId)
{
    return Error {Error::Database,
        u"The workbench database is damaged: the row of score run "_s + QString::number(runId)
            + u" in table score_runs does not match its checksum. Re-score the snapshot "
              u"(pwb score) to store a sound run."_s,
        {}};
}

std::string_view blobOf(const Statement &st, int column)
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(st.handle(), column));
    return data ? std::string_view(data, std::size_t(sqlite3_column_bytes(st.handle(), column)))
                : std::string_view {};
}

} // namespace

Result<ScoreRunInfo> RunStore::write(qint64 snapshotVersion, const engine::Snapshot &s,
    const engine::Policy &policy, const engine::RankedQueue &result, const QString &createdAt)
{
    ScoreRunInfo run;
    run.snapshotVersion = snapshotVersion;
    run.scoringVersion = QString::fromStdString(result.scoringVersion);
    const QByteArray policyJson = canonicalPolicyJson(policy);
    run.policyHash = policyHash(policy);
    run.exceptionCount = qint64(result.exceptions.size());
    for (const auto &x : result.exceptions)
        run.totalScore += x.score;
    run.itemPlans = result.planStats.itemsPlanned;
    run.plansKept = result.planStats.itemsFromMemo;
    run.flowProblems = result.planStats.flowProblems;
    run.planSeconds = result.planStats.cpuSeconds;

    {
        auto st = Statement::prepare(m_db,
            "INSERT INTO score_runs (snapshot_version, scoring_version, policy_hash, "
            "policy_json, created_at, exception_count, total_score) VALUES (?,?,?,?,?,?,?)");
        if (!st)
            return std::unexpected(st.error());
        st->bindInt(1, snapshotVersion);
        st->bindText(2, run.scoringVersion);
        st->bindText(3, run.policyHash);
        st->bindTextNotNull(
            4, std::string_view(policyJson.constData(), std::size_t(policyJson.size())));
        st->bindText(5, createdAt);
        st->bindInt(6, run.exceptionCount);
        st->bindDouble(7, run.totalScore);
        if (auto ok = st->run(); !ok)
            return std::unexpected(ok.error());
        run.runId = sqlite3_last_insert_rowid(m_db);
        if (auto ok = sealRunRows(m_db, run.runId); !ok)
            return std::unexpected(ok.error());
    }

    // The queue in rank order, its ids interned in order of first appearance.
    const auto &exceptions = result.exceptions;
    const std::size_t n = exceptions.size();
    QueueRows rows;
    rows.resize(n);
    std::vector<qint32> itemSlot(std::size_t(s.items.size()), -1),
        locationSlot(std::size_t(s.locations.size()), -1),
        supplierSlot(std::size_t(s.suppliers.size()), -1);
    auto intern = [](std::vector<qint32> &slots, std::vector<std::string_view> &ids,
                      const engine::IdTable &table, Index index) {
        qint32 &slot = slots[std::size_t(index)];
        if (slot < 0) {
            slot = qint32(ids.size());
            ids.emplace_back(table.at(index));
        }
        return slot;
    };
    std::vector<bool> placed(n);
    for (std::size_t i = 0; i < n; ++i) {
        const engine::ExceptionSummary &x = exceptions[i];
        const std::size_t r = x.rank > 0 ? std::size_t(x.rank - 1) : i;
        if (r >= n || placed[r]) {
            return std::unexpected(
                Error {Error::Database, u"The score result has duplicate ranks."_s, {}});
        }
        placed[r] = true;
        rows.item[r] = intern(itemSlot, rows.itemIds, s.items.ids, x.item);
        rows.location[r] = intern(locationSlot, rows.locationIds, s.locations.ids, x.location);
        rows.supplier[r] = x.supplier == engine::kNone
            ? -1
            : intern(supplierSlot, rows.supplierIds, s.suppliers.ids, x.supplier);
        rows.type[r] = quint8(x.type);
        rows.topFactor[r]
            = x.topFactor >= 0 && x.topFactor < engine::kFactorCount ? quint8(x.topFactor) : 255;
        rows.action[r] = x.action >= 0 ? qint8(x.action) : qint8(-1);
        rows.actionFeasible[r] = x.action >= 0 && x.actionFeasible ? 1 : 0;
        rows.worstTier[r] = quint8(x.worstTier);
        rows.abcClass[r] = s.items.abcClass[std::size_t(x.item)];
        rows.score[r] = x.score;
        rows.needDate[r] = x.needDate;
        rows.actionCost[r] = x.actionCost;
        rows.canSave[r] = x.canSave;
        for (int f = 0; f < engine::kFactorCount; ++f)
            rows.factorAmounts[r * engine::kFactorCount + std::size_t(f)]
                = x.amounts[std::size_t(f)];
    }
    if (auto ok = writeImage(run.runId, encodeQueueImage(rows)); !ok)
        return std::unexpected(ok.error());
    return run;
}

Result<std::optional<ScoreRunInfo>> RunStore::latestRun(qint64 snapshotVersion)
{
    // Newest first, every row checked on the way rather than filtered by an index or
    // a WHERE: a damaged newer run must be an error, not skipped for an older one.
    const QByteArray sql = QByteArray("SELECT run_id, ") + sealed::kRuns
        + ", checksum FROM score_runs ORDER BY run_id DESC";
    auto st = Statement::prepare(m_db, sql.toStdString());
    if (!st)
        return std::unexpected(st.error());
    while (st->next()) {
        const qint64 runId = st->columnInt(0);
        if (!rowIntact(*st, runId, 1, sealed::kRunCount, 1 + sealed::kRunCount))
            return std::unexpected(damagedRunRow(runId));
        if (st->columnInt(1) != snapshotVersion)
            continue;
        ScoreRunInfo run;
        run.runId = runId;
        run.snapshotVersion = snapshotVersion;
        run.scoringVersion = st->columnString(2);
        run.policyHash = st->columnString(3);
        run.exceptionCount = st->columnInt(6);
        run.totalScore = st->columnDouble(7);
        return run;
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    return std::nullopt;
}

Result<engine::Policy> RunStore::policyOf(qint64 runId)
{
    const QByteArray sql = QByteArray("SELECT run_id, ") + sealed::kRuns
        + ", checksum FROM score_runs WHERE run_id = ?1";
    auto st = Statement::prepare(m_db, sql.toStdString());
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, runId);
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
        return std::unexpected(Error {
            Error::BadInput, u"There is no score run "_s + QString::number(runId) + u'.', {}});
    }
    if (!rowIntact(*st, runId, 1, sealed::kRunCount, 1 + sealed::kRunCount))
        return std::unexpected(damagedRunRow(runId));
    const std::string_view json = st->columnText(4);
    return policyFromJson(QByteArray(json.data(), qsizetype(json.size())),
        u"the policy of score run "_s + QString::number(runId), Retired::Skip);
}

namespace {

/// A run's stored queue read piece by piece through SQLite's incremental blob I/O.
class BlobImageSource final : public ImageSource
{
public:
    ~BlobImageSource() override
    {
        if (m_blob)
            sqlite3_blob_close(m_blob);
    }
    /// SQLITE_OK, or the code of why the run has no readable queue.
    int open(sqlite3 *db, qint64 runId)
    {
        const int code = sqlite3_blob_open(db, "main", "run_queues", "queue", runId, 0, &m_blob);
        if (code != SQLITE_OK) {
            // Even a failed open may leave a handle to close.
            if (m_blob)
                sqlite3_blob_close(m_blob);
            m_blob = nullptr;
        }
        return code;
    }
    std::uint64_t size() const override { return std::uint64_t(sqlite3_blob_bytes(m_blob)); }
    bool read(std::uint64_t offset, void *out, std::size_t count) const override
    {
        return offset <= size() && count <= size() - offset
            && sqlite3_blob_read(m_blob, out, int(count), int(offset)) == SQLITE_OK;
    }

private:
    sqlite3_blob *m_blob = nullptr;
};

/// An image whose chunks are checked against their checksums as they are first read.
class CheckedImageSource final : public ImageSource
{
public:
    CheckedImageSource(const ImageSource &image, qint64 runId, qint64 format, std::string checksums)
        : m_image(image)
        , m_runId(runId)
        , m_format(format)
        , m_checksums(std::move(checksums))
        , m_checked((image.size() + kChecksumChunk - 1) / kChecksumChunk)
    { }
    /// Whether there is a checksum for every chunk.
    bool fits() const { return checksumsFit(m_checksums, m_image.size()); }
    std::uint64_t size() const override { return m_image.size(); }
    bool read(std::uint64_t offset, void *out, std::size_t count) const override
    {
        if (offset > size() || count > size() - offset)
            return false;
        for (std::uint64_t c = offset / kChecksumChunk;
             count > 0 && c <= (offset + count - 1) / kChecksumChunk; ++c) {
            if (!check(std::size_t(c)))
                return false;
        }
        return m_image.read(offset, out, count);
    }
    /// Set when a read failed on a checksum rather than on a range.
    bool damaged() const { return m_damaged; }

private:
    bool check(std::size_t chunk) const
    {
        if (m_checked[chunk])
            return true;
        const std::uint64_t at = std::uint64_t(chunk) * kChecksumChunk;
        std::string bytes(std::size_t(std::min<std::uint64_t>(kChecksumChunk, size() - at)), '\0');
        if (!m_image.read(at, bytes.data(), bytes.size())
            || !chunkIntact(m_runId, m_format, chunk, bytes, m_checksums)) {
            m_damaged = true;
            return false;
        }
        m_checked[chunk] = true;
        return true;
    }

    const ImageSource &m_image;
    qint64 m_runId, m_format;
    std::string m_checksums;
    mutable std::vector<bool> m_checked;
    mutable bool m_damaged = false;
};

/// Whether every chunk of an image in memory matches its checksum.
bool imageIntact(qint64 runId, qint64 format, std::string_view image, std::string_view checksums)
{
    if (!checksumsFit(checksums, image.size()))
        return false;
    for (std::size_t c = 0; c * kChecksumChunk < image.size(); ++c) {
        if (!chunkIntact(
                runId, format, c, image.substr(c * kChecksumChunk, kChecksumChunk), checksums))
            return false;
    }
    return true;
}

} // namespace

Result<void> RunStore::writeImage(qint64 runId, const std::string &image, bool withChecksums)
{
    auto st = Statement::prepare(m_db,
        withChecksums
            ? "INSERT INTO run_queues (run_id, format, queue, checksums) VALUES (?1, ?2, ?3, ?4)"
            : "INSERT INTO run_queues (run_id, format, queue) VALUES (?1, ?2, ?3)");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, runId);
    st->bindInt(2, kQueueImageFormat);
    sqlite3_bind_blob64(st->handle(), 3, image.data(), image.size(), SQLITE_STATIC);
    const std::string checksums
        = withChecksums ? chunkChecksums(runId, kQueueImageFormat, image) : std::string();
    if (withChecksums)
        sqlite3_bind_blob64(st->handle(), 4, checksums.data(), checksums.size(), SQLITE_STATIC);
    return st->run();
}

Result<std::optional<RunException>> RunStore::find(qint64 runId, std::string_view exceptionId)
{
    qint64 format = 0;
    std::string checksums;
    {
        // The format is checked before the blob is: one of another format is not read.
        auto st = Statement::prepare(
            m_db, "SELECT format, checksums FROM run_queues WHERE run_id = ?1");
        if (!st)
            return std::unexpected(st.error());
        st->bindInt(1, runId);
        if (!st->next()) {
            if (auto ok = st->status(); !ok)
                return std::unexpected(ok.error());
            return std::nullopt;
        }
        format = st->columnInt(0);
        if (!isReadableQueueImageFormat(format))
            return std::unexpected(damagedRun(runId, u"is of another format"_s));
        checksums = blobOf(*st, 1);
    }
    BlobImageSource blob;
    if (blob.open(m_db, runId) != SQLITE_OK)
        return std::unexpected(sqliteError(m_db, u"Cannot read the queue of a score run"_s));
    const CheckedImageSource image(blob, runId, format, std::move(checksums));
    if (!image.fits())
        return std::unexpected(damagedRun(runId, u"does not match its checksums"_s));
    auto hit = findInQueueImage(image, exceptionId);
    if (image.damaged())
        return std::unexpected(damagedRun(runId, u"does not match its checksums"_s));
    if (!hit)
        return std::unexpected(damagedRun(runId, hit.error()));
    if (!*hit)
        return std::nullopt;
    return RunException {int((*hit)->row) + 1, QString::fromStdString((*hit)->itemId),
        QString::fromStdString((*hit)->locationId), (*hit)->score,
        (*hit)->topFactor == 255 ? -1 : int((*hit)->topFactor), (*hit)->canSave,
        int((*hit)->worstTier), (*hit)->abcClass};
}

Result<std::optional<int>> RunStore::rankOf(qint64 runId, std::string_view exceptionId)
{
    auto found = find(runId, exceptionId);
    if (!found)
        return std::unexpected(found.error());
    if (!*found)
        return std::nullopt;
    return (*found)->rank;
}

Result<Queue> RunStore::readQueue(
    const ScoreRunInfo &run, const SnapshotInfo &snapshot, const std::vector<Decision> &standing)
{
    Queue q;
    q.run = run;
    q.snapshot = snapshot;
    auto st = Statement::prepare(
        m_db, "SELECT format, queue, checksums FROM run_queues WHERE run_id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, run.runId);
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
        return std::unexpected(damagedRun(run.runId, u"is missing"_s));
    }
    const qint64 format = st->columnInt(0);
    if (!isReadableQueueImageFormat(format))
        return std::unexpected(damagedRun(run.runId, u"is of another format"_s));
    const std::string_view image = blobOf(*st, 1);
    if (!imageIntact(run.runId, format, image, blobOf(*st, 2)))
        return std::unexpected(damagedRun(run.runId, u"does not match its checksums"_s));
    if (auto ok = decodeQueueImage(image, q); !ok)
        return std::unexpected(damagedRun(run.runId, ok.error()));
    // The run's totals are kept apart from the image (the run list shows them without
    // reading it): both must tell the same story, to the last bit of the total, which
    // RunStore::write summed in this very order.
    double total = 0;
    for (const double score : q.score)
        total += score;
    if (q.size() != run.exceptionCount
        || std::bit_cast<std::uint64_t>(total) != std::bit_cast<std::uint64_t>(run.totalScore)) {
        return std::unexpected(damagedRun(
            run.runId, u"does not hold the number of exceptions and total score recorded"_s));
    }

    // Standing decisions: usually a handful, each found by its id in the image.
    {
        const MemoryImageSource source(image);
        for (const Decision &decision : standing) {
            auto hit = findInQueueImage(source, decision.exceptionId.toStdString());
            if (!hit)
                return std::unexpected(damagedRun(run.runId, hit.error()));
            if (*hit) {
                q.decision[(*hit)->row] = decision.kind;
                if (decision.automatic())
                    q.autoRule.insert(qint32((*hit)->row), decision.autoRule);
                else
                    q.autoRule.remove(qint32((*hit)->row));
            }
        }
    }
    st->reset();

    // Descriptions of the items in the queue: one pass over the snapshot's items,
    // each row checked.
    std::unordered_map<std::string, qint32> itemRow;
    itemRow.reserve(std::size_t(q.itemIds.size()));
    for (qsizetype i = 0; i < q.itemIds.size(); ++i)
        itemRow.emplace(q.itemIds[i].toStdString(), qint32(i));
    q.itemDescriptions.resize(q.itemIds.size());
    const QByteArray itemSql = QByteArray("SELECT ") + sealed::kItems
        + ", checksum FROM items WHERE snapshot_version = ?1";
    auto desc = Statement::prepare(m_db, itemSql.toStdString());
    if (!desc)
        return std::unexpected(desc.error());
    desc->bindInt(1, snapshot.version);
    std::string id;
    while (desc->next()) {
        if (!rowIntact(*desc, snapshot.version, 0, 8, 8)) {
            return std::unexpected(Error {Error::Database,
                u"The workbench database is damaged: row "_s + QString::number(desc->columnInt(0))
                    + u" of table items of snapshot version "_s + QString::number(snapshot.version)
                    + u" does not match its checksum. Import the snapshot again (pwb import) to "
                      u"store a sound copy."_s,
                {}});
        }
        id.assign(desc->columnText(1));
        if (const auto it = itemRow.find(id); it != itemRow.end())
            q.itemDescriptions[it->second] = desc->columnString(2);
    }
    if (auto ok = desc->status(); !ok)
        return std::unexpected(ok.error());
    return q;
}

Result<void> RunStore::convertRows(sqlite3 *db)
{
    std::vector<std::pair<qint64, qint64>> runs;
    {
        auto st = Statement::prepare(db, "SELECT run_id, exception_count FROM score_runs");
        if (!st)
            return std::unexpected(st.error());
        while (st->next())
            runs.emplace_back(st->columnInt(0), st->columnInt(1));
        if (auto ok = st->status(); !ok)
            return ok;
    }
    const QByteArray sql = QByteArray("SELECT rank, type, item_id, location_id, supplier_id, "
                                      "score, need_date, top_factor, action, action_cost, "
                                      "worst_tier, abc_class, ")
        + kFactorColumns + " FROM exceptions WHERE run_id = ?1";
    auto st = Statement::prepare(db, std::string_view(sql.constData(), std::size_t(sql.size())));
    if (!st)
        return std::unexpected(st.error());
    std::unordered_map<std::string_view, quint8> typeCodes, factorCodes, actionCodes;
    for (int t = 0; t < engine::kExceptionTypeCount; ++t)
        typeCodes.emplace(engine::exceptionTypeName(engine::ExceptionType(t)), quint8(t));
    for (int f = 0; f < engine::kFactorCount; ++f)
        factorCodes.emplace(engine::factorName(engine::FactorKind(f)), quint8(f));
    for (int a = 0; a <= int(engine::Action::CycleCount); ++a)
        actionCodes.emplace(engine::actionName(engine::Action(a)), quint8(a));

    for (const auto &[runId, count] : runs) {
        const auto n = std::size_t(std::max<qint64>(count, 0));
        QueueRows rows;
        rows.resize(n);
        std::vector<bool> placed(n);
        Interner items(rows.itemIds), locations(rows.locationIds), suppliers(rows.supplierIds);
        st->bindInt(1, runId);
        std::size_t seen = 0;
        while (st->next()) {
            const std::int64_t rank = st->columnInt(0);
            const auto type = typeCodes.find(st->columnText(1));
            if (rank < 1 || std::uint64_t(rank) > n || placed[std::size_t(rank - 1)]
                || type == typeCodes.end())
                return std::unexpected(damagedRun(runId, u"has a row out of range"_s));
            const auto r = std::size_t(rank - 1);
            placed[r] = true;
            rows.type[r] = type->second;
            rows.item[r] = items(st->columnText(2));
            rows.location[r] = locations(st->columnText(3));
            rows.supplier[r] = st->isNull(4) ? -1 : suppliers(st->columnText(4));
            rows.score[r] = st->columnDouble(5);
            rows.needDate[r] = st->columnDate(6).value_or(engine::kNoDate);
            const auto factor = factorCodes.find(st->columnText(7));
            rows.topFactor[r] = factor == factorCodes.end() ? quint8(255) : factor->second;
            const auto action = actionCodes.find(st->columnText(8));
            rows.action[r] = action == actionCodes.end() ? qint8(-1) : qint8(action->second);
            // That table kept only feasible actions.
            rows.actionFeasible[r] = rows.action[r] >= 0 ? 1 : 0;
            rows.actionCost[r] = st->columnDouble(9);
            rows.worstTier[r] = quint8(st->columnInt(10));
            const std::string_view abc = st->columnText(11);
            rows.abcClass[r] = abc.empty() ? char(0) : abc.front();
            for (int f = 0; f < engine::kFactorCount; ++f)
                rows.factorAmounts[r * engine::kFactorCount + std::size_t(f)]
                    = st->columnDouble(12 + f);
            ++seen;
        }
        if (auto ok = st->status(); !ok)
            return ok;
        st->reset();
        if (seen != n) {
            return std::unexpected(
                damagedRun(runId, u"holds a different number of exceptions than recorded"_s));
        }
        // Schema 3 had no checksums; schema 7 adds them to every image.
        if (auto ok = RunStore(db).writeImage(runId, encodeQueueImage(rows), false); !ok)
            return ok;
    }
    return {};
}

} // namespace model
