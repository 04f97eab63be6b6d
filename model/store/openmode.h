#pragma once
// How a workbench database is opened: whether a missing or empty file may become a
// new database, and whether the connection may write at all.

namespace model {

enum class OpenMode {
    /// Creates the database when the file is missing or empty, and upgrades an older
    /// schema: importing, and the window's "Open or create a workbench database".
    CreateOrOpen,
    /// Reads and writes a workbench database that exists already, upgrading an older
    /// schema; a missing or empty file is refused (`pwb score`).
    Existing,
    /// Only reads: never creates, upgrades or writes to the file, which stays
    /// byte-identical (`pwb queue`, `pwb explain`). Works on a read-only file or
    /// folder; see Store::open for the write-ahead log files that takes.
    ReadOnly,
};

} // namespace model
