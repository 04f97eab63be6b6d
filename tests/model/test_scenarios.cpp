// Network scenarios saved in the database (schema 12, 13): saving, listing, results
// per snapshot, deleting, and the transfers a scenario's plan proposes, with the value
// each covers on time and the lateness it avoids, decided through the decisions' own
// path (role rule, audit, planned supply, export).

#include "engine/simulation/results.h"
#include "model/scenarios/proposal.h"
#include "model/simulation/networksimulation.h"
#include "model/simulation/scenariojson.h"
#include "model/store/store.h"
#include "model/workbench.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace {

const QString kDemo = QStringLiteral(PWB_SOURCE_DIR "/resources/demo");
const model::User kPlanner {u"pia"_s, engine::Role::Planner};
const model::User kManager {u"max"_s, engine::Role::Manager};

engine::simulation::Scenario laneClosed()
{
    auto s = model::scenarioFromJson(R"({"name": "file name", "changes": [
        {"kind": "disable_lane", "from": "DC-WEST", "to": "BR-02"}]})",
        u"test"_s);
    if (!s)
        qFatal("%s", qPrintable(s.error().message));
    return *s;
}

/// The lane closed and SUP-002 ten days late: the demo's network plan then sends three
/// transfers (with the lane closed alone, one).
engine::simulation::Scenario laneClosedSupplierLate()
{
    auto s = model::scenarioFromJson(R"({"name": "file name", "changes": [
        {"kind": "disable_lane", "from": "DC-WEST", "to": "BR-02"},
        {"kind": "delay_supplier", "supplier": "SUP-002", "days": 10}]})",
        u"test"_s);
    if (!s)
        qFatal("%s", qPrintable(s.error().message));
    return *s;
}

engine::Policy policyFrom(const QByteArray &json)
{
    auto policy = model::policyFromJson(json, u"test"_s);
    if (!policy)
        qFatal("%s", qPrintable(policy.error().message));
    return *policy;
}

QByteArray count(const QString &db, const char *table)
{
    const QByteArray sql = QByteArray("SELECT count(*) FROM ") + table;
    return testsupport::queryValue(db, sql.constData());
}

} // namespace

class TestScenarios : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void saveListUpdateDelete();
    void demandSpikeJsonKeepsItsGroup();
    void badInputLeavesTheStoreAsItWas();
    void resultsAreKeptPerSnapshot();
    void proposalIsApprovedPlannedAndExportedOnce();
    void proposalsCountLatenessAvoided();
    void guardrailsRefuseAProposedTransfer();
    void aSecondApproverChecksAProposedTransfer();
    void aNewSnapshotClosesTheProposal();
    void schema11MigratesToScenarios();
    void schema12MigratesToLatenessAvoided();

private:
    std::unique_ptr<model::Workbench> open(const engine::Policy &policy = {});
    model::SimulationRun run(model::Workbench &workbench);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

void TestScenarios::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = m_dir->filePath(u"w.db"_s);
}

std::unique_ptr<model::Workbench> TestScenarios::open(const engine::Policy &policy)
{
    auto workbench = model::Workbench::open(m_db);
    if (!workbench)
        return nullptr;
    auto imported = (*workbench)->importer().importSnapshot(kDemo, policy);
    if (!imported)
        qWarning("%s", qPrintable(imported.error().message));
    return imported ? std::move(*workbench) : nullptr;
}

model::SimulationRun TestScenarios::run(model::Workbench &workbench)
{
    auto saved = workbench.scenarios().find(u"West lane closed"_s);
    if (!saved)
        qFatal("%s", qPrintable(saved.error().message));
    auto policy = workbench.runs().runPolicy();
    auto r = model::simulateCurrent(workbench, *policy, saved->scenario);
    if (!r)
        qFatal("%s", qPrintable(r.error().message));
    return std::move(*r);
}

