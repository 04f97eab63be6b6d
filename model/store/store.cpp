#include "model/store/store.h"

#include "model/runs/runstore.h"
#include "model/snapshots/snapshotloader.h"
#include "model/store/blockschema.h"
#include "model/store/checksum.h"
#include "model/store/decisionschema.h"
#include "model/store/exportschema.h"
#include "model/store/governanceschema.h"
#include "model/store/planmemoschema.h"
#include "model/store/plannedschema.h"
#include "model/store/policyschema.h"
#include "model/store/scenarioschema.h"
#include "model/store/statement.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QUrl>
#include <QUrlQuery>
#include <QVariant>

#include <array>
#include <atomic>
#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace model {

namespace {

// Schema version 1. Snapshot tables hold every column of the snapshot format, keyed
// by (snapshot_version, natural key); `seq` is the row's position in its file, which
// the engine uses to break ties, so a snapshot reads back exactly as it was parsed.
// The open-order tables (sales and purchase orders, transfers) are instead clustered
// by (snapshot_version, item_id, seq): explaining an item reads one contiguous range,
// and a bulk import maintains one tree per table instead of two. Their natural keys
// (order_id + line, po_id + line, transfer_id), like every reference between files,
// are checked by the parser before anything is written, so only the version itself
// is a foreign key here.
constexpr const char *kSchemaV1 = R"sql(
CREATE TABLE snapshots (
    version INTEGER PRIMARY KEY,
    snapshot_id TEXT NOT NULL,
    format TEXT NOT NULL,
    as_of TEXT NOT NULL,
    currency TEXT NOT NULL,
    source_system TEXT NOT NULL,
    extracted_at TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    source_path TEXT NOT NULL,
    location_count INTEGER NOT NULL,
    item_count INTEGER NOT NULL,
    supplier_count INTEGER NOT NULL,
    customer_count INTEGER NOT NULL,
    item_location_count INTEGER NOT NULL,
    sales_order_count INTEGER NOT NULL,
    purchase_order_count INTEGER NOT NULL,
    transfer_count INTEGER NOT NULL,
    lane_count INTEGER NOT NULL,
    forecast_count INTEGER NOT NULL
);

CREATE TABLE locations (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    location_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    name TEXT,
    type TEXT NOT NULL,
    region TEXT,
    storage_capacity REAL,
    inbound_capacity_per_day REAL,
    -- Derived: on_hand summed over the location's item_locations, so that one item's
    -- rows can be analysed alone with the location's real capacity use.
    on_hand_total REAL NOT NULL,
    PRIMARY KEY (snapshot_version, location_id)
) WITHOUT ROWID;

CREATE TABLE items (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    item_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    description TEXT,
    unit_cost REAL NOT NULL,
    unit_price REAL NOT NULL,
    abc_class TEXT,
    shelf_life_days REAL,
    substitute_group TEXT,
    PRIMARY KEY (snapshot_version, item_id)
) WITHOUT ROWID;
CREATE INDEX items_by_substitute_group ON items (snapshot_version, substitute_group)
    WHERE substitute_group IS NOT NULL;

CREATE TABLE suppliers (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    supplier_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    name TEXT,
    lead_time_days REAL NOT NULL,
    lead_time_std_days REAL NOT NULL,
    on_time_rate REAL,
    expedite_cost_per_unit REAL,
    expedite_max_days REAL NOT NULL,
    PRIMARY KEY (snapshot_version, supplier_id)
) WITHOUT ROWID;

CREATE TABLE customers (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    customer_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    name TEXT,
    tier INTEGER NOT NULL,
    late_penalty_per_unit_day REAL,
    PRIMARY KEY (snapshot_version, customer_id)
) WITHOUT ROWID;

CREATE TABLE item_locations (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    item_id TEXT NOT NULL,
    location_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    on_hand REAL NOT NULL,
    allocated REAL NOT NULL,
    safety_stock REAL NOT NULL,
    reorder_point REAL,
    order_up_to REAL,
    daily_demand REAL NOT NULL,
    daily_demand_std REAL NOT NULL,
    supplier_id TEXT,
    source_location_id TEXT,
    lead_time_days REAL,
    lead_time_std_days REAL,
    min_order_qty REAL NOT NULL,
    order_multiple REAL NOT NULL,
    last_count_date TEXT,
    count_variance_rate REAL,
    PRIMARY KEY (snapshot_version, item_id, location_id)
) WITHOUT ROWID;

CREATE TABLE sales_orders (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    order_id TEXT NOT NULL,
    line INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    customer_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    location_id TEXT NOT NULL,
    qty_open REAL NOT NULL,
    order_date TEXT NOT NULL,
    due_date TEXT NOT NULL,
    unit_price REAL NOT NULL,
    PRIMARY KEY (snapshot_version, item_id, seq)
) WITHOUT ROWID;

CREATE TABLE purchase_orders (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    po_id TEXT NOT NULL,
    line INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    supplier_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    location_id TEXT NOT NULL,
    qty_open REAL NOT NULL,
    order_date TEXT,
    expected_date TEXT NOT NULL,
    promised_date TEXT,
    status TEXT NOT NULL,
    PRIMARY KEY (snapshot_version, item_id, seq)
) WITHOUT ROWID;

CREATE TABLE transfers (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    transfer_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    from_location_id TEXT NOT NULL,
    to_location_id TEXT NOT NULL,
    qty REAL NOT NULL,
    ship_date TEXT,
    expected_date TEXT NOT NULL,
    PRIMARY KEY (snapshot_version, item_id, seq)
) WITHOUT ROWID;

CREATE TABLE lanes (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    from_location_id TEXT NOT NULL,
    to_location_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    transit_days REAL NOT NULL,
    cost_per_unit REAL NOT NULL,
    fixed_cost REAL NOT NULL,
    capacity_per_day REAL,
    active INTEGER NOT NULL,
    PRIMARY KEY (snapshot_version, from_location_id, to_location_id)
) WITHOUT ROWID;

CREATE TABLE forecast (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    item_id TEXT NOT NULL,
    location_id TEXT NOT NULL,
    date TEXT NOT NULL,
    seq INTEGER NOT NULL,
    qty REAL NOT NULL,
    PRIMARY KEY (snapshot_version, item_id, location_id, date)
) WITHOUT ROWID;

CREATE TABLE score_runs (
    run_id INTEGER PRIMARY KEY,
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    scoring_version TEXT NOT NULL,
    policy_hash TEXT NOT NULL,
    policy_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    exception_count INTEGER NOT NULL,
    total_score REAL NOT NULL
);
CREATE INDEX score_runs_by_snapshot ON score_runs (snapshot_version);

-- One row per exception of a run: the ranked summary the queue shows. Factor
-- columns hold unweighted amounts (0 when the factor does not apply), so a queue
-- can be re-weighted without re-scoring.
CREATE TABLE exceptions (
    run_id INTEGER NOT NULL REFERENCES score_runs(run_id),
    exception_id TEXT NOT NULL,
    rank INTEGER NOT NULL,
    type TEXT NOT NULL,
    item_id TEXT NOT NULL,
    location_id TEXT NOT NULL,
    supplier_id TEXT,
    score REAL NOT NULL,
    need_date TEXT,
    top_factor TEXT,
    action TEXT,
    action_cost REAL,
    worst_tier INTEGER NOT NULL,
    abc_class TEXT,
    margin_at_risk REAL NOT NULL,
    sla_penalty REAL NOT NULL,
    order_aging REAL NOT NULL,
    lead_time_volatility REAL NOT NULL,
    capacity_pressure REAL NOT NULL,
    carrying_cost REAL NOT NULL,
    shelf_life_risk REAL NOT NULL,
    count_discrepancy_risk REAL NOT NULL,
    PRIMARY KEY (run_id, exception_id)
) WITHOUT ROWID;

-- Append-only audit trail: undo sets undone_at, nothing is ever deleted.
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL,
    exception_id TEXT NOT NULL,
    recommendation_index INTEGER NOT NULL,
    action TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('approved', 'rejected')),
    user TEXT NOT NULL,
    comment TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    undone_at TEXT,
    FOREIGN KEY (run_id, exception_id) REFERENCES exceptions (run_id, exception_id)
);
CREATE INDEX decisions_by_exception ON decisions (run_id, exception_id);
)sql";

