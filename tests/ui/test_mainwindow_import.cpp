// The main window's shell: it starts on an empty database and imports the demo, refuses
// a broken snapshot without changing anything, keeps its layout and filters across a
// restart, opens other databases through the opener it was given, lists its keys and
// shows what an import warned about.

#include "mainwindowfixture.h"

#include "ui/common/shortcutsdialog.h"
#include "ui/import/importerrordialog.h"
#include "ui/queues/queuelist.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QToolButton>
#include <QTreeWidget>

using namespace mainwindowtest;

class TestMainWindowImport : public MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void startsEmptyAndImportsTheDemo();
    void brokenImportShowsEveryErrorAndChangesNothing();
    void layoutAndFiltersPersist();
    void recentDatabasesReopenThroughTheOpener();
    void shortcutsDialogListsTheTriageKeys();
    void importWarningsOpenFromTheStatusBar();
};

void TestMainWindowImport::initTestCase()
{
    QVERIFY(setUpWindow());
}

void TestMainWindowImport::startsEmptyAndImportsTheDemo()
{
    auto *empty = find<QLabel>(m_window.get(), u"queueEmptyState"_s);
    QVERIFY(empty);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(u"No snapshot loaded"_s));
    QVERIFY(empty->text().contains(u"Ctrl+I"_s));
    screenshot(u"empty"_s);

    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    QVERIFY(m_window->importBundledDemo());
    QVERIFY(finished.wait(kImportTimeoutMs));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!empty->isVisible());
    QVERIFY(table()->isVisible());
    QVERIFY(m_window->queueModel()->rowCount() > 10);

    // The status bar names the snapshot, its date, the scoring version and the counts.
    const model::Queue &queue = m_window->queueModel()->queue();
    QVERIFY(find<QLabel>(m_window.get(), u"statusSnapshot"_s)
                ->text()
                .contains(queue.snapshot.snapshotId));
    QVERIFY(!find<QLabel>(m_window.get(), u"statusAsOf"_s)->text().isEmpty());
    QCOMPARE(find<QLabel>(m_window.get(), u"statusScoring"_s)->text(),
        QString::fromUtf8(engine::kScoringVersion));
    const QString rows = find<QLabel>(m_window.get(), u"statusRows"_s)->text();
    QVERIFY2(rows.contains(QLocale().toString(queue.size())), qPrintable(rows));
    screenshot(u"demo"_s);
}

void TestMainWindowImport::brokenImportShowsEveryErrorAndChangesNothing()
{
    const QString broken = QStringLiteral(PWB_SOURCE_DIR) + u"/tests/data/broken/bad-date"_s;
    QFile expectedFile(broken + u"/expected-error.txt"_s);
    QVERIFY(expectedFile.open(QIODevice::ReadOnly));
    const QString expected
        = QString::fromUtf8(expectedFile.readAll()).trimmed().split(u'\n').front();
    QVERIFY(expected.contains(u".csv:"_s));

    QueueModel *model = m_window->queueModel();
    const QString snapshotBefore = model->queue().snapshot.snapshotId;
    const qsizetype sizeBefore = model->queue().size();
    const QString topBefore = model->queue().exceptionId(model->sourceRow(model->index(0, 0)));
    auto versions = [this] {
        auto workbench = model::Workbench::open(m_database);
        auto list = workbench ? (*workbench)->snapshots().list()
                              : model::Result<std::vector<model::SnapshotInfo>>();
        return list ? qsizetype(list->size()) : -1;
    };
    const qsizetype versionsBefore = versions();
    QVERIFY(versionsBefore >= 1);

    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    QVERIFY(m_window->importSnapshot(broken));
    QVERIFY(finished.wait(kImportTimeoutMs));
    QCOMPARE(finished.first().first().toBool(), false);

    ui::ImportErrorDialog *dialog = nullptr;
    QTRY_VERIFY(
        (dialog = m_window->findChild<ui::ImportErrorDialog *>(u"importErrorDialog"_s)) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    auto *list = find<QPlainTextEdit>(dialog, u"importErrorList"_s);
    QVERIFY2(list->toPlainText().contains(expected), qPrintable(list->toPlainText()));
    QVERIFY(dialog->reportText().contains(expected));
    screenshot(u"import-error"_s);
    dialog->grab().save(
        qEnvironmentVariable("PWB_SCREENSHOT_DIR", m_dir.path()) + u"/import-error-dialog.png"_s);
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(!m_window->findChild<ui::ImportErrorDialog *>(u"importErrorDialog"_s));

    // Nothing changed: same snapshot, same rows, same top, no new version stored.
    QCOMPARE(model->queue().snapshot.snapshotId, snapshotBefore);
    QCOMPARE(model->queue().size(), sizeBefore);
    QCOMPARE(model->queue().exceptionId(model->sourceRow(model->index(0, 0))), topBefore);
    QCOMPARE(versions(), versionsBefore);
}

void TestMainWindowImport::layoutAndFiltersPersist()
{
    auto *abc = find<QComboBox>(m_window.get(), u"filterAbc"_s);
    abc->setCurrentIndex(abc->findData(int('B')));
    auto *decision = find<QComboBox>(m_window.get(), u"filterDecision"_s);
    decision->setCurrentIndex(decision->findData(int(ui::DecisionView::Undecided)));
    focusTable();
    QTest::keyClick(table(), Qt::Key_3); // replenishment
    table()->horizontalHeader()->resizeSection(QueueModel::Location, 171);
    const qint64 shown = m_window->queueModel()->rowCount();
    m_window->close();
    m_window.reset();

    m_window = openWindow();
    QVERIFY(m_window);
    const ui::QueueCriteria criteria = m_window->queueModel()->criteria();
    QCOMPARE(criteria.abcClass, 'B');
    QCOMPARE(criteria.decision, ui::DecisionView::Undecided);
    QCOMPARE(criteria.type, int(engine::ExceptionType::Replenishment));
    QCOMPARE(find<QComboBox>(m_window.get(), u"filterAbc"_s)->currentData().toInt(), int('B'));
    QCOMPARE(find<ui::QueueList>(m_window.get(), u"queueList"_s)->currentType(),
        int(engine::ExceptionType::Replenishment));
    QCOMPARE(qint64(m_window->queueModel()->rowCount()), shown);
    QCOMPARE(table()->horizontalHeader()->sectionSize(QueueModel::Location), 171);
    QVERIFY(m_settings->recentDatabases().contains(QFileInfo(m_database).absoluteFilePath()));

    m_window->findChild<QAction *>(u"actionClearFilters"_s)->trigger();
    focusTable();
    QTest::keyClick(table(), Qt::Key_1);
}

void TestMainWindowImport::recentDatabasesReopenThroughTheOpener()
{
    // The application opened the first database itself; the ones the planner picks
    // afterwards come through the opener it gave the window.
    QVERIFY(m_opened.isEmpty());
    const QString demo = QFileInfo(m_database).absoluteFilePath();
    const QString other = m_dir.filePath(u"other.sqlite"_s);
    QVERIFY(m_window->openDatabase(other));
    QCOMPARE(m_opened, QStringList {other});
    QVERIFY2(
        m_window->windowTitle().startsWith(u"other.sqlite"_s), qPrintable(m_window->windowTitle()));
    auto *empty = find<QLabel>(m_window.get(), u"queueEmptyState"_s);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(u"No snapshot loaded"_s));
    QCOMPARE(m_window->queueModel()->rowCount(), 0);
    QVERIFY(m_settings->recentDatabases().contains(QFileInfo(other).absoluteFilePath()));

    // Back to the demo database from File > Recent databases.
    auto *recent = find<QMenu>(m_window.get(), u"menuRecentDatabases"_s);
    QVERIFY(recent);
    QAction *entry = nullptr;
    for (QAction *action : recent->actions()) {
        if (action->text() == QDir::toNativeSeparators(demo))
            entry = action;
    }
    QVERIFY(entry);
    QSignalSpy loaded(m_window.get(), &MainWindow::queueLoaded);
    entry->trigger();
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(m_opened.size(), 2);
    QCOMPARE(QFileInfo(m_opened.last()).absoluteFilePath(), demo);
    QVERIFY(m_window->queueModel()->rowCount() > 10);
    QVERIFY(table()->isVisible());
    QVERIFY(!empty->isVisible());
}

