#pragma once
// Helpers shared by the model tests: fixture paths, a logical dump of a database (to
// prove that a failed import changed nothing), writing .zip files with zlib, and
// generated snapshots.

#include "engine/generator/generator.h"
#include "model/snapshots/snapshotloader.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

#include <sqlite3.h>
#include <zlib.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace testsupport {

using namespace Qt::StringLiterals;

inline QString dataDir()
{
    return QString::fromUtf8(PWB_TEST_DATA_DIR);
}

/// Every row of every table (and the schema), in a stable order, hashed. Two equal
/// dumps mean the same logical database, whatever the file bytes (WAL, free pages).
/// `skipRowsOf` names a table whose rows are left out (its schema is not).
inline QByteArray dumpDatabase(const QString &path, const char *skipRowsOf = nullptr)
{
    sqlite3 *db = nullptr;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr)
        != SQLITE_OK) {
        sqlite3_close(db);
        return {};
    }
    std::vector<std::string> tables;
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_schema ORDER BY name", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const auto *name = reinterpret_cast<const char *>(sqlite3_column_text(st, 0));
        const auto *sql = reinterpret_cast<const char *>(sqlite3_column_text(st, 1));
        const QByteArray entry = QByteArray(name) + '\n' + QByteArray(sql ? sql : "") + '\n';
        hash.addData(entry);
        if (sql && QByteArray(sql).startsWith("CREATE TABLE")
            && !(skipRowsOf && QByteArray(name) == skipRowsOf))
            tables.emplace_back(name);
    }
    sqlite3_finalize(st);
    for (const auto &table : tables) {
        const std::string sql = "SELECT * FROM \"" + table + "\"";
        sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(st, c));
                hash.addData(text ? QByteArray(text) : QByteArray("<null>"));
                hash.addData("|");
            }
            hash.addData("\n");
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return hash.result().toHex();
}

/// Runs one query on a database file and returns the first column of the first row.
inline QByteArray queryValue(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    QByteArray value;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr)
        == SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK
            && sqlite3_step(st) == SQLITE_ROW)
            value = reinterpret_cast<const char *>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return value;
}

struct ZipEntry {
    QByteArray name;
    QByteArray data;
};

