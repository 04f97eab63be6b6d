#pragma once
// Managers' KPIs per snapshot (Workbench::kpis()), computed from what the store
// holds: the latest run of each snapshot, the snapshot's open sales order lines and
// the decisions that stand. Read-only; formulas in docs/kpis.md.

#include "model/error.h"
#include "model/kpi/kpifigures.h"

namespace model {

class ScoreRuns;
class SnapshotCatalog;
class Store;

/// The KPI reader of a workbench.
class KpiStore
{
public:
    KpiStore(Store &store, SnapshotCatalog &snapshots, ScoreRuns &runs)
        : m_store(store)
        , m_snapshots(snapshots)
        , m_runs(runs)
    { }
    KpiStore(const KpiStore &) = delete;
    KpiStore &operator=(const KpiStore &) = delete;

    /// The KPIs of every snapshot whose as_of lies within the query's dates, oldest
    /// first (a tie in as_of goes by import order). Reads each selected snapshot's
    /// order lines and latest queue: seconds on a large store, so run it off the GUI
    /// thread.
    Result<KpiReport> load(const KpiQuery &query);

private:
    Store &m_store;
    SnapshotCatalog &m_snapshots;
    ScoreRuns &m_runs;
};

} // namespace model
