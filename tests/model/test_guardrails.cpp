// The guardrails of governance: approval limits by role, action and customer tier,
// read from the policy and enforced by the store whoever asks; what the system
// approves itself by the policy's auto_approve rules; and the stored policy that only
// a manager or an admin may change, with another one's approval.

#include "engine/scoring/approval.h"
#include "importedstore.h"
#include "model/workbench.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace storetest;

namespace {

engine::Policy policyFrom(const QByteArray &json)
{
    auto policy = model::policyFromJson(json, u"test"_s);
    if (!policy)
        qFatal("%s", qPrintable(policy.error().details.join(u'\n') + policy.error().message));
    return *policy;
}

/// One recommendation of the imported run: its exception, place and figures.
struct Found {
    QString exceptionId;
    int index = -1;
    engine::Recommendation recommendation;
    int worstTier = 0;
};

/// The first recommendation of the latest run for which `accept` holds.
template <class Accept> Found findRecommendation(model::Workbench &workbench, Accept &&accept)
{
    auto queue = workbench.runs().queue();
    if (!queue)
        return {};
    for (qsizetype r = 0; r < queue->size(); ++r) {
        auto e = workbench.runs().explainException(queue->exceptionId(r));
        if (!e || !e->exception)
            continue;
        const auto &list = e->exception->recommendations;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (accept(list[i], e->exception->worstTier))
                return {queue->exceptionId(r), int(i), list[i], e->exception->worstTier};
        }
    }
    return {};
}

} // namespace

class TestGuardrails : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void approvalLimitsPickTheRuleThatCounts();
    void approvalLimitsAreReadAndChecked();
    void noRulesKeepThePlannerLimitAndTheHash();
    void storeEnforcesLimitsByActionAndTier();
    void automaticApprovalsTakeTheRecordPath();
    void policyEditsAreAuditedWithBeforeAndAfter();

private:
    QTemporaryDir m_data;
    QString m_snapshot;
};

void TestGuardrails::initTestCase()
{
    QCOMPARE(storetest::generateSnapshot(m_data, m_snapshot), QString());
}

void TestGuardrails::approvalLimitsPickTheRuleThatCounts()
{
    const engine::Policy policy = policyFrom(R"({"planner_approval_limit": 1000,
        "approval_limits": [
            {"role": "planner", "action": "transfer", "max_cost": 5000},
            {"role": "planner", "action": "*", "tier": 1, "max_cost": 200},
            {"role": "manager", "action": "purchase", "max_cost": 20000},
            {"role": "manager", "action": "*", "max_cost": 50000}]})");
    using engine::Action;
    using engine::Role;
    const auto need = [&](Action a, double cost, int tier) {
        return engine::approvalNeeded(policy, a, cost, tier);
    };
    // A transfer: the planner's own rule (5000), not planner_approval_limit (1000).
    QCOMPARE(need(Action::Transfer, 4000, 2).role, Role::Planner);
    QCOMPARE(need(Action::Transfer, 4000, 2).rule, std::string());
    QCOMPARE(need(Action::Transfer, 6000, 0).role, Role::Manager);
    QCOMPARE(need(Action::Transfer, 6000, 0).rule, std::string("approval_limits[0]"));
    // Another action falls back on planner_approval_limit.
    QCOMPARE(need(Action::Expedite, 1500, 3).role, Role::Manager);
    QCOMPARE(need(Action::Expedite, 1500, 3).rule, std::string("planner_approval_limit"));
    // A tier-1 customer affected: 200 at most for a planner, whatever the action.
    QCOMPARE(need(Action::Transfer, 300, 1).role, Role::Manager);
    QCOMPARE(need(Action::Transfer, 300, 1).rule, std::string("approval_limits[1]"));
    QCOMPARE(need(Action::Transfer, 300, 2).role, Role::Planner);
    QCOMPARE(need(Action::Transfer, 150, 1).role, Role::Planner);
    // Above a manager's limit, only an admin; the manager's own rule for the action wins.
    QCOMPARE(need(Action::Purchase, 30000, 0).role, Role::Admin);
    QCOMPARE(need(Action::Purchase, 30000, 0).rule, std::string("approval_limits[2]"));
    QCOMPARE(need(Action::Expedite, 30000, 0).role, Role::Manager);
    QCOMPARE(need(Action::Expedite, 60000, 0).rule, std::string("approval_limits[3]"));
    QCOMPARE(engine::describeRule(policy, need(Action::Transfer, 300, 1)),
        std::string("approval_limits[1] (planner, any action, affecting tier 1: up to 200)"));
}