// kMigrations[n - 1] takes the schema from version n to n + 1; a new database runs
// kSchemaV1 and then every step.
constexpr std::array<const char *, kSchemaVersion - 1> kMigrations {
    // 1 -> 2: a binary image of each snapshot version, which a full re-score read
    // instead of every row (until 4 -> 5 replaced the rows and the images by item
    // blocks and dropped this table again).
    R"sql(
CREATE TABLE snapshot_images (
    snapshot_version INTEGER PRIMARY KEY REFERENCES snapshots(version),
    format INTEGER NOT NULL,
    image BLOB NOT NULL
);
)sql",
    // 2 -> 3: each run's queue as one packed image (model/queueimage.h) instead of a
    // row per exception. The existing runs are converted between this step and
    // kMigration2To3Finish (RunStore::convertRows).
    R"sql(
CREATE TABLE run_queues (
    run_id INTEGER PRIMARY KEY REFERENCES score_runs(run_id),
    format INTEGER NOT NULL,
    queue BLOB NOT NULL
);
)sql",
    // 3 -> 4: dates of the row tables as day numbers since 1970-01-01 (engine::Date)
    // instead of `YYYY-MM-DD` text: two or three bytes a date instead of eleven, and
    // nothing to format at import. SQLite cannot change a column's type in place, so
    // each table is copied; julianday() of a date is a whole day plus one half.
    R"sql(
