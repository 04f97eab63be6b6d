// Policy files (the shipped defaults, partial files, every kind of mistake) and the
// explanation record's exact field names.

#include "model/json/explanationjson.h"
#include "model/json/policyjson.h"
#include "model/workbench.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <memory>
#include <set>

using namespace Qt::StringLiterals;

namespace {

const QString kDefaultPolicyFile
    = QString::fromUtf8(PWB_SOURCE_DIR) + u"/resources/policy/default-policy.json"_s;

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
    return path;
}

QStringList keys(const QJsonObject &object)
{
    QStringList list = object.keys();
    list.sort();
    return list;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class TestJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shippedPolicyIsTheDefault();
    void emptyPathIsTheDefault();
    void partialPolicyKeepsOtherDefaults();
    void policyMistakesNameFileAndKey_data();
    void policyMistakesNameFileAndKey();
    void storedRunPolicySkipsRetiredKeys();
    void canonicalJsonAndHash();
    void explanationHasExactFieldNames();
    void nonFiniteFiguresAreNull();
};

void TestJson::shippedPolicyIsTheDefault()
{
    auto loaded = model::loadPolicy(kDefaultPolicyFile);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
    QCOMPARE(model::canonicalPolicyJson(*loaded), model::canonicalPolicyJson(engine::Policy {}));

    // The file lists every key, so it documents every field (not just agrees by default).
    QFile file(kDefaultPolicyFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject shipped = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject full = model::policyToJson(engine::Policy {});
    QCOMPARE(keys(shipped), keys(full));
    for (const QString &key : full.keys()) {
        if (full.value(key).isObject())
            QCOMPARE(keys(shipped.value(key).toObject()), keys(full.value(key).toObject()));
    }
    QCOMPARE(full.value(u"weights"_s).toObject().size(), engine::kFactorCount);
    QCOMPARE(full.value(u"min_score"_s).toObject().size(), engine::kExceptionTypeCount);
}

void TestJson::emptyPathIsTheDefault()
{
    auto policy = model::loadPolicy({});
    QVERIFY(policy);
    QCOMPARE(model::policyHash(*policy), model::policyHash(engine::Policy {}));
}

void TestJson::partialPolicyKeepsOtherDefaults()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, u"mine.json"_s,
        R"({"horizon_days": 42, "weights": {"sla_penalty": 2.5}, "tier_penalty_share_per_day": {"1": 0.03}})");
    auto policy = model::loadPolicy(path);
    QVERIFY2(policy, qPrintable(policy ? QString() : policy.error().message));
    engine::Policy expected;
    expected.horizonDays = 42;
    expected.weights[std::size_t(engine::FactorKind::SlaPenalty)] = 2.5;
    expected.tierPenaltySharePerDay[0] = 0.03;
    QCOMPARE(model::canonicalPolicyJson(*policy), model::canonicalPolicyJson(expected));
    QCOMPARE(policy->holdingCostRate, engine::Policy {}.holdingCostRate);
    QCOMPARE(policy->tierPenaltySharePerDay[1], engine::Policy {}.tierPenaltySharePerDay[1]);
}

void TestJson::storedRunPolicySkipsRetiredKeys()
{
    // A run scored under pwb-score/1 recorded the flat penalty; reading it back must
    // still work (the key is dropped), while a policy file with it is refused.
    const QByteArray json = R"({"horizon_days": 35, "tier_penalty_per_unit_day": {"1": 2}})";
    QVERIFY(!model::policyFromJson(json, u"file"_s));
    auto stored = model::policyFromJson(json, u"run 1"_s, model::Retired::Skip);
    QVERIFY2(stored, qPrintable(stored ? QString() : stored.error().message));
    QCOMPARE(stored->horizonDays, 35);
    QCOMPARE(stored->tierPenaltySharePerDay, engine::Policy {}.tierPenaltySharePerDay);
}

