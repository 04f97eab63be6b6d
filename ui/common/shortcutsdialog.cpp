#include "ui/common/shortcutsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui {

ShortcutsDialog::ShortcutsDialog(const QList<Entry> &entries, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"shortcutsDialog"_s);
    setWindowTitle(tr("Keyboard shortcuts"));

    auto *intro = new QLabel(
        tr("Triage keys work while the queue, the queue list or the detail panel has the "
           "focus, never while you type in a filter."),
        this);
    intro->setWordWrap(true);

    auto *tree = new QTreeWidget(this);
    tree->setObjectName(u"shortcutsList"_s);
    tree->setColumnCount(2);
    tree->setHeaderLabels({tr("Keys"), tr("Does")});
    tree->setRootIsDecorated(false);
    tree->setSelectionMode(QAbstractItemView::NoSelection);
    tree->setFocusPolicy(Qt::NoFocus);
    QTreeWidgetItem *group = nullptr;
    QFont groupFont = tree->font();
    groupFont.setBold(true);
    for (const Entry &entry : entries) {
        if (!group || group->text(0) != entry.group) {
            group = new QTreeWidgetItem(tree, {entry.group});
            group->setFirstColumnSpanned(true);
            group->setFont(0, groupFont);
            group->setFlags(Qt::ItemIsEnabled);
        }
        new QTreeWidgetItem(tree, {entry.keys, entry.description});
    }
    tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    tree->header()->setStretchLastSection(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(tree, 1);
    layout->addWidget(buttons);
    resize(560, 620);
}

QString ShortcutsDialog::keysText(const QList<QKeySequence> &sequences)
{
    QStringList parts;
    for (const QKeySequence &sequence : sequences) {
        if (!sequence.isEmpty())
            parts << sequence.toString(QKeySequence::NativeText);
    }
    return parts.join(u" / "_s);
}

} // namespace ui
