#pragma once
// Errors cross layer boundaries as values, with a message a person can act on.

#include <QString>
#include <QStringList>

#include <cstddef>
#include <expected>

namespace model {

struct Error {
    /// Busy: another connection was writing (the lock wait ran out) or changed what
    /// this one had read; nothing was changed, and trying again can succeed.
    /// NotAllowed: a failed sign-in, or a role below what the action needs.
    enum Code {
        Usage = 1,
        BadInput = 2,
        Io = 3,
        Database = 4,
        Cancelled = 5,
        Busy = 6,
        NotAllowed = 7
    };
    Code code = BadInput;
    QString message; ///< one line: what went wrong and what to do
    QStringList details; ///< e.g. every "file:line:column: error: field: message"
    /// Exit code for the CLI: 1 usage, 2 bad input, 4 not allowed, 5 busy (try again);
    /// anything else 3.
    int exitCode() const
    {
        switch (code) {
        case Usage:
            return 1;
        case BadInput:
            return 2;
        case NotAllowed:
            return 4;
        case Busy:
            return 5;
        default:
            return 3;
        }
    }
};

template <class T> using Result = std::expected<T, Error>;

/// "1 error", "3 errors": a count for a message.
inline QString countOf(std::size_t n, const QString &one, const QString &many)
{
    return QString::number(n) + u' ' + (n == 1 ? one : many);
}

} // namespace model
