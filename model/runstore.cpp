#include "runstore.h"

#include "policyjson.h"
#include "statement.h"

#include "engine/scoring.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace model {

namespace {

using engine::Index;

constexpr const char *kFactorColumns = "margin_at_risk, sla_penalty, order_aging, "
                                       "lead_time_volatility, capacity_pressure, carrying_cost, "
                                       "shelf_life_risk, count_discrepancy_risk";

/// Interns the strings of one queue column into a QStringList as they are read.
class Interner
{
public:
    explicit Interner(QStringList &out)
        : m_out(out)
    { }
    qint32 operator()(std::string_view text)
    {
        if (const auto it = m_index.find(text); it != m_index.end())
            return it->second;
        const auto index = qint32(m_out.size());
        m_out.append(QString::fromUtf8(text.data(), qsizetype(text.size())));
        m_index.emplace(std::string(text), index);
        return index;
    }
    /// The index of `text` if it was interned, else -1.
    qint32 find(std::string_view text) const
    {
        const auto it = m_index.find(text);
        return it == m_index.end() ? -1 : it->second;
    }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const
        {
            return std::hash<std::string_view> {}(s);
        }
    };
    QStringList &m_out;
    std::unordered_map<std::string, qint32, Hash, std::equal_to<>> m_index;
};

} // namespace

Result<ScoreRunInfo> RunStore::write(qint64 snapshotVersion, const engine::Snapshot &s,
    const engine::Policy &policy, const engine::ScoreResult &result, const QString &createdAt)
{
    ScoreRunInfo run;
    run.snapshotVersion = snapshotVersion;
    run.scoringVersion = QString::fromStdString(result.scoringVersion);
    const QByteArray policyJson = canonicalPolicyJson(policy);
    run.policyHash = policyHash(policy);
    run.exceptionCount = qint64(result.exceptions.size());
    for (const auto &x : result.exceptions)
        run.totalScore += x.score;

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
    }

    const QByteArray sql = QByteArray("INSERT INTO exceptions (run_id, exception_id, rank, type, "
                                      "item_id, location_id, supplier_id, score, need_date, "
                                      "top_factor, action, action_cost, worst_tier, abc_class, ")
        + kFactorColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    auto st = Statement::prepare(m_db, std::string_view(sql.constData(), std::size_t(sql.size())));
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, run.runId);

    // Inserted in key order, so every row lands at the end of the primary-key tree.
    // The ids are written once into one buffer (no allocation per row) and sorted as
    // views into it.
    const auto &exceptions = result.exceptions;
    std::string ids;
    std::vector<std::uint32_t> ends(exceptions.size());
    {
        std::string id;
        ids.reserve(exceptions.size() * 32);
        for (std::size_t i = 0; i < exceptions.size(); ++i) {
            engine::exceptionId(s, exceptions[i], id);
            ids += id;
            ends[i] = std::uint32_t(ids.size());
        }
    }
    auto idOf = [&](std::uint32_t i) {
        const std::uint32_t begin = i == 0 ? 0 : ends[i - 1];
        return std::string_view(ids).substr(begin, ends[i] - begin);
    };
    std::vector<std::pair<std::string_view, std::uint32_t>> order;
    order.reserve(exceptions.size());
    for (std::size_t i = 0; i < exceptions.size(); ++i)
        order.emplace_back(idOf(std::uint32_t(i)), std::uint32_t(i));
    std::sort(order.begin(), order.end());

    std::array<std::string_view, engine::kFactorCount> factorNames;
    for (int f = 0; f < engine::kFactorCount; ++f)
        factorNames[std::size_t(f)] = engine::factorName(engine::FactorKind(f));
    for (const auto &[id, i] : order) {
        const engine::ExceptionSummary &x = exceptions[i];
        st->bindTextNotNull(2, id);
        st->bindInt(3, x.rank > 0 ? x.rank : qint64(i) + 1);
        st->bindTextNotNull(4, engine::exceptionTypeName(x.type));
        st->bindTextNotNull(5, s.items.ids.at(x.item));
        st->bindTextNotNull(6, s.locations.ids.at(x.location));
        st->bindText(
            7, x.supplier == engine::kNone ? std::string_view() : s.suppliers.ids.at(x.supplier));
        st->bindDouble(8, x.score);
        st->bindDate(9, x.needDate);
        st->bindText(10,
            x.topFactor >= 0 && x.topFactor < engine::kFactorCount
                ? factorNames[std::size_t(x.topFactor)]
                : std::string_view());
        st->bindText(11,
            x.action >= 0 ? std::string_view(engine::actionName(engine::Action(x.action)))
                          : std::string_view());
        st->bindDouble(12, x.actionCost);
        st->bindInt(13, x.worstTier);
        const char &abc = s.items.abcClass[std::size_t(x.item)];
        st->bindText(14, abc ? std::string_view(&abc, 1) : std::string_view());
        for (int f = 0; f < engine::kFactorCount; ++f)
            st->bindDouble(15 + f, x.amounts[std::size_t(f)]);
        if (auto ok = st->run(); !ok)
            return std::unexpected(ok.error());
    }
    return run;
}