void TestScenarios::saveListUpdateDelete()
{
    auto workbench = open();
    QVERIFY(workbench);
    model::ScenarioStore &scenarios = workbench->scenarios();
    auto saved = scenarios.save(u"  West lane closed "_s, laneClosed(), kPlanner);
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
    QCOMPARE(saved->name, u"West lane closed"_s);
    QCOMPARE(saved->scenario.name, std::string("West lane closed"));
    QCOMPARE(saved->author, u"pia"_s);
    QCOMPARE(saved->scenario.changes.size(), std::size_t(1));

    // The same name in other case is the same scenario: a new version of it.
    auto changed = laneClosed();
    changed.changes.push_back(changed.changes.front());
    std::get<engine::simulation::DisableLane>(changed.changes.back()).from = "DC-EAST";
    auto updated = scenarios.save(u"west lane closed"_s, changed, kManager);
    QVERIFY2(updated, qPrintable(updated ? QString() : updated.error().message));
    QCOMPARE(updated->id, saved->id);
    QCOMPARE(updated->author, u"pia"_s);
    QCOMPARE(updated->updatedBy, u"max"_s);
    QCOMPARE(updated->scenario.changes.size(), std::size_t(2));
    auto all = scenarios.list();
    QVERIFY(all);
    QCOMPARE(all->size(), std::size_t(1));
    QCOMPARE(
        model::scenarioToJson(all->front().scenario), model::scenarioToJson(updated->scenario));

    QCOMPARE(scenarios.find(u"nothing"_s).error().code, model::Error::BadInput);
    QVERIFY(scenarios.remove(u"WEST LANE CLOSED"_s, kPlanner));
    QCOMPARE(count(m_db, "scenarios"), QByteArray("0"));
    QCOMPARE(testsupport::queryValue(m_db,
                 "SELECT group_concat(event || ' ' || user, ',') FROM audit_events WHERE event "
                 "LIKE 'scenario.%' ORDER BY seq"),
        QByteArray("scenario.save pia,scenario.save max,scenario.delete pia"));
}

void TestScenarios::demandSpikeJsonKeepsItsGroup()
{
    auto s = model::scenarioFromJson(R"({"name": "valves up", "changes": [
        {"kind": "demand_spike", "group": "VALVE20", "percent": 40}]})",
        u"test"_s);
    QVERIFY2(s, qPrintable(s ? QString() : s.error().message));
    const auto &spike = std::get<engine::simulation::DemandSpike>(s->changes.at(0));
    QCOMPARE(spike.group, std::string("VALVE20"));
    QCOMPARE(spike.percent, 40.0);
    const QJsonObject json = model::scenarioToJson(*s);
    QCOMPARE(json.value(u"changes"_s).toArray().at(0).toObject().value(u"group"_s).toString(),
        u"VALVE20"_s);
    // A misspelt key is an error naming it, not a spike everywhere.
    auto typo = model::scenarioFromJson(R"({"name": "x", "changes": [
        {"kind": "demand_spike", "grup": "VALVE20", "percent": 40}]})",
        u"test"_s);
    QVERIFY(!typo);
    QVERIFY2(typo.error().message.contains(u"grup"_s), qPrintable(typo.error().message));
}

void TestScenarios::badInputLeavesTheStoreAsItWas()
{
    auto workbench = open();
    QVERIFY(workbench);
    model::ScenarioStore &scenarios = workbench->scenarios();
    QVERIFY(scenarios.save(u"West lane closed"_s, laneClosed(), kPlanner));
    const QByteArray events = count(m_db, "audit_events");
    auto empty = scenarios.save(u"   "_s, laneClosed(), kPlanner);
    QVERIFY(!empty);
    QCOMPARE(empty.error().code, model::Error::BadInput);
    QVERIFY(!scenarios.save(u"two\nlines"_s, laneClosed(), kPlanner));
    QCOMPARE(scenarios.remove(u"no such"_s, kPlanner).error().code, model::Error::BadInput);
    QCOMPARE(count(m_db, "scenarios"), QByteArray("1"));
    QCOMPARE(count(m_db, "audit_events"), events);
    // A scenario that names what the snapshot lacks runs into a clear error.
    auto bad = model::scenarioFromJson(
        R"({"name": "x", "changes": [{"kind": "disable_lane", "from": "NOWHERE", "to": "BR-02"}]})",
        u"test"_s);
    QVERIFY(bad);
    auto r = model::simulateCurrent(*workbench, {}, *bad);
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(u"NOWHERE"_s), qPrintable(r.error().message));
    // The proposal of a run without a scenario is refused, and nothing is stored.
    auto base = model::simulateCurrent(*workbench, {}, std::nullopt);
    QVERIFY(base);
    QVERIFY(!scenarios.propose(1, *base, kPlanner));
    QCOMPARE(count(m_db, "proposals"), QByteArray("0"));
}

