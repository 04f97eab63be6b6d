#include "model/kpi/kpifigures.h"

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace model {

QString dimensionName(KpiDimension dimension)
{
    switch (dimension) {
    case KpiDimension::Location:
        return u"location"_s;
    case KpiDimension::Abc:
        return u"abc"_s;
    case KpiDimension::Tier:
        return u"tier"_s;
    case KpiDimension::Planner:
        return u"planner"_s;
    case KpiDimension::None:
        break;
    }
    return {};
}

std::optional<KpiDimension> parseDimension(const QString &name)
{
    for (KpiDimension d : {KpiDimension::None, KpiDimension::Location, KpiDimension::Abc,
             KpiDimension::Tier, KpiDimension::Planner})
        if (dimensionName(d) == name)
            return d;
    return std::nullopt;
}

int KpiFigures::exceptionCount() const
{
    return std::accumulate(exceptions.begin(), exceptions.end(), 0);
}

std::optional<double> KpiFigures::fillRate() const
{
    if (openLines <= 0)
        return std::nullopt;
    return 1.0 - double(shortLines) / openLines;
}

std::optional<double> KpiFigures::inventoryTurns() const
{
    if (!(stockAtCost > 0))
        return std::nullopt;
    return annualCogs / stockAtCost;
}

std::optional<double> KpiFigures::tier1FillRate() const
{
    if (tier1Lines <= 0)
        return std::nullopt;
    return 1.0 - double(tier1ShortLines) / tier1Lines;
}

std::optional<double> KpiFigures::decisionsPerPlannerDay() const
{
    if (decisions <= 0 || plannerDays <= 0)
        return std::nullopt;
    return double(decisions) / plannerDays;
}

std::optional<double> KpiFigures::share(int count) const
{
    if (decisions <= 0)
        return std::nullopt;
    return double(count) / decisions;
}

std::optional<double> KpiFigures::meanTouchHours() const
{
    if (touchHours.empty())
        return std::nullopt;
    return std::accumulate(touchHours.begin(), touchHours.end(), 0.0) / double(touchHours.size());
}

std::optional<double> KpiFigures::medianTouchHours() const
{
    return medianOf(touchHours);
}

std::optional<double> KpiFigures::medianOf(const std::vector<double> &values)
{
    if (values.empty())
        return std::nullopt;
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t n = sorted.size();
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

} // namespace model
