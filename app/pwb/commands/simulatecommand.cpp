// `pwb simulate`: the network plan of the current snapshot (every item at once, lane
// capacity shared), and with a scenario file what it changes, as a table or JSON.

#include "app/pwb/command.h"
#include "app/pwb/textformat.h"
#include "model/json/policyjson.h"
#include "model/scenarios/proposal.h"
#include "model/simulation/networksimulation.h"
#include "model/simulation/scenariojson.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

namespace sim = engine::simulation;

QString idOf(const engine::IdTable &ids, engine::Index i)
{
    return i >= 0 && i < ids.size() ? QString::fromStdString(ids.at(i)) : u"-"_s;
}

void writeTotals(QTextStream &out, const sim::SimulationResult &r, const QString &title)
{
    out << title << '\n';
    const QList<QStringList> rows {
        {u"Plan cost (objective)"_s, formatMoney(r.objective)},
        {u"Items planned"_s, QString::number(r.itemsPlanned)},
        {u"Units moved"_s, formatQuantity(r.unitsMoved)},
        {u"Transfer cost"_s, formatMoney(r.transferCost)},
        {u"Expedite cost"_s, formatMoney(r.expediteCost)},
        {u"Purchase cost"_s, formatMoney(r.purchaseCost)},
        {u"Value covered on time"_s, formatMoney(r.valueCovered)},
        {u"Exposure left"_s, formatMoney(r.exposureLeft)},
        {u"Fill rate, tier 1"_s, formatPercent(r.fillRateTier1)},
        {u"Fill rate, all lines"_s, formatPercent(r.fillRateAll)},
    };
    out << renderTable({{u"Figure"_s}, {u"Value"_s, true}}, rows, u"  "_s) << '\n';
}

void writeLanes(QTextStream &out, const engine::Snapshot &snap, const sim::SimulationResult &r)
{
    QList<QStringList> rows;
    for (const sim::LaneUse &u : r.lanes) {
        if (u.units <= 0)
            continue;
        rows.append({idOf(snap.locations.ids, u.from), idOf(snap.locations.ids, u.to),
            formatQuantity(u.units), formatQuantity(u.peakPerDay),
            u.capacityPerDay == sim::kUnlimited ? u"unlimited"_s
                                                : formatQuantity(double(u.capacityPerDay)),
            u.capacityPerDay == sim::kUnlimited ? u"-"_s : formatPercent(u.peakUtilisation()),
            QString::number(u.daysFull)});
    }
    out << "Lanes used\n";
    if (rows.isEmpty()) {
        out << "  none\n";
        return;
    }
    out << renderTable(
        {{u"From"_s}, {u"To"_s}, {u"Units"_s, true}, {u"Peak/day"_s, true},
            {u"Capacity/day"_s, true}, {u"Peak use"_s, true}, {u"Days full"_s, true}},
        rows, u"  "_s)
        << '\n';
}

void writeDifferences(QTextStream &out, const sim::Comparison &c)
{
    out << "Scenario minus base\n";
    const QList<QStringList> rows {
        {u"Plan cost (objective)"_s, formatMoney(c.objective)},
        {u"Units moved"_s, formatQuantity(c.unitsMoved)},
        {u"Transfer cost"_s, formatMoney(c.transferCost)},
        {u"Value covered on time"_s, formatMoney(c.valueCovered)},
        {u"Exposure left"_s, formatMoney(c.exposureLeft)},
        {u"Fill rate, tier 1 (points)"_s, formatNumber(100 * c.fillRateTier1)},
        {u"Fill rate, all lines (points)"_s, formatNumber(100 * c.fillRateAll)},
        {u"Lanes changed"_s, QString::number(c.lanes.size())},
        {u"Items changed"_s, QString::number(c.items.size())},
    };
    out << renderTable({{u"Figure"_s}, {u"Change"_s, true}}, rows, u"  "_s) << '\n';
}