void TestScenarios::resultsAreKeptPerSnapshot()
{
    auto workbench = open();
    QVERIFY(workbench);
    model::ScenarioStore &scenarios = workbench->scenarios();
    auto saved = scenarios.save(u"West lane closed"_s, laneClosed(), kPlanner);
    QVERIFY(saved);
    const model::SimulationRun r = run(*workbench);
    auto kept = scenarios.recordResults(saved->id, r);
    QVERIFY2(kept, qPrintable(kept ? QString() : kept.error().message));
    auto found = scenarios.find(u"West lane closed"_s);
    QVERIFY(found);
    QCOMPARE(found->results.size(), std::size_t(1));
    const model::ScenarioResults *on1 = found->resultsOn(1);
    QVERIFY(on1);
    QVERIFY(on1->matchesScenario);
    const QJsonObject results = on1->results;
    QCOMPARE(results[u"base"_s][u"units_moved"_s].toDouble(), r.base.result.unitsMoved);
    QCOMPARE(results[u"with_scenario"_s][u"units_moved"_s].toDouble(),
        r.withScenario->result.unitsMoved);
    QCOMPARE(results[u"difference"_s][u"exposure_left"_s].toDouble(),
        r.withScenario->result.exposureLeft - r.base.result.exposureLeft);
    // The figures per location, item and lane are kept beside the totals, read apart.
    QVERIFY(!results.contains(u"breakdown"_s));
    QVERIFY(!kept->results.contains(u"breakdown"_s));
    auto breakdown = scenarios.breakdown(saved->id, 1);
    QVERIFY(breakdown && *breakdown);
    const model::ResultBreakdown with
        = model::breakdownOf(*r.scenarioSnapshot, r.withScenario->result);
    QCOMPARE((*breakdown)->withScenario.locations.size(), with.locations.size());
    QCOMPARE((*breakdown)->withScenario.items.size(), with.items.size());
    QCOMPARE((*breakdown)->base.lanes.size(), r.base.result.lanes.size());
    QVERIFY(!with.items.empty());
    for (std::size_t i = 0; i < with.items.size(); ++i) {
        QCOMPARE((*breakdown)->withScenario.items[i].item, with.items[i].item);
        QCOMPARE((*breakdown)->withScenario.items[i].exposureLeft, with.items[i].exposureLeft);
        QCOMPARE((*breakdown)->withScenario.items[i].onTimeUnits, with.items[i].onTimeUnits);
    }
    for (std::size_t l = 0; l < with.locations.size(); ++l) {
        QCOMPARE((*breakdown)->withScenario.locations[l].unitsIn, with.locations[l].unitsIn);
        QCOMPARE((*breakdown)->withScenario.locations[l].tier1Units, with.locations[l].tier1Units);
    }
    // The location figures add up to the totals.
    double onTime = 0, ordered = 0;
    for (const model::LocationFigures &l : (*breakdown)->base.locations) {
        onTime += l.onTimeUnits;
        ordered += l.orderUnits;
    }
    QVERIFY(qAbs(onTime - r.base.result.onTimeUnits) < 1e-6);
    QVERIFY(qAbs(ordered - r.base.result.orderUnits) < 1e-6);
    auto none = scenarios.breakdown(saved->id, 99);
    QVERIFY(none && !*none);
    // Edited afterwards: the result is still there, marked as of the old version.
    auto changed = laneClosed();
    changed.changes.clear();
    QVERIFY(scenarios.save(u"West lane closed"_s, changed, kPlanner));
    found = scenarios.find(u"West lane closed"_s);
    QVERIFY(found && found->resultsOn(1));
    QVERIFY(!found->resultsOn(1)->matchesScenario);
    // A new snapshot: the scenario runs again, and both results are kept.
    QVERIFY(workbench->importer().importSnapshot(kDemo, {}));
    QVERIFY(scenarios.save(u"West lane closed"_s, laneClosed(), kPlanner));
    QVERIFY(scenarios.recordResults(saved->id, run(*workbench)));
    found = scenarios.find(u"West lane closed"_s);
    QVERIFY(found);
    QCOMPARE(found->results.size(), std::size_t(2));
    QCOMPARE(found->results.front().snapshotVersion, 2);
}

