#include "ui/detail/recommendationlist.h"

#include "ui/common/format.h"
#include "ui/common/plaintext.h"
#include "ui/detail/rowlookup.h"

#include <QCoreApplication>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ui::RecommendationList", text);
}

QString orderLineList(const engine::Recommendation &r)
{
    QStringList lines;
    for (const auto &line : r.orderLines)
        lines.append(
            QString::fromStdString(line.orderId) + QLatin1Char('/') + QString::number(line.line));
    return lines.join(QStringLiteral(", "));
}

QLabel *wrappedLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

QString recommendationTitle(const engine::Recommendation &r, const RowLookup &rows)
{
    // "1 unit", "40 units", "2.5 units".
    const QString qty = r.qty == 1 ? tr("1 unit") : tr("%1 units").arg(formatQty(r.qty));
    const QString po
        = QString::fromStdString(r.poId) + QLatin1Char('/') + QString::number(r.poLine);
    switch (r.action) {
    case engine::Action::Transfer:
        if (!r.toLocationId.empty())
            return tr("Transfer %1 out to %2").arg(qty, rows.describeLocation(r.toLocationId));
        return tr("Transfer %1 in from %2").arg(qty, rows.describeLocation(r.fromLocationId));
    case engine::Action::Expedite:
        return tr("Expedite PO %1 (%2) to arrive %3").arg(po, qty, formatDate(r.newExpectedDate));
    case engine::Action::Purchase:
        if (!r.supplierId.empty())
            return tr("Purchase %1 from %2").arg(qty, rows.describeSupplier(r.supplierId));
        return tr("Purchase %1").arg(qty);
    case engine::Action::Substitute:
        return tr("Substitute %1 with %2").arg(qty, QString::fromStdString(r.substituteItemId));
    case engine::Action::NotifyCustomerService:
        if (!r.orderLines.empty())
            return tr("Notify customer service about %1").arg(orderLineList(r));
        return tr("Notify customer service");
    case engine::Action::SupplierFollowUp:
        return tr("Follow up with the supplier on PO %1").arg(po);
    case engine::Action::Allocate:
        if (!r.orderLines.empty())
            return tr("Allocate %1 to %2").arg(qty, orderLineList(r));
        return tr("Allocate %1").arg(qty);
    case engine::Action::ReturnToSupplier:
        if (!r.supplierId.empty())
            return tr("Return %1 to %2").arg(qty, rows.describeSupplier(r.supplierId));
        return tr("Return %1 to the supplier").arg(qty);
    case engine::Action::CycleCount:
        return tr("Count the stock on hand");
    }
    return actionLabel(r.action);
}

RecommendationList::RecommendationList(QWidget *parent)
    : QWidget(parent)
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(8);
    m_empty = wrappedLabel(tr("No action is recommended: nothing the workbench knows of can "
                              "reduce the cost of this exception."),
        this);
    m_empty->setObjectName(QStringLiteral("noRecommendationLabel"));
    m_layout->addWidget(m_empty);
}

