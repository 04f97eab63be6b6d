#include "ui/export/exportdialog.h"

#include "model/workbench.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace ui {

ExportDialog::ExportDialog(
    const QString &databasePath, const model::User &user, const QString &folder, QWidget *parent)
    : QDialog(parent)
    , m_databasePath(databasePath)
    , m_user(user)
{
    setObjectName(u"exportDialog"_s);
    setWindowTitle(tr("Export approved actions"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Every approved transfer, expedite and purchase not exported yet "
                                "goes to the ERP as one batch."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_folder = new QLineEdit(folder, this);
    m_folder->setObjectName(u"exportFolder"_s);
    m_browse = new QPushButton(tr("&Browse…"), this);
    m_browse->setObjectName(u"exportBrowse"_s);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);
    form->addRow(tr("&Folder:"), folderRow);
    m_format = new QComboBox(this);
    m_format->setObjectName(u"exportFormat"_s);
    m_format->addItem(tr("JSON (the workbench's own)"), u"json"_s);
    m_format->addItem(tr("CSV (the workbench's own)"), u"csv"_s);
    m_format->addItem(tr("Odoo import files"), u"odoo"_s);
    m_format->addItem(tr("Dynamics 365 data management files"), u"d365"_s);
    m_format->addItem(tr("X12 860 purchase order changes (expedites only)"), u"x12"_s);
    form->addRow(tr("F&ormat:"), m_format);
    layout->addLayout(form);

    m_result = new QLabel(this);
    m_result->setObjectName(u"exportResult"_s);
    m_result->setTextFormat(Qt::PlainText); // paths and messages quote user data
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::ActionRole);
    m_export->setObjectName(u"exportButton"_s);
    m_export->setDefault(true);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::chooseFolder);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ExportDialog::onFinished);
}

ExportDialog::~ExportDialog()
{
    m_watcher.waitForFinished();
}

bool ExportDialog::isRunning() const
{
    return m_watcher.isRunning();
}

QString ExportDialog::resultText() const
{
    return m_result->text();
}

void ExportDialog::chooseFolder()
{
    const QString folder
        = QFileDialog::getExistingDirectory(this, tr("Export to folder"), m_folder->text());
    if (!folder.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(folder));
}

bool ExportDialog::startExport()
{
    const QString folder = m_folder->text().trimmed();
    if (isRunning())
        return false;
    if (folder.isEmpty()) {
        showResult(tr("Choose the folder the files go to."), true);
        return false;
    }
    model::ExportFormat format {};
    model::parseExportFormat(m_format->currentData().toString(), format);
    m_export->setEnabled(false);
    m_browse->setEnabled(false);
    showResult(tr("Exporting…"), false);
    m_watcher.setFuture(
        QtConcurrent::run([db = m_databasePath, folder = QDir::fromNativeSeparators(folder), format,
                              user = m_user]() -> model::Result<model::ExportBatch> {
            auto workbench = model::Workbench::open(db);
            if (!workbench)
                return std::unexpected(workbench.error());
            return (*workbench)->exporter().exportApproved(folder, format, user);
        }));
    return true;
}

void ExportDialog::onFinished()
{
    m_export->setEnabled(true);
    m_browse->setEnabled(true);
    const model::Result<model::ExportBatch> result = m_watcher.result();
    if (!result) {
        showResult(tr("The export failed: %1").arg(result.error().message), true);
        Q_EMIT exportFinished(false, 0);
        return;
    }
    const model::ExportBatch &batch = *result;
    if (batch.batchId == 0) {
        QString text = tr("Nothing new to export: every approved transfer, expedite and "
                          "purchase is in a batch already.");
        if (batch.leftForOtherFormats > 0)
            text = tr("Nothing to export as X12 860: it carries expedites only, and no approved "
                      "expedite awaits export. Approved transfers and purchases waiting for "
                      "another format: %1.")
                       .arg(batch.leftForOtherFormats);
        showResult(text, false);
        Q_EMIT exportFinished(true, 0);
        return;
    }
    QStringList paths;
    for (const QString &path : batch.filePaths)
        paths << QDir::toNativeSeparators(path);
    const QString records
        = batch.recordCount == 1 ? tr("1 record") : tr("%1 records").arg(batch.recordCount);
    showResult(tr("Exported batch %1: %2, written to\n%3")
                   .arg(QString::number(batch.batchId), records, paths.join(u'\n')),
        false);
    Q_EMIT exportFinished(true, batch.batchId);
}

void ExportDialog::showResult(const QString &text, bool error)
{
    m_result->setText(text);
    m_result->setProperty("error", error);
    // Red for an error, the usual colour otherwise: set on the palette, so a style
    // sheet elsewhere is not overridden.
    QPalette palette = m_result->parentWidget()->palette();
    if (error)
        palette.setColor(QPalette::WindowText, Qt::darkRed);
    m_result->setPalette(palette);
}

} // namespace ui
