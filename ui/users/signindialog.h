#pragma once
// Who is working: the dialog the workbench shows at start. On a database with
// accounts it signs a person in; on one without, it creates the first admin. The
// password is checked by the model (model/users/userstore.h) and never kept.

#include "model/users/user.h"
#include "model/users/userstore.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace ui {

class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    /// `users` must outlive the dialog; `name` is filled in (the last one who signed in).
    /// `hint`, when given, is shown under the question as plain text (the demo's
    /// accounts on its first start).
    SignInDialog(model::UserStore &users, const QString &name, const QString &hint = {},
        QWidget *parent = nullptr);

    /// Whether the dialog creates the first admin instead of signing in.
    bool createsFirstAdmin() const { return m_createFirst; }
    /// The signed-in user, once accepted.
    const model::User &user() const { return m_user; }

public Q_SLOTS:
    /// Checks the password (or creates the first admin); stays open with the reason
    /// when that fails.
    void accept() override;

private:
    void fail(const QString &message);

    model::UserStore &m_users;
    bool m_createFirst = false;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLabel *m_error;
    model::User m_user;
};

} // namespace ui
