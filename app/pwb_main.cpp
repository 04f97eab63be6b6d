// The `pwb` command line. It links model and engine, and the report layer for `pwb
// report` (QtGui, no widgets), never the window, which keeps the core provably usable
// without a display.

#include "app/pwb/cli.h"
#include "app/pwb/output.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>

namespace {

extern "C" void onInterrupt(int)
{
    // The first Ctrl+C stops the running import or score cleanly (nothing is
    // committed); a second one ends the process at once.
    pwb::requestCancel();
    std::signal(SIGINT, SIG_DFL);
}

QtMessageHandler g_defaultHandler = nullptr;

/// Qt's offscreen platform looks for a runtime folder it does not need here and warns
/// when XDG_RUNTIME_DIR is unset, as it is under cron or a service manager: a line on
/// stderr that would make every nightly `pwb report` look like a failure.
void quietRuntimeDirWarning(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (type == QtWarningMsg && text.startsWith(u"QStandardPaths: XDG_RUNTIME_DIR not set"))
        return;
    if (g_defaultHandler)
        g_defaultHandler(type, context, text);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, text)));
}

} // namespace

int main(int argc, char *argv[])
{
    // Drawing the PDF of `pwb report` needs fonts, so a QGuiApplication; on the
    // offscreen platform, so that it runs where no display is (a server, cron, CI).
    // Every other command keeps the plain core application.
    std::unique_ptr<QCoreApplication> app;
    if (argc > 1 && std::strcmp(argv[1], "report") == 0) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        g_defaultHandler = qInstallMessageHandler(quietRuntimeDirWarning);
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("pwb"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PWB_VERSION));
    std::signal(SIGINT, onInterrupt);

    QTextStream out(stdout);
    QTextStream err(stderr);
    pwb::Cli cli(out, err);
    const int code = cli.run(QCoreApplication::arguments());
    out.flush();
    err.flush();
    return code;
}
