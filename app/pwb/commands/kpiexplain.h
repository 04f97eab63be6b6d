#pragma once
// `pwb kpi --explain KPI --date D [--by X --key K]`: the exceptions, open order lines or
// decisions behind one figure of `pwb kpi` (model::KpiStore::drillDown).

#include "model/kpi/kpifigures.h"

namespace pwb {

class Invocation;

/// Runs `pwb kpi --explain` once the format and the grouping `by` have been read.
int runKpiExplain(const Invocation &invocation, model::KpiDimension by, const QString &format);

} // namespace pwb
