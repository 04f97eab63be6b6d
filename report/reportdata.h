#pragma once
// What the management report says, read from a workbench: the KPIs per snapshot, the
// largest exposures of the current snapshot's latest run with their standing decision,
// and the override rates with the drift warning. Read once, then drawn by
// writeKpiReport (report/kpireportwriter.h) by the window and by `pwb report` alike.

#include "engine/core/policy.h"
#include "model/error.h"
#include "model/history/overriderates.h"
#include "model/kpi/kpifigures.h"
#include "model/workbench.h"

#include <QString>

#include <array>
#include <vector>

namespace report {

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

/// The override rates of the decisions taken in the report's dates, and the drift
/// warnings the policy's rule raises on them.
struct OverrideSummary {
    model::RateCell total;
    std::array<model::RateCell, engine::kExceptionTypeCount> byType {};
    std::vector<model::DriftWarning> drift;
    double driftThreshold = engine::Policy {}.overrideDriftThreshold;
    int driftWeeks = engine::Policy {}.overrideDriftWeeks;
};

/// Everything the report draws.
struct ReportData {
    model::KpiReport kpis;
    std::vector<TopExposure> top;
    OverrideSummary overrides;
};

/// The `count` largest exposures of the current snapshot's latest run, each with what
/// its standing decision says (and what the ERP answered to its export). A BadInput
/// error when nothing is scored. Slow on a large queue: call it off the GUI thread.
model::Result<std::vector<TopExposure>> topExposures(model::Workbench &workbench, int count);

/// The override rates of the standing decisions taken from `from` to `to` (UTC days,
/// kNoDate: no bound), with the drift rule of the policy the current snapshot was
/// scored with.
model::Result<OverrideSummary> overrideSummary(
    model::Workbench &workbench, engine::Date from, engine::Date to);

/// Reads the report of `query` (its dates bound the snapshots and the decisions; its
/// grouping is ignored: the report shows the overall figures). Nothing scored is not
/// an error: the report then says so.
model::Result<ReportData> readReport(model::Workbench &workbench, model::KpiQuery query);

} // namespace report
