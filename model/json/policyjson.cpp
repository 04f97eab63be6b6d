#include "model/json/policyjson.h"

#include "engine/scoring/scoringoutput.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <set>
#include <utility>

using namespace Qt::StringLiterals;

namespace model {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// The values a field accepts.
struct Range {
    double min = 0;
    double max = kInf;
    bool integer = false;
    bool openMin = false; ///< min itself is excluded
    bool openMax = false; ///< max itself is excluded
};

constexpr Range kNonNegative {};
constexpr Range kShare {0, 1};

/// Calls visit(group, key, value, range) for every field of the policy, where group is
/// empty for a top-level key and the name of the nested object otherwise. The one
/// list of keys that both reading and writing use, so they cannot drift apart.
template <class Policy, class Visit> void visitFields(Policy &p, Visit &&visit)
{
    const QString top;
    visit(top, u"horizon_days"_s, p.horizonDays, Range {1, 3650, true});
    visit(top, u"holding_cost_rate"_s, p.holdingCostRate, Range {0, 10});
    const QString tiers = u"tier_penalty_share_per_day"_s;
    for (std::size_t t = 0; t < p.tierPenaltySharePerDay.size(); ++t)
        visit(tiers, QString::number(t + 1), p.tierPenaltySharePerDay[t], kShare);
    visit(top, u"forecast_demand_tier"_s, p.forecastDemandTier, Range {1, 3, true});
    const QString service = u"service_target"_s;
    const std::array<QString, 4> classes {u"A"_s, u"B"_s, u"C"_s, u"none"_s};
    for (std::size_t c = 0; c < classes.size(); ++c)
        visit(service, classes[c], p.serviceTarget[c], Range {0, 1, false, true, true});
    visit(top, u"aging_rate_per_day"_s, p.agingRatePerDay, kShare);
    visit(top, u"lost_sale_days"_s, p.lostSaleDays, Range {1, 3650, true});
    visit(top, u"overflow_cost_rate"_s, p.overflowCostRate, kNonNegative);
    visit(top, u"excess_days_of_cover"_s, p.excessDaysOfCover, Range {0, kInf, false, true});
    visit(top, u"excess_min_value"_s, p.excessMinValue, kNonNegative);
    visit(top, u"count_stale_days"_s, p.countStaleDays, Range {0, 3650, true});
    visit(top, u"count_min_variance_rate"_s, p.countMinVarianceRate, kShare);
    visit(top, u"count_default_variance_rate"_s, p.countDefaultVarianceRate, kShare);
    visit(top, u"count_error_share"_s, p.countErrorShare, kShare);
    visit(top, u"count_cost"_s, p.countCost, kNonNegative);
    visit(top, u"return_cost_rate"_s, p.returnCostRate, kShare);
    visit(top, u"purchase_order_cost"_s, p.purchaseOrderCost, kNonNegative);
    visit(top, u"notify_penalty_reduction"_s, p.notifyPenaltyReduction, kShare);
    visit(top, u"allocation_window_days"_s, p.allocationWindowDays, Range {0, 365, true});
    const QString minScore = u"min_score"_s;
    for (int t = 0; t < engine::kExceptionTypeCount; ++t) {
        visit(minScore,
            QString::fromUtf8(engine::exceptionTypeName(static_cast<engine::ExceptionType>(t))),
            p.minScore[std::size_t(t)], kNonNegative);
    }
    const QString weights = u"weights"_s;
    for (int f = 0; f < engine::kFactorCount; ++f) {
        visit(weights, QString::fromUtf8(engine::factorName(static_cast<engine::FactorKind>(f))),
            p.weights[std::size_t(f)], Range {0, 1000});
    }
    visit(top, u"planner_approval_limit"_s, p.plannerApprovalLimit, kNonNegative);
    visit(top, u"second_approval_above"_s, p.secondApprovalAbove, kNonNegative);
    visit(top, u"override_drift_threshold"_s, p.overrideDriftThreshold, kShare);
    visit(top, u"override_drift_weeks"_s, p.overrideDriftWeeks, Range {1, 52, true});
}

/// The one field that is a word, not a number: what the queue ranks by.
const QString kRankByKey = u"rank_by"_s;
constexpr std::array<std::pair<engine::RankBy, const char16_t *>, 2> kRankByNames {{
    {engine::RankBy::CanSave, u"can_save"},
    {engine::RankBy::Exposure, u"exposure"},
}};

QString keyPath(const QString &group, const QString &key)
{
    return group.isEmpty() ? key : group + u'.' + key;
}

QString describeRange(const Range &r)
{
    const QString kind = r.integer ? u"a whole number"_s : u"a number"_s;
    if (r.max == kInf) {
        if (r.min == 0 && !r.openMin)
            return r.integer ? u"a non-negative whole number"_s : u"a non-negative number"_s;
        return kind + (r.openMin ? u" above "_s : u" of at least "_s) + QString::number(r.min);
    }
    if (r.openMin && r.openMax)
        return kind + u" strictly between "_s + QString::number(r.min) + u" and "_s
            + QString::number(r.max);
    return kind + u" from "_s + QString::number(r.min) + u" to "_s + QString::number(r.max);
}

QString describeValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::String:
        return u'"' + value.toString() + u'"';
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

bool inRange(double v, const Range &r)
{
    if (!std::isfinite(v) || (r.integer && v != std::floor(v)))
        return false;
    const bool aboveMin = r.openMin ? v > r.min : v >= r.min;
    const bool belowMax = r.openMax ? v < r.max : v <= r.max;
    return aboveMin && belowMax;
}

} // namespace

