#pragma once
// Facts about one imported snapshot version, as the catalogue lists it and as every
// queue, import summary and explanation names it.

#include "engine/core/date.h"

#include <QString>
#include <QtGlobal>

namespace model {

/// Facts about one imported snapshot version.
struct SnapshotInfo {
    qint64 version = 0; ///< 1, 2, ... in import order; the highest is current
    QString snapshotId; ///< from the manifest
    engine::Date asOf = engine::kNoDate;
    QString currency;
    QString sourceSystem;
    QString importedAt; ///< wall clock of the import, ISO 8601 UTC
    qint64 itemLocationCount = 0;
};

} // namespace model
