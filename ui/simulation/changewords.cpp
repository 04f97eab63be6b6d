#include "ui/simulation/changewords.h"

#include "ui/common/format.h"

#include <QCoreApplication>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ui {

namespace sim = engine::simulation;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ui::ScenarioEditor", text);
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString lane(const std::string &from, const std::string &to)
{
    return (from.empty() ? u"?"_s : qs(from)) + u" → "_s + (to.empty() ? u"?"_s : qs(to));
}

QString days(int n)
{
    return std::abs(n) == 1 ? tr("1 day") : tr("%1 days").arg(std::abs(n));
}

QString number(double v)
{
    return formatQty(v);
}

struct Words {
    QString operator()(const sim::DisableLane &c) const
    {
        return tr("Close the lane %1").arg(lane(c.from, c.to));
    }
    QString operator()(const sim::ChangeLane &c) const
    {
        QStringList what;
        if (c.transitDays)
            what << tr("transit %1 days").arg(number(*c.transitDays));
        if (c.costPerUnit)
            what << tr("cost %1 a unit").arg(number(*c.costPerUnit));
        if (c.capacityPerDay)
            what << (engine::isSet(*c.capacityPerDay)
                    ? tr("capacity %1 a day").arg(number(*c.capacityPerDay))
                    : tr("no capacity limit"));
        return what.isEmpty()
            ? tr("Change the lane %1").arg(lane(c.from, c.to))
            : tr("Change the lane %1: %2").arg(lane(c.from, c.to), what.join(u", "_s));
    }
    QString operator()(const sim::DelaySupplier &c) const
    {
        return (c.days >= 0 ? tr("Supplier %1 delivers %2 later")
                            : tr("Supplier %1 delivers %2 earlier"))
            .arg(qs(c.supplier), days(c.days));
    }
    QString operator()(const sim::DelayPo &c) const
    {
        const QString po = c.line > 0 ? tr("PO %1 line %2").arg(qs(c.po)).arg(c.line)
                                      : tr("PO %1").arg(qs(c.po));
        return (c.days >= 0 ? tr("%1 arrives %2 later") : tr("%1 arrives %2 earlier"))
            .arg(po, days(c.days));
    }
    QString operator()(const sim::DemandSpike &c) const
    {
        QStringList where;
        if (!c.item.empty())
            where << tr("item %1").arg(qs(c.item));
        if (!c.group.empty())
            where << tr("group %1").arg(qs(c.group));
        if (c.abcClass != 0)
            where << tr("%1 items").arg(QChar::fromLatin1(c.abcClass));
        if (!c.location.empty())
            where << tr("at %1").arg(qs(c.location));
        QStringList how;
        if (c.percent != 0)
            how << (c.percent > 0 ? u"+"_s : QString()) + number(c.percent) + u'%';
        if (c.units != 0)
            how << tr("%1 units due in %2 (tier %3)")
                       .arg((c.units > 0 ? u"+"_s : QString()) + number(c.units), days(c.dueInDays))
                       .arg(c.tier);
        return tr("Demand %1 for %2")
            .arg(how.isEmpty() ? tr("unchanged") : how.join(tr(" and ")),
                where.isEmpty() ? tr("everything") : where.join(u", "_s));
    }
    QString operator()(const sim::ExtraStock &c) const
    {
        return (c.units >= 0 ? tr("%1 more units of %2 at %3") : tr("%1 fewer units of %2 at %3"))
            .arg(number(std::abs(c.units)), c.item.empty() ? u"?"_s : qs(c.item),
                c.location.empty() ? u"?"_s : qs(c.location));
    }
    QString operator()(const sim::NewLane &c) const
    {
        return tr("Open a new lane %1: %2 days, %3 a unit%4")
            .arg(lane(c.from, c.to), number(c.transitDays), number(c.costPerUnit),
                engine::isSet(c.capacityPerDay) ? tr(", %1 a day").arg(number(c.capacityPerDay))
                                                : QString());
    }
};

struct Problem {
    const model::ScenarioChoices &choices;
    bool known() const { return choices.snapshotVersion > 0; }