void TestScenarios::proposalIsApprovedPlannedAndExportedOnce()
{
    auto workbench = open();
    QVERIFY(workbench);
    auto saved
        = workbench->scenarios().save(u"West lane closed"_s, laneClosedSupplierLate(), kPlanner);
    QVERIFY(saved);
    auto proposal = workbench->scenarios().propose(saved->id, run(*workbench), kPlanner);
    QVERIFY2(proposal, qPrintable(proposal ? QString() : proposal.error().message));
    QVERIFY(!proposal->transfers.empty());
    for (const model::ProposedTransfer &t : proposal->transfers) {
        QVERIFY(t.qty >= 1);
        QCOMPARE(t.qty, std::round(t.qty));
        // The closed lane is not used.
        QVERIFY(!(t.fromLocationId == u"DC-WEST"_s && t.toLocationId == u"BR-02"_s));
    }
    auto open = workbench->scenarios().proposals(true);
    QVERIFY(open);
    QCOMPARE(open->size(), std::size_t(1));
    QVERIFY(open->front().open);
    const model::ProposedTransfer first = open->front().transfers.front();
    QCOMPARE(first.exceptionId(), u"NP-"_s + QString::number(proposal->id) + u"-1"_s);
    QVERIFY(first.decision.isEmpty());

    auto approved = workbench->decisions().decideProposal(
        first.exceptionId(), model::Decision::Approved, kPlanner);
    QVERIFY2(approved, qPrintable(approved ? QString() : approved.error().message));
    QCOMPARE(approved->action, u"transfer"_s);
    // Approving it twice is refused; the decision shows on the proposal.
    QCOMPARE(workbench->decisions()
                 .decideProposal(first.exceptionId(), model::Decision::Approved, kPlanner)
                 .error()
                 .code,
        model::Error::BadInput);
    auto again = workbench->scenarios().proposal(proposal->id);
    QVERIFY(again);
    QCOMPARE(again->transfers.front().decision, u"approved"_s);
    QCOMPARE(again->transfers.front().decidedBy, u"pia"_s);

    // Planned supply: what the ERP is to do, counted by the next run.
    QCOMPARE(testsupport::queryValue(m_db,
                 "SELECT kind || ' ' || item_id || ' ' || from_location_id || ' ' || "
                 "to_location_id || ' ' || CAST(qty AS INTEGER) FROM planned_actions"),
        QByteArray("transfer ") + first.itemId.toUtf8() + ' ' + first.fromLocationId.toUtf8() + ' '
            + first.toLocationId.toUtf8() + ' ' + QByteArray::number(first.qty));
    QCOMPARE(testsupport::queryValue(m_db,
                 "SELECT event || ' ' || exception_id || ' ' || outcome FROM audit_events WHERE "
                 "event = 'decision.approve'"),
        "decision.approve " + first.exceptionId().toUtf8() + " recorded");
    QCOMPARE(count(m_db, "audit_events WHERE event = 'scenario.propose'"), QByteArray("1"));

    // Exported once.
    auto batch = workbench->exporter().exportApproved(
        m_dir->filePath(u"out"_s), model::ExportFormat::Json, kPlanner);
    QVERIFY2(batch, qPrintable(batch ? QString() : batch.error().message));
    QCOMPARE(batch->recordCount, 1);
    auto second = workbench->exporter().exportApproved(
        m_dir->filePath(u"out2"_s), model::ExportFormat::Json, kPlanner);
    QVERIFY(second);
    QCOMPARE(second->batchId, 0);
    again = workbench->scenarios().proposal(proposal->id);
    QVERIFY(again && again->transfers.front().exported);

    // A rejection of another line is recorded, with its reason.
    if (proposal->transfers.size() > 1) {
        auto rejected = workbench->decisions().decideProposal(proposal->transfers[1].exceptionId(),
            model::Decision::Rejected, kPlanner, {}, u"capacity_limit"_s);
        QVERIFY2(rejected, qPrintable(rejected ? QString() : rejected.error().message));
    }
    // Proposing again supersedes this one: its open lines can no longer be decided.
    auto newer = workbench->scenarios().propose(saved->id, run(*workbench), kPlanner);
    QVERIFY(newer);
    auto old = workbench->scenarios().proposal(proposal->id);
    QVERIFY(old);
    QCOMPARE(old->supersededBy, newer->id);
    QVERIFY(!old->open);
    const QString last = proposal->transfers.back().exceptionId();
    if (proposal->transfers.size() > 2) {
        auto refused
            = workbench->decisions().decideProposal(last, model::Decision::Approved, kPlanner);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, model::Error::NotAllowed);
    }
    QCOMPARE(workbench->decisions()
                 .decideProposal(u"NP-x"_s, model::Decision::Approved, kPlanner)
                 .error()
                 .code,
        model::Error::BadInput);
}

