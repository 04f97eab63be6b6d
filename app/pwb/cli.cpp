#include "cli.h"

#include "explaintext.h"
#include "queueoutput.h"
#include "textformat.h"

#include "engine/generator/generator.h"
#include "model/explanationjson.h"
#include "model/workbench.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <cstdio>
#include <limits>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace pwb {

std::atomic<bool> Cli::s_cancel {false};

namespace {

const QString kHelpHint = u"Run 'pwb --help' for the list of commands."_s;

/// -h/--help without QCommandLineParser's --help-all, which lists Qt's own options.
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
    return {u"policy"_s, u"A scoring policy (JSON); default: the built-in policy."_s, u"file"_s};
}

QString typeNames()
{
    QStringList names;
    for (int t = 0; t < engine::kExceptionTypeCount; ++t)
        names.append(QString::fromLatin1(engine::exceptionTypeName(engine::ExceptionType(t))));
    return names.join(u", "_s);
}

QString date(engine::Date d)
{
    return QString::fromStdString(engine::formatDate(d));
}

/// Progress on stderr while a long import or score runs, only when a person watches.
engine::Progress makeProgress(QTextStream &err, const std::atomic<bool> &cancel, int &lastPercent)
{
    engine::Progress progress;
    progress.cancel = &cancel;
#ifdef Q_OS_UNIX
    if (::isatty(STDERR_FILENO) != 0) {
        progress.report = [&err, &lastPercent](std::int64_t done, std::int64_t total) {
            const int percent = total > 0 ? int(done * 100 / total) : 0;
            if (percent != lastPercent) {
                lastPercent = percent;
                err << "\r" << percent << "% " << Qt::flush;
            }
        };
    }
#endif
    return progress;
}

void endProgress(QTextStream &err, int lastPercent)
{
    if (lastPercent >= 0)
        err << "\r     \r" << Qt::flush;
}

void printRun(QTextStream &out, const model::ScoreRunInfo &run, const QString &currency)
{
    out << "Scored as run " << run.runId << " (" << run.scoringVersion << ", policy "
        << run.policyHash.left(12) << ")\n";
    out << "  exceptions       " << run.exceptionCount << '\n';
    out << "  total exposure   " << currency << ' ' << formatMoney(run.totalScore) << '\n';
}

} // namespace

