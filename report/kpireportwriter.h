#pragma once
// The management report as a PDF (A4, QPdfWriter): on the first page the drift warning
// and the trends of exposure, can save and the fill rate proxy; on the second the
// trends of stockouts, inventory turns and the transfer cycle; then the largest
// exposures of the latest run with what was decided about them, the override rates by
// exception type, and the KPIs per snapshot. Drawn with QPainter alone: the window
// and `pwb report` write the same file, and neither needs a display for it.

#include "model/error.h"
#include "report/reportdata.h"
#include "report/trendpainter.h"

#include <QString>

namespace report {

/// The trends of the report (and of the window): exposure and can save in money, and
/// the fill rate proxies against the policy's target; the stockouts per night, the
/// inventory turns and the transfer cycle's median hours, which no policy sets a
/// target for. A snapshot without the figure (never scored, no transfer leg ended) has
/// no point.
Trend moneyTrend(const model::KpiReport &kpis);
Trend fillRateTrend(const model::KpiReport &kpis);
Trend stockoutTrend(const model::KpiReport &kpis);
Trend turnsTrend(const model::KpiReport &kpis);
Trend transferCycleTrend(const model::KpiReport &kpis);

/// The drift warning as one paragraph, or that there is none.
QString driftText(const OverrideSummary &overrides);

/// Writes the report to `path` as a PDF. `source` names the database in the heading.
/// Needs a QGuiApplication (fonts); any platform, offscreen included. Returns the
/// number of pages written.
model::Result<int> writeKpiReport(
    const QString &path, const QString &source, const ReportData &data);

} // namespace report
