#pragma once
// Reads the files of a snapshot from a folder or a .zip of that folder (Qt resource
// paths such as ":/demo" work too) into memory for engine::parseSnapshot.

#include "engine/import/snapshotparser.h"
#include "model/error.h"
#include "model/import/zipreader.h"

#include <QString>

namespace model {

/// The files of the snapshot format found at `path` (others are ignored; a missing
/// one is left out, and the parser says whether that matters). In a .zip, the
/// snapshot may sit at the top or inside one folder: the folder of the shallowest
/// manifest.json is used, and the members read are held to `zipLimits`.
Result<engine::SnapshotFiles> readSnapshotFiles(
    const QString &path, const ZipLimits &zipLimits = {});

} // namespace model
