#pragma once
// Runs the pwb binary (PWB_BINARY) as a script would: its own process, no terminal on
// stdin, only the passwords a test hands it, optionally as an unprivileged user.
// Shared by the command-line tests that read its output as text.

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <unistd.h>

namespace pwbtest {

struct Run {
    int code = -1; ///< -1: it did not finish normally (err says so)
    QString out, err;
};

struct RunOptions {
    QString password; ///< PWB_PASSWORD; null: not set
    QString newPassword; ///< PWB_NEW_PASSWORD; null: not set
    /// As `nobody` when the test runs as root, since root may write to a read-only
    /// folder and so would not see what a planner sees.
    bool unprivileged = false;
};

/// Options for a run as `nobody` (see RunOptions::unprivileged).
inline RunOptions unprivileged()
{
    RunOptions options;
    options.unprivileged = true;
    return options;
}

/// Options for a run with these passwords in the environment.
inline RunOptions withPasswords(const QString &password, const QString &newPassword = {})
{
    RunOptions options;
    options.password = password;
    options.newPassword = newPassword;
    return options;
}

inline Run pwb(const QStringList &arguments, const RunOptions &options = {})
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PWB_PASSWORD"));
    env.remove(QStringLiteral("PWB_NEW_PASSWORD"));
    if (!options.password.isNull())
        env.insert(QStringLiteral("PWB_PASSWORD"), options.password);
    if (!options.newPassword.isNull())
        env.insert(QStringLiteral("PWB_NEW_PASSWORD"), options.newPassword);
    QProcess process;
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    if (options.unprivileged && geteuid() == 0) {
        process.setChildProcessModifier([] {
            if (setgid(65534) != 0 || setuid(65534) != 0)
                _exit(127);
        });
    }
    process.start(QStringLiteral(PWB_BINARY), arguments);
    Run run;
    if (!process.waitForFinished(120'000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("pwb did not finish normally");
        return run;
    }
    run.code = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace pwbtest
