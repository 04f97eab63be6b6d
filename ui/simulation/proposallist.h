#pragma once
// The Network proposals queue: the open transfers that scenarios' plans proposed
// (model/scenarios/proposal.h), each approved or rejected through the decisions' own
// path (DecisionStore::decideProposal: approval limits, second approver, audit trail,
// planned supply, export), and taken back with DecisionStore::undo until exported.
// Shown under the main window's work queues and in the Simulation window. Reads and
// writes through connections of its own, opened per step.

#include "model/users/user.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace ui {

class ProposalList : public QWidget
{
    Q_OBJECT

public:
    /// The scenario comes last: in the main window's narrow pane what is cut off is its
    /// name (also in every cell's tip), not the money or the decision.
    enum Column {
        Id,
        Item,
        From,
        To,
        Qty,
        Arrives,
        Cost,
        ValueCovered,
        LatenessAvoided,
        Decision,
        Scenario,
        ColumnCount
    };

    explicit ProposalList(QWidget *parent = nullptr);

    /// Shows the open proposals of the database at `databasePath` (empty: none), for
    /// `user` to decide.
    void load(const QString &databasePath, const model::User &user);
    /// Reads the proposals again.
    void refresh();
    /// What to say when no proposal is open (by default: where supply teams propose).
    void setEmptyText(const QString &text);
    /// Transfers of open proposals no one has decided yet.
    int undecidedCount() const { return m_undecided; }
    QTableWidget *table() const { return m_table; }
    /// Approves (or rejects) the selected transfers, one by one.
    void decideSelected(bool approve);
    /// Takes back the decisions on the selected transfers (until they are exported).
    void undoSelected();

Q_SIGNALS:
    /// What a step did or why it was refused, for the status line.
    void message(const QString &text);
    /// The proposals were read again (after a decision, a refresh).
    void changed();

private:
    QString m_databasePath;
    model::User m_user;
    int m_undecided = 0;
    QString m_emptyText;
    QLabel *m_empty = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_approve = nullptr, *m_reject = nullptr, *m_undo = nullptr;
};

} // namespace ui
