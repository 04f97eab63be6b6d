#pragma once
// What every `pwb` command prints besides its results: usage errors, errors with their
// exit codes, progress on a terminal, and the Ctrl+C flag long runs check.

#include "model/error.h"

#include "engine/scoring/scoring.h"

#include <QString>
#include <QTextStream>

namespace pwb {

/// The exit codes of every command (docs/cli.md).
enum ExitCode : int {
    ExitOk = 0,
    ExitUsage = 1,
    ExitBadInput = 2,
    ExitFailure = 3,
    ExitNotAllowed = 4
};

/// Where a command prints: results to `out`, everything else to `err`. Tests and the
/// binary pass their own streams.
class Output
{
public:
    Output(QTextStream &out, QTextStream &err);

    QTextStream &out() const { return m_out; }
    QTextStream &err() const { return m_err; }

    /// Two lines on stderr, `context: message` and `hint`, and nothing on stdout.
    /// Returns ExitUsage.
    int usageError(const QString &context, const QString &message, const QString &hint) const;
    /// `pwb: error: ` and the error's message, then one line per detail. Returns the
    /// error's exit code (2 bad input, 3 anything else).
    int error(const model::Error &error) const;
    /// `pwb: error: ` and `message`, for failures that come without a model::Error.
    /// Returns ExitFailure.
    int failure(const QString &message) const;

private:
    QTextStream &m_out;
    QTextStream &m_err;
};

/// Asks a running import or score to stop at its next check. Async-signal-safe, so a
/// SIGINT handler may call it.
void requestCancel();

/// The engine's progress hooks for a long import or score: the Ctrl+C flag, and a
/// percentage on stderr only when stderr is a terminal (a person watches).
class TerminalProgress
{
public:
    explicit TerminalProgress(QTextStream &err);
    ~TerminalProgress();
    TerminalProgress(const TerminalProgress &) = delete;
    TerminalProgress &operator=(const TerminalProgress &) = delete;

    /// What the engine takes; valid while this object lives.
    engine::Progress progress();
    /// Clears the percentage from the terminal line; call it before printing a result.
    void finish();

private:
    QTextStream &m_err;
    int m_lastPercent = -1;
};

} // namespace pwb
