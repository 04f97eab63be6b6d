#pragma once
// The SQLite store beneath model::Workbench: opens (or creates) a workbench database
// through QtSql, checks that it is one, migrates its schema, and hands the raw
// connection to the bulk readers and writers. Internal to model/.

#include "model/error.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

struct sqlite3;

namespace model {

/// `PRAGMA application_id` of every workbench database ("PWB0"), so that a file of
/// another program is never mistaken for one (or changed).
inline constexpr int kApplicationId = 0x50574230;
/// `PRAGMA user_version`: the schema this build creates and understands.
inline constexpr int kSchemaVersion = 6;

/// One SQLite connection (one per thread), configured for the workbench: WAL,
/// foreign keys on, synchronous=NORMAL, a busy timeout.
class Store
{
public:
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    /// Opens `path`, creating the database when the file is missing or empty.
    /// Refuses a file that is not SQLite, belongs to another application or has a
    /// newer schema, naming the file in the message.
    static Result<std::unique_ptr<Store>> open(const QString &path);

    const QString &path() const { return m_path; }
    /// The connection QtSql owns; valid as long as this Store.
    sqlite3 *handle() const { return m_handle; }

private:
    Store(QString path, QString connectionName);
    Result<void> configure();
    Result<void> prepareSchema();
    Result<void> createSchema();
    Result<void> migrate(int fromVersion);
    Result<void> migrationStep(int fromVersion);

    QString m_path;
    QString m_connectionName;
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
