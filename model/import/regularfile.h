#pragma once
// Opening the files of a snapshot on disk: regular files only. A snapshot folder is
// untrusted input: a symbolic link `items.csv -> /etc/shadow` would import (and
// quote, in warnings) a file its owner never meant to give, and a FIFO named
// `items.csv` would block the import forever. POSIX, as the workbench's platforms
// are. Internal to model/.

#include "model/error.h"

#include <QString>

#include <optional>
#include <string>

namespace model {

/// An open regular file, closed when this goes away.
class RegularFile
{
public:
    /// Whether a symbolic link at the path itself is followed. The path a person
    /// names (a .zip) may be a link; the files inside a snapshot folder may not.
    enum class Links { Follow, Refuse };

    /// Opens `path` for reading only if it is a regular file, judged before opening
    /// (so a FIFO or a device is never opened) and again on the open file (opened
    /// non-blocking and, with Links::Refuse, not through a link), so that a file
    /// swapped in between is caught too. Nothing there: std::nullopt. Anything else
    /// (a link, a folder, a FIFO, a socket, a device): an error naming `path` and
    /// what it is, never quoting what is in it.
    static Result<std::optional<RegularFile>> open(const QString &path, Links links);

    RegularFile(RegularFile &&other) noexcept;
    RegularFile &operator=(RegularFile &&other) noexcept;
    RegularFile(const RegularFile &) = delete;
    RegularFile &operator=(const RegularFile &) = delete;
    ~RegularFile();

    /// Every byte of the file, straight into the string the parser takes.
    Result<std::string> readAll();
    /// The first bytes of the file, at most `n`, without moving the read position.
    std::string head(std::size_t n) const;
    /// Gives the descriptor up (to a QFile, say), which then closes it.
    int release();

private:
    RegularFile(int fd, QString path, std::int64_t size)
        : m_fd(fd)
        , m_path(std::move(path))
        , m_size(size)
    { }

    int m_fd = -1;
    QString m_path;
    std::int64_t m_size = 0;
};

} // namespace model
