#pragma once
// An exception's recommendations, best first, each as a card with its cost, benefit,
// feasibility, required role and Approve / Reject buttons.

#include "engine/scoring/scoringoutput.h"
#include "model/decisions/decision.h"

#include <QList>
#include <QWidget>

#include <vector>

QT_BEGIN_NAMESPACE
class QVBoxLayout;
class QLabel;
class QPushButton;
class QFrame;
QT_END_NAMESPACE

namespace ui {

class RowLookup;

/// One line naming what a recommendation does, e.g. "Transfer 40 units from DC-WEST (West DC)".
QString recommendationTitle(const engine::Recommendation &recommendation, const RowLookup &rows);

/// The second approval of a decided recommendation above the policy's
/// second_approval_above (maker and checker), as the card offers it.
struct SecondApproval {
    bool allowed = false; ///< the user at the window may give it
    QString why; ///< why not, when not allowed (the button's tooltip)
    QString checkedBy; ///< who gave it, once given
};

class RecommendationList : public QWidget
{
    Q_OBJECT

public:
    explicit RecommendationList(QWidget *parent = nullptr);

    /// `needDate` explains why an infeasible recommendation is not feasible.
    void setRecommendations(const std::vector<engine::Recommendation> &recommendations,
        const QString &currency, engine::Date needDate, const RowLookup &rows);
    /// Shows the standing decision on one recommendation (kind None clears it).
    /// `awaitingCheck`: an approval above the policy's second_approval_above that
    /// another user must approve too.
    void setDecision(
        model::Decision::Kind kind, int recommendationIndex, bool awaitingCheck = false);
    /// Whether the user at the window may give the second approval the decided
    /// recommendation awaits, and who gave it once given.
    void setSecondApproval(const SecondApproval &second);
    /// Hides the Approve / Reject buttons where no decision can be taken (what-if views).
    void setDecisionsEnabled(bool enabled);
    int count() const { return int(m_cards.size()); }

Q_SIGNALS:
    void approveRequested(int recommendationIndex);
    void rejectRequested(int recommendationIndex);
    /// Approve it at another quantity (the window asks which, and why).
    void overrideRequested(int recommendationIndex);
    /// Give the second approval the decided recommendation awaits.
    void secondApprovalRequested(int recommendationIndex);

private:
    struct Card {
        QFrame *frame = nullptr;
        QLabel *status = nullptr;
        QPushButton *approve = nullptr;
        QPushButton *reject = nullptr;
        QPushButton *override = nullptr;
        QPushButton *secondApproval = nullptr;
        bool feasible = true;
    };
    void updateButtons();

    QVBoxLayout *m_layout = nullptr;
    QLabel *m_empty = nullptr;
    QList<Card> m_cards;
    model::Decision::Kind m_decisionKind = model::Decision::None;
    int m_decisionIndex = -1;
    bool m_awaitingCheck = false;
    SecondApproval m_second;
    bool m_decisionsEnabled = true;
};

} // namespace ui
