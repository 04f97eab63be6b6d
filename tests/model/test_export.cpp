// The ERP formats read back: Odoo files whose moves all point at pickings of the same
// batch and whose External IDs are unique; Dynamics 365 headers and lines that join;
// X12 860 interchanges whose envelopes count right and whose control numbers are
// never reused, even by a workbench opened again. Exporting twice writes nothing, a
// resend writes the same bytes, and the ERP's acknowledgements are applied whole or,
// for a malformed file, not at all. The files are read by tests/common/exportreaders.h,
// not by the writers.

#include "../common/exportreaders.h"
#include "importedstore.h"
#include "model/export/odooformat.h"
#include "model/store/store.h"
#include "model/workbench.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace storetest;
using exporttest::CsvTable;
using exporttest::readCsv;
using exporttest::readX12;

namespace {

/// An approval the test recorded, with the quantity the ERP should get.
struct Approved {
    qint64 decisionId = 0;
    QString exceptionId, action;
    double quantity = 0;
};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

/// The first column of every row `sql` returns, through a connection of its own.
QStringList column(const QString &path, const char *sql)
{
    QStringList out;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr)
        == SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK) {
            while (sqlite3_step(st) == SQLITE_ROW) {
                const auto *text = sqlite3_column_text(st, 0);
                out << (text ? QString::fromUtf8(reinterpret_cast<const char *>(text)) : u"NULL"_s);
            }
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}

/// Every row of the tables acknowledgements change, and the number of audit events.
QStringList ackState(const QString &path)
{
    return column(path,
               "SELECT batch_id || '|' || decision_id || '|' || coalesce(erp_status, '') || '|' "
               "|| coalesce(erp_reference, '') FROM export_records ORDER BY 1")
        + column(path, "SELECT count(*) FROM audit_events");
}

QString files(const QStringList &paths, const QString &part)
{
    for (const QString &path : paths)
        if (path.contains(part))
            return path;
    return u"<no file with "_s + part + u'>';
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void odooFilesReferToTheirOwnRecords();
    void d365HeadersAndLinesJoin();
    void x12EnvelopesCountAndNumbersAreNeverReused();
    void exportTwiceWritesNothingAndResendWritesTheSameBytes();
    void acknowledgementsAcceptFailAndReport();
    void aMalformedAcknowledgementChangesNothing();
    void batchesOfSchema8KeepTheirKeys();

private:
    /// Approves the first transfer, expedite or purchase recommended for every
    /// exception whose action is in `actions` (all three when empty); the first
    /// transfer is overridden at `overrideQty` when that is positive.
    QList<Approved> approve(const QStringList &actions = {}, double overrideQty = 0);
    /// The idempotency key of each exported decision, by decision id.
    QMap<qint64, QString> keys();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
    std::unique_ptr<model::Workbench> m_workbench;
};

void TestExport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = m_dir->filePath(u"export.db"_s);
    auto workbench = model::Workbench::open(m_db);
    QVERIFY(workbench);
    m_workbench = std::move(*workbench);
    auto imported = m_workbench->importer().importSnapshot(
        QStringLiteral(PWB_SOURCE_DIR) + u"/resources/demo"_s, engine::Policy {});
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
}

void TestExport::cleanup()
{
    m_workbench.reset();
    m_dir.reset();
}

QList<Approved> TestExport::approve(const QStringList &actions, double overrideQty)
{
    QList<Approved> out;
    auto queue = m_workbench->runs().queue();
    if (!queue)
        return out;
    for (qsizetype row = 0; row < queue->size(); ++row) {
        const QString id = queue->exceptionId(row);
        auto explanation = m_workbench->runs().explainException(id);
        if (!explanation)
            return {};
        const auto &recs = explanation->exception->recommendations;
        for (std::size_t i = 0; i < recs.size(); ++i) {
            const QString action = QString::fromLatin1(engine::actionName(recs[i].action));
            if (action != u"transfer"_s && action != u"expedite"_s && action != u"purchase"_s)
                continue;
            if (!actions.isEmpty() && !actions.contains(action))
                break;
            const bool overridden = overrideQty > 0 && action == u"transfer"_s;
            auto decision = overridden
                ? m_workbench->decisions().override(
                    id, int(i), overrideQty, u"capacity_limit"_s, kAna)
                : m_workbench->decisions().record(id, int(i), model::Decision::Approved, kAna);
            if (!decision)
                return {};
            out.append({decision->id, id, action, overridden ? overrideQty : recs[i].qty});
            if (overridden)
                overrideQty = 0;
            break;
        }
    }
    return out;
}

