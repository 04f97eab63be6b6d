// The `pwb` command line. It links model and engine only, never the GUI, which keeps
// the core provably usable without a display.

#include "app/pwb/cli.h"
#include "app/pwb/output.h"

#include <QCoreApplication>
#include <QTextStream>

#include <csignal>
#include <cstdio>

namespace {

extern "C" void onInterrupt(int)
{
    // The first Ctrl+C stops the running import or score cleanly (nothing is
    // committed); a second one ends the process at once.
    pwb::requestCancel();
    std::signal(SIGINT, SIG_DFL);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
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
