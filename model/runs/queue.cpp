#include "model/runs/queue.h"

#include "engine/core/policy.h"

namespace model {

QString Queue::exceptionId(qsizetype row) const
{
    const auto r = std::size_t(row);
    return QString::fromUtf8(engine::exceptionTypeName(engine::ExceptionType(type[r]))) + u':'
        + itemIds.at(item[r]) + u'@' + locationIds.at(location[r]);
}

} // namespace model
