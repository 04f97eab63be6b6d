#include "command.h"

#include "textformat.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

QString context(const Command &command)
{
    return u"pwb "_s + command.name;
}

QString hint(const Command &command)
{
    return u"Run 'pwb "_s + command.name + u" --help' for usage."_s;
}

} // namespace

int runCommand(const Command &command, const QStringList &arguments, const Output &output)
{
    Options options(command.options);
    if (!options.parse(arguments))
        return output.usageError(context(command), options.errorText(), hint(command));
    if (options.helpRequested()) {
        printCommandHelp(command, options, output.out());
        return ExitOk;
    }
    const QStringList positional = options.positional();
    if (positional.size() < command.minArguments)
        return output.usageError(context(command),
            u"missing argument: "_s + command.usage.section(u' ', 1, 1), hint(command));
    if (positional.size() > command.maxArguments)
        return output.usageError(context(command),
            u"unexpected argument '"_s + positional.at(command.maxArguments) + u'\'',
            hint(command));
    return command.run(Invocation(command, options, output));
}

void printCommandHelp(const Command &command, const Options &options, QTextStream &out)
{
    out << "Usage: pwb " << command.usage << "\n\n"
        << wrapText(command.description, 80, QString()) << '\n'
        << options.helpText();
}

Invocation::Invocation(const Command &command, const Options &options, const Output &output)
    : m_command(command)
    , m_options(options)
    , m_output(output)
{ }

int Invocation::usageError(const QString &message) const
{
    return m_output.usageError(context(m_command), message, hint(m_command));
}

QString Invocation::requiredDatabase() const
{
    QString db = value(u"db"_s);
    if (db.isEmpty())
        usageError(u"--db FILE is required"_s);
    return db;
}

model::Result<std::unique_ptr<model::Workbench>> Invocation::openExisting(
    const QString &db, model::OpenMode mode)
{
    if (!QFileInfo::exists(db))
        return std::unexpected(model::Error {model::Error::BadInput,
            u"No workbench database at "_s + db
                + u": the file does not exist. Check --db, or run 'pwb import' to create it."_s,
            {}});
    return model::Workbench::openAs(db, mode);
}

} // namespace pwb
