#pragma once
// Every `pwb` command, in the order `pwb --help` lists them.

#include "app/pwb/command.h"

#include <QList>
#include <QString>

namespace pwb {

const QList<Command> &commands();
/// The command called `name`, or null.
const Command *findCommand(const QString &name);

} // namespace pwb