/// Writes a .zip with stored (method 0) or raw-deflate (method 8) entries, built by
/// hand so the tests need no zip tool. With `zip64`, the sizes, offsets and counts go
/// in ZIP64 records as a tool writes them for archives past 4 GiB.
inline bool writeZip(
    const QString &path, const std::vector<ZipEntry> &entries, bool compress, bool zip64 = false)
{
    QByteArray out, directory;
    auto u16 = [](QByteArray &b, std::uint16_t v) {
        b.append(char(v & 0xff));
        b.append(char(v >> 8));
    };
    auto u32 = [&](QByteArray &b, std::uint32_t v) {
        u16(b, std::uint16_t(v & 0xffff));
        u16(b, std::uint16_t(v >> 16));
    };
    auto u64 = [&](QByteArray &b, std::uint64_t v) {
        u32(b, std::uint32_t(v & 0xffffffff));
        u32(b, std::uint32_t(v >> 32));
    };
    for (const auto &e : entries) {
        QByteArray payload = e.data;
        if (compress) {
            z_stream z {};
            deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
            payload.resize(qsizetype(deflateBound(&z, uLong(e.data.size()))));
            z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(e.data.constData()));
            z.avail_in = uInt(e.data.size());
            z.next_out = reinterpret_cast<Bytef *>(payload.data());
            z.avail_out = uInt(payload.size());
            if (deflate(&z, Z_FINISH) != Z_STREAM_END)
                return false;
            payload.resize(qsizetype(z.total_out));
            deflateEnd(&z);
        }
        const auto crc = std::uint32_t(
            crc32(0, reinterpret_cast<const Bytef *>(e.data.constData()), uInt(e.data.size())));
        const auto offset = std::uint32_t(out.size());
        const std::uint16_t method = compress ? 8 : 0;
        u32(out, 0x04034b50);
        u16(out, 20);
        u16(out, 0);
        u16(out, method);
        u32(out, 0); // time, date
        u32(out, crc);
        u32(out, std::uint32_t(payload.size()));
        u32(out, std::uint32_t(e.data.size()));
        u16(out, std::uint16_t(e.name.size()));
        u16(out, 0);
        out.append(e.name);
        out.append(payload);

        u32(directory, 0x02014b50);
        u16(directory, zip64 ? 45 : 20);
        u16(directory, zip64 ? 45 : 20);
        u16(directory, 0);
        u16(directory, method);
        u32(directory, 0);
        u32(directory, crc);
        u32(directory, zip64 ? 0xffffffff : std::uint32_t(payload.size()));
        u32(directory, zip64 ? 0xffffffff : std::uint32_t(e.data.size()));
        u16(directory, std::uint16_t(e.name.size()));
        u16(directory, zip64 ? 28 : 0);
        u16(directory, 0);
        u16(directory, 0);
        u16(directory, 0);
        u32(directory, 0);
        u32(directory, zip64 ? 0xffffffff : offset);
        directory.append(e.name);
        if (zip64) {
            u16(directory, 0x0001);
            u16(directory, 24);
            u64(directory, std::uint64_t(e.data.size()));
            u64(directory, std::uint64_t(payload.size()));
            u64(directory, offset);
        }
    }
    const auto directoryOffset = std::uint32_t(out.size());
    out.append(directory);
    if (zip64) {
        const auto recordOffset = std::uint64_t(out.size());
        u32(out, 0x06064b50);
        u64(out, 44);
        u16(out, 45);
        u16(out, 45);
        u32(out, 0);
        u32(out, 0);
        u64(out, entries.size());
        u64(out, entries.size());
        u64(out, std::uint64_t(directory.size()));
        u64(out, directoryOffset);
        u32(out, 0x07064b50);
        u32(out, 0);
        u64(out, recordOffset);
        u32(out, 1);
    }
    u32(out, 0x06054b50);
    u16(out, 0);
    u16(out, 0);
    u16(out, zip64 ? 0xffff : std::uint16_t(entries.size()));
    u16(out, zip64 ? 0xffff : std::uint16_t(entries.size()));
    u32(out, zip64 ? 0xffffffff : std::uint32_t(directory.size()));
    u32(out, zip64 ? 0xffffffff : directoryOffset);
    u16(out, 0);
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(out) == out.size();
}

/// The files of a snapshot folder as zip entries, under `prefix` ("" or "folder/").
inline std::vector<ZipEntry> folderEntries(const QString &folder, const QByteArray &prefix)
{
    std::vector<ZipEntry> entries;
    const QDir dir(folder);
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            entries.push_back({prefix + name.toUtf8(), file.readAll()});
    }
    return entries;
}

/// A synthetic snapshot written into `folder`; empty string on success.
inline QString generate(const QString &folder, int items, int locations, std::uint64_t seed)
{
    engine::GeneratorOptions options;
    options.items = items;
    options.locations = locations;
    options.seed = seed;
    const auto summary = engine::generateSnapshot(options, folder.toStdString());
    return summary ? QString() : QString::fromStdString(summary.error());
}

/// Runs the statements of `sql`; SQLite's message on failure, else empty.
inline QString execScript(sqlite3 *db, const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return {};
    const QString text = QString::fromUtf8(message ? message : "unknown error");
    sqlite3_free(message);
    return text;
}

/// Turns a database of the current schema back into schema 13 as it was written then:
/// proposed transfers without the lateness they avoid. Returns SQLite's message on
/// failure.
inline QString downgradeToSchema13(sqlite3 *db)
{
    return execScript(db, R"sql(
ALTER TABLE proposal_transfers DROP COLUMN lateness_avoided;
PRAGMA user_version = 13;
)sql");
}

/// Turns a database of the current schema back into schema 12 as it was written then:
/// no kept item plans either. Returns SQLite's message on failure.
inline QString downgradeToSchema12(sqlite3 *db)
{
    if (QString message = downgradeToSchema13(db); !message.isEmpty())
        return message;
    return execScript(db, R"sql(
DROP TABLE plan_memo;
PRAGMA user_version = 12;
)sql");
}

