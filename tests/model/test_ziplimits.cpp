// Hostile .zip archives: a member that unpacks to gigabytes, a directory that lies
// about sizes, too many or duplicate members, encryption, unknown methods, symbolic
// links and ZIP64 claims. Each is refused with a message naming the archive and the
// member, memory stays bounded, and the store is exactly as before.
//
// Its own executable, with the zip bombs first: the peak resident size of a process
// only grows, so the bound is measured before anything else has raised it.

#include "model/import/snapshotfiles.h"
#include "model/workbench.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

/// A member as it is written: the bytes after its local header, and what the local
/// header and the central directory say about them (each may lie).
struct RawMember {
    QByteArray name;
    QByteArray payload;
    std::uint16_t method = 8;
    std::uint16_t flags = 0;
    std::uint32_t crc = 0;
    std::uint64_t size = 0; ///< in the central directory
    std::optional<std::uint64_t> localSize; ///< in the local header, if not `size`
    std::uint16_t madeBy = 20;
    std::uint32_t externalAttributes = 0;
    enum class Zip64 { No, Extra, SaturatedOnly } zip64 = Zip64::No;
};

struct Archive {
    std::vector<RawMember> members;
    /// Write a ZIP64 end record whose entry count is off by this much from the end
    /// record's (which then states the real count, with a saturated directory offset).
    std::optional<int> zip64CountSkew;
};

class Bytes
{
public:
    void u16(std::uint16_t v)
    {
        m_b.append(char(v & 0xff));
        m_b.append(char(v >> 8));
    }
    void u32(std::uint32_t v)
    {
        u16(std::uint16_t(v & 0xffff));
        u16(std::uint16_t(v >> 16));
    }
    void u64(std::uint64_t v)
    {
        u32(std::uint32_t(v & 0xffffffff));
        u32(std::uint32_t(v >> 32));
    }
    void append(const QByteArray &b) { m_b.append(b); }
    qsizetype size() const { return m_b.size(); }
    const QByteArray &bytes() const { return m_b; }

private:
    QByteArray m_b;
};

std::uint32_t low32(std::uint64_t v)
{
    return v > 0xffffffff ? 0xffffffff : std::uint32_t(v);
}

bool writeArchive(const QString &path, const Archive &archive)
{
    Bytes out, directory;
    for (const auto &m : archive.members) {
        const auto offset = std::uint32_t(out.size());
        const bool zip64 = m.zip64 != RawMember::Zip64::No;
        const std::uint64_t localSize = m.localSize.value_or(m.size);
        out.u32(0x04034b50);
        out.u16(20);
        out.u16(m.flags);
        out.u16(m.method);
        out.u32(0);
        out.u32(m.crc);
        out.u32(zip64 ? 0xffffffff : std::uint32_t(m.payload.size()));
        out.u32(zip64 ? 0xffffffff : low32(localSize));
        out.u16(std::uint16_t(m.name.size()));
        out.u16(0);
        out.append(m.name);
        out.append(m.payload);

        directory.u32(0x02014b50);
        directory.u16(m.madeBy);
        directory.u16(20);
        directory.u16(m.flags);
        directory.u16(m.method);
        directory.u32(0);
        directory.u32(m.crc);
        directory.u32(zip64 ? 0xffffffff : std::uint32_t(m.payload.size()));
        directory.u32(zip64 ? 0xffffffff : low32(m.size));
        directory.u16(std::uint16_t(m.name.size()));
        directory.u16(m.zip64 == RawMember::Zip64::Extra ? 20 : 0);
        directory.u16(0);
        directory.u16(0);
        directory.u16(0);
        directory.u32(m.externalAttributes);
        directory.u32(offset);
        directory.append(m.name);
        if (m.zip64 == RawMember::Zip64::Extra) {
            directory.u16(0x0001);
            directory.u16(16);
            directory.u64(m.size);
            directory.u64(std::uint64_t(m.payload.size()));
        }
    }
    const auto directoryOffset = std::uint32_t(out.size());
    const auto count = std::uint16_t(archive.members.size());
    out.append(directory.bytes());
    if (archive.zip64CountSkew) {
        const auto recordOffset = std::uint64_t(out.size());
        out.u32(0x06064b50);
        out.u64(44);
        out.u16(45);
        out.u16(45);
        out.u32(0);
        out.u32(0);
        out.u64(std::uint64_t(count + *archive.zip64CountSkew));
        out.u64(std::uint64_t(count + *archive.zip64CountSkew));
        out.u64(std::uint64_t(directory.size()));
        out.u64(directoryOffset);
        out.u32(0x07064b50);
        out.u32(0);
        out.u64(recordOffset);
        out.u32(1);
    }
    out.u32(0x06054b50);
    out.u16(0);
    out.u16(0);
    out.u16(count);
    out.u16(count);
    out.u32(std::uint32_t(directory.size()));
    out.u32(archive.zip64CountSkew ? 0xffffffff : directoryOffset);
    out.u16(0);
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(out.bytes()) == out.size();
}

