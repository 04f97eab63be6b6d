#pragma once
// Imports a snapshot folder or .zip as a new version of the store and scores it:
// the parser checks every file first, then the snapshot is written while a second
// thread scores it, all in one transaction.

#include "engine/core/policy.h"
#include "engine/scoring/scoring.h"
#include "model/error.h"
#include "model/import/importsummary.h"

#include <QString>

namespace model {

class DecisionStore;
class SnapshotCatalog;
class Store;

/// The import of snapshots into the store (Workbench::importer()).
class Importer
{
public:
    Importer(Store &store, SnapshotCatalog &snapshots)
        : m_store(store)
        , m_snapshots(snapshots)
    { }
    Importer(const Importer &) = delete;
    Importer &operator=(const Importer &) = delete;

    /// Where the system approves what the policy's auto_approve rules name, right after
    /// each run is written (Workbench sets it; without it nothing is approved).
    void setAutoApproval(DecisionStore *decisions) { m_decisions = decisions; }

    /// Imports a snapshot folder or .zip as a new version and scores it with `policy`.
    /// On any error nothing in the database changes; Error::details lists every
    /// problem found.
    Result<ImportSummary> importSnapshot(
        const QString &path, const engine::Policy &policy, const engine::Progress &progress = {});

private:
    Store &m_store;
    SnapshotCatalog &m_snapshots;
    DecisionStore *m_decisions = nullptr;
};

} // namespace model
