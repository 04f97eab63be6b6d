#pragma once
// Numbers as a planner reads them in explanation sentences: grouped thousands,
// no spurious decimals, money with the snapshot's currency.

#include "engine/core/date.h"

#include <string>

namespace engine::detail {

/// A quantity: "83", "1,250", "12.5" (at most one decimal, trailing zero dropped).
std::string fmtQty(double v);
/// Money with two decimals and the currency code when known: "6,200.00 USD".
std::string fmtMoney(double v, const std::string &currency);
/// A plain number with the given decimals and grouped thousands: "0.25", "1,234.5".
std::string fmtNumber(double v, int decimals);
/// `YYYY-MM-DD`, the same text as formatDate(), made for sentences in bulk.
std::string fmtDate(Date date);
/// A quantity with its noun: "1 unit", "12.5 units", or with an adjective
/// ("short", "spare"): "1 short unit".
std::string fmtUnits(double v, const char *adjective = nullptr);
/// "1 day", "12 days".
std::string fmtDays(int days);
/// A share as a percentage: "4.5%".
std::string fmtPercent(double share);

} // namespace engine::detail
