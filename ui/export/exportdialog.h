#pragma once
// File > Export approved…: where to and in which format the approved actions go to
// the ERP. The export runs off the GUI thread on a connection of its own (the window
// keeps polling its own); the dialog then says which batch it wrote and where, that
// there was nothing new, or what went wrong.

#include "model/workbench.h"

#include <QDialog>
#include <QFutureWatcher>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ui {

class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    /// Exports from the database at `databasePath` as `user`, into `folder` at first.
    ExportDialog(const QString &databasePath, const model::User &user, const QString &folder,
        QWidget *parent = nullptr);
    /// Waits for a running export: its files are written whole before the dialog goes.
    ~ExportDialog() override;

    bool isRunning() const;
    /// The text of the last outcome, as shown.
    QString resultText() const;

public Q_SLOTS:
    /// Starts the export with the folder and format chosen; false when one runs
    /// already or no folder is given.
    bool startExport();

Q_SIGNALS:
    /// An export ended: `batchId` written (0: nothing new), or `ok` false on an error.
    void exportFinished(bool ok, qint64 batchId);

private:
    void chooseFolder();
    void onFinished();
    void showResult(const QString &text, bool error);

    QString m_databasePath;
    model::User m_user;
    QLineEdit *m_folder;
    QComboBox *m_format;
    QLabel *m_result;
    QPushButton *m_export;
    QPushButton *m_browse;
    QFutureWatcher<model::Result<model::ExportBatch>> m_watcher;
};

} // namespace ui