QMap<qint64, QString> TestExport::keys()
{
    QMap<qint64, QString> out;
    for (const QString &row : column(m_db,
             "SELECT decision_id || '|' || idempotency_key FROM export_records ORDER BY batch_id"))
        out.insert(row.section(u'|', 0, 0).toLongLong(), row.section(u'|', 1));
    return out;
}

void TestExport::odooFilesReferToTheirOwnRecords()
{
    const QList<Approved> approved = approve({}, 4);
    QVERIFY(approved.size() >= 10);
    const QString out = m_dir->filePath(u"odoo"_s);
    auto batch = m_workbench->exporter().exportApproved(out, model::ExportFormat::Odoo, kAna);
    QVERIFY2(batch, qPrintable(batch ? QString() : batch.error().message));
    QCOMPARE(batch->recordCount, approved.size());
    const QMap<qint64, QString> keyOf = keys();

    const CsvTable pickings = readCsv(readAll(files(batch->filePaths, u"-1-stock.picking"_s)));
    const CsvTable moves = readCsv(readAll(files(batch->filePaths, u"-2-stock.move"_s)));
    const CsvTable lineDates
        = readCsv(readAll(files(batch->filePaths, u"-3-purchase.order.line"_s)));
    const CsvTable receipts = readCsv(readAll(files(batch->filePaths, u"-4-stock.picking"_s)));
    const CsvTable orders = readCsv(readAll(files(batch->filePaths, u"-5-purchase.order."_s)));
    const CsvTable orderLines
        = readCsv(readAll(files(batch->filePaths, u"-6-purchase.order.line"_s)));
    for (const CsvTable *t : {&pickings, &moves, &lineDates, &receipts, &orders, &orderLines})
        QVERIFY2(t->error.isEmpty() && !t->rows.isEmpty(), qPrintable(t->error));

    // External IDs are module.name, unique across the batch, and what the batch
    // creates is named after its idempotency key.
    QSet<QString> ids;
    const QRegularExpression externalId(u"^[a-z_]+\\.[A-Za-z0-9_]+$"_s);
    for (const CsvTable *t : {&pickings, &moves, &lineDates, &receipts, &orders, &orderLines}) {
        for (const QString &id : t->column(u"id"_s)) {
            QVERIFY2(externalId.match(id).hasMatch(), qPrintable(id));
            QVERIFY2(!ids.contains(id), qPrintable(u"repeated External ID "_s + id));
            ids.insert(id);
        }
    }
    const QStringList pickingList = pickings.column(u"id"_s);
    const QSet<QString> pickingIds(pickingList.begin(), pickingList.end());
    QCOMPARE(pickingIds.size(), moves.rows.size());
    for (qsizetype r = 0; r < moves.rows.size(); ++r)
        QVERIFY2(pickingIds.contains(moves.at(r, u"picking_id/id"_s)),
            qPrintable(moves.at(r, u"picking_id/id"_s)));
    const QStringList orderIds = orders.column(u"id"_s);
    for (qsizetype r = 0; r < orderLines.rows.size(); ++r)
        QVERIFY(orderIds.contains(orderLines.at(r, u"order_id/id"_s)));

    // Quantities are the decisions': the recommendation's, or the override's.
    int transfers = 0, purchases = 0, expedites = 0;
    for (const Approved &a : approved) {
        const QString digits = keyOf.value(a.decisionId).mid(4);
        QVERIFY2(digits.size() == 32, qPrintable(a.exceptionId));
        if (a.action == u"transfer"_s) {
            ++transfers;
            const qsizetype r
                = moves.column(u"id"_s).indexOf(u"pwb_export.transfer_move_"_s + digits);
            QVERIFY2(r >= 0, qPrintable(a.exceptionId));
            QCOMPARE(moves.at(r, u"product_uom_qty"_s).toDouble(), a.quantity);
            QCOMPARE(moves.at(r, u"picking_id/id"_s), u"pwb_export.transfer_"_s + digits);
            QVERIFY(moves.at(r, u"location_id"_s) != moves.at(r, u"location_dest_id"_s));
            QVERIFY(!moves.at(r, u"location_id"_s).isEmpty());
        } else if (a.action == u"purchase"_s) {
            ++purchases;
            const qsizetype r
                = orderLines.column(u"id"_s).indexOf(u"pwb_export.purchase_line_"_s + digits);
            QVERIFY2(r >= 0, qPrintable(a.exceptionId));
            QCOMPARE(orderLines.at(r, u"product_qty"_s).toDouble(), a.quantity);
        } else {
            ++expedites;
        }
    }
    QVERIFY(transfers > 0 && purchases > 0 && expedites > 0);
    QVERIFY(moves.column(u"product_uom_qty"_s).contains(u"4"_s)); // the override
    QCOMPARE(lineDates.rows.size(), expedites);
    // An expedited PO line is named by the snapshot's PO and line; its receipt by the PO.
    QVERIFY2(lineDates.column(u"id"_s).contains(u"pwb_erp.po_line_PO_2d000009_2f5"_s),
        qPrintable(lineDates.column(u"id"_s).join(u' ')));
    for (const QString &date : lineDates.column(u"date_planned"_s))
        QVERIFY2(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\d 12:00:00$"_s).match(date).hasMatch(),
            qPrintable(date));
    QCOMPARE(model::odooIdPart(u"DC-EAST_1"_s), u"DC_2dEAST_5f1"_s);
}

