#pragma once
// Reads manifest.json of a snapshot: one flat JSON object of strings.

#include "engine/core/snapshot.h"
#include "engine/import/csvtable.h"

#include <string_view>

namespace engine {

/// What the snapshot parser needs to know after reading the manifest.
enum class ManifestStatus {
    Read, ///< read; any problems were reported and the other files can be read
    OtherFormat, ///< names a format other than erp-snapshot/1: reading further is pointless
};

/// Parses `json` (strict JSON; a BOM is skipped) into `manifest`, reporting problems as
/// `manifest.json` issues whose column is the character position in the line.
/// `format`, `snapshot_id`, `as_of` and `currency` are required strings; unknown keys
/// are warnings; values of unknown keys may be any JSON value.
ManifestStatus parseManifest(std::string_view json, Manifest &manifest, IssueLog &log);

} // namespace engine