QByteArray rawDeflate(const QByteArray &data, int flush = Z_FINISH)
{
    z_stream z {};
    deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size())) + 16), '\0');
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, flush);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

std::uint32_t crcOf(const QByteArray &data)
{
    return std::uint32_t(
        crc32(0, reinterpret_cast<const Bytef *>(data.constData()), uInt(data.size())));
}

RawMember deflated(const QByteArray &name, const QByteArray &data)
{
    RawMember m;
    m.name = name;
    m.payload = rawDeflate(data);
    m.crc = crcOf(data);
    m.size = std::uint64_t(data.size());
    return m;
}

/// The all-files fixture as deflated members.
std::vector<RawMember> fixtureMembers()
{
    std::vector<RawMember> members;
    for (const auto &entry :
        testsupport::folderEntries(testsupport::dataDir() + u"/valid/all-files"_s, {}))
        members.push_back(deflated(entry.name, entry.data));
    return members;
}

RawMember &member(std::vector<RawMember> &members, const QByteArray &name)
{
    for (auto &m : members) {
        if (m.name == name)
            return m;
    }
    qFatal("no member %s", name.constData());
}

/// `mebibytes` MiB of '0' characters (one long CSV field) as raw deflate, built from
/// one deflated MiB repeated: each copy comes from a fresh stream flushed to a byte
/// boundary, so copies in a row are a valid stream, and the whole never sits in memory.
RawMember zeroBomb(const QByteArray &name, std::uint64_t mebibytes)
{
    const QByteArray mib(1 << 20, '0');
    const QByteArray segment = rawDeflate(mib, Z_SYNC_FLUSH);
    const QByteArray last = rawDeflate({}, Z_FINISH); // an empty final block
    RawMember m;
    m.name = name;
    m.payload.reserve(qsizetype(std::uint64_t(segment.size()) * mebibytes) + last.size());
    const uLong segmentCrc
        = crc32(0, reinterpret_cast<const Bytef *>(mib.constData()), uInt(mib.size()));
    uLong crc = crc32(0, nullptr, 0);
    for (std::uint64_t i = 0; i < mebibytes; ++i) {
        m.payload.append(segment);
        crc = crc32_combine(crc, segmentCrc, z_off_t(mib.size()));
    }
    m.payload.append(last);
    m.crc = std::uint32_t(crc);
    m.size = mebibytes << 20;
    return m;
}

/// Peak resident size of this process so far, in bytes.
std::uint64_t peakResident()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return std::uint64_t(usage.ru_maxrss) * 1024; // kilobytes on Linux
}

constexpr std::uint64_t kMemoryBound = std::uint64_t(200) << 20;

} // namespace

class TestZipLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void zipBombIsRefusedWithBoundedMemory_data();
    void zipBombIsRefusedWithBoundedMemory();
    void lyingDirectoryIsRefused_data();
    void lyingDirectoryIsRefused();
    void hostileArchiveIsRefused_data();
    void hostileArchiveIsRefused();
    void totalSizeIsLimited();
    void realSnapshotPassesTheLimits();

private:
    /// Imports `archive` and checks it is refused naming the archive and every one of
    /// `expected`, with the store unchanged.
    void expectRefused(const Archive &archive, const QStringList &expected);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<model::Workbench> m_workbench;
    QString m_dbPath;
    QString m_zipPath;
};

void TestZipLimits::init()
{
    m_workbench.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_dbPath = m_dir->filePath(u"wb.db"_s);
    m_zipPath = m_dir->filePath(u"snapshot.zip"_s);
    auto workbench = model::Workbench::open(m_dbPath);
    QVERIFY(workbench);
    m_workbench = std::move(*workbench);
    // A snapshot already in the store, which a refused import must leave as it is.
    QVERIFY(
        m_workbench->importer().importSnapshot(testsupport::dataDir() + u"/valid/all-files"_s, {}));
}