void TestExport::d365HeadersAndLinesJoin()
{
    const QList<Approved> approved = approve();
    const QString out = m_dir->filePath(u"d365"_s);
    auto batch = m_workbench->exporter().exportApproved(out, model::ExportFormat::D365, kAna);
    QVERIFY2(batch, qPrintable(batch ? QString() : batch.error().message));
    const CsvTable headers = readCsv(readAll(files(batch->filePaths, u"transfer-order-headers"_s)));
    const CsvTable lines = readCsv(readAll(files(batch->filePaths, u"transfer-order-lines"_s)));
    const CsvTable poHeaders
        = readCsv(readAll(files(batch->filePaths, u"purchase-order-headers-v2"_s)));
    const CsvTable poLines
        = readCsv(readAll(files(batch->filePaths, u"purchase-order-lines-v2.csv"_s)));
    const CsvTable changes
        = readCsv(readAll(files(batch->filePaths, u"purchase-order-lines-v2-changes"_s)));
    for (const CsvTable *t : {&headers, &lines, &poHeaders, &poLines, &changes})
        QVERIFY2(t->error.isEmpty() && !t->rows.isEmpty(), qPrintable(t->error));

    // Every line belongs to a header of the same file set; line numbers 1..n per order.
    for (const auto &[head, body, key] : {std::tuple {&headers, &lines, u"TRANSFERORDERNUMBER"_s},
             std::tuple {&poHeaders, &poLines, u"PURCHASEORDERNUMBER"_s}}) {
        const QStringList numbers = head->column(key);
        QCOMPARE(QSet<QString>(numbers.begin(), numbers.end()).size(), numbers.size());
        QMap<QString, QList<int>> lineNumbers;
        for (qsizetype r = 0; r < body->rows.size(); ++r) {
            QVERIFY2(numbers.contains(body->at(r, key)), qPrintable(body->at(r, key)));
            lineNumbers[body->at(r, key)] << body->at(r, u"LINENUMBER"_s).toInt();
        }
        QCOMPARE(lineNumbers.size(), numbers.size());
        for (QList<int> &n : lineNumbers) {
            std::sort(n.begin(), n.end());
            for (int i = 0; i < n.size(); ++i)
                QCOMPARE(n[i], i + 1);
        }
        for (const QString &number : numbers)
            QVERIFY2(number.size() == 20 && number.startsWith(u"PWB"_s), qPrintable(number));
    }
    double transferred = 0, purchased = 0, wanted = 0, wantedPurchase = 0;
    for (const QString &q : lines.column(u"TRANSFERQUANTITY"_s))
        transferred += q.toDouble();
    for (const QString &q : poLines.column(u"ORDEREDPURCHASEQUANTITY"_s))
        purchased += q.toDouble();
    for (const Approved &a : approved) {
        if (a.action == u"transfer"_s)
            wanted += a.quantity;
        if (a.action == u"purchase"_s)
            wantedPurchase += a.quantity;
    }
    QCOMPARE(transferred, wanted);
    QCOMPARE(purchased, wantedPurchase);
    for (qsizetype r = 0; r < headers.rows.size(); ++r)
        QVERIFY(
            headers.at(r, u"SHIPPINGWAREHOUSEID"_s) != headers.at(r, u"RECEIVINGWAREHOUSEID"_s));
    // An expedite changes only the delivery date of the snapshot's PO line.
    QCOMPARE(changes.header,
        QStringList({u"PURCHASEORDERNUMBER"_s, u"LINENUMBER"_s, u"REQUESTEDDELIVERYDATE"_s}));
    QVERIFY(changes.column(u"PURCHASEORDERNUMBER"_s).contains(u"PO-000009"_s));
}

