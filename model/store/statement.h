#pragma once
// A thin RAII layer over SQLite's C API for the store's hot paths: prepared once,
// bound with typed values, stepped without a QString or QVariant per row. Used only
// inside model/ (the handle comes from the QSqlDatabase connection that owns it).

#include "engine/core/date.h"
#include "model/error.h"

#include <sqlite3.h>

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>
#include <string_view>

namespace model {

/// The last failure of `db` as an Error. A busy, damaged, read-only or full database
/// gets a message of its own that names the file and the way out (code Busy for a
/// lock that did not come free); anything else is `what: SQLite's message`, code
/// Database.
Error sqliteError(sqlite3 *db, const QString &what);

/// The same for a failure `code` with SQLite's `message`, as sqlite3_exec() reports it.
Error sqliteError(sqlite3 *db, int code, const QString &what, const QString &message);

/// Runs one or more SQL statements that return no rows. A failure is described by
/// sqliteError(), `what` (when given) saying what was being done.
Result<void> execSql(sqlite3 *db, const char *sql, const QString &what = {});

/// One prepared statement. Text bound with bindText() is not copied (SQLITE_STATIC):
/// the caller keeps it alive until the statement is stepped.
class Statement
{
public:
    Statement() = default;
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    static Result<Statement> prepare(sqlite3 *db, std::string_view sql);

    /// NaN (engine::kUnset) binds as NULL.
    void bindDouble(int column, double value);
    void bindInt(int column, std::int64_t value);
    /// An empty view binds as NULL: the snapshot format treats empty as "not given".
    void bindText(int column, std::string_view text);
    /// Binds text as given, including the empty string.
    void bindTextNotNull(int column, std::string_view text);
    void bindText(int column, const QString &text); ///< copied (SQLITE_TRANSIENT)
    void bindNull(int column);
    /// Bytes as they are (a BLOB; copied).
    void bindBytes(int column, const QByteArray &bytes);
    /// `YYYY-MM-DD`, or NULL for engine::kNoDate.
    void bindDate(int column, engine::Date date);

    /// Steps once: true when a row is ready, false when done. Errors are kept for
    /// error() so row loops stay plain `while (s.next())`.
    bool next();
    /// Steps a statement that returns no rows, then resets it for the next use.
    Result<void> run();
    /// Resets for re-execution (bindings are kept; rebind what changes).
    void reset();
    /// The error of the last next(), if the loop ended on one.
    Result<void> status() const;

    bool isNull(int column) const;
    /// NULL reads as NaN (engine::kUnset).
    double columnDouble(int column) const;
    std::int64_t columnInt(int column) const;
    /// Valid until the next step or reset.
    std::string_view columnText(int column) const;
    QString columnString(int column) const;
    /// A BLOB's (or text's) bytes as they are.
    QByteArray columnBytes(int column) const;
    /// NULL reads as engine::kNoDate; nullopt when the text is not a date.
    std::optional<engine::Date> columnDate(int column) const;

    sqlite3_stmt *handle() const { return m_stmt; }

private:
    Statement(sqlite3 *db, sqlite3_stmt *stmt)
        : m_db(db)
        , m_stmt(stmt)
    { }
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    int m_lastCode = SQLITE_OK;
};

} // namespace model
