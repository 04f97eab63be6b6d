#pragma once
// A small reader of .zip archives, enough for snapshot exports: stored and deflate
// entries, ZIP64 sizes, CRC checked. Works on bytes already in memory, so Qt resource
// paths and mapped files both work. Internal to model/.
//
// An archive is untrusted input: its directory may lie, and a few megabytes of deflate
// data can unpack to gigabytes. Every member is held to ZipLimits before a byte of it
// is inflated, and is inflated in chunks that stop at the size its directory entry
// declares, so memory never grows past what the limits allow.

#include "model/error.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace model {

/// What a snapshot .zip may unpack to (docs/snapshot-format.md, "Limits of a .zip").
/// The defaults are far above any real snapshot: the benchmark snapshot of a million
/// SKU-locations is 124 MB of CSV whose largest file is 70 MB, and real CSV packs by
/// 1.4 to 7.3 times.
struct ZipLimits {
    /// Members in the archive, folders and unrelated files included.
    std::uint64_t maxMembers = 1000;
    /// Uncompressed size of one member that is read.
    std::uint64_t maxMemberSize = std::uint64_t(1) << 30;
    /// Uncompressed size of all the members that are read, together.
    std::uint64_t maxTotalSize = std::uint64_t(2) << 30;
    /// Uncompressed size over compressed size of one member...
    std::uint64_t maxRatio = 100;
    /// ...for members that unpack to more than this (a small file may pack far better).
    std::uint64_t ratioFloor = std::uint64_t(1) << 20;
};

class ZipReader
{
public:
    struct Entry {
        std::string name; ///< path inside the archive, '/' separated
        std::uint64_t compressedSize = 0;
        std::uint64_t size = 0; ///< as the central directory declares it
        std::uint64_t localHeaderOffset = 0;
        std::uint32_t crc32 = 0;
        std::uint32_t externalAttributes = 0;
        std::uint16_t madeBy = 0; ///< high byte: the host system (3 is Unix)
        std::uint16_t method = 0; ///< 0 stored, 8 deflate
        std::uint16_t flags = 0;
        bool isDirectory() const { return !name.empty() && name.back() == '/'; }
        /// A Unix symbolic link stored as such: its "content" is the target's path.
        bool isSymlink() const
        {
            return (madeBy >> 8) == 3 && ((externalAttributes >> 16) & 0170000) == 0120000;
        }
    };

    /// Reads the central directory of `archive` (which must outlive the reader).
    /// `displayName` names the archive in error messages. Refuses an archive with more
    /// members than `limits` allow, a name used twice, or ZIP64 records that do not
    /// add up.
    static Result<ZipReader> open(std::span<const std::uint8_t> archive, const QString &displayName,
        const ZipLimits &limits = {});

    const std::vector<Entry> &entries() const { return m_entries; }
    const ZipLimits &limits() const { return m_limits; }

    /// Whether an entry can be read without inflating it: refused when it is encrypted,
    /// compressed with another method, a symbolic link, its local header disagrees with
    /// the directory, or it declares more than the limits allow.
    Result<void> check(const Entry &entry) const;

    /// The uncompressed bytes of an entry (check() first), inflated in chunks that stop
    /// at its declared size, then checked against that size and its CRC-32.
    Result<std::string> read(const Entry &entry) const;

    /// An error about the archive as a whole (e.g. the total of the members read),
    /// worded like those of read().
    Error refusal(const QString &why) const;

    /// An entry's name fit for a one-line message: control characters shown as `?`,
    /// long names cut.
    static QString shownName(const std::string &name);
    /// "22 bytes", "2.5 GiB".
    static QString sizeText(std::uint64_t bytes);

private:
    ZipReader(std::span<const std::uint8_t> archive, QString displayName, const ZipLimits &limits)
        : m_data(archive)
        , m_name(std::move(displayName))
        , m_limits(limits)
    { }
    Error corrupt(const QString &why) const;
    Result<std::uint64_t> dataOffset(const Entry &entry) const;

    std::span<const std::uint8_t> m_data;
    QString m_name;
    ZipLimits m_limits;
    std::vector<Entry> m_entries;
};

} // namespace model
