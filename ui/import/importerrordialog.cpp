#include "ui/import/importerrordialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui {

ImportErrorDialog::ImportErrorDialog(
    const model::Error &error, const QString &snapshotPath, QWidget *parent)
    : QDialog(parent)
    , m_error(error)
    , m_snapshotPath(snapshotPath)
    , m_list(new QPlainTextEdit(this))
{
    build(true);
}

ImportErrorDialog::ImportErrorDialog(
    const QStringList &warnings, const QString &snapshotPath, QWidget *parent)
    : QDialog(parent)
    , m_error {model::Error::BadInput,
          warnings.size() == 1 ? tr("The snapshot was imported with 1 warning.")
                               : tr("The snapshot was imported with %1 warnings.")
                                     .arg(QLocale().toString(warnings.size())),
          warnings}
    , m_snapshotPath(snapshotPath)
    , m_list(new QPlainTextEdit(this))
{
    build(false);
}

void ImportErrorDialog::build(bool refused)
{
    setObjectName(refused ? u"importErrorDialog"_s : u"importWarningsDialog"_s);
    setWindowTitle(refused ? tr("Snapshot not imported") : tr("Snapshot imported with warnings"));

    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(
        style()
            ->standardIcon(refused ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning,
                nullptr, this)
            .pixmap(iconSize));
    icon->setAlignment(Qt::AlignTop);

    auto *summary = new QLabel(this);
    summary->setObjectName(u"importErrorSummary"_s);
    summary->setWordWrap(true);
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const qsizetype problems = m_error.details.size();
    QString text = u"<b>"_s + m_error.message.toHtmlEscaped() + u"</b><br>"_s;
    if (!m_snapshotPath.isEmpty())
        text += tr("Snapshot: %1").arg(m_snapshotPath.toHtmlEscaped()) + u"<br>"_s;
    if (refused) {
        if (problems > 0)
            text += problems == 1 ? tr("1 problem found. ")
                                  : tr("%1 problems found. ").arg(QLocale().toString(problems));
        text += tr("Nothing was imported: the workbench still shows the previous snapshot.");
    } else {
        text += tr("Nothing blocking: the queue shows this snapshot. The lines below say "
                   "what was ignored or assumed.");
    }
    summary->setText(text);

    m_list->setObjectName(u"importErrorList"_s);
    m_list->setReadOnly(true);
    m_list->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_list->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_list->setPlainText(m_error.details.isEmpty() ? m_error.message : m_error.details.join(u'\n'));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(u"importErrorCopy"_s);
    copy->setToolTip(refused ? tr("Copy the summary and every problem to the clipboard")
                             : tr("Copy the summary and every warning to the clipboard"));
    connect(copy, &QPushButton::clicked, this, &ImportErrorDialog::copyToClipboard);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *header = new QHBoxLayout;
    header->addWidget(icon);
    header->addWidget(summary, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(760, 420);
}

QString ImportErrorDialog::reportText() const
{
    QStringList lines {m_error.message};
    if (!m_snapshotPath.isEmpty())
        lines << tr("Snapshot: %1").arg(m_snapshotPath);
    lines << m_error.details;
    return lines.join(u'\n');
}

void ImportErrorDialog::copyToClipboard()
{
    QApplication::clipboard()->setText(reportText());
}

} // namespace ui
