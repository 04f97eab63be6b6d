#pragma once
// The lines `pwb import` and `pwb score` both end with: the score run just made.

#include "engine/core/date.h"
#include "model/runs/scoreruninfo.h"

#include <QString>
#include <QTextStream>

namespace pwb {

/// "Scored as run N (version, policy hash)", then the exception count and the total
/// exposure in `currency`.
void writeScoreRun(QTextStream &out, const model::ScoreRunInfo &run, const QString &currency);

/// A snapshot date as YYYY-MM-DD.
QString dateText(engine::Date date);

} // namespace pwb
