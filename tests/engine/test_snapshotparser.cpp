// The snapshot parser against the fixture folders of tests/data and in-memory variants.

#include "engine/import/snapshotparser.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace engine;
using namespace Qt::StringLiterals;

namespace {

const QString kDataDir = QStringLiteral(PWB_TEST_DATA_DIR);

SnapshotFiles loadFolder(const QString &path)
{
    SnapshotFiles files;
    const QDir dir(path);
    for (const QString &name : dir.entryList(QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            files[name.toStdString()] = file.readAll().toStdString();
    }
    return files;
}

SnapshotFiles allFiles()
{
    return loadFolder(kDataDir + QStringLiteral("/valid/all-files"));
}

// Issues as a QStringList, so that QCOMPARE shows the first line that differs.
QStringList formatted(const ParseResult &result, Issue::Severity severity)
{
    QStringList out;
    for (const Issue &issue : result.issues) {
        if (issue.severity == severity)
            out.append(QString::fromStdString(issue.format()));
    }
    return out;
}

QStringList errors(const ParseResult &result)
{
    return formatted(result, Issue::Severity::Error);
}

QStringList warnings(const ParseResult &result)
{
    return formatted(result, Issue::Severity::Warning);
}

QStringList lines(std::initializer_list<const char *> texts)
{
    QStringList out;
    for (const char *text : texts)
        out.append(QString::fromUtf8(text));
    return out;
}

QByteArray describe(const ParseResult &result)
{
    QByteArray text;
    for (const Issue &issue : result.issues)
        text += QByteArray::fromStdString(issue.format()) + '\n';
    return text;
}

Index item(const Snapshot &s, std::string_view id)
{
    return s.items.ids.find(id);
}

Index location(const Snapshot &s, std::string_view id)
{
    return s.locations.ids.find(id);
}

std::size_t at(Index i)
{
    return static_cast<std::size_t>(i);
}

} // namespace

class TestSnapshotParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void brokenFixtures_data()
    {
        QTest::addColumn<QString>("folder");
        const QDir broken(kDataDir + QStringLiteral("/broken"));
        const QStringList folders = broken.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        // One folder per rule; fewer means fixtures went missing.
        QVERIFY2(folders.size() >= 25, qPrintable(broken.path()));
        for (const QString &name : folders)
            QTest::newRow(qPrintable(name)) << broken.filePath(name);
    }

    void brokenFixtures()
    {
        QFETCH(QString, folder);
        QFile expectedFile(folder + QStringLiteral("/expected-error.txt"));
        QVERIFY(expectedFile.open(QIODevice::ReadOnly));
        const std::string expected = expectedFile.readAll().trimmed().toStdString();

        SnapshotFiles files = loadFolder(folder);
        files.erase("expected-error.txt");
        const ParseResult result = parseSnapshot(files);
        QVERIFY(!result.ok());
        QCOMPARE(errors(result).value(0), QString::fromStdString(expected));
        // Each fixture breaks exactly one rule, and one broken rule gives one error.
        QVERIFY2(result.errorCount == 1, describe(result).constData());
        QVERIFY(!result.truncated);
    }

