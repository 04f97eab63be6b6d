#pragma once
// A snapshot from the generator, parsed as an import would parse it: the tests that
// check properties of whole scoring runs start from one.

#include "engine/generator/generator.h"
#include "engine/import/snapshotparser.h"

#include <QFile>
#include <QString>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace testsupport {

inline engine::ParseResult generated(
    const QString &dir, int items, int locations, std::uint64_t seed)
{
    engine::GeneratorOptions options;
    options.items = items;
    options.locations = locations;
    options.seed = seed;
    const std::filesystem::path path(QFile::encodeName(dir).toStdString());
    if (!engine::generateSnapshot(options, path))
        return {};
    engine::SnapshotFiles files;
    for (const auto &entry : std::filesystem::directory_iterator(path)) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        files[entry.path().filename().string()] = bytes.str();
    }
    return engine::parseSnapshot(files);
}

} // namespace testsupport
