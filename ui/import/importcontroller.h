#pragma once
// Runs a snapshot import off the UI thread behind a cancellable progress dialog.
// The worker opens its own model::Workbench on the database file, because a SQLite
// connection belongs to the thread that opened it.

#include "model/workbench.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <memory>

class QProgressDialog;
class QWidget;

namespace ui {

class ImportController : public QObject
{
    Q_OBJECT
public:
    /// `dialogParent` parents the progress dialog (window-modal to it).
    explicit ImportController(QWidget *dialogParent, QObject *parent = nullptr);
    ~ImportController() override;

    /// Starts importing `snapshotPath` (folder or .zip) into `databasePath` with
    /// `policy`; false when an import is already running.
    bool start(
        const QString &databasePath, const QString &snapshotPath, const engine::Policy &policy);
    bool isRunning() const;
    /// Asks the running import to stop; it reports Error::Cancelled.
    void cancel();
    /// Blocks until the worker is done (for shutdown only; runs no event loop).
    void waitForFinished();

    /// Copies a snapshot bundled as a Qt resource (the folder `resource`, or
    /// `resource` + ".zip") into `targetDir`, because the importer reads real files.
    /// Returns the path to import.
    static model::Result<QString> copyBundledSnapshot(
        const QString &resource, const QString &targetDir);

Q_SIGNALS:
    void succeeded(const model::ImportSummary &summary, const QString &snapshotPath);
    void failed(const model::Error &error, const QString &snapshotPath);

private:
    struct Shared {
        std::atomic<bool> cancel = false;
        std::atomic<qint64> done = 0;
        std::atomic<qint64> total = 0;
    };
    void onFinished();
    void showProgress();

    QPointer<QWidget> m_dialogParent;
    QPointer<QProgressDialog> m_progress;
    QFutureWatcher<model::Result<model::ImportSummary>> m_watcher;
    std::shared_ptr<Shared> m_shared;
    QTimer m_poll;
    QString m_snapshotPath;
};

} // namespace ui
