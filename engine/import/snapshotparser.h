#pragma once
// Turns the files of an erp-snapshot/1 (docs/snapshot-format.md) into a validated
// Snapshot. Plain C++ over in-memory bytes: the model layer reads the folder or .zip,
// calls parseSnapshot() and stores the result only when it has no error.

#include "engine/core/snapshot.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace engine {

/// One problem found in a snapshot, located as precisely as the input allows.
struct Issue {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string file; ///< "sales_orders.csv", "manifest.json"
    std::int64_t line = 0; ///< 1-based physical line where the record starts (0: whole file)
    int column = 0; ///< 1-based field position in that record (0: whole row/file)
    std::string field; ///< column name, e.g. "qty_open" ("" when not about one field)
    std::string message; ///< e.g. `expected a non-negative number, got "12,5"`

    /// `sales_orders.csv:1042:6: error: qty_open: expected ...`. Like a compiler, the
    /// column is left out when it is 0, the line too when it is 0, and the field when
    /// it is empty: `items.csv: error: required file is missing`.
    std::string format() const;
};

/// File name (as in the snapshot folder, e.g. "items.csv") -> its raw bytes.
using SnapshotFiles = std::map<std::string, std::string>;

struct ParseOptions {
    /// Parsing stops after this many errors (0: no limit).
    std::size_t maxErrors = 200;
    /// At most this many warnings are listed in ParseResult::issues (0: no limit); the
    /// rest are only counted, since one common omission can warn on every row.
    std::size_t maxWarnings = 200;
};

struct ParseResult {
    Snapshot snapshot; ///< indexed (snapshot.index() called) when no error
    std::vector<Issue> issues; ///< errors and warnings in file order
    std::size_t errorCount = 0;
    bool truncated = false; ///< stopped at maxErrors
    std::size_t warningCount = 0; ///< every warning found, listed or not
    std::size_t unlistedWarnings = 0; ///< warnings past maxWarnings, counted only
    bool ok() const { return errorCount == 0; }
};

/// The files of an erp-snapshot/1, in the order they are read and reported.
inline constexpr std::array<std::string_view, 11> kSnapshotFileNames {"manifest.json",
    "locations.csv", "items.csv", "suppliers.csv", "customers.csv", "item_locations.csv",
    "sales_orders.csv", "purchase_orders.csv", "transfers.csv", "lanes.csv", "forecast.csv"};

/// Parses and validates a snapshot: every rule of docs/snapshot-format.md, with every
/// error (up to options.maxErrors) and warning reported in file order. Never throws
/// on bad input.
ParseResult parseSnapshot(const SnapshotFiles &files, const ParseOptions &options = {});

} // namespace engine