void TestGuardrails::approvalLimitsAreReadAndChecked()
{
    const engine::Policy policy = policyFrom(R"({"approval_limits": [
        {"role": "planner", "action": "transfer", "max_cost": 5000, "tier": 1}],
        "auto_approve": [{"action": "transfer", "max_cost": 250, "skip_tier": 1}]})");
    QCOMPARE(policy.approvalLimits.size(), std::size_t(1));
    QCOMPARE(policy.approvalLimits[0].tier, 1);
    QCOMPARE(policy.autoApprove.size(), std::size_t(1));
    QCOMPARE(policy.autoApprove[0].skipTier, 1);
    // Written back and read again: the same policy.
    auto again = model::policyFromJson(model::canonicalPolicyJson(policy), u"again"_s);
    QVERIFY(again);
    QCOMPARE(model::policyHash(*again), model::policyHash(policy));

    // Every mistake names the rule and its field.
    auto bad = model::policyFromJson(R"({"approval_limits": [
        {"role": "admin", "action": "transfer", "max_cost": 1},
        {"role": "planner", "action": "teleport", "max_cost": 1},
        {"role": "planner", "action": "*"},
        {"role": "planner", "action": "*", "max_cost": 1, "colour": "red"},
        {"role": "manager", "action": "*", "max_cost": 1, "tier": 4},
        {"role": "planner", "action": "*", "max_cost": 2},
        {"role": "planner", "action": "*", "max_cost": 3}],
        "auto_approve": [{"action": "*", "max_cost": 5}, {"action": "transfer"}]})",
        u"p.json"_s);
    QVERIFY(!bad);
    const QStringList details = bad.error().details;
    const QStringList expected {u"p.json: approval_limits[0].role: expected"_s,
        u"p.json: approval_limits[1].action: expected an action name"_s,
        u"p.json: approval_limits[2].max_cost: missing"_s,
        u"p.json: approval_limits[3].colour: unknown key"_s,
        u"p.json: approval_limits[4].tier: expected a whole number from 1 to 3"_s,
        u"p.json: approval_limits: two rules for planner, *; keep one"_s,
        u"p.json: auto_approve[0].action: expected an action name"_s,
        u"p.json: auto_approve[1].max_cost: missing"_s};
    for (const QString &start : expected) {
        QVERIFY2(std::any_of(details.begin(), details.end(),
                     [&start](const QString &d) { return d.startsWith(start); }),
            qPrintable(start + u"\n---\n"_s + details.join(u'\n')));
    }
    QVERIFY(!model::policyFromJson(R"({"approval_limits": {}})", u"p"_s));
}

void TestGuardrails::noRulesKeepThePlannerLimitAndTheHash()
{
    // A policy without rules writes no rule keys: its hash is the one it always had.
    const engine::Policy plain;
    QVERIFY(!model::policyToJson(plain).contains(u"approval_limits"_s));
    QVERIFY(!model::policyToJson(plain).contains(u"auto_approve"_s));
    engine::Policy limited;
    limited.approvalLimits.push_back({engine::Role::Planner, "*", 0, 5000});
    QVERIFY(model::policyHash(limited) != model::policyHash(plain));
    // Without rules planner_approval_limit alone decides, as it always did.
    QCOMPARE(engine::approvalNeeded(plain, engine::Action::Purchase, 5000, 1).role,
        engine::Role::Planner);
    QCOMPARE(engine::approvalNeeded(plain, engine::Action::Purchase, 5000.01, 0).role,
        engine::Role::Manager);
}

