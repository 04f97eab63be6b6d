#include "ui/decisions/overridedialog.h"

#include "model/decisions/decision.h"
#include "ui/common/format.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace ui {

OverrideDialog::OverrideDialog(const QString &what, double recommendedQty, QWidget *parent)
    : QDialog(parent)
    , m_recommended(recommendedQty)
{
    setObjectName(QStringLiteral("overrideDialog"));
    setWindowTitle(tr("Override the recommendation"));
    auto *layout = new QVBoxLayout(this);
    auto *intro
        = new QLabel(tr("%1\nApprove another quantity instead, and say why.").arg(what), this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_quantity = new QDoubleSpinBox(this);
    m_quantity->setObjectName(QStringLiteral("overrideQuantity"));
    m_quantity->setRange(0, 1e9);
    // Whole units unless the recommendation itself is in fractions (kilograms).
    m_quantity->setDecimals(recommendedQty == std::floor(recommendedQty) ? 0 : 3);
    m_quantity->setValue(recommendedQty);
    form->addRow(tr("&Quantity (recommended %1):").arg(formatQty(recommendedQty)), m_quantity);
    m_reason = new QComboBox(this);
    m_reason->setObjectName(QStringLiteral("overrideReason"));
    m_reason->addItem(tr("Choose a reason…"), QString());
    for (const model::ReasonCode &r : model::reasonCodes())
        m_reason->addItem(tr(r.label), QString::fromLatin1(r.code));
    form->addRow(tr("&Reason:"), m_reason);
    m_comment = new QLineEdit(this);
    m_comment->setObjectName(QStringLiteral("overrideComment"));
    m_comment->setPlaceholderText(tr("What a manager reviewing this should know"));
    form->addRow(tr("&Comment:"), m_comment);
    layout->addLayout(form);

    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("overrideHint"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Approve override"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_quantity, &QDoubleSpinBox::valueChanged, this, &OverrideDialog::updateOk);
    connect(m_reason, &QComboBox::currentIndexChanged, this, &OverrideDialog::updateOk);
    updateOk();
}

OverrideDetails OverrideDialog::details() const
{
    return {m_quantity->value(), m_reason->currentData().toString(), m_comment->text().trimmed()};
}

void OverrideDialog::setQuantity(double quantity)
{
    m_quantity->setValue(quantity);
}

void OverrideDialog::setReason(const QString &code)
{
    const int index = m_reason->findData(code);
    if (index >= 0)
        m_reason->setCurrentIndex(index);
}

void OverrideDialog::setComment(const QString &comment)
{
    m_comment->setText(comment);
}

bool OverrideDialog::canAccept() const
{
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

void OverrideDialog::updateOk()
{
    const double q = m_quantity->value();
    QString hint;
    if (!(q > 0))
        hint = tr("To turn the action down, reject it instead.");
    else if (std::abs(q - m_recommended) < 1e-9)
        hint = tr("That is the recommended quantity: approve it instead.");
    else if (m_reason->currentData().toString().isEmpty())
        hint = tr("Choose why: managers review overrides by reason.");
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(hint.isEmpty());
}

} // namespace ui
