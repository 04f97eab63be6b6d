#pragma once
// Override rates: of the decisions planners took, the share that did not go as
// recommended (an override or a rejection), per planner, per exception type, per top
// factor and per week, and the drift warning when a type's rate stays above the policy's threshold.
// Plain arithmetic on a list of decisions, so that a test can count by hand.

#include "engine/core/date.h"
#include "engine/core/policy.h"

#include <QString>

#include <array>
#include <map>
#include <vector>

namespace model {

/// One decision as the rates count it.
struct DecisionTally {
    QString planner;
    engine::ExceptionType type = engine::ExceptionType::Shortage;
    engine::Date day = engine::kNoDate; ///< the UTC day it was taken
    bool overridden = false; ///< overridden or rejected (not approved as recommended)
    /// engine::FactorKind of the exception's largest factor when it was decided; -1
    /// when unknown.
    int topFactor = -1;
};

/// Decisions and how many of them were overrides or rejections.
struct RateCell {
    int decisions = 0;
    int overridden = 0;
    /// overridden / decisions; 0 when there was no decision.
    double rate() const { return decisions > 0 ? double(overridden) / decisions : 0.0; }
    void add(bool isOverride)
    {
        ++decisions;
        overridden += isOverride ? 1 : 0;
    }
};

/// The Monday of `day`'s week (weeks run Monday to Sunday, as ISO 8601 counts them).
engine::Date weekOf(engine::Date day);

/// Override rates of a list of decisions, every way a manager cuts them.
struct OverrideRates {
    RateCell total;
    std::map<QString, RateCell> byPlanner;
    std::array<RateCell, engine::kExceptionTypeCount> byType {};
    /// By week (its Monday), every type together and each type apart.
    std::map<engine::Date, RateCell> byWeek;
    std::map<engine::Date, std::array<RateCell, engine::kExceptionTypeCount>> byWeekAndType;
    /// By the exception's top factor when decided: which part of the score planners
    /// disagree with.
    std::array<RateCell, engine::kFactorCount> byFactor {};
    std::map<engine::Date, std::array<RateCell, engine::kFactorCount>> byWeekAndFactor;
};
OverrideRates overrideRates(const std::vector<DecisionTally> &decisions);

/// An exception type whose override rate was above the threshold for at least the
/// policy's number of weeks in a row.
struct DriftWarning {
    engine::ExceptionType type = engine::ExceptionType::Shortage;
    engine::Date firstWeek = engine::kNoDate; ///< Monday of the first week of the run
    engine::Date lastWeek = engine::kNoDate; ///< Monday of its last week
    int weeks = 0;
    double lowestRate = 0; ///< the lowest weekly rate in the run (still above the threshold)
    /// The run reaches the latest week with any decision: the drift goes on.
    bool ongoing = false;
};

/// Every run of `weeks` or more consecutive calendar weeks in which a type's override
/// rate was above `threshold`, oldest first. A week without a decision on the type
/// ends a run: there is nothing to say the rate stayed high. No warning when
/// `threshold` is 0 or `weeks` below 1.
std::vector<DriftWarning> driftWarnings(const OverrideRates &rates, double threshold, int weeks);

} // namespace model