CREATE TABLE item_locations_v4 (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    item_id TEXT NOT NULL,
    location_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    on_hand REAL NOT NULL,
    allocated REAL NOT NULL,
    safety_stock REAL NOT NULL,
    reorder_point REAL,
    order_up_to REAL,
    daily_demand REAL NOT NULL,
    daily_demand_std REAL NOT NULL,
    supplier_id TEXT,
    source_location_id TEXT,
    lead_time_days REAL,
    lead_time_std_days REAL,
    min_order_qty REAL NOT NULL,
    order_multiple REAL NOT NULL,
    last_count_date INTEGER,
    count_variance_rate REAL,
    PRIMARY KEY (snapshot_version, item_id, location_id)
) WITHOUT ROWID;
INSERT INTO item_locations_v4 SELECT snapshot_version, item_id, location_id, seq, on_hand,
    allocated, safety_stock, reorder_point, order_up_to, daily_demand, daily_demand_std,
    supplier_id, source_location_id, lead_time_days, lead_time_std_days, min_order_qty,
    order_multiple, CAST(julianday(last_count_date) - 2440587.5 AS INTEGER),
    count_variance_rate FROM item_locations;
DROP TABLE item_locations;
ALTER TABLE item_locations_v4 RENAME TO item_locations;

CREATE TABLE sales_orders_v4 (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    order_id TEXT NOT NULL,
    line INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    customer_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    location_id TEXT NOT NULL,
    qty_open REAL NOT NULL,
    order_date INTEGER NOT NULL,
    due_date INTEGER NOT NULL,
    unit_price REAL NOT NULL,
    PRIMARY KEY (snapshot_version, item_id, seq)
) WITHOUT ROWID;
INSERT INTO sales_orders_v4 SELECT snapshot_version, order_id, line, seq, customer_id, item_id,
    location_id, qty_open, CAST(julianday(order_date) - 2440587.5 AS INTEGER),
    CAST(julianday(due_date) - 2440587.5 AS INTEGER), unit_price FROM sales_orders;
DROP TABLE sales_orders;
ALTER TABLE sales_orders_v4 RENAME TO sales_orders;

CREATE TABLE purchase_orders_v4 (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    po_id TEXT NOT NULL,
    line INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    supplier_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    location_id TEXT NOT NULL,
    qty_open REAL NOT NULL,
    order_date INTEGER,
    expected_date INTEGER NOT NULL,
    promised_date INTEGER,
    status TEXT NOT NULL,
    PRIMARY KEY (snapshot_version, item_id, seq)
) WITHOUT ROWID;
INSERT INTO purchase_orders_v4 SELECT snapshot_version, po_id, line, seq, supplier_id, item_id,
    location_id, qty_open, CAST(julianday(order_date) - 2440587.5 AS INTEGER),
    CAST(julianday(expected_date) - 2440587.5 AS INTEGER),
    CAST(julianday(promised_date) - 2440587.5 AS INTEGER), status FROM purchase_orders;