// On the demo with the West lane closed and SUP-002 ten days late, every proposed
// transfer avoids something, and per item and destination the transfers share what
// the plan does for the lines there (engine::simulation::linesCovered), kept as they
// were computed when proposed.
void TestScenarios::proposalsCountLatenessAvoided()
{
    auto workbench = open();
    QVERIFY(workbench);
    auto saved
        = workbench->scenarios().save(u"West lane closed"_s, laneClosedSupplierLate(), kPlanner);
    QVERIFY(saved);
    const model::SimulationRun r = run(*workbench);
    int leftOut = 0;
    const std::vector<model::ProposedTransfer> transfers = model::proposedTransfers(r, &leftOut);
    QVERIFY(!transfers.empty());
    std::map<std::pair<QString, QString>, std::pair<double, double>> shared;
    double lateness = 0;
    for (const model::ProposedTransfer &t : transfers) {
        QVERIFY2(t.benefit() > 0, qPrintable(t.itemId + u" to "_s + t.toLocationId));
        QCOMPARE(t.benefit(), t.valueCovered + t.latenessAvoided);
        auto &[onTime, late] = shared[{t.itemId, t.toLocationId}];
        onTime += t.valueCovered;
        late += t.latenessAvoided;
        lateness += t.latenessAvoided;
    }
    QVERIFY(lateness > 0);
    // Worked by hand: SKU-00046 goes BR-02 -> DC-EAST for DC-EAST's one line, 22 units
    // due on day 3. Unserved, a unit costs its margin 2.49 and 0.2273 of penalty for each
    // of the 25 days to the horizon end: 8.1725. The transfer lands on day 4, a day late:
    // 0.2273 of penalty and 1/28 of the margin (the lost-sale share of a day) = 0.3162.
    // Nothing on time, but 22 x (8.1725 - 0.3162) = 172.84 of lateness avoided.
    const auto toEast = std::find_if(transfers.begin(), transfers.end(),
        [](const auto &t) { return t.itemId == u"SKU-00046"_s && t.toLocationId == u"DC-EAST"_s; });
    QVERIFY(toEast != transfers.end());
    QCOMPARE(toEast->qty, 22.0);
    QCOMPARE(toEast->valueCovered, 0.0);
    QVERIFY2(qAbs(toEast->latenessAvoided - 22 * (8.1725 - (0.2273 + 2.49 / 28))) < 0.001,
        qPrintable(QString::number(toEast->latenessAvoided, 'f', 6)));
    const engine::simulation::Simulation &plan = *r.withScenario;
    const engine::Snapshot &snap = *r.scenarioSnapshot;
    for (const auto &[key, sum] : shared) {
        int item = -1;
        for (std::size_t k = 0; k < plan.model.items.size(); ++k) {
            if (snap.items.ids.at(plan.model.items[k].item) == key.first.toStdString())
                item = int(k);
        }
        QVERIFY(item >= 0);
        const auto covered = engine::simulation::linesCovered(
            plan.model, plan.plan, item, snap.locations.ids.find(key.second.toStdString()));
        // Whole units of a fractional plan: the shares add up to the lines' figures.
        QVERIFY(qAbs(sum.first - covered.valueCovered) < 0.01);
        QVERIFY(qAbs(sum.second - covered.latenessAvoided) < 0.01);
    }

    auto proposal = workbench->scenarios().propose(saved->id, r, kPlanner);
    QVERIFY(proposal);
    auto stored = workbench->scenarios().proposal(proposal->id);
    QVERIFY(stored);
    QCOMPARE(stored->transfers.size(), transfers.size());
    for (std::size_t i = 0; i < transfers.size(); ++i) {
        QCOMPARE(stored->transfers[i].valueCovered, transfers[i].valueCovered);
        QCOMPARE(stored->transfers[i].latenessAvoided, transfers[i].latenessAvoided);
    }
    QVERIFY(testsupport::queryValue(
        m_db, "SELECT detail FROM audit_events WHERE event = 'scenario.propose'")
                .contains("lateness avoided"));
}

