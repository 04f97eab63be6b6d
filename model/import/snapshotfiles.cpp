#include "model/import/snapshotfiles.h"

#include "model/import/regularfile.h"
#include "model/import/zipreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace model {

namespace {

Error cannotRead(const QString &path, const QFile &file)
{
    return Error {Error::Io, u"Cannot read "_s + path + u": "_s + file.errorString(), {}};
}

/// Compiled-in resources (":/demo") are part of the program, not input: no links,
/// FIFOs or devices there.
bool isResource(const QString &path)
{
    return path.startsWith(u':');
}

Result<engine::SnapshotFiles> readFolder(const QString &path)
{
    const QDir dir(path);
    engine::SnapshotFiles files;
    for (const std::string_view name : engine::kSnapshotFileNames) {
        const QString filePath
            = dir.filePath(QString::fromUtf8(name.data(), qsizetype(name.size())));
        if (isResource(path)) {
            QFile file(filePath);
            if (!file.exists())
                continue;
            if (!file.open(QIODevice::ReadOnly))
                return std::unexpected(cannotRead(filePath, file));
            const QByteArray bytes = file.readAll();
            files.emplace(std::string(name), bytes.toStdString());
            continue;
        }
        // A link is refused, even one to a file in the folder: the folder is what was
        // exported, and where a link leads is not part of it.
        auto file = RegularFile::open(filePath, RegularFile::Links::Refuse);
        if (!file)
            return std::unexpected(file.error());
        if (!*file)
            continue;
        // Straight into the string the parser takes: snapshot files can be gigabytes.
        auto bytes = (*file)->readAll();
        if (!bytes)
            return std::unexpected(bytes.error());
        files.emplace(std::string(name), std::move(*bytes));
    }
    return files;
}

/// The folder inside the archive that holds the snapshot: that of the shallowest
/// manifest.json, or the top.
std::string snapshotRoot(const std::vector<ZipReader::Entry> &entries)
{
    std::string root;
    std::size_t bestDepth = std::string::npos;
    for (const auto &entry : entries) {
        const std::string_view name = entry.name;
        if (name.starts_with("__MACOSX/"))
            continue;
        const auto slash = name.rfind('/');
        const std::string_view base
            = slash == std::string_view::npos ? name : name.substr(slash + 1);
        if (base != "manifest.json")
            continue;
        const auto depth = std::size_t(std::count(name.begin(), name.end(), '/'));
        if (depth < bestDepth) {
            bestDepth = depth;
            root = slash == std::string_view::npos ? std::string()
                                                   : std::string(name.substr(0, slash + 1));
        }
    }
    return root;
}

/// `file` is open for reading.
Result<engine::SnapshotFiles> readZip(QFile &file, const QString &path, const ZipLimits &limits)
{
    // Mapped when the file system allows it (a Qt resource or a plain file), so a large
    // archive is not copied before it is inflated.
    QByteArray copy;
    std::span<const std::uint8_t> bytes;
    if (const uchar *mapped = file.size() > 0 ? file.map(0, file.size()) : nullptr) {
        bytes = {mapped, std::size_t(file.size())};
    } else {
        copy = file.readAll();
        bytes
            = {reinterpret_cast<const std::uint8_t *>(copy.constData()), std::size_t(copy.size())};
    }
    auto zip = ZipReader::open(bytes, path, limits);
    if (!zip)
        return std::unexpected(zip.error());

    const std::string root = snapshotRoot(zip->entries());
    std::vector<std::pair<std::string_view, const ZipReader::Entry *>> members;
    std::uint64_t total = 0;
    for (const std::string_view name : engine::kSnapshotFileNames) {
        const std::string wanted = root + std::string(name);
        const auto entry = std::find_if(zip->entries().begin(), zip->entries().end(),
            [&](const ZipReader::Entry &e) { return e.name == wanted; });
        if (entry == zip->entries().end())
            continue;
        // Each member on its own first, so a member over a limit is named.
        if (auto ok = zip->check(*entry); !ok)
            return std::unexpected(ok.error());
        members.emplace_back(name, &*entry);
        total = entry->size > std::numeric_limits<std::uint64_t>::max() - total
            ? std::numeric_limits<std::uint64_t>::max()
            : total + entry->size;
    }
    // Checked before anything is inflated; read() then stops every member at its
    // declared size, so the total never grows past this.
    if (total > limits.maxTotalSize) {
        return std::unexpected(zip->refusal(u"the snapshot's files would unpack to "_s
            + ZipReader::sizeText(total) + u" together, over the limit of "_s
            + ZipReader::sizeText(limits.maxTotalSize)
            + u" for one snapshot. If the extract is genuine, unzip it and import the folder."_s));
    }
    engine::SnapshotFiles files;
    for (const auto &[name, entry] : members) {
        auto content = zip->read(*entry);
        if (!content)
            return std::unexpected(content.error());
        files.emplace(std::string(name), std::move(*content));
    }
    return files;
}

/// A local file header, or the end record of an empty archive.
bool looksLikeZip(const QByteArray &head)
{
    return head == QByteArrayLiteral("PK\x03\x04") || head == QByteArrayLiteral("PK\x05\x06");
}

Error notASnapshot(const QString &path)
{
    return Error {Error::BadInput,
        path + u": not a snapshot; give the snapshot folder or a .zip of it"_s, {}};
}

} // namespace

Result<engine::SnapshotFiles> readSnapshotFiles(const QString &path, const ZipLimits &zipLimits)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return std::unexpected(
            Error {Error::BadInput, path + u": no such snapshot folder or .zip file"_s, {}});
    }
    if (info.isDir())
        return readFolder(path);
    const bool zipName = info.suffix().compare(u"zip"_s, Qt::CaseInsensitive) == 0;
    QFile file;
    if (isResource(path)) {
        file.setFileName(path);
        if (!file.open(QIODevice::ReadOnly))
            return std::unexpected(cannotRead(path, file));
        if (!zipName && !looksLikeZip(file.peek(4)))
            return std::unexpected(notASnapshot(path));
        return readZip(file, path, zipLimits);
    }
    // The path named may be a link to the archive, but the archive must be a regular
    // file: a FIFO or a device would never end, or block the import.
    auto opened = RegularFile::open(path, RegularFile::Links::Follow);
    if (!opened)
        return std::unexpected(opened.error());
    if (!*opened) {
        return std::unexpected(
            Error {Error::BadInput, path + u": no such snapshot folder or .zip file"_s, {}});
    }
    const std::string head = (*opened)->head(4);
    if (!zipName && !looksLikeZip(QByteArray::fromStdString(head)))
        return std::unexpected(notASnapshot(path));
    if (!file.open((*opened)->release(), QIODevice::ReadOnly, QFileDevice::AutoCloseHandle))
        return std::unexpected(cannotRead(path, file));
    return readZip(file, path, zipLimits);
}

} // namespace model