void TestZipLimits::expectRefused(const Archive &archive, const QStringList &expected)
{
    QVERIFY(writeArchive(m_zipPath, archive));
    const QByteArray before = testsupport::dumpDatabase(m_dbPath);
    auto result = m_workbench->importer().importSnapshot(m_zipPath, {});
    QVERIFY(!result);
    const QString message = result.error().message;
    QCOMPARE(result.error().code, model::Error::BadInput);
    QVERIFY2(message.startsWith(m_zipPath + u": "_s), qPrintable(message));
    for (const QString &text : expected)
        QVERIFY2(message.contains(text), qPrintable(u"no \""_s + text + u"\" in: "_s + message));
    QVERIFY2(!message.contains(u'\n'), qPrintable(message));
    QCOMPARE(testsupport::dumpDatabase(m_dbPath), before);
}

void TestZipLimits::zipBombIsRefusedWithBoundedMemory_data()
{
    QTest::addColumn<qint64>("declared");
    QTest::addColumn<bool>("dataDescriptor");
    QTest::addColumn<QString>("expected");
    constexpr qint64 mib = 1 << 20;
    // 2.5 GiB of CSV in 2.6 MB of archive, declared as it is.
    QTest::newRow("declared as is") << 2560 * mib << false << u"over the limit of 1 GiB"_s;
    // The same sizes, the local header with no sizes (a data descriptor would follow).
    QTest::newRow("data descriptor") << 2560 * mib << true << u"over the limit of 1 GiB"_s;
    // Under the size limit, far over the ratio real CSV reaches.
    QTest::newRow("under the size limit") << 1000 * mib << false << u"more than 100 times"_s;
    // Under every limit: inflating must stop at the declared size.
    QTest::newRow("declared small") << mib / 2 << false << u"holds more than the 512 KiB"_s;
}

void TestZipLimits::zipBombIsRefusedWithBoundedMemory()
{
    QFETCH(qint64, declared);
    QFETCH(bool, dataDescriptor);
    QFETCH(QString, expected);
    auto members = fixtureMembers();
    RawMember &items = member(members, "items.csv");
    items = zeroBomb("items.csv", 2560);
    QVERIFY(items.payload.size() < 3 << 20);
    items.size = std::uint64_t(declared);
    if (dataDescriptor) {
        items.flags = 0x8;
        items.localSize = 0;
    }
    const std::uint64_t baseline = peakResident();
    expectRefused({members, {}}, {u"items.csv "_s, expected});
    const std::uint64_t grown = peakResident() - baseline;
    qInfo("peak resident size grew by %llu KiB", static_cast<unsigned long long>(grown >> 10));
    QVERIFY2(grown < kMemoryBound, qPrintable(QString::number(grown >> 20) + u" MiB"_s));
}

void TestZipLimits::lyingDirectoryIsRefused_data()
{
    QTest::addColumn<qint64>("declared");
    QTest::addColumn<bool>("localAgrees");
    QTest::addColumn<QStringList>("expected");
    // An 8 KB archive whose directory claims 3.5 GiB for one member.
    const qint64 claim = qint64(3584) << 20;
    QTest::newRow("local header tells the truth")
        << claim << false << QStringList {u"items.csv: "_s, u"disagree"_s, u"3.5 GiB"_s};
    QTest::newRow("both claim 3.5 GiB")
        << claim << true << QStringList {u"items.csv "_s, u"over the limit of 1 GiB"_s};
    QTest::newRow("both claim 600 MiB")
        << (qint64(600) << 20) << true << QStringList {u"items.csv "_s, u"more than 100 times"_s};
    QTest::newRow("both claim a little more")
        << qint64(5000) << true
        << QStringList {u"items.csv holds "_s, u"not the 4.9 KiB its directory entry declares"_s};
    QTest::newRow("both claim less")
        << qint64(10) << true
        << QStringList {u"items.csv holds more than the 10 bytes its directory entry declares"_s};
}

void TestZipLimits::lyingDirectoryIsRefused()
{
    QFETCH(qint64, declared);
    QFETCH(bool, localAgrees);
    QFETCH(QStringList, expected);
    auto members = fixtureMembers();
    RawMember &items = member(members, "items.csv");
    if (!localAgrees)
        items.localSize = items.size;
    items.size = std::uint64_t(declared);
    const std::uint64_t baseline = peakResident();
    expectRefused({members, {}}, expected);
    QVERIFY(peakResident() - baseline < kMemoryBound);
}

