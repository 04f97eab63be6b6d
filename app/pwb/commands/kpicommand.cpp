// `pwb kpi`: managers' KPIs per snapshot, overall or by location, ABC class, customer
// tier or planner, as a table (a person), json or csv (a script or a spreadsheet).

#include "app/pwb/command.h"
#include "app/pwb/commands/kpiexplain.h"
#include "app/pwb/textformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

QString dayText(engine::Date date)
{
    return QString::fromStdString(engine::formatDate(date));
}

QString optionalPercent(std::optional<double> share)
{
    return share ? formatPercent(*share) : u"-"_s;
}

QString optionalNumber(std::optional<double> value, int decimals)
{
    return value ? formatNumber(*value, decimals) : u"-"_s;
}

QJsonValue jsonNumber(std::optional<double> value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

/// Every figure, as json and csv name it.
struct Field {
    QString name;
    QJsonValue (*value)(const model::KpiFigures &f);
};

const QList<Field> &fields()
{
    static const QList<Field> list {
        {u"exposure"_s, [](const model::KpiFigures &f) { return QJsonValue(f.exposure); }},
        {u"can_save"_s, [](const model::KpiFigures &f) { return QJsonValue(f.canSave); }},
        {u"can_save_taken"_s,
            [](const model::KpiFigures &f) { return QJsonValue(f.canSaveTaken); }},
        {u"can_save_left"_s,
            [](const model::KpiFigures &f) { return QJsonValue(f.canSaveLeft()); }},
        {u"exceptions"_s,
            [](const model::KpiFigures &f) { return QJsonValue(f.exceptionCount()); }},
        {u"shortage"_s, [](const model::KpiFigures &f) { return QJsonValue(f.exceptions[0]); }},
        {u"replenishment"_s,
            [](const model::KpiFigures &f) { return QJsonValue(f.exceptions[1]); }},
        {u"late_supply"_s, [](const model::KpiFigures &f) { return QJsonValue(f.exceptions[2]); }},
        {u"allocation"_s, [](const model::KpiFigures &f) { return QJsonValue(f.exceptions[3]); }},
        {u"excess"_s, [](const model::KpiFigures &f) { return QJsonValue(f.exceptions[4]); }},
        {u"cycle_count"_s, [](const model::KpiFigures &f) { return QJsonValue(f.exceptions[5]); }},
        {u"open_lines"_s, [](const model::KpiFigures &f) { return QJsonValue(f.openLines); }},
        {u"short_lines"_s, [](const model::KpiFigures &f) { return QJsonValue(f.shortLines); }},
        {u"fill_rate"_s, [](const model::KpiFigures &f) { return jsonNumber(f.fillRate()); }},
        {u"tier1_lines"_s, [](const model::KpiFigures &f) { return QJsonValue(f.tier1Lines); }},
        {u"tier1_short_lines"_s,
            [](const model::KpiFigures &f) { return QJsonValue(f.tier1ShortLines); }},
        {u"tier1_fill_rate"_s,
            [](const model::KpiFigures &f) { return jsonNumber(f.tier1FillRate()); }},
        {u"backorder_lines"_s,
            [](const model::KpiFigures &f) { return QJsonValue(f.backorderLines); }},
        {u"backorder_value"_s,
            [](const model::KpiFigures &f) { return QJsonValue(f.backorderValue); }},
        {u"excess_stock_value"_s,
            [](const model::KpiFigures &f) { return QJsonValue(f.excessValue); }},
        {u"stockout_sku_locations"_s,
            [](const model::KpiFigures &f) { return QJsonValue(f.stockouts); }},
        {u"inventory_at_cost"_s,
            [](const model::KpiFigures &f) { return QJsonValue(f.stockAtCost); }},
        {u"annual_cogs"_s, [](const model::KpiFigures &f) { return QJsonValue(f.annualCogs); }},
        {u"inventory_turns"_s,
            [](const model::KpiFigures &f) { return jsonNumber(f.inventoryTurns()); }},
        {u"decisions"_s, [](const model::KpiFigures &f) { return QJsonValue(f.decisions); }},
        {u"approved"_s, [](const model::KpiFigures &f) { return QJsonValue(f.approved); }},
        {u"overridden"_s, [](const model::KpiFigures &f) { return QJsonValue(f.overridden); }},
        {u"rejected"_s, [](const model::KpiFigures &f) { return QJsonValue(f.rejected); }},
        {u"planner_days"_s, [](const model::KpiFigures &f) { return QJsonValue(f.plannerDays); }},
        {u"decisions_per_planner_day"_s,
            [](const model::KpiFigures &f) { return jsonNumber(f.decisionsPerPlannerDay()); }},
        {u"touch_hours_median"_s,
            [](const model::KpiFigures &f) { return jsonNumber(f.medianTouchHours()); }},
        {u"touch_hours_mean"_s,
            [](const model::KpiFigures &f) { return jsonNumber(f.meanTouchHours()); }},
        {u"transfers"_s, [](const model::KpiFigures &f) { return QJsonValue(f.transfers); }},
        {u"transfer_export_hours_median"_s,
            [](const model::KpiFigures &f) { return jsonNumber(f.medianExportHours()); }},
        {u"transfer_export_open"_s,
            [](const model::KpiFigures &f) { return QJsonValue(f.openLeg(f.exportHours)); }},
        {u"transfer_ack_hours_median"_s,
            [](const model::KpiFigures &f) { return jsonNumber(f.medianAckHours()); }},
        {u"transfer_ack_open"_s,
            [](const model::KpiFigures &f) { return QJsonValue(f.openLeg(f.ackHours)); }},
        {u"transfer_received_hours_median"_s,
            [](const model::KpiFigures &f) { return jsonNumber(f.medianReceivedHours()); }},
        {u"transfer_received_open"_s,
            [](const model::KpiFigures &f) { return QJsonValue(f.openLeg(f.receivedHours)); }},
    };
    return list;
}

QJsonObject figuresJson(const model::KpiFigures &f)
{
    QJsonObject object;
    for (const Field &field : fields())
        object.insert(field.name, field.value(f));
    return object;
}

QString csvValue(const QJsonValue &value)
{
    if (value.isNull())
        return {};
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    return csvField(value.toString());
}

void printJson(const model::KpiReport &report, QTextStream &out)
{
    QJsonArray snapshots;
    for (const model::SnapshotKpis &s : report.snapshots) {
        QJsonObject groups;
        for (const auto &[key, figures] : s.groups)
            groups.insert(key, figuresJson(figures));
        QJsonObject object {{u"version"_s, s.snapshot.version},
            {u"snapshot_id"_s, s.snapshot.snapshotId}, {u"as_of"_s, dayText(s.snapshot.asOf)},
            {u"currency"_s, s.snapshot.currency},
            {u"run_id"_s, s.runId ? QJsonValue(s.runId) : QJsonValue(QJsonValue::Null)},
            {u"overall"_s, figuresJson(s.overall)}};
        if (report.by != model::KpiDimension::None)
            object.insert(u"groups"_s, groups);
        snapshots.append(object);
    }
    const QJsonObject root {
        {u"by"_s,
            report.by == model::KpiDimension::None ? QJsonValue(QJsonValue::Null)
                                                   : QJsonValue(model::dimensionName(report.by))},
        {u"fill_rate_target"_s, report.fillRateTarget}, {u"stockout_days"_s, report.stockoutDays()},
        {u"snapshots"_s, snapshots}};
    out << escapedJson(QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)));
}