void TestGuardrails::storeEnforcesLimitsByActionAndTier()
{
    // Planners may approve transfers (where no tier-1 customer is affected) and
    // nothing else; a manager may approve no purchase.
    const engine::Policy policy = policyFrom(R"({"approval_limits": [
        {"role": "planner", "action": "*", "max_cost": 0},
        {"role": "planner", "action": "transfer", "max_cost": 1000000},
        {"role": "planner", "action": "*", "tier": 1, "max_cost": 0},
        {"role": "manager", "action": "purchase", "max_cost": 0}]})");
    std::unique_ptr<QTemporaryDir> dir;
    QString dbPath;
    std::unique_ptr<model::Workbench> workbench;
    model::ImportSummary summary;
    QCOMPARE(importFresh(m_snapshot, dir, dbPath, workbench, summary, policy), QString());
    model::UserStore &users = workbench->users();
    QVERIFY(users.addFirst(u"root"_s, engine::Role::Admin, "correct horse"));
    const model::User root {u"root"_s, engine::Role::Admin};
    QVERIFY(users.add(root, u"pat"_s, engine::Role::Planner, "planner-pass"));
    QVERIFY(users.add(root, u"mia"_s, engine::Role::Manager, "manager-pass"));
    const model::User pat {u"pat"_s, engine::Role::Planner};
    const model::User mia {u"mia"_s, engine::Role::Manager};
    model::DecisionStore &decisions = workbench->decisions();

    const Found transfer
        = findRecommendation(*workbench, [](const engine::Recommendation &r, int tier) {
              return r.action == engine::Action::Transfer && r.cost > 0 && tier != 1;
          });
    QVERIFY2(!transfer.exceptionId.isEmpty(), "no transfer away from tier-1 customers");
    QCOMPARE(transfer.recommendation.requiresRole, engine::Role::Planner);
    auto ok
        = decisions.record(transfer.exceptionId, transfer.index, model::Decision::Approved, pat);
    QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().message));

    const Found other
        = findRecommendation(*workbench, [](const engine::Recommendation &r, int tier) {
              return r.action == engine::Action::Expedite && r.cost > 0 && tier != 1;
          });
    QVERIFY2(!other.exceptionId.isEmpty(), "no expedite");
    QCOMPARE(other.recommendation.requiresRole, engine::Role::Manager);
    auto refused = decisions.record(other.exceptionId, other.index, model::Decision::Approved, pat);
    QVERIFY(!refused);
    QCOMPARE(refused.error().exitCode(), 4);
    QVERIFY2(refused.error().message.contains(
                 u"the policy's approval_limits[0] (planner, any action: up to 0)"_s),
        qPrintable(refused.error().message));
    QVERIFY(decisions.record(other.exceptionId, other.index, model::Decision::Approved, mia));

    const Found tierOne
        = findRecommendation(*workbench, [](const engine::Recommendation &r, int tier) {
              return r.action == engine::Action::Transfer && r.cost > 0 && tier == 1;
          });
    if (!tierOne.exceptionId.isEmpty()) {
        refused
            = decisions.record(tierOne.exceptionId, tierOne.index, model::Decision::Approved, pat);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"approval_limits[2]"_s),
            qPrintable(refused.error().message));
    }

    const Found purchase = findRecommendation(*workbench, [](const engine::Recommendation &r, int) {
        return r.action == engine::Action::Purchase && r.cost > 0;
    });
    QVERIFY2(!purchase.exceptionId.isEmpty(), "no purchase");
    QCOMPARE(purchase.recommendation.requiresRole, engine::Role::Admin);
    refused
        = decisions.record(purchase.exceptionId, purchase.index, model::Decision::Approved, mia);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(u"needs the admin role"_s)
            && refused.error().message.contains(u"approval_limits[3]"_s),
        qPrintable(refused.error().message));
    QVERIFY(
        decisions.record(purchase.exceptionId, purchase.index, model::Decision::Approved, root));

    // An override is held to the same rules at its own cost.
    const Found partial
        = findRecommendation(*workbench, [](const engine::Recommendation &r, int tier) {
              return r.action == engine::Action::Expedite && r.cost > 0 && r.qty > 1 && tier != 1;
          });
    if (!partial.exceptionId.isEmpty()) {
        refused
            = decisions.override(partial.exceptionId, partial.index, 1.0, u"stock_found"_s, pat);
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(u"approval_limits[0]"_s));
    }

    // The refusals are in the trail with the rule that refused them.
    auto events = workbench->audit().events();
    QVERIFY(events);
    int refusedEvents = 0;
    for (const model::AuditEvent &e : *events) {
        if (e.outcome.startsWith(u"refused: needs the"_s)) {
            ++refusedEvents;
            QVERIFY2(e.outcome.contains(u"(approval_limits["_s), qPrintable(e.outcome));
        }
    }
    QVERIFY(refusedEvents >= 2);
}

