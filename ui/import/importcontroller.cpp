#include "ui/import/importcontroller.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace ui {

ImportController::ImportController(QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_dialogParent(dialogParent)
{
    // Progress is polled from atomics rather than signalled per callback: the engine
    // may report thousands of times a second, and the dialog needs ten.
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &ImportController::showProgress);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ImportController::onFinished);
}

ImportController::~ImportController()
{
    if (m_shared)
        m_shared->cancel = true;
    // The worker holds only shared state and its own Workbench; waiting keeps the
    // database from being closed under a half-written import at shutdown.
    m_watcher.waitForFinished();
}

bool ImportController::start(
    const QString &databasePath, const QString &snapshotPath, const engine::Policy &policy)
{
    if (isRunning())
        return false;
    m_shared = std::make_shared<Shared>();
    m_snapshotPath = snapshotPath;

    m_progress = new QProgressDialog(m_dialogParent);
    m_progress->setObjectName(u"importProgress"_s);
    m_progress->setWindowTitle(tr("Importing snapshot"));
    m_progress->setLabelText(
        tr("Importing and scoring %1…").arg(QFileInfo(snapshotPath).fileName()));
    m_progress->setCancelButtonText(tr("Cancel"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(500);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setRange(0, 0);
    connect(m_progress, &QProgressDialog::canceled, this, &ImportController::cancel);

    auto shared = m_shared;
    m_watcher.setFuture(QtConcurrent::run(
        [databasePath, snapshotPath, policy, shared]() -> model::Result<model::ImportSummary> {
            auto workbench = model::Workbench::open(databasePath);
            if (!workbench)
                return std::unexpected(workbench.error());
            engine::Progress progress;
            progress.cancel = &shared->cancel;
            progress.report = [shared](std::int64_t done, std::int64_t total) {
                shared->done = done;
                shared->total = total;
            };
            return (*workbench)->importer().importSnapshot(snapshotPath, policy, progress);
        }));
    m_poll.start();
    return true;
}

bool ImportController::isRunning() const
{
    return m_watcher.isRunning();
}

void ImportController::cancel()
{
    if (!m_shared)
        return;
    m_shared->cancel = true;
    if (m_progress)
        m_progress->setLabelText(tr("Cancelling…"));
}

void ImportController::waitForFinished()
{
    m_watcher.waitForFinished();
}

model::Result<QString> ImportController::copyBundledSnapshot(
    const QString &resource, const QString &targetDir)
{
    auto cannotWrite = [](const QString &path) {
        return std::unexpected(
            model::Error {model::Error::Io, tr("Cannot write %1.").arg(path), {}});
    };
    const QString name = QFileInfo(resource).fileName();
    if (QFileInfo(resource).isDir()) {
        const QString folder = QDir(targetDir).filePath(name);
        QDirIterator it(resource, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString source = it.next();
            const QString target = folder + source.mid(resource.size());
            if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(source, target))
                return cannotWrite(target);
        }
        return folder;
    }
    const QString zip = resource + u".zip"_s;
    if (QFileInfo::exists(zip)) {
        const QString target = QDir(targetDir).filePath(name + u".zip"_s);
        if (!QFile::copy(zip, target))
            return cannotWrite(target);
        return target;
    }
    return std::unexpected(model::Error {
        model::Error::Io, tr("This build does not bundle the snapshot %1.").arg(resource), {}});
}

void ImportController::showProgress()
{
    if (!m_progress || !m_shared)
        return;
    const qint64 total = m_shared->total;
    const qint64 done = m_shared->done;
    if (total <= 0)
        return;
    // QProgressDialog takes int; scale so a billion-row snapshot cannot overflow it.
    m_progress->setRange(0, 1000);
    m_progress->setValue(int(std::min<qint64>(1000, done * 1000 / total)));
    if (!m_shared->cancel)
        m_progress->setLabelText(tr("Scoring %1 of %2 SKU-locations…")
                                     .arg(QLocale().toString(done), QLocale().toString(total)));
}

void ImportController::onFinished()
{
    m_poll.stop();
    if (m_progress) {
        m_progress->hide();
        m_progress->deleteLater();
    }
    auto result = m_watcher.result();
    m_shared.reset();
    const QString path = m_snapshotPath;
    if (result)
        Q_EMIT succeeded(*result, path);
    else
        Q_EMIT failed(result.error(), path);
}

} // namespace ui