void printCsv(const model::KpiReport &report, QTextStream &out)
{
    out << "as_of,snapshot_id,version,currency,group";
    for (const Field &field : fields())
        out << ',' << field.name;
    out << '\n';
    for (const model::SnapshotKpis &s : report.snapshots) {
        auto row = [&](const QString &group, const model::KpiFigures &f) {
            out << dayText(s.snapshot.asOf) << ',' << csvField(s.snapshot.snapshotId) << ','
                << s.snapshot.version << ',' << csvField(s.snapshot.currency) << ','
                << csvField(group);
            for (const Field &field : fields())
                out << ',' << csvValue(field.value(f));
            out << '\n';
        };
        row(u"all"_s, s.overall);
        for (const auto &[key, figures] : s.groups)
            row(key, figures);
    }
}

void printTable(const model::KpiReport &report, QTextStream &out)
{
    if (report.snapshots.empty()) {
        out << "No snapshot in that date range.\n";
        return;
    }
    const QString groupTitle = report.by == model::KpiDimension::None
        ? QString()
        : model::dimensionName(report.by).toUpper();
    QList<TableColumn> service {{u"AS OF"_s}, {u"SNAPSHOT"_s}};
    QList<TableColumn> work = service;
    if (!groupTitle.isEmpty()) {
        service << TableColumn {groupTitle};
        work << TableColumn {groupTitle};
    }
    service << TableColumn {u"EXPOSURE"_s, true} << TableColumn {u"CAN SAVE"_s, true}
            << TableColumn {u"TAKEN"_s, true} << TableColumn {u"LEFT"_s, true}
            << TableColumn {u"FILL RATE"_s, true} << TableColumn {u"TIER-1 FILL"_s, true}
            << TableColumn {u"BACKORDERS"_s, true} << TableColumn {u"BACKORDER VALUE"_s, true}
            << TableColumn {u"EXCESS STOCK"_s, true} << TableColumn {u"STOCKOUTS"_s, true}
            << TableColumn {u"TURNS"_s, true};
    for (int t = 0; t < engine::kExceptionTypeCount; ++t)
        work << TableColumn {
            QString::fromLatin1(engine::exceptionTypeName(engine::ExceptionType(t))).toUpper(),
            true};
    work << TableColumn {u"DECISIONS"_s, true} << TableColumn {u"AS PROPOSED"_s, true}
         << TableColumn {u"OVERRIDDEN"_s, true} << TableColumn {u"REJECTED"_s, true}
         << TableColumn {u"PER PLANNER-DAY"_s, true} << TableColumn {u"TOUCH H (MEDIAN)"_s, true};
    QList<TableColumn> cycle = work.mid(0, groupTitle.isEmpty() ? 2 : 3);
    cycle << TableColumn {u"TRANSFERS"_s, true} << TableColumn {u"APPROVAL>EXPORT H"_s, true}
          << TableColumn {u"EXPORT>ACK H"_s, true} << TableColumn {u"APPROVAL>RECEIVED H"_s, true};
    QList<QStringList> serviceRows, workRows, cycleRows;
    for (const model::SnapshotKpis &s : report.snapshots) {
        // A planner's row has only decisions: the run and the orders are nobody's.
        auto add = [&](const QString &group, const model::KpiFigures &f, bool overall) {
            QStringList head {dayText(s.snapshot.asOf), s.snapshot.snapshotId};
            if (!groupTitle.isEmpty())
                head << group;
            const bool scored
                = s.runId > 0 && (overall || report.by != model::KpiDimension::Planner);
            QStringList a = head;
            if (scored)
                a << formatMoney(f.exposure) << formatMoney(f.canSave)
                  << formatMoney(f.canSaveTaken) << formatMoney(f.canSaveLeft())
                  << optionalPercent(f.fillRate()) << optionalPercent(f.tier1FillRate())
                  << formatQuantity(f.backorderLines) << formatMoney(f.backorderValue)
                  << formatMoney(f.excessValue) << formatQuantity(f.stockouts)
                  << optionalNumber(f.inventoryTurns(), 1);
            else
                a << u"-"_s << u"-"_s << u"-"_s << u"-"_s << u"-"_s << u"-"_s << u"-"_s << u"-"_s
                  << u"-"_s << u"-"_s << u"-"_s;
            serviceRows << a;
            QStringList b = head;
            for (int t = 0; t < engine::kExceptionTypeCount; ++t)
                b << (scored ? formatQuantity(f.exceptions[std::size_t(t)]) : u"-"_s);
            const auto percentOf = [&](int n) {
                return f.decisions > 0
                    ? formatQuantity(n) + u" ("_s + optionalPercent(f.share(n)) + u')'
                    : formatQuantity(n);
            };
            b << formatQuantity(f.decisions) << percentOf(f.approved) << percentOf(f.overridden)
              << percentOf(f.rejected) << optionalNumber(f.decisionsPerPlannerDay(), 2)
              << optionalNumber(f.medianTouchHours(), 1);
            workRows << b;
            // Each leg's median, and how many transfers have not ended it yet.
            const auto leg = [&](const std::vector<double> &hours) {
                const QString median = optionalNumber(model::KpiFigures::medianOf(hours), 1);
                const int open = f.openLeg(hours);
                return open > 0 ? median + u" ("_s + formatQuantity(open) + u" open)"_s : median;
            };
            QStringList c = head;
            c << formatQuantity(f.transfers) << leg(f.exportHours) << leg(f.ackHours)
              << leg(f.receivedHours);
            cycleRows << c;
        };
        add(u"all"_s, s.overall, true);
        for (const auto &[key, figures] : s.groups)
            add(key, figures, false);
    }
    const QString currency = report.snapshots.back().snapshot.currency;
    out << "Exposure and service (" << terminalText(currency) << "; fill rate target "
        << formatPercent(report.fillRateTarget) << "; " << report.stockoutDays()
        << " stockout days)\n"
        << renderTable(service, serviceRows, u"  "_s) << "\nExceptions and decisions\n"
        << renderTable(work, workRows, u"  "_s)
        << "\nTransfer cycle (approved transfers; median hours, legs not ended are open)\n"
        << renderTable(cycle, cycleRows, u"  "_s);
}

