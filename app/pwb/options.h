#pragma once
// How every `pwb` command reads its command line: options before or after arguments,
// `--opt value` or `--opt=value`, -h/--help everywhere. QCommandLineParser does the
// reading; this adds the rules the commands share and the options several of them take.

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>

namespace pwb {

/// -h/--help without QCommandLineParser's --help-all, which lists Qt's own options.
QCommandLineOption helpOption();
/// --db FILE, the workbench database.
QCommandLineOption dbOption();
/// --policy FILE, a scoring policy.
QCommandLineOption policyOption();

/// The parsed command line of one command.
class Options
{
public:
    /// `options` are the command's own; -h/--help is added to them.
    explicit Options(const QList<QCommandLineOption> &options);
    Options(const Options &) = delete;
    Options &operator=(const Options &) = delete;

    /// Reads `arguments`, the command name first. False on an unknown option or a
    /// missing value; errorText() then says which.
    bool parse(const QStringList &arguments);
    QString errorText() const { return m_parser.errorText(); }

    bool helpRequested() const { return m_parser.isSet(m_help); }
    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    /// The option's value, its default when not given, empty when it has neither.
    QString value(const QString &name) const { return m_parser.value(name); }
    /// The arguments that are not options, in order.
    QStringList positional() const { return m_parser.positionalArguments(); }

    /// The "Options:" block of a command's help: each option with its text, aligned.
    QString helpText() const;

private:
    QCommandLineParser m_parser;
    QCommandLineOption m_help;
};

} // namespace pwb
