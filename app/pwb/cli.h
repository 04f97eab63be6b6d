#pragma once
// The `pwb` command line: reads a command and its options (QCommandLineParser) and
// runs it against a workbench database through model::Workbench. Everything a person
// reads goes to `out` or `err`, so tests can drive it in-process as well as through
// the binary.

#include "model/error.h"
#include "model/workbench.h"

#include <QCommandLineOption>
#include <QList>
#include <QStringList>
#include <QTextStream>

#include <atomic>
#include <memory>

class QCommandLineParser;

namespace pwb {

/// The exit codes of every command (docs/cli.md).
enum ExitCode : int { ExitOk = 0, ExitUsage = 1, ExitBadInput = 2, ExitFailure = 3 };

class Cli
{
public:
    Cli(QTextStream &out, QTextStream &err);

    /// Runs a command line (program name first) and returns the exit code.
    int run(const QStringList &arguments);

    /// Asks a running import or score to stop at its next check. Async-signal-safe,
    /// so a SIGINT handler may call it.
    static void requestCancel();

private:
    struct Command {
        QString name;
        QString usage; ///< after "pwb ", e.g. "import SNAPSHOT_DIR|ZIP --db FILE [--policy FILE]"
        QString summary; ///< one line for `pwb --help`
        QString description; ///< a paragraph for `pwb COMMAND --help`
        QList<QCommandLineOption> options;
        int minArguments = 0, maxArguments = 0; ///< positional arguments after the command
        int (Cli::*handler)(const QCommandLineParser &) = nullptr;
    };

    static const QList<Command> &commands();
    static const Command *findCommand(const QString &name);

    void printHelp() const;
    void printCommandHelp(const Command &command, const QCommandLineParser &parser) const;
    int usageError(const QString &context, const QString &message, const QString &hint);
    int modelError(const model::Error &error);
    /// The --db value, or prints a usage error and returns an empty string.
    QString requiredDatabase(const QCommandLineParser &parser, const QString &command);
    /// Opens a database that must exist already (every command but import).
    static model::Result<std::unique_ptr<model::Workbench>> openExisting(const QString &db);

    int runImport(const QCommandLineParser &parser);
    int runScore(const QCommandLineParser &parser);
    int runQueue(const QCommandLineParser &parser);
    int runExplain(const QCommandLineParser &parser);
    int runGenerate(const QCommandLineParser &parser);

    QTextStream &m_out;
    QTextStream &m_err;
    static std::atomic<bool> s_cancel;
};

} // namespace pwb
