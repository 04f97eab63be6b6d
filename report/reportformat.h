#pragma once
// How the report writes amounts, dates and shares. The window's formatting
// (ui/common/format.h) sits in the layer above and cannot be used here; these follow
// the same rules (the locale's digits, no "-0", "d MMM yyyy").

#include "engine/core/date.h"
#include "engine/core/policy.h"

#include <QDate>
#include <QString>

namespace report {

/// An amount without its currency: whole units from 100 up, cents below.
QString money(double amount);
/// An amount shortened for an axis: 950, 12k, 1.4M.
QString shortMoney(double amount);
/// "28 Nov 2026", or "—" for no date.
QString day(engine::Date date);
/// A share 0..1 in percent with at most one decimal.
QString percent(double fraction);
/// engine::Date as a QDate (invalid for kNoDate).
QDate toQDate(engine::Date date);
/// "Shortage", "Late supply", ...
QString typeLabel(engine::ExceptionType type);

} // namespace report