/// Turns a database of the current schema back into schema 11 as it was written then:
/// no saved scenarios, no proposals. Returns SQLite's message on failure.
inline QString downgradeToSchema11(sqlite3 *db)
{
    if (QString message = downgradeToSchema12(db); !message.isEmpty())
        return message;
    return execScript(db, R"sql(
DROP TABLE proposal_transfers;
DROP TABLE proposals;
DROP TABLE scenario_results;
DROP TABLE scenarios;
PRAGMA user_version = 11;
)sql");
}

/// Turns a database of the current schema back into schema 10 as it was written then:
/// no stored policy, no automatic approvals. Returns SQLite's message on failure.
inline QString downgradeToSchema10(sqlite3 *db)
{
    if (QString message = downgradeToSchema11(db); !message.isEmpty())
        return message;
    return execScript(db, R"sql(
DROP TABLE policies;
ALTER TABLE decisions DROP COLUMN auto_rule;
PRAGMA user_version = 10;
)sql");
}

/// Turns a database of the current schema back into schema 9 as it was written then:
/// no planned supply. Returns SQLite's message on failure.
inline QString downgradeToSchema9(sqlite3 *db)
{
    if (QString message = downgradeToSchema10(db); !message.isEmpty())
        return message;
    return execScript(db, R"sql(
DROP TABLE run_planned_actions;
DROP TABLE planned_actions;
PRAGMA user_version = 9;
)sql");
}

/// Turns a database of the current schema back into schema 8 as it was written then:
/// each batch one file in export_batches.payload, no acknowledgements, no X12 numbers.
/// Returns SQLite's message on failure.
inline QString downgradeToSchema8(sqlite3 *db)
{
    if (QString message = downgradeToSchema9(db); !message.isEmpty())
        return message;
    return execScript(db, R"sql(
UPDATE export_batches SET payload = coalesce((SELECT CAST(content AS TEXT) FROM export_files f
    WHERE f.batch_id = export_batches.batch_id AND f.seq = 1), payload);
DROP TABLE export_files;
DROP TABLE export_records;
DROP TABLE x12_transaction_sets;
DROP TABLE x12_interchanges;
PRAGMA user_version = 8;
)sql");
}

/// Turns a database of the current schema back into schema 7 as it was written then:
/// decisions without the identity of their action. Returns SQLite's message on failure.
inline QString downgradeToSchema7(sqlite3 *db)
{
    if (QString message = downgradeToSchema8(db); !message.isEmpty())
        return message;
    return execScript(db, R"sql(
ALTER TABLE decisions DROP COLUMN action_key;
ALTER TABLE decisions DROP COLUMN override_qty;
ALTER TABLE decisions DROP COLUMN reason_code;
ALTER TABLE decisions DROP COLUMN exported_batch;
ALTER TABLE decisions DROP COLUMN needs_check;
ALTER TABLE decisions DROP COLUMN checked_by;
ALTER TABLE decisions DROP COLUMN checked_at;
DROP TABLE export_batches;
PRAGMA user_version = 7;
)sql");
}

/// Turns a database of the current schema back into schema 6 as it was written then:
/// no checksums. Returns SQLite's message on failure.
inline QString downgradeToSchema6(sqlite3 *db)
{
    if (QString message = downgradeToSchema7(db); !message.isEmpty())
        return message;
    return execScript(db, R"sql(
ALTER TABLE snapshots DROP COLUMN checksum;
ALTER TABLE locations DROP COLUMN checksum;
ALTER TABLE items DROP COLUMN checksum;
ALTER TABLE suppliers DROP COLUMN checksum;
ALTER TABLE customers DROP COLUMN checksum;
ALTER TABLE lanes DROP COLUMN checksum;
ALTER TABLE item_blocks DROP COLUMN checksum;
ALTER TABLE score_runs DROP COLUMN checksum;
ALTER TABLE run_queues DROP COLUMN checksums;
PRAGMA user_version = 6;
)sql");
}

/// Turns a database of the current schema back into schema 5 as it was written then:
/// no checksums, no accounts and no audit trail. Returns SQLite's message on failure.
inline QString downgradeToSchema5(sqlite3 *db)
{
    if (QString message = downgradeToSchema6(db); !message.isEmpty())
        return message;
    return execScript(db,
        "DROP TABLE users; DROP TABLE audit_events; "
        "DELETE FROM sqlite_sequence WHERE name = 'audit_events'; "
        "PRAGMA user_version = 5;");
}