int runSimulate(const Invocation &invocation)
{
    const QString db = invocation.requiredDatabase();
    if (db.isEmpty())
        return ExitUsage;
    const QString format = invocation.value(u"format"_s);
    if (format != u"table"_s && format != u"json"_s)
        return invocation.usageError(u"unknown format '"_s + format + u"' (table or json)"_s);
    const auto policy = model::loadPolicy(invocation.value(u"policy"_s));
    if (!policy)
        return invocation.error(policy.error());
    std::optional<sim::Scenario> scenario;
    if (invocation.isSet(u"scenario"_s)) {
        auto loaded = model::loadScenario(invocation.value(u"scenario"_s));
        if (!loaded)
            return invocation.error(loaded.error());
        scenario = std::move(*loaded);
    }
    auto workbench = Invocation::openExisting(db);
    if (!workbench)
        return invocation.error(workbench.error());
    sim::NetworkOptions options;
    options.keepInstance = format == u"json"_s && !invocation.isSet(u"no-instance"_s);
    const auto run = model::simulateCurrent(**workbench, *policy, scenario, options);
    if (!run)
        return invocation.error(run.error());

    if (format == u"json"_s) {
        QJsonObject out {{u"snapshot_id"_s, run->info.snapshotId},
            {u"snapshot_version"_s, run->info.version},
            {u"as_of"_s, QString::fromStdString(engine::formatDate(run->info.asOf))},
            {u"currency"_s, run->info.currency},
            {u"base"_s, model::simulationToJson(*run->snapshot, run->base, options.keepInstance)}};
        if (run->withScenario) {
            out[u"scenario"_s] = model::scenarioToJson(*run->scenario);
            out[u"with_scenario"_s] = model::simulationToJson(
                *run->scenarioSnapshot, *run->withScenario, options.keepInstance);
            out[u"difference"_s]
                = model::comparisonToJson(*run->scenarioSnapshot, *run->comparison);
            // What `pwb scenario propose` would hand to the planners (nothing is stored).
            int leftOut = 0;
            out[u"proposals"_s]
                = model::proposedTransfersToJson(model::proposedTransfers(*run, &leftOut));
            out[u"proposals_left_out"_s] = leftOut;
        }
        invocation.out() << escapedJson(
            QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
        return ExitOk;
    }
    QTextStream &out = invocation.out();
    out << "Snapshot " << terminalText(run->info.snapshotId) << " (version " << run->info.version
        << ", as of " << QString::fromStdString(engine::formatDate(run->info.asOf)) << ")\n\n";
    writeTotals(out, run->base.result, u"Network plan"_s);
    writeLanes(out, *run->snapshot, run->base.result);
    if (run->withScenario) {
        out << '\n';
        writeTotals(out, run->withScenario->result,
            u"With scenario "_s + terminalText(QString::fromStdString(run->scenario->name)));
        writeLanes(out, *run->scenarioSnapshot, run->withScenario->result);
        out << '\n';
        writeDifferences(out, *run->comparison);
    }
    return ExitOk;
}

} // namespace

Command simulateCommand()
{
    return {u"simulate"_s,
        u"simulate --db FILE [--scenario FILE.json] [--policy FILE] [--format table|json]"_s,
        u"Simulate transfers across the whole network"_s,
        u"Plans every short item of the current snapshot at once, with each lane's capacity "
        "shared by all items, and prints what the plan moves, what it covers and how full "
        "each lane runs. With --scenario, also plans the snapshot as the scenario changes it "
        "and prints the differences. JSON output includes the linear program solved and, "
        "with --scenario, the transfers proposing it would hand to the planners."_s,
        {dbOption(), {u"scenario"_s, u"A scenario file (JSON; see docs/cli.md)."_s, u"file"_s},
            policyOption(), {u"format"_s, u"table (default) or json."_s, u"format"_s, u"table"_s},
            {u"no-instance"_s, u"JSON without the linear program (smaller)."_s}},
        0, 0, &runSimulate};
}

} // namespace pwb
