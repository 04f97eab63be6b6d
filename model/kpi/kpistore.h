#pragma once
// Managers' KPIs per snapshot (Workbench::kpis()), computed from what the store
// holds: the latest run of each snapshot, the snapshot's open sales order lines and
// the decisions that stand. Read-only; formulas in docs/kpis.md.

#include "model/error.h"
#include "model/kpi/kpidrilldown.h"
#include "model/kpi/kpifigures.h"

#include <memory>

namespace engine {
struct Snapshot;
}

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

    /// The exceptions, open order lines or decisions behind one figure of one snapshot
    /// (of one group when `query.by` is set), as load() summed or counted them: the
    /// money rows add up to the figure. BadInput when no snapshot is as of the date,
    /// when the group is not one of that snapshot's, or when the figure has no rows
    /// to show (a run figure of a planner, of a snapshot never scored). Reads the
    /// snapshot's latest queue, and its order lines for an order figure: run it off
    /// the GUI thread.
    Result<KpiDrillDown> drillDown(const KpiDrillQuery &query);

private:
    /// A stored snapshot whole; `current`: through the catalogue, which keeps it.
    Result<std::shared_ptr<const engine::Snapshot>> snapshotOf(
        const SnapshotInfo &info, bool current);

    Store &m_store;
    SnapshotCatalog &m_snapshots;
    ScoreRuns &m_runs;
};

} // namespace model
