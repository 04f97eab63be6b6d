#include "engine/scoring/riskmath.h"

#include "engine/core/snapshot.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace engine {

double normalPdf(double z)
{
    if (std::isinf(z))
        return 0.0;
    return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi);
}

double normalCdf(double z)
{
    return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

double normalTail(double z)
{
    return 0.5 * std::erfc(z / std::numbers::sqrt2);
}

double normalLoss(double z)
{
    if (z == std::numeric_limits<double>::infinity())
        return 0.0;
    if (z == -std::numeric_limits<double>::infinity())
        return std::numeric_limits<double>::infinity();
    // Rounding can push the difference a hair below zero far in the right tail.
    return std::max(0.0, normalPdf(z) - z * normalTail(z));
}

double expectedShortfall(double mean, double std, double available)
{
    if (!(std > 0.0))
        return std::max(0.0, mean - available);
    return std * normalLoss((available - mean) / std);
}

RiskFigures computeRisk(const RiskInputs &in)
{
    RiskFigures r;
    r.defined = true;
    r.leadTimeDays = in.leadTimeDays;
    r.leadTimeStdDays = in.leadTimeStdDays;
    r.dailyDemand = in.dailyDemand;
    r.dailyDemandStd = in.dailyDemandStd;
    r.inventoryPosition = in.inventoryPosition;
    r.orderQty = in.orderQty;

    const double d = in.dailyDemand, sd = in.dailyDemandStd;
    const double L = in.leadTimeDays, sL = in.leadTimeStdDays;
    r.leadTimeDemandMean = d * L;
    r.leadTimeDemandStd = std::sqrt(std::max(0.0, L * sd * sd + d * d * sL * sL));

    const double mu = r.leadTimeDemandMean, sigma = r.leadTimeDemandStd;
    const double ip = in.inventoryPosition;
    if (sigma > 0.0) {
        r.z = (ip - mu) / sigma;
        // G(z) spelled out so the tail is computed once: this runs for every
        // SKU-location of a snapshot.
        r.stockoutProbability = normalTail(r.z);
        r.expectedUnitsShort = sigma * std::max(0.0, normalPdf(r.z) - r.z * r.stockoutProbability);
    } else {
        // Demand over the lead time is certain: either it runs out or it does not.
        const bool short_ = ip < mu;
        r.z = short_ ? -std::numeric_limits<double>::infinity()
                     : std::numeric_limits<double>::infinity();
        r.stockoutProbability = short_ ? 1.0 : 0.0;
        r.expectedUnitsShort = std::max(0.0, mu - ip);
    }
    if (in.orderQty > 0.0)
        r.fillRate = std::clamp(1.0 - r.expectedUnitsShort / in.orderQty, 0.0, 1.0);
    else
        r.fillRate = r.expectedUnitsShort > 0.0 ? 0.0 : 1.0;
    return r;
}

double orderQuantity(double reorderPoint, double orderUpTo, double minOrderQty,
    double orderMultiple, double dailyDemand, double leadTimeDays)
{
    if (isSet(reorderPoint) && isSet(orderUpTo))
        return std::max(0.0, orderUpTo - reorderPoint);
    const double moq = isSet(minOrderQty) ? minOrderQty : 1.0;
    const double mult = isSet(orderMultiple) ? orderMultiple : 1.0;
    return std::max({moq, mult, dailyDemand * leadTimeDays});
}

} // namespace engine
