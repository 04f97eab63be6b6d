#include "model/simulation/scenariojson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

using namespace Qt::StringLiterals;

namespace model {

namespace sim = engine::simulation;

namespace {

/// Reads the fields of one change, remembering the first problem.
class Fields
{
public:
    Fields(const QJsonObject &object, QString where)
        : m_object(object)
        , m_where(std::move(where))
    { }

    std::string text(const QString &key, bool required = true)
    {
        m_known.insert(key);
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() && !required)
            return {};
        if (!v.isString() || v.toString().isEmpty()) {
            fail(key, u"a non-empty string"_s);
            return {};
        }
        return v.toString().toStdString();
    }

    double number(const QString &key, double fallback, bool required = false)
    {
        m_known.insert(key);
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() && !required)
            return fallback;
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            fail(key, u"a number"_s);
            return fallback;
        }
        return v.toDouble();
    }

    int whole(const QString &key, int fallback, bool required = false)
    {
        const double d = number(key, fallback, required);
        if (d != std::floor(d) || std::abs(d) > 100000) {
            fail(key, u"a whole number"_s);
            return fallback;
        }
        return static_cast<int>(d);
    }

    /// A number, null (kUnset: unlimited) or absent (nullopt).
    std::optional<double> capacity(const QString &key)
    {
        m_known.insert(key);
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined())
            return std::nullopt;
        if (v.isNull())
            return engine::kUnset;
        return number(key, 0);
    }

    std::optional<double> optionalNumber(const QString &key)
    {
        m_known.insert(key);
        if (m_object.value(key).isUndefined())
            return std::nullopt;
        return number(key, 0);
    }

    /// Checks that no key was left unread.
    void finish()
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it)
            if (it.key() != u"kind"_s && !m_known.contains(it.key()) && m_error.isEmpty())
                m_error = m_where + u": unknown key \""_s + it.key() + u'"';
    }

    const QString &error() const { return m_error; }

private:
    void fail(const QString &key, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = m_where + u": \""_s + key + u"\" must be "_s + what;
    }

    const QJsonObject &m_object;
    QString m_where;
    QSet<QString> m_known;
    QString m_error;
};

std::optional<sim::Change> readChange(const QString &kind, Fields &f)
{
    if (kind == u"disable_lane"_s)
        return sim::DisableLane {f.text(u"from"_s), f.text(u"to"_s)};
    if (kind == u"change_lane"_s)
        return sim::ChangeLane {f.text(u"from"_s), f.text(u"to"_s),
            f.optionalNumber(u"transit_days"_s), f.optionalNumber(u"cost_per_unit"_s),
            f.capacity(u"capacity_per_day"_s)};
    if (kind == u"delay_supplier"_s)
        return sim::DelaySupplier {f.text(u"supplier"_s), f.whole(u"days"_s, 0, true)};
    if (kind == u"delay_po"_s)
        return sim::DelayPo {f.text(u"po"_s), f.whole(u"line"_s, 0), f.whole(u"days"_s, 0, true)};
    if (kind == u"demand_spike"_s) {
        sim::DemandSpike s;
        s.location = f.text(u"location"_s, false);
        s.item = f.text(u"item"_s, false);
        s.group = f.text(u"group"_s, false);
        const std::string abc = f.text(u"abc_class"_s, false);
        s.abcClass = abc.empty() ? char(0) : abc[0];
        s.percent = f.number(u"percent"_s, 0);
        s.units = f.number(u"units"_s, 0);
        s.dueInDays = f.whole(u"due_in_days"_s, s.dueInDays);
        s.tier = f.whole(u"tier"_s, s.tier);
        return s;
    }
    if (kind == u"extra_stock"_s)
        return sim::ExtraStock {
            f.text(u"item"_s), f.text(u"location"_s), f.number(u"units"_s, 0, true)};
    if (kind == u"new_lane"_s) {
        sim::NewLane l;
        l.from = f.text(u"from"_s);
        l.to = f.text(u"to"_s);
        l.transitDays = f.number(u"transit_days"_s, 0, true);
        l.costPerUnit = f.number(u"cost_per_unit"_s, 0);
        l.fixedCost = f.number(u"fixed_cost"_s, 0);
        l.capacityPerDay = f.capacity(u"capacity_per_day"_s).value_or(engine::kUnset);
        return l;
    }
    return std::nullopt;
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QJsonValue capacityValue(double c)
{
    return engine::isSet(c) ? QJsonValue(c) : QJsonValue(QJsonValue::Null);
}

struct ToJson {
    QJsonObject operator()(const sim::DisableLane &c) const
    {
        return {{u"from"_s, qs(c.from)}, {u"to"_s, qs(c.to)}};
    }
    QJsonObject operator()(const sim::ChangeLane &c) const
    {
        QJsonObject o {{u"from"_s, qs(c.from)}, {u"to"_s, qs(c.to)}};
        if (c.transitDays)
            o[u"transit_days"_s] = *c.transitDays;
        if (c.costPerUnit)
            o[u"cost_per_unit"_s] = *c.costPerUnit;
        if (c.capacityPerDay)
            o[u"capacity_per_day"_s] = capacityValue(*c.capacityPerDay);
        return o;
    }
    QJsonObject operator()(const sim::DelaySupplier &c) const
    {
        return {{u"supplier"_s, qs(c.supplier)}, {u"days"_s, c.days}};
    }
    QJsonObject operator()(const sim::DelayPo &c) const
    {
        return {{u"po"_s, qs(c.po)}, {u"line"_s, c.line}, {u"days"_s, c.days}};
    }
    QJsonObject operator()(const sim::DemandSpike &c) const
    {
        QJsonObject o {{u"percent"_s, c.percent}, {u"units"_s, c.units},
            {u"due_in_days"_s, c.dueInDays}, {u"tier"_s, c.tier}};
        if (!c.location.empty())
            o[u"location"_s] = qs(c.location);
        if (!c.item.empty())
            o[u"item"_s] = qs(c.item);
        if (!c.group.empty())
            o[u"group"_s] = qs(c.group);
        if (c.abcClass != 0)
            o[u"abc_class"_s] = QString(QChar::fromLatin1(c.abcClass));
        return o;
    }
    QJsonObject operator()(const sim::ExtraStock &c) const
    {
        return {{u"item"_s, qs(c.item)}, {u"location"_s, qs(c.location)}, {u"units"_s, c.units}};
    }
    QJsonObject operator()(const sim::NewLane &c) const
    {
        return {{u"from"_s, qs(c.from)}, {u"to"_s, qs(c.to)}, {u"transit_days"_s, c.transitDays},
            {u"cost_per_unit"_s, c.costPerUnit}, {u"fixed_cost"_s, c.fixedCost},
            {u"capacity_per_day"_s, capacityValue(c.capacityPerDay)}};
    }
};

} // namespace

