#include "passwordprompt.h"

#include <sodium.h>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

/// One line from standard input with the terminal's echo off; nullopt at end of input.
std::optional<QByteArray> readHiddenLine()
{
    termios saved {};
    const bool terminal = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        quiet.c_lflag |= tcflag_t(ECHONL);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    QByteArray line;
    bool ended = true;
    char c = 0;
    while (read(STDIN_FILENO, &c, 1) == 1) {
        if (c == '\n') {
            ended = false;
            break;
        }
        line.append(c);
    }
    if (terminal)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (ended && line.isEmpty())
        return std::nullopt;
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

} // namespace

void wipe(QByteArray &password)
{
    if (!password.isEmpty())
        sodium_memzero(password.data(), std::size_t(password.size()));
    password.clear();
}

model::Result<QByteArray> readPassword(
    const char *variable, const QString &prompt, bool confirm, QTextStream &err)
{
    if (qEnvironmentVariableIsSet(variable))
        return qgetenv(variable);
    if (!isatty(STDIN_FILENO)) {
        return std::unexpected(model::Error {model::Error::Usage,
            u"No password: set "_s + QString::fromLatin1(variable)
                + u" or run on a terminal to be asked for it."_s,
            {}});
    }
    err << prompt << Qt::flush;
    auto first = readHiddenLine();
    if (!first)
        return std::unexpected(model::Error {model::Error::Usage, u"No password given."_s, {}});
    if (confirm) {
        err << "Repeat it: " << Qt::flush;
        auto second = readHiddenLine();
        const bool same = second && *second == *first;
        if (second)
            wipe(*second);
        if (!same) {
            wipe(*first);
            return std::unexpected(model::Error {
                model::Error::BadInput, u"The two passwords differ; nothing was changed."_s, {}});
        }
    }
    return *first;
}

model::Result<model::User> signIn(model::UserStore &users, const QString &name, QTextStream &err)
{
    auto password = readPassword(
        "PWB_PASSWORD", QStringLiteral("Password for ") + name + QStringLiteral(": "), false, err);
    if (!password)
        return std::unexpected(password.error());
    auto user = users.signIn(name, *password);
    wipe(*password);
    return user;
}

} // namespace pwb
