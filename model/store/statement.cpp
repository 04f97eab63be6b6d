#include "model/store/statement.h"

#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace model {

namespace {

/// The database file of `db`, quoted, for a message.
QString fileOf(sqlite3 *db)
{
    const char *name = db ? sqlite3_db_filename(db, "main") : nullptr;
    if (!name || !*name)
        return u"the workbench database"_s;
    return u'"' + QString::fromUtf8(name) + u'"';
}

} // namespace

Error sqliteError(sqlite3 *db, int code, const QString &what, const QString &message)
{
    // SQLite's own words ("database is locked", "database disk image is malformed")
    // name neither the file nor what to do about it.
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return Error {Error::Busy,
            u"The database "_s + fileOf(db)
                + u" is busy: another pwb or workbench window is writing to it. Try again "
                  u"when it finishes; nothing was changed."_s,
            {}};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return Error {Error::Database,
            u"The database "_s + fileOf(db) + u" is damaged ("_s + message
                + u"). Restore it from a backup, or import the snapshot again into a new "
                  u"database file."_s,
            {}};
    case SQLITE_READONLY:
        return Error {Error::Io,
            u"Cannot write to "_s + fileOf(db) + u" ("_s + message
                + u"): the file or its folder is read-only. Make both writable, or work on a "
                  u"copy in a writable folder."_s,
            {}};
    case SQLITE_FULL:
        return Error {Error::Io,
            u"Cannot write to "_s + fileOf(db)
                + u": the disk is full. Free some space and try again; nothing was changed."_s,
            {}};
    default:
        return Error {Error::Database, what.isEmpty() ? message : what + u": "_s + message, {}};
    }
}

Error sqliteError(sqlite3 *db, const QString &what)
{
    if (!db)
        return Error {Error::Database, what + u": no database connection"_s, {}};
    return sqliteError(
        db, sqlite3_extended_errcode(db), what, QString::fromUtf8(sqlite3_errmsg(db)));
}

Result<void> execSql(sqlite3 *db, const char *sql, const QString &what)
{
    char *message = nullptr;
    const int code = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    if (code == SQLITE_OK)
        return {};
    Error error
        = sqliteError(db, code, what, QString::fromUtf8(message ? message : sqlite3_errstr(code)));
    sqlite3_free(message);
    return std::unexpected(std::move(error));
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_lastCode(other.m_lastCode)
{ }

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_lastCode = other.m_lastCode;
    }
    return *this;
}

Result<Statement> Statement::prepare(sqlite3 *db, std::string_view sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(
        db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return std::unexpected(sqliteError(db,
            u"Could not prepare \""_s + QString::fromUtf8(sql.data(), qsizetype(sql.size()))
                + u'"'));
    }
    return Statement(db, stmt);
}

void Statement::bindDouble(int column, double value)
{
    if (std::isnan(value))
        sqlite3_bind_null(m_stmt, column);
    else
        sqlite3_bind_double(m_stmt, column, value);
}

void Statement::bindInt(int column, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, column, value);
}

void Statement::bindText(int column, std::string_view text)
{
    if (text.empty())
        sqlite3_bind_null(m_stmt, column);
    else
        sqlite3_bind_text(
            m_stmt, column, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

void Statement::bindTextNotNull(int column, std::string_view text)
{
    // A non-null pointer is needed for SQLite to store '' rather than NULL.
    sqlite3_bind_text(m_stmt, column, text.empty() ? "" : text.data(),
        static_cast<int>(text.size()), SQLITE_STATIC);
}

void Statement::bindText(int column, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(
        m_stmt, column, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
}

void Statement::bindBytes(int column, const QByteArray &bytes)
{
    // A non-null pointer is needed for SQLite to store an empty BLOB rather than NULL.
    sqlite3_bind_blob(m_stmt, column, bytes.isEmpty() ? "" : bytes.constData(),
        static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
}

void Statement::bindNull(int column)
{
    sqlite3_bind_null(m_stmt, column);
}

void Statement::bindDate(int column, engine::Date date)
{
    if (date == engine::kNoDate) {
        sqlite3_bind_null(m_stmt, column);
        return;
    }
    // Formatted here rather than with engine::formatDate(): bulk writes bind millions
    // of dates, and this is a few integer operations (H. Hinnant's civil-from-days).
    const long z = long(date) + 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long day = doy - (153 * mp + 2) / 5 + 1;
    const long month = mp < 10 ? mp + 3 : mp - 9;
    const long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
        const std::string text = engine::formatDate(date);
        sqlite3_bind_text(
            m_stmt, column, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
        return;
    }
    const char text[10] = {char('0' + year / 1000), char('0' + year / 100 % 10),
        char('0' + year / 10 % 10), char('0' + year % 10), '-', char('0' + month / 10),
        char('0' + month % 10), '-', char('0' + day / 10), char('0' + day % 10)};
    sqlite3_bind_text(m_stmt, column, text, sizeof text, SQLITE_TRANSIENT);
}

bool Statement::next()
{
    m_lastCode = sqlite3_step(m_stmt);
    return m_lastCode == SQLITE_ROW;
}

Result<void> Statement::run()
{
    m_lastCode = sqlite3_step(m_stmt);
    if (m_lastCode == SQLITE_ROW || m_lastCode == SQLITE_DONE) {
        sqlite3_reset(m_stmt);
        return {};
    }
    Error error = sqliteError(
        m_db, u"Could not execute \""_s + QString::fromUtf8(sqlite3_sql(m_stmt)).left(120) + u'"');
    sqlite3_reset(m_stmt);
    return std::unexpected(std::move(error));
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    m_lastCode = SQLITE_OK;
}

Result<void> Statement::status() const
{
    if (m_lastCode == SQLITE_OK || m_lastCode == SQLITE_ROW || m_lastCode == SQLITE_DONE)
        return {};
    return std::unexpected(sqliteError(
        m_db, u"Could not read \""_s + QString::fromUtf8(sqlite3_sql(m_stmt)).left(120) + u'"'));
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

double Statement::columnDouble(int column) const
{
    if (sqlite3_column_type(m_stmt, column) == SQLITE_NULL)
        return std::nan("");
    return sqlite3_column_double(m_stmt, column);
}

std::int64_t Statement::columnInt(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

std::string_view Statement::columnText(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!text)
        return {};
    return {text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
}

QString Statement::columnString(int column) const
{
    const std::string_view text = columnText(column);
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QByteArray Statement::columnBytes(int column) const
{
    const auto *bytes = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return QByteArray(bytes, bytes ? sqlite3_column_bytes(m_stmt, column) : 0);
}

std::optional<engine::Date> Statement::columnDate(int column) const
{
    if (sqlite3_column_type(m_stmt, column) == SQLITE_NULL)
        return engine::kNoDate;
    return engine::parseDate(columnText(column));
}

} // namespace model