void TestScenarios::guardrailsRefuseAProposedTransfer()
{
    // A planner may approve transfers up to 1 (currency) only.
    auto workbench = open(policyFrom(R"({"approval_limits": [
        {"role": "planner", "action": "transfer", "max_cost": 1}]})"));
    QVERIFY(workbench);
    auto saved = workbench->scenarios().save(u"West lane closed"_s, laneClosed(), kPlanner);
    QVERIFY(saved);
    auto proposal = workbench->scenarios().propose(saved->id, run(*workbench), kPlanner);
    QVERIFY(proposal);
    const model::ProposedTransfer &t = proposal->transfers.front();
    QVERIFY(t.cost > 1);
    auto refused = workbench->decisions().decideProposal(
        t.exceptionId(), model::Decision::Approved, kPlanner);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, model::Error::NotAllowed);
    QVERIFY2(refused.error().message.contains(u"approval_limits[0]"_s),
        qPrintable(refused.error().message));
    QCOMPARE(count(m_db, "decisions"), QByteArray("0"));
    QCOMPARE(count(m_db, "planned_actions"), QByteArray("0"));
    QCOMPARE(testsupport::queryValue(
                 m_db, "SELECT outcome FROM audit_events WHERE event = 'decision.approve'"),
        QByteArray("refused: needs the manager role (approval_limits[0])"));
    // A manager may.
    auto approved = workbench->decisions().decideProposal(
        t.exceptionId(), model::Decision::Approved, kManager);
    QVERIFY2(approved, qPrintable(approved ? QString() : approved.error().message));
}

void TestScenarios::aSecondApproverChecksAProposedTransfer()
{
    auto workbench = open(policyFrom(R"({"second_approval_above": 1})"));
    QVERIFY(workbench);
    auto saved = workbench->scenarios().save(u"West lane closed"_s, laneClosed(), kPlanner);
    QVERIFY(saved);
    auto proposal = workbench->scenarios().propose(saved->id, run(*workbench), kPlanner);
    QVERIFY(proposal);
    const QString id = proposal->transfers.front().exceptionId();
    auto first = workbench->decisions().decideProposal(id, model::Decision::Approved, kPlanner);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    QVERIFY(first->awaitingCheck());
    QCOMPARE(count(m_db, "planned_actions"), QByteArray("0"));
    auto read = workbench->scenarios().proposal(proposal->id);
    QVERIFY(read);
    QCOMPARE(read->transfers.front().decision, u"awaiting second approval"_s);
    // The maker is not the checker.
    auto same = workbench->decisions().decideProposal(id, model::Decision::Approved, kPlanner);
    QVERIFY(!same);
    QCOMPARE(same.error().code, model::Error::NotAllowed);
    QCOMPARE(count(m_db, "planned_actions"), QByteArray("0"));
    auto second = workbench->decisions().decideProposal(id, model::Decision::Approved, kManager);
    QVERIFY2(second, qPrintable(second ? QString() : second.error().message));
    QCOMPARE(second->checkedBy, u"max"_s);
    QCOMPARE(count(m_db, "planned_actions"), QByteArray("1"));
    read = workbench->scenarios().proposal(proposal->id);
    QVERIFY(read);
    QCOMPARE(read->transfers.front().decision, u"approved"_s);
}