QJsonObject policyToJson(const engine::Policy &policy)
{
    QJsonObject root;
    QHash<QString, QJsonObject> groups;
    engine::Policy copy = policy;
    visitFields(copy, [&](const QString &group, const QString &key, auto &value, const Range &) {
        if (group.isEmpty())
            root.insert(key, double(value));
        else
            groups[group].insert(key, double(value));
    });
    for (auto it = groups.cbegin(); it != groups.cend(); ++it)
        root.insert(it.key(), it.value());
    for (const auto &[by, name] : kRankByNames) {
        if (by == policy.rankBy)
            root.insert(kRankByKey, QString::fromUtf16(name));
    }
    return root;
}

QByteArray canonicalPolicyJson(const engine::Policy &policy)
{
    // QJsonObject keeps keys sorted, and Qt writes numbers in their shortest exact
    // form, so the same policy always gives the same bytes.
    return QJsonDocument(policyToJson(policy)).toJson(QJsonDocument::Compact);
}

QString policyHash(const engine::Policy &policy)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(canonicalPolicyJson(policy), QCryptographicHash::Sha256).toHex());
}

Result<engine::Policy> loadPolicy(const QString &path)
{
    if (path.isEmpty())
        return engine::Policy {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::unexpected(Error {file.exists() ? Error::Io : Error::BadInput,
            u"Cannot read the policy file "_s + path + u": "_s + file.errorString(), {}});
    }
    return policyFromJson(file.readAll(), path);
}

Result<engine::Policy> policyFromJson(
    const QByteArray &json, const QString &source, Retired retired)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return std::unexpected(Error {Error::BadInput,
            source + u": not valid JSON at byte "_s + QString::number(parseError.offset) + u": "_s
                + parseError.errorString(),
            {}});
    }
    if (!document.isObject()) {
        return std::unexpected(
            Error {Error::BadInput, source + u": a policy file must hold one JSON object"_s, {}});
    }
    QJsonObject root = document.object();

    engine::Policy policy;
    QStringList problems;
    // Keys of earlier scoring versions and what replaced them.
    static const std::array<std::pair<QString, QString>, 1> kRetired {{
        {u"tier_penalty_per_unit_day"_s,
            u"replaced by tier_penalty_share_per_day (a share of the line's price per day "
            "late) in pwb-score/2"_s},
    }};
    for (const auto &[key, why] : kRetired) {
        if (!root.contains(key))
            continue;
        if (retired == Retired::Refuse)
            problems << source + u": "_s + key + u": "_s + why;
        root.remove(key);
    }

    // Unknown keys next, so that a misspelt key is never silently ignored.
    std::set<QString> topKeys {kRankByKey}, groupNames;
    std::set<std::pair<QString, QString>> groupKeys;
    visitFields(policy, [&](const QString &group, const QString &key, auto &, const Range &) {
        topKeys.insert(group.isEmpty() ? key : group);
        if (!group.isEmpty()) {
            groupNames.insert(group);
            groupKeys.emplace(group, key);
        }
    });
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (!topKeys.contains(it.key())) {
            problems << source + u": "_s + it.key() + u": unknown key"_s;
            continue;
        }
        if (!groupNames.contains(it.key()))
            continue;
        if (!it.value().isObject()) {
            problems << source + u": "_s + it.key() + u": expected an object, got "_s
                    + describeValue(it.value());
            continue;
        }
        const QJsonObject group = it.value().toObject();
        for (auto sub = group.begin(); sub != group.end(); ++sub) {
            if (!groupKeys.contains({it.key(), sub.key()}))
                problems << source + u": "_s + keyPath(it.key(), sub.key()) + u": unknown key"_s;
        }
    }

    visitFields(policy, [&](const QString &group, const QString &key, auto &field, const Range &r) {
        const QJsonValue value
            = group.isEmpty() ? root.value(key) : root.value(group).toObject().value(key);
        if (value.isUndefined())
            return; // not given: keep the default
        if (!value.isDouble() || !inRange(value.toDouble(), r)) {
            problems << source + u": "_s + keyPath(group, key) + u": expected "_s + describeRange(r)
                    + u", got "_s + describeValue(value);
            return;
        }
        field = static_cast<std::remove_reference_t<decltype(field)>>(value.toDouble());
    });

    if (const QJsonValue by = root.value(kRankByKey); !by.isUndefined()) {
        const auto known = std::find_if(kRankByNames.begin(), kRankByNames.end(),
            [&by](const auto &n) { return by.toString() == QString::fromUtf16(n.second); });
        if (!by.isString() || known == kRankByNames.end())
            problems << source + u": "_s + kRankByKey
                    + u": expected \"can_save\" or \"exposure\", got "_s + describeValue(by);
        else
            policy.rankBy = known->first;
    }

    if (!problems.isEmpty()) {
        Error error {Error::BadInput,
            problems.size() == 1 ? problems.front()
                                 : source + u": "_s + QString::number(problems.size())
                    + u" problems in the policy"_s,
            problems};
        return std::unexpected(std::move(error));
    }
    return policy;
}

} // namespace model
