#pragma once
// Where `pwb` gets a password: an environment variable when it is set, else a prompt
// on the terminal with echo off. Never from the command line, where other users of
// the machine can read it in the process list and the shell keeps it in its history.

#include "model/error.h"
#include "model/users/userstore.h"

#include <QByteArray>
#include <QString>
#include <QTextStream>

namespace pwb {

/// The password in `variable` when set, else asked for on the terminal (twice when
/// `confirm`, for a new password). A usage error when neither is available.
model::Result<QByteArray> readPassword(
    const char *variable, const QString &prompt, bool confirm, QTextStream &err);

/// Overwrites the bytes of a password no longer needed.
void wipe(QByteArray &password);

/// Signs `name` in with the password from PWB_PASSWORD or the terminal.
model::Result<model::User> signIn(model::UserStore &users, const QString &name, QTextStream &err);

} // namespace pwb
