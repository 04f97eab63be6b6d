#pragma once
// What a scenario can name on the current snapshot: its locations, active lanes,
// suppliers, POs (with their open lines), items and item groups. The scenario editor
// fills its pickers from them and checks a change against them before it runs.

#include "engine/core/snapshot.h"
#include "model/error.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace model {

class Workbench;

struct ScenarioChoices {
    qint64 snapshotVersion = 0;
    QStringList locations, items, groups, suppliers, pos; ///< sorted ids
    std::vector<std::pair<QString, QString>> lanes {}; ///< active lanes (from, to), sorted
    QMap<QString, QList<int>> poLines; ///< PO id -> its open line numbers, sorted

    bool hasLane(const QString &from, const QString &to) const;
};

/// The choices of `snapshot`.
ScenarioChoices scenarioChoicesOf(const engine::Snapshot &snapshot);

/// The choices of the current snapshot (slow as a score run's read: off the GUI thread).
Result<ScenarioChoices> currentScenarioChoices(Workbench &workbench);

} // namespace model