/// Turns a database of the current schema back into schema 4 as it was written then:
/// the rows of the five large files in tables keyed by text ids, an (empty) table of
/// snapshot images, no item blocks. Returns a message on failure.
inline QString downgradeToSchema4(sqlite3 *db)
{
    std::vector<std::pair<qint64, engine::Snapshot>> snapshots;
    {
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(db, "SELECT version FROM snapshots ORDER BY version", -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW)
            snapshots.emplace_back(sqlite3_column_int64(st, 0), engine::Snapshot {});
        sqlite3_finalize(st);
    }
    for (auto &[version, snapshot] : snapshots) {
        auto loaded = model::SnapshotLoader(db).loadAll(version);
        if (!loaded)
            return loaded.error().message;
        snapshot = std::move(*loaded);
    }
    if (QString message = downgradeToSchema5(db); !message.isEmpty())
        return message;
    constexpr const char *ddl = R"sql(
CREATE TABLE snapshot_images (
    snapshot_version INTEGER PRIMARY KEY REFERENCES snapshots(version),
    format INTEGER NOT NULL,
    image BLOB NOT NULL
);
CREATE TABLE item_locations (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    item_id TEXT NOT NULL, location_id TEXT NOT NULL, seq INTEGER NOT NULL,
    on_hand REAL NOT NULL, allocated REAL NOT NULL, safety_stock REAL NOT NULL,
    reorder_point REAL, order_up_to REAL, daily_demand REAL NOT NULL,
    daily_demand_std REAL NOT NULL, supplier_id TEXT, source_location_id TEXT,
    lead_time_days REAL, lead_time_std_days REAL, min_order_qty REAL NOT NULL,
    order_multiple REAL NOT NULL, last_count_date INTEGER, count_variance_rate REAL,
    PRIMARY KEY (snapshot_version, item_id, location_id)
) WITHOUT ROWID;
CREATE TABLE sales_orders (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    order_id TEXT NOT NULL, line INTEGER NOT NULL, seq INTEGER NOT NULL,
    customer_id TEXT NOT NULL, item_id TEXT NOT NULL, location_id TEXT NOT NULL,
    qty_open REAL NOT NULL, order_date INTEGER NOT NULL, due_date INTEGER NOT NULL,
    unit_price REAL NOT NULL,
    PRIMARY KEY (snapshot_version, item_id, seq)
) WITHOUT ROWID;
CREATE TABLE purchase_orders (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    po_id TEXT NOT NULL, line INTEGER NOT NULL, seq INTEGER NOT NULL,
    supplier_id TEXT NOT NULL, item_id TEXT NOT NULL, location_id TEXT NOT NULL,
    qty_open REAL NOT NULL, order_date INTEGER, expected_date INTEGER NOT NULL,
    promised_date INTEGER, status TEXT NOT NULL,
    PRIMARY KEY (snapshot_version, item_id, seq)
) WITHOUT ROWID;
CREATE TABLE transfers (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    transfer_id TEXT NOT NULL, seq INTEGER NOT NULL, item_id TEXT NOT NULL,
    from_location_id TEXT NOT NULL, to_location_id TEXT NOT NULL, qty REAL NOT NULL,
    ship_date INTEGER, expected_date INTEGER NOT NULL,
    PRIMARY KEY (snapshot_version, item_id, seq)
) WITHOUT ROWID;
CREATE TABLE forecast (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    item_id TEXT NOT NULL, location_id TEXT NOT NULL, date INTEGER NOT NULL,
    seq INTEGER NOT NULL, qty REAL NOT NULL,
    PRIMARY KEY (snapshot_version, item_id, location_id, date)
) WITHOUT ROWID;
DROP TABLE item_blocks;
DROP INDEX suppliers_by_seq;
DROP INDEX customers_by_seq;
PRAGMA user_version = 4;
)sql";
    if (QString message = execScript(db, ddl); !message.isEmpty())
        return message;
    // One value per column, bound by type: text, a whole number (dates: NULL when
    // not given), or a double.
    using Value = std::function<void(sqlite3_stmt *, int)>;
    auto text = [](std::string_view v) -> Value {
        return [v](sqlite3_stmt *st, int i) {
            if (v.empty())
                sqlite3_bind_null(st, i);
            else
                sqlite3_bind_text(st, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
        };
    };
    auto id = [&](const engine::IdTable &ids, engine::Index index) {
        return text(
            index == engine::kNone ? std::string_view {} : std::string_view {ids.at(index)});
    };
    auto number = [](double v) -> Value {
        return [v](sqlite3_stmt *st, int i) {
            if (std::isnan(v))
                sqlite3_bind_null(st, i);
            else
                sqlite3_bind_double(st, i, v);
        };
    };
    auto whole = [](std::int64_t v) -> Value {
        return [v](sqlite3_stmt *st, int i) { sqlite3_bind_int64(st, i, v); };
    };
    auto day = [](engine::Date d) -> Value {
        return [d](sqlite3_stmt *st, int i) {
            if (d == engine::kNoDate)
                sqlite3_bind_null(st, i);
            else
                sqlite3_bind_int64(st, i, d);
        };
    };
    QString failure;
    auto insert = [&](const char *sql, engine::Index rows,
                      const std::function<std::vector<Value>(std::size_t)> &row) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
            failure = QString::fromUtf8(sqlite3_errmsg(db));
            return;
        }
        for (engine::Index r = 0; r < rows && failure.isEmpty(); ++r) {
            const std::vector<Value> values = row(std::size_t(r));
            for (std::size_t i = 0; i < values.size(); ++i)
                values[i](st, int(i) + 1);
            if (sqlite3_step(st) != SQLITE_DONE)
                failure = QString::fromUtf8(sqlite3_errmsg(db));
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
    };
    static constexpr const char *kStatus[] = {"open", "confirmed", "shipped"};
    for (const auto &[version, s] : snapshots) {
        const auto &items = s.items.ids;
        const auto &locations = s.locations.ids;
        const auto &il = s.itemLocations;
        insert("INSERT INTO item_locations VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            il.size(), [&](std::size_t r) {
                return std::vector<Value> {whole(version), id(items, il.item[r]),
                    id(locations, il.location[r]), whole(std::int64_t(r)), number(il.onHand[r]),
                    number(il.allocated[r]), number(il.safetyStock[r]), number(il.reorderPoint[r]),
                    number(il.orderUpTo[r]), number(il.dailyDemand[r]),
                    number(il.dailyDemandStd[r]), id(s.suppliers.ids, il.supplier[r]),
                    id(locations, il.sourceLocation[r]), number(il.leadTimeDays[r]),
                    number(il.leadTimeStdDays[r]), number(il.minOrderQty[r]),
                    number(il.orderMultiple[r]), day(il.lastCountDate[r]),
                    number(il.countVarianceRate[r])};
            });
        const auto &so = s.salesOrders;
        insert("INSERT INTO sales_orders VALUES (?,?,?,?,?,?,?,?,?,?,?)", so.size(),
            [&](std::size_t r) {
                return std::vector<Value> {whole(version), text(so.orderId[r]), whole(so.line[r]),
                    whole(std::int64_t(r)), id(s.customers.ids, so.customer[r]),
                    id(items, so.item[r]), id(locations, so.location[r]), number(so.qtyOpen[r]),
                    day(so.orderDate[r]), day(so.dueDate[r]), number(so.unitPrice[r])};
            });
        const auto &po = s.purchaseOrders;
        insert("INSERT INTO purchase_orders VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", po.size(),
            [&](std::size_t r) {
                return std::vector<Value> {whole(version), text(po.poId[r]), whole(po.line[r]),
                    whole(std::int64_t(r)), id(s.suppliers.ids, po.supplier[r]),
                    id(items, po.item[r]), id(locations, po.location[r]), number(po.qtyOpen[r]),
                    day(po.orderDate[r]), day(po.expectedDate[r]), day(po.promisedDate[r]),
                    text(kStatus[int(po.status[r])])};
            });
        const auto &tr = s.transfers;
        insert("INSERT INTO transfers VALUES (?,?,?,?,?,?,?,?,?)", tr.size(), [&](std::size_t r) {
            return std::vector<Value> {whole(version), text(tr.transferId[r]),
                whole(std::int64_t(r)), id(items, tr.item[r]), id(locations, tr.fromLocation[r]),
                id(locations, tr.toLocation[r]), number(tr.qty[r]), day(tr.shipDate[r]),
                day(tr.expectedDate[r])};
        });
        const auto &fc = s.forecast;
        insert("INSERT INTO forecast VALUES (?,?,?,?,?,?)", fc.size(), [&](std::size_t r) {
            return std::vector<Value> {whole(version), id(items, fc.item[r]),
                id(locations, fc.location[r]), day(fc.date[r]), whole(std::int64_t(r)),
                number(fc.qty[r])};
        });
    }
    return failure;
}