void TestExport::x12EnvelopesCountAndNumbersAreNeverReused()
{
    // One expedite per batch, and a batch for a failed one sent again.
    const QList<Approved> expedites = approve({u"expedite"_s});
    QCOMPARE(expedites.size(), 2);
    QVERIFY(m_workbench->decisions().undo(expedites[1].decisionId, kAna));
    const QString out = m_dir->filePath(u"x12"_s);
    auto first = m_workbench->exporter().exportApproved(out, model::ExportFormat::X12, kAna);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    auto redecided = m_workbench->decisions().record(
        expedites[1].exceptionId, 0, model::Decision::Approved, kAna);
    QVERIFY(redecided);
    // Opened again, as another process would: the numbers come from the database.
    m_workbench.reset();
    m_workbench = std::move(*model::Workbench::open(m_db));
    auto second = m_workbench->exporter().exportApproved(out, model::ExportFormat::X12, kAna);
    QVERIFY2(second, qPrintable(second ? QString() : second.error().message));
    // The ERP failed the second one: it goes out again, with new control numbers.
    const QString ackPath = m_dir->filePath(u"ack.csv"_s);
    {
        QFile ack(ackPath);
        QVERIFY(ack.open(QIODevice::WriteOnly));
        ack.write("idempotency_key,status,erp_reference,message\n"
            + keys().value(redecided->id).toLatin1() + ",failed,,supplier offline\n");
    }
    auto acked = m_workbench->exporter().acknowledge(ackPath, kAna);
    QVERIFY2(acked && acked->failed == 1, qPrintable(acked ? QString() : acked.error().message));
    auto third = m_workbench->exporter().exportApproved(out, model::ExportFormat::X12, kAna);
    QVERIFY2(third, qPrintable(third ? QString() : third.error().message));
    QCOMPARE(third->recordCount, 1);

    qint64 lastInterchange = 0, lastSet = 0;
    QSet<QString> poSeen;
    for (const auto &batch : {*first, *second, *third}) {
        QCOMPARE(batch.filePaths.size(), 1);
        const QByteArray bytes = readAll(batch.filePaths.front());
        const exporttest::X12File x = readX12(bytes);
        QVERIFY2(x.problem.isEmpty(), qPrintable(x.problem));
        QCOMPARE(x.isaLength, 106);
        QCOMPARE(x.isa.size(), 17);
        QCOMPARE(x.isa.value(12), u"00401"_s);
        QCOMPARE(x.gs.value(1), u"PC"_s);
        QCOMPARE(x.gs.value(8), u"004010"_s);
        QCOMPARE(x.isa13, x.iea02);
        QCOMPARE(x.gs06, x.ge02);
        QCOMPARE(x.iea01, x.groups);
        QCOMPARE(x.ge01, x.sets.size());
        QVERIFY(x.isa13.toLongLong() > lastInterchange);
        lastInterchange = x.isa13.toLongLong();
        for (const exporttest::X12Set &set : x.sets) {
            QCOMPARE(set.st02, set.se02);
            QCOMPARE(set.se01, set.counted);
            QCOMPARE(set.ctt01, set.lines.size());
            QVERIFY(set.st02.toLongLong() > lastSet);
            lastSet = set.st02.toLongLong();
            QCOMPARE(set.bch.value(1), u"04"_s);
            QCOMPARE(set.bch.value(3).isEmpty(), false);
            // BCH05 counts the changes sent for this PO.
            QCOMPARE(set.bch.value(5).toInt(), poSeen.contains(set.bch.value(3)) ? 2 : 1);
            poSeen.insert(set.bch.value(3));
            for (const exporttest::X12Line &line : set.lines) {
                QCOMPARE(line.poc.value(2), u"RS"_s);
                QCOMPARE(line.poc.value(8), u"BP"_s);
                QVERIFY(!line.dates.isEmpty() || line.schedules.size() == 2);
            }
        }
        // What the database handed out is what the file says.
        QVERIFY(column(m_db, "SELECT control_number FROM x12_interchanges")
                    .contains(QString::number(x.isa13.toLongLong())));
    }
    QCOMPARE(column(m_db, "SELECT count(*) FROM x12_transaction_sets").value(0), u"3"_s);

    // Nothing left: an X12 export writes nothing and says what else waits.
    QVERIFY(m_workbench->decisions().record(
        u"shortage:SKU-00033@DC-WEST"_s, 0, model::Decision::Approved, kAna));
    auto none = m_workbench->exporter().exportApproved(out, model::ExportFormat::X12, kAna);
    QVERIFY(none);
    QCOMPARE(none->batchId, 0);
    QCOMPARE(none->leftForOtherFormats, 1);

    // A resend is the same bytes, numbers and all.
    const QByteArray before = readAll(second->filePaths.front());
    QVERIFY(QFile::remove(second->filePaths.front()));
    auto again = m_workbench->exporter().resend(second->batchId, out);
    QVERIFY(again);
    QCOMPARE(readAll(second->filePaths.front()), before);
}

