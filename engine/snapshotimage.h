#pragma once
// A compact binary image of a parsed Snapshot: every column as it is in memory, no
// lookups (index() rebuilds them). The store keeps one per snapshot version, so a
// full re-score reads one value instead of every row of every table.

#include "snapshot.h"

#include <optional>
#include <string>
#include <string_view>

namespace engine {

/// The image format this build writes and reads; an image of another format is
/// refused, and the caller falls back to the rows.
inline constexpr std::uint32_t kSnapshotImageFormat = 1;

/// The image of `snapshot` (its rows and manifest; the indexes are left out).
std::string writeSnapshotImage(const Snapshot &snapshot);

/// The snapshot an image holds, indexed. nullopt when `bytes` is not a complete image
/// of kSnapshotImageFormat written on a machine of the same byte order, or when a
/// row refers to a row that does not exist: never a partial snapshot.
std::optional<Snapshot> readSnapshotImage(std::string_view bytes);

} // namespace engine
