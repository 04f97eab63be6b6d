// The pages managers use, on the real main window over the demo with the demo accounts
// and every approval above a second_approval_above of 1: the second approval from the
// recommendation card (refused for the one who approved first, given by a manager,
// undone and redone), the audit trail window (filters, CSV, the chain's state after
// the file is edited behind its back) and the override history (disabled for a
// planner, rates and drift for a manager).

#include "mainwindowfixture.h"
#include "ui/audit/auditmodel.h"
#include "ui/audit/auditpage.h"
#include "ui/charts/ratecharts.h"
#include "ui/common/csvtable.h"
#include "ui/common/format.h"
#include "ui/history/overridehistorymodel.h"
#include "ui/history/overridehistorypage.h"
#include "ui/queues/queuepage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QUndoStack>

#include <sqlite3.h>

using namespace mainwindowtest;

namespace {

const model::User kPlanner {u"planner"_s, engine::Role::Planner};
const model::User kManager {u"manager"_s, engine::Role::Manager};

/// Runs `sql` on the database file through a connection of its own, as someone with
/// the file and the sqlite3 shell would. SQLite's message on failure, else empty.
QString rawSql(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return u"cannot open"_s;
    }
    char *message = nullptr;
    const int code = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    QString text = code == SQLITE_OK ? QString() : QString::fromUtf8(message);
    sqlite3_free(message);
    sqlite3_close(db);
    return text;
}

/// The lines of a CSV text (RFC 4180: CRLF), the last empty one dropped.
QStringList csvLines(const QByteArray &csv)
{
    QStringList lines = QString::fromUtf8(csv).split(u"\r\n"_s);
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

class TestManagerPages : public MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void historyIsDisabledForAPlanner();
    void secondApprovalFromTheCard();
    void auditTrailFiltersAndExports();
    void overrideHistoryForAManager();
    void chainStatusAfterTampering();
    void csvFieldsAndModels();

private:
    /// Selects the exception in the queue table and waits for the detail panel.
    void selectException(const QString &exceptionId);
    QString messageText();

    QString m_approvedId; ///< approved by the planner, checked by the manager
};

void TestManagerPages::initTestCase()
{
    QVERIFY(setUpWindow());
    {
        auto workbench = model::Workbench::open(m_database);
        QVERIFY(workbench);
        QVERIFY((*workbench)->users().addDemoAccounts());
        engine::Policy policy;
        policy.secondApprovalAbove = 1;
        auto imported
            = (*workbench)
                  ->importer()
                  .importSnapshot(QStringLiteral(PWB_SOURCE_DIR) + u"/resources/demo"_s, policy);
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
    }
    auto reopened = model::Workbench::open(m_database);
    QVERIFY(reopened);
    QVERIFY(m_window->setWorkbench(std::move(*reopened)));
    m_window->setUser(kPlanner);
    QVERIFY(m_window->queueModel()->rowCount() > 0);
}

void TestManagerPages::selectException(const QString &exceptionId)
{
    const qint32 source = m_window->queueModel()->findException(exceptionId);
    QVERIFY(source >= 0);
    const QModelIndex index = m_window->queueModel()->indexOfSourceRow(source);
    QVERIFY(index.isValid());
    selectView(index.row());
    auto *panel = find<QWidget>(m_window.get(), u"detailPanel"_s);
    QVERIFY(panel);
    // New cards are shown from the event loop.
    QTRY_VERIFY(panel->findChild<QPushButton *>(u"approveButton_0"_s)
        && panel->findChild<QPushButton *>(u"approveButton_0"_s)->isVisible());
}

QString TestManagerPages::messageText()
{
    auto *box = m_window->findChild<QMessageBox *>(u"errorMessage"_s);
    if (!box)
        return {};
    const QString text = box->text();
    box->close();
    QCoreApplication::processEvents();
    return text;
}

void TestManagerPages::historyIsDisabledForAPlanner()
{
    auto *action = find<QAction>(m_window.get(), u"actionOverrideHistory"_s);
    QVERIFY(action);
    QVERIFY(!action->isEnabled());
    QVERIFY2(
        action->toolTip().contains(u"Needs the manager role"_s), qPrintable(action->toolTip()));
    // Neither the menu nor a direct call opens it for a planner.
    m_window->showOverrideHistory();
    QVERIFY(!m_window->overrideHistoryPage());
    // The audit trail is open to everyone.
    QVERIFY(find<QAction>(m_window.get(), u"actionAuditTrail"_s)->isEnabled());

    m_window->setUser(kManager);
    QVERIFY(action->isEnabled());
    m_window->setUser(kPlanner);
    QVERIFY(!action->isEnabled());
}