void TestExport::exportTwiceWritesNothingAndResendWritesTheSameBytes()
{
    QVERIFY(!approve().isEmpty());
    const QString out = m_dir->filePath(u"twice"_s);
    auto batch = m_workbench->exporter().exportApproved(out, model::ExportFormat::Odoo, kAna);
    QVERIFY(batch);
    QVERIFY(batch->filePaths.size() >= 4);
    auto again = m_workbench->exporter().exportApproved(out, model::ExportFormat::D365, kAna);
    QVERIFY(again);
    QCOMPARE(again->batchId, 0);
    QCOMPARE(QDir(out).entryList(QDir::Files).size(), batch->filePaths.size());

    QMap<QString, QByteArray> before;
    for (const QString &path : batch->filePaths) {
        before.insert(QFileInfo(path).fileName(), readAll(path));
        QVERIFY(QFile::remove(path));
    }
    const QString elsewhere = m_dir->filePath(u"resent"_s);
    auto resent = m_workbench->exporter().resend(batch->batchId, elsewhere);
    QVERIFY(resent);
    QCOMPARE(resent->filePaths.size(), before.size());
    for (const QString &path : resent->filePaths)
        QCOMPARE(readAll(path), before.value(QFileInfo(path).fileName()));
    QVERIFY(QDir(elsewhere).entryList({u"*.part"_s}, QDir::Files).isEmpty());
}

