// Override history: overrides and rejections with the exception as its run scored it
// and what became of it on a later snapshot (still open at the same exposure in one
// case, gone in the other), override rates counted by hand, the drift warning on and
// off, and the policy fields that set it.

#include "importedstore.h"
#include "model/history/overridehistory.h"
#include "model/history/overriderates.h"
#include "model/workbench.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace {

engine::Date day(const char *text)
{
    return *engine::parseDate(text);
}

model::DecisionTally tally(
    const char *planner, engine::ExceptionType type, const char *date, bool overridden)
{
    return {QString::fromLatin1(planner), type, day(date), overridden};
}

/// Copies the bundled demo snapshot into `folder`, renamed `snapshotId`.
bool copyDemo(const QString &folder, const QString &snapshotId)
{
    const QDir demo(QStringLiteral(PWB_SOURCE_DIR) + u"/resources/demo"_s);
    if (!QDir().mkpath(folder))
        return false;
    for (const QString &name : demo.entryList(QDir::Files)) {
        if (!QFile::copy(demo.filePath(name), folder + u'/' + name))
            return false;
    }
    QFile manifest(folder + u"/manifest.json"_s);
    if (!manifest.open(QIODevice::ReadOnly))
        return false;
    QByteArray text = manifest.readAll();
    manifest.close();
    text.replace("SYNTH-7-2026-11-28", snapshotId.toUtf8());
    return manifest.open(QIODevice::WriteOnly | QIODevice::Truncate) && manifest.write(text) > 0;
}

/// Sets the stock on hand of one SKU-location in a snapshot folder.
bool setOnHand(const QString &folder, const QString &item, const QString &location, int units)
{
    QFile file(folder + u"/item_locations.csv"_s);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QList<QByteArray> lines = file.readAll().split('\n');
    file.close();
    const QByteArray prefix = (item + u',' + location + u',').toUtf8();
    bool found = false;
    for (QByteArray &line : lines) {
        if (!line.startsWith(prefix))
            continue;
        QList<QByteArray> fields = line.split(',');
        fields[2] = QByteArray::number(units);
        line = fields.join(',');
        found = true;
    }
    return found && file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(lines.join('\n')) > 0;
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void weeksStartOnMonday();
    void ratesCountedByHand();
    void driftWarningOnAndOff();
    void driftPolicyFieldsAreValidated();
    void overridesAndWhatBecameOfThem();
};

void TestHistory::weeksStartOnMonday()
{
    QCOMPARE(model::weekOf(day("2026-11-23")), day("2026-11-23")); // a Monday
    QCOMPARE(model::weekOf(day("2026-11-28")), day("2026-11-23")); // Saturday
    QCOMPARE(model::weekOf(day("2026-11-29")), day("2026-11-23")); // Sunday
    QCOMPARE(model::weekOf(day("2026-11-30")), day("2026-11-30"));
    QCOMPARE(model::weekOf(day("1969-12-31")), day("1969-12-29")); // before day 0
}