void TestMainWindowImport::shortcutsDialogListsTheTriageKeys()
{
    m_window->findChild<QAction *>(u"actionShortcuts"_s)->trigger();
    ui::ShortcutsDialog *dialog = nullptr;
    QTRY_VERIFY(
        (dialog = m_window->findChild<ui::ShortcutsDialog *>(u"shortcutsDialog"_s)) != nullptr);
    QStringList lines;
    const QTreeWidget *tree = find<QTreeWidget>(dialog, u"shortcutsList"_s);
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        lines << tree->topLevelItem(i)->text(0) + u" = "_s + tree->topLevelItem(i)->text(1);
    const QString all = lines.join(u'\n');
    for (const QString &needle :
        {u"A = Approve"_s, u"R = Reject"_s, u"U = Undo"_s, u"/ = Filter"_s, u"J = Next"_s,
            u"K = Previous"_s, u"Enter = Show details"_s, u"7 = Show the queue: Cycle count"_s})
        QVERIFY2(all.contains(needle), qPrintable(all));
    dialog->close();
}

void TestMainWindowImport::importWarningsOpenFromTheStatusBar()
{
    // The demo imported without a warning: nothing to open.
    auto *button = find<QToolButton>(m_window.get(), u"importWarningsButton"_s);
    QVERIFY(button);
    QVERIFY(!button->isVisible());

    // items.csv of this valid snapshot has a "colour" column the format does not know.
    const QString odd = QStringLiteral(PWB_SOURCE_DIR) + u"/tests/data/valid/odd-syntax"_s;
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    QVERIFY(m_window->importSnapshot(odd));
    QVERIFY(finished.wait(kImportTimeoutMs));
    QCOMPARE(finished.first().first().toBool(), true);
    QTRY_VERIFY(button->isVisible());
    QVERIFY2(button->text().contains(u"warning"_s), qPrintable(button->text()));
    // The count on the button is the number of lines the dialog lists.
    const qsizetype count = button->text().split(u' ').front().toLongLong();
    QVERIFY(count >= 1);
    // Still there once the import message has been replaced by another one.
    m_window->statusBar()->showMessage(u"something else"_s);
    QVERIFY(button->isVisible());

    QTest::mouseClick(button, Qt::LeftButton);
    ui::ImportErrorDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ui::ImportErrorDialog *>(u"importWarningsDialog"_s))
        != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    const QString listed = find<QPlainTextEdit>(dialog, u"importErrorList"_s)->toPlainText();
    QCOMPARE(listed.split(u'\n').size(), count);
    QVERIFY2(listed.contains(u"items.csv:1:"_s) && listed.contains(u"colour"_s)
            && listed.contains(u"unknown column"_s),
        qPrintable(listed));
    QVERIFY(dialog->reportText().contains(odd));
    QVERIFY(dialog->reportText().contains(u"unknown column"_s));
    QVERIFY(find<QPushButton>(dialog, u"importErrorCopy"_s));
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(!m_window->findChild<ui::ImportErrorDialog *>(u"importWarningsDialog"_s));
}

QTEST_MAIN(TestMainWindowImport)
#include "test_mainwindow_import.moc"