void RecommendationList::setRecommendations(
    const std::vector<engine::Recommendation> &recommendations, const QString &currency,
    engine::Date needDate, const RowLookup &rows)
{
    for (const Card &card : std::as_const(m_cards))
        delete card.frame;
    m_cards.clear();
    m_decisionKind = model::Decision::None;
    m_decisionIndex = -1;
    m_second = {};
    m_empty->setVisible(recommendations.empty());

    for (int i = 0; i < int(recommendations.size()); ++i) {
        const engine::Recommendation &r = recommendations[std::size_t(i)];
        Card card;
        card.feasible = r.feasible || r.inPlan;
        card.frame = new QFrame(this);
        card.frame->setObjectName(QStringLiteral("recommendationCard_%1").arg(i));
        card.frame->setFrameShape(QFrame::StyledPanel);
        card.frame->setAutoFillBackground(true);
        const bool worthIt = r.feasible || r.inPlan;
        if (i == 0 && worthIt) {
            // The one to act on first stands out from the alternatives.
            QPalette palette = card.frame->palette();
            palette.setColor(QPalette::Window, QColor(0xee, 0xf7, 0xee));
            card.frame->setPalette(palette);
        }
        auto *box = new QVBoxLayout(card.frame);
        box->setContentsMargins(10, 8, 10, 8);
        box->setSpacing(4);

        auto *titleRow = new QHBoxLayout;
        auto *title = wrappedLabel(
            shownText(QString::number(i + 1) + QStringLiteral(". ") + recommendationTitle(r, rows)),
            card.frame);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        titleRow->addWidget(title, 1);
        auto *role = new QLabel(roleLabel(r.requiresRole), card.frame);
        role->setObjectName(QStringLiteral("roleLabel_%1").arg(i));
        role->setToolTip(r.requiresRole != engine::Role::Planner
                ? tr("Above the planner approval limit: a manager must approve")
                : tr("Within the planner approval limit"));
        role->setAlignment(Qt::AlignRight | Qt::AlignTop);
        titleRow->addWidget(role, 0, Qt::AlignTop);
        box->addLayout(titleRow);

        QStringList facts;
        if (r.arrivalDate != engine::kNoDate)
            facts.append(tr("arrives %1").arg(formatDate(r.arrivalDate)));
        facts.append(tr("cost %1").arg(formatMoney(r.cost, currency)));
        facts.append(tr("benefit %1").arg(formatMoney(r.benefit, currency)));
        facts.append(tr("net %1").arg(formatMoney(r.netBenefit(), currency)));
        QString factText = facts.join(QStringLiteral(" · "));
        factText[0] = factText[0].toUpper();
        auto *factLabel = wrappedLabel(factText, card.frame);
        factLabel->setObjectName(QStringLiteral("recommendationFacts_%1").arg(i));
        box->addWidget(factLabel);

        // An infeasible alternative stays compact: its sentence mostly repeats the facts
        // and the reason, so it moves to the tooltip.
        if (!r.text.empty() && worthIt) {
            auto *sentence = wrappedLabel(shownText(QString::fromStdString(r.text)), card.frame);
            sentence->setForegroundRole(QPalette::PlaceholderText);
            box->addWidget(sentence);
        } else if (!r.text.empty()) {
            card.frame->setToolTip(plainToolTip(QString::fromStdString(r.text)));
        }

        QLabel *why = nullptr;
        if (!r.feasible && r.inPlan) {
            why = wrappedLabel(
                tr("Arrives %1, after the need date %2: the lines it serves ship "
                   "late instead of later or never, so the item plan still "
                   "does it.")
                    .arg(formatDate(
                             r.arrivalDate != engine::kNoDate ? r.arrivalDate : r.newExpectedDate),
                        formatDate(needDate)),
                card.frame);
            why->setObjectName(QStringLiteral("lateReason_%1").arg(i));
        } else if (!r.feasible) {
            QString reason = r.arrivalDate != engine::kNoDate && needDate != engine::kNoDate
                ? tr("Not feasible: it would arrive %1, after the need date %2.")
                      .arg(formatDate(r.arrivalDate), formatDate(needDate))
                : tr("Not feasible: it cannot take effect by the need date %1.")
                      .arg(formatDate(needDate));
            why = wrappedLabel(reason, card.frame);
            why->setObjectName(QStringLiteral("infeasibleReason_%1").arg(i));
            // Greyed text, so the eye skips it, while the reason stays readable.
            title->setEnabled(false);
            factLabel->setEnabled(false);
            role->setEnabled(false);
        }

        auto *buttons = new QHBoxLayout;
        card.status = new QLabel(card.frame);
        card.status->setObjectName(QStringLiteral("decisionStatus_%1").arg(i));
        card.status->hide();
        buttons->addWidget(card.status);
        if (why)
            buttons->addWidget(why, 1);
        else
            buttons->addStretch(1);
        card.reject = new QPushButton(tr("Reject"), card.frame);
        card.reject->setObjectName(QStringLiteral("rejectButton_%1").arg(i));
        card.approve = new QPushButton(tr("Approve"), card.frame);
        card.approve->setObjectName(QStringLiteral("approveButton_%1").arg(i));
        card.override = new QPushButton(tr("Override…"), card.frame);
        card.override->setObjectName(QStringLiteral("overrideButton_%1").arg(i));
        card.override->setToolTip(tr("Approve another quantity, with the reason"));
        if (!card.feasible) {
            const QString tip = tr("Only a feasible recommendation can be decided on");
            card.approve->setToolTip(tip);
            card.reject->setToolTip(tip);
            card.override->setToolTip(tip);
        }
        card.secondApproval = new QPushButton(tr("Second approval"), card.frame);
        card.secondApproval->setObjectName(QStringLiteral("secondApprovalButton_%1").arg(i));
        buttons->addWidget(card.reject);
        buttons->addWidget(card.override);
        buttons->addWidget(card.approve);
        buttons->addWidget(card.secondApproval);
        box->addLayout(buttons);
        connect(
            card.approve, &QPushButton::clicked, this, [this, i] { Q_EMIT approveRequested(i); });
        connect(card.reject, &QPushButton::clicked, this, [this, i] { Q_EMIT rejectRequested(i); });
        connect(
            card.override, &QPushButton::clicked, this, [this, i] { Q_EMIT overrideRequested(i); });
        connect(card.secondApproval, &QPushButton::clicked, this,
            [this, i] { Q_EMIT secondApprovalRequested(i); });

        m_layout->addWidget(card.frame);
        m_cards.append(card);
    }
    updateButtons();
}