    void allFilesFixtureReadsEveryColumnAndDefault()
    {
        const ParseResult result = parseSnapshot(allFiles());
        QVERIFY2(result.ok(), describe(result).constData());
        QVERIFY2(result.issues.empty(), describe(result).constData());
        const Snapshot &s = result.snapshot;

        QCOMPARE(s.manifest.format, std::string("erp-snapshot/1"));
        QCOMPARE(s.manifest.snapshotId, std::string("FIXTURE-ALL-FILES"));
        QCOMPARE(s.manifest.asOf, 20514); // 2026-03-02
        QCOMPARE(s.manifest.currency, std::string("EUR"));
        QCOMPARE(s.manifest.sourceSystem, std::string("test fixture"));
        QCOMPARE(s.manifest.extractedAt, std::string("2026-03-01T23:05:00Z"));

        // Locations: type defaults to dc only when blank; blank capacities are unlimited.
        QCOMPARE(s.locations.size(), 3);
        const Index dc = location(s, "DC1"), br = location(s, "BR1"), st = location(s, "ST1");
        QCOMPARE(s.locations.type[at(dc)], LocationType::Dc);
        QCOMPARE(s.locations.type[at(br)], LocationType::Branch);
        QCOMPARE(s.locations.type[at(st)], LocationType::Store);
        QCOMPARE(s.locations.name[at(dc)], std::string("Central DC"));
        QCOMPARE(s.locations.region[at(st)], std::string("South"));
        QCOMPARE(s.locations.storageCapacity[at(dc)], 10000.0);
        QCOMPARE(s.locations.inboundCapacityPerDay[at(dc)], 500.0);
        QVERIFY(!isSet(s.locations.storageCapacity[at(br)]));
        QVERIFY(!isSet(s.locations.inboundCapacityPerDay[at(st)]));

        // Items: unit_price defaults to unit_cost; blank abc_class is 0.
        const Index sku1 = item(s, "SKU1"), sku2 = item(s, "SKU2"), sku3 = item(s, "SKU3");
        QCOMPARE(s.items.unitPrice[at(sku1)], 15.0);
        QCOMPARE(s.items.unitCost[at(sku2)], 4.5);
        QCOMPARE(s.items.unitPrice[at(sku2)], 4.5);
        QCOMPARE(s.items.abcClass[at(sku1)], 'A');
        QCOMPARE(s.items.abcClass[at(sku3)], char(0));
        QVERIFY(!isSet(s.items.shelfLifeDays[at(sku1)]));
        QCOMPARE(s.items.shelfLifeDays[at(sku2)], 30.0);
        QCOMPARE(s.substituteGroups.size(), 1);
        QCOMPARE(s.items.substituteGroup[at(sku1)], s.items.substituteGroup[at(sku2)]);
        QCOMPARE(s.items.substituteGroup[at(sku3)], kNone);

        // Suppliers: lead_time_std_days and expedite_max_days default to 0.
        const Index sup1 = s.suppliers.ids.find("SUP1"), sup2 = s.suppliers.ids.find("SUP2");
        QCOMPARE(s.suppliers.leadTimeDays[at(sup1)], 14.0);
        QCOMPARE(s.suppliers.onTimeRate[at(sup1)], 0.9);
        QCOMPARE(s.suppliers.expediteCostPerUnit[at(sup1)], 1.5);
        QCOMPARE(s.suppliers.expediteMaxDays[at(sup1)], 5.0);
        QCOMPARE(s.suppliers.leadTimeStdDays[at(sup2)], 0.0);
        QCOMPARE(s.suppliers.expediteMaxDays[at(sup2)], 0.0);
        QVERIFY(!isSet(s.suppliers.onTimeRate[at(sup2)]));
        QVERIFY(!isSet(s.suppliers.expediteCostPerUnit[at(sup2)]));

        const Index c1 = s.customers.ids.find("C1"), c2 = s.customers.ids.find("C2");
        QCOMPARE(s.customers.tier[at(c1)], std::uint8_t(1));
        QCOMPARE(s.customers.tier[at(c2)], std::uint8_t(3));
        QCOMPARE(s.customers.latePenaltyPerUnitDay[at(c1)], 2.5);
        QVERIFY(!isSet(s.customers.latePenaltyPerUnitDay[at(c2)]));

        // Item-locations: every column given on the first row, defaults on the second.
        const ItemLocations &il = s.itemLocations;
        QCOMPARE(il.size(), 5);
        const Index full = s.itemLocation(sku1, dc), sparse = s.itemLocation(sku2, dc);
        QVERIFY(full != kNone && sparse != kNone);
        QCOMPARE(il.onHand[at(full)], 120.0);
        QCOMPARE(il.allocated[at(full)], 10.0);
        QCOMPARE(il.safetyStock[at(full)], 20.0);
        QCOMPARE(il.reorderPoint[at(full)], 40.0);
        QCOMPARE(il.orderUpTo[at(full)], 200.0);
        QCOMPARE(il.dailyDemand[at(full)], 5.0);
        QCOMPARE(il.dailyDemandStd[at(full)], 1.5);
        QCOMPARE(il.supplier[at(full)], sup1);
        QCOMPARE(il.sourceLocation[at(full)], kNone);
        QVERIFY(!isSet(il.leadTimeDays[at(full)]));
        QCOMPARE(il.minOrderQty[at(full)], 10.0);
        QCOMPARE(il.orderMultiple[at(full)], 5.0);
        QCOMPARE(il.lastCountDate[at(full)], 20468); // 2026-01-15
        QCOMPARE(il.countVarianceRate[at(full)], 0.02);
        QCOMPARE(il.allocated[at(sparse)], 0.0);
        QCOMPARE(il.safetyStock[at(sparse)], 0.0);
        QVERIFY(!isSet(il.reorderPoint[at(sparse)]));
        QVERIFY(!isSet(il.orderUpTo[at(sparse)]));
        QCOMPARE(il.dailyDemandStd[at(sparse)], 0.0);
        QCOMPARE(il.leadTimeDays[at(sparse)], 10.0);
        QCOMPARE(il.leadTimeStdDays[at(sparse)], 2.0);
        QCOMPARE(il.minOrderQty[at(sparse)], 1.0);
        QCOMPARE(il.orderMultiple[at(sparse)], 1.0);
        QCOMPARE(il.lastCountDate[at(sparse)], kNoDate);
        QVERIFY(!isSet(il.countVarianceRate[at(sparse)]));
        const Index branch = s.itemLocation(sku1, br);
        QCOMPARE(il.sourceLocation[at(branch)], dc);
        QCOMPARE(il.supplier[at(branch)], kNone);

        // Sales orders: a blank unit_price is the item's price.
        const SalesOrders &so = s.salesOrders;
        QCOMPARE(so.size(), 4);
        QCOMPARE(so.orderId[1], std::string("SO1"));
        QCOMPARE(so.line[1], 2);
        QCOMPARE(so.unitPrice[0], 14.0);
        QCOMPARE(so.unitPrice[1], 4.5); // SKU2: its price defaulted to its cost
        QCOMPARE(so.unitPrice[2], 15.0); // SKU1's price
        QCOMPARE(so.customer[2], c2);
        QCOMPARE(so.dueDate[0] - so.orderDate[0], 13); // 2026-02-20 .. 2026-03-05

        // Purchase orders: status defaults to open; optional dates stay unset.
        const PurchaseOrders &po = s.purchaseOrders;
        QCOMPARE(po.status[0], PoStatus::Confirmed);
        QCOMPARE(po.status[1], PoStatus::Open);
        QCOMPARE(po.status[2], PoStatus::Shipped);
        QCOMPARE(po.orderDate[1], kNoDate);
        QCOMPARE(po.promisedDate[1], kNoDate);
        QCOMPARE(po.expectedDate[0] - po.promisedDate[0], 7); // 03-03 .. 03-10

        QCOMPARE(s.transfers.size(), 2);
        QCOMPARE(s.transfers.transferId[1], std::string("TR2"));
        QCOMPARE(s.transfers.shipDate[1], kNoDate);
        QCOMPARE(s.transfers.toLocation[1], st);

        // Lanes: fixed_cost 0 and active true by default; "no" is false.
        const Lanes &lanes = s.lanes;
        QCOMPARE(lanes.fixedCost[0], 25.0);
        QCOMPARE(lanes.capacityPerDay[0], 300.0);
        QCOMPARE(lanes.active[0], std::uint8_t(1));
        QCOMPARE(lanes.fixedCost[1], 0.0);
        QVERIFY(!isSet(lanes.capacityPerDay[1]));
        QCOMPARE(lanes.active[1], std::uint8_t(1));
        QCOMPARE(lanes.active[2], std::uint8_t(0));

        QCOMPARE(s.forecast.size(), 3);
        QCOMPARE(s.forecast.qty[1], 35.0);
    }

