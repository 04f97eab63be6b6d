#pragma once
// The `pwb` command line: finds the command (commands/) and runs it against a
// workbench database through model::Workbench, or prints the overall help or the
// version. Everything a person reads goes to `out` or `err`, so tests can drive it
// in-process as well as through the binary.

#include "output.h"

#include <QStringList>
#include <QTextStream>

namespace pwb {

class Cli
{
public:
    Cli(QTextStream &out, QTextStream &err);

    /// Runs a command line (program name first) and returns the exit code.
    int run(const QStringList &arguments);

private:
    void printHelp() const;

    Output m_output;
};

} // namespace pwb
