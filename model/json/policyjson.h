#pragma once
// The scoring policy as a JSON file: every field of engine::Policy under a snake_case
// key, tiers, classes, exception types and factors as nested objects. The shipped
// resources/policy/default-policy.json lists every key with its default.

#include "engine/core/policy.h"
#include "model/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace model {

/// Loads a policy file (JSON); an empty path gives the built-in default policy.
Result<engine::Policy> loadPolicy(const QString &path);

/// Every field of `policy`, e.g. {"horizon_days": 28, "weights": {"margin_at_risk": 1}, ...}.
QJsonObject policyToJson(const engine::Policy &policy);

/// Reads a policy from JSON text. Keys left out keep their defaults; an unknown key, a
/// value of the wrong type or out of range is an error naming `source` and the key
/// (every problem is listed in Error::details).
///
/// Keys that earlier scoring versions had and this one retired (for example
/// tier_penalty_per_unit_day, replaced by tier_penalty_share_per_day in pwb-score/2)
/// are errors that say so, unless `retired` is Retired::Skip: the policy a stored run
/// recorded then reads as today's model would take it.
enum class Retired { Refuse, Skip };
Result<engine::Policy> policyFromJson(
    const QByteArray &json, const QString &source, Retired retired = Retired::Refuse);

/// The canonical form hashed into every score run: compact, keys sorted.
QByteArray canonicalPolicyJson(const engine::Policy &policy);

/// The sha256 (hex) of canonicalPolicyJson(): which policy a score run used.
QString policyHash(const engine::Policy &policy);

} // namespace model