    void indexIsBuiltWhenThereIsNoError()
    {
        const ParseResult result = parseSnapshot(allFiles());
        QVERIFY(result.ok());
        const Snapshot &s = result.snapshot;
        const Index sku1 = item(s, "SKU1"), dc = location(s, "DC1");
        const Index row = s.itemLocation(sku1, dc);
        QCOMPARE(row, 0);
        QCOMPARE(s.idx.itemLocationsByItem.count(sku1), 3u);

        // SO3 (due 03-03, file row 3) comes before SO1 line 1 (due 03-05, row 0).
        const RowIndex &sales = s.idx.salesByItemLocation;
        QCOMPARE(std::vector<Index>(sales.begin(row), sales.end(row)), (std::vector<Index> {3, 0}));
        // Forecast rows are in date order, not file order.
        const RowIndex &fc = s.idx.forecastByItemLocation;
        QCOMPARE(std::vector<Index>(fc.begin(row), fc.end(row)), (std::vector<Index> {1, 0}));
        // TR2 leaves DC1 for ST1.
        const Index store = s.itemLocation(sku1, location(s, "ST1"));
        QCOMPARE(s.idx.inboundByItemLocation.count(store), 1u);
        QCOMPARE(*s.idx.inboundByItemLocation.begin(store), 1);
        QCOMPARE(s.idx.outboundByItemLocation.count(row), 2u);
        const Index group = s.items.substituteGroup[at(sku1)];
        QCOMPARE(s.idx.itemsBySubstituteGroup.count(group), 2u);
    }

