#include "model/json/policyjson.h"

#include "engine/scoring/approval.h"
#include "engine/scoring/scoringoutput.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QJsonArray>
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

/// The two lists of governance rules (engine::ApprovalLimit, engine::AutoApproveRule).
const QString kApprovalLimitsKey = u"approval_limits"_s;
const QString kAutoApproveKey = u"auto_approve"_s;

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

QJsonArray approvalLimitsToJson(const std::vector<engine::ApprovalLimit> &limits)
{
    QJsonArray list;
    for (const engine::ApprovalLimit &r : limits) {
        QJsonObject rule {{u"role"_s, QString::fromLatin1(engine::roleName(r.role))},
            {u"action"_s, QString::fromStdString(r.action)}, {u"max_cost"_s, r.maxCost}};
        if (r.tier > 0)
            rule.insert(u"tier"_s, r.tier);
        list.append(rule);
    }
    return list;
}

QJsonArray autoApproveToJson(const std::vector<engine::AutoApproveRule> &rules)
{
    QJsonArray list;
    for (const engine::AutoApproveRule &r : rules) {
        QJsonObject rule {
            {u"action"_s, QString::fromStdString(r.action)}, {u"max_cost"_s, r.maxCost}};
        if (r.skipTier > 0)
            rule.insert(u"skip_tier"_s, r.skipTier);
        list.append(rule);
    }
    return list;
}

/// Reads the rules of one governance list (`key`): an array of objects whose fields
/// `readRule` takes, each problem named as "key[i].field".
template <class Rule, class ReadRule>
std::vector<Rule> readRules(const QJsonObject &root, const QString &key, const QString &source,
    QStringList &problems, ReadRule &&readRule)
{
    std::vector<Rule> rules;
    const QJsonValue value = root.value(key);
    if (value.isUndefined())
        return rules;
    if (!value.isArray()) {
        problems << source + u": "_s + key + u": expected a list of rules, got "_s
                + describeValue(value);
        return rules;
    }
    const QJsonArray list = value.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString at = key + u'[' + QString::number(i) + u']';
        if (!list.at(i).isObject()) {
            problems << source + u": "_s + at + u": expected an object, got "_s
                    + describeValue(list.at(i));
            continue;
        }
        Rule rule;
        if (readRule(list.at(i).toObject(), source + u": "_s + at, rule))
            rules.push_back(std::move(rule));
    }
    return rules;
}

/// Checks the keys of one rule against `known`; true when all are known.
bool knownKeys(const QJsonObject &rule, std::initializer_list<QString> known, const QString &at,
    QStringList &problems)
{
    bool ok = true;
    for (auto it = rule.begin(); it != rule.end(); ++it) {
        if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
            problems << at + u'.' + it.key() + u": unknown key"_s;
            ok = false;
        }
    }
    return ok;
}

/// Reads `rule[key]` as a number in `range` into `out`; `required` says whether it
/// may be left out.
template <class T>
bool readNumber(const QJsonObject &rule, const QString &key, const Range &range, bool required,
    const QString &at, QStringList &problems, T &out)
{
    const QJsonValue value = rule.value(key);
    if (value.isUndefined()) {
        if (required)
            problems << at + u'.' + key + u": missing; expected "_s + describeRange(range);
        return !required;
    }
    if (!value.isDouble() || !inRange(value.toDouble(), range)) {
        problems << at + u'.' + key + u": expected "_s + describeRange(range) + u", got "_s
                + describeValue(value);
        return false;
    }
    out = static_cast<T>(value.toDouble());
    return true;
}

/// Reads `rule["action"]`: an action name, or "*" where `anyAllowed`.
bool readAction(const QJsonObject &rule, bool anyAllowed, const QString &at, QStringList &problems,
    std::string &out)
{
    const QJsonValue value = rule.value(u"action"_s);
    engine::Action action {};
    const std::string name = value.toString().toStdString();
    if (value.isString() && ((anyAllowed && name == "*") || engine::parseAction(name, action))) {
        out = name;
        return true;
    }
    problems << at + u".action: expected "_s
            + (anyAllowed ? u"an action name (transfer, expedite, purchase, ...) or \"*\""_s
                          : u"an action name (transfer, expedite, purchase, ...)"_s)
            + u", got "_s + describeValue(value);
    return false;
}

const Range kTierRange {1, 3, true};

std::vector<engine::ApprovalLimit> readApprovalLimits(
    const QJsonObject &root, const QString &source, QStringList &problems)
{
    auto rules = readRules<engine::ApprovalLimit>(root, kApprovalLimitsKey, source, problems,
        [&problems](const QJsonObject &rule, const QString &at, engine::ApprovalLimit &out) {
            bool ok
                = knownKeys(rule, {u"role"_s, u"action"_s, u"tier"_s, u"max_cost"_s}, at, problems);
            const QString role = rule.value(u"role"_s).toString();
            if (role == u"planner"_s || role == u"manager"_s) {
                out.role = *engine::roleFromName(role.toStdString());
            } else {
                problems << at
                        + u".role: expected \"planner\" or \"manager\" (an admin may "
                          "approve anything), got "_s
                        + describeValue(rule.value(u"role"_s));
                ok = false;
            }
            ok = readAction(rule, true, at, problems, out.action) && ok;
            ok = readNumber(rule, u"tier"_s, kTierRange, false, at, problems, out.tier) && ok;
            ok = readNumber(rule, u"max_cost"_s, kNonNegative, true, at, problems, out.maxCost)
                && ok;
            return ok;
        });
    // Two rules for the same role, action and tier would leave which one counts to
    // their order: refused.
    for (std::size_t i = 0; i < rules.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            const auto &a = rules[i], &b = rules[j];
            if (a.role == b.role && a.action == b.action && a.tier == b.tier) {
                problems << source + u": "_s + kApprovalLimitsKey + u": two rules for "_s
                        + QString::fromLatin1(engine::roleName(a.role)) + u", "_s
                        + QString::fromStdString(a.action)
                        + (a.tier > 0 ? u", tier "_s + QString::number(a.tier) : QString())
                        + u"; keep one"_s;
            }
        }
    }
    return rules;
}

std::vector<engine::AutoApproveRule> readAutoApprove(
    const QJsonObject &root, const QString &source, QStringList &problems)
{
    return readRules<engine::AutoApproveRule>(root, kAutoApproveKey, source, problems,
        [&problems](const QJsonObject &rule, const QString &at, engine::AutoApproveRule &out) {
            bool ok = knownKeys(rule, {u"action"_s, u"max_cost"_s, u"skip_tier"_s}, at, problems);
            ok = readAction(rule, false, at, problems, out.action) && ok;
            ok = readNumber(rule, u"max_cost"_s, kNonNegative, true, at, problems, out.maxCost)
                && ok;
            ok = readNumber(rule, u"skip_tier"_s, kTierRange, false, at, problems, out.skipTier)
                && ok;
            return ok;
        });
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
    // Left out when empty, so a policy without rules keeps the hash it had before
    // there were rules.
    if (!policy.approvalLimits.empty())
        root.insert(kApprovalLimitsKey, approvalLimitsToJson(policy.approvalLimits));
    if (!policy.autoApprove.empty())
        root.insert(kAutoApproveKey, autoApproveToJson(policy.autoApprove));
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
    std::set<QString> topKeys {kRankByKey, kApprovalLimitsKey, kAutoApproveKey}, groupNames;
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

    policy.approvalLimits = readApprovalLimits(root, source, problems);
    policy.autoApprove = readAutoApprove(root, source, problems);

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
