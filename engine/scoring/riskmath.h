#pragma once
// The standard normal functions and the pinned lead-time risk of docs/scoring.md, kept
// apart so an auditor (and a test) can recompute every figure from its inputs.

#include "engine/scoring/scoringoutput.h"

namespace engine {

/// Standard normal density phi(z).
double normalPdf(double z);
/// Standard normal distribution Phi(z).
double normalCdf(double z);
/// Upper tail 1 - Phi(z), computed without cancellation for large z.
double normalTail(double z);
/// Standard normal loss G(z) = phi(z) - z * (1 - Phi(z)): expected shortfall of a
/// unit normal beyond z. G(+inf) = 0; G(-inf) = +inf.
double normalLoss(double z);

/// Expected units by which a normal demand (mean, std) exceeds `available`; with
/// std = 0 it is max(0, mean - available).
double expectedShortfall(double mean, double std, double available);

/// Inputs of the risk block of one SKU-location.
struct RiskInputs {
    double dailyDemand = 0, dailyDemandStd = 0;
    double leadTimeDays = 0, leadTimeStdDays = 0;
    double inventoryPosition = 0;
    double orderQty = 0; ///< Q, already chosen by the caller (docs/scoring.md, "The risk block")
};

/// The pinned risk figures (docs/scoring.md, "The risk block"); `defined` is set true.
RiskFigures computeRisk(const RiskInputs &in);

/// Q = order_up_to - reorder_point when both are set, else max(moq, multiple, d * L).
double orderQuantity(double reorderPoint, double orderUpTo, double minOrderQty,
    double orderMultiple, double dailyDemand, double leadTimeDays);

} // namespace engine