    void freppleDistributionDemo()
    {
        const ParseResult result = parseSnapshot(
            loadFolder(kDataDir + QStringLiteral("/valid/frepple-distribution-demo")));
        QVERIFY2(result.ok(), describe(result).constData());
        // README.md sits in the folder and is not a snapshot file: no warning either.
        QVERIFY2(result.issues.empty(), describe(result).constData());
        const Snapshot &s = result.snapshot;
        QCOMPARE(s.manifest.asOf, 18653); // 2021-01-26
        QCOMPARE(s.manifest.currency, std::string("EUR"));
        QCOMPARE(s.locations.size(), 3);
        QCOMPARE(s.items.size(), 11);
        QCOMPARE(s.suppliers.size(), 2);
        QCOMPARE(s.customers.size(), 0);
        QCOMPARE(s.itemLocations.size(), 33);
        QCOMPARE(s.salesOrders.size(), 0);
        QCOMPARE(s.lanes.size(), 2);

        const Index shop = location(s, "Tennis shop Paris");
        QVERIFY(shop != kNone);
        QCOMPARE(s.locations.type[at(shop)], LocationType::Store);
        const Index racket = item(s, "Novak racket");
        QCOMPARE(s.items.unitCost[at(racket)], 300.0);
        QCOMPARE(s.items.unitPrice[at(racket)], 300.0);
        const Index rdc = s.itemLocation(racket, location(s, "RDC"));
        QCOMPARE(s.itemLocations.leadTimeDays[at(rdc)], 15.0);
        QCOMPARE(s.itemLocations.minOrderQty[at(rdc)], 5.0);
        QCOMPARE(
            s.itemLocations.supplier[at(rdc)], s.suppliers.ids.find("Tennis material supplier"));
        const Index paris = s.itemLocation(racket, shop);
        QCOMPARE(s.itemLocations.dailyDemand[at(paris)], 0.8022);
        QCOMPARE(s.itemLocations.sourceLocation[at(paris)], location(s, "RDC"));
        QCOMPARE(s.lanes.transitDays[0], 3.0);
    }

    void oddButValidSyntax()
    {
        const ParseResult result
            = parseSnapshot(loadFolder(kDataDir + QStringLiteral("/valid/odd-syntax")));
        QVERIFY2(result.ok(), describe(result).constData());
        QCOMPARE(warnings(result),
            lines({
                "manifest.json:6:3: warning: comment: unknown key, ignored",
                "items.csv:1:3: warning: colour: unknown column, ignored",
            }));
        const Snapshot &s = result.snapshot;
        // JSON escapes, including \u00e9, with a BOM and CRLF line ends.
        QCOMPARE(s.manifest.snapshotId, std::string("ODD \"syntax\" \xC3\xA9"));
        // Header " Location_ID " matched; BOM skipped; quoted comma and doubled quotes.
        QCOMPARE(s.locations.ids.at(0), std::string("DC1"));
        QCOMPARE(s.locations.name[0], std::string("Central DC, North"));
        QCOMPARE(s.locations.name[1], std::string("The \"Corner\" Store"));
        QCOMPARE(s.locations.type[1], LocationType::Store);
        // Shuffled columns and a line break inside a quoted description.
        const Index sku2 = item(s, "SKU2");
        QCOMPARE(s.items.unitCost[at(sku2)], 2.5);
        QCOMPARE(
            s.items.description[at(sku2)], std::string("Two-line\ndescription with \"quotes\""));
        QCOMPARE(s.items.description[at(item(s, "SKU3"))], std::string("plain"));
        QCOMPARE(s.suppliers.leadTimeDays[0], 7.0);
        // A quoted number; the last row has no line break.
        QCOMPARE(s.itemLocations.size(), 4);
        QCOMPARE(s.itemLocations.onHand[0], 12.5);
        QCOMPARE(s.itemLocations.onHand[3], 7.0);
        QCOMPARE(s.itemLocations.item[3], item(s, "SKU3"));
    }

