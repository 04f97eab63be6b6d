#include "app/pwb/commands/kpiexplain.h"

#include "app/pwb/command.h"
#include "app/pwb/textformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <initializer_list>
#include <utility>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

QString dayText(engine::Date date)
{
    return QString::fromStdString(engine::formatDate(date));
}

QString decisionKind(model::Decision::Kind kind)
{
    switch (kind) {
    case model::Decision::Approved:
        return u"approved"_s;
    case model::Decision::Overridden:
        return u"overridden"_s;
    case model::Decision::Rejected:
        return u"rejected"_s;
    case model::Decision::None:
        break;
    }
    return {};
}

/// " at BR-01", " of ABC class A", " of customer tier 1", " by ana"; "" for the whole.
QString groupPhrase(model::KpiDimension by, const QString &key)
{
    if (key.isEmpty())
        return {};
    switch (by) {
    case model::KpiDimension::Location:
        return u" at "_s + key;
    case model::KpiDimension::Abc:
        return u" of ABC class "_s + key;
    case model::KpiDimension::Tier:
        return u" of customer tier "_s + key;
    case model::KpiDimension::Planner:
        return u" by "_s + key;
    case model::KpiDimension::None:
        break;
    }
    return {};
}

QString figureText(const model::KpiDrillDown &d)
{
    const auto value = d.value();
    if (!value)
        return u"-"_s;
    switch (d.query.measure) {
    case model::KpiMeasure::Exposure:
    case model::KpiMeasure::CanSave:
    case model::KpiMeasure::BackorderValue:
    case model::KpiMeasure::ExcessStock:
    case model::KpiMeasure::CanSaveTaken:
    case model::KpiMeasure::CanSaveLeft:
        return formatMoney(*value) + u' ' + d.snapshot.currency;
    case model::KpiMeasure::FillRate:
    case model::KpiMeasure::Tier1FillRate:
        return formatPercent(*value);
    case model::KpiMeasure::PerPlannerDay:
    case model::KpiMeasure::InventoryTurns:
        return formatNumber(*value, 2);
    case model::KpiMeasure::TouchHours:
    case model::KpiMeasure::TransferExportHours:
    case model::KpiMeasure::TransferAckHours:
    case model::KpiMeasure::TransferReceivedHours:
        return formatNumber(*value, 1) + u" h"_s;
    default:
        return formatQuantity(*value);
    }
}

QString rowsText(const model::KpiDrillDown &d)
{
    const auto n = std::size_t(d.rowCount());
    switch (d.basis) {
    case model::KpiBasis::Exceptions:
        return model::countOf(n, u"exception"_s, u"exceptions"_s);
    case model::KpiBasis::OrderLines:
        return model::countOf(n, u"open order line"_s, u"open order lines"_s);
    case model::KpiBasis::SkuLocations:
        return model::countOf(n, u"SKU-location out of stock"_s, u"SKU-locations out of stock"_s);
    case model::KpiBasis::Stock:
        return model::countOf(
            n, u"SKU-location with stock or demand"_s, u"SKU-locations with stock or demand"_s);
    case model::KpiBasis::Decisions:
        break;
    }
    if (model::isTransferCycle(d.query.measure))
        return model::countOf(n, u"approved transfer"_s, u"approved transfers"_s);
    return model::countOf(n, u"decision"_s, u"decisions"_s);
}

/// The column titles (json and csv names) and the cells, raw (csv, json) or formatted.
struct Table {
    QStringList names;
    QList<TableColumn> columns;
    QList<QList<QJsonValue>> rows;
};

