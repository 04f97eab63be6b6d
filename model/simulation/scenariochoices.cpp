#include "model/simulation/scenariochoices.h"

#include "model/workbench.h"

#include <algorithm>
#include <set>

namespace model {

namespace {

QStringList sortedIds(const engine::IdTable &ids)
{
    QStringList out;
    out.reserve(ids.size());
    for (engine::Index i = 0; i < ids.size(); ++i)
        out << QString::fromStdString(ids.at(i));
    out.sort();
    return out;
}

} // namespace

bool ScenarioChoices::hasLane(const QString &from, const QString &to) const
{
    return std::binary_search(lanes.begin(), lanes.end(), std::make_pair(from, to));
}

ScenarioChoices scenarioChoicesOf(const engine::Snapshot &s)
{
    ScenarioChoices c;
    c.locations = sortedIds(s.locations.ids);
    c.items = sortedIds(s.items.ids);
    c.groups = sortedIds(s.substituteGroups);
    c.suppliers = sortedIds(s.suppliers.ids);
    std::set<std::pair<QString, QString>> lanes;
    for (engine::Index l = 0; l < s.lanes.size(); ++l) {
        const auto i = std::size_t(l);
        if (!s.lanes.active.empty() && s.lanes.active[i] == 0)
            continue;
        lanes.emplace(QString::fromStdString(s.locations.ids.at(s.lanes.from[i])),
            QString::fromStdString(s.locations.ids.at(s.lanes.to[i])));
    }
    c.lanes.assign(lanes.begin(), lanes.end());
    const engine::PurchaseOrders &po = s.purchaseOrders;
    for (engine::Index r = 0; r < po.size(); ++r) {
        const auto i = std::size_t(r);
        QList<int> &lines = c.poLines[QString::fromStdString(po.poId[i])];
        if (!lines.contains(po.line[i]))
            lines << po.line[i];
    }
    for (auto it = c.poLines.begin(); it != c.poLines.end(); ++it)
        std::sort(it->begin(), it->end());
    c.pos = c.poLines.keys();
    return c;
}

Result<ScenarioChoices> currentScenarioChoices(Workbench &workbench)
{
    auto current = workbench.runs().currentWithPlanned();
    if (!current)
        return std::unexpected(current.error());
    ScenarioChoices c = scenarioChoicesOf(*current->second);
    c.snapshotVersion = current->first.version;
    return c;
}

} // namespace model
