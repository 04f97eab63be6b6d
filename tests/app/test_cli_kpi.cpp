// `pwb kpi` through the binary on two snapshots of the demo (tests/model/kpitestdata.h):
// the figures worked out by hand in json, the csv with a row per location, the table,
// the date range, what is behind a figure (--explain), and the usage errors. Decisions
// are taken through the model. The transfer cycle on a database of its own: a transfer
// approved, exported, acknowledged and seen received the next night, its times set by
// hand so that each leg's hours are known.

#include "model/workbench.h"
#include "pwbprocess.h"
#include "tests/model/kpitestdata.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <cmath>

using namespace Qt::StringLiterals;

class TestCliKpi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void jsonFigures();
    void csvByLocation();
    void tableAndRange();
    void explainAFigure();
    void usageErrors();
    void transferCycle();

private:
    QString m_db;
    QTemporaryDir m_dir;
};

namespace {

const QString kPassword = u"root-password"_s;

pwbtest::Run pwbAs(const QStringList &arguments)
{
    return pwbtest::pwb(arguments, pwbtest::withPasswords(kPassword));
}

/// The demo one day later with `transfers` as its open transfers (CSV rows).
bool writeNextNight(const QString &folder, const QString &transfers)
{
    QDir().mkpath(folder);
    const QDir demo(QStringLiteral(PWB_DEMO_DIR));
    for (const QString &name : demo.entryList({u"*.csv"_s}, QDir::Files))
        QFile::copy(demo.filePath(name), folder + u'/' + name);
    QFile manifest(demo.filePath(u"manifest.json"_s));
    if (!manifest.open(QIODevice::ReadOnly))
        return false;
    QString text = QString::fromUtf8(manifest.readAll());
    text.replace(u"SYNTH-7-2026-11-28"_s, u"SYNTH-7-2026-11-29"_s);
    text.replace(u"\"as_of\": \"2026-11-28\""_s, u"\"as_of\": \"2026-11-29\""_s);
    QFile out(folder + u"/manifest.json"_s);
    QFile csv(folder + u"/transfers.csv"_s);
    QFile::remove(csv.fileName());
    if (!out.open(QIODevice::WriteOnly) || !csv.open(QIODevice::WriteOnly))
        return false;
    out.write(text.toUtf8());
    csv.write("transfer_id,item_id,from_location_id,to_location_id,qty,ship_date,expected_date\n"
        + transfers.toUtf8());
    return true;
}

bool execSql(const QString &db, const char *sql)
{
    sqlite3 *handle = nullptr;
    bool ok = sqlite3_open_v2(db.toUtf8().constData(), &handle, SQLITE_OPEN_READWRITE, nullptr)
        == SQLITE_OK;
    ok = ok && sqlite3_exec(handle, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(handle);
    return ok;
}

QJsonObject overallOf(const QString &db, int snapshot)
{
    const pwbtest::Run run = pwbtest::pwb({u"kpi"_s, u"--db"_s, db, u"--format"_s, u"json"_s});
    return QJsonDocument::fromJson(run.out.toUtf8())
        .object()
        .value(u"snapshots"_s)
        .toArray()
        .at(snapshot)
        .toObject()
        .value(u"overall"_s)
        .toObject();
}

} // namespace

void TestCliKpi::initTestCase()
{
    const QString demo = QStringLiteral(PWB_DEMO_DIR);
    QVERIFY(kpitest::writeDemo(demo, m_dir.filePath(u"s1"_s), false));
    QVERIFY(kpitest::writeDemo(demo, m_dir.filePath(u"s2"_s), true));
    m_db = m_dir.filePath(u"wb.db"_s);
    for (const char *folder : {"s1", "s2"}) {
        const pwbtest::Run run = pwbtest::pwb(
            {u"import"_s, m_dir.filePath(QString::fromLatin1(folder)), u"--db"_s, m_db});
        QVERIFY2(run.code == 0, qPrintable(run.err));
    }
    auto wb = model::Workbench::open(m_db);
    QVERIFY(wb);
    const model::User ana {u"ana"_s, engine::Role::Admin};
    QVERIFY((*wb)->decisions().record(
        u"shortage:SKU-00016@DC-WEST"_s, 0, model::Decision::Approved, ana));
    QVERIFY((*wb)->decisions().record(u"replenishment:SKU-00025@DC-WEST"_s, 0,
        model::Decision::Rejected, ana, {}, 0, u"customer_agreed_to_wait"_s));
}

void TestCliKpi::jsonFigures()
{
    const pwbtest::Run run = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_db, u"--format"_s, u"json"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QVERIFY(root.value(u"by"_s).isNull());
    QCOMPARE(root.value(u"fill_rate_target"_s).toDouble(), 0.95);
    const QJsonArray snapshots = root.value(u"snapshots"_s).toArray();
    QCOMPARE(snapshots.size(), 2);
    const QJsonObject first = snapshots[0].toObject(), second = snapshots[1].toObject();
    QCOMPARE(first.value(u"as_of"_s).toString(), u"2026-11-28"_s);
    QCOMPARE(second.value(u"snapshot_id"_s).toString(), u"SYNTH-7-2026-11-29"_s);
    const QJsonObject a = first.value(u"overall"_s).toObject();
    const QJsonObject b = second.value(u"overall"_s).toObject();
    QCOMPARE(a.value(u"open_lines"_s).toInt(), 126);
    QCOMPARE(a.value(u"short_lines"_s).toInt(), 16);
    QCOMPARE(a.value(u"fill_rate"_s).toDouble(), 1.0 - 16.0 / 126.0);
    QCOMPARE(b.value(u"open_lines"_s).toInt(), 127);
    // 6 SKU-locations out of stock with open lines each night (tests/model/test_kpi.cpp).
    QCOMPARE(a.value(u"stockout_sku_locations"_s).toInt(), 6);
    QCOMPARE(root.value(u"stockout_days"_s).toInt(), 12);
    // Inventory turns: 2,722,698.63 of a year's demand at cost over 193,666.66 on hand
    // at cost (summed over the demo's files in tests/model/test_kpi.cpp).
    QVERIFY(std::abs(a.value(u"inventory_at_cost"_s).toDouble() - 193666.66) < 1e-6);
    QVERIFY(std::abs(a.value(u"annual_cogs"_s).toDouble() - 2722698.6295) < 1e-6);
    QVERIFY(std::abs(b.value(u"inventory_turns"_s).toDouble() - 2722698.6295 / 193666.66) < 1e-9);
    QCOMPARE(b.value(u"tier1_fill_rate"_s).toDouble(), 1.0 - 4.0 / 48.0);
    QCOMPARE(a.value(u"backorder_lines"_s).toInt(), 27);
    QVERIFY(std::abs(a.value(u"backorder_value"_s).toDouble() - 10739.33) < 1e-6);
    QVERIFY(std::abs(b.value(u"backorder_value"_s).toDouble() - 12485.34) < 1e-6);
    QVERIFY(std::abs(b.value(u"excess_stock_value"_s).toDouble() - 55736.1758) < 1e-4);
    QCOMPARE(a.value(u"shortage"_s).toInt(), 11);
    QCOMPARE(b.value(u"shortage"_s).toInt(), 10);
    QCOMPARE(b.value(u"exceptions"_s).toInt(), 49);
    QCOMPARE(a.value(u"decisions"_s).toInt(), 0);
    QVERIFY(a.value(u"touch_hours_median"_s).isNull());
    QCOMPARE(b.value(u"decisions"_s).toInt(), 2);
    QCOMPARE(b.value(u"approved"_s).toInt(), 1);
    QCOMPARE(b.value(u"rejected"_s).toInt(), 1);
    QVERIFY(b.value(u"touch_hours_median"_s).toDouble() >= 0);
    // Can save taken: the approved shortage's 381.25 (the rejected replenishment's
    // 1,418.04 is left); left = 14,448.49 less it, to the cent of the unrounded sums.
    QCOMPARE(a.value(u"can_save_taken"_s).toDouble(), 0.0);
    QVERIFY(std::abs(b.value(u"can_save_taken"_s).toDouble() - 381.25) < 0.005);
    QVERIFY(std::abs(b.value(u"can_save_left"_s).toDouble()
                - (b.value(u"can_save"_s).toDouble() - b.value(u"can_save_taken"_s).toDouble()))
        < 1e-6);
    QVERIFY(std::abs(b.value(u"can_save_left"_s).toDouble() - 14067.24) < 0.01);
}

void TestCliKpi::csvByLocation()
{
    const pwbtest::Run run = pwbtest::pwb(
        {u"kpi"_s, u"--db"_s, m_db, u"--by"_s, u"location"_s, u"--format"_s, u"csv"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    // A header, then per snapshot the whole and its four locations.
    QCOMPARE(lines.size(), 1 + 2 * 5);
    QVERIFY(lines[0].startsWith(u"as_of,snapshot_id,version,currency,group,exposure,can_save"_s));
    QVERIFY(lines[1].startsWith(u"2026-11-28,SYNTH-7-2026-11-28,1,USD,all,"_s));
    QVERIFY(lines[2].startsWith(u"2026-11-28,SYNTH-7-2026-11-28,1,USD,BR-01,"_s));
    const int columns = int(lines[0].count(u',')) + 1;
    for (const QString &line : lines)
        QCOMPARE(int(line.count(u',')) + 1, columns);
}

void TestCliKpi::tableAndRange()
{
    const pwbtest::Run run = pwbtest::pwb(
        {u"kpi"_s, u"--db"_s, m_db, u"--from"_s, u"2026-11-29"_s, u"--by"_s, u"planner"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"fill rate target 95.0%"_s), qPrintable(run.out));
    QVERIFY(run.out.contains(u"SYNTH-7-2026-11-29"_s));
    QVERIFY(!run.out.contains(u"SYNTH-7-2026-11-28"_s));
    QVERIFY(run.out.contains(u"89.0%"_s)); // 1 - 14/127
    QVERIFY(run.out.contains(u"12,485.34"_s));
    QVERIFY(run.out.contains(u"1 (50.0%)"_s));
    QVERIFY(run.out.contains(u"ana"_s));
    // The turns of the whole, one decimal (14.06); a planner's row has none.
    QVERIFY(run.out.contains(u"TURNS"_s));
    QVERIFY2(run.out.contains(u"14.1"_s), qPrintable(run.out));

    const pwbtest::Run none
        = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_db, u"--from"_s, u"2027-01-01"_s});
    QCOMPARE(none.code, 0);
    QCOMPARE(none.out, u"No snapshot in that date range.\n"_s);
}

void TestCliKpi::explainAFigure()
{
    // The backorders of BR-01 on the second snapshot, as json: the rows add up to it.
    const pwbtest::Run run = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_db, u"--explain"_s,
        u"backorder_value"_s, u"--date"_s, u"2026-11-29"_s, u"--by"_s, u"location"_s, u"--key"_s,
        u"BR-01"_s, u"--format"_s, u"json"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(root.value(u"kpi"_s).toString(), u"backorder_value"_s);
    QCOMPARE(root.value(u"key"_s).toString(), u"BR-01"_s);
    QCOMPARE(root.value(u"snapshot_id"_s).toString(), u"SYNTH-7-2026-11-29"_s);
    const QJsonArray rows = root.value(u"rows"_s).toArray();
    QVERIFY(!rows.isEmpty());
    QCOMPARE(root.value(u"row_count"_s).toInt(), rows.size());
    double sum = 0, previous = 1e300;
    bool added = false;
    for (const auto &row : rows) {
        const QJsonObject line = row.toObject();
        QCOMPARE(line.value(u"location"_s).toString(), u"BR-01"_s);
        QVERIFY(line.value(u"days_late"_s).toInt() > 0);
        const double value = line.value(u"value"_s).toDouble();
        QVERIFY(value <= previous);
        previous = value;
        sum += value;
        added = added || line.value(u"order_id"_s).toString() == u"SO-999999"_s;
    }
    QVERIFY(added);
    QVERIFY(std::abs(sum - root.value(u"value"_s).toDouble()) < 0.005);
    QVERIFY(
        std::abs(root.value(u"total"_s).toDouble() - root.value(u"value"_s).toDouble()) < 0.005);

    // Can save taken on the second snapshot: the one approved exception, marked taken.
    const pwbtest::Run taken = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_db, u"--explain"_s,
        u"can_save_taken"_s, u"--date"_s, u"2026-11-29"_s, u"--format"_s, u"json"_s});
    QVERIFY2(taken.code == 0, qPrintable(taken.err));
    const QJsonObject takenRoot = QJsonDocument::fromJson(taken.out.toUtf8()).object();
    const QJsonArray takenRows = takenRoot.value(u"rows"_s).toArray();
    QCOMPARE(takenRows.size(), 1);
    QCOMPARE(takenRows[0].toObject().value(u"exception_id"_s).toString(),
        u"shortage:SKU-00016@DC-WEST"_s);
    QVERIFY(takenRows[0].toObject().value(u"taken"_s).toBool());
    QVERIFY(std::abs(takenRoot.value(u"value"_s).toDouble() - 381.25) < 0.005);

    // The same figure in `pwb kpi --by location --format json`.
    const pwbtest::Run kpis = pwbtest::pwb(
        {u"kpi"_s, u"--db"_s, m_db, u"--by"_s, u"location"_s, u"--format"_s, u"json"_s});
    QVERIFY(kpis.code == 0);
    const QJsonObject second = QJsonDocument::fromJson(kpis.out.toUtf8())
                                   .object()
                                   .value(u"snapshots"_s)
                                   .toArray()[1]
                                   .toObject();
    QCOMPARE(root.value(u"value"_s).toDouble(),
        second.value(u"groups"_s)
            .toObject()
            .value(u"BR-01"_s)
            .toObject()
            .value(u"backorder_value"_s)
            .toDouble());

    // The decisions of the second snapshot as a table: ana's approval and rejection.
    const pwbtest::Run table = pwbtest::pwb(
        {u"kpi"_s, u"--db"_s, m_db, u"--explain"_s, u"decisions"_s, u"--date"_s, u"2026-11-29"_s});
    QVERIFY2(table.code == 0, qPrintable(table.err));
    QVERIFY2(table.out.startsWith(u"Decisions as of 2026-11-29: 2 from 2 decisions\n"_s),
        qPrintable(table.out));
    QVERIFY(table.out.contains(u"shortage:SKU-00016@DC-WEST"_s));
    QVERIFY(table.out.contains(u"customer_agreed_to_wait"_s));

    // The stockouts of the first night: the four at DC-WEST.
    const pwbtest::Run out = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_db, u"--explain"_s,
        u"stockout_sku_locations"_s, u"--date"_s, u"2026-11-28"_s, u"--by"_s, u"location"_s,
        u"--key"_s, u"DC-WEST"_s, u"--format"_s, u"json"_s});
    QVERIFY2(out.code == 0, qPrintable(out.err));
    const QJsonObject outRoot = QJsonDocument::fromJson(out.out.toUtf8()).object();
    QCOMPARE(outRoot.value(u"value"_s).toDouble(), 4.0);
    QStringList items;
    for (const auto &r : outRoot.value(u"rows"_s).toArray()) {
        QCOMPARE(r.toObject().value(u"on_hand"_s).toDouble(), 0.0);
        QVERIFY(r.toObject().value(u"open_lines"_s).toInt() > 0);
        items << r.toObject().value(u"item"_s).toString();
    }
    items.sort();
    QCOMPARE(items, (QStringList {u"SKU-00008"_s, u"SKU-00016"_s, u"SKU-00025"_s, u"SKU-00037"_s}));

    // Inventory turns at DC-WEST on the first night: its 60 SKU-locations, whose stock
    // and year of demand at cost add up to the figure's denominator and numerator
    // (83,062.81 and 915,198.01: 11.02 turns).
    const pwbtest::Run turns = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_db, u"--explain"_s,
        u"inventory_turns"_s, u"--date"_s, u"2026-11-28"_s, u"--by"_s, u"location"_s, u"--key"_s,
        u"DC-WEST"_s, u"--format"_s, u"json"_s});
    QVERIFY2(turns.code == 0, qPrintable(turns.err));
    const QJsonObject turnsRoot = QJsonDocument::fromJson(turns.out.toUtf8()).object();
    double stock = 0, cogs = 0;
    for (const auto &r : turnsRoot.value(u"rows"_s).toArray()) {
        const QJsonObject row = r.toObject();
        QCOMPARE(row.value(u"location"_s).toString(), u"DC-WEST"_s);
        stock += row.value(u"inventory_at_cost"_s).toDouble();
        cogs += row.value(u"annual_cogs"_s).toDouble();
    }
    QCOMPARE(turnsRoot.value(u"row_count"_s).toInt(), 60);
    QVERIFY(std::abs(stock - 83062.81) < 1e-6);
    QVERIFY(std::abs(cogs - 915198.007) < 1e-6);
    QVERIFY(std::abs(turnsRoot.value(u"inventory_at_cost"_s).toDouble() - stock) < 1e-6);
    QVERIFY(std::abs(turnsRoot.value(u"value"_s).toDouble() - cogs / stock) < 1e-9);
    const pwbtest::Run turnsTable = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_db, u"--explain"_s,
        u"inventory_turns"_s, u"--date"_s, u"2026-11-28"_s});
    QVERIFY2(turnsTable.code == 0, qPrintable(turnsTable.err));
    QVERIFY2(turnsTable.out.startsWith(u"Inventory turns as of 2026-11-28: 14.06 from 240 "
                                       "SKU-locations with stock or demand (annual cost of goods "
                                       "2,722,698.63 / stock at cost 193,666.66)\n"_s),
        qPrintable(turnsTable.out));

    // csv: a header and a line per exception of the excess stock.
    const pwbtest::Run csv = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_db, u"--explain"_s,
        u"excess_stock_value"_s, u"--date"_s, u"2026-11-28"_s, u"--format"_s, u"csv"_s});
    QVERIFY2(csv.code == 0, qPrintable(csv.err));
    const QStringList lines = csv.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 12);
    QVERIFY(lines[0].startsWith(u"exception_id,type,item,location,"_s));
    QVERIFY(lines[1].startsWith(u"excess:"_s));

    // Refusals: a KPI it does not know, no date, a date without a snapshot, a group
    // without a grouping.
    const pwbtest::Run unknown = pwbtest::pwb(
        {u"kpi"_s, u"--db"_s, m_db, u"--explain"_s, u"stockouts"_s, u"--date"_s, u"2026-11-29"_s});
    QCOMPARE(unknown.code, 1);
    QVERIFY2(unknown.err.contains(u"unknown KPI 'stockouts'"_s), qPrintable(unknown.err));
    const pwbtest::Run noDate
        = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_db, u"--explain"_s, u"exposure"_s});
    QCOMPARE(noDate.code, 1);
    const pwbtest::Run noSnapshot = pwbtest::pwb(
        {u"kpi"_s, u"--db"_s, m_db, u"--explain"_s, u"exposure"_s, u"--date"_s, u"2026-12-01"_s});
    QCOMPARE(noSnapshot.code, 2);
    QVERIFY2(noSnapshot.err.contains(u"2026-11-28, 2026-11-29"_s), qPrintable(noSnapshot.err));
    const pwbtest::Run keyAlone = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_db, u"--explain"_s,
        u"exposure"_s, u"--date"_s, u"2026-11-29"_s, u"--key"_s, u"BR-01"_s});
    QCOMPARE(keyAlone.code, 2);
    const pwbtest::Run dateAlone
        = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_db, u"--date"_s, u"2026-11-29"_s});
    QCOMPARE(dateAlone.code, 1);
}