Result<sim::Scenario> scenarioFromJson(const QByteArray &json, const QString &source)
{
    auto bad = [&source](const QString &what) {
        return std::unexpected(Error {Error::BadInput, source + u": "_s + what, {}});
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull())
        return bad(u"not valid JSON: "_s + parseError.errorString());
    if (!doc.isObject())
        return bad(u"a scenario is a JSON object"_s);
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it)
        if (it.key() != u"name"_s && it.key() != u"changes"_s)
            return bad(u"unknown key \""_s + it.key() + u'"');
    sim::Scenario scenario;
    if (root.contains(u"name"_s)) {
        if (!root.value(u"name"_s).isString())
            return bad(u"\"name\" must be a string"_s);
        scenario.name = root.value(u"name"_s).toString().toStdString();
    }
    if (!root.value(u"changes"_s).isArray())
        return bad(u"\"changes\" must be a list of changes"_s);
    const QJsonArray changes = root.value(u"changes"_s).toArray();
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const QString where = u"change "_s + QString::number(i + 1);
        if (!changes.at(i).isObject())
            return bad(where + u" must be an object"_s);
        const QJsonObject object = changes.at(i).toObject();
        const QString kind = object.value(u"kind"_s).toString();
        Fields fields(object, where + u" ("_s + kind + u')');
        std::optional<sim::Change> change = readChange(kind, fields);
        if (!change)
            return bad(where + u": unknown kind \""_s + kind
                + u"\" (disable_lane, change_lane, delay_supplier, delay_po, demand_spike, "
                  u"extra_stock, new_lane)"_s);
        fields.finish();
        if (!fields.error().isEmpty())
            return bad(fields.error());
        scenario.changes.push_back(std::move(*change));
    }
    return scenario;
}

Result<sim::Scenario> loadScenario(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(Error {
            Error::Io, u"Cannot read the scenario "_s + path + u": "_s + file.errorString(), {}});
    return scenarioFromJson(file.readAll(), path);
}

QJsonObject scenarioToJson(const sim::Scenario &scenario)
{
    QJsonArray changes;
    for (const sim::Change &c : scenario.changes) {
        QJsonObject o = std::visit(ToJson {}, c);
        o[u"kind"_s] = QString::fromLatin1(sim::changeKindName(c));
        changes.append(o);
    }
    return {{u"name"_s, qs(scenario.name)}, {u"changes"_s, changes}};
}

} // namespace model
