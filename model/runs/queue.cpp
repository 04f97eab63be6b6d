#include "model/runs/queue.h"

#include "engine/core/policy.h"

namespace model {

QString Queue::exceptionId(qsizetype row) const
{
    const auto r = std::size_t(row);
    return QString::fromUtf8(engine::exceptionTypeName(engine::ExceptionType(type[r]))) + u':'
        + itemIds.at(item[r]) + u'@' + locationIds.at(location[r]);
}

bool Queue::isActionFeasible(qsizetype row) const
{
    const auto r = std::size_t(row);
    return action[r] >= 0 && (r >= actionFeasible.size() || actionFeasible[r] != 0);
}

bool Queue::offersAction(qsizetype row) const
{
    const auto r = std::size_t(row);
    if (action[r] < 0)
        return false;
    return isActionFeasible(row) || r >= canSave.size() || canSave[r] > 0;
}

} // namespace model
