#pragma once
// Reading the snapshot tables that are kept as rows, for SnapshotLoader: each row goes
// to its position in its file, ids are resolved against the tables already read, and
// anything that does not fit is a clear "damaged" error. Internal to model/.

#include "model/error.h"
#include "model/store/checksum.h"
#include "model/store/statement.h"

#include "engine/core/snapshot.h"

#include <QString>

#include <sqlite3.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace model::rows {

using engine::Index;
using namespace Qt::StringLiterals;

inline Error damaged(const char *table, std::int64_t seq, const char *what)
{
    return Error {Error::Database,
        u"The workbench database is damaged: row "_s + QString::number(seq) + u" of table "_s
            + QString::fromUtf8(table) + u' ' + QString::fromUtf8(what)
            + u". Import the snapshot again into a new database."_s,
        {}};
}

template <class... Columns> void resizeAll(std::size_t n, Columns &...columns)
{
    (columns.resize(n), ...);
}

/// How a row of a sealed table is checked: its checksum (model/store/checksum.h) is
/// in column `column`, after the columns it covers, and its key is `key`. A column
/// below 0: the table has no checksums yet (the schema 4 -> 5 migration).
struct RowSeal {
    std::int64_t key = 0;
    int column = -1;
};

/// Steps a SELECT whose first column is `seq` and places each row at its position in
/// the file. A whole table (expected >= 0) arrives in key order and goes to index
/// `seq`; a filtered one (expected < 0) arrives ordered by seq and is appended.
/// `resize(n)` sizes every column vector; `fill(pos)` reads the row, false when it
/// refers to an id that is not loaded. A row that fails its checksum is damage.
template <class Resize, class Fill>
Result<void> readRows(
    Statement &st, const char *table, std::int64_t expected, RowSeal seal, Resize resize, Fill fill)
{
    std::size_t capacity = expected >= 0 ? std::size_t(expected) : 0;
    resize(capacity);
    std::size_t count = 0;
    while (st.next()) {
        const std::int64_t seq = st.columnInt(0);
        if (seal.column >= 0 && !rowIntact(st, seal.key, 0, seal.column, seal.column))
            return std::unexpected(damaged(table, seq, "does not match its checksum"));
        std::size_t pos = count;
        if (expected >= 0) {
            if (seq < 0 || seq >= expected)
                return std::unexpected(damaged(table, seq, "is out of sequence"));
            pos = std::size_t(seq);
        } else if (pos >= capacity) {
            capacity = std::max<std::size_t>(16, capacity * 2);
            resize(capacity);
        }
        if (!fill(pos))
            return std::unexpected(damaged(table, seq, "refers to an id that is not stored"));
        ++count;
    }
    if (auto ok = st.status(); !ok)
        return ok;
    if (expected < 0)
        resize(count);
    else if (count != std::size_t(expected))
        return std::unexpected(damaged(table, std::int64_t(count), "count does not match"));
    return {};
}

/// Interns ids read at their file positions, so indexes come out as the parser made them.
inline bool internAll(engine::IdTable &table, const std::vector<std::string> &ids)
{
    table.reserve(ids.size());
    for (const auto &id : ids) {
        if (table.intern(id) != table.size() - 1)
            return false; // a repeated key
    }
    return true;
}

/// The index of a stored id that must be loaded.
inline bool resolve(const engine::IdTable &table, std::string_view id, Index &out)
{
    out = table.find(id);
    return out != engine::kNone;
}

/// Like resolve(), for a column that may be NULL (kNone then).
inline bool resolveOptional(const engine::IdTable &table, std::string_view id, Index &out)
{
    if (id.empty()) {
        out = engine::kNone;
        return true;
    }
    return resolve(table, id, out);
}

/// Row-table dates are day numbers since 1970-01-01 (schema 4), NULL when not given.
inline bool readDate(const Statement &st, int column, engine::Date &out)
{
    switch (sqlite3_column_type(st.handle(), column)) {
    case SQLITE_NULL:
        out = engine::kNoDate;
        return true;
    case SQLITE_INTEGER: {
        const sqlite3_int64 day = sqlite3_column_int64(st.handle(), column);
        if (day <= engine::kNoDate || day > std::numeric_limits<engine::Date>::max())
            return false;
        out = engine::Date(day);
        return true;
    }
    default:
        return false;
    }
}

} // namespace model::rows
