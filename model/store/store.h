#pragma once
// The SQLite store beneath model::Workbench: opens (or creates) a workbench database
// through QtSql, checks that it is one, migrates its schema, and hands the raw
// connection to the bulk readers and writers. Internal to model/.

#include "model/error.h"
#include "model/store/openmode.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

struct sqlite3;

namespace model {

/// `PRAGMA application_id` of every workbench database ("PWB0"), so that a file of
/// another program is never mistaken for one (or changed).
inline constexpr int kApplicationId = 0x50574230;
/// `PRAGMA user_version`: the schema this build creates and understands.
inline constexpr int kSchemaVersion = 14;

/// One SQLite connection (one per thread), configured for the workbench: WAL,
/// foreign keys on, synchronous=NORMAL, a busy timeout.
class Store
{
public:
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    /// Opens `path` as `mode` says (creating the database when the file is missing or
    /// empty only for CreateOrOpen). Refuses a file that is not SQLite, belongs to
    /// another application or has a newer schema, naming the file in the message.
    ///
    /// ReadOnly opens with SQLITE_OPEN_READONLY. SQLite reads a database in WAL mode
    /// through its "-shm" index beside it, creating it (and an empty "-wal") when
    /// missing; those two files are all a read ever adds. When the folder is not
    /// writable they cannot be created: with no "-wal" left by a writer the file
    /// holds every commit, and is then read as immutable (no locks, no -shm), since
    /// no writer can be at work without a "-wal" of its own beside it. A "-wal" left
    /// there without its "-shm" holds commits SQLite cannot read from a read-only
    /// folder: that is refused with a message saying so.
    static Result<std::unique_ptr<Store>> open(
        const QString &path, OpenMode mode = OpenMode::CreateOrOpen);

    const QString &path() const { return m_path; }
    /// A number that changes whenever another connection commits to the database
    /// (SQLite's data_version): compare two readings to see whether anything changed.
    Result<qint64> dataVersion();
    OpenMode mode() const { return m_mode; }
    /// How long a write waits for another connection's write to end before it fails
    /// with an Error of code Busy (10 s unless changed).
    void setBusyTimeout(int milliseconds);
    /// The connection QtSql owns; valid as long as this Store.
    sqlite3 *handle() const { return m_handle; }

private:
    Store(QString path, QString connectionName, OpenMode mode);
    Result<void> configure();
    Result<void> prepareSchema();
    Result<void> createSchema();
    Result<void> migrate(int fromVersion);
    Result<void> migrationStep(int fromVersion);

    QString m_path;
    QString m_connectionName;
    OpenMode m_mode = OpenMode::CreateOrOpen;
    QSqlDatabase m_db;
    sqlite3 *m_handle = nullptr;
};

/// The wall clock as every import, run and decision stores it: ISO 8601 UTC.
QString nowUtc();

/// What a write that was cancelled returns: nothing in the store changed.
Error cancelledError();

/// A write transaction (`BEGIN IMMEDIATE`), rolled back unless commit() succeeds.
class Transaction
{
public:
    static Result<Transaction> begin(sqlite3 *db);
    ~Transaction();
    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&) = delete;
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    Result<void> commit();

private:
    explicit Transaction(sqlite3 *db)
        : m_db(db)
    { }
    sqlite3 *m_db = nullptr; ///< null once committed or rolled back
};

} // namespace model