    void reportsEveryErrorInFileOrder()
    {
        SnapshotFiles files = allFiles();
        // Written in reverse file order, to show the report does not follow edit order.
        files["forecast.csv"] += "SKU1,DC1,someday,3\n";
        files["sales_orders.csv"] += "SO9,1,C1,SKU1,DC1,-1,2026-02-20,2026-03-05,\n";
        files["items.csv"] += "SKU4,Bolt,cheap,,,,\nSKU5,Nut,1,,E,,\n";
        const ParseResult result = parseSnapshot(files);
        QCOMPARE(errors(result),
            lines({
                "items.csv:5:3: error: unit_cost: expected a non-negative number, got \"cheap\"",
                "items.csv:6:5: error: abc_class: expected A, B or C, got \"E\"",
                "sales_orders.csv:6:6: error: qty_open: expected a number greater than 0, got "
                "\"-1\"",
                "forecast.csv:5:3: error: date: expected a date as YYYY-MM-DD, got \"someday\"",
            }));
        QCOMPARE(result.errorCount, 4u);
        QVERIFY(!result.truncated);
        // Not indexed: the snapshot must not be used.
        QCOMPARE(result.snapshot.idx.itemLocationRows.size(), 0u);
    }

    void errorCapStopsTheParse()
    {
        SnapshotFiles files = allFiles();
        for (int i = 0; i < 10; ++i)
            files["items.csv"] += "BAD" + std::to_string(i) + ",x,-1,,,,\n";
        files["lanes.csv"] += "DC1,XX,1,1,,,\n";

        ParseOptions capped;
        capped.maxErrors = 3;
        const ParseResult result = parseSnapshot(files, capped);
        QCOMPARE(result.errorCount, 3u);
        QVERIFY(result.truncated);
        QCOMPARE(errors(result).size(), 3);
        QCOMPARE(result.issues.back().line, 7); // BAD2, the third bad row

        ParseOptions unlimited;
        unlimited.maxErrors = 0;
        const ParseResult all = parseSnapshot(files, unlimited);
        QCOMPARE(all.errorCount, 11u);
        QVERIFY(!all.truncated);
        QCOMPARE(all.issues.back().file, std::string("lanes.csv"));
    }

    void exactlyMaxErrorsIsNotTruncated()
    {
        SnapshotFiles files = allFiles();
        files["items.csv"] += "BAD1,x,-1,,,,\nBAD2,x,-1,,,,\n";
        ParseOptions options;
        options.maxErrors = 2;
        const ParseResult result = parseSnapshot(files, options);
        QCOMPARE(result.errorCount, 2u);
        QVERIFY(!result.truncated);
    }

    void warningsAreCappedButCounted()
    {
        SnapshotFiles files = allFiles();
        for (int i = 0; i < 30; ++i) {
            const std::string id = "LOC" + std::to_string(i);
            files["locations.csv"] += id + ",,,,,\n";
            files["item_locations.csv"] += "SKU3," + id + ",1,,,,,1,,,,,,,,,\n";
        }
        ParseOptions options;
        options.maxWarnings = 10;
        const ParseResult result = parseSnapshot(files, options);
        QVERIFY(result.ok());
        QCOMPARE(result.warningCount, 30u);
        QCOMPARE(result.unlistedWarnings, 20u);
        QCOMPARE(warnings(result).size(), 10);
        QCOMPARE(warnings(result).front(),
            u"item_locations.csv:7: warning: neither supplier_id nor source_location_id is "
            "given; the SKU-location gets no replenishment recommendation"_s);
    }

