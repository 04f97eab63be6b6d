#include "commands.h"

namespace pwb {

// Each is defined in its own <name>command.cpp next to this file. A new command is
// that file, its line here and in the list below, and its line in app/CMakeLists.txt.
Command importCommand();
Command scoreCommand();
Command queueCommand();
Command explainCommand();
Command generateCommand();
Command decideCommand();
Command decisionsCommand();
Command exportCommand();
Command ackCommand();
Command userCommand();
Command auditCommand();
Command policyCommand();
Command simulateCommand();
Command kpiCommand();
Command reportCommand();
Command scenarioCommand();

const QList<Command> &commands()
{
    static const QList<Command> list {
        importCommand(),
        scoreCommand(),
        queueCommand(),
        explainCommand(),
        generateCommand(),
        decideCommand(),
        decisionsCommand(),
        exportCommand(),
        ackCommand(),
        userCommand(),
        auditCommand(),
        policyCommand(),
        simulateCommand(),
        kpiCommand(),
        reportCommand(),
        scenarioCommand(),
    };
    return list;
}

const Command *findCommand(const QString &name)
{
    for (const Command &command : commands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

} // namespace pwb
