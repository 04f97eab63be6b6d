// Hostile snapshot folders: a file name that is a symbolic link (out of the folder or
// inside it), a FIFO, a socket or a folder. Each is refused with a message naming the
// file and never quoting what it holds, the import returns at once, and the store is
// exactly as before.

#include "model/workbench.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

/// A line no message may ever show: it stands for the first line of /etc/shadow.
constexpr auto kSecret = "root:$6$SECRET-HASH-NOT-FOR-MESSAGES:19000:0:99999:7:::";

/// Should an import block on a FIFO, opens the FIFO for writing after a while and
/// closes it again, which ends the blocked open() and read(): the test then fails on
/// `fired()` instead of hanging.
class FifoWatchdog
{
public:
    explicit FifoWatchdog(QString fifo)
        : m_fifo(std::move(fifo))
        , m_thread([this] { watch(); })
    { }
    ~FifoWatchdog() { stop(); }
    void stop()
    {
        m_done = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    bool fired() const { return m_fired; }

private:
    void watch()
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!m_done) {
            if (std::chrono::steady_clock::now() > deadline) {
                // Fails with ENXIO when nobody has it open for reading: then keep trying.
                const int fd = ::open(QFile::encodeName(m_fifo).constData(), O_WRONLY | O_NONBLOCK);
                if (fd >= 0) {
                    ::close(fd);
                    m_fired = true;
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }

    QString m_fifo;
    std::atomic<bool> m_done {false};
    std::atomic<bool> m_fired {false};
    std::thread m_thread;
};

} // namespace

class TestSnapshotFolder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void symlinkOutOfTheFolderIsRefused();
    void symlinkInsideTheFolderIsRefused();
    void danglingSymlinkIsRefused();
    void fifoIsRefusedPromptly();
    void fifoNamedAsArchiveIsRefusedPromptly();
    void socketIsRefused();
    void folderNamedAsFileIsRefused();
    void linkedSnapshotFolderAndArchiveImport();

private:
    /// Imports the snapshot folder and checks it is refused naming `file` and saying
    /// `what`, with the store unchanged and nothing of kSecret shown.
    void expectRefused(const QString &path, const QString &file, const QString &what);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<model::Workbench> m_workbench;
    QString m_dbPath;
    QString m_folder; ///< a copy of the all-files fixture
    QString m_secretFile; ///< outside the folder
};