void TestExport::acknowledgementsAcceptFailAndReport()
{
    const QList<Approved> approved = approve({u"purchase"_s});
    QVERIFY(approved.size() >= 3);
    const QString out = m_dir->filePath(u"acks"_s);
    auto batch = m_workbench->exporter().exportApproved(out, model::ExportFormat::Json, kAna);
    QVERIFY(batch);
    const QMap<qint64, QString> key = keys();
    const QString accepted = key.value(approved[0].decisionId),
                  failed = key.value(approved[1].decisionId),
                  repeated = key.value(approved[2].decisionId);
    const QString unknown = u"pwb-"_s + QString(32, u'0');
    const QString path = m_dir->filePath(u"ack.csv"_s);
    auto writeAck = [&path](const QString &text) {
        QFile f(path);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(text.toUtf8());
    };
    writeAck(u"idempotency_key,status,erp_reference,message\r\n"_s + accepted
        + u",accepted,P00042,\r\n"_s + failed
        + u",rejected,,\"Vendor blocked, \"\"on hold\"\"\"\r\n"_s + unknown + u",accepted,,\r\n"_s
        + repeated + u",accepted,,\r\n"_s + repeated + u",failed,,\r\n"_s);
    const qint64 events = column(m_db, "SELECT count(*) FROM audit_events").value(0).toLongLong();
    auto report = m_workbench->exporter().acknowledge(path, kAna);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->accepted, 1);
    QCOMPARE(report->failed, 1);
    QCOMPARE(report->notApplied.size(), 3);
    QCOMPARE(report->notApplied[0].line, 4);
    QCOMPARE(report->notApplied[0].key, unknown);
    QCOMPARE(report->notApplied[1].line, 5);
    QCOMPARE(report->notApplied[2].line, 6);
    QVERIFY2(report->notApplied[1].problem.contains(u"lines 5, 6"_s),
        qPrintable(report->notApplied[1].problem));
    QCOMPARE(column(m_db, "SELECT count(*) FROM audit_events").value(0).toLongLong(), events + 2);
    QCOMPARE(column(m_db, "SELECT event FROM audit_events ORDER BY seq DESC LIMIT 1").value(0),
        u"export.ack"_s);

    auto states = m_workbench->exporter().erpStates();
    QVERIFY(states);
    QCOMPARE(states->value(approved[0].decisionId).status, u"accepted"_s);
    QCOMPARE(states->value(approved[0].decisionId).reference, u"P00042"_s);
    QCOMPARE(states->value(approved[1].decisionId).status, u"failed"_s);
    QCOMPARE(states->value(approved[1].decisionId).message, u"Vendor blocked, \"on hold\""_s);
    QCOMPARE(states->value(approved[2].decisionId).status, u"exported"_s);

    // The failed one goes out again, alone and under the same key; the accepted never.
    auto next = m_workbench->exporter().exportApproved(out, model::ExportFormat::Csv, kAna);
    QVERIFY(next);
    QCOMPARE(next->recordCount, 1);
    const CsvTable csv = readCsv(readAll(next->filePaths.front()));
    QCOMPARE(csv.at(0, u"idempotency_key"_s), failed);
    QCOMPARE(
        m_workbench->exporter().erpStates()->value(approved[1].decisionId).status, u"exported"_s);

    // The same answer again changes nothing; a contradicting one is refused and listed.
    writeAck(u"idempotency_key,status,erp_reference,message\n"_s + accepted + u",accepted,,\n"_s
        + accepted.left(4) + accepted.mid(4) + u",accepted,,\n"_s);
    report = m_workbench->exporter().acknowledge(path, kAna);
    QVERIFY(report);
    QCOMPARE(report->notApplied.size(), 2); // a key on two lines
    writeAck(u"message,status,idempotency_key,erp_reference\nlate,accepted,"_s + accepted
        + u",\nno,failed,"_s + accepted.chopped(1) + (accepted.endsWith(u'a') ? u'b' : u'a')
        + u",\n"_s);
    report = m_workbench->exporter().acknowledge(path, kAna);
    QVERIFY(report);
    QVERIFY2(report->unchanged == 1,
        qPrintable(report->notApplied.isEmpty() ? QString() : report->notApplied[0].problem));
    QCOMPARE(report->accepted + report->failed, 0);
    writeAck(u"idempotency_key,status,erp_reference,message\n"_s + accepted + u",failed,,\n"_s);
    report = m_workbench->exporter().acknowledge(path, kAna);
    QVERIFY(report);
    QCOMPARE(report->notApplied.size(), 1);
    QVERIFY2(report->notApplied[0].problem.contains(u"acknowledged as accepted already"_s),
        qPrintable(report->notApplied[0].problem));
    QCOMPARE(
        m_workbench->exporter().erpStates()->value(approved[0].decisionId).status, u"accepted"_s);
}

