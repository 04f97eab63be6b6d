#pragma once
// The one entry point the CLI and the GUI use: opens a workbench database, imports
// and scores snapshots, reads the ranked queue, explains exceptions and records
// planners' decisions. Every call returns a value or an Error; none throws.
//
// Thread use: one Workbench per thread (it owns a SQLite connection). Long calls
// take a Progress (cancel flag + callback) so the GUI can run them off its thread.

#include "engine/core/policy.h"
#include "engine/core/snapshot.h"
#include "engine/scoring/scoring.h"
#include "engine/scoring/scoringoutput.h"
#include "model/error.h"

#include <QString>
#include <QStringList>

#include <array>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace model {

class Store;

/// Facts about one imported snapshot version.
struct SnapshotInfo {
    qint64 version = 0; ///< 1, 2, ... in import order; the highest is current
    QString snapshotId; ///< from the manifest
    engine::Date asOf = engine::kNoDate;
    QString currency;
    QString sourceSystem;
    QString importedAt; ///< wall clock of the import, ISO 8601 UTC
    qint64 itemLocationCount = 0;
};

/// Facts about one scoring run of a snapshot version.
struct ScoreRunInfo {
    qint64 runId = 0;
    qint64 snapshotVersion = 0;
    QString scoringVersion; ///< engine::kScoringVersion at the time
    QString policyHash; ///< sha256 of the canonical policy JSON
    qint64 exceptionCount = 0;
    double totalScore = 0;
};

/// What an import reports besides errors (warnings never block an import).
struct ImportSummary {
    SnapshotInfo snapshot;
    ScoreRunInfo run;
    QStringList warnings; ///< "file:line:column: warning: field: message"
};

/// The ranked queue as columns (no per-row objects), for tables of a million rows.
/// Strings are interned: row i's item id is itemIds[item[i]].
struct Queue {
    ScoreRunInfo run;
    SnapshotInfo snapshot;
    QStringList itemIds, itemDescriptions, locationIds, supplierIds;
    std::vector<qint32> item, location, supplier; ///< supplier: kNone (-1) when none
    std::vector<quint8> type; ///< engine::ExceptionType
    std::vector<quint8> topFactor; ///< engine::FactorKind, or 255 when none
    /// engine::Action of the best recommendation, feasible or not; -1 when none.
    std::vector<qint8> action;
    /// 1 when that action arrives by the need date, 0 when it is late or there is none.
    std::vector<quint8> actionFeasible;
    std::vector<quint8> worstTier; ///< lowest customer tier among affected orders, 0 when none
    std::vector<char> abcClass; ///< 'A', 'B', 'C' or 0
    std::vector<qint32> rank;
    std::vector<double> score;
    std::vector<engine::Date> needDate;
    std::vector<double> actionCost;
    /// Unweighted factor amounts, kFactorCount per row (row-major), for live re-weighting.
    std::vector<double> factorAmounts;
    std::vector<quint8> decision; ///< Decision::Kind of the latest decision, 0 when none
    qsizetype size() const { return qsizetype(rank.size()); }
    /// "shortage:SKU123@DC-EAST"
    QString exceptionId(qsizetype row) const;
};

/// A planner's decision on one recommendation (approve / reject; later: override).
struct Decision {
    enum Kind : quint8 { None = 0, Approved = 1, Rejected = 2 };
    qint64 id = 0;
    QString exceptionId;
    int recommendationIndex = 0; ///< position in ExceptionRecord::recommendations
    QString action; ///< engine action name
    Kind kind = None;
    QString user;
    QString comment;
    QString decidedAt; ///< ISO 8601 UTC
    qint64 runId = 0;
};

/// A fully explained exception or SKU-location, with the snapshot rows behind it.
struct Explanation {
    SnapshotInfo snapshot;
    ScoreRunInfo run;
    engine::Policy policy;
    /// A snapshot holding only the rows needed (the item, its substitutes, all their
    /// locations); `result` indexes into it.
    std::shared_ptr<const engine::Snapshot> rows;
    engine::ItemLocationAnalysis result;
    /// The exception asked for (rank filled from the stored run), or nullopt for a
    /// SKU-location lookup.
    std::optional<engine::ExceptionRecord> exception;
};

class Workbench
{
public:
    ~Workbench();
    Workbench(const Workbench &) = delete;
    Workbench &operator=(const Workbench &) = delete;

    /// Opens (creating when missing) a workbench database. Refuses a file that is
    /// not a workbench database, or one from a newer schema, with a clear message.
    static Result<std::unique_ptr<Workbench>> open(const QString &databasePath);

    QString databasePath() const;

    /// Loads a policy file (JSON); an empty path gives the built-in default policy.
    static Result<engine::Policy> loadPolicy(const QString &path);
    /// The canonical JSON of a policy (sorted keys, compact) and its sha256.
    static QByteArray policyJson(const engine::Policy &policy);
    static QString policyHash(const engine::Policy &policy);

    /// Imports a snapshot folder or .zip as a new version and scores it. On any error
    /// nothing in the database changes; Error::details lists every problem found.
    Result<ImportSummary> importSnapshot(
        const QString &path, const engine::Policy &policy, const engine::Progress &progress = {});

    /// Re-scores the current snapshot with `policy` as a new run.
    Result<ScoreRunInfo> rescore(
        const engine::Policy &policy, const engine::Progress &progress = {});

    /// The current snapshot (highest version), if any.
    Result<std::optional<SnapshotInfo>> currentSnapshot();
    Result<std::vector<SnapshotInfo>> snapshots();

    /// The ranked queue of the latest run of the current snapshot (empty when none).
    Result<Queue> queue();

    /// Explains one exception of the latest run.
    Result<Explanation> explainException(const QString &exceptionId);
    /// Explains one SKU-location of the current snapshot, exception or not.
    Result<Explanation> explainItemLocation(const QString &itemId, const QString &locationId);

    /// Records a decision on a recommendation of an exception of the latest run.
    Result<Decision> recordDecision(const QString &exceptionId, int recommendationIndex,
        Decision::Kind kind, const QString &user, const QString &comment = {});
    /// Takes back a decision (kept in the audit trail as undone).
    Result<void> undoDecision(qint64 decisionId);
    /// Latest standing decision per exception of the latest run.
    Result<std::vector<Decision>> decisions();

    /// Every item id of the current snapshot, exception or not, in id order (empty
    /// when no snapshot is loaded): what a "why not?" lookup can pick from.
    Result<QStringList> itemIds();
    /// Every location id of the current snapshot, in id order (empty when none).
    Result<QStringList> locationIds();

private:
    explicit Workbench(std::unique_ptr<Store> store);
    /// The current snapshot and its latest run, or a BadInput error saying what is missing.
    Result<std::pair<SnapshotInfo, ScoreRunInfo>> currentRun();
    /// The whole of a snapshot version, from memory when this Workbench has it.
    Result<std::shared_ptr<const engine::Snapshot>> fullSnapshot(const SnapshotInfo &info);
    /// Loads one item's rows and analyses one of its SKU-locations with `policy`;
    /// ranks come from `run` when given.
    Result<Explanation> analyse(const SnapshotInfo &snapshot,
        const std::optional<ScoreRunInfo> &run, const engine::Policy &policy, const QString &itemId,
        const QString &locationId);

    std::unique_ptr<Store> m_store;
    /// The last snapshot imported or loaded whole (versions never change once stored),
    /// so re-scoring with other weights does not read a million rows again.
    std::shared_ptr<const engine::Snapshot> m_snapshot;
    qint64 m_snapshotVersion = 0;
    QString m_snapshotImportedAt;
};

} // namespace model