QJsonValue optionalNumber(std::optional<double> value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

Table tableOf(const model::KpiDrillDown &d)
{
    Table t;
    // (name, right-aligned)
    auto columns = [&](std::initializer_list<std::pair<const char *, bool>> list) {
        for (const auto &[name, right] : list) {
            t.names << QString::fromLatin1(name);
            t.columns << TableColumn {t.names.back().toUpper().replace(u'_', u' '), right};
        }
    };
    switch (d.basis) {
    case model::KpiBasis::Exceptions:
        columns({{"exception_id", false}, {"type", false}, {"item", false}, {"location", false},
            {"abc", false}, {"tier", false}, {"rank", true}, {"exposure", true}, {"can_save", true},
            {"excess_value", true}, {"taken", false}, {"amount", true}});
        for (const model::KpiExceptionRow &r : d.exceptions)
            t.rows.append({r.exceptionId, QString::fromLatin1(engine::exceptionTypeName(r.type)),
                r.item, r.location, r.abc, r.tier, r.rank, r.score, r.canSave, r.excessValue,
                r.taken, r.amount});
        break;
    case model::KpiBasis::OrderLines:
        columns({{"order_id", false}, {"line", true}, {"customer", false}, {"tier", true},
            {"item", false}, {"location", false}, {"due_date", false}, {"days_late", true},
            {"qty_open", true}, {"unit_price", true}, {"value", true}, {"short", false}});
        for (const model::KpiOrderLineRow &r : d.orderLines)
            t.rows.append({r.orderId, r.line, r.customer, r.tier, r.item, r.location,
                dayText(r.dueDate), r.daysLate, r.qtyOpen, r.unitPrice, r.value, r.isShort});
        break;
    case model::KpiBasis::Decisions:
        columns({{"id", true}, {"planner", false}, {"decided_at", false}, {"exception_id", false},
            {"action", false}, {"kind", false}, {"override_qty", true}, {"reason", false},
            {"state", false}, {"touch_hours", true}, {"run_id", true}});
        for (const model::KpiDecisionRow &r : d.decisions)
            t.rows.append(
                {r.id, r.planner, r.decidedAt, r.exceptionId, r.action, decisionKind(r.kind),
                    r.kind == model::Decision::Overridden ? QJsonValue(r.overrideQty)
                                                          : QJsonValue(QJsonValue::Null),
                    r.reasonCode, r.state, optionalNumber(r.touchHours), r.runId});
        if (model::isTransferCycle(d.query.measure)) {
            // Its cycle: when each step happened and the legs' hours.
            columns({{"exported_at", false}, {"accepted_at", false}, {"received_at", false},
                {"export_hours", true}, {"ack_hours", true}, {"received_hours", true}});
            const auto orNull = [](const QString &at) {
                return at.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(at);
            };
            for (std::size_t i = 0; i < d.decisions.size(); ++i) {
                const model::KpiDecisionRow &r = d.decisions[i];
                t.rows[qsizetype(i)].append({orNull(r.exportedAt), orNull(r.acceptedAt),
                    orNull(r.receivedAt), optionalNumber(r.exportHours), optionalNumber(r.ackHours),
                    optionalNumber(r.receivedHours)});
            }
        }
        break;
    case model::KpiBasis::SkuLocations:
        columns({{"item", false}, {"location", false}, {"abc", false}, {"on_hand", true},
            {"allocated", true}, {"open_lines", true}, {"open_qty", true}, {"forecast_qty", true}});
        for (const model::KpiStockoutRow &r : d.stockouts)
            t.rows.append({r.item, r.location, r.abc, r.onHand, r.allocated, r.openLines, r.openQty,
                r.forecastQty});
        break;
    case model::KpiBasis::Stock:
        columns({{"item", false}, {"location", false}, {"abc", false}, {"on_hand", true},
            {"daily_demand", true}, {"unit_cost", true}, {"inventory_at_cost", true},
            {"annual_cogs", true}, {"turns", true}});
        for (const model::KpiStockRow &r : d.stock)
            t.rows.append({r.item, r.location, r.abc, r.onHand, r.dailyDemand, r.unitCost,
                r.stockAtCost, r.annualCogs, optionalNumber(r.turns())});
        break;
    }
    return t;
}

QString cellText(const QString &name, const QJsonValue &value)
{
    if (value.isNull())
        return u"-"_s;
    if (value.isBool())
        return value.toBool() ? u"yes"_s : u"no"_s;
    if (!value.isDouble())
        return value.toString();
    const double v = value.toDouble();
    if (name == u"exposure"_s || name == u"can_save"_s || name == u"excess_value"_s
        || name == u"amount"_s || name == u"unit_price"_s || name == u"value"_s
        || name == u"unit_cost"_s || name == u"inventory_at_cost"_s || name == u"annual_cogs"_s)
        return formatMoney(v);
    if (name == u"turns"_s || name == u"daily_demand"_s)
        return formatNumber(v, 2);
    if (name == u"touch_hours"_s || name == u"export_hours"_s || name == u"ack_hours"_s
        || name == u"received_hours"_s)
        return formatNumber(v, 1);
    if (name == u"id"_s || name == u"run_id"_s || name == u"line"_s || name == u"rank"_s)
        return QString::number(qint64(v));
    return formatQuantity(v);
}

void printTable(const model::KpiDrillDown &d, QTextStream &out)
{
    out << terminalText(model::measureTitle(d.query.measure)) << " as of "
        << dayText(d.snapshot.asOf) << terminalText(groupPhrase(d.query.by, d.query.key)) << ": "
        << terminalText(figureText(d));
    if (d.query.measure == model::KpiMeasure::FillRate)
        out << ", " << d.rowCount() << " of " << d.figures.openLines
            << " open order lines at a short item-location";
    else if (d.query.measure == model::KpiMeasure::Tier1FillRate)
        out << ", " << d.rowCount() << " of " << d.figures.tier1Lines
            << " tier-1 order lines at a short item-location";
    else
        out << " from " << rowsText(d);
    if (d.basis == model::KpiBasis::Stock)
        out << " (annual cost of goods " << formatMoney(d.annualCogs()) << " / stock at cost "
            << formatMoney(d.stockAtCost()) << ')';
    if (model::isMoney(d.query.measure))
        out << " (total " << formatMoney(d.total()) << ')';
    out << "\nSnapshot " << terminalText(d.snapshot.snapshotId) << " (version "
        << d.snapshot.version << ")";
    if (d.runId > 0)
        out << ", run " << d.runId;
    out << ".\n";
    const Table t = tableOf(d);
    if (t.rows.isEmpty()) {
        out << "Nothing is behind this figure.\n";
        return;
    }
    QList<QStringList> rows;
    for (const QList<QJsonValue> &row : t.rows) {
        QStringList cells;
        for (qsizetype c = 0; c < row.size(); ++c)
            cells << cellText(t.names[c], row[c]);
        rows << cells;
    }
    out << '\n' << renderTable(t.columns, rows);
}

void printJson(const model::KpiDrillDown &d, QTextStream &out)
{
    const Table t = tableOf(d);
    QJsonArray rows;
    for (const QList<QJsonValue> &row : t.rows) {
        QJsonObject object;
        for (qsizetype c = 0; c < row.size(); ++c)
            object.insert(t.names[c], row[c]);
        rows.append(object);
    }
    QJsonObject root {{u"kpi"_s, model::measureName(d.query.measure)},
        {u"title"_s, model::measureTitle(d.query.measure)}, {u"as_of"_s, dayText(d.snapshot.asOf)},
        {u"snapshot_id"_s, d.snapshot.snapshotId}, {u"version"_s, d.snapshot.version},
        {u"run_id"_s, d.runId > 0 ? QJsonValue(d.runId) : QJsonValue(QJsonValue::Null)},
        {u"by"_s,
            d.query.by == model::KpiDimension::None ? QJsonValue(QJsonValue::Null)
                                                    : QJsonValue(model::dimensionName(d.query.by))},
        {u"key"_s, d.query.key.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(d.query.key)},
        {u"currency"_s, d.snapshot.currency}, {u"value"_s, optionalNumber(d.value())},
        {u"total"_s, d.total()}, {u"row_count"_s, d.rowCount()}, {u"rows"_s, rows}};
    if (d.basis == model::KpiBasis::Stock) {
        // The rows' sums: the figure is their ratio.
        root.insert(u"annual_cogs"_s, d.annualCogs());
        root.insert(u"inventory_at_cost"_s, d.stockAtCost());
    }
    out << escapedJson(QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)));
}

