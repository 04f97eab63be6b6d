#include "ui/simulation/proposallist.h"

#include "model/workbench.h"
#include "ui/common/format.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui {

ProposalList::ProposalList(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"proposalList"_s);
    m_emptyText = tr("No open network proposal. A supply team proposes a scenario's transfers "
                     "from View > Simulation (Ctrl+Shift+N).");
    m_empty = new QLabel(this);
    m_empty->setObjectName(u"proposalEmptyState"_s);
    m_empty->setWordWrap(true);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(u"proposalTable"_s);
    m_table->setHorizontalHeaderLabels(
        {tr("Id"), tr("Item"), tr("From"), tr("To"), tr("Qty"), tr("Arrives"), tr("Cost"),
            tr("Value on time"), tr("Lateness avoided"), tr("Decision"), tr("Scenario")});
    m_table->horizontalHeaderItem(Cost)->setToolTip(
        tr("What moving the units costs: the lanes' cost per unit, a shipment's fixed cost "
           "spread in"));
    m_table->horizontalHeaderItem(ValueCovered)
        ->setToolTip(
            tr("The value of the destination's order lines the plan serves on time (what they "
               "would cost unserved), shared among the item's transfers there by quantity"));
    m_table->horizontalHeaderItem(LatenessAvoided)
        ->setToolTip(
            tr("Of the destination's order lines the plan serves late: what they would cost "
               "unserved less the lateness they still cost, shared the same way. A transfer that "
               "only shortens lateness shows its benefit here"));
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_approve = new QPushButton(tr("Approve selected"), this);
    m_approve->setObjectName(u"approveProposal"_s);
    m_reject = new QPushButton(tr("Reject selected"), this);
    m_reject->setObjectName(u"rejectProposal"_s);
    m_undo = new QPushButton(tr("Undo decision"), this);
    m_undo->setObjectName(u"undoProposalDecision"_s);
    m_undo->setToolTip(tr("Take back the decision on the selected transfers, until exported"));
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_approve);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_undo);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_table, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_empty);
    layout->addLayout(row, 1);
    connect(m_approve, &QPushButton::clicked, this, [this] { decideSelected(true); });
    connect(m_reject, &QPushButton::clicked, this, [this] { decideSelected(false); });
    connect(m_undo, &QPushButton::clicked, this, &ProposalList::undoSelected);
}

void ProposalList::load(const QString &databasePath, const model::User &user)
{
    m_databasePath = databasePath;
    m_user = user;
    refresh();
}

void ProposalList::setEmptyText(const QString &text)
{
    m_emptyText = text;
    if (m_table->rowCount() == 0)
        m_empty->setText(text);
}

void ProposalList::refresh()
{
    m_table->setRowCount(0);
    m_undecided = 0;
    QString currency;
    std::vector<model::Proposal> open;
    if (!m_databasePath.isEmpty()) {
        auto workbench = model::Workbench::openAs(m_databasePath, model::OpenMode::ReadOnly);
        if (workbench) {
            if (auto current = (*workbench)->snapshots().current(); current && *current)
                currency = (*current)->currency;
            if (auto read = (*workbench)->scenarios().proposals(true))
                open = std::move(*read);
        }
    }
    for (const model::Proposal &p : open) {
        for (const model::ProposedTransfer &t : p.transfers) {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            m_undecided += t.decision.isEmpty() ? 1 : 0;
            const QStringList values {t.exceptionId(), t.itemId, t.fromLocationId, t.toLocationId,
                formatQty(t.qty), formatDate(t.arrivalDate), formatMoney(t.cost, currency),
                formatMoney(t.valueCovered, currency), formatMoney(t.latenessAvoided, currency),
                t.decision.isEmpty() ? tr("to decide")
                                     : t.decision + tr(" by ") + t.decidedBy
                        + (t.exported ? tr(", exported") : QString()),
                p.scenarioName};
            for (int c = 0; c < values.size(); ++c) {
                auto *item = new QTableWidgetItem(values[c]);
                if (c == Qty || c == Cost || c == ValueCovered || c == LatenessAvoided)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                item->setToolTip(tr("Proposed by %1 at %2 from scenario \"%3\"")
                                     .arg(p.author, p.proposedAt, p.scenarioName));
                if (c == Id)
                    item->setData(Qt::UserRole, t.decisionId);
                m_table->setItem(row, c, item);
            }
        }
    }
    m_empty->setText(m_table->rowCount() > 0
            ? tr("Transfers a scenario's network plan proposes. Approve or reject them as any "
                 "recommendation: the same approval limits, second approver, audit trail and "
                 "export apply.")
            : m_emptyText);
    // The table and its buttons only when there is something to decide.
    const bool any = m_table->rowCount() > 0;
    m_table->setVisible(any);
    m_approve->setVisible(any);
    m_reject->setVisible(any);
    m_undo->setVisible(any);
    m_approve->setEnabled(any);
    m_reject->setEnabled(any);
    m_undo->setEnabled(any);
    Q_EMIT changed();
}

void ProposalList::decideSelected(bool approve)
{
    if (m_databasePath.isEmpty())
        return;
    auto workbench = model::Workbench::openAs(m_databasePath, model::OpenMode::Existing);
    if (!workbench) {
        Q_EMIT message(tr("Not decided: %1").arg(workbench.error().message));
        return;
    }
    QStringList done, refused;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        const QString id = m_table->item(index.row(), Id)->text();
        auto d = (*workbench)
                     ->decisions()
                     .decideProposal(id,
                         approve ? model::Decision::Approved : model::Decision::Rejected, m_user);
        if (d)
            done << id + (d->awaitingCheck() ? tr(" (awaits a second approver)") : QString());
        else
            refused << id + u": "_s + d.error().message;
    }
    if (done.isEmpty() && refused.isEmpty()) {
        Q_EMIT message(tr("Select the proposed transfers to decide first."));
        return;
    }
    Q_EMIT message(
        (done.isEmpty()
                ? QString()
                : (approve ? tr("Approved %1.") : tr("Rejected %1.")).arg(done.join(u", "_s)))
        + (refused.isEmpty() ? QString() : u' ' + tr("Refused: %1").arg(refused.join(u"; "_s))));
    refresh();
}

void ProposalList::undoSelected()
{
    if (m_databasePath.isEmpty())
        return;
    auto workbench = model::Workbench::openAs(m_databasePath, model::OpenMode::Existing);
    if (!workbench) {
        Q_EMIT message(tr("Not undone: %1").arg(workbench.error().message));
        return;
    }
    QStringList done, refused;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        const QTableWidgetItem *item = m_table->item(index.row(), Id);
        const qint64 decision = item->data(Qt::UserRole).toLongLong();
        if (decision <= 0)
            continue; // nothing decided yet
        if (auto ok = (*workbench)->decisions().undo(decision, m_user))
            done << item->text();
        else
            refused << item->text() + u": "_s + ok.error().message;
    }
    Q_EMIT message(done.isEmpty() && refused.isEmpty()
            ? tr("Select decided transfers to take their decision back.")
            : (done.isEmpty() ? QString() : tr("Undone: %1.").arg(done.join(u", "_s)))
                + (refused.isEmpty() ? QString()
                                     : u' ' + tr("Refused: %1").arg(refused.join(u"; "_s))));
    refresh();
}

} // namespace ui