DROP TABLE purchase_orders;
ALTER TABLE purchase_orders_v4 RENAME TO purchase_orders;

CREATE TABLE transfers_v4 (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    transfer_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    from_location_id TEXT NOT NULL,
    to_location_id TEXT NOT NULL,
    qty REAL NOT NULL,
    ship_date INTEGER,
    expected_date INTEGER NOT NULL,
    PRIMARY KEY (snapshot_version, item_id, seq)
) WITHOUT ROWID;
INSERT INTO transfers_v4 SELECT snapshot_version, transfer_id, seq, item_id, from_location_id,
    to_location_id, qty, CAST(julianday(ship_date) - 2440587.5 AS INTEGER),
    CAST(julianday(expected_date) - 2440587.5 AS INTEGER) FROM transfers;
DROP TABLE transfers;
ALTER TABLE transfers_v4 RENAME TO transfers;

CREATE TABLE forecast_v4 (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    item_id TEXT NOT NULL,
    location_id TEXT NOT NULL,
    date INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    qty REAL NOT NULL,
    PRIMARY KEY (snapshot_version, item_id, location_id, date)
) WITHOUT ROWID;
INSERT INTO forecast_v4 SELECT snapshot_version, item_id, location_id,
    CAST(julianday(date) - 2440587.5 AS INTEGER), seq, qty FROM forecast;
DROP TABLE forecast;
ALTER TABLE forecast_v4 RENAME TO forecast;
)sql",
    // 4 -> 5: the rows of the five large files as one block per item and version
    // (engine/itemblock.h) instead of a table row per line, and no separate snapshot
    // image: a full re-score reads the blocks. Suppliers and customers are also found
    // by position, which is how blocks refer to them. The stored versions are
    // converted between this step and kMigration4To5Finish (SnapshotLoader reads the
    // old rows, SnapshotWriter writes the blocks).
    kBlockSchema,
    // 5 -> 6: local accounts and the hash-chained audit trail (governanceschema.h).
    kGovernanceSchema,
    // 6 -> 7: a checksum on every row whose values decide a result, filled right
    // after this step (checksum.h).
    kChecksumSchema,
    // 7 -> 8: lasting decisions, overrides and the export outbox (decisionschema.h).
    kDecisionSchema8,
    kExportSchema9, // 8 -> 9: export batches, acknowledgements, X12 numbers (exportschema.h).
    kPlannedSchema, // 9 -> 10: approved actions as planned supply (plannedschema.h).
    kPolicySchema, // 10 -> 11: the governed policy, automatic approvals (policyschema.h).
    kScenarioSchema, // 11 -> 12: saved scenarios, results, proposals (scenarioschema.h).
    kPlanMemoSchema, // 12 -> 13: the last run's item plans (planmemoschema.h).
    kProposalLatenessSchema, // 13 -> 14: lateness a proposed transfer avoids (scenarioschema.h).
};

// Decisions keep naming (run_id, exception_id); the exception's existence in the run
// is checked against the run's queue image when a decision is recorded, so the
// foreign key now goes to the run. SQLite cannot change a constraint in place: the
// table is copied.
constexpr const char *kMigration2To3Finish = R"sql(
CREATE TABLE decisions_v3 (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES score_runs(run_id),
    exception_id TEXT NOT NULL,
    recommendation_index INTEGER NOT NULL,
    action TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('approved', 'rejected')),
    user TEXT NOT NULL,
    comment TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    undone_at TEXT
);
INSERT INTO decisions_v3 SELECT id, run_id, exception_id, recommendation_index, action, kind,
    user, comment, decided_at, undone_at FROM decisions;
DROP TABLE decisions;
ALTER TABLE decisions_v3 RENAME TO decisions;
CREATE INDEX decisions_by_exception ON decisions (run_id, exception_id);
DROP TABLE exceptions;
)sql";

constexpr const char *kMigration4To5Finish = R"sql(
DROP TABLE item_locations;
DROP TABLE sales_orders;
DROP TABLE purchase_orders;
DROP TABLE transfers;
DROP TABLE forecast;
DROP TABLE snapshot_images;
)sql";

QString describeFile(const QString &path)
{
    return u'"' + QFileInfo(path).absoluteFilePath() + u'"';
}

