#include "ui/users/signindialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

/// The password's bytes, and the field cleared: nothing of it stays in the dialog.
QByteArray takePassword(QLineEdit *field)
{
    QByteArray bytes = field->text().toUtf8();
    field->clear();
    return bytes;
}

void wipe(QByteArray &bytes)
{
    bytes.fill('\0');
    bytes.clear();
}

} // namespace

SignInDialog::SignInDialog(
    model::UserStore &users, const QString &name, const QString &hint, QWidget *parent)
    : QDialog(parent)
    , m_users(users)
    , m_name(new QLineEdit(name, this))
    , m_password(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    setObjectName(u"signInDialog"_s);
    auto any = m_users.hasAccounts();
    m_createFirst = any && !*any;
    setWindowTitle(m_createFirst ? tr("Create the first admin") : tr("Sign in"));

    m_name->setObjectName(u"signInName"_s);
    m_password->setObjectName(u"signInPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setObjectName(u"signInRepeat"_s);
    m_repeat->setEchoMode(QLineEdit::Password);
    m_error->setObjectName(u"signInError"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: palette(link);"_s);
    m_error->hide();

    auto *intro = new QLabel(m_createFirst
            ? tr("This database has no accounts yet. Create the first one: an admin, who can "
                 "then add planners and managers with 'pwb user add'.")
            : tr("Who is working? Decisions are recorded under this name."),
        this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Password:"), m_password);
    if (m_createFirst)
        form->addRow(tr("&Repeat it:"), m_repeat);
    else
        m_repeat->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)
        ->setText(m_createFirst ? tr("Create and sign in") : tr("Sign in"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    if (!hint.isEmpty()) {
        auto *hintLabel = new QLabel(hint, this);
        hintLabel->setObjectName(u"signInHint"_s);
        hintLabel->setTextFormat(Qt::PlainText);
        hintLabel->setWordWrap(true);
        layout->addWidget(hintLabel);
    }
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    if (any)
        (name.isEmpty() ? m_name : m_password)->setFocus();
    else
        fail(any.error().message);
}

void SignInDialog::fail(const QString &message)
{
    m_error->setText(message);
    m_error->show();
    m_password->setFocus();
}

void SignInDialog::accept()
{
    const QString name = m_name->text().trimmed();
    QByteArray password = takePassword(m_password);
    if (m_createFirst) {
        QByteArray repeat = takePassword(m_repeat);
        const bool same = repeat == password;
        wipe(repeat);
        if (!same) {
            wipe(password);
            fail(tr("The two passwords differ."));
            return;
        }
        auto created = m_users.addFirst(name, engine::Role::Admin, password);
        wipe(password);
        if (!created) {
            fail(created.error().message);
            return;
        }
        m_user = model::User {created->name, created->role};
        QDialog::accept();
        return;
    }
    auto user = m_users.signIn(name, password);
    wipe(password);
    if (!user) {
        fail(user.error().message);
        return;
    }
    m_user = *user;
    QDialog::accept();
}

} // namespace ui