void printCsv(const model::KpiDrillDown &d, QTextStream &out)
{
    const Table t = tableOf(d);
    out << t.names.join(u',') << '\n';
    for (const QList<QJsonValue> &row : t.rows) {
        QStringList cells;
        for (const QJsonValue &v : row)
            cells << (v.isNull()   ? QString()
                    : v.isBool()   ? (v.toBool() ? u"1"_s : u"0"_s)
                    : v.isDouble() ? QString::number(v.toDouble(), 'g', 15)
                                   : csvField(v.toString()));
        out << cells.join(u',') << '\n';
    }
}

} // namespace

int runKpiExplain(const Invocation &invocation, model::KpiDimension by, const QString &format)
{
    const QString name = invocation.value(u"explain"_s);
    const auto measure = model::parseMeasure(name);
    if (!measure) {
        QStringList names;
        for (int m = 0; m < model::kKpiMeasureCount; ++m)
            names << model::measureName(model::KpiMeasure(m));
        return invocation.usageError(
            u"unknown KPI '"_s + name + u"' for --explain ("_s + names.join(u", "_s) + u')');
    }
    const QString dateText = invocation.value(u"date"_s);
    const auto date = engine::parseDate(dateText.toStdString());
    if (!date)
        return invocation.usageError(
            u"--explain needs --date YYYY-MM-DD, the snapshot's as-of date; got '"_s + dateText
            + u'\'');
    if (invocation.isSet(u"from"_s) || invocation.isSet(u"to"_s))
        return invocation.usageError(u"--explain takes --date, not --from or --to"_s);
    auto workbench = Invocation::openExisting(invocation.requiredDatabase());
    if (!workbench)
        return invocation.error(workbench.error());
    auto drill
        = (*workbench)->kpis().drillDown({*measure, *date, 0, by, invocation.value(u"key"_s)});
    if (!drill)
        return invocation.error(drill.error());
    if (format == u"json"_s)
        printJson(*drill, invocation.out());
    else if (format == u"csv"_s)
        printCsv(*drill, invocation.out());
    else
        printTable(*drill, invocation.out());
    return ExitOk;
}

} // namespace pwb
