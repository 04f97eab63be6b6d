#include "ui/queues/filterbar.h"

#include <QCollator>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui {

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLineEdit(this))
    , m_location(new QComboBox(this))
    , m_supplier(new QComboBox(this))
    , m_tier(new QComboBox(this))
    , m_abc(new QComboBox(this))
    , m_decision(new QComboBox(this))
    , m_minScore(new QDoubleSpinBox(this))
    , m_clear(new QToolButton(this))
{
    setObjectName(u"filterBar"_s);
    m_text->setObjectName(u"filterText"_s);
    m_text->setPlaceholderText(tr("Filter by item, description or location  ( / )"));
    m_text->setClearButtonEnabled(true);
    m_text->setMinimumWidth(220);
    m_text->installEventFilter(this);

    m_location->setObjectName(u"filterLocation"_s);
    m_location->setToolTip(tr("Only exceptions at this location"));
    m_supplier->setObjectName(u"filterSupplier"_s);
    m_supplier->setToolTip(tr("Only exceptions whose SKU-location is supplied by this supplier"));
    for (QComboBox *combo : {m_location, m_supplier}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(12);
        combo->setMaxVisibleItems(20);
    }
    setChoice(m_location, tr("All locations"), {}, {});
    setChoice(m_supplier, tr("All suppliers"), {}, {});

    m_tier->setObjectName(u"filterTier"_s);
    m_tier->setToolTip(tr("The most important customer tier among the orders at stake"));
    m_tier->addItem(tr("Any customer tier"), 0);
    for (int tier = 1; tier <= 3; ++tier)
        m_tier->addItem(tr("Tier %1 customers").arg(tier), tier);

    m_abc->setObjectName(u"filterAbc"_s);
    m_abc->setToolTip(tr("ABC class of the item"));
    m_abc->addItem(tr("Any ABC class"), 0);
    for (const char abc : {'A', 'B', 'C'})
        m_abc->addItem(tr("Class %1").arg(QLatin1Char(abc)), int(abc));

    m_decision->setObjectName(u"filterDecision"_s);
    m_decision->setToolTip(tr("Only exceptions whose standing decision is of this kind. "
                              "\"Approved by rule\" lists what the policy's auto-approve "
                              "rules approved, reversible until exported"));
    m_decision->addItem(tr("Any decision"), int(DecisionView::Any));
    m_decision->addItem(tr("Not decided"), int(DecisionView::Undecided));
    m_decision->addItem(tr("Approved by a planner"), int(DecisionView::Approved));
    m_decision->addItem(tr("Approved by rule"), int(DecisionView::ByRule));
    m_decision->addItem(tr("Rejected"), int(DecisionView::Rejected));
    m_decision->addItem(tr("Overridden"), int(DecisionView::Overridden));

    m_minScore->setObjectName(u"filterMinScore"_s);
    m_minScore->setToolTip(tr("Hide exceptions whose score is below this amount"));
    m_minScore->setRange(0, 1e12);
    m_minScore->setDecimals(0);
    m_minScore->setSingleStep(100);
    m_minScore->setGroupSeparatorShown(true);
    m_minScore->setSpecialValueText(tr("Any score"));
    m_minScore->setAccelerated(true);
    m_minScore->setKeyboardTracking(false);

    m_clear->setObjectName(u"filterClear"_s);
    m_clear->setText(tr("Clear filters"));
    m_clear->setToolTip(tr("Show every exception of the queue"));
    m_clear->setAutoRaise(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_text, 3);
    layout->addWidget(m_location, 1);
    layout->addWidget(m_supplier, 1);
    layout->addWidget(m_tier);
    layout->addWidget(m_abc);
    layout->addWidget(m_decision);
    auto *minLabel = new QLabel(tr("Min. score"), this);
    minLabel->setBuddy(m_minScore);
    layout->addWidget(minLabel);
    layout->addWidget(m_minScore);
    layout->addWidget(m_clear);

    m_textDelay.setSingleShot(true);
    m_textDelay.setInterval(150);
    connect(&m_textDelay, &QTimer::timeout, this, &FilterBar::emitChanged);
    connect(m_text, &QLineEdit::textChanged, this, [this] {
        if (!m_silent)
            m_textDelay.start();
    });
    for (QComboBox *combo : {m_location, m_supplier, m_tier, m_abc, m_decision})
        connect(combo, &QComboBox::currentIndexChanged, this, &FilterBar::emitChanged);
    connect(m_minScore, &QDoubleSpinBox::valueChanged, this, &FilterBar::emitChanged);
    connect(m_clear, &QToolButton::clicked, this, &FilterBar::clearFilters);
}

void FilterBar::setChoice(
    QComboBox *combo, const QString &anyLabel, const QStringList &ids, const QString &current)
{
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(anyLabel, QString());
    QStringList sorted = ids;
    QCollator collator;
    collator.setNumericMode(true);
    std::sort(sorted.begin(), sorted.end(), collator);
    for (const QString &id : std::as_const(sorted))
        combo->addItem(id, id);
    if (!current.isEmpty() && combo->findData(current) < 0)
        combo->addItem(current, current);
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
}

void FilterBar::setChoices(
    const QStringList &locationIds, const QStringList &supplierIds, const QString &currency)
{
    setChoice(m_location, tr("All locations"), locationIds, m_location->currentData().toString());
    setChoice(m_supplier, tr("All suppliers"), supplierIds, m_supplier->currentData().toString());
    m_minScore->setPrefix(currency.isEmpty() ? QString() : currency + u' ');
}

QueueCriteria FilterBar::criteria() const
{
    QueueCriteria criteria;
    criteria.text = m_text->text().trimmed();
    criteria.locationId = m_location->currentData().toString();
    criteria.supplierId = m_supplier->currentData().toString();
    criteria.tier = m_tier->currentData().toInt();
    criteria.abcClass = char(m_abc->currentData().toInt());
    criteria.minScore = m_minScore->value();
    criteria.decision = DecisionView(m_decision->currentData().toInt());
    return criteria;
}

void FilterBar::setCriteria(const QueueCriteria &criteria)
{
    m_silent = true;
    const QSignalBlocker blockMin(m_minScore);
    m_text->setText(criteria.text);
    auto pick = [](QComboBox *combo, const QVariant &value) {
        const QSignalBlocker blocker(combo);
        int i = combo->findData(value);
        if (i < 0 && value.typeId() == QMetaType::QString && !value.toString().isEmpty()) {
            combo->addItem(value.toString(), value);
            i = combo->count() - 1;
        }
        combo->setCurrentIndex(std::max(0, i));
    };
    pick(m_location, criteria.locationId);
    pick(m_supplier, criteria.supplierId);
    pick(m_tier, criteria.tier);
    pick(m_abc, int(criteria.abcClass));
    pick(m_decision, int(criteria.decision));
    m_minScore->setValue(criteria.minScore);
    m_silent = false;
}

void FilterBar::clearFilters()
{
    QueueCriteria none;
    setCriteria(none);
    m_textDelay.stop();
    emitChanged();
}

void FilterBar::showDecisions(DecisionView view)
{
    const int index = m_decision->findData(int(view));
    if (index == m_decision->currentIndex())
        return;
    m_decision->setCurrentIndex(std::max(0, index)); // emits criteriaChanged
}

void FilterBar::focusText()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

void FilterBar::emitChanged()
{
    if (m_silent)
        return;
    m_textDelay.stop();
    Q_EMIT criteriaChanged();
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_text && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            Q_EMIT leaveRequested();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            // Apply at once rather than waiting for the typing pause.
            emitChanged();
            Q_EMIT leaveRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ui
