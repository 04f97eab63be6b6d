#pragma once
// One `pwb` command: its name, help texts, options and the function that runs it.
// Each command lives in its own file under commands/ and is listed once, in
// commands/commands.cpp; runCommand() gives every one of them the same reading of the
// command line, the same --help and the same usage errors.

#include "model/error.h"
#include "model/workbench.h"
#include "options.h"
#include "output.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace pwb {

class Invocation;

struct Command {
    QString name;
    QString usage; ///< after "pwb ", e.g. "import SNAPSHOT_DIR|ZIP --db FILE [--policy FILE]"
    QString summary; ///< one line for `pwb --help`
    QString description; ///< a paragraph for `pwb COMMAND --help`
    QList<QCommandLineOption> options; ///< without -h/--help, which every command has
    int minArguments = 0, maxArguments = 0; ///< positional arguments after the command
    /// Runs the command once its command line has passed the shared checks; returns
    /// the exit code.
    int (*run)(const Invocation &invocation) = nullptr;
};

/// Reads `arguments` (the command name first) for `command`, prints its help or a
/// usage error, or runs it. Returns the exit code.
int runCommand(const Command &command, const QStringList &arguments, const Output &output);

/// Prints `pwb COMMAND --help`.
void printCommandHelp(const Command &command, const Options &options, QTextStream &out);

/// What a command's run function gets: its parsed command line and where to print.
class Invocation
{
public:
    Invocation(const Command &command, const Options &options, const Output &output);

    const Options &options() const { return m_options; }
    QString value(const QString &option) const { return m_options.value(option); }
    bool isSet(const QString &option) const { return m_options.isSet(option); }
    QStringList positional() const { return m_options.positional(); }

    QTextStream &out() const { return m_output.out(); }
    QTextStream &err() const { return m_output.err(); }
    const Output &output() const { return m_output; }

    /// `pwb COMMAND: message` and where to read more, on stderr. Returns ExitUsage.
    int usageError(const QString &message) const;
    /// Prints a model error. Returns its exit code.
    int error(const model::Error &error) const { return m_output.error(error); }

    /// The --db value, or an empty string after printing a usage error.
    QString requiredDatabase() const;
    /// Opens a database that must exist already (every command but import), so a
    /// typo in --db does not leave an empty database behind: read-write for a
    /// command that writes, else read-only, which leaves the file as it was.
    static model::Result<std::unique_ptr<model::Workbench>> openExisting(
        const QString &db, model::OpenMode mode = model::OpenMode::ReadOnly);

private:
    const Command &m_command;
    const Options &m_options;
    const Output &m_output;
};

} // namespace pwb