void TestSnapshotFolder::init()
{
    m_workbench.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_dbPath = m_dir->filePath(u"wb.db"_s);
    m_folder = m_dir->filePath(u"snapshot"_s);
    m_secretFile = m_dir->filePath(u"shadow"_s);
    QVERIFY(QDir().mkpath(m_folder));
    for (const auto &entry :
        testsupport::folderEntries(testsupport::dataDir() + u"/valid/all-files"_s, {})) {
        QFile file(m_folder + u'/' + QString::fromUtf8(entry.name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(entry.data);
    }
    QFile secret(m_secretFile);
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(QByteArray(kSecret) + "\ndaemon:*:19000:0:99999:7:::\n");
    secret.close();

    auto workbench = model::Workbench::open(m_dbPath);
    QVERIFY(workbench);
    m_workbench = std::move(*workbench);
    // A snapshot already in the store, which a refused import must leave as it is.
    QVERIFY(m_workbench->importer().importSnapshot(m_folder, {}));
}

void TestSnapshotFolder::expectRefused(
    const QString &path, const QString &file, const QString &what)
{
    const QByteArray before = testsupport::dumpDatabase(m_dbPath);
    auto result = m_workbench->importer().importSnapshot(path, {});
    QVERIFY(!result);
    const model::Error &error = result.error();
    QCOMPARE(error.code, model::Error::BadInput);
    QVERIFY2(error.message.startsWith(file + u" is "_s), qPrintable(error.message));
    QVERIFY2(error.message.contains(what), qPrintable(error.message));
    const QString all = error.message + error.details.join(u'\n');
    QVERIFY2(!all.contains(u"SECRET"_s) && !all.contains(u"daemon"_s), qPrintable(all));
    QCOMPARE(testsupport::dumpDatabase(m_dbPath), before);
}

void TestSnapshotFolder::symlinkOutOfTheFolderIsRefused()
{
    const QString items = m_folder + u"/items.csv"_s;
    QVERIFY(QFile::remove(items));
    QVERIFY(QFile::link(m_secretFile, items));
    expectRefused(m_folder, items, u"a symbolic link"_s);
}

void TestSnapshotFolder::symlinkInsideTheFolderIsRefused()
{
    // Links are refused wherever they lead: the folder is what was exported.
    const QString items = m_folder + u"/items.csv"_s;
    QVERIFY(QFile::rename(items, m_folder + u"/items-real.csv"_s));
    QVERIFY(QFile::link(u"items-real.csv"_s, items));
    expectRefused(m_folder, items, u"a symbolic link"_s);
}

void TestSnapshotFolder::danglingSymlinkIsRefused()
{
    const QString items = m_folder + u"/items.csv"_s;
    QVERIFY(QFile::remove(items));
    QVERIFY(QFile::link(m_dir->filePath(u"nowhere"_s), items));
    expectRefused(m_folder, items, u"a symbolic link"_s);
}

void TestSnapshotFolder::fifoIsRefusedPromptly()
{
    const QString items = m_folder + u"/items.csv"_s;
    QVERIFY(QFile::remove(items));
    QCOMPARE(::mkfifo(QFile::encodeName(items).constData(), 0600), 0);
    FifoWatchdog watchdog(items);
    expectRefused(m_folder, items, u"a named pipe (FIFO)"_s);
    watchdog.stop();
    QVERIFY2(!watchdog.fired(), "the import blocked on the FIFO");
}

void TestSnapshotFolder::fifoNamedAsArchiveIsRefusedPromptly()
{
    const QString zip = m_dir->filePath(u"snapshot.zip"_s);
    QCOMPARE(::mkfifo(QFile::encodeName(zip).constData(), 0600), 0);
    FifoWatchdog watchdog(zip);
    expectRefused(zip, zip, u"a named pipe (FIFO)"_s);
    watchdog.stop();
    QVERIFY2(!watchdog.fired(), "the import blocked on the FIFO");
}

void TestSnapshotFolder::socketIsRefused()
{
    const QString items = m_folder + u"/items.csv"_s;
    QVERIFY(QFile::remove(items));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    const QByteArray native = QFile::encodeName(items);
    QVERIFY(std::size_t(native.size()) < sizeof(address.sun_path));
    std::copy(native.begin(), native.end(), address.sun_path);
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0;
    if (bound)
        expectRefused(m_folder, items, u"a socket"_s);
    ::close(fd);
    QVERIFY(bound);
}

void TestSnapshotFolder::folderNamedAsFileIsRefused()
{
    const QString items = m_folder + u"/items.csv"_s;
    QVERIFY(QFile::remove(items));
    QVERIFY(QDir().mkpath(items + u"/inside"_s));
    expectRefused(m_folder, items, u"a folder, not a regular file"_s);
}

void TestSnapshotFolder::linkedSnapshotFolderAndArchiveImport()
{
    // The path a person names may be a link: only the files in the folder may not.
    const QString linkedFolder = m_dir->filePath(u"latest"_s);
    QVERIFY(QFile::link(m_folder, linkedFolder));
    auto fromFolder = m_workbench->importer().importSnapshot(linkedFolder, {});
    QVERIFY2(fromFolder, qPrintable(fromFolder ? QString() : fromFolder.error().message));

    const QString zip = m_dir->filePath(u"snapshot.zip"_s);
    QVERIFY(testsupport::writeZip(zip, testsupport::folderEntries(m_folder, {}), true));
    const QString linkedZip = m_dir->filePath(u"latest.zip"_s);
    QVERIFY(QFile::link(zip, linkedZip));
    auto fromZip = m_workbench->importer().importSnapshot(linkedZip, {});
    QVERIFY2(fromZip, qPrintable(fromZip ? QString() : fromZip.error().message));
    QCOMPARE(fromZip->snapshot.version, 3);
}

QTEST_GUILESS_MAIN(TestSnapshotFolder)
#include "test_snapshotfolder.moc"
