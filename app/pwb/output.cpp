#include "output.h"

#include <atomic>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace pwb {

namespace {

// At namespace scope, constant-initialised: a function-local static would take a
// guard on first use, which a signal handler must not.
std::atomic<bool> s_cancel {false};

} // namespace

Output::Output(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

int Output::usageError(const QString &context, const QString &message, const QString &hint) const
{
    m_err << context << ": " << message << '\n' << hint << '\n';
    return ExitUsage;
}

int Output::error(const model::Error &error) const
{
    m_err << "pwb: error: " << error.message << '\n';
    for (const QString &detail : error.details)
        m_err << detail << '\n';
    return error.exitCode();
}

int Output::failure(const QString &message) const
{
    m_err << "pwb: error: " << message << '\n';
    return ExitFailure;
}

void requestCancel()
{
    s_cancel.store(true, std::memory_order_relaxed);
}

TerminalProgress::TerminalProgress(QTextStream &err)
    : m_err(err)
{ }

TerminalProgress::~TerminalProgress()
{
    finish();
}

engine::Progress TerminalProgress::progress()
{
    engine::Progress progress;
    progress.cancel = &s_cancel;
#ifdef Q_OS_UNIX
    if (::isatty(STDERR_FILENO) != 0) {
        progress.report = [this](std::int64_t done, std::int64_t total) {
            const int percent = total > 0 ? int(done * 100 / total) : 0;
            if (percent != m_lastPercent) {
                m_lastPercent = percent;
                m_err << "\r" << percent << "% " << Qt::flush;
            }
        };
    }
#endif
    return progress;
}

void TerminalProgress::finish()
{
    if (m_lastPercent >= 0)
        m_err << "\r     \r" << Qt::flush;
    m_lastPercent = -1;
}

} // namespace pwb
