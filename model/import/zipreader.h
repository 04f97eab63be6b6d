#pragma once
// A small reader of .zip archives, enough for snapshot exports: stored and deflate
// entries, ZIP64 sizes, CRC checked. Works on bytes already in memory, so Qt resource
// paths and mapped files both work. Internal to model/.

#include "model/error.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace model {

class ZipReader
{
public:
    struct Entry {
        std::string name; ///< path inside the archive, '/' separated
        std::uint64_t compressedSize = 0;
        std::uint64_t size = 0;
        std::uint64_t localHeaderOffset = 0;
        std::uint32_t crc32 = 0;
        std::uint16_t method = 0; ///< 0 stored, 8 deflate
        std::uint16_t flags = 0;
        bool isDirectory() const { return !name.empty() && name.back() == '/'; }
    };

    /// Reads the central directory of `archive` (which must outlive the reader).
    /// `displayName` names the archive in error messages.
    static Result<ZipReader> open(
        std::span<const std::uint8_t> archive, const QString &displayName);

    const std::vector<Entry> &entries() const { return m_entries; }

    /// The uncompressed bytes of an entry, checked against its CRC-32.
    Result<std::string> read(const Entry &entry) const;

private:
    ZipReader(std::span<const std::uint8_t> archive, QString displayName)
        : m_data(archive)
        , m_name(std::move(displayName))
    { }
    Error corrupt(const QString &why) const;

    std::span<const std::uint8_t> m_data;
    QString m_name;
    std::vector<Entry> m_entries;
};

} // namespace model