Error notOurs(const QString &path, const QString &why)
{
    return Error {Error::BadInput,
        describeFile(path) + u" is not a planner workbench database ("_s + why
            + u"). Choose another file, or a new file name to create a database."_s,
        {}};
}

/// The first 16 bytes of every SQLite 3 database file.
constexpr char kSqliteMagic[] = "SQLite format 3";

/// For a ReadOnly open: whether the file must be read as immutable (see Store::open),
/// or why it cannot be read at all.
Result<bool> readAsImmutable(const QFileInfo &info)
{
    if (QFileInfo(info.absolutePath()).isWritable())
        return false; // SQLite creates the -shm (and an empty -wal) it needs
    const QFileInfo wal(info.absoluteFilePath() + u"-wal"_s);
    const QFileInfo shm(info.absoluteFilePath() + u"-shm"_s);
    if (shm.exists())
        return false; // SQLite reads through the writer's files, read-only
    if (!wal.exists() || wal.size() == 0)
        return true;
    return std::unexpected(Error {Error::Io,
        u"Cannot read "_s + describeFile(info.filePath()) + u": its folder is read-only and "_s
            + describeFile(wal.filePath())
            + u" holds changes not yet in the database file, which SQLite can only read by "
              u"creating its index file beside it. Open it once where the folder is writable, "
              u"or copy the file with its -wal file to a writable folder."_s,
        {}});
}

Result<int> pragmaInt(sqlite3 *db, const char *sql)
{
    auto statement = Statement::prepare(db, sql);
    if (!statement)
        return std::unexpected(statement.error());
    const int value = statement->next() ? int(statement->columnInt(0)) : 0;
    if (auto ok = statement->status(); !ok)
        return std::unexpected(ok.error());
    return value;
}

} // namespace

Result<qint64> Store::dataVersion()
{
    auto version = pragmaInt(m_handle, "PRAGMA data_version");
    return version ? Result<qint64>(*version) : std::unexpected(version.error());
}

Store::Store(QString path, QString connectionName, OpenMode mode)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
    , m_mode(mode)
{ }

Store::~Store()
{
    m_handle = nullptr;
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Store>> Store::open(const QString &path, OpenMode mode)
{
    if (path.isEmpty())
        return std::unexpected(Error {Error::Usage, u"No database file was given."_s, {}});

    const QFileInfo info(path);
    if (info.isDir())
        return std::unexpected(notOurs(path, u"it is a folder"_s));
    if (mode != OpenMode::CreateOrOpen) {
        // Only CreateOrOpen may turn a missing or empty file into a database: a read
        // must leave whatever it was given as it was.
        if (!info.exists()) {
            return std::unexpected(Error {Error::BadInput,
                describeFile(path)
                    + u" does not exist. Check the file name, or import a "
                      u"snapshot to create a database there."_s,
                {}});
        }
        if (info.size() == 0)
            return std::unexpected(notOurs(path, u"it is empty"_s));
    }
    if (info.exists() && info.size() > 0) {
        // Checked by hand: SQLite opens any file lazily and would only fail later
        // with a message that does not name the file.
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return std::unexpected(Error {Error::Io,
                u"Cannot read "_s + describeFile(path) + u": "_s + file.errorString(), {}});
        }
        if (file.read(sizeof kSqliteMagic) != QByteArray(kSqliteMagic, sizeof kSqliteMagic))
            return std::unexpected(notOurs(path, u"it is not an SQLite file"_s));
    }

    // Before the first connection initialises SQLite, or not at all (SQLITE_MISUSE is
    // harmless): without it every allocation takes a process-wide mutex to keep
    // statistics that nothing here reads, millions of times in a bulk import.
    static const bool memoryStatisticsOff [[maybe_unused]]
    = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    static std::atomic<int> connectionCount {0};
    const QString name = u"pwb-store-"_s + QString::number(++connectionCount);
    std::unique_ptr<Store> store(new Store(path, name, mode));
    store->m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    if (!store->m_db.isValid()) {
        return std::unexpected(Error {Error::Database,
            u"The Qt SQLite driver (QSQLITE) is not available; install the Qt 6 SQLite plugin."_s,
            {}});
    }
    if (mode == OpenMode::CreateOrOpen) {
        store->m_db.setDatabaseName(path);
    } else {
        // A URI, so that SQLite itself refuses to create the file ("mode=rw") should
        // it vanish after the checks above, or to write it at all ("mode=ro").
        QUrlQuery query;
        QString options = u"QSQLITE_OPEN_URI"_s;
        if (mode == OpenMode::ReadOnly) {
            auto immutable = readAsImmutable(info);
            if (!immutable)
                return std::unexpected(immutable.error());
            query.addQueryItem(u"mode"_s, u"ro"_s);
            if (*immutable)
                query.addQueryItem(u"immutable"_s, u"1"_s);
            options += u";QSQLITE_OPEN_READONLY"_s;
        } else {
            query.addQueryItem(u"mode"_s, u"rw"_s);
        }
        QUrl url = QUrl::fromLocalFile(info.absoluteFilePath());
        url.setQuery(query);
        store->m_db.setConnectOptions(options);
        store->m_db.setDatabaseName(url.toString(QUrl::FullyEncoded));
    }
    if (!store->m_db.open()) {
        return std::unexpected(Error {Error::Io,
            u"Cannot open "_s + describeFile(path) + u": "_s + store->m_db.lastError().text(), {}});
    }
    const QVariant handle = store->m_db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        return std::unexpected(
            Error {Error::Database, u"The Qt SQLite driver did not expose its connection."_s, {}});
    }
    store->m_handle = *static_cast<sqlite3 *const *>(handle.constData());

    if (auto ok = store->configure(); !ok)
        return std::unexpected(ok.error());
    if (auto ok = store->prepareSchema(); !ok)
        return std::unexpected(ok.error());
    return store;
}