void TestScenarios::aNewSnapshotClosesTheProposal()
{
    auto workbench = open();
    QVERIFY(workbench);
    auto saved = workbench->scenarios().save(u"West lane closed"_s, laneClosed(), kPlanner);
    QVERIFY(saved);
    const model::SimulationRun before = run(*workbench);
    auto proposal = workbench->scenarios().propose(saved->id, before, kPlanner);
    QVERIFY(proposal);
    QVERIFY(workbench->importer().importSnapshot(kDemo, {}));
    // Its plan was made on the earlier snapshot: not approved against the new one.
    auto refused = workbench->decisions().decideProposal(
        proposal->transfers.front().exceptionId(), model::Decision::Approved, kPlanner);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, model::Error::NotAllowed);
    QVERIFY2(
        refused.error().message.contains(u"run scenario"_s), qPrintable(refused.error().message));
    QCOMPARE(count(m_db, "decisions"), QByteArray("0"));
    auto open = workbench->scenarios().proposals(true);
    QVERIFY(open);
    QVERIFY(open->empty());
    // Nor can the old run be proposed once another snapshot is current.
    auto stale = workbench->scenarios().propose(saved->id, before, kPlanner);
    QVERIFY(!stale);
    QCOMPARE(stale.error().code, model::Error::Busy);
    QCOMPARE(count(m_db, "proposals"), QByteArray("1"));
}

void TestScenarios::schema11MigratesToScenarios()
{
    {
        auto workbench = open();
        QVERIFY(workbench);
    }
    {
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(m_db.toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(testsupport::downgradeToSchema11(db), QString());
        sqlite3_close(db);
    }
    QCOMPARE(testsupport::queryValue(m_db, "PRAGMA user_version"), QByteArray("11"));
    auto reopened = model::Workbench::open(m_db);
    QVERIFY2(reopened, qPrintable(reopened ? QString() : reopened.error().message));
    QCOMPARE(testsupport::queryValue(m_db, "PRAGMA user_version").toInt(), model::kSchemaVersion);
    QVERIFY((*reopened)->scenarios().save(u"West lane closed"_s, laneClosed(), kPlanner));
    QCOMPARE(count(m_db, "scenarios"), QByteArray("1"));
}

// A proposal made before schema 13 keeps its figures and reads 0 of lateness avoided;
// one made after the upgrade has it.
void TestScenarios::schema12MigratesToLatenessAvoided()
{
    double valueCovered = 0;
    {
        auto workbench = open();
        QVERIFY(workbench);
        auto saved = workbench->scenarios().save(
            u"West lane closed"_s, laneClosedSupplierLate(), kPlanner);
        QVERIFY(saved);
        auto proposal = workbench->scenarios().propose(saved->id, run(*workbench), kPlanner);
        QVERIFY(proposal);
        valueCovered = proposal->transfers.front().valueCovered;
    }
    {
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(m_db.toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(testsupport::downgradeToSchema12(db), QString());
        sqlite3_close(db);
    }
    QCOMPARE(testsupport::queryValue(m_db, "PRAGMA user_version"), QByteArray("12"));
    auto reopened = model::Workbench::open(m_db);
    QVERIFY2(reopened, qPrintable(reopened ? QString() : reopened.error().message));
    QCOMPARE(testsupport::queryValue(m_db, "PRAGMA user_version").toInt(), model::kSchemaVersion);
    auto old = (*reopened)->scenarios().proposal(1);
    QVERIFY(old);
    QCOMPARE(old->transfers.front().valueCovered, valueCovered);
    for (const model::ProposedTransfer &t : old->transfers)
        QCOMPARE(t.latenessAvoided, 0.0);
    auto again = (*reopened)->scenarios().propose(1, run(**reopened), kPlanner);
    QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
    double lateness = 0;
    for (const model::ProposedTransfer &t : again->transfers)
        lateness += t.latenessAvoided;
    QVERIFY(lateness > 0);
}

QTEST_GUILESS_MAIN(TestScenarios)
#include "test_scenarios.moc"
