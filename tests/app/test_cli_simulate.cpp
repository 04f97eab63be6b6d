// `pwb simulate` on the demo imported into a fresh database: exit 0, JSON whose
// flows stay within every capacity and whose objective is the sum of cost x flow;
// a scenario changes the plan as it says; a bad scenario file is a clear error.

#include "pwbprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-6 * std::max({1.0, std::abs(a), std::abs(b)});
}

} // namespace

class TestCliSimulate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void jsonIsAConsistentPlan();
    void scenarioChangesThePlan();
    void badScenarioIsAnError();

private:
    QString writeScenario(const QByteArray &json);
    QTemporaryDir m_dir;
    QString m_db;
};

void TestCliSimulate::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(u"demo.db"_s);
    const pwbtest::Run r
        = pwbtest::pwb({u"import"_s, QStringLiteral(PWB_DEMO_DIR), u"--db"_s, m_db});
    QVERIFY2(r.code == 0, qPrintable(r.err));
}

QString TestCliSimulate::writeScenario(const QByteArray &json)
{
    const QString path = m_dir.filePath(u"scenario.json"_s);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(json);
    return path;
}

void TestCliSimulate::jsonIsAConsistentPlan()
{
    const pwbtest::Run r = pwbtest::pwb({u"simulate"_s, u"--db"_s, m_db, u"--format"_s, u"json"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
    QVERIFY2(!doc.isNull(), qPrintable(error.errorString()));
    const QJsonObject base = doc.object().value(u"base"_s).toObject();
    const QJsonObject instance = base.value(u"instance"_s).toObject();
    const QJsonArray arcs = instance.value(u"arcs"_s).toArray();
    const QJsonArray nodes = instance.value(u"nodes"_s).toArray();
    QVERIFY(arcs.size() > 100);
    const QJsonObject solver = base.value(u"solver"_s).toObject();
    QVERIFY(solver.value(u"optimal"_s).toBool());
    // The priced solution proves itself: its bound meets the objective.
    QVERIFY(std::abs(solver.value(u"proven_bound"_s).toDouble()
                - instance.value(u"objective"_s).toDouble())
        < 0.005);
    QVERIFY(solver.value(u"items_priced"_s).toInt() <= solver.value(u"items_joined"_s).toInt());
    // Joined items searched over their fixed costs are joined items, and only those
    // searched can be improved.
    const int searched = solver.value(u"joined_items_fixed_costs_searched"_s).toInt(-1);
    QVERIFY(searched >= 0 && searched <= solver.value(u"items_joined"_s).toInt());
    QVERIFY(solver.value(u"joined_items_fixed_costs_improved"_s).toInt(-1) >= 0);
    QVERIFY(solver.value(u"joined_items_fixed_costs_improved"_s).toInt() <= searched);
    QVERIFY(solver.value(u"fixed_costs_proven"_s).isBool());

    double sum = instance.value(u"constant"_s).toDouble();
    std::vector<double> balance(static_cast<std::size_t>(nodes.size()), 0.0);
    int moving = 0;
    for (const QJsonValue &v : arcs) {
        const QJsonObject a = v.toObject();
        const double flow = a.value(u"flow"_s).toDouble();
        QVERIFY(flow >= 0);
        if (!a.value(u"capacity"_s).isNull())
            QVERIFY2(flow <= a.value(u"capacity"_s).toDouble() + 1e-6,
                qPrintable(a.value(u"name"_s).toString()));
        sum += flow * a.value(u"cost"_s).toDouble();
        balance[static_cast<std::size_t>(a.value(u"from"_s).toInt())] += flow;
        balance[static_cast<std::size_t>(a.value(u"to"_s).toInt())] -= flow;
        moving += a.value(u"name"_s).toString().contains(u"lane"_s) && flow > 0 ? 1 : 0;
    }
    QVERIFY(moving > 0);
    const double objective = instance.value(u"objective"_s).toDouble();
    QVERIFY2(near(sum, objective),
        qPrintable(QString::number(sum, 'f', 6) + u" vs "_s + QString::number(objective, 'f', 6)));
    // The instance is the linear program (fixed costs spread); the plan pays them whole,
    // so it costs at least the program's optimum.
    QVERIFY(
        near(objective, base.value(u"solver"_s).toObject().value(u"lp_objective"_s).toDouble()));
    QVERIFY(
        base.value(u"totals"_s).toObject().value(u"objective"_s).toDouble() >= objective - 1e-6);
    for (qsizetype v = 0; v < nodes.size(); ++v)
        QVERIFY(std::abs(balance[static_cast<std::size_t>(v)]
                    - nodes.at(v).toObject().value(u"supply"_s).toDouble())
            < 1e-6);
    // Shared lane capacities hold.
    for (const QJsonValue &v : instance.value(u"capacity_rows"_s).toArray()) {
        const QJsonObject row = v.toObject();
        double used = 0;
        for (const QJsonValue &a : row.value(u"arcs"_s).toArray())
            used += arcs.at(a.toInt()).toObject().value(u"flow"_s).toDouble();
        QVERIFY(used <= row.value(u"capacity"_s).toDouble() + 1e-6);
    }
    for (const QJsonValue &v : base.value(u"lanes"_s).toArray()) {
        const QJsonObject lane = v.toObject();
        if (!lane.value(u"capacity_per_day"_s).isNull())
            QVERIFY(lane.value(u"peak_per_day"_s).toDouble()
                <= lane.value(u"capacity_per_day"_s).toDouble() + 1e-6);
    }
}

// The lanes the base plan uses closed one by one in a scenario: none carries a unit.
void TestCliSimulate::scenarioChangesThePlan()
{
    const pwbtest::Run first = pwbtest::pwb(
        {u"simulate"_s, u"--db"_s, m_db, u"--format"_s, u"json"_s, u"--no-instance"_s});
    QVERIFY2(first.code == 0, qPrintable(first.err));
    const QJsonObject base
        = QJsonDocument::fromJson(first.out.toUtf8()).object().value(u"base"_s).toObject();
    QVERIFY(!base.contains(u"instance"_s));
    QJsonArray changes;
    for (const QJsonValue &v : base.value(u"lanes"_s).toArray()) {
        const QJsonObject lane = v.toObject();
        if (lane.value(u"units"_s).toDouble() > 0)
            changes.append(QJsonObject {{u"kind"_s, u"disable_lane"_s},
                {u"from"_s, lane.value(u"from"_s)}, {u"to"_s, lane.value(u"to"_s)}});
    }
    QVERIFY(!changes.isEmpty());
    const QString path = writeScenario(QJsonDocument(
        QJsonObject {{u"name"_s, u"used lanes closed"_s},
            {u"changes"_s, changes}}).toJson());
    const pwbtest::Run r = pwbtest::pwb(
        {u"simulate"_s, u"--db"_s, m_db, u"--scenario"_s, path, u"--format"_s, u"json"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject out = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonObject with = out.value(u"with_scenario"_s).toObject();
    for (const QJsonValue &c : changes)
        for (const QJsonValue &v : with.value(u"lanes"_s).toArray()) {
            const QJsonObject lane = v.toObject();
            if (lane.value(u"from"_s) == c.toObject().value(u"from"_s)
                && lane.value(u"to"_s) == c.toObject().value(u"to"_s))
                QCOMPARE(lane.value(u"units"_s).toDouble(), 0.0);
        }
    const double diff = out.value(u"difference"_s).toObject().value(u"objective"_s).toDouble();
    const double b = out.value(u"base"_s)
                         .toObject()
                         .value(u"totals"_s)
                         .toObject()
                         .value(u"objective"_s)
                         .toDouble();
    const double w = with.value(u"totals"_s).toObject().value(u"objective"_s).toDouble();
    QVERIFY(near(diff, w - b));
    QVERIFY(diff >= -1e-6);

    const pwbtest::Run table
        = pwbtest::pwb({u"simulate"_s, u"--db"_s, m_db, u"--scenario"_s, path});
    QCOMPARE(table.code, 0);
    QVERIFY(table.out.contains(u"Scenario minus base"_s));
}

void TestCliSimulate::badScenarioIsAnError()
{
    const QString path = writeScenario(
        R"({"changes": [{"kind": "disable_lane", "from": "NOWHERE", "to": "DC-EAST"}]})");
    const pwbtest::Run r = pwbtest::pwb({u"simulate"_s, u"--db"_s, m_db, u"--scenario"_s, path});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"NOWHERE"_s), qPrintable(r.err));
    writeScenario(R"({"changes": [{"kind": "close_everything"}]})");
    const pwbtest::Run kind = pwbtest::pwb({u"simulate"_s, u"--db"_s, m_db, u"--scenario"_s, path});
    QCOMPARE(kind.code, 2);
    QVERIFY2(kind.err.contains(u"unknown kind"_s), qPrintable(kind.err));
}

QTEST_GUILESS_MAIN(TestCliSimulate)
#include "test_cli_simulate.moc"