void TestHistory::ratesCountedByHand()
{
    using T = engine::ExceptionType;
    const std::vector<model::DecisionTally> decisions {
        tally("ana", T::Shortage, "2026-11-23", true),
        tally("ana", T::Shortage, "2026-11-25", false),
        tally("ana", T::Excess, "2026-11-24", true),
        tally("ben", T::Shortage, "2026-11-30", true),
        tally("ben", T::Shortage, "2026-12-06", true),
        tally("ben", T::Excess, "2026-12-01", false),
        tally("ana", T::Shortage, "2026-12-07", false),
    };
    const model::OverrideRates rates = model::overrideRates(decisions);
    QCOMPARE(rates.total.decisions, 7);
    QCOMPARE(rates.total.overridden, 4);
    QCOMPARE(rates.byPlanner.size(), std::size_t(2));
    QCOMPARE(rates.byPlanner.at(u"ana"_s).decisions, 4);
    QCOMPARE(rates.byPlanner.at(u"ana"_s).rate(), 0.5);
    QCOMPARE(rates.byPlanner.at(u"ben"_s).rate(), 2.0 / 3.0);
    QCOMPARE(rates.byType[std::size_t(T::Shortage)].decisions, 5);
    QCOMPARE(rates.byType[std::size_t(T::Shortage)].rate(), 0.6);
    QCOMPARE(rates.byType[std::size_t(T::Excess)].rate(), 0.5);
    QCOMPARE(rates.byType[std::size_t(T::CycleCount)].decisions, 0);
    QCOMPARE(rates.byType[std::size_t(T::CycleCount)].rate(), 0.0);
    // Three weeks, from their Mondays: 2 of 3, 2 of 3, 0 of 1.
    QCOMPARE(rates.byWeek.size(), std::size_t(3));
    QCOMPARE(rates.byWeek.at(day("2026-11-23")).overridden, 2);
    QCOMPARE(rates.byWeek.at(day("2026-11-23")).decisions, 3);
    QCOMPARE(rates.byWeek.at(day("2026-11-30")).rate(), 2.0 / 3.0);
    QCOMPARE(rates.byWeek.at(day("2026-12-07")).rate(), 0.0);
    const auto &shortage = [&](const char *week) {
        return rates.byWeekAndType.at(day(week))[std::size_t(T::Shortage)];
    };
    QCOMPARE(shortage("2026-11-23").rate(), 0.5);
    QCOMPARE(shortage("2026-11-30").rate(), 1.0);
    QCOMPARE(shortage("2026-12-07").decisions, 1);
    QCOMPARE(shortage("2026-12-07").rate(), 0.0);

    // By top factor: the two shortages of ana's first week were led by margin at risk
    // (1 of 2 overruled), the rest by the SLA penalty (3 of 4) and one is unknown.
    using F = engine::FactorKind;
    std::vector<model::DecisionTally> led = decisions;
    for (std::size_t i = 0; i < led.size(); ++i)
        led[i].topFactor = i < 2 ? int(F::MarginAtRisk) : i < 6 ? int(F::SlaPenalty) : -1;
    const model::OverrideRates byFactor = model::overrideRates(led);
    QCOMPARE(byFactor.byFactor[std::size_t(F::MarginAtRisk)].decisions, 2);
    QCOMPARE(byFactor.byFactor[std::size_t(F::MarginAtRisk)].rate(), 0.5);
    QCOMPARE(byFactor.byFactor[std::size_t(F::SlaPenalty)].decisions, 4);
    QCOMPARE(byFactor.byFactor[std::size_t(F::SlaPenalty)].rate(), 0.75);
    QCOMPARE(byFactor.byFactor[std::size_t(F::CarryingCost)].decisions, 0);
    QCOMPARE(byFactor.total.decisions, 7); // the unknown one still counts overall
    // Week of 30 Nov: ben's two shortages and his excess, all SLA-led: 2 of 3.
    QCOMPARE(byFactor.byWeekAndFactor.at(day("2026-11-30"))[std::size_t(F::SlaPenalty)].rate(),
        2.0 / 3.0);
    // The week of 7 Dec holds only the decision whose factor is unknown: no factor row.
    QVERIFY(!byFactor.byWeekAndFactor.contains(day("2026-12-07")));
}

void TestHistory::driftWarningOnAndOff()
{
    using T = engine::ExceptionType;
    const std::vector<model::DecisionTally> decisions {
        tally("ana", T::Shortage, "2026-11-23", true),
        tally("ana", T::Shortage, "2026-11-25", false),
        tally("ana", T::Excess, "2026-11-24", true),
        tally("ben", T::Shortage, "2026-11-30", true),
        tally("ben", T::Shortage, "2026-12-06", true),
        tally("ben", T::Excess, "2026-12-01", false),
        tally("ana", T::Shortage, "2026-12-07", false),
    };
    const model::OverrideRates rates = model::overrideRates(decisions);

    // Shortage: 50% then 100% (two weeks above 30%), then 0%. Excess: 100%, then 0%.
    auto warnings = model::driftWarnings(rates, 0.3, 2);
    QCOMPARE(warnings.size(), std::size_t(1));
    QCOMPARE(warnings[0].type, T::Shortage);
    QCOMPARE(warnings[0].firstWeek, day("2026-11-23"));
    QCOMPARE(warnings[0].lastWeek, day("2026-11-30"));
    QCOMPARE(warnings[0].weeks, 2);
    QCOMPARE(warnings[0].lowestRate, 0.5);
    QVERIFY(!warnings[0].ongoing); // the last week went back to 0%

    // Off: three weeks asked for, a threshold the first week only meets, or none.
    QVERIFY(model::driftWarnings(rates, 0.3, 3).empty());
    QVERIFY(model::driftWarnings(rates, 0.5, 2).empty());
    QVERIFY(model::driftWarnings(rates, 0.0, 2).empty());
    // One week is enough: every week above it counts, excess's too.
    QCOMPARE(model::driftWarnings(rates, 0.3, 1).size(), std::size_t(2));

    // A week without a decision on the type ends the run; a run up to the latest
    // week is ongoing.
    const std::vector<model::DecisionTally> gap {
        tally("ana", T::Shortage, "2026-11-23", true),
        tally("ana", T::Excess, "2026-12-01", false),
        tally("ana", T::Shortage, "2026-12-07", true),
    };
    QVERIFY(model::driftWarnings(model::overrideRates(gap), 0.3, 2).empty());
    const std::vector<model::DecisionTally> ongoing {
        tally("ana", T::Excess, "2026-11-23", false),
        tally("ana", T::Excess, "2026-12-01", true),
        tally("ben", T::Excess, "2026-12-08", true),
    };
    warnings = model::driftWarnings(model::overrideRates(ongoing), 0.3, 2);
    QCOMPARE(warnings.size(), std::size_t(1));
    QCOMPARE(warnings[0].type, T::Excess);
    QCOMPARE(warnings[0].firstWeek, day("2026-11-30"));
    QVERIFY(warnings[0].ongoing);
}