void TestGuardrails::automaticApprovalsTakeTheRecordPath()
{
    const engine::Policy policy = policyFrom(R"({"auto_approve": [
        {"action": "transfer", "max_cost": 1000000, "skip_tier": 1}]})");
    std::unique_ptr<QTemporaryDir> dir;
    QString dbPath;
    std::unique_ptr<model::Workbench> workbench;
    model::ImportSummary summary;
    QCOMPARE(importFresh(m_snapshot, dir, dbPath, workbench, summary, policy), QString());
    QVERIFY2(
        summary.run.autoApprovalProblem.isEmpty(), qPrintable(summary.run.autoApprovalProblem));

    // Exactly the exceptions whose shown action is a transfer in time, no tier-1 line.
    auto queue = workbench->runs().queue();
    QVERIFY(queue);
    QStringList expected;
    for (qsizetype r = 0; r < queue->size(); ++r) {
        const auto i = std::size_t(r);
        if (queue->action[i] == qint8(engine::Action::Transfer) && queue->actionFeasible[i]
            && queue->worstTier[i] != 1)
            expected << queue->exceptionId(r);
    }
    QVERIFY(!expected.isEmpty());
    QCOMPARE(summary.run.autoApproved, qint64(expected.size()));
    auto standing = workbench->decisions().standing();
    QVERIFY(standing);
    QStringList approved;
    for (const model::Decision &d : *standing) {
        QCOMPARE(d.user, u"system"_s);
        QCOMPARE(d.autoRule, u"auto_approve[0]"_s);
        approved << d.exceptionId;
    }
    approved.sort();
    expected.sort();
    QCOMPARE(approved, expected);
    // Planned supply, as a person's approval of a transfer is.
    QCOMPARE(testsupport::queryValue(dbPath, "SELECT count(*) FROM planned_actions").toInt(),
        expected.size());
    auto events = workbench->audit().events();
    QVERIFY(events);
    int automatic = 0;
    for (const model::AuditEvent &e : *events) {
        if (e.user != u"system"_s)
            continue;
        ++automatic;
        QCOMPARE(e.role, u"system"_s);
        QCOMPARE(e.event, u"decision.approve"_s);
        QVERIFY2(e.detail.contains(u"approved automatically by the policy's auto_approve[0] "
                                   "(transfer up to 1000000, not where a tier-1 customer is "
                                   "affected)"_s),
            qPrintable(e.detail));
    }
    QCOMPARE(automatic, expected.size());
    // Nobody can sign in as the system.
    QVERIFY(workbench->users()
                .addFirst(u"System"_s, engine::Role::Admin, "correct horse")
                .error()
                .message.contains(u"automatic approvals"_s));

    // Undone, it is not approved again by the next run.
    QVERIFY(workbench->decisions().undo(standing->front().id, kAna));
    auto rescored = workbench->runs().rescore(policy);
    QVERIFY(rescored);
    QCOMPARE(rescored->autoApproved, 0);
    standing = workbench->decisions().standing();
    QVERIFY(standing);
    QCOMPARE(qsizetype(standing->size()), expected.size() - 1);
}

void TestGuardrails::policyEditsAreAuditedWithBeforeAndAfter()
{
    QTemporaryDir dir;
    auto opened = model::Workbench::open(dir.filePath(u"policy.db"_s));
    QVERIFY(opened);
    model::Workbench &workbench = **opened;
    model::UserStore &users = workbench.users();
    QVERIFY(users.addFirst(u"root"_s, engine::Role::Admin, "correct horse"));
    const model::User root {u"root"_s, engine::Role::Admin};
    QVERIFY(users.add(root, u"mia"_s, engine::Role::Manager, "manager-pass"));
    const model::User mia {u"mia"_s, engine::Role::Manager};
    model::PolicyStore &policies = workbench.policies();

    engine::Policy stricter;
    stricter.plannerApprovalLimit = 3000;
    stricter.weights[1] = 2;
    const QStringList changes = model::PolicyStore::changedFields(engine::Policy {}, stricter);
    QCOMPARE(changes,
        (QStringList {
            u"planner_approval_limit: 5000 -> 3000"_s, u"weights.sla_penalty: 1 -> 2"_s}));
    auto set = policies.propose(stricter, mia);
    QVERIFY(set);
    QVERIFY(!set->approved());
    QCOMPARE(model::policyHash(policies.effective().value()), model::policyHash(engine::Policy {}));
    QVERIFY(policies.approve(set->id, root));
    QCOMPARE(model::policyHash(policies.effective().value()), model::policyHash(stricter));
    // The same policy again is nothing to change; an older pending one cannot overtake.
    QCOMPARE(policies.propose(stricter, mia).error().code, model::Error::BadInput);
    QVERIFY(policies.checkRunPolicy(stricter));
    QCOMPARE(policies.checkRunPolicy(engine::Policy {}).error().exitCode(), 4);

    auto events = workbench.audit().events();
    QVERIFY(events);
    QStringList policyEvents;
    for (const model::AuditEvent &e : *events) {
        if (e.event.startsWith(u"policy."_s))
            policyEvents << e.user + u' ' + e.event + u' ' + e.outcome + u' ' + e.detail;
    }
    const QString before = model::policyHash(engine::Policy {}).left(12);
    const QString after = model::policyHash(stricter).left(12);
    QCOMPARE(policyEvents,
        (QStringList {u"mia policy.edit recorded policy 1 pending approval, before "_s + before
                + u", after "_s + after
                + u"; changed: planner_approval_limit: 5000 -> 3000; weights.sla_penalty: 1 -> 2"_s,
            u"root policy.approve recorded policy 1 set by mia, before "_s + before + u", after "_s
                + after
                + u"; changed: planner_approval_limit: 5000 -> 3000; weights.sla_penalty: 1 -> 2"_s}));
}

QTEST_GUILESS_MAIN(TestGuardrails)
#include "test_guardrails.moc"