void TestManagerPages::secondApprovalFromTheCard()
{
    // A shortage whose first recommendation a planner may approve, costing more than 1.
    model::Workbench *wb = m_window->workbench();
    const model::Queue &queue = m_window->queueModel()->queue();
    for (qsizetype r = 0; r < queue.size() && m_approvedId.isEmpty(); ++r) {
        if (queue.action[std::size_t(r)] < 0)
            continue;
        auto explained = wb->runs().explainException(queue.exceptionId(r));
        QVERIFY(explained);
        const auto &recommendations = explained->exception->recommendations;
        if (!recommendations.empty() && recommendations[0].feasible
            && recommendations[0].requiresRole == engine::Role::Planner
            && recommendations[0].cost > 1)
            m_approvedId = queue.exceptionId(r);
    }
    QVERIFY(!m_approvedId.isEmpty());
    selectException(m_approvedId);
    auto *panel = find<QWidget>(m_window.get(), u"detailPanel"_s);
    QTest::mouseClick(panel->findChild<QPushButton *>(u"approveButton_0"_s), Qt::LeftButton);
    QCOMPARE(messageText(), QString());

    auto stored = storedDecisionRecords(m_database).value(m_approvedId);
    QCOMPARE(stored.user, u"planner"_s);
    QVERIFY(stored.awaitingCheck());
    auto *status = panel->findChild<QLabel *>(u"decisionStatus_0"_s);
    QCOMPARE(status->text(), u"✔ Approved, awaiting a second approver"_s);
    auto *second = panel->findChild<QPushButton *>(u"secondApprovalButton_0"_s);
    QVERIFY(second);
    QVERIFY(second->isVisible());
    // The one who approved first may not check it: the button says so...
    QVERIFY(!second->isEnabled());
    QVERIFY2(second->toolTip().contains(u"planner approved this first"_s),
        qPrintable(second->toolTip()));
    // ...and the model refuses it, clearly, when asked anyway.
    m_window->queuePage()->approveSecond(0);
    QTRY_VERIFY(m_window->findChild<QMessageBox *>(u"errorMessage"_s));
    const QString refusal = messageText();
    QVERIFY2(
        refusal.contains(u"the maker of an approval is not its checker"_s), qPrintable(refusal));
    QVERIFY(storedDecisionRecords(m_database).value(m_approvedId).awaitingCheck());

    // A manager at the same window gives it.
    m_window->setUser(kManager);
    QTRY_VERIFY(second->isEnabled());
    const int steps = m_window->undoStack()->count();
    QTest::mouseClick(second, Qt::LeftButton);
    QCOMPARE(messageText(), QString());
    stored = storedDecisionRecords(m_database).value(m_approvedId);
    QCOMPARE(stored.checkedBy, u"manager"_s);
    QVERIFY(!stored.awaitingCheck());
    QCOMPARE(stored.user, u"planner"_s);
    QCOMPARE(status->text(), u"✔ Approved, second approval by manager"_s);
    QVERIFY(!second->isVisible());
    QCOMPARE(m_window->undoStack()->count(), steps + 1);

    // Undone, it awaits a second approver again; redone, it is checked again.
    m_window->undoStack()->undo();
    QVERIFY(storedDecisionRecords(m_database).value(m_approvedId).awaitingCheck());
    QCOMPARE(status->text(), u"✔ Approved, awaiting a second approver"_s);
    QVERIFY(second->isVisible());
    m_window->undoStack()->redo();
    QCOMPARE(storedDecisionRecords(m_database).value(m_approvedId).checkedBy, u"manager"_s);
    QCOMPARE(status->text(), u"✔ Approved, second approval by manager"_s);
    m_window->setUser(kPlanner);
}

