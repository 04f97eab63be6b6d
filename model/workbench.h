#pragma once
// The one entry point the CLI and the GUI use: opens a workbench database and hands
// out its services, one per feature:
//
//   snapshots()  the imported snapshot versions (model/snapshots/snapshotcatalog.h)
//   importer()   imports and scores a snapshot (model/import/importer.h)
//   runs()       re-scores, reads the ranked queue, the run's policy, explains
//                exceptions (model/runs/scoreruns.h)
//   decisions()  planners' decisions, with the role rule (model/decisions/decisionstore.h)
//   users()      local accounts, sign-in and roles (model/users/userstore.h)
//   audit()      the tamper-evident audit trail and its check (model/audit/auditlog.h)
//   exporter()   approved actions to the ERP, through an outbox (model/export/exportstore.h)
//   policies()   the stored policy, set by a manager and approved by another
//                (model/policy/policystore.h)
//   history()    overrides and rejections, what became of them, override rates
//                (model/history/overridehistory.h)
//   kpis()       managers' KPIs per snapshot (model/kpi/kpistore.h)
//   scenarios()  network scenarios saved by name, their results, the transfers they
//                propose (model/scenarios/scenariostore.h); simulating is
//                model::simulateCurrent() (model/simulation/networksimulation.h)
//
// Policy files are read by the free functions of model/json/policyjson.h. Every call
// returns a value or an Error; none throws.
//
// Thread use: one Workbench per thread (it owns a SQLite connection), and its
// services belong to it. Long calls take a Progress (cancel flag + callback) so the
// GUI can run them off its thread.

#include "model/audit/auditlog.h"
#include "model/decisions/decisionstore.h"
#include "model/error.h"
#include "model/export/exportstore.h"
#include "model/history/overridehistory.h"
#include "model/import/importer.h"
#include "model/json/policyjson.h"
#include "model/kpi/kpistore.h"
#include "model/policy/policystore.h"
#include "model/runs/scoreruns.h"
#include "model/scenarios/scenariostore.h"
#include "model/snapshots/snapshotcatalog.h"
#include "model/store/openmode.h"
#include "model/users/userstore.h"

#include <QString>

#include <chrono>
#include <memory>

namespace model {

class Store;

class Workbench
{
public:
    ~Workbench();
    Workbench(const Workbench &) = delete;
    Workbench &operator=(const Workbench &) = delete;

    /// Opens (creating when missing or empty) a workbench database. Refuses a file
    /// that is not a workbench database, or one from a newer schema, with a clear
    /// message.
    static Result<std::unique_ptr<Workbench>> open(const QString &databasePath);
    /// Opens a workbench database as `mode` says: only an existing one, or only to
    /// read it (see OpenMode).
    static Result<std::unique_ptr<Workbench>> openAs(const QString &databasePath, OpenMode mode);

    QString databasePath() const;
    /// How long a write waits for another process's write to end before it fails
    /// with an Error of code Busy (10 s by default). A window sets it short, so that
    /// a decision never freezes it for long.
    void setBusyTimeout(std::chrono::milliseconds timeout);

    SnapshotCatalog &snapshots() { return m_snapshots; }
    Importer &importer() { return m_importer; }
    ScoreRuns &runs() { return m_runs; }
    DecisionStore &decisions() { return m_decisions; }
    UserStore &users() { return m_users; }
    AuditLog &audit() { return m_audit; }
    ExportStore &exporter() { return m_exporter; }
    OverrideHistory &history() { return m_history; }
    PolicyStore &policies() { return m_policies; }
    KpiStore &kpis() { return m_kpis; }
    ScenarioStore &scenarios() { return m_scenarios; }
    /// Changes whenever another process commits to the database (a new snapshot, a new
    /// run, decisions): a window polls it to notice and refresh.
    Result<qint64> dataVersion();

private:
    explicit Workbench(std::unique_ptr<Store> store);

    std::unique_ptr<Store> m_store;
    // The services share the one connection of m_store, which outlives them.
    SnapshotCatalog m_snapshots;
    Importer m_importer;
    ScoreRuns m_runs;
    UserStore m_users;
    AuditLog m_audit;
    DecisionStore m_decisions;
    ExportStore m_exporter;
    OverrideHistory m_history;
    PolicyStore m_policies;
    KpiStore m_kpis;
    ScenarioStore m_scenarios;
};

} // namespace model