void TestJson::policyMistakesNameFileAndKey_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("what");
    QTest::newRow("unknown key") << QByteArray(R"({"horizon_dayz": 28})") << u"horizon_dayz"_s
                                 << u"unknown key"_s;
    QTest::newRow("unknown nested key")
        << QByteArray(R"({"weights": {"margin": 1}})") << u"weights.margin"_s << u"unknown key"_s;
    QTest::newRow("unknown tier") << QByteArray(R"({"tier_penalty_share_per_day": {"4": 0.1}})")
                                  << u"tier_penalty_share_per_day.4"_s << u"unknown key"_s;
    QTest::newRow("retired key") << QByteArray(R"({"tier_penalty_per_unit_day": {"1": 2}})")
                                 << u"tier_penalty_per_unit_day"_s
                                 << u"replaced by tier_penalty_share_per_day"_s;
    QTest::newRow("share above 1") << QByteArray(R"({"tier_penalty_share_per_day": {"2": 1.5}})")
                                   << u"tier_penalty_share_per_day.2"_s << u"from 0 to 1"_s;
    QTest::newRow("string for number") << QByteArray(R"({"holding_cost_rate": "0.25"})")
                                       << u"holding_cost_rate"_s << u"got \"0.25\""_s;
    QTest::newRow("fraction for days")
        << QByteArray(R"({"horizon_days": 28.5})") << u"horizon_days"_s << u"whole number"_s;
    QTest::newRow("negative weight") << QByteArray(R"({"weights": {"carrying_cost": -1}})")
                                     << u"weights.carrying_cost"_s << u"got -1"_s;
    QTest::newRow("service target of 1") << QByteArray(R"({"service_target": {"A": 1}})")
                                         << u"service_target.A"_s << u"strictly between 0 and 1"_s;
    QTest::newRow("tier out of range") << QByteArray(R"({"forecast_demand_tier": 4})")
                                       << u"forecast_demand_tier"_s << u"from 1 to 3"_s;
    QTest::newRow("object expected")
        << QByteArray(R"({"weights": 1})") << u"weights"_s << u"expected an object"_s;
    QTest::newRow("null") << QByteArray(R"({"count_cost": null})") << u"count_cost"_s
                          << u"got null"_s;
    QTest::newRow("unknown ranking") << QByteArray(R"({"rank_by": "score"})") << u"rank_by"_s
                                     << u"expected \"can_save\" or \"exposure\", got \"score\""_s;
    QTest::newRow("ranking not a word")
        << QByteArray(R"({"rank_by": 1})") << u"rank_by"_s << u"got 1"_s;
    QTest::newRow("not json") << QByteArray("{horizon_days: 28}") << QString()
                              << u"not valid JSON"_s;
    QTest::newRow("not an object") << QByteArray("[1, 2]") << QString() << u"one JSON object"_s;
}

void TestJson::policyMistakesNameFileAndKey()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, key);
    QFETCH(QString, what);
    QTemporaryDir dir;
    const QString path = writeFile(dir, u"policy.json"_s, json);
    auto policy = model::loadPolicy(path);
    QVERIFY(!policy);
    QCOMPARE(policy.error().code, model::Error::BadInput);
    const QString text = policy.error().message + u'\n' + policy.error().details.join(u'\n');
    QVERIFY2(policy.error().message.contains(path), qPrintable(text));
    QVERIFY2(text.contains(path + u": "_s + key), qPrintable(text));
    QVERIFY2(text.contains(what), qPrintable(text));
}