Cli::Cli(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{ }

void Cli::requestCancel()
{
    s_cancel.store(true, std::memory_order_relaxed);
}

const QList<Cli::Command> &Cli::commands()
{
    static const QList<Command> list {
        {u"import"_s, u"import SNAPSHOT_DIR|ZIP --db FILE [--policy FILE]"_s,
            u"Import a snapshot folder or .zip and score it"_s,
            u"Imports an erp-snapshot/1 folder or .zip as a new snapshot version and scores it. "
            "Prints a summary; warnings go to stderr. On any error nothing in the database "
            "changes and every problem is listed as file:line:column: error: field: message."_s,
            {dbOption(), policyOption()}, 1, 1, &Cli::runImport},
        {u"score"_s, u"score --db FILE [--policy FILE]"_s, u"Re-score the current snapshot"_s,
            u"Scores the current snapshot again, as a new run, with the given policy."_s,
            {dbOption(), policyOption()}, 0, 0, &Cli::runScore},
        {u"queue"_s,
            u"queue --db FILE [--type T] [--location L] [--limit N] [--format table|json|csv]"_s,
            u"Print the ranked exception queue"_s,
            u"Prints the exceptions of the latest run, best rank first. Ranks are those of the "
            "whole queue, also when --type or --location narrows it."_s,
            {dbOption(),
                {u"type"_s, u"Only exceptions of this type: "_s + typeNames() + u'.', u"type"_s},
                {u"location"_s, u"Only exceptions at this location id."_s, u"location"_s},
                {u"limit"_s,
                    u"At most N rows; 0 for all. Default: 50 for a table, all otherwise."_s,
                    u"n"_s},
                {u"format"_s, u"table (default), json or csv."_s, u"format"_s, u"table"_s}},
            0, 0, &Cli::runQueue},
        {u"explain"_s,
            u"explain EXCEPTION_ID --db FILE [--format text|json]\n"
            "       pwb explain --item ITEM --location LOC --db FILE [--format text|json]"_s,
            u"Explain an exception or a SKU-location"_s,
            u"Shows why an exception scores what it does: each factor with its inputs, the risk "
            "figures, the order lines and the recommendations, best first. With --item and "
            "--location, explains any SKU-location, also one without an exception."_s,
            {dbOption(), {u"item"_s, u"The item id of a SKU-location."_s, u"item"_s},
                {u"location"_s, u"The location id of a SKU-location."_s, u"location"_s},
                {u"format"_s, u"text (default) or json."_s, u"format"_s, u"text"_s}},
            0, 1, &Cli::runExplain},
        {u"generate"_s, u"generate --items N --locations M --seed S --out DIR"_s,
            u"Write a synthetic snapshot"_s,
            u"Writes a realistic synthetic erp-snapshot/1 folder: every item at every location, "
            "about 0.5 open order lines and 0.2 PO lines per SKU-location. The same options "
            "give byte-identical files on every machine."_s,
            {{u"items"_s, u"Number of items (default 1000)."_s, u"n"_s, u"1000"_s},
                {u"locations"_s, u"Number of locations (default 10)."_s, u"m"_s, u"10"_s},
                {u"seed"_s, u"Random seed (default 1)."_s, u"s"_s, u"1"_s},
                {u"out"_s, u"Output folder (created when missing)."_s, u"dir"_s},
                {u"as-of"_s, u"The snapshot's as-of date (default 2026-11-28)."_s, u"date"_s,
                    u"2026-11-28"_s},
                {u"currency"_s, u"Currency code (default USD)."_s, u"code"_s, u"USD"_s}},
            0, 0, &Cli::runGenerate},
    };
    return list;
}

const Cli::Command *Cli::findCommand(const QString &name)
{
    for (const Command &command : commands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

void Cli::printHelp() const
{
    m_out << "pwb - the planner workbench on the command line: import ERP snapshots, rank\n"
             "inventory exceptions by business impact and explain them.\n\n"
             "Usage: pwb COMMAND [options]\n\nCommands:\n";
    for (const Command &command : commands())
        m_out << "  " << command.name.leftJustified(10) << command.summary << '\n';
    m_out << "\nOptions:\n"
             "  -h, --help    Show this help; 'pwb COMMAND --help' shows a command's options.\n"
             "  --version     Show the version.\n\n"
             "Exit codes: 0 ok, 1 usage error, 2 bad input (the snapshot, policy or an id),\n"
             "3 other failure (files, database).\n";
}

void Cli::printCommandHelp(const Command &command, const QCommandLineParser &parser) const
{
    m_out << "Usage: pwb " << command.usage << "\n\n"
          << wrapText(command.description, 80, QString()) << '\n';
    // QCommandLineParser formats the option list well; its own usage line would show
    // the binary's path instead of the command, so it is left out.
    const QString text = parser.helpText();
    const qsizetype options = text.indexOf(u"Options:"_s);
    m_out << (options >= 0 ? text.mid(options) : text);
}

int Cli::usageError(const QString &context, const QString &message, const QString &hint)
{
    m_err << context << ": " << message << '\n' << hint << '\n';
    return ExitUsage;
}

int Cli::modelError(const model::Error &error)
{
    m_err << "pwb: error: " << error.message << '\n';
    for (const QString &detail : error.details)
        m_err << detail << '\n';
    return error.exitCode();
}

QString Cli::requiredDatabase(const QCommandLineParser &parser, const QString &command)
{
    const QString db = parser.value(u"db"_s);
    if (db.isEmpty())
        usageError(u"pwb "_s + command, u"--db FILE is required"_s,
            u"Run 'pwb "_s + command + u" --help' for usage."_s);
    return db;
}

model::Result<std::unique_ptr<model::Workbench>> Cli::openExisting(const QString &db)
{
    // Reading commands must not leave an empty database behind after a typo.
    if (!QFileInfo::exists(db))
        return std::unexpected(model::Error {model::Error::BadInput,
            u"No workbench database at "_s + db + u": run 'pwb import' first."_s, {}});
    return model::Workbench::open(db);
}

int Cli::run(const QStringList &arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty())
        return usageError(u"pwb"_s, u"no command given"_s, kHelpHint);
    const QString first = args.first();
    if (first == u"-h"_s || first == u"--help"_s || first == u"help"_s) {
        if (args.size() > 1) {
            if (const Command *command = findCommand(args.at(1))) {
                QCommandLineParser parser;
                parser.addOptions(command->options);
                parser.addOption(helpOption());
                printCommandHelp(*command, parser);
                return ExitOk;
            }
            return usageError(u"pwb"_s, u"unknown command '"_s + args.at(1) + u'\'', kHelpHint);
        }
        printHelp();
        return ExitOk;
    }
    if (first == u"--version"_s || first == u"-v"_s) {
        m_out << "pwb " << QCoreApplication::applicationVersion() << " (scoring "
              << engine::kScoringVersion << ")\n";
        return ExitOk;
    }
    if (first.startsWith(u'-'))
        return usageError(u"pwb"_s, u"unknown option '"_s + first + u'\'', kHelpHint);
    const Command *command = findCommand(first);
    if (!command)
        return usageError(u"pwb"_s, u"unknown command '"_s + first + u'\'', kHelpHint);

    const QString context = u"pwb "_s + command->name;
    const QString hint = u"Run 'pwb "_s + command->name + u" --help' for usage."_s;
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions(command->options);
    const QCommandLineOption help = helpOption();
    parser.addOption(help);
    // The parser expects a program name first; the command stands in for it.
    if (!parser.parse(args))
        return usageError(context, parser.errorText(), hint);
    if (parser.isSet(help)) {
        printCommandHelp(*command, parser);
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < command->minArguments)
        return usageError(
            context, u"missing argument: "_s + command->usage.section(u' ', 1, 1), hint);
    if (positional.size() > command->maxArguments)
        return usageError(context,
            u"unexpected argument '"_s + positional.at(command->maxArguments) + u'\'', hint);
    return (this->*(command->handler))(parser);
}

int Cli::runImport(const QCommandLineParser &parser)
{
    const QString db = requiredDatabase(parser, u"import"_s);
    if (db.isEmpty())
        return ExitUsage;
    const auto policy = model::Workbench::loadPolicy(parser.value(u"policy"_s));
    if (!policy)
        return modelError(policy.error());
    const QString snapshot = parser.positionalArguments().first();
    if (!QFileInfo::exists(snapshot))
        return modelError(
            {model::Error::BadInput, snapshot + u": no such snapshot folder or .zip file"_s, {}});
    auto workbench = model::Workbench::open(db);
    if (!workbench)
        return modelError(workbench.error());

    int lastPercent = -1;
    const auto summary
        = (*workbench)
              ->importSnapshot(snapshot, *policy, makeProgress(m_err, s_cancel, lastPercent));
    endProgress(m_err, lastPercent);
    if (!summary)
        return modelError(summary.error());
    for (const QString &warning : summary->warnings)
        m_err << warning << '\n';

    const model::SnapshotInfo &s = summary->snapshot;
    m_out << "Imported snapshot " << s.snapshotId << " as version " << s.version << '\n';
    m_out << "  as of            " << date(s.asOf) << '\n';
    m_out << "  currency         " << s.currency << '\n';
    if (!s.sourceSystem.isEmpty())
        m_out << "  source           " << s.sourceSystem << '\n';
    m_out << "  SKU-locations    " << formatQuantity(double(s.itemLocationCount)) << '\n';
    if (!summary->warnings.isEmpty())
        m_out << "  warnings         " << summary->warnings.size() << " (on stderr)\n";
    printRun(m_out, summary->run, s.currency);
    return ExitOk;
}

int Cli::runScore(const QCommandLineParser &parser)
{
    const QString db = requiredDatabase(parser, u"score"_s);
    if (db.isEmpty())
        return ExitUsage;
    const auto policy = model::Workbench::loadPolicy(parser.value(u"policy"_s));
    if (!policy)
        return modelError(policy.error());
    auto workbench = openExisting(db);
    if (!workbench)
        return modelError(workbench.error());
    const auto current = (*workbench)->currentSnapshot();
    if (!current)
        return modelError(current.error());
    if (!*current)
        return modelError({model::Error::BadInput,
            u"The database holds no snapshot yet: run 'pwb import' first."_s, {}});

    int lastPercent = -1;
    const auto run = (*workbench)->rescore(*policy, makeProgress(m_err, s_cancel, lastPercent));
    endProgress(m_err, lastPercent);
    if (!run)
        return modelError(run.error());
    const model::SnapshotInfo &s = **current;
    m_out << "Snapshot " << s.snapshotId << " (version " << s.version << ", as of " << date(s.asOf)
          << ")\n";
    printRun(m_out, *run, s.currency);
    return ExitOk;
}

int Cli::runQueue(const QCommandLineParser &parser)
{
    const QString context = u"pwb queue"_s;
    const QString hint = u"Run 'pwb queue --help' for usage."_s;
    const QString db = requiredDatabase(parser, u"queue"_s);
    if (db.isEmpty())
        return ExitUsage;
    const QString format = parser.value(u"format"_s);
    if (format != u"table"_s && format != u"json"_s && format != u"csv"_s)
        return usageError(
            context, u"unknown format '"_s + format + u"' (table, json or csv)"_s, hint);

    QueueFilter filter;
    if (parser.isSet(u"type"_s)) {
        engine::ExceptionType type {};
        if (!engine::parseExceptionType(parser.value(u"type"_s).toStdString(), type))
            return usageError(context,
                u"unknown exception type '"_s + parser.value(u"type"_s) + u"' ("_s + typeNames()
                    + u')',
                hint);
        filter.type = type;
    }
    filter.locationId = parser.value(u"location"_s);
    filter.limit = format == u"table"_s ? 50 : 0;
    if (parser.isSet(u"limit"_s)) {
        bool ok = false;
        const qlonglong limit = parser.value(u"limit"_s).toLongLong(&ok);
        if (!ok || limit < 0)
            return usageError(context,
                u"--limit needs a whole number >= 0, got '"_s + parser.value(u"limit"_s) + u'\'',
                hint);
        filter.limit = qsizetype(limit);
    }

    auto workbench = openExisting(db);
    if (!workbench)
        return modelError(workbench.error());
    const auto queue = (*workbench)->queue();
    if (!queue)
        return modelError(queue.error());
    qsizetype matching = 0;
    const auto rows = selectQueueRows(*queue, filter, &matching);
    if (format == u"json"_s)
        writeQueueJson(m_out, *queue, rows);
    else if (format == u"csv"_s)
        writeQueueCsv(m_out, *queue, rows);
    else
        writeQueueTable(m_out, *queue, rows, matching);
    return ExitOk;
}

int Cli::runExplain(const QCommandLineParser &parser)
{
    const QString context = u"pwb explain"_s;
    const QString hint = u"Run 'pwb explain --help' for usage."_s;
    const QString db = requiredDatabase(parser, u"explain"_s);
    if (db.isEmpty())
        return ExitUsage;
    const QString format = parser.value(u"format"_s);
    if (format != u"text"_s && format != u"json"_s)
        return usageError(context, u"unknown format '"_s + format + u"' (text or json)"_s, hint);
    const QStringList positional = parser.positionalArguments();
    const bool bySku = parser.isSet(u"item"_s) || parser.isSet(u"location"_s);
    if (bySku && !positional.isEmpty())
        return usageError(
            context, u"give an EXCEPTION_ID or --item and --location, not both"_s, hint);
    if (bySku && (parser.value(u"item"_s).isEmpty() || parser.value(u"location"_s).isEmpty()))
        return usageError(context, u"--item and --location go together"_s, hint);
    if (!bySku && positional.isEmpty())
        return usageError(
            context, u"missing argument: EXCEPTION_ID (or --item and --location)"_s, hint);

    auto workbench = openExisting(db);
    if (!workbench)
        return modelError(workbench.error());
    const auto explanation = bySku
        ? (*workbench)->explainItemLocation(parser.value(u"item"_s), parser.value(u"location"_s))
        : (*workbench)->explainException(positional.first());
    if (!explanation)
        return modelError(explanation.error());

    if (format == u"json"_s) {
        const QJsonObject json = bySku ? model::itemLocationToJson(*explanation)
                                       : model::explanationToJson(*explanation);
        m_out << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
    } else {
        writeExplanationText(m_out, *explanation);
    }
    return ExitOk;
}

int Cli::runGenerate(const QCommandLineParser &parser)
{
    const QString context = u"pwb generate"_s;
    const QString hint = u"Run 'pwb generate --help' for usage."_s;
    auto integer = [&](const QString &name, int min, int max, int &value) {
        bool ok = false;
        value = parser.value(name).toInt(&ok);
        if (ok && value >= min && value <= max)
            return true;
        usageError(context,
            u"--"_s + name + u" needs a whole number from "_s + QString::number(min) + u" to "_s
                + QString::number(max) + u", got '"_s + parser.value(name) + u'\'',
            hint);
        return false;
    };
    engine::GeneratorOptions options;
    if (!integer(u"items"_s, 1, engine::kGeneratorMaxItems, options.items)
        || !integer(u"locations"_s, 1, engine::kGeneratorMaxLocations, options.locations))
        return ExitUsage;
    if (qint64(options.items) * options.locations > engine::kGeneratorMaxItemLocations)
        return usageError(context,
            u"items x locations must be at most "_s
                + QString::number(engine::kGeneratorMaxItemLocations),
            hint);
    bool ok = false;
    options.seed = parser.value(u"seed"_s).toULongLong(&ok);
    if (!ok)
        return usageError(context,
            u"--seed needs a whole number >= 0, got '"_s + parser.value(u"seed"_s) + u'\'', hint);
    options.asOf = parser.value(u"as-of"_s).toStdString();
    if (!engine::parseDate(options.asOf))
        return usageError(context,
            u"--as-of needs a date YYYY-MM-DD, got '"_s + parser.value(u"as-of"_s) + u'\'', hint);
    options.currency = parser.value(u"currency"_s).toStdString();
    if (options.currency.size() != 3)
        return usageError(context,
            u"--currency needs a three-letter code, got '"_s + parser.value(u"currency"_s) + u'\'',
            hint);
    const QString out = parser.value(u"out"_s);
    if (out.isEmpty())
        return usageError(context, u"--out DIR is required"_s, hint);

    const auto summary = engine::generateSnapshot(
        options, std::filesystem::path(QFile::encodeName(out).toStdString()));
    if (!summary) {
        m_err << "pwb: error: " << QString::fromStdString(summary.error()) << '\n';
        return ExitFailure;
    }
    const auto &s = *summary;
    m_out << "Generated a synthetic snapshot in " << out << " (seed " << options.seed << ", as of "
          << QString::fromStdString(options.asOf) << ")\n";
    m_out << "  items " << formatQuantity(double(s.items)) << ", locations " << s.locations
          << ", suppliers " << formatQuantity(double(s.suppliers)) << ", customers "
          << formatQuantity(double(s.customers)) << ", lanes " << s.lanes << '\n';
    m_out << "  SKU-locations " << formatQuantity(double(s.itemLocations)) << ", order lines "
          << formatQuantity(double(s.salesOrderLines)) << ", PO lines "
          << formatQuantity(double(s.purchaseOrderLines)) << ", transfers "
          << formatQuantity(double(s.transfers)) << ", forecast rows "
          << formatQuantity(double(s.forecastRows)) << '\n';
    m_out << "  " << formatQuantity(double(s.bytes)) << " bytes\n";
    return ExitOk;
}

} // namespace pwb