Result<std::optional<ScoreRunInfo>> RunStore::latestRun(qint64 snapshotVersion)
{
    auto st = Statement::prepare(m_db,
        "SELECT run_id, scoring_version, policy_hash, exception_count, total_score "
        "FROM score_runs WHERE snapshot_version = ?1 ORDER BY run_id DESC LIMIT 1");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, snapshotVersion);
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
        return std::nullopt;
    }
    ScoreRunInfo run;
    run.runId = st->columnInt(0);
    run.snapshotVersion = snapshotVersion;
    run.scoringVersion = st->columnString(1);
    run.policyHash = st->columnString(2);
    run.exceptionCount = st->columnInt(3);
    run.totalScore = st->columnDouble(4);
    return run;
}

Result<engine::Policy> RunStore::policyOf(qint64 runId)
{
    auto st = Statement::prepare(m_db, "SELECT policy_json FROM score_runs WHERE run_id = ?1");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, runId);
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
        return std::unexpected(Error {
            Error::BadInput, u"There is no score run "_s + QString::number(runId) + u'.', {}});
    }
    const std::string_view json = st->columnText(0);
    return policyFromJson(QByteArray(json.data(), qsizetype(json.size())),
        u"the policy of score run "_s + QString::number(runId));
}

Result<std::optional<int>> RunStore::rankOf(qint64 runId, std::string_view exceptionId)
{
    auto st = Statement::prepare(
        m_db, "SELECT rank FROM exceptions WHERE run_id = ?1 AND exception_id = ?2");
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, runId);
    st->bindTextNotNull(2, exceptionId);
    if (!st->next()) {
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
        return std::nullopt;
    }
    return int(st->columnInt(0));
}

