// `pwb generate`: a synthetic erp-snapshot/1 folder, the same bytes for the same options.

#include "app/pwb/command.h"
#include "app/pwb/textformat.h"

#include "engine/generator/generator.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

/// Reads a whole-number option within [min, max] into `value`; false after printing a
/// usage error.
bool readInteger(const Invocation &invocation, const QString &name, int min, int max, int &value)
{
    bool ok = false;
    value = invocation.value(name).toInt(&ok);
    if (ok && value >= min && value <= max)
        return true;
    invocation.usageError(u"--"_s + name + u" needs a whole number from "_s + QString::number(min)
        + u" to "_s + QString::number(max) + u", got '"_s + invocation.value(name) + u'\'');
    return false;
}

int runGenerate(const Invocation &invocation)
{
    engine::GeneratorOptions options;
    if (!readInteger(invocation, u"items"_s, 1, engine::kGeneratorMaxItems, options.items)
        || !readInteger(
            invocation, u"locations"_s, 1, engine::kGeneratorMaxLocations, options.locations))
        return ExitUsage;
    if (qint64(options.items) * options.locations > engine::kGeneratorMaxItemLocations)
        return invocation.usageError(u"items x locations must be at most "_s
            + QString::number(engine::kGeneratorMaxItemLocations));
    bool ok = false;
    options.seed = invocation.value(u"seed"_s).toULongLong(&ok);
    if (!ok)
        return invocation.usageError(
            u"--seed needs a whole number >= 0, got '"_s + invocation.value(u"seed"_s) + u'\'');
    options.asOf = invocation.value(u"as-of"_s).toStdString();
    if (!engine::parseDate(options.asOf))
        return invocation.usageError(
            u"--as-of needs a date YYYY-MM-DD, got '"_s + invocation.value(u"as-of"_s) + u'\'');
    options.currency = invocation.value(u"currency"_s).toStdString();
    if (options.currency.size() != 3)
        return invocation.usageError(u"--currency needs a three-letter code, got '"_s
            + invocation.value(u"currency"_s) + u'\'');
    const QString folder = invocation.value(u"out"_s);
    if (folder.isEmpty())
        return invocation.usageError(u"--out DIR is required"_s);

    const auto summary = engine::generateSnapshot(
        options, std::filesystem::path(QFile::encodeName(folder).toStdString()));
    if (!summary)
        return invocation.output().failure(QString::fromStdString(summary.error()));
    const auto &s = *summary;
    QTextStream &out = invocation.out();
    out << "Generated a synthetic snapshot in " << folder << " (seed " << options.seed << ", as of "
        << QString::fromStdString(options.asOf) << ")\n";
    out << "  items " << formatQuantity(double(s.items)) << ", locations " << s.locations
        << ", suppliers " << formatQuantity(double(s.suppliers)) << ", customers "
        << formatQuantity(double(s.customers)) << ", lanes " << s.lanes << '\n';
    out << "  SKU-locations " << formatQuantity(double(s.itemLocations)) << ", order lines "
        << formatQuantity(double(s.salesOrderLines)) << ", PO lines "
        << formatQuantity(double(s.purchaseOrderLines)) << ", transfers "
        << formatQuantity(double(s.transfers)) << ", forecast rows "
        << formatQuantity(double(s.forecastRows)) << '\n';
    out << "  " << formatQuantity(double(s.bytes)) << " bytes\n";
    return ExitOk;
}

} // namespace

Command generateCommand()
{
    return {u"generate"_s,
        u"generate --items N --locations M --seed S --out DIR [--as-of DATE] [--currency CODE]"_s,
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
        0, 0, &runGenerate};
}

} // namespace pwb
