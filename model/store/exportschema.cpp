#include "model/store/exportschema.h"

#include "model/export/exportrecord.h"
#include "model/store/statement.h"

namespace model {

Result<void> recordEarlierExports(sqlite3 *db)
{
    auto read = Statement::prepare(db,
        "SELECT id, exported_batch, action_key, override_qty FROM decisions "
        "WHERE exported_batch IS NOT NULL ORDER BY id");
    if (!read)
        return std::unexpected(read.error());
    auto insert = Statement::prepare(
        db, "INSERT INTO export_records (batch_id, decision_id, idempotency_key) VALUES (?,?,?)");
    if (!insert)
        return std::unexpected(insert.error());
    while (read->next()) {
        const qint64 decision = read->columnInt(0);
        // As the export computed it: a missing identity or quantity counts as empty, 0.
        const QString key = idempotencyKey(
            decision, read->columnString(2), read->isNull(3) ? 0.0 : read->columnDouble(3));
        insert->bindInt(1, read->columnInt(1));
        insert->bindInt(2, decision);
        insert->bindText(3, key);
        if (auto ok = insert->run(); !ok)
            return ok;
    }
    return read->status();
}

} // namespace model
