#include "importerrordialog.h"

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
    setObjectName(u"importErrorDialog"_s);
    setWindowTitle(tr("Snapshot not imported"));

    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxCritical, nullptr, this).pixmap(iconSize));
    icon->setAlignment(Qt::AlignTop);

    auto *summary = new QLabel(this);
    summary->setObjectName(u"importErrorSummary"_s);
    summary->setWordWrap(true);
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const qsizetype problems = error.details.size();
    QString text = u"<b>"_s + error.message.toHtmlEscaped() + u"</b><br>"_s;
    if (!snapshotPath.isEmpty())
        text += tr("Snapshot: %1").arg(snapshotPath.toHtmlEscaped()) + u"<br>"_s;
    if (problems > 0)
        text += problems == 1 ? tr("1 problem found. ")
                              : tr("%1 problems found. ").arg(QLocale().toString(problems));
    text += tr("Nothing was imported: the workbench still shows the previous snapshot.");
    summary->setText(text);

    m_list->setObjectName(u"importErrorList"_s);
    m_list->setReadOnly(true);
    m_list->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_list->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_list->setPlainText(error.details.isEmpty() ? error.message : error.details.join(u'\n'));
    m_list->setVisible(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(u"importErrorCopy"_s);
    copy->setToolTip(tr("Copy the summary and every problem to the clipboard"));
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