void TestManagerPages::auditTrailFiltersAndExports()
{
    find<QAction>(m_window.get(), u"actionAuditTrail"_s)->trigger();
    ui::AuditPage *page = m_window->auditPage();
    QVERIFY(page);
    QTRY_VERIFY(!page->isLoading());
    QTRY_VERIFY(page->model()->rowCount() > 0);

    auto expected = m_window->workbench()->audit().events();
    QVERIFY(expected);
    const int total = int(expected->size());
    QCOMPARE(page->model()->rowCount(), total);
    QCOMPARE(page->chainStatus(),
        u"✔ Chain intact: %1 events, each holding the hash of the one before."_s.arg(total));
    // Newest first.
    QCOMPARE(
        page->filter()->index(0, ui::AuditModel::Seq).data(ui::AuditModel::RawRole).toLongLong(),
        expected->back().seq);

    // The refused second approval, found by searching any column.
    ui::AuditCriteria search;
    search.text = u"same user"_s;
    page->setCriteria(search);
    QCOMPARE(page->filter()->rowCount(), 1);
    QCOMPARE(page->filter()->index(0, ui::AuditModel::Who).data().toString(), u"planner"_s);
    QCOMPARE(page->filter()->index(0, ui::AuditModel::Outcome).data().toString(),
        u"refused: the same user"_s);

    // Event type and user together: the manager's second approvals (given, undone
    // by the manager's undo event, given again).
    ui::AuditCriteria checks;
    checks.event = u"decision.check"_s;
    checks.user = u"manager"_s;
    page->setCriteria(checks);
    QCOMPARE(page->filter()->rowCount(), 2);
    for (int r = 0; r < 2; ++r) {
        QCOMPARE(
            page->filter()->index(r, ui::AuditModel::Exception).data().toString(), m_approvedId);
        QCOMPARE(page->filter()->index(r, ui::AuditModel::Role).data().toString(), u"manager"_s);
    }

    // CSV of what is shown: a header and two rows, fields with commas quoted.
    const QStringList lines = csvLines(page->csv());
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0],
        u"#,When,Who,Role,Event,Exception,Outcome,Detail,Snapshot,Scoring version,Policy hash"_s);
    for (int r = 1; r < 3; ++r) {
        QVERIFY2(lines[r].contains(u",manager,manager,decision.check,"_s + m_approvedId
                     + u",recorded,\"second approval of decision "_s),
            qPrintable(lines[r]));
        QVERIFY(lines[r].endsWith(expected->back().policyHash));
    }
    const QString file = m_dir.filePath(u"audit.csv"_s);
    QVERIFY(page->exportTable(file));
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), page->csv());

    // A date range after every event: nothing, and the empty state says why.
    ui::AuditCriteria future;
    future.from = QDate::currentDate().addDays(2);
    page->setCriteria(future);
    QCOMPARE(page->filter()->rowCount(), 0);
    auto *empty = page->findChild<QLabel *>(u"auditEmptyState"_s);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().startsWith(u"No event matches the filters"_s));
    QVERIFY(!page->findChild<QPushButton *>(u"auditExport"_s)->isEnabled());
    ui::AuditCriteria today;
    today.from = QDate::currentDate().addDays(-1);
    today.to = QDate::currentDate().addDays(1);
    page->setCriteria(today);
    QCOMPARE(page->filter()->rowCount(), total);
    page->setCriteria({});
}