    QString location(const std::string &id, bool required) const
    {
        if (id.empty())
            return required ? tr("Pick a location.") : QString();
        if (known() && !choices.locations.contains(qs(id)))
            return tr("The current snapshot has no location %1.").arg(qs(id));
        return {};
    }
    QString item(const std::string &id, bool required) const
    {
        if (id.empty())
            return required ? tr("Pick an item.") : QString();
        if (known() && !choices.items.contains(qs(id)))
            return tr("The current snapshot has no item %1.").arg(qs(id));
        return {};
    }
    QString openLane(const std::string &from, const std::string &to) const
    {
        if (from.empty() || to.empty())
            return tr("Pick a lane.");
        if (known() && !choices.hasLane(qs(from), qs(to)))
            return tr("The current snapshot has no open lane %1.").arg(lane(from, to));
        return {};
    }

    QString operator()(const sim::DisableLane &c) const { return openLane(c.from, c.to); }
    QString operator()(const sim::ChangeLane &c) const
    {
        if (QString p = openLane(c.from, c.to); !p.isEmpty())
            return p;
        if (!c.transitDays && !c.costPerUnit && !c.capacityPerDay)
            return tr("Tick what changes: transit, cost or capacity.");
        if ((c.transitDays && *c.transitDays < 0) || (c.costPerUnit && *c.costPerUnit < 0))
            return tr("Transit days and cost cannot be negative.");
        return {};
    }
    QString operator()(const sim::DelaySupplier &c) const
    {
        if (c.supplier.empty())
            return tr("Pick a supplier.");
        if (known() && !choices.suppliers.contains(qs(c.supplier)))
            return tr("The current snapshot has no supplier %1.").arg(qs(c.supplier));
        return c.days == 0 ? tr("A delay of 0 days changes nothing.") : QString();
    }
    QString operator()(const sim::DelayPo &c) const
    {
        if (c.po.empty())
            return tr("Pick a PO.");
        if (known() && !choices.poLines.contains(qs(c.po)))
            return tr("The current snapshot has no open PO %1.").arg(qs(c.po));
        if (known() && c.line > 0 && !choices.poLines.value(qs(c.po)).contains(c.line))
            return tr("PO %1 has no open line %2.").arg(qs(c.po)).arg(c.line);
        return c.days == 0 ? tr("A delay of 0 days changes nothing.") : QString();
    }
    QString operator()(const sim::DemandSpike &c) const
    {
        if (c.location.empty() && c.item.empty() && c.group.empty() && c.abcClass == 0)
            return tr("Say where the demand grows: a location, an item, a group or an ABC class.");
        if (QString p = location(c.location, false); !p.isEmpty())
            return p;
        if (QString p = item(c.item, false); !p.isEmpty())
            return p;
        if (!c.group.empty() && known() && !choices.groups.contains(qs(c.group)))
            return tr("The current snapshot has no item group %1.").arg(qs(c.group));
        if (c.percent == 0 && c.units == 0)
            return tr("Give a percentage or a number of units.");
        return {};
    }
    QString operator()(const sim::ExtraStock &c) const
    {
        if (QString p = item(c.item, true); !p.isEmpty())
            return p;
        if (QString p = location(c.location, true); !p.isEmpty())
            return p;
        return c.units == 0 ? tr("0 units changes nothing.") : QString();
    }
    QString operator()(const sim::NewLane &c) const
    {
        if (QString p = location(c.from, true); !p.isEmpty())
            return p;
        if (QString p = location(c.to, true); !p.isEmpty())
            return p;
        if (c.from == c.to)
            return tr("A lane joins two different locations.");
        if (c.transitDays < 0 || c.costPerUnit < 0 || c.fixedCost < 0)
            return tr("Transit days and costs cannot be negative.");
        return {};
    }
};

} // namespace

QString changeInWords(const sim::Change &change)
{
    return std::visit(Words {}, change);
}

QString changeProblem(const sim::Change &change, const model::ScenarioChoices &choices)
{
    return std::visit(Problem {choices}, change);
}

} // namespace ui
