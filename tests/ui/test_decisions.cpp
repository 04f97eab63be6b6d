// Deciding while another process writes to the database (an import, a `pwb score`):
// a decision must neither freeze the window for SQLite's 10 s lock wait nor leave the
// undo stack saying something the database does not hold.

#include "model/workbench.h"
#include "ui/decisions/decisioncommands.h"
#include "ui/decisions/overridedialog.h"
#include "ui/decisions/triagecontroller.h"
#include "ui/queues/queuemodel.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using ui::DecisionRecorder;
using ui::QueueModel;
using ui::TriageController;

namespace {

/// Another process's write transaction, held until release() or destruction.
class WriteLock
{
public:
    explicit WriteLock(const QString &path)
    {
        if (sqlite3_open(path.toUtf8().constData(), &m_db) == SQLITE_OK)
            m_held = sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    ~WriteLock()
    {
        release();
        sqlite3_close(m_db);
    }
    bool isHeld() const { return m_held; }
    void release()
    {
        if (m_held)
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        m_held = false;
    }

private:
    sqlite3 *m_db = nullptr;
    bool m_held = false;
};

/// Standing decisions as the database holds them, through a connection of their own.
qsizetype storedDecisionCount(const QString &path)
{
    auto workbench = model::Workbench::openAs(path, model::OpenMode::ReadOnly);
    if (!workbench)
        return -1;
    auto standing = (*workbench)->decisions().standing();
    return standing ? qsizetype(standing->size()) : -1;
}

} // namespace

class TestDecisions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void decidingWhileLockedFailsFastAndClearly();
    void undoWhileLockedKeepsTheStackTrue();
    void overrideIsUndoneAndRedoneWithItsQuantityAndReason();
    void overrideDialogAsksForAnotherQuantityAndAReason();

private:
    /// The first exception with a recommendation and that recommendation's index.
    std::pair<QString, int> decidable();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<model::Workbench> m_workbench;
    QueueModel *m_model = nullptr;
    DecisionRecorder *m_recorder = nullptr;
    QUndoStack *m_stack = nullptr;
    TriageController *m_triage = nullptr;
    QObject m_parent;
};

void TestDecisions::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(u"wb.db"_s);
    auto workbench = model::Workbench::open(m_path);
    QVERIFY(workbench);
    m_workbench = std::move(*workbench);
    auto imported = m_workbench->importer().importSnapshot(
        QStringLiteral(PWB_SOURCE_DIR) + u"/resources/demo"_s, {});
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
    auto queue = m_workbench->runs().queue();
    QVERIFY(queue);
    m_model = new QueueModel(&m_parent);
    m_model->setQueue(std::move(*queue), engine::Policy {}.weights);
    m_recorder = new DecisionRecorder(&m_parent);
    m_recorder->setUser(model::User {u"planner"_s});
    m_recorder->setWorkbench(m_workbench.get());
    m_stack = new QUndoStack(&m_parent);
    m_triage = new TriageController(m_model, m_recorder, m_stack, &m_parent);
}

void TestDecisions::cleanup()
{
    delete m_triage;
    delete m_stack;
    delete m_recorder;
    delete m_model;
    m_workbench.reset();
    m_dir.reset();
}

std::pair<QString, int> TestDecisions::decidable()
{
    const model::Queue &queue = m_model->queue();
    for (qsizetype r = 0; r < queue.size(); ++r) {
        if (queue.action[std::size_t(r)] >= 0)
            return {queue.exceptionId(r), 0};
    }
    return {};
}

void TestDecisions::decidingWhileLockedFailsFastAndClearly()
{
    const auto [exceptionId, recommendation] = decidable();
    QVERIFY(!exceptionId.isEmpty());
    QSignalSpy failed(m_recorder, &DecisionRecorder::failed);

    WriteLock lock(m_path);
    QVERIFY(lock.isHeld());
    QElapsedTimer clock;
    clock.start();
    m_triage->decideOne(exceptionId, recommendation, model::Decision::Approved);
    const qint64 waited = clock.elapsed();
    // The window waits a moment for a short write to end, not SQLite's 10 s.
    QVERIFY2(waited < 3'000, qPrintable(QString::number(waited) + u" ms"_s));
    QCOMPARE(failed.size(), 1);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(m_path), qPrintable(message));
    QVERIFY2(
        message.contains(u"another pwb or workbench window is writing"_s), qPrintable(message));
    QVERIFY(message.contains(u"Try again"_s));
    QCOMPARE(m_stack->count(), 0);
    QCOMPARE(storedDecisionCount(m_path), 0);

    // Once the other writer is done, the same decision goes through.
    lock.release();
    QCoreApplication::processEvents();
    m_triage->decideOne(exceptionId, recommendation, model::Decision::Approved);
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(storedDecisionCount(m_path), 1);
}

