#pragma once
// A planner's decision on one recommendation, as the audit trail keeps it.

#include <QString>
#include <QtGlobal>

namespace model {

/// A planner's decision on one recommendation (approve / reject; later: override).
struct Decision {
    enum Kind : quint8 { None = 0, Approved = 1, Rejected = 2 };
    qint64 id = 0;
    QString exceptionId;
    int recommendationIndex = 0; ///< position in ExceptionRecord::recommendations
    QString action; ///< engine action name
    Kind kind = None;
    QString user;
    QString comment;
    QString decidedAt; ///< ISO 8601 UTC
    qint64 runId = 0; ///< the run it was taken on
    /// What the decision is about: action, quantity, locations, PO line, supplier and
    /// substitute of the recommendation (not its dates, which move with the snapshot).
    QString actionKey;
    /// Taken on an earlier run and standing on this one, where the same action is
    /// still recommended for the same exception (recommendationIndex is its place now).
    bool carried = false;
};

} // namespace model