void TestManagerPages::overrideHistoryForAManager()
{
    // Two rejections of the same type a week apart by the planner: 100% and 50% of that
    // type's decisions in two weeks running, above the default 30%.
    model::Workbench *wb = m_window->workbench();
    const model::Queue &queue = m_window->queueModel()->queue();
    engine::ExceptionType type {};
    QVERIFY(model::exceptionTypeOf(m_approvedId, type));
    QStringList sameType;
    for (qsizetype r = 0; r < queue.size() && sameType.size() < 2; ++r) {
        const QString id = queue.exceptionId(r);
        if (id != m_approvedId && queue.type[std::size_t(r)] == quint8(type)
            && queue.action[std::size_t(r)] >= 0)
            sameType << id;
    }
    QCOMPARE(sameType.size(), 2);
    const QString firstId = sameType[0], secondId = sameType[1];
    QVERIFY(wb->decisions().record(firstId, 0, model::Decision::Rejected, kPlanner,
        u"supplier, not us"_s, 0, u"supplier_confirmed_date"_s));

    m_window->setUser(kManager);
    find<QAction>(m_window.get(), u"actionOverrideHistory"_s)->trigger();
    ui::OverrideHistoryPage *page = m_window->overrideHistoryPage();
    QVERIFY(page);
    QTRY_VERIFY(!page->isLoading());
    QTRY_COMPARE(page->model()->rowCount(), 1);
    // One week only so far: 1 of 2 decisions, no drift yet.
    QVERIFY2(page->driftText().startsWith(u"✔ No drift"_s), qPrintable(page->driftText()));
    QVERIFY2(page->summaryText().contains(u"50% (1 of 2)"_s), qPrintable(page->summaryText()));
    QCOMPARE(page->filter()->index(0, ui::OverrideHistoryModel::Afterwards).data().toString(),
        u"No later snapshot yet"_s);
    QCOMPARE(page->filter()->index(0, ui::OverrideHistoryModel::Reason).data().toString(),
        u"The supplier confirmed a date"_s);
    QVERIFY(page->trendChart()->lineLabels().contains(u"All decisions"_s));
    QVERIFY(page->trendChart()->lineLabels().contains(u"Drift threshold 30%"_s));
    QCOMPARE(page->plannerChart()->labels(), QStringList {u"planner · 50% of 2"_s});
    // The trend per top factor: the rejected exception's own top factor gets a line,
    // and the summary names the rate per factor.
    QVERIFY(page->summaryText().contains(u"By top factor: "_s));
    auto *trendBy = page->findChild<QComboBox *>(u"historyTrendBy"_s);
    QVERIFY(trendBy);
    auto rejected = wb->runs().explainException(firstId);
    QVERIFY(rejected && rejected->exception->topFactor());
    const QString factor = ui::factorLabel(rejected->exception->topFactor()->kind);
    QVERIFY(!page->trendChart()->lineLabels().contains(factor));
    trendBy->setCurrentIndex(1);
    QVERIFY2(page->trendChart()->lineLabels().contains(factor),
        qPrintable(page->trendChart()->lineLabels().join(u", "_s)));
    QVERIFY(!page->trendChart()->lineLabels().contains(ui::exceptionTypeLabel(type)));
    trendBy->setCurrentIndex(0);

    // A week earlier, the first rejection; this week, another rejection: two weeks above.
    QCOMPARE(rawSql(m_database,
                 "UPDATE decisions SET decided_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', "
                 "'-7 days') WHERE kind = 'rejected'"),
        QString());
    QVERIFY(wb->decisions().record(
        secondId, 0, model::Decision::Rejected, kPlanner, u"count first"_s, 0, u"stock_found"_s));
    page->findChild<QPushButton *>(u"historyRefresh"_s)->click();
    QTRY_COMPARE(page->model()->rowCount(), 2);
    QTRY_VERIFY(!page->isLoading());
    const QString drift = page->driftText();
    QVERIFY2(drift.startsWith(u"⚠ "_s + ui::exceptionTypeLabel(type)
                 + u": override rate above 30% for 2 weeks in a row"_s),
        qPrintable(drift));
    QVERIFY2(drift.contains(u"still going"_s), qPrintable(drift));

    // Filters: by reason, by a planner with none, by type.
    ui::HistoryCriteria reason;
    reason.reasonCode = u"stock_found"_s;
    page->setCriteria(reason);
    QCOMPARE(page->filter()->rowCount(), 1);
    QCOMPARE(page->filter()->index(0, ui::OverrideHistoryModel::Comment).data().toString(),
        u"count first"_s);
    ui::HistoryCriteria nobody;
    nobody.planner = u"manager"_s;
    page->setCriteria(nobody);
    QCOMPARE(page->filter()->rowCount(), 0);
    QVERIFY(page->findChild<QLabel *>(u"historyEmptyState"_s)->isVisible());
    ui::HistoryCriteria ofType;
    ofType.type = int(type);
    page->setCriteria(ofType);
    QCOMPARE(page->filter()->rowCount(), 2);

    // CSV: header, newest first, codes as stored, the comment with its comma quoted.
    const QStringList lines = csvLines(page->csv());
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith(u"When (UTC),Planner,Decision,Type,Item,Location,Reason,"_s));
    QVERIFY2(lines[1].contains(
                 u",planner,rejected,"_s + QString::fromLatin1(engine::exceptionTypeName(type))),
        qPrintable(lines[1]));
    QVERIFY2(lines[1].contains(u",stock_found,"_s), qPrintable(lines[1]));
    QVERIFY2(lines[1].contains(u",count first,"_s), qPrintable(lines[1]));
    QVERIFY2(lines[2].contains(u",supplier_confirmed_date,"_s), qPrintable(lines[2]));
    QVERIFY2(lines[2].contains(u",\"supplier, not us\","_s), qPrintable(lines[2]));
    page->setCriteria({});

    // Back to a planner: the window closes, and the action is disabled again.
    m_window->setUser(kPlanner);
    QTRY_VERIFY(!m_window->overrideHistoryPage());
    QVERIFY(!find<QAction>(m_window.get(), u"actionOverrideHistory"_s)->isEnabled());
}