void TestHistory::driftPolicyFieldsAreValidated()
{
    auto policy = model::policyFromJson(
        R"({"override_drift_threshold": 0.45, "override_drift_weeks": 3})", u"p.json"_s);
    QVERIFY(policy);
    QCOMPARE(policy->overrideDriftThreshold, 0.45);
    QCOMPARE(policy->overrideDriftWeeks, 3);
    const QJsonObject json = model::policyToJson(*policy);
    QCOMPARE(json.value(u"override_drift_threshold"_s).toDouble(), 0.45);
    QCOMPARE(json.value(u"override_drift_weeks"_s).toDouble(), 3.0);

    auto share = model::policyFromJson(R"({"override_drift_threshold": 1.5})", u"p.json"_s);
    QVERIFY(!share);
    QVERIFY2(share.error().message.contains(
                 u"override_drift_threshold: expected a number from 0 to 1, got 1.5"_s),
        qPrintable(share.error().message));
    auto weeks = model::policyFromJson(R"({"override_drift_weeks": 0.5})", u"p.json"_s);
    QVERIFY(!weeks);
    QVERIFY2(weeks.error().message.contains(u"override_drift_weeks: expected a whole number"_s),
        qPrintable(weeks.error().message));
}

void TestHistory::overridesAndWhatBecameOfThem()
{
    QTemporaryDir dir;
    auto opened = model::Workbench::open(dir.filePath(u"wb.db"_s));
    QVERIFY(opened);
    model::Workbench &wb = **opened;
    auto first = wb.importer().importSnapshot(
        QStringLiteral(PWB_SOURCE_DIR) + u"/resources/demo"_s, engine::Policy {});
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));

    // Two shortages of different items, each with a recommendation.
    auto queue = wb.runs().queue();
    QVERIFY(queue);
    std::vector<model::Explanation> picked;
    for (qsizetype r = 0; r < queue->size() && picked.size() < 2; ++r) {
        if (queue->type[std::size_t(r)] != quint8(engine::ExceptionType::Shortage))
            continue;
        auto explained = wb.runs().explainException(queue->exceptionId(r));
        QVERIFY(explained);
        if (explained->exception->recommendations.empty() || explained->exception->factors.empty())
            continue;
        if (!picked.empty() && picked[0].exception->item == explained->exception->item)
            continue;
        picked.push_back(std::move(*explained));
    }
    QCOMPARE(picked.size(), std::size_t(2));
    const engine::ExceptionRecord &kept = *picked[0].exception; // will persist
    const engine::ExceptionRecord &solved = *picked[1].exception; // will vanish
    const QString keptId = QString::fromStdString(kept.id);
    const QString solvedId = QString::fromStdString(solved.id);
    const double recommended = kept.recommendations[0].qty;

    auto overridden = wb.decisions().override(
        keptId, 0, recommended / 2, u"stock_found"_s, storetest::kAna, u"found 3 in returns"_s);
    QVERIFY2(overridden, qPrintable(overridden ? QString() : overridden.error().message));
    auto rejected = wb.decisions().record(solvedId, 0, model::Decision::Rejected, storetest::kBen,
        u"customer takes it next week"_s, 0, u"customer_agreed_to_wait"_s);
    QVERIFY(rejected);
    // An approval counts for the rates but is no override.
    for (qsizetype r = 0; r < queue->size(); ++r) {
        const QString id = queue->exceptionId(r);
        if (id == keptId || id == solvedId || queue->action[std::size_t(r)] < 0)
            continue;
        QVERIFY(wb.decisions().record(id, 0, model::Decision::Approved, storetest::kAna));
        break;
    }

    // Nothing imported since: too early to tell.
    auto early = wb.history().load();
    QVERIFY2(early, qPrintable(early ? QString() : early.error().message));
    QCOMPARE(early->records.size(), std::size_t(2));
    QCOMPARE(early->records[0].aftermath(), model::OverrideRecord::Aftermath::NoLaterSnapshot);
    QVERIFY(!early->records[0].latestExposure());

    // The next snapshot: the same, but with plenty of stock where the second shortage was.
    const QString next = dir.filePath(u"next"_s);
    QVERIFY(copyDemo(next, u"SYNTH-7-2026-11-29"_s));
    const auto &rows = *picked[1].rows;
    QVERIFY(setOnHand(next, QString::fromStdString(rows.items.ids.at(solved.item)),
        QString::fromStdString(rows.locations.ids.at(solved.location)), 100000));
    engine::Policy policy;
    policy.overrideDriftThreshold = 0.4;
    policy.overrideDriftWeeks = 3;
    auto second = wb.importer().importSnapshot(next, policy);
    QVERIFY2(second, qPrintable(second ? QString() : second.error().message));
    auto later = wb.runs().queue();
    QVERIFY(later);
    double keptLater = -1;
    for (qsizetype r = 0; r < later->size(); ++r) {
        QVERIFY(later->exceptionId(r) != solvedId);
        if (later->exceptionId(r) == keptId)
            keptLater = later->score[std::size_t(r)];
    }
    QVERIFY(keptLater > 0);

    // Decided a week earlier, as far as the rates go.
    {
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(dir.filePath(u"wb.db"_s).toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(testsupport::execScript(
                     db, "UPDATE decisions SET decided_at = '2026-11-20T09:00:00Z' WHERE id = 1"),
            QString());
        sqlite3_close(db);
    }

    auto history = wb.history().load();
    QVERIFY2(history, qPrintable(history ? QString() : history.error().message));
    QCOMPARE(history->driftThreshold, 0.4); // the latest run's policy
    QCOMPARE(history->driftWeeks, 3);
    QCOMPARE(history->decisions.size(), std::size_t(3));
    QCOMPARE(history->records.size(), std::size_t(2));
    // Each decision carries the top factor its exception had on the run it was taken on.
    for (const model::DecisionTally &d : history->decisions)
        QVERIFY(d.topFactor >= 0 && d.topFactor < engine::kFactorCount);

    // Newest first: the rejection, whose shortage was gone on the next snapshot.
    const model::OverrideRecord &gone = history->records[0];
    QCOMPARE(gone.exceptionId, solvedId);
    QCOMPARE(gone.kind, model::Decision::Rejected);
    QCOMPARE(gone.planner, u"ben"_s);
    QCOMPARE(gone.reasonCode, u"customer_agreed_to_wait"_s);
    QCOMPARE(gone.comment, u"customer takes it next week"_s);
    QCOMPARE(gone.snapshotId, u"SYNTH-7-2026-11-28"_s);
    QCOMPARE(*gone.exposure, solved.score);
    QCOMPARE(gone.later.size(), std::size_t(1));
    QVERIFY(!gone.later[0].present);
    QCOMPARE(gone.aftermath(), model::OverrideRecord::Aftermath::Gone);
    QVERIFY(gone.firstGone());
    QCOMPARE(gone.firstGone()->snapshotId, u"SYNTH-7-2026-11-29"_s);
    QCOMPARE(*gone.latestExposure(), 0.0);

    // The override: still open on the next snapshot, at the exposure that run gave it.
    const model::OverrideRecord &open = history->records[1];
    QCOMPARE(open.exceptionId, keptId);
    QCOMPARE(open.kind, model::Decision::Overridden);
    QCOMPARE(open.planner, u"ana"_s);
    QCOMPARE(open.type, engine::ExceptionType::Shortage);
    QCOMPARE(open.decidedAt, u"2026-11-20T09:00:00Z"_s);
    QCOMPARE(open.day, day("2026-11-20"));
    QCOMPARE(open.reasonCode, u"stock_found"_s);
    QVERIFY(open.recommendedQty);
    QCOMPARE(*open.recommendedQty, recommended);
    QCOMPARE(open.overrideQty, recommended / 2);
    QCOMPARE(*open.exposure, kept.score);
    QCOMPARE(open.topFactor, int(kept.factors.front().kind));
    QVERIFY(!open.factors.empty()); // from the decision's audit event
    QCOMPARE(open.factors.front().first,
        QString::fromLatin1(engine::factorName(kept.factors.front().kind)));
    QCOMPARE(open.factors.front().second, kept.factors.front().value());
    QCOMPARE(open.later.size(), std::size_t(1));
    QVERIFY(open.later[0].present);
    QCOMPARE(open.later[0].snapshotId, u"SYNTH-7-2026-11-29"_s);
    QCOMPARE(open.later[0].exposure, keptLater);
    QCOMPARE(open.aftermath(), model::OverrideRecord::Aftermath::StillOpen);
    QCOMPARE(*open.latestExposure(), keptLater);
    QVERIFY(!open.firstGone());

    // Undone decisions are neither listed nor counted.
    QVERIFY(wb.decisions().undo(rejected->id, storetest::kBen));
    auto after = wb.history().load();
    QVERIFY(after);
    QCOMPARE(after->records.size(), std::size_t(1));
    QCOMPARE(after->decisions.size(), std::size_t(2));
}

QTEST_GUILESS_MAIN(TestHistory)
#include "test_history.moc"