Result<Queue> RunStore::readQueue(const ScoreRunInfo &run, const SnapshotInfo &snapshot)
{
    Queue q;
    q.run = run;
    q.snapshot = snapshot;

    // Standing decisions first: usually a handful, looked up while the rows stream by.
    std::unordered_map<std::string, quint8> decided;
    {
        auto st = Statement::prepare(m_db,
            "SELECT exception_id, kind FROM decisions WHERE id IN (SELECT max(id) FROM decisions "
            "WHERE run_id = ?1 AND undone_at IS NULL GROUP BY exception_id)");
        if (!st)
            return std::unexpected(st.error());
        st->bindInt(1, run.runId);
        while (st->next()) {
            decided.emplace(std::string(st->columnText(0)),
                st->columnText(1) == "approved" ? Decision::Approved : Decision::Rejected);
        }
        if (auto ok = st->status(); !ok)
            return std::unexpected(ok.error());
    }

    const QByteArray sql = QByteArray("SELECT rank, exception_id, type, item_id, location_id, "
                                      "supplier_id, score, need_date, top_factor, action, "
                                      "action_cost, worst_tier, abc_class, ")
        + kFactorColumns + " FROM exceptions WHERE run_id = ?1";
    auto st = Statement::prepare(m_db, std::string_view(sql.constData(), std::size_t(sql.size())));
    if (!st)
        return std::unexpected(st.error());
    st->bindInt(1, run.runId);

    const auto n = std::size_t(std::max<qint64>(run.exceptionCount, 0));
    q.item.resize(n);
    q.location.resize(n);
    q.supplier.resize(n);
    q.type.resize(n);
    q.topFactor.resize(n);
    q.action.resize(n);
    q.worstTier.resize(n);
    q.abcClass.resize(n);
    q.rank.resize(n);
    q.score.resize(n);
    q.needDate.resize(n);
    q.actionCost.resize(n);
    q.factorAmounts.resize(n * engine::kFactorCount);
    q.decision.resize(n);

    Interner items(q.itemIds), locations(q.locationIds), suppliers(q.supplierIds);
    std::unordered_map<std::string_view, quint8> typeCodes, factorCodes, actionCodes;
    for (int t = 0; t < engine::kExceptionTypeCount; ++t)
        typeCodes.emplace(engine::exceptionTypeName(engine::ExceptionType(t)), quint8(t));
    for (int f = 0; f < engine::kFactorCount; ++f)
        factorCodes.emplace(engine::factorName(engine::FactorKind(f)), quint8(f));
    for (int a = 0; a <= int(engine::Action::CycleCount); ++a)
        actionCodes.emplace(engine::actionName(engine::Action(a)), quint8(a));

    std::size_t rows = 0;
    auto damaged = [&](const QString &what) {
        return Error {Error::Database,
            u"The workbench database is damaged: score run "_s + QString::number(run.runId) + u' '
                + what + u". Re-score the snapshot."_s,
            {}};
    };
    while (st->next()) {
        // Rows arrive in key order; the rank places them.
        const std::int64_t rank = st->columnInt(0);
        if (rank < 1 || std::uint64_t(rank) > n)
            return std::unexpected(damaged(u"has a rank out of range"_s));
        const auto r = std::size_t(rank - 1);
        q.rank[r] = qint32(rank);
        const auto type = typeCodes.find(st->columnText(2));
        if (type == typeCodes.end())
            return std::unexpected(damaged(u"has an unknown exception type"_s));
        q.type[r] = type->second;
        q.item[r] = items(st->columnText(3));
        q.location[r] = locations(st->columnText(4));
        q.supplier[r] = st->isNull(5) ? qint32(engine::kNone) : suppliers(st->columnText(5));
        q.score[r] = st->columnDouble(6);
        q.needDate[r] = st->columnDate(7).value_or(engine::kNoDate);
        const auto factor = factorCodes.find(st->columnText(8));
        q.topFactor[r] = factor == factorCodes.end() ? quint8(255) : factor->second;
        const auto action = actionCodes.find(st->columnText(9));
        q.action[r] = action == actionCodes.end() ? qint8(-1) : qint8(action->second);
        q.actionCost[r] = st->columnDouble(10);
        q.worstTier[r] = quint8(st->columnInt(11));
        const std::string_view abc = st->columnText(12);
        q.abcClass[r] = abc.empty() ? char(0) : abc.front();
        for (int f = 0; f < engine::kFactorCount; ++f)
            q.factorAmounts[r * engine::kFactorCount + std::size_t(f)] = st->columnDouble(13 + f);
        if (!decided.empty()) {
            const auto d = decided.find(std::string(st->columnText(1)));
            if (d != decided.end())
                q.decision[r] = d->second;
        }
        ++rows;
    }
    if (auto ok = st->status(); !ok)
        return std::unexpected(ok.error());
    if (rows != n)
        return std::unexpected(damaged(u"holds a different number of exceptions than recorded"_s));

    // Descriptions of the items in the queue: one pass over the snapshot's items.
    q.itemDescriptions.resize(q.itemIds.size());
    auto desc = Statement::prepare(
        m_db, "SELECT item_id, description FROM items WHERE snapshot_version = ?1");
    if (!desc)
        return std::unexpected(desc.error());
    desc->bindInt(1, snapshot.version);
    while (desc->next()) {
        const qint32 i = items.find(desc->columnText(0));
        if (i >= 0)
            q.itemDescriptions[i] = desc->columnString(1);
    }
    if (auto ok = desc->status(); !ok)
        return std::unexpected(ok.error());
    return q;
}

} // namespace model
