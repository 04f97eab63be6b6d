// File > Export approved… on the real main window: Ctrl+E opens the dialog, which
// exports the approvals off the GUI thread, says which batch and files it wrote, then
// that nothing is new, and shows a folder it cannot write to as an error with nothing
// recorded.

#include "mainwindowfixture.h"
#include "ui/export/exportdialog.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace mainwindowtest;

class TestExportDialog : public MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ctrlEOpensTheDialog();
    void exportsTheApprovalsOnce();
    void aFolderItCannotWriteIsAnError();

private:
    /// Approves the first recommendation of `exceptionId` through a connection of its own.
    bool approve(const QString &exceptionId);
    /// Clicks Export and waits for the outcome; its (ok, batch id).
    QList<QVariant> runExport(const QString &folder, const QString &format);

    QPointer<ui::ExportDialog> m_dialog;
};

void TestExportDialog::initTestCase()
{
    QVERIFY(setUpWindow());
    QVERIFY(importDemo());
    QVERIFY(approve(u"shortage:SKU-00033@DC-WEST"_s)); // a transfer
    QVERIFY(approve(u"shortage:SKU-00016@DC-WEST"_s)); // a purchase
}

bool TestExportDialog::approve(const QString &exceptionId)
{
    auto workbench = model::Workbench::open(m_database);
    return workbench
        && (*workbench)->decisions().record(exceptionId, 0, model::Decision::Approved, m_user);
}

QList<QVariant> TestExportDialog::runExport(const QString &folder, const QString &format)
{
    auto *folderEdit = find<QLineEdit>(m_dialog, u"exportFolder"_s);
    auto *formats = find<QComboBox>(m_dialog, u"exportFormat"_s);
    if (!folderEdit || !formats)
        return {};
    folderEdit->setText(folder);
    formats->setCurrentIndex(formats->findData(format));
    QSignalSpy finished(m_dialog.data(), &ui::ExportDialog::exportFinished);
    QTest::mouseClick(find<QPushButton>(m_dialog, u"exportButton"_s), Qt::LeftButton);
    if (!finished.wait(30000))
        return {};
    return finished.first();
}

void TestExportDialog::ctrlEOpensTheDialog()
{
    auto *action = find<QAction>(m_window.get(), u"actionExportApproved"_s);
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
    focusTable();
    QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier);
    QTRY_VERIFY(m_window->findChild<ui::ExportDialog *>(u"exportDialog"_s));
    m_dialog = m_window->findChild<ui::ExportDialog *>(u"exportDialog"_s);
    QTRY_VERIFY(m_dialog->isVisible());
    // It starts in a folder beside the database.
    QCOMPARE(find<QLineEdit>(m_dialog, u"exportFolder"_s)->text(),
        QFileInfo(m_database).dir().filePath(u"erp-export"_s));
}

void TestExportDialog::exportsTheApprovalsOnce()
{
    QVERIFY(m_dialog);
    const QString folder = m_dir.filePath(u"to-odoo"_s);
    QList<QVariant> outcome = runExport(folder, u"odoo"_s);
    QCOMPARE(outcome.size(), 2);
    QCOMPARE(outcome[0].toBool(), true);
    QCOMPARE(outcome[1].toLongLong(), 1);
    const QString text = m_dialog->resultText();
    QVERIFY2(text.startsWith(u"Exported batch 1: 2 records, written to"_s), qPrintable(text));
    const QStringList written = QDir(folder).entryList({u"pwb-export-000001-odoo-*.csv"_s});
    QCOMPARE(written.size(), 4); // pickings, moves, orders, order lines
    for (const QString &name : written)
        QVERIFY2(text.contains(name), qPrintable(name));
    QVERIFY(!m_dialog->isRunning());

    outcome = runExport(folder, u"d365"_s);
    QCOMPARE(outcome.value(1).toLongLong(), 0);
    QVERIFY2(m_dialog->resultText().startsWith(u"Nothing new to export"_s),
        qPrintable(m_dialog->resultText()));
    QCOMPARE(find<QLabel>(m_dialog, u"exportResult"_s)->property("error").toBool(), false);
}

void TestExportDialog::aFolderItCannotWriteIsAnError()
{
    QVERIFY(m_dialog);
    QVERIFY(approve(u"shortage:SKU-00037@DC-WEST"_s)); // an expedite
    const QString blocker = m_dir.filePath(u"a-file"_s);
    {
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    QList<QVariant> outcome = runExport(blocker + u"/inside"_s, u"x12"_s);
    QCOMPARE(outcome.value(0).toBool(), false);
    QVERIFY2(m_dialog->resultText().startsWith(u"The export failed: Cannot write to the export "
                                               "folder"_s),
        qPrintable(m_dialog->resultText()));
    QCOMPARE(find<QLabel>(m_dialog, u"exportResult"_s)->property("error").toBool(), true);
    // Nothing was recorded: the expedite goes out with a folder that works.
    outcome = runExport(m_dir.filePath(u"to-suppliers"_s), u"x12"_s);
    QCOMPARE(outcome.value(1).toLongLong(), 2);
    QVERIFY(QFile::exists(m_dir.filePath(u"to-suppliers/pwb-export-000002-x12-000000001.x12"_s)));
    m_dialog->close();
}

QTEST_MAIN(TestExportDialog)
#include "test_exportdialog.moc"