void TestManagerPages::chainStatusAfterTampering()
{
    ui::AuditPage *page = m_window->auditPage();
    QVERIFY(page);
    // Someone with the file edits event 2 and drops the trigger that would stop it.
    QCOMPARE(rawSql(m_database,
                 "DROP TRIGGER audit_events_no_update; "
                 "UPDATE audit_events SET detail = 'nothing to see' WHERE seq = 2"),
        QString());
    page->findChild<QPushButton *>(u"auditRefresh"_s)->click();
    QTRY_VERIFY(!page->isLoading());
    QTRY_VERIFY(page->chainStatus().startsWith(u"✖"_s));
    QCOMPARE(page->chainStatus(),
        u"✖ Chain broken at event #2: Event 2 edited: its fields no longer match its hash. "
        "The events below are as the file holds them now."_s);
}

void TestManagerPages::csvFieldsAndModels()
{
    QCOMPARE(ui::csvField(u"plain"_s), u"plain"_s);
    QCOMPARE(ui::csvField(u"a, b"_s), u"\"a, b\""_s);
    QCOMPARE(ui::csvField(u"say \"no\""_s), u"\"say \"\"no\"\"\""_s);
    QCOMPARE(ui::csvField(u"two\nlines"_s), u"\"two\nlines\""_s);
    // What a spreadsheet would run as a formula is kept as text; numbers stay numbers.
    QCOMPARE(ui::csvField(u"=HYPERLINK(\"x\")"_s), u"\"'=HYPERLINK(\"\"x\"\")\""_s);
    QCOMPARE(ui::csvField(u"@sum"_s), u"'@sum"_s);
    QCOMPARE(ui::csvField(u"-12.5"_s), u"-12.5"_s);
    QCOMPARE(ui::csvField(u"-x"_s), u"'-x"_s);
    QCOMPARE(
        ui::csvTable({u"a"_s, u"b"_s}, {{u"1"_s, u"x,y"_s}}), QByteArray("a,b\r\n1,\"x,y\"\r\n"));

    // Both table models as QAbstractItemModelTester sees them, filled from the window.
    ui::AuditPage *audit = m_window->auditPage();
    QVERIFY(audit);
    QAbstractItemModelTester auditTester(audit->filter());
    ui::AuditCriteria some;
    some.text = u"decision"_s;
    audit->setCriteria(some);
    audit->setCriteria({});
    model::Workbench *wb = m_window->workbench();
    auto history = wb->history().load();
    QVERIFY(history);
    QVERIFY(!history->records.empty());
    ui::OverrideHistoryModel records;
    ui::OverrideHistoryFilter filter(&records);
    QAbstractItemModelTester historyTester(&filter);
    records.setRecords(std::move(history->records));
    QCOMPARE(filter.rowCount(), 2);
    filter.sort(ui::OverrideHistoryModel::ExposureThen, Qt::AscendingOrder);
    QVERIFY(filter.index(0, ui::OverrideHistoryModel::ExposureThen)
                .data(ui::OverrideHistoryModel::RawRole)
                .toDouble()
        <= filter.index(1, ui::OverrideHistoryModel::ExposureThen)
               .data(ui::OverrideHistoryModel::RawRole)
               .toDouble());
}

QTEST_MAIN(TestManagerPages)
#include "test_managerpages.moc"