    void rowsWithoutItemLocationAreWarnings()
    {
        SnapshotFiles files = allFiles();
        files["sales_orders.csv"] += "SO4,1,C1,SKU2,BR1,2,2026-02-20,2026-03-05,\n";
        files["purchase_orders.csv"] += "PO3,1,SUP1,SKU3,ST1,5,,2026-03-12,,\n";
        files["transfers.csv"] += "TR3,SKU2,DC1,BR1,1,,2026-03-04\n";
        files["forecast.csv"] += "SKU3,BR1,2026-03-02,1\n";
        const ParseResult result = parseSnapshot(files);
        QVERIFY2(result.ok(), describe(result).constData());
        QCOMPARE(warnings(result),
            lines({
                "sales_orders.csv:6:5: warning: location_id: no item_locations.csv row for item "
                "\"SKU2\" at this location; the row is kept but cannot be scored",
                "purchase_orders.csv:5:5: warning: location_id: no item_locations.csv row for "
                "item \"SKU3\" at this location; the row is kept but cannot be scored",
                "transfers.csv:4:4: warning: to_location_id: no item_locations.csv row for item "
                "\"SKU2\" at this location; the row is kept but cannot be scored",
                "forecast.csv:5:2: warning: location_id: no item_locations.csv row for item "
                "\"SKU3\" at this location; the row is kept but cannot be scored",
            }));
        // Still stored, and left out of the lookups.
        QCOMPARE(result.snapshot.salesOrders.size(), 5);
        QCOMPARE(result.snapshot.idx.salesByItemLocation.rows.size(), 4u);
    }

    void missingOptionalFilesMeanNoRows()
    {
        SnapshotFiles files = allFiles();
        for (const char *name : {"sales_orders.csv", "purchase_orders.csv", "transfers.csv",
                 "lanes.csv", "forecast.csv"})
            files.erase(name);
        const ParseResult result = parseSnapshot(files);
        QVERIFY2(result.ok(), describe(result).constData());
        QVERIFY(result.issues.empty());
        QCOMPARE(result.snapshot.salesOrders.size(), 0);
        QCOMPARE(result.snapshot.lanes.size(), 0);
    }

    void missingOptionalMasterLeavesReferencesUnknown()
    {
        SnapshotFiles files = allFiles();
        files.erase("customers.csv");
        const ParseResult result = parseSnapshot(files);
        // Four order lines refer to customers, and none exists.
        QCOMPARE(result.errorCount, 4u);
        QCOMPARE(errors(result).front(),
            u"sales_orders.csv:2:3: error: customer_id: \"C1\" is not in customers.csv"_s);
    }

    void missingRequiredMasterDoesNotCascade()
    {
        SnapshotFiles files = allFiles();
        files.erase("locations.csv");
        const ParseResult result = parseSnapshot(files);
        // Every location reference would fail; only the cause is reported.
        QCOMPARE(errors(result), lines({"locations.csv: error: required file is missing"}));
    }

    void emptyOptionalFileIsAWarning()
    {
        SnapshotFiles files = allFiles();
        files["forecast.csv"].clear();
        const ParseResult result = parseSnapshot(files);
        QVERIFY(result.ok());
        QCOMPARE(warnings(result),
            lines({"forecast.csv: warning: the file is empty (no header row); read as no rows"}));
    }

    void headerOnlyFileHasNoRows()
    {
        SnapshotFiles files = allFiles();
        files["lanes.csv"] = "from_location_id,to_location_id,transit_days,cost_per_unit\n";
        const ParseResult result = parseSnapshot(files);
        QVERIFY(result.ok());
        QVERIFY(result.issues.empty());
        QCOMPARE(result.snapshot.lanes.size(), 0);
    }

    void unknownAndMisnamedFiles()
    {
        SnapshotFiles files = allFiles();
        files["Lanes.CSV"] = files["lanes.csv"];
        files.erase("lanes.csv");
        files["sales_order.csv"] = "order_id\n";
        files["notes.txt"] = "free text";
        const ParseResult result = parseSnapshot(files);
        QVERIFY(result.ok());
        QCOMPARE(warnings(result),
            lines({
                "Lanes.CSV: warning: read as lanes.csv",
                "sales_order.csv: warning: not a file of erp-snapshot/1; ignored",
            }));
        QCOMPARE(result.snapshot.lanes.size(), 3);
    }

    void wrongFieldCountIsOneErrorPerRow()
    {
        SnapshotFiles files = allFiles();
        files["sales_orders.csv"] += "SO5,1,C1\n";
        const ParseResult result = parseSnapshot(files);
        QCOMPARE(errors(result),
            lines({"sales_orders.csv:6: error: expected 9 fields as in the header, found 3"}));
    }

    void itemLocationWarnings()
    {
        SnapshotFiles files = allFiles();
        files["item_locations.csv"] += "SKU2,ST1,1,,,50,10,1,,SUP1,,,,,,,\n";
        const ParseResult result = parseSnapshot(files);
        QVERIFY(result.ok());
        QCOMPARE(warnings(result),
            lines({"item_locations.csv:7:7: warning: order_up_to: order_up_to is below "
                   "reorder_point"}));
    }

