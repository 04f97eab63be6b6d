#include "cli.h"
#include "buildinfo.h"

#include "commands/commands.h"

#include "engine/scoring/scoringoutput.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

const QString kHelpHint = u"Run 'pwb --help' for the list of commands."_s;

} // namespace

Cli::Cli(QTextStream &out, QTextStream &err)
    : m_output(out, err)
{ }

void Cli::printHelp() const
{
    QTextStream &out = m_output.out();
    out << "pwb - the planner workbench on the command line: import ERP snapshots, rank\n"
           "inventory exceptions by business impact and explain them.\n\n"
           "Usage: pwb COMMAND [options]\n\nCommands:\n";
    for (const Command &command : commands())
        out << "  " << command.name.leftJustified(10) << command.summary << '\n';
    out << "\nOptions:\n"
           "  -h, --help    Show this help; 'pwb COMMAND --help' shows a command's options.\n"
           "  --version     Show the version.\n\n"
           "Exit codes: 0 ok, 1 usage error, 2 bad input (the snapshot, policy or an id),\n"
           "3 other failure (files, database), 4 not allowed (sign-in failed, or the role\n"
           "does not allow it).\n";
}

int Cli::run(const QStringList &arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty())
        return m_output.usageError(u"pwb"_s, u"no command given"_s, kHelpHint);
    const QString &first = args.first();
    if (first == u"-h"_s || first == u"--help"_s || first == u"help"_s) {
        if (args.size() > 1) {
            if (const Command *command = findCommand(args.at(1))) {
                printCommandHelp(*command, Options(command->options), m_output.out());
                return ExitOk;
            }
            return m_output.usageError(
                u"pwb"_s, u"unknown command '"_s + args.at(1) + u'\'', kHelpHint);
        }
        printHelp();
        return ExitOk;
    }
    if (first == u"--version"_s || first == u"-v"_s) {
        m_output.out() << "pwb " << QCoreApplication::applicationVersion() << " (scoring "
                       << engine::kScoringVersion << ", commit " << PWB_COMMIT << ")\n";
        return ExitOk;
    }
    if (first.startsWith(u'-'))
        return m_output.usageError(u"pwb"_s, u"unknown option '"_s + first + u'\'', kHelpHint);
    const Command *command = findCommand(first);
    if (!command)
        return m_output.usageError(u"pwb"_s, u"unknown command '"_s + first + u'\'', kHelpHint);
    return runCommand(*command, args, m_output);
}

} // namespace pwb
