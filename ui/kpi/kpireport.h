#pragma once
// The KPI report a manager forwards: a PDF with the trends of exposure, can save and the
// fill rate proxy, the KPIs per snapshot, and the ten largest exposures of the latest
// run with what was decided about them. Drawn with QPainter on a QPdfWriter (A4).

#include "model/error.h"
#include "model/kpi/kpifigures.h"
#include "model/workbench.h"

#include <QString>

#include <vector>

namespace ui {

class KpiTrendChart;

/// One of the largest exposures of the latest run, and its standing decision.
struct TopExposure {
    QString exceptionId;
    engine::ExceptionType type = engine::ExceptionType::Shortage;
    double exposure = 0;
    double canSave = 0;
    QString currency;
    /// "Approved by ana, 29 Nov 2026 · batch 3 accepted", "No decision", ...
    QString decided;
};

/// The `count` largest exposures of the current snapshot's latest run, each with what
/// its standing decision says (and what the ERP answered to its export). Empty when
/// nothing is scored. Slow on a large queue: call it off the GUI thread.
model::Result<std::vector<TopExposure>> topExposures(model::Workbench &workbench, int count);

/// Draws the report's trend lines of `report` on the two charts (the window uses it too).
void drawKpiTrends(const model::KpiReport &report, KpiTrendChart *money, KpiTrendChart *fill);

/// Writes the report to `path` as a PDF. `source` names the database in the heading.
/// Returns the number of pages written.
model::Result<int> writeKpiReport(const QString &path, const QString &source,
    const model::KpiReport &report, const std::vector<TopExposure> &top);

} // namespace ui