std::optional<engine::Date> dateOption(const Invocation &invocation, const QString &name, bool &ok)
{
    ok = true;
    const QString text = invocation.value(name);
    if (text.isEmpty())
        return engine::kNoDate;
    auto date = engine::parseDate(text.toStdString());
    if (!date)
        ok = false;
    return date;
}

int runKpi(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const QString format = invocation.value(u"format"_s);
    if (format != u"table"_s && format != u"json"_s && format != u"csv"_s)
        return invocation.usageError(u"unknown format '"_s + format + u"' (table, json or csv)"_s);
    model::KpiQuery query;
    const auto by = model::parseDimension(invocation.value(u"by"_s));
    if (!by)
        return invocation.usageError(u"unknown grouping '"_s + invocation.value(u"by"_s)
            + u"' (location, abc, tier or planner)"_s);
    query.by = *by;
    if (invocation.isSet(u"explain"_s))
        return runKpiExplain(invocation, *by, format);
    if (invocation.isSet(u"date"_s) || invocation.isSet(u"key"_s))
        return invocation.usageError(u"--date and --key go with --explain KPI"_s);
    bool ok = true;
    query.from = dateOption(invocation, u"from"_s, ok).value_or(engine::kNoDate);
    if (!ok)
        return invocation.usageError(
            u"--from: expected a date YYYY-MM-DD, got '"_s + invocation.value(u"from"_s) + u'\'');
    query.to = dateOption(invocation, u"to"_s, ok).value_or(engine::kNoDate);
    if (!ok)
        return invocation.usageError(
            u"--to: expected a date YYYY-MM-DD, got '"_s + invocation.value(u"to"_s) + u'\'');
    auto workbench = Invocation::openExisting(db);
    if (!workbench)
        return invocation.error(workbench.error());
    auto report = (*workbench)->kpis().load(query);
    if (!report)
        return invocation.error(report.error());
    if (format == u"json"_s)
        printJson(*report, invocation.out());
    else if (format == u"csv"_s)
        printCsv(*report, invocation.out());
    else
        printTable(*report, invocation.out());
    return ExitOk;
}

} // namespace