void TestZipLimits::hostileArchiveIsRefused_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("more members than expected")
        << 0 << QStringList {u"holds 1011 members, more than the 1000"_s};
    QTest::newRow("two members of one name")
        << 1 << QStringList {u"two members named \"items.csv\""_s};
    QTest::newRow("encrypted") << 2 << QStringList {u"items.csv is encrypted"_s};
    QTest::newRow("AES encrypted") << 3 << QStringList {u"items.csv is encrypted"_s};
    QTest::newRow("bzip2") << 4
                           << QStringList {u"items.csv is compressed with method 12 (bzip2)"_s};
    QTest::newRow("symbolic link") << 5 << QStringList {u"items.csv is a symbolic link"_s};
    QTest::newRow("ZIP64 mark without a ZIP64 field")
        << 6 << QStringList {u"items.csv marks a size or offset as ZIP64"_s};
    QTest::newRow("ZIP64 field claims 5 TiB")
        << 7 << QStringList {u"items.csv would unpack to 5 TiB, over the limit of 1 GiB"_s};
    QTest::newRow("ZIP64 end record disagrees")
        << 8 << QStringList {u"ZIP64 end record disagrees"_s};
    QTest::newRow("control characters in a duplicate name")
        << 9 << QStringList {u"two members named \"a?b?c.txt\""_s};
}

void TestZipLimits::hostileArchiveIsRefused()
{
    QFETCH(int, kind);
    QFETCH(QStringList, expected);
    Archive archive {fixtureMembers(), {}};
    auto &members = archive.members;
    RawMember &items = member(members, "items.csv");
    switch (kind) {
    case 0:
        for (int i = 0; i < 1000; ++i)
            members.push_back(deflated("extra/" + QByteArray::number(i) + ".txt", "x"));
        break;
    case 1:
        members.push_back(deflated("items.csv", "item_id,unit_cost\nX,1\n"));
        break;
    case 2:
        items.flags |= 0x1;
        break;
    case 3:
        items.method = 99;
        break;
    case 4:
        items.method = 12;
        break;
    case 5:
        items = {};
        items.name = "items.csv";
        items.method = 0;
        items.payload = "/etc/shadow";
        items.crc = crcOf(items.payload);
        items.size = std::uint64_t(items.payload.size());
        items.madeBy = 0x0314; // Unix
        items.externalAttributes = 0120777u << 16;
        break;
    case 6:
        items.zip64 = RawMember::Zip64::SaturatedOnly;
        break;
    case 7:
        items.zip64 = RawMember::Zip64::Extra;
        items.size = std::uint64_t(5) << 40;
        break;
    case 8:
        archive.zip64CountSkew = 1;
        break;
    case 9:
        members.push_back(deflated("a\nb\x1b"
                                   "c.txt",
            "x"));
        members.push_back(deflated("a\nb\x1b"
                                   "c.txt",
            "y"));
        break;
    default:
        QFAIL("unknown kind");
    }
    expectRefused(archive, expected);
}

void TestZipLimits::totalSizeIsLimited()
{
    QVERIFY(writeArchive(m_zipPath, {fixtureMembers(), {}}));
    model::ZipLimits limits;
    limits.maxTotalSize = 2048;
    auto files = model::readSnapshotFiles(m_zipPath, limits);
    QVERIFY(!files);
    const QString message = files.error().message;
    QVERIFY2(message.startsWith(m_zipPath + u": the snapshot's files would unpack to "_s),
        qPrintable(message));
    QVERIFY2(message.contains(u"over the limit of 2 KiB for one snapshot"_s), qPrintable(message));
    // Within the limits (the defaults), the same archive reads.
    QVERIFY(model::readSnapshotFiles(m_zipPath));
}

void TestZipLimits::realSnapshotPassesTheLimits()
{
    // A generated snapshot (the benchmark's shape, smaller) packs by well under the
    // ratio limit, and imports from a .zip as from its folder.
    const QString folder = m_dir->filePath(u"generated"_s);
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(testsupport::generate(folder, 2000, 10, 7), QString());
    std::vector<RawMember> members;
    for (const auto &entry : testsupport::folderEntries(folder, "snapshot/")) {
        members.push_back(deflated(entry.name, entry.data));
        const double ratio = double(entry.data.size()) / double(members.back().payload.size());
        QVERIFY2(ratio < 20, entry.name.constData());
    }
    QVERIFY(writeArchive(m_zipPath, {members, {}}));
    auto result = m_workbench->importer().importSnapshot(m_zipPath, {});
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->snapshot.version, 2);
}

QTEST_GUILESS_MAIN(TestZipLimits)
#include "test_ziplimits.moc"
