#pragma once
// The explanation record of docs/scoring.md as JSON: the contract of
// `pwb explain --format json`, also what the GUI copies to the clipboard.

#include "model/runs/explanation.h"

#include <QJsonObject>

namespace model {

/// The explanation record of the exception in `explanation` (exception_id, type,
/// item_id, location_id, rank, score, scoring_version, need_date, factors, risk,
/// orders, recommendations, policy_hash). Without an exception, the SKU-location form
/// of itemLocationToJson().
QJsonObject explanationToJson(const Explanation &explanation);

/// "Why is this not in my queue?": {"item_id", "location_id", "risk", "exceptions"},
/// where exceptions holds the record of each exception the SKU-location raises (often
/// none) and risk is null when the SKU-location has no lead time to reason over.
QJsonObject itemLocationToJson(const Explanation &explanation);

} // namespace model
