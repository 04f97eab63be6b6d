#pragma once
// What `pwb import` and `pwb score` share: the policy the run uses, and the lines they
// both end with (the score run just made).

#include "engine/core/date.h"
#include "engine/core/policy.h"
#include "model/error.h"
#include "model/policy/policystore.h"
#include "model/runs/scoreruninfo.h"

#include <QString>
#include <QTextStream>

namespace pwb {

/// "Scored as run N (version, policy hash)", then the exception count and the total
/// exposure in `currency`.
/// The policy a run uses, in `policy`: the one read from `file` when a --policy FILE was
/// given (refused once the database has a governed policy that differs), else the
/// database's governed policy (the built-in default when it has none).
model::Result<void> usePolicy(
    model::PolicyStore &policies, const QString &file, engine::Policy &policy);

void writeScoreRun(QTextStream &out, const model::ScoreRunInfo &run, const QString &currency);

/// A snapshot date as YYYY-MM-DD.
QString dateText(engine::Date date);

} // namespace pwb