void TestCliKpi::usageErrors()
{
    const pwbtest::Run by = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_db, u"--by"_s, u"region"_s});
    QCOMPARE(by.code, 1);
    QVERIFY2(by.err.contains(u"unknown grouping 'region'"_s), qPrintable(by.err));
    const pwbtest::Run from
        = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_db, u"--from"_s, u"yesterday"_s});
    QCOMPARE(from.code, 1);
    QVERIFY2(from.err.contains(u"--from: expected a date YYYY-MM-DD"_s), qPrintable(from.err));
    const pwbtest::Run format = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_db, u"--format"_s, u"xml"_s});
    QCOMPARE(format.code, 1);
    const pwbtest::Run missing
        = pwbtest::pwb({u"kpi"_s, u"--db"_s, m_dir.filePath(u"missing.db"_s)});
    QVERIFY(missing.code != 0);
    QVERIFY(!QFile::exists(m_dir.filePath(u"missing.db"_s)));
}

void TestCliKpi::transferCycle()
{
    // The demo's plan: transfer 10 of SKU-00033 from BR-02 to DC-WEST, buy 3 of
    // SKU-00016. Both approved by root: one approved transfer (the purchase is not one).
    const QString db = m_dir.filePath(u"cycle.db"_s);
    QCOMPARE(pwbtest::pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, db}).code, 0);
    QCOMPARE(
        pwbAs({u"user"_s, u"add"_s, u"root"_s, u"--role"_s, u"admin"_s, u"--db"_s, db}).code, 0);
    for (const QString &id : {u"shortage:SKU-00033@DC-WEST"_s, u"shortage:SKU-00016@DC-WEST"_s}) {
        const pwbtest::Run run
            = pwbAs({u"decide"_s, id, u"--approve"_s, u"--user"_s, u"root"_s, u"--db"_s, db});
        QVERIFY2(run.code == 0, qPrintable(run.err));
    }
    // Approved only: every leg open, no median yet.
    QJsonObject f = overallOf(db, 0);
    QCOMPARE(f.value(u"transfers"_s).toInt(), 1);
    QVERIFY(f.value(u"transfer_export_hours_median"_s).isNull());
    QCOMPARE(f.value(u"transfer_export_open"_s).toInt(), 1);
    QCOMPARE(f.value(u"transfer_received_open"_s).toInt(), 1);

    // Exported in batch 1, accepted by the ERP.
    const QString inbox = m_dir.filePath(u"inbox"_s);
    pwbtest::Run run
        = pwbAs({u"export"_s, u"--db"_s, db, u"--out"_s, inbox, u"--user"_s, u"root"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QFile batch(inbox + u"/pwb-export-000001.json"_s);
    QVERIFY(batch.open(QIODevice::ReadOnly));
    const QJsonObject transfer = QJsonDocument::fromJson(batch.readAll())
                                     .object()
                                     .value(u"records"_s)
                                     .toArray()
                                     .at(0)
                                     .toObject();
    QCOMPARE(transfer.value(u"action"_s).toString(), u"transfer"_s);
    const QString ackFile = m_dir.filePath(u"erp-ack.csv"_s);
    {
        QFile ack(ackFile);
        QVERIFY(ack.open(QIODevice::WriteOnly));
        ack.write((u"idempotency_key,status,erp_reference,message\n"_s
            + transfer.value(u"idempotency_key"_s).toString() + u",accepted,TO-5001,\n"_s)
                      .toUtf8());
    }
    run = pwbAs({u"ack"_s, ackFile, u"--db"_s, db, u"--user"_s, u"root"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));

    // The next night shows it received: its planned supply closes as seen.
    const QString next = m_dir.filePath(u"next"_s);
    QVERIFY(writeNextNight(next, u"TO-5001,SKU-00033,BR-02,DC-WEST,10,2026-11-29,2026-11-30\n"_s));
    run = pwbtest::pwb({u"import"_s, next, u"--db"_s, db});
    QVERIFY2(run.code == 0, qPrintable(run.err));

    // The times, set by hand: approved 09:00 on the 28th, exported 17:30 (8.5 h),
    // accepted 20:00 (2.5 h after the export), seen received 06:30 on the 29th (21.5 h
    // after the approval).
    QVERIFY(execSql(db,
        "UPDATE decisions SET decided_at = '2026-11-28T09:00:00Z' WHERE id = 1;"
        "UPDATE export_batches SET created_at = '2026-11-28T17:30:00Z' WHERE batch_id = 1;"
        "UPDATE export_records SET acknowledged_at = '2026-11-28T20:00:00Z' "
        "WHERE decision_id = 1;"
        "UPDATE planned_actions SET closed_at = '2026-11-29T06:30:00Z' WHERE decision_id = 1;"));
    f = overallOf(db, 0);
    QCOMPARE(f.value(u"transfers"_s).toInt(), 1);
    QCOMPARE(f.value(u"transfer_export_hours_median"_s).toDouble(), 8.5);
    QCOMPARE(f.value(u"transfer_ack_hours_median"_s).toDouble(), 2.5);
    QCOMPARE(f.value(u"transfer_received_hours_median"_s).toDouble(), 21.5);
    QCOMPARE(f.value(u"transfer_export_open"_s).toInt(), 0);
    QCOMPARE(f.value(u"transfer_ack_open"_s).toInt(), 0);
    QCOMPARE(f.value(u"transfer_received_open"_s).toInt(), 0);
    // The next night's snapshot has no approved transfer of its own.
    QCOMPARE(overallOf(db, 1).value(u"transfers"_s).toInt(), 0);

    // By planner: root's.
    run = pwbtest::pwb(
        {u"kpi"_s, u"--db"_s, db, u"--by"_s, u"planner"_s, u"--format"_s, u"json"_s});
    QCOMPARE(run.code, 0);
    const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8())
                                 .object()
                                 .value(u"snapshots"_s)
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value(u"groups"_s)
                                 .toObject()
                                 .value(u"root"_s)
                                 .toObject();
    QCOMPARE(root.value(u"transfer_received_hours_median"_s).toDouble(), 21.5);

    // Behind the figure: the transfer with its times and legs.
    run = pwbtest::pwb(
        {u"kpi"_s, u"--db"_s, db, u"--explain"_s, u"transfer_received_hours_median"_s, u"--date"_s,
            u"2026-11-28"_s, u"--format"_s, u"json"_s});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    const QJsonObject drill = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(drill.value(u"value"_s).toDouble(), 21.5);
    const QJsonArray rows = drill.value(u"rows"_s).toArray();
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.at(0).toObject();
    QCOMPARE(row.value(u"exception_id"_s).toString(), u"shortage:SKU-00033@DC-WEST"_s);
    QCOMPARE(row.value(u"exported_at"_s).toString(), u"2026-11-28T17:30:00Z"_s);
    QCOMPARE(row.value(u"accepted_at"_s).toString(), u"2026-11-28T20:00:00Z"_s);
    QCOMPARE(row.value(u"received_at"_s).toString(), u"2026-11-29T06:30:00Z"_s);
    QCOMPARE(row.value(u"export_hours"_s).toDouble(), 8.5);
    QCOMPARE(row.value(u"ack_hours"_s).toDouble(), 2.5);
    QCOMPARE(row.value(u"received_hours"_s).toDouble(), 21.5);

    // The table: a transfer cycle section with the medians.
    run = pwbtest::pwb({u"kpi"_s, u"--db"_s, db});
    QCOMPARE(run.code, 0);
    QVERIFY2(run.out.contains(u"Transfer cycle"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(QRegularExpression(u"2026-11-28 .* 1 +8\\.5 +2\\.5 +21\\.5\n"_s)),
        qPrintable(run.out));
}

QTEST_GUILESS_MAIN(TestCliKpi)
#include "test_cli_kpi.moc"
