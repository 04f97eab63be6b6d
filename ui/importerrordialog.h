#pragma once
// Shows why an import was refused: the summary and every "file:line:column" problem,
// selectable and copyable so it can go straight to whoever owns the ERP extract.

#include "model/error.h"

#include <QDialog>

class QPlainTextEdit;

namespace ui {

class ImportErrorDialog : public QDialog
{
    Q_OBJECT
public:
    ImportErrorDialog(
        const model::Error &error, const QString &snapshotPath, QWidget *parent = nullptr);

    /// Everything shown, as plain text: the summary line, then one problem per line.
    QString reportText() const;

private:
    void copyToClipboard();

    model::Error m_error;
    QString m_snapshotPath;
    QPlainTextEdit *m_list;
};

} // namespace ui