void TestExport::aMalformedAcknowledgementChangesNothing()
{
    QVERIFY(!approve({u"purchase"_s}).isEmpty());
    auto batch = m_workbench->exporter().exportApproved(
        m_dir->filePath(u"out"_s), model::ExportFormat::Json, kAna);
    QVERIFY(batch);
    const QString good = keys().first();
    const QString path = m_dir->filePath(u"bad.csv"_s);
    const QStringList before = ackState(m_db);
    // Each breaks the file at a known line and field, after a line that is fine.
    const QList<std::pair<QString, QString>> cases {
        {u"idempotency_key,status,erp_reference,message\n"_s + good + u",accepted,,\n"_s + good
                + u",maybe,,\n"_s,
            u"bad.csv:3: field 'status'"_s},
        {u"idempotency_key,status,erp_reference,message\n"_s + good
                + u",accepted,,\nnot-a-key,accepted,,\n"_s,
            u"bad.csv:3: field 'idempotency_key'"_s},
        {u"idempotency_key,status,erp_reference,message\n"_s + good + u",accepted,,\n\n"_s + good
                + u",accepted,,,extra\n"_s,
            u"bad.csv:4: 5 fields"_s},
        {u"idempotency_key,status,message\n"_s + good + u",accepted,\n"_s,
            u"bad.csv:1: the header must name the column 'erp_reference'"_s},
        {u"idempotency_key,status,erp_reference,message\n"_s + good + u",accepted,\"R1,\n"_s,
            u"bad.csv:2: a quoted field is not closed"_s},
        {u"idempotency_key,status,erp_reference,message\n"_s + good + u",accepted,R\u0007,\n"_s,
            u"bad.csv:2: field 'erp_reference'"_s},
    };
    for (const auto &[text, expected] : cases) {
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text.toUtf8());
        }
        auto report = m_workbench->exporter().acknowledge(path, kAna);
        QVERIFY2(!report, qPrintable(expected));
        QCOMPARE(report.error().code, model::Error::BadInput);
        QVERIFY2(report.error().message.startsWith(QFileInfo(path).filePath() + u':')
                || report.error().message.contains(expected),
            qPrintable(report.error().message));
        QVERIFY2(report.error().message.contains(expected), qPrintable(report.error().message));
        QCOMPARE(ackState(m_db), before);
    }
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("idempotency_key,status,erp_reference,message\n" + good.toLatin1()
            + ",accepted,\xff\xfe,\n");
    }
    auto notUtf8 = m_workbench->exporter().acknowledge(path, kAna);
    QVERIFY(!notUtf8);
    QCOMPARE(ackState(m_db), before);
    QVERIFY(!m_workbench->exporter().acknowledge(m_dir->filePath(u"missing.csv"_s), kAna));
}

void TestExport::batchesOfSchema8KeepTheirKeys()
{
    QVERIFY(!approve({u"transfer"_s}).isEmpty());
    const QString out = m_dir->filePath(u"old"_s);
    auto batch = m_workbench->exporter().exportApproved(out, model::ExportFormat::Json, kAna);
    QVERIFY(batch);
    const QByteArray file = readAll(batch->filePaths.front());
    const QMap<qint64, QString> before = keys();
    m_workbench.reset();
    {
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(m_db.toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(testsupport::downgradeToSchema8(db), QString());
        sqlite3_close(db);
    }
    QCOMPARE(testsupport::queryValue(m_db, "PRAGMA user_version"), QByteArray("8"));
    m_workbench = std::move(*model::Workbench::open(m_db));
    QCOMPARE(testsupport::queryValue(m_db, "PRAGMA user_version").toInt(), model::kSchemaVersion);
    // The keys are computed again as the export did: the same as in the file.
    QCOMPARE(keys(), before);
    for (const QString &key : before)
        QVERIFY(file.contains(key.toLatin1()));
    auto again = m_workbench->exporter().exportApproved(out, model::ExportFormat::Json, kAna);
    QVERIFY(again);
    QCOMPARE(again->batchId, 0);
    QVERIFY(QFile::remove(batch->filePaths.front()));
    QVERIFY(m_workbench->exporter().resend(batch->batchId, out));
    QCOMPARE(readAll(batch->filePaths.front()), file);
}

QTEST_GUILESS_MAIN(TestExport)
#include "test_export.moc"