    void manifestToleratesOtherScalars()
    {
        SnapshotFiles files = allFiles();
        files["manifest.json"] = R"({"format": "erp-snapshot/1", "snapshot_id": "S",
"as_of": "2026-03-02", "currency": "usd", "source_system": null,
"extracted_at": 20260301, "row_count": 12})";
        const ParseResult result = parseSnapshot(files);
        QVERIFY2(result.ok(), describe(result).constData());
        QCOMPARE(warnings(result),
            lines({
                "manifest.json:2:24: warning: currency: expected a three-letter ISO 4217 code "
                "such as \"EUR\", got \"usd\"",
                "manifest.json:3:1: warning: extracted_at: expected a string, got a number; "
                "ignored",
                "manifest.json:3:27: warning: row_count: unknown key, ignored",
            }));
    }

    void manifestErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not an object") << u"[1]"_s
                                       << u"manifest.json:1:1: error: invalid JSON: expected the "
                                          "manifest to be an object ('{')"_s;
        QTest::newRow("empty") << QString()
                               << u"manifest.json: error: the file is empty; expected a JSON "
                                  "object"_s;
        QTest::newRow("repeated key")
            << u"{\"format\": \"erp-snapshot/1\",\n\"format\": \"erp-snapshot/1\"}"_s
            << u"manifest.json:2:1: error: format: repeated key (first on line 1)"_s;
        QTest::newRow("number for a required key")
            << u"{\"format\": \"erp-snapshot/1\", \"snapshot_id\": 7}"_s
            << u"manifest.json:1:30: error: snapshot_id: expected a string, got a number"_s;
        QTest::newRow("unterminated string")
            << u"{\"format\": \"erp-snapshot/1}"_s
            << u"manifest.json:1:28: error: invalid JSON: unterminated string: the closing "
               "quote is missing"_s;
        QTest::newRow("text after the object")
            << u"{\"format\": \"erp-snapshot/1\"} x"_s
            << u"manifest.json:1:30: error: invalid JSON: unexpected text after the closing "
               "'}'"_s;
        QTest::newRow("missing format")
            << u"{\"snapshot_id\": \"S\", \"as_of\": \"2026-03-02\", \"currency\": \"EUR\"}"_s
            << u"manifest.json: error: format: required key is missing (expected "
               "\"erp-snapshot/1\")"_s;
    }

    void manifestErrors()
    {
        QFETCH(QString, json);
        QFETCH(QString, error);
        SnapshotFiles files = allFiles();
        files["manifest.json"] = json.toStdString();
        const ParseResult result = parseSnapshot(files);
        QVERIFY(!result.ok());
        QCOMPARE(errors(result).value(0), error);
    }

    void otherFormatStopsTheParse()
    {
        SnapshotFiles files = allFiles();
        files["manifest.json"] = R"({"format": "erp-snapshot/2"})";
        files["items.csv"] = "sku,cost\nA,1\n";
        const ParseResult result = parseSnapshot(files);
        // The CSV files of another format version are not judged by this one's rules.
        QCOMPARE(result.issues.size(), 1u);
        QCOMPARE(result.errorCount, 1u);
    }

    void repeatedOrderLinesAmongOtherErrors()
    {
        // Repeated order lines are found after the file is read; the report still goes
        // by line.
        SnapshotFiles files = allFiles();
        files["sales_orders.csv"] += "SO7,1,C1,SKU1,DC1,0,2026-02-20,2026-03-05,\n"
                                     "SO2,1,C1,SKU1,BR1,2,2026-02-20,2026-03-05,\n"
                                     "SO7,2,C1,SKU1,DC1,1,2026-02-20,2026-13-05,\n"
                                     "SO7,1,C2,SKU1,DC1,1,2026-02-20,2026-03-05,\n";
        const ParseResult result = parseSnapshot(files);
        QCOMPARE(errors(result),
            lines({
                "sales_orders.csv:6:6: error: qty_open: expected a number greater than 0, got "
                "\"0\"",
                "sales_orders.csv:7:1: error: order_id: repeated (order_id, line) = (\"SO2\", 1) "
                "(first on line 4)",
                "sales_orders.csv:8:8: error: due_date: expected a date as YYYY-MM-DD, got "
                "\"2026-13-05\"",
                "sales_orders.csv:9:1: error: order_id: repeated (order_id, line) = (\"SO7\", 1) "
                "(first on line 6)",
            }));
    }

    void idTableInternsInFirstSeenOrder()
    {
        IdTable ids;
        for (int i = 0; i < 20000; ++i)
            QCOMPARE(ids.intern("ID-" + std::to_string(i)), i);
        QCOMPARE(ids.size(), 20000);
        QCOMPARE(ids.intern("ID-123"), 123);
        QCOMPARE(ids.find("ID-19999"), 19999);
        QCOMPARE(ids.at(42), std::string("ID-42"));
        QCOMPARE(ids.find("ID-20000"), kNone);
        QCOMPARE(ids.find(""), kNone);
        QCOMPARE(ids.intern(""), 20000); // an empty id is a value like any other
    }

    void pairIndexDenseAndSparse()
    {
        for (const Index items : {100, 5'000'000}) {
            PairIndex index;
            index.reset(items, 400, 1000);
            QCOMPARE(index.insert(7, 3, 0), kNone);
            QCOMPARE(index.insert(items - 1, 399, 1), kNone);
            QCOMPARE(index.insert(7, 3, 2), 0); // repeated pair: the first row stays
            QCOMPARE(index.find(7, 3), 0);
            QCOMPARE(index.find(items - 1, 399), 1);
            QCOMPARE(index.find(3, 7), kNone);
            QCOMPARE(index.find(kNone, 3), kNone);
            QCOMPARE(index.find(items, 0), kNone);
            QCOMPARE(index.size(), 2u);
        }
    }

    void indexOfAHandBuiltSnapshot()
    {
        // Rows without id tables (as in code-built test snapshots) still get lookups.
        Snapshot s;
        s.itemLocations.item = {0, 1, 1};
        s.itemLocations.location = {0, 0, 1};
        s.salesOrders.orderId = {"A", "B", "C"};
        s.salesOrders.item = {1, 1, 0};
        s.salesOrders.location = {1, 1, 0};
        s.salesOrders.dueDate = {20, 10, 5};
        s.index();
        QCOMPARE(s.itemLocation(1, 1), 2);
        QCOMPARE(s.itemLocation(0, 1), kNone);
        QCOMPARE(s.idx.itemLocationsByItem.count(1), 2u);
        const RowIndex &sales = s.idx.salesByItemLocation;
        QCOMPARE(std::vector<Index>(sales.begin(2), sales.end(2)), (std::vector<Index> {1, 0}));
        QCOMPARE(sales.count(0), 1u);
    }

    void issueFormat()
    {
        Issue issue {Issue::Severity::Error, "sales_orders.csv", 1042, 6, "qty_open",
            "expected a non-negative number, got \"12,5\""};
        QCOMPARE(issue.format(),
            std::string("sales_orders.csv:1042:6: error: qty_open: expected a non-negative "
                        "number, got \"12,5\""));
        issue.column = 0;
        issue.field.clear();
        issue.severity = Issue::Severity::Warning;
        QCOMPARE(issue.format(),
            std::string("sales_orders.csv:1042: warning: expected a "
                        "non-negative number, got \"12,5\""));
        issue.line = 0;
        QCOMPARE(issue.format(),
            std::string("sales_orders.csv: warning: expected a "
                        "non-negative number, got \"12,5\""));
    }

    void messagesStayOnOneLine()
    {
        SnapshotFiles files = allFiles();
        files["items.csv"] += "SKU9,x,\"1\n2\",,,,\n";
        // A line break in a header name, and a value long enough to be cut inside a
        // two-byte character (59 x "a", then "é" across bytes 60 and 61).
        files["lanes.csv"] = "from_location_id,to_location_id,transit_days,cost_per_unit,\"a\nb\"\n"
                             "DC1,BR1,2,"
            + std::string(59, 'a') + "\xC3\xA9,x\n";
        const ParseResult result = parseSnapshot(files);
        QCOMPARE(errors(result),
            lines({
                "items.csv:5:3: error: unit_cost: expected a non-negative number, got \"1\\n2\"",
                "lanes.csv:3:4: error: cost_per_unit: expected a non-negative number, got "
                "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\"",
            }));
        QCOMPARE(
            warnings(result), lines({"lanes.csv:1:5: warning: a\\nb: unknown column, ignored"}));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotParser)
#include "test_snapshotparser.moc"
