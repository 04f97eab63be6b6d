#include "model/runs/planmemostore.h"

#include "model/store/statement.h"

#include <sqlite3.h>

#include <algorithm>
#include <vector>

namespace model::planmemo {

Result<void> load(sqlite3 *db, engine::planning::PlanMemo &memo)
{
    auto st = Statement::prepare(db, "SELECT key_high, key_low, plan FROM plan_memo");
    if (!st)
        return std::unexpected(st.error());
    while (st->next()) {
        const auto *bytes = static_cast<const char *>(sqlite3_column_blob(st->handle(), 2));
        const int size = sqlite3_column_bytes(st->handle(), 2);
        memo.add({static_cast<std::uint64_t>(st->columnInt(0)),
                     static_cast<std::uint64_t>(st->columnInt(1))},
            bytes ? std::string_view(bytes, static_cast<std::size_t>(size)) : std::string_view());
    }
    return st->status();
}

Result<void> save(sqlite3 *db, const engine::planning::PlanMemo &memo)
{
    if (memo.solved() == 0 && memo.hits() == static_cast<std::int64_t>(memo.size()))
        return {};
    if (auto ok = execSql(db, "DELETE FROM plan_memo"); !ok)
        return ok;
    // Two items with the same input solve the same plan: the first one stays.
    auto st = Statement::prepare(
        db, "INSERT OR IGNORE INTO plan_memo (key_high, key_low, plan) VALUES (?, ?, ?)");
    if (!st)
        return std::unexpected(st.error());
    // In key order (as SQLite orders the integers: signed), so each row lands at the
    // end of the table's tree instead of splitting pages all over it.
    struct Row {
        std::int64_t high, low;
        std::string_view bytes;
    };
    std::vector<Row> rows;
    memo.forEachUsed([&](const engine::planning::PlanKey &key, std::string_view bytes) {
        rows.push_back(
            {static_cast<std::int64_t>(key.high), static_cast<std::int64_t>(key.low), bytes});
    });
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return a.high != b.high ? a.high < b.high : a.low < b.low;
    });
    for (const Row &row : rows) {
        st->bindInt(1, row.high);
        st->bindInt(2, row.low);
        sqlite3_bind_blob(
            st->handle(), 3, row.bytes.data(), static_cast<int>(row.bytes.size()), SQLITE_STATIC);
        if (auto ok = st->run(); !ok)
            return ok;
    }
    return {};
}

} // namespace model::planmemo
