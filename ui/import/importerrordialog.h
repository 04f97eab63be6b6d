#pragma once
// Shows why an import was refused, or what an import warned about: the summary and
// every "file:line:column" problem, selectable and copyable so it can go straight to
// whoever owns the ERP extract.

#include "model/error.h"

#include <QDialog>

class QPlainTextEdit;

namespace ui {

class ImportErrorDialog : public QDialog
{
    Q_OBJECT
public:
    /// An import refused with `error` (objectName "importErrorDialog").
    ImportErrorDialog(
        const model::Error &error, const QString &snapshotPath, QWidget *parent = nullptr);
    /// An import that went through with `warnings` (objectName "importWarningsDialog").
    ImportErrorDialog(
        const QStringList &warnings, const QString &snapshotPath, QWidget *parent = nullptr);

    /// Everything shown, as plain text: the summary line, then one problem per line.
    QString reportText() const;

private:
    void build(bool refused);
    void copyToClipboard();

    model::Error m_error;
    QString m_snapshotPath;
    QPlainTextEdit *m_list;
};

} // namespace ui
