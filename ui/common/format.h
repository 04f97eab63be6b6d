#pragma once
// How the workbench shows numbers, dates and engine enums to a person. Every widget
// formats through here so a score reads the same in the queue, the detail panel and
// the charts. All functions use the default QLocale (QLocale::setDefault).

#include "engine/core/date.h"
#include "engine/core/policy.h"
#include "engine/scoring/scoringoutput.h"

#include <QColor>
#include <QDate>
#include <QString>

namespace ui {

/// Money with thousands separators and the snapshot's currency code, e.g. "EUR 12,400"
/// in English. Amounts of 100 or more show whole units, smaller ones cents, so a
/// 25.50 count cost does not read as 26. An empty currency gives the bare number.
QString formatMoney(double amount, const QString &currency);
/// As above with a fixed number of decimals.
QString formatMoney(double amount, const QString &currency, int decimals);

/// The engine date as a calendar date, e.g. "1 Dec 2026"; "—" for kNoDate.
QString formatDate(engine::Date date);
/// Day and month only, for chart axes and dense tables, e.g. "1 Dec".
QString formatShortDate(engine::Date date);
/// The engine date as a QDate (invalid for kNoDate).
QDate toQDate(engine::Date date);

/// Units with thousands separators; fractions rounded to one decimal ("1,250", "32.1").
QString formatQty(double quantity);

/// A fraction (0.43) as a percentage ("43%", "2.1%"). Values very close to 0 or 1 but
/// not equal show as "< 0.1%" / "> 99.9%" so a tiny risk never reads as none.
QString formatPercent(double fraction);

/// "Shortage", "Replenishment", "Late supply", ...
QString exceptionTypeLabel(engine::ExceptionType type);
/// The colour of the type's chip in the queue and the detail panel.
QColor exceptionTypeColor(engine::ExceptionType type);

/// "Margin at risk", "SLA penalty", ...
QString factorLabel(engine::FactorKind kind);
/// A distinct colour per factor, the same in every chart.
QColor factorColor(engine::FactorKind kind);

/// "Transfer", "Expedite PO", "Notify customer service", ...
QString actionLabel(engine::Action action);

/// "Planner", "Manager" from the engine's role name; the name itself when unknown.
QString roleLabel(engine::Role role);

} // namespace ui
