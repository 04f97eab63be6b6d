// The workbench GUI: composition root only. Opens the planner's database (the default
// one under the user's application data unless --db names another), asks who is
// working (the sign-in dialog, or the first admin of a database without accounts) and
// shows the main window on it with that user; a first start of the default database
// creates the demo accounts and imports the bundled demo snapshot.

#include "buildinfo.h"
#include "model/users/user.h"
#include "model/workbench.h"
#include "ui/common/appsettings.h"
#include "ui/shell/mainwindow.h"
#include "ui/users/signindialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTimer>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // pwb_resources is a static library: its resources need registering by hand.
    Q_INIT_RESOURCE(resources);

    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"PlannerWorkbench"_s);
    QApplication::setOrganizationDomain(u"plannerworkbench.github.io"_s);
    QApplication::setApplicationName(u"planner-workbench"_s);
    QApplication::setApplicationDisplayName(u"Planner Workbench"_s);
    QApplication::setApplicationVersion(QStringLiteral(PWB_VERSION));
    // Help > About names the commit the build was made from.
    app.setProperty("buildCommit", QStringLiteral(PWB_COMMIT));
    QApplication::setDesktopFileName(u"io.github.plannerworkbench.PlannerWorkbench"_s);
    // Fusion looks the same on every desktop, which keeps screenshots and the user
    // guide honest.
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    // Without a configured locale Qt falls back to "C", which drops thousands
    // separators: a money column without them is hard to read.
    if (QLocale::system().language() == QLocale::C)
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Ranks inventory exceptions by business impact and lets planners decide on them."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(u"db"_s,
        u"Workbench database to open (created when missing). Default: workbench.sqlite in the "
        "application data folder."_s,
        u"FILE"_s);
    parser.addOption(dbOption);
    parser.process(app);

    QString database = parser.value(dbOption);
    const bool isDefault = database.isEmpty();
    if (isDefault) {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(folder);
        database = QDir(folder).filePath(u"workbench.sqlite"_s);
    }

    ui::AppSettings settings;
    // Nobody is signed in yet: decisions are refused until the dialog below names
    // someone.
    ui::MainWindow window(&settings, model::User {}, &model::Workbench::open);
    window.show();

    // After show(), so the window is there to parent the dialogs.
    QTimer::singleShot(0, &window, [&window, &settings, database, isDefault] {
        auto opened = model::Workbench::open(database);
        if (!opened) {
            QMessageBox *box = new QMessageBox(QMessageBox::Critical,
                QApplication::translate("main", "Cannot open the database"), opened.error().message,
                QMessageBox::Close, &window);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            return;
        }
        // Only the default database gets the demo: a database the user named is theirs.
        auto current = (*opened)->snapshots().current();
        const bool empty = current && !current->has_value();
        if (isDefault && empty) {
            // The demo's accounts (README.md), so the demo can be tried in every role.
            if (auto ok = (*opened)->users().addDemoAccounts(); !ok)
                qWarning("Cannot create the demo accounts: %s", qUtf8Printable(ok.error().message));
            // The demo's policy approves small transfers by itself (auto_approve), so
            // the demo shows what automation looks like.
            auto policy = model::loadPolicy(u":/policy/demo-policy.json"_s);
            if (auto ok = policy ? (*opened)->policies().installDemo(*policy)
                                 : model::Result<void>(std::unexpected(policy.error()));
                !ok)
                qWarning("Cannot install the demo policy: %s", qUtf8Printable(ok.error().message));
        }
        // Held by the dialog's connection until someone signs in; the window owns it then.
        auto held = std::make_shared<std::unique_ptr<model::Workbench>>(std::move(*opened));
        QString name = settings.lastUserName();
        if (name.isEmpty() && isDefault && empty)
            name = u"planner"_s;
        // The demo's first start says which accounts it made (they are in the README too).
        const QString hint = isDefault && empty ? QApplication::translate("main",
                                 "Demo accounts, for the demo only:\nplanner / demo-planner\n"
                                 "manager / demo-manager\nadmin / demo-admin")
                                                : QString();
        auto *dialog = new ui::SignInDialog((*held)->users(), name, hint, &window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &QDialog::rejected, &window, [] { QApplication::quit(); });
        QObject::connect(dialog, &QDialog::accepted, &window,
            [&window, &settings, dialog, held, isDefault, empty] {
                // The dialog had the keyboard; without a window manager (a kiosk, a
                // bare X server) nobody hands it back, the keys of the window's menus
                // (Ctrl+Shift+K...) go nowhere, and the first window opened from them
                // never appears. A window manager would do the same as this.
                window.activateWindow();
                settings.setLastUserName(dialog->user().name);
                window.setUser(dialog->user());
                if (auto shown = window.setWorkbench(std::move(*held)); !shown)
                    return;
                if (isDefault && empty)
                    window.importBundledDemo();
            });
        dialog->open();
    });
    return QApplication::exec();
}
