#include "model/import/regularfile.h"

#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>

using namespace Qt::StringLiterals;

namespace model {

namespace {

/// What a file that is not a regular one is, for the message that refuses it.
QString kindOf(mode_t mode)
{
    if (S_ISLNK(mode))
        return u"a symbolic link"_s;
    if (S_ISDIR(mode))
        return u"a folder"_s;
    if (S_ISFIFO(mode))
        return u"a named pipe (FIFO)"_s;
    if (S_ISSOCK(mode))
        return u"a socket"_s;
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return u"a device"_s;
    return u"not a regular file"_s;
}

Error refused(const QString &path, mode_t mode)
{
    if (S_ISLNK(mode)) {
        return Error {Error::BadInput,
            path
                + u" is a symbolic link; a snapshot's files must be regular files in its "
                  "folder, so it is not read. Copy the file itself into the folder."_s,
            {}};
    }
    return Error {Error::BadInput,
        path + u" is "_s + kindOf(mode) + u", not a regular file, so it is not read."_s, {}};
}

Error cannotRead(const QString &path, int error)
{
    return Error {Error::Io, u"Cannot read "_s + path + u": "_s + qt_error_string(error), {}};
}

} // namespace

Result<std::optional<RegularFile>> RegularFile::open(const QString &path, Links links)
{
    const QByteArray native = QFile::encodeName(path);
    const bool follow = links == Links::Follow;
    struct stat before {
    };
    if ((follow ? ::stat(native.constData(), &before) : ::lstat(native.constData(), &before))
        != 0) {
        if (errno == ENOENT)
            return std::optional<RegularFile> {};
        return std::unexpected(cannotRead(path, errno));
    }
    if (!S_ISREG(before.st_mode))
        return std::unexpected(refused(path, before.st_mode));

    // O_NONBLOCK: should a FIFO be swapped in after the check, opening it does not
    // wait for a writer. O_NOFOLLOW: nor is a link swapped in followed.
    const int fd
        = ::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW));
    if (fd < 0) {
        if (errno == ELOOP && !follow)
            return std::unexpected(refused(path, S_IFLNK));
        return std::unexpected(cannotRead(path, errno));
    }
    RegularFile file(fd, path, before.st_size);
    struct stat opened {
    };
    if (::fstat(fd, &opened) != 0)
        return std::unexpected(cannotRead(path, errno));
    if (!S_ISREG(opened.st_mode))
        return std::unexpected(refused(path, opened.st_mode));
    if (opened.st_dev != before.st_dev || opened.st_ino != before.st_ino) {
        return std::unexpected(Error {Error::BadInput,
            path + u" was replaced while it was being opened, so it is not read."_s, {}});
    }
    file.m_size = opened.st_size;
    return std::optional<RegularFile> {std::move(file)};
}

RegularFile::RegularFile(RegularFile &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_path(std::move(other.m_path))
    , m_size(other.m_size)
{ }

RegularFile &RegularFile::operator=(RegularFile &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_path = std::move(other.m_path);
        m_size = other.m_size;
    }
    return *this;
}

RegularFile::~RegularFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<std::string> RegularFile::readAll()
{
    std::string bytes(std::size_t(std::max<std::int64_t>(m_size, 0)), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
        // At most 1 GiB a call: Linux reads no more than about 2 GiB at once.
        const std::size_t want = std::min<std::size_t>(bytes.size() - done, std::size_t(1) << 30);
        const ssize_t got = ::read(m_fd, bytes.data() + done, want);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return std::unexpected(cannotRead(m_path, errno));
        }
        if (got == 0)
            break; // shorter than it was a moment ago
        done += std::size_t(got);
    }
    bytes.resize(done);
    return bytes;
}

std::string RegularFile::head(std::size_t n) const
{
    std::string bytes(n, '\0');
    const ssize_t got = ::pread(m_fd, bytes.data(), n, 0);
    bytes.resize(got > 0 ? std::size_t(got) : 0);
    return bytes;
}

int RegularFile::release()
{
    return std::exchange(m_fd, -1);
}

} // namespace model