Command kpiCommand()
{
    return {u"kpi"_s,
        u"kpi --db FILE [--from DATE --to DATE | --explain KPI --date DATE [--key GROUP]] "
        "[--by location|abc|tier|planner] [--format table|json|csv]"_s,
        u"Show managers' KPIs per snapshot"_s,
        u"Shows, for every snapshot whose as-of date lies in the range, oldest first: the "
        "exposure and what acting can save in its latest run (taken: on exceptions an "
        "approval stands on; left: the rest), its exceptions by type, the "
        "fill rate proxy (open order lines not at a short item-location, all and tier 1), "
        "the SKU-locations out of stock with demand (summed over the range: stockout days), "
        "the inventory turns (a year of forecast demand at cost over the stock at cost), "
        "the open order value past due, the excess stock at cost, and the decisions taken on "
        "its runs (approved as proposed, overridden, rejected, per planner and day, and the "
        "hours from the first run showing an exception to its decision). --by adds a row per "
        "location, ABC class, customer tier or planner. With --explain KPI (a json name: exposure, "
        "can_save, exceptions, fill_rate, tier1_fill_rate, backorder_lines, backorder_value, "
        "excess_stock_value, decisions, approved, overridden, rejected, "
        "decisions_per_planner_day, touch_hours_median, can_save_taken, can_save_left, "
        "transfer_export_hours_median, transfer_ack_hours_median, "
        "transfer_received_hours_median, stockout_sku_locations, inventory_turns) and --date, "
        "lists what is behind that "
        "figure of the snapshot as of that day (of group --key of --by): the exceptions, open "
        "order lines, SKU-locations or decisions, largest first, whose amounts add up to it. "
        "docs/kpis.md "
        "gives every formula."_s,
        {dbOption(), {u"from"_s, u"Only snapshots as of this day or later."_s, u"date"_s},
            {u"to"_s, u"Only snapshots as of this day or earlier."_s, u"date"_s},
            {u"by"_s, u"location, abc, tier or planner."_s, u"dimension"_s},
            {u"explain"_s,
                u"List what is behind this figure (a json name, e.g. backorder_value)."_s,
                u"kpi"_s},
            {u"date"_s, u"With --explain: the snapshot's as-of day."_s, u"date"_s},
            {u"key"_s, u"With --explain and --by: the group (a location, A, 1, a planner)."_s,
                u"group"_s},
            {u"format"_s, u"table (default), json or csv."_s, u"format"_s, u"table"_s}},
        0, 0, &runKpi};
}

} // namespace pwb