void TestDecisions::undoWhileLockedKeepsTheStackTrue()
{
    const auto [exceptionId, recommendation] = decidable();
    QVERIFY(!exceptionId.isEmpty());
    m_triage->decideOne(exceptionId, recommendation, model::Decision::Rejected);
    QCOMPARE(m_stack->index(), 1);
    QCOMPARE(storedDecisionCount(m_path), 1);

    {
        WriteLock lock(m_path);
        QVERIFY(lock.isHeld());
        QSignalSpy failed(m_recorder, &DecisionRecorder::failed);
        m_stack->undo();
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(u"Try again"_s));
        // The decision still stands, so the stack steps back to say so, and Undo can
        // be tried again: the command is kept, not dropped.
        QTRY_COMPARE(m_stack->index(), 1);
        QCOMPARE(m_stack->count(), 1);
        QVERIFY(m_stack->canUndo());
    }
    QCOMPARE(storedDecisionCount(m_path), 1);
    QCOMPARE(m_triage->standingDecision(exceptionId)->kind, model::Decision::Rejected);

    m_stack->undo();
    QCOMPARE(m_stack->index(), 0);
    QCOMPARE(storedDecisionCount(m_path), 0);
    QVERIFY(!m_triage->standingDecision(exceptionId));

    // A refused redo steps back the same way: the decision is not recorded.
    {
        WriteLock lock(m_path);
        m_stack->redo();
        QTRY_COMPARE(m_stack->index(), 0);
        QCOMPARE(m_stack->count(), 1);
    }
    QCOMPARE(storedDecisionCount(m_path), 0);
    m_stack->redo();
    QCOMPARE(m_stack->index(), 1);
    QCOMPARE(storedDecisionCount(m_path), 1);
}

void TestDecisions::overrideIsUndoneAndRedoneWithItsQuantityAndReason()
{
    // A recommendation of at least two units, approved at one unit less.
    QString exceptionId;
    double recommended = 0;
    const model::Queue &queue = m_model->queue();
    for (qsizetype r = 0; r < queue.size() && exceptionId.isEmpty(); ++r) {
        if (queue.action[std::size_t(r)] < 0)
            continue;
        auto explanation = m_workbench->runs().explainException(queue.exceptionId(r));
        QVERIFY(explanation);
        const auto &first = explanation->exception->recommendations.front();
        if (first.qty >= 2) {
            exceptionId = queue.exceptionId(r);
            recommended = first.qty;
        }
    }
    QVERIFY(!exceptionId.isEmpty());
    auto standingOf = [this, &exceptionId]() -> std::optional<model::Decision> {
        auto standing = m_workbench->decisions().standing();
        if (!standing)
            return std::nullopt;
        for (const model::Decision &d : *standing)
            if (d.exceptionId == exceptionId)
                return d;
        return std::nullopt;
    };

    m_triage->decideOne(exceptionId, 0, model::Decision::Overridden,
        {recommended - 1, u"stock_found"_s, u"two in returns"_s});
    QCOMPARE(m_stack->count(), 1);
    QCOMPARE(m_stack->undoText(), u"Override "_s + exceptionId);
    auto d = standingOf();
    QVERIFY(d);
    QCOMPARE(d->kind, model::Decision::Overridden);
    QCOMPARE(d->overrideQty, recommended - 1);
    QCOMPARE(d->reasonCode, u"stock_found"_s);
    QCOMPARE(d->comment, u"two in returns"_s);
    QCOMPARE(m_model->queue().decision[std::size_t(m_model->findException(exceptionId))],
        quint8(model::Decision::Overridden));

    m_stack->undo();
    QVERIFY(!standingOf());
    m_stack->redo();
    d = standingOf();
    QVERIFY(d);
    QCOMPARE(d->kind, model::Decision::Overridden);
    QCOMPARE(d->overrideQty, recommended - 1);
    QCOMPARE(d->reasonCode, u"stock_found"_s);

    // Without a reason the database refuses it, and nothing lands on the stack.
    QSignalSpy failed(m_recorder, &DecisionRecorder::failed);
    m_stack->undo();
    m_triage->decideOne(exceptionId, 0, model::Decision::Overridden, {recommended - 1, {}, {}});
    QCOMPARE(failed.count(), 1);
    QVERIFY(!standingOf());
}

void TestDecisions::overrideDialogAsksForAnotherQuantityAndAReason()
{
    ui::OverrideDialog dialog(u"shortage:X@DC: transfer 10 units"_s, 10);
    QVERIFY(!dialog.canAccept()); // the recommended quantity, no reason
    dialog.setQuantity(6);
    QVERIFY(!dialog.canAccept()); // no reason yet
    dialog.setReason(u"capacity_limit"_s);
    QVERIFY(dialog.canAccept());
    dialog.setComment(u"  the dock takes 6 a day  "_s);
    const ui::OverrideDetails details = dialog.details();
    QCOMPARE(details.quantity, 6.0);
    QCOMPARE(details.reasonCode, u"capacity_limit"_s);
    QCOMPARE(details.comment, u"the dock takes 6 a day"_s);
    dialog.setQuantity(0);
    QVERIFY(!dialog.canAccept()); // nothing is a rejection
    dialog.setQuantity(10);
    QVERIFY(!dialog.canAccept()); // the recommended quantity is an approval
}

QTEST_MAIN(TestDecisions)
#include "test_decisions.moc"