void Store::setBusyTimeout(int milliseconds)
{
    sqlite3_busy_timeout(m_handle, milliseconds);
}

Result<void> Store::configure()
{
    setBusyTimeout(10'000);
    if (!registerChecksumFunctions(m_handle))
        return std::unexpected(sqliteError(m_handle, u"Cannot register the checksum functions"_s));
    // Read before changing anything: a file of another program must stay untouched.
    auto applicationId = pragmaInt(m_handle, "PRAGMA application_id");
    if (!applicationId) {
        if (sqlite3_errcode(m_handle) == SQLITE_NOTADB)
            return std::unexpected(notOurs(m_path, u"it is not an SQLite file"_s));
        return std::unexpected(applicationId.error());
    }
    if (*applicationId != 0 && *applicationId != kApplicationId)
        return std::unexpected(notOurs(m_path, u"it belongs to another application"_s));
    if (*applicationId == 0) {
        auto objects = pragmaInt(m_handle, "SELECT count(*) FROM sqlite_schema");
        if (!objects)
            return std::unexpected(objects.error());
        if (*objects > 0)
            return std::unexpected(notOurs(m_path, u"it is an SQLite file of another program"_s));
        if (m_mode != OpenMode::CreateOrOpen)
            return std::unexpected(notOurs(m_path, u"it is an empty SQLite file"_s));
        // A new database: larger pages make bulk imports and scans cheaper. Must be
        // set before WAL is enabled and the first table exists.
        if (auto ok = execSql(m_handle, "PRAGMA page_size = 8192"); !ok)
            return ok;
    }

    if (m_mode == OpenMode::ReadOnly) {
        // Every workbench database is in WAL mode already (it is kept in the file),
        // and a read-only connection could not change it anyway.
        return execSql(m_handle,
            "PRAGMA foreign_keys = ON;"
            "PRAGMA cache_size = -65536;"
            "PRAGMA temp_store = MEMORY;");
    }
    auto mode = Statement::prepare(m_handle, "PRAGMA journal_mode = WAL");
    if (!mode)
        return std::unexpected(mode.error());
    if (!mode->next() || mode->columnText(0) != "wal") {
        return std::unexpected(Error {Error::Database,
            u"Cannot switch "_s + describeFile(m_path)
                + u" to write-ahead logging; is the folder writable?"_s,
            {}});
    }
    mode->reset();
    return execSql(m_handle,
        "PRAGMA foreign_keys = ON;"
        "PRAGMA synchronous = NORMAL;"
        "PRAGMA cache_size = -65536;"
        "PRAGMA temp_store = MEMORY;");
}

Result<void> Store::prepareSchema()
{
    auto version = pragmaInt(m_handle, "PRAGMA user_version");
    if (!version)
        return std::unexpected(version.error());
    if (*version > kSchemaVersion) {
        return std::unexpected(Error {Error::BadInput,
            describeFile(m_path) + u" was written by a newer planner workbench (schema "_s
                + QString::number(*version) + u", this version reads up to "_s
                + QString::number(kSchemaVersion) + u"). Update the workbench to open it."_s,
            {}});
    }
    if (*version == kSchemaVersion)
        return {};
    if (m_mode == OpenMode::ReadOnly) {
        return std::unexpected(Error {Error::BadInput,
            describeFile(m_path) + u" was written by an older planner workbench (schema "_s
                + QString::number(*version) + u", this version reads "_s
                + QString::number(kSchemaVersion)
                + u"). Open it once for writing (pwb score, pwb import or the desktop "
                  u"workbench) to upgrade it, then read it again."_s,
            {}});
    }

    auto transaction = Transaction::begin(m_handle);
    if (!transaction)
        return std::unexpected(transaction.error());
    // Another process may have created or migrated the schema while we waited.
    version = pragmaInt(m_handle, "PRAGMA user_version");
    if (!version)
        return std::unexpected(version.error());
    if (*version == kSchemaVersion)
        return transaction->commit();
    auto ok = *version == 0 ? createSchema() : migrate(*version);
    if (!ok && ok.error().code == Error::Database) {
        ok.error().message = u"Cannot prepare the schema of "_s + describeFile(m_path) + u": "_s
            + ok.error().message;
        return ok;
    }
    return transaction->commit();
}

Result<void> Store::migrationStep(int fromVersion)
{
    if (auto ok = execSql(m_handle, kMigrations[std::size_t(fromVersion - 1)]); !ok)
        return ok;
    if (fromVersion == 2) {
        if (auto ok = RunStore::convertRows(m_handle); !ok)
            return ok;
        return execSql(m_handle, kMigration2To3Finish);
    }
    if (fromVersion == 4) {
        if (auto ok = SnapshotLoader::convertRowsToBlocks(m_handle); !ok)
            return ok;
        return execSql(m_handle, kMigration4To5Finish);
    }
    if (fromVersion == 6)
        return sealAll(m_handle);
    return fromVersion == 8 ? recordEarlierExports(m_handle) : Result<void> {};
}

Result<void> Store::createSchema()
{
    if (auto ok = execSql(m_handle, kSchemaV1); !ok)
        return ok;
    for (int version = 1; version < kSchemaVersion; ++version) {
        if (auto ok = migrationStep(version); !ok)
            return ok;
    }
    const QByteArray pragmas = "PRAGMA application_id = " + QByteArray::number(kApplicationId)
        + "; PRAGMA user_version = " + QByteArray::number(kSchemaVersion) + ';';
    return execSql(m_handle, pragmas.constData());
}

Result<void> Store::migrate(int fromVersion)
{
    // The steps run in the caller's transaction, so a failed step leaves the file as
    // it was.
    if (fromVersion < 1 || fromVersion > kSchemaVersion) {
        return std::unexpected(Error {
            Error::Database, u"unknown schema version "_s + QString::number(fromVersion), {}});
    }
    for (int version = fromVersion; version < kSchemaVersion; ++version) {
        if (auto ok = migrationStep(version); !ok)
            return ok;
    }
    const QByteArray setVersion = "PRAGMA user_version = " + QByteArray::number(kSchemaVersion);
    return execSql(m_handle, setVersion.constData());
}

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

Error cancelledError()
{
    return Error {Error::Cancelled, u"Cancelled; nothing was changed."_s, {}};
}

Result<Transaction> Transaction::begin(sqlite3 *db)
{
    if (auto ok = execSql(db, "BEGIN IMMEDIATE", u"Cannot start a write transaction"_s); !ok)
        return std::unexpected(ok.error());
    return Transaction(db);
}

Transaction::~Transaction()
{
    if (m_db)
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

Transaction::Transaction(Transaction &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
{ }

Result<void> Transaction::commit()
{
    sqlite3 *db = std::exchange(m_db, nullptr);
    if (auto ok = execSql(db, "COMMIT", u"Cannot commit"_s); !ok) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        return ok;
    }
    return {};
}

} // namespace model
