#pragma once
// Errors cross layer boundaries as values, with a message a person can act on.

#include <QString>
#include <QStringList>

#include <cstddef>
#include <expected>

namespace model {

struct Error {
    /// NotAllowed: a failed sign-in, or a role below what the action needs.
    enum Code { Usage = 1, BadInput = 2, Io = 3, Database = 4, Cancelled = 5, NotAllowed = 6 };
    Code code = BadInput;
    QString message; ///< one line: what went wrong and what to do
    QStringList details; ///< e.g. every "file:line:column: error: field: message"
    /// Exit code for the CLI: 1 usage, 2 bad input, 4 not allowed; anything else maps
    /// to 3.
    int exitCode() const
    {
        return code == Usage ? 1 : code == BadInput ? 2 : code == NotAllowed ? 4 : 3;
    }
};

template <class T> using Result = std::expected<T, Error>;

/// "1 error", "3 errors": a count for a message.
inline QString countOf(std::size_t n, const QString &one, const QString &many)
{
    return QString::number(n) + u' ' + (n == 1 ? one : many);
}

} // namespace model
