// The sign-in dialog on a real database: without accounts it creates the first admin
// (the two passwords must agree); with accounts it signs in, stays open with the
// reason on a wrong password, and yields the account's stored role.

#include "model/workbench.h"
#include "ui/users/signindialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSignInDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsTheFirstAdmin();
    void signsInWithTheStoredRole();

private:
    static void type(ui::SignInDialog &dialog, const char *field, const QString &text)
    {
        auto *edit = dialog.findChild<QLineEdit *>(QString::fromLatin1(field));
        QVERIFY(edit);
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    static void clickOk(ui::SignInDialog &dialog)
    {
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }
    static QLabel *errorLabel(ui::SignInDialog &dialog)
    {
        return dialog.findChild<QLabel *>(u"signInError"_s);
    }
};

void TestSignInDialog::createsTheFirstAdmin()
{
    QTemporaryDir dir;
    auto workbench = model::Workbench::open(dir.filePath(u"wb.db"_s));
    QVERIFY(workbench);
    ui::SignInDialog dialog((*workbench)->users(), QString());
    QVERIFY(dialog.createsFirstAdmin());
    QVERIFY(!dialog.findChild<QLabel *>(u"signInHint"_s));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.findChild<QLineEdit *>(u"signInRepeat"_s)->isVisible());
    QCOMPARE(dialog.findChild<QLineEdit *>(u"signInPassword"_s)->echoMode(), QLineEdit::Password);

    type(dialog, "signInName", u"root"_s);
    type(dialog, "signInPassword", u"correct horse"_s);
    type(dialog, "signInRepeat", u"correct hose"_s);
    clickOk(dialog);
    QVERIFY(dialog.isVisible());
    QVERIFY(errorLabel(dialog)->isVisible());
    QCOMPARE((*workbench)->users().hasAccounts(), false);

    type(dialog, "signInPassword", u"correct horse"_s);
    type(dialog, "signInRepeat", u"correct horse"_s);
    clickOk(dialog);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.user().name, u"root"_s);
    QCOMPARE(dialog.user().role, engine::Role::Admin);
    QCOMPARE((*workbench)->users().hasAccounts(), true);
}

void TestSignInDialog::signsInWithTheStoredRole()
{
    QTemporaryDir dir;
    auto workbench = model::Workbench::open(dir.filePath(u"wb.db"_s));
    QVERIFY(workbench);
    QVERIFY((*workbench)->users().addDemoAccounts());
    // The name is remembered; the password never is.
    ui::SignInDialog dialog((*workbench)->users(), u"manager"_s, u"Demo <b>accounts</b>"_s);
    QVERIFY(!dialog.createsFirstAdmin());
    // The hint (the demo's accounts) is shown as plain text; none is shown without one.
    auto *hint = dialog.findChild<QLabel *>(u"signInHint"_s);
    QVERIFY(hint);
    QCOMPARE(hint->textFormat(), Qt::PlainText);
    QCOMPARE(hint->text(), u"Demo <b>accounts</b>"_s);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.findChild<QLineEdit *>(u"signInRepeat"_s)->isVisible());
    QCOMPARE(dialog.findChild<QLineEdit *>(u"signInName"_s)->text(), u"manager"_s);

    type(dialog, "signInPassword", u"demo-planner"_s);
    clickOk(dialog);
    QVERIFY(dialog.isVisible());
    QVERIFY(errorLabel(dialog)->isVisible());
    QVERIFY(errorLabel(dialog)->text().contains(u"Sign-in failed"_s));
    QVERIFY(dialog.findChild<QLineEdit *>(u"signInPassword"_s)->text().isEmpty());

    type(dialog, "signInPassword", u"demo-manager"_s);
    clickOk(dialog);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.user().name, u"manager"_s);
    QCOMPARE(dialog.user().role, engine::Role::Manager);

    // The failed attempt is in the audit trail, which is still intact.
    auto check = (*workbench)->audit().verify();
    QVERIFY(check && check->intact);
    QCOMPARE(check->eventCount, 4); // three accounts added, one failed sign-in
}

QTEST_MAIN(TestSignInDialog)
#include "test_signindialog.moc"
