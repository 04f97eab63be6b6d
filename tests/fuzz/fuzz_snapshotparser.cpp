// libFuzzer target for the snapshot parser: any bytes must give issues, never a crash,
// a hang or undefined behaviour.
//
// The input is split at NUL bytes into the files of kSnapshotFileNames, in order
// (manifest.json, locations.csv, ...); missing parts are missing files, and an empty
// part is an empty file. make_corpus.py turns the fixture folders into seeds.

#include "engine/import/snapshotparser.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    std::string_view input(reinterpret_cast<const char *>(data), size);
    engine::SnapshotFiles files;
    for (const std::string_view name : engine::kSnapshotFileNames) {
        if (input.empty())
            break;
        const std::size_t end = input.find('\0');
        files.emplace(std::string(name), std::string(input.substr(0, end)));
        input = end == std::string_view::npos ? std::string_view {} : input.substr(end + 1);
    }

    engine::ParseOptions options;
    options.maxErrors = 50;
    const engine::ParseResult result = engine::parseSnapshot(files, options);
    // The result's own promises: counts agree with the list, and an error-free parse
    // leaves an indexed snapshot.
    std::size_t errors = 0;
    for (const engine::Issue &issue : result.issues) {
        errors += issue.severity == engine::Issue::Severity::Error;
        if (issue.format().find('\n') != std::string::npos)
            __builtin_trap();
    }
    if (errors != result.errorCount || (result.truncated && errors != options.maxErrors))
        __builtin_trap();
    if (result.ok()) {
        const engine::Snapshot &s = result.snapshot;
        for (engine::Index row = 0; row < s.itemLocations.size(); ++row) {
            const auto r = static_cast<std::size_t>(row);
            if (s.itemLocation(s.itemLocations.item[r], s.itemLocations.location[r]) != row)
                __builtin_trap();
        }
    }
    return 0;
}
