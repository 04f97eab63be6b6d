#include "model/decisions/decision.h"

#include <algorithm>

namespace model {

const std::array<ReasonCode, 7> &reasonCodes()
{
    static const std::array<ReasonCode, 7> codes {{
        {"customer_agreed_to_wait", "The customer agreed to wait"},
        {"stock_found", "Stock was found (count, returns, another bin)"},
        {"supplier_confirmed_date", "The supplier confirmed a date"},
        {"capacity_limit", "Receiving, storage or lane capacity"},
        {"commercial_priority", "Commercial priority (key account, promotion)"},
        {"data_error", "The snapshot's data is wrong"},
        {"other", "Other (say why in the comment)"},
    }};
    return codes;
}

bool isReasonCode(const QString &code)
{
    return std::any_of(reasonCodes().begin(), reasonCodes().end(),
        [&code](const ReasonCode &r) { return code == QLatin1String(r.code); });
}

} // namespace model
