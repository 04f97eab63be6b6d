#include "ui/detail/rowlookup.h"

#include "engine/core/policy.h"

namespace ui {

namespace {

template <class Vector> bool inRange(const Vector &v, engine::Index i)
{
    return i >= 0 && std::size_t(i) < v.size();
}

QString withName(const std::string &id, const std::string &name)
{
    QString text = QString::fromStdString(id);
    if (name.empty() || name == id)
        return text;
    return text + QStringLiteral(" (") + QString::fromStdString(name) + QLatin1Char(')');
}

} // namespace

RowLookup::RowLookup(std::shared_ptr<const engine::Snapshot> rows)
    : m_rows(std::move(rows))
{ }

QString RowLookup::itemId(engine::Index item) const
{
    if (!m_rows || item < 0 || item >= m_rows->items.size())
        return QStringLiteral("—");
    return QString::fromStdString(m_rows->items.ids.at(item));
}

QString RowLookup::itemDescription(engine::Index item) const
{
    if (!m_rows || !inRange(m_rows->items.description, item))
        return {};
    return QString::fromStdString(m_rows->items.description[std::size_t(item)]);
}

char RowLookup::abcClass(engine::Index item) const
{
    if (!m_rows || !inRange(m_rows->items.abcClass, item))
        return 0;
    return m_rows->items.abcClass[std::size_t(item)];
}

QString RowLookup::locationId(engine::Index location) const
{
    if (!m_rows || location < 0 || location >= m_rows->locations.size())
        return QStringLiteral("—");
    return QString::fromStdString(m_rows->locations.ids.at(location));
}

QString RowLookup::locationName(engine::Index location) const
{
    if (!m_rows || !inRange(m_rows->locations.name, location))
        return {};
    return QString::fromStdString(m_rows->locations.name[std::size_t(location)]);
}

QString RowLookup::describeLocation(const std::string &id) const
{
    if (m_rows) {
        const engine::Index i = m_rows->locations.ids.find(id);
        if (inRange(m_rows->locations.name, i))
            return withName(id, m_rows->locations.name[std::size_t(i)]);
    }
    return QString::fromStdString(id);
}

QString RowLookup::describeCustomer(const std::string &id) const
{
    if (m_rows) {
        const engine::Index i = m_rows->customers.ids.find(id);
        if (inRange(m_rows->customers.name, i))
            return withName(id, m_rows->customers.name[std::size_t(i)]);
    }
    return QString::fromStdString(id);
}

QString RowLookup::describeSupplier(const std::string &id) const
{
    if (m_rows) {
        const engine::Index i = m_rows->suppliers.ids.find(id);
        if (inRange(m_rows->suppliers.name, i))
            return withName(id, m_rows->suppliers.name[std::size_t(i)]);
    }
    return QString::fromStdString(id);
}

engine::Index RowLookup::itemOf(engine::Index itemLocation) const
{
    if (!m_rows || !inRange(m_rows->itemLocations.item, itemLocation))
        return engine::kNone;
    return m_rows->itemLocations.item[std::size_t(itemLocation)];
}

engine::Index RowLookup::locationOf(engine::Index itemLocation) const
{
    if (!m_rows || !inRange(m_rows->itemLocations.location, itemLocation))
        return engine::kNone;
    return m_rows->itemLocations.location[std::size_t(itemLocation)];
}

double RowLookup::safetyStock(engine::Index itemLocation) const
{
    if (!m_rows || !inRange(m_rows->itemLocations.safetyStock, itemLocation))
        return 0;
    const double value = m_rows->itemLocations.safetyStock[std::size_t(itemLocation)];
    return engine::isSet(value) ? value : 0.0;
}

double stockoutTarget(const engine::Policy &policy, char abcClass)
{
    std::size_t slot = 3;
    if (abcClass >= 'A' && abcClass <= 'C')
        slot = std::size_t(abcClass - 'A');
    return 1.0 - policy.serviceTarget[slot];
}

} // namespace ui