void RecommendationList::setDecision(
    model::Decision::Kind kind, int recommendationIndex, bool awaitingCheck)
{
    m_decisionKind = kind;
    m_awaitingCheck = awaitingCheck;
    m_decisionIndex = kind == model::Decision::None ? -1 : recommendationIndex;
    updateButtons();
}

void RecommendationList::setSecondApproval(const SecondApproval &second)
{
    m_second = second;
    updateButtons();
}

void RecommendationList::setDecisionsEnabled(bool enabled)
{
    m_decisionsEnabled = enabled;
    updateButtons();
}

void RecommendationList::updateButtons()
{
    for (int i = 0; i < int(m_cards.size()); ++i) {
        const Card &card = m_cards.at(i);
        const bool decided = i == m_decisionIndex;
        card.approve->setVisible(m_decisionsEnabled);
        card.reject->setVisible(m_decisionsEnabled);
        card.override->setVisible(m_decisionsEnabled);
        // A decided recommendation is changed through undo, so its buttons rest.
        card.approve->setEnabled(card.feasible && !decided);
        card.reject->setEnabled(card.feasible && !decided);
        card.override->setEnabled(card.feasible && !decided);
        // Maker and checker: the decided card offers the second approval it awaits.
        card.secondApproval->setVisible(m_decisionsEnabled && decided && m_awaitingCheck);
        card.secondApproval->setEnabled(m_second.allowed);
        card.secondApproval->setToolTip(m_second.allowed
                ? tr("Approve it as the second approver: it can then be exported")
                : m_second.why);
        card.status->setVisible(decided);
        if (decided) {
            const bool approved = m_decisionKind != model::Decision::Rejected;
            QString text = m_decisionKind == model::Decision::Overridden ? tr("✔ Overridden")
                : approved                                               ? tr("✔ Approved")
                                                                         : tr("✖ Rejected");
            if (m_awaitingCheck)
                text += tr(", awaiting a second approver");
            else if (!m_second.checkedBy.isEmpty())
                text += tr(", second approval by %1").arg(m_second.checkedBy);
            card.status->setText(text);
            QPalette palette = card.status->palette();
            palette.setColor(QPalette::WindowText,
                approved ? QColor(0x1e, 0x7b, 0x34)
                         : exceptionTypeColor(engine::ExceptionType::Shortage));
            card.status->setPalette(palette);
            QFont bold = card.status->font();
            bold.setBold(true);
            card.status->setFont(bold);
        }
    }
}

} // namespace ui
