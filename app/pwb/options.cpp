#include "options.h"

using namespace Qt::StringLiterals;

namespace pwb {

QCommandLineOption helpOption()
{
    return {{u"h"_s, u"help"_s}, u"Show this help."_s};
}

QCommandLineOption dbOption()
{
    return {u"db"_s, u"The workbench database (created when missing)."_s, u"file"_s};
}

QCommandLineOption policyOption()
{
    return {u"policy"_s,
        u"A scoring policy (JSON); default: the database's policy (pwb policy), else the "
        "built-in one. Once the database has a governed policy, only that one."_s,
        u"file"_s};
}

Options::Options(const QList<QCommandLineOption> &options)
    : m_help(helpOption())
{
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOptions(options);
    m_parser.addOption(m_help);
}

bool Options::parse(const QStringList &arguments)
{
    // The parser expects a program name first; the command stands in for it.
    return m_parser.parse(arguments);
}

QString Options::helpText() const
{
    // QCommandLineParser formats the option list well; its own usage line would show
    // the binary's path instead of the command, so it is left out.
    const QString text = m_parser.helpText();
    const qsizetype options = text.indexOf(u"Options:"_s);
    return options >= 0 ? text.mid(options) : text;
}

} // namespace pwb