void TestJson::canonicalJsonAndHash()
{
    engine::Policy policy;
    const QByteArray json = model::canonicalPolicyJson(policy);
    QVERIFY(!json.contains(' ') && !json.contains('\n'));
    // Keys in sorted order at every level.
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    QCOMPARE(object.keys(), sorted(object.keys()));
    QVERIFY(json.startsWith("{\"aging_rate_per_day\":0.01,"));
    QVERIFY(json.contains("\"horizon_days\":28,"));
    QVERIFY(json.contains("\"rank_by\":\"can_save\","));
    QCOMPARE(model::policyHash(policy),
        QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(model::policyHash(policy).size(), 64);

    // Reading the canonical JSON back gives the same policy, whatever the field.
    policy.serviceTarget[3] = 0.975;
    policy.countStaleDays = 30;
    policy.minScore[2] = 12.5;
    policy.rankBy = engine::RankBy::Exposure;
    QVERIFY(model::canonicalPolicyJson(policy).contains("\"rank_by\":\"exposure\""));
    auto back = model::policyFromJson(model::canonicalPolicyJson(policy), u"x"_s);
    QVERIFY(back);
    QCOMPARE(model::canonicalPolicyJson(*back), model::canonicalPolicyJson(policy));
    QVERIFY(model::policyHash(*back) != model::policyHash({}));
}

void TestJson::explanationHasExactFieldNames()
{
    QTemporaryDir dir;
    const QString snapshot = dir.filePath(u"snapshot"_s);
    QVERIFY(QDir().mkpath(snapshot));
    QCOMPARE(testsupport::generate(snapshot, 120, 5, 5), QString());
    auto workbench = model::Workbench::open(dir.filePath(u"wb.db"_s));
    QVERIFY(workbench);
    auto summary = (*workbench)->importer().importSnapshot(snapshot, {});
    QVERIFY(summary);
    auto queue = (*workbench)->runs().queue();
    QVERIFY(queue);

    const QStringList recordKeys
        = sorted({u"exception_id"_s, u"type"_s, u"item_id"_s, u"location_id"_s, u"rank"_s,
            u"score"_s, u"can_save"_s, u"scoring_version"_s, u"need_date"_s, u"factors"_s,
            u"risk"_s, u"orders"_s, u"recommendations"_s, u"policy_hash"_s});
    const QStringList riskKeys = sorted(
        {u"lead_time_days"_s, u"lead_time_std_days"_s, u"daily_demand"_s, u"daily_demand_std"_s,
            u"lead_time_demand_mean"_s, u"lead_time_demand_std"_s, u"inventory_position"_s, u"z"_s,
            u"stockout_probability"_s, u"expected_units_short"_s, u"order_qty"_s, u"fill_rate"_s});
    const QStringList factorKeys
        = sorted({u"name"_s, u"value"_s, u"weight"_s, u"detail"_s, u"text"_s});
    const QStringList orderKeys = sorted({u"order_id"_s, u"line"_s, u"customer_id"_s, u"tier"_s,
        u"qty_open"_s, u"qty_short"_s, u"due_date"_s, u"days_late"_s});
    const std::set<QString> recommendationBase {u"action"_s, u"qty"_s, u"cost"_s, u"benefit"_s,
        u"requires_role"_s, u"feasible"_s, u"in_plan"_s, u"text"_s};

    bool sawOrders = false, sawTransfer = false, sawExpedite = false, sawPlan = false;
    for (qsizetype r = 0; r < queue->size(); ++r) {
        auto explanation = (*workbench)->runs().explainException(queue->exceptionId(r));
        QVERIFY(explanation);
        const QJsonObject json = model::explanationToJson(*explanation);
        const QString type = json.value(u"type"_s).toString();
        // Shortages and excess also show their item's whole plan.
        if (json.contains(u"item_plan"_s)) {
            QVERIFY(type == u"shortage"_s || type == u"excess"_s);
            QStringList withPlan = recordKeys;
            withPlan.append(u"item_plan"_s);
            QCOMPARE(keys(json), sorted(withPlan));
            const QJsonObject plan = json.value(u"item_plan"_s).toObject();
            QCOMPARE(keys(plan),
                sorted({u"do_nothing_cost"_s, u"plan_cost"_s, u"actions"_s, u"locations"_s}));
            QVERIFY(plan.value(u"plan_cost"_s).toDouble()
                <= plan.value(u"do_nothing_cost"_s).toDouble() + 1e-9);
            for (const auto &value : plan.value(u"actions"_s).toArray()) {
                const QJsonObject act = value.toObject();
                QVERIFY(act.value(u"to_location_id"_s).isString());
                QVERIFY(act.value(u"in_plan"_s).toBool());
                double served = act.value(u"kept_in_stock"_s).toDouble();
                for (const auto &s : act.value(u"serves"_s).toArray()) {
                    QCOMPARE(keys(s.toObject()), sorted({u"location_id"_s, u"units"_s}));
                    served += s.toObject().value(u"units"_s).toDouble();
                }
                // Every unit the action moves serves a line or stays in stock (a
                // purchase may order more than it moves: rounding to the order size).
                QVERIFY(served <= act.value(u"qty"_s).toDouble() + 1e-9);
                QVERIFY(served > 0);
            }
            for (const auto &value : plan.value(u"locations"_s).toArray())
                QCOMPARE(keys(value.toObject()),
                    sorted({u"location_id"_s, u"units_late_doing_nothing"_s,
                        u"units_late_with_plan"_s, u"units_unserved_doing_nothing"_s,
                        u"units_unserved_with_plan"_s, u"saving"_s}));
            sawPlan = true;
        } else {
            QCOMPARE(keys(json), recordKeys);
        }
        QCOMPARE(json.value(u"exception_id"_s).toString(), queue->exceptionId(r));
        QCOMPARE(json.value(u"rank"_s).toInt(), queue->rank[std::size_t(r)]);
        QCOMPARE(json.value(u"score"_s).toDouble(), queue->score[std::size_t(r)]);
        QCOMPARE(json.value(u"policy_hash"_s).toString(), summary->run.policyHash);
        QCOMPARE(json.value(u"need_date"_s).toString(),
            QString::fromStdString(engine::formatDate(queue->needDate[std::size_t(r)])));
        double sum = 0;
        for (const auto &f : json.value(u"factors"_s).toArray()) {
            QCOMPARE(keys(f.toObject()), factorKeys);
            sum += f.toObject().value(u"value"_s).toDouble();
        }
        QVERIFY(std::abs(sum - json.value(u"score"_s).toDouble()) <= 1e-6 * std::max(1.0, sum));
        if (json.value(u"risk"_s).isObject())
            QCOMPARE(keys(json.value(u"risk"_s).toObject()), riskKeys);
        for (const auto &o : json.value(u"orders"_s).toArray()) {
            QCOMPARE(keys(o.toObject()), orderKeys);
            sawOrders = true;
        }
        for (const auto &value : json.value(u"recommendations"_s).toArray()) {
            const QJsonObject rec = value.toObject();
            for (const QString &key : recommendationBase)
                QVERIFY2(rec.contains(key), qPrintable(key));
            const QString action = rec.value(u"action"_s).toString();
            if (action == u"transfer"_s && rec.contains(u"from_location_id"_s)) {
                QVERIFY(rec.value(u"arrival_date"_s).isString());
                sawTransfer = true;
            }
            if (action == u"expedite"_s) {
                QVERIFY(rec.value(u"po_id"_s).isString());
                QVERIFY(rec.value(u"line"_s).isDouble());
                QVERIFY(rec.value(u"new_expected_date"_s).isString());
                sawExpedite = true;
            }
            if (action == u"notify_customer_service"_s)
                QVERIFY(!rec.value(u"order_lines"_s).toArray().isEmpty());
        }
    }
    QVERIFY(sawOrders);
    QVERIFY(sawTransfer || sawExpedite);
    QVERIFY(sawPlan);

    // The SKU-location form.
    auto item = (*workbench)
                    ->runs()
                    .explainItemLocation(
                        queue->itemIds[queue->item[0]], queue->locationIds[queue->location[0]]);
    QVERIFY(item);
    const QJsonObject json = model::itemLocationToJson(*item);
    QCOMPARE(keys(json), sorted({u"item_id"_s, u"location_id"_s, u"risk"_s, u"exceptions"_s}));
    QVERIFY(!json.value(u"exceptions"_s).toArray().isEmpty());
    QCOMPARE(
        json.value(u"exceptions"_s).toArray().first().toObject().value(u"rank"_s).isDouble(), true);
}

void TestJson::nonFiniteFiguresAreNull()
{
    // A SKU-location whose lead-time demand has no spread: z is infinite.
    auto rows = std::make_shared<engine::Snapshot>();
    rows->items.ids.intern("SKU");
    rows->locations.ids.intern("DC");
    rows->itemLocations.item = {0};
    rows->itemLocations.location = {0};
    model::Explanation e;
    e.result.itemLocation = 0;
    e.result.risk.defined = true;
    e.result.risk.z = std::numeric_limits<double>::infinity();
    e.result.risk.leadTimeDays = 7;
    engine::ExceptionRecord x;
    x.id = "replenishment:SKU@DC";
    x.type = engine::ExceptionType::Replenishment;
    x.item = 0;
    x.location = 0;
    x.needDate = engine::kNoDate;
    e.exception = x;
    e.rows = rows;

    const QJsonObject json = model::explanationToJson(e);
    const QJsonObject risk = json.value(u"risk"_s).toObject();
    QVERIFY(risk.value(u"z"_s).isNull());
    QCOMPARE(risk.value(u"lead_time_days"_s).toDouble(), 7.0);
    QVERIFY(json.value(u"need_date"_s).isNull());
    QVERIFY(json.value(u"rank"_s).isNull()); // not in a stored run
    QCOMPARE(json.value(u"item_id"_s).toString(), u"SKU"_s);
    // Written out, the document stays valid JSON.
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
    QVERIFY(text.contains("\"z\":null"));
    QVERIFY(!QJsonDocument::fromJson(text).isNull());

    e.result.risk.defined = false;
    QVERIFY(model::itemLocationToJson(e).value(u"risk"_s).isNull());
}

QTEST_GUILESS_MAIN(TestJson)
#include "test_json.moc"
