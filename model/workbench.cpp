#include "model/workbench.h"

#include "model/store/store.h"

namespace model {

Workbench::Workbench(std::unique_ptr<Store> store)
    : m_store(std::move(store))
    , m_snapshots(*m_store)
    , m_importer(*m_store, m_snapshots)
    , m_runs(*m_store, m_snapshots)
    , m_users(*m_store)
    , m_audit(*m_store)
    , m_decisions(*m_store, m_snapshots, m_runs, m_users)
    , m_exporter(*m_store, m_runs, m_users)
    , m_history(*m_store, m_snapshots, m_runs)
    , m_policies(*m_store, m_users)
    , m_kpis(*m_store, m_snapshots, m_runs)
    , m_scenarios(*m_store, m_runs, m_users)
{
    m_importer.setAutoApproval(&m_decisions);
    m_runs.setAutoApproval(&m_decisions);
}

Workbench::~Workbench() = default;

Result<std::unique_ptr<Workbench>> Workbench::open(const QString &databasePath)
{
    return openAs(databasePath, OpenMode::CreateOrOpen);
}

Result<std::unique_ptr<Workbench>> Workbench::openAs(const QString &databasePath, OpenMode mode)
{
    auto store = Store::open(databasePath, mode);
    if (!store)
        return std::unexpected(store.error());
    return std::unique_ptr<Workbench>(new Workbench(std::move(*store)));
}

QString Workbench::databasePath() const
{
    return m_store->path();
}

Result<qint64> Workbench::dataVersion()
{
    return m_store->dataVersion();
}

void Workbench::setBusyTimeout(std::chrono::milliseconds timeout)
{
    m_store->setBusyTimeout(int(timeout.count()));
}

} // namespace model