/// Turns a database of the current schema back into schema 3 as it was written then:
/// the dates of the row tables as `YYYY-MM-DD` text. Returns SQLite's message on
/// failure.
inline QString downgradeToSchema3(sqlite3 *db)
{
    if (QString message = downgradeToSchema4(db); !message.isEmpty())
        return message;
    constexpr const char *sql = R"sql(
CREATE TABLE item_locations_v3 (
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
INSERT INTO item_locations_v3 SELECT snapshot_version, item_id, location_id, seq, on_hand, allocated, safety_stock, reorder_point, order_up_to, daily_demand, daily_demand_std, supplier_id, source_location_id, lead_time_days, lead_time_std_days, min_order_qty, order_multiple, date(last_count_date + 2440587.5), count_variance_rate FROM item_locations;
DROP TABLE item_locations;
ALTER TABLE item_locations_v3 RENAME TO item_locations;
CREATE TABLE sales_orders_v3 (
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
INSERT INTO sales_orders_v3 SELECT snapshot_version, order_id, line, seq, customer_id, item_id, location_id, qty_open, date(order_date + 2440587.5), date(due_date + 2440587.5), unit_price FROM sales_orders;
DROP TABLE sales_orders;
ALTER TABLE sales_orders_v3 RENAME TO sales_orders;
CREATE TABLE purchase_orders_v3 (
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
INSERT INTO purchase_orders_v3 SELECT snapshot_version, po_id, line, seq, supplier_id, item_id, location_id, qty_open, date(order_date + 2440587.5), date(expected_date + 2440587.5), date(promised_date + 2440587.5), status FROM purchase_orders;
DROP TABLE purchase_orders;
ALTER TABLE purchase_orders_v3 RENAME TO purchase_orders;
CREATE TABLE transfers_v3 (
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
INSERT INTO transfers_v3 SELECT snapshot_version, transfer_id, seq, item_id, from_location_id, to_location_id, qty, date(ship_date + 2440587.5), date(expected_date + 2440587.5) FROM transfers;
DROP TABLE transfers;
ALTER TABLE transfers_v3 RENAME TO transfers;
CREATE TABLE forecast_v3 (
    snapshot_version INTEGER NOT NULL REFERENCES snapshots(version),
    item_id TEXT NOT NULL,
    location_id TEXT NOT NULL,
    date TEXT NOT NULL,
    seq INTEGER NOT NULL,
    qty REAL NOT NULL,
    PRIMARY KEY (snapshot_version, item_id, location_id, date)
) WITHOUT ROWID;
INSERT INTO forecast_v3 SELECT snapshot_version, item_id, location_id, date(date + 2440587.5), seq, qty FROM forecast;
DROP TABLE forecast;
ALTER TABLE forecast_v3 RENAME TO forecast;
PRAGMA user_version = 3;
)sql";
    return execScript(db, sql);
}

/// Turns a database of the current schema back into schema 2 as it was written then:
/// the exceptions table with a row per exception (empty), decisions referencing it,
/// no run_queues, foreign keys off on `db`. Returns SQLite's message on failure.
inline QString downgradeToSchema2(sqlite3 *db)
{
    if (QString message = downgradeToSchema3(db); !message.isEmpty())
        return message;
    // Off for this connection: the old decisions name exceptions whose rows the caller
    // writes afterwards.
    constexpr const char *sql = R"sql(
PRAGMA foreign_keys = OFF;
DROP TABLE run_queues;
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
CREATE TABLE decisions_v2 (
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
INSERT INTO decisions_v2 SELECT * FROM decisions;
DROP TABLE decisions;
ALTER TABLE decisions_v2 RENAME TO decisions;
CREATE INDEX decisions_by_exception ON decisions (run_id, exception_id);
PRAGMA user_version = 2;
)sql";
    return execScript(db, sql);
}

} // namespace testsupport
