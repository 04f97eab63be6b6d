#pragma once
// Approving a recommendation at another quantity: the quantity, the reason from the
// fixed list (so managers can count overrides by reason) and a comment.

#include "ui/decisions/decisioncommands.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace ui {

class OverrideDialog : public QDialog
{
    Q_OBJECT

public:
    /// For a recommendation of `recommendedQty` units described by `what` (one line).
    OverrideDialog(const QString &what, double recommendedQty, QWidget *parent = nullptr);

    /// The override as entered (valid once the dialog was accepted).
    OverrideDetails details() const;

    void setQuantity(double quantity);
    void setReason(const QString &code);
    void setComment(const QString &comment);
    /// Whether OK may be pressed: another quantity than recommended, and a reason.
    bool canAccept() const;

private:
    void updateOk();

    double m_recommended = 0;
    QDoubleSpinBox *m_quantity = nullptr;
    QComboBox *m_reason = nullptr;
    QLineEdit *m_comment = nullptr;
    QLabel *m_hint = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace ui
