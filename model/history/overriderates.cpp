#include "model/history/overriderates.h"

#include <algorithm>

namespace model {

engine::Date weekOf(engine::Date day)
{
    if (day == engine::kNoDate)
        return engine::kNoDate;
    // Day 0 (1970-01-01) was a Thursday: Monday is 3 days before it.
    const int sinceMonday = ((day + 3) % 7 + 7) % 7;
    return day - sinceMonday;
}

OverrideRates overrideRates(const std::vector<DecisionTally> &decisions)
{
    OverrideRates rates;
    for (const DecisionTally &d : decisions) {
        const auto type = std::size_t(d.type);
        if (type >= std::size_t(engine::kExceptionTypeCount))
            continue;
        rates.total.add(d.overridden);
        rates.byPlanner[d.planner].add(d.overridden);
        rates.byType[type].add(d.overridden);
        const bool factorKnown = d.topFactor >= 0 && d.topFactor < engine::kFactorCount;
        if (factorKnown)
            rates.byFactor[std::size_t(d.topFactor)].add(d.overridden);
        if (d.day == engine::kNoDate)
            continue;
        const engine::Date week = weekOf(d.day);
        rates.byWeek[week].add(d.overridden);
        rates.byWeekAndType[week][type].add(d.overridden);
        if (factorKnown)
            rates.byWeekAndFactor[week][std::size_t(d.topFactor)].add(d.overridden);
    }
    return rates;
}

std::vector<DriftWarning> driftWarnings(const OverrideRates &rates, double threshold, int weeks)
{
    std::vector<DriftWarning> warnings;
    if (!(threshold > 0) || weeks < 1 || rates.byWeekAndType.empty())
        return warnings;
    const engine::Date latest = rates.byWeekAndType.rbegin()->first;
    for (int t = 0; t < engine::kExceptionTypeCount; ++t) {
        DriftWarning run;
        auto close = [&] {
            if (run.weeks >= weeks) {
                run.ongoing = run.lastWeek == latest;
                warnings.push_back(run);
            }
            run = DriftWarning {};
        };
        for (const auto &[week, byType] : rates.byWeekAndType) {
            const RateCell &cell = byType[std::size_t(t)];
            const bool high = cell.decisions > 0 && cell.rate() > threshold;
            if (run.weeks > 0 && (!high || week != run.lastWeek + 7))
                close();
            if (!high)
                continue;
            if (run.weeks == 0) {
                run.type = engine::ExceptionType(t);
                run.firstWeek = week;
                run.lowestRate = cell.rate();
            }
            run.lastWeek = week;
            run.lowestRate = std::min(run.lowestRate, cell.rate());
            ++run.weeks;
        }
        close();
    }
    std::stable_sort(warnings.begin(), warnings.end(),
        [](const DriftWarning &a, const DriftWarning &b) { return a.firstWeek < b.firstWeek; });
    return warnings;
}

} // namespace model
