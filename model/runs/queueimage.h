#pragma once
// The queue of one score run as one blob of packed columns (the run_queues table):
// a run of a million SKU-locations raises a quarter of a million exceptions, and one
// blob is far cheaper to write and read than a row each. Internal to model/.
//
// Layout (native byte order, checked by a byte-order mark): a fixed header (magic,
// format, exact length, counts, and the offset and size of every section), then
// 8-byte aligned sections: the item, location and supplier id tables (UTF-8, an
// offset array each), one array per queue column in rank order (row r has rank
// r + 1), and a lookup key: the 64-bit FNV-1a hash of every exception id, sorted,
// with the row of each. A single exception is found by a binary search over the
// hashes that reads a few dozen bytes (see findInQueueImage), so decisions and
// explanations never read the whole queue.

#include "engine/core/date.h"
#include "model/runs/queue.h"

#include <QString>
#include <QtGlobal>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace model {

/// The version of the layout above, the one written. Format 2 added the column of
/// whether each top action is feasible; format 3 stores only the factor amounts that
/// are not zero, with a mask per row; format 4 adds what acting can save.
inline constexpr std::int64_t kQueueImageFormat = 4;
/// The oldest format still read; an image of a format outside
/// [kOldestQueueImageFormat, kQueueImageFormat] is not read.
inline constexpr std::int64_t kOldestQueueImageFormat = 1;

/// Whether images of `format` can be read.
constexpr bool isReadableQueueImageFormat(std::int64_t format)
{
    return format >= kOldestQueueImageFormat && format <= kQueueImageFormat;
}

/// The columns of a run's queue in rank order, ids interned into UTF-8 tables that
/// the caller keeps alive while encoding.
struct QueueRows {
    std::vector<std::string_view> itemIds, locationIds, supplierIds;
    std::vector<qint32> item, location, supplier; ///< supplier: -1 when none
    std::vector<quint8> type, topFactor, worstTier;
    std::vector<qint8> action;
    std::vector<quint8> actionFeasible; ///< 1 when the top action arrives in time
    std::vector<char> abcClass;
    std::vector<double> score, actionCost, canSave;
    std::vector<engine::Date> needDate;
    std::vector<double> factorAmounts; ///< kFactorCount per row
    void resize(std::size_t rows);
    std::size_t size() const { return item.size(); }
};

/// The image of `rows` in `format` (kOldestQueueImageFormat..kQueueImageFormat; an
/// older one drops the columns it did not have). Every index must be in range of its
/// id table.
std::string encodeQueueImage(const QueueRows &rows, std::int64_t format = kQueueImageFormat);

/// Fills the columns, ranks and id tables of `queue` from an image (not its run,
/// snapshot, descriptions or decisions). An image of format 1 predates the
/// feasibility column and held only feasible actions: a row with an action reads as
/// feasible. The error says what is wrong with it.
std::expected<void, QString> decodeQueueImage(std::string_view image, Queue &queue);

/// Random access to the bytes of an image that need not be in memory.
class ImageSource
{
public:
    virtual ~ImageSource() = default;
    virtual std::uint64_t size() const = 0;
    /// Copies `count` bytes at `offset`; false when they are not all there.
    virtual bool read(std::uint64_t offset, void *out, std::size_t count) const = 0;
};

/// An image held in memory.
class MemoryImageSource final : public ImageSource
{
public:
    explicit MemoryImageSource(std::string_view image)
        : m_image(image)
    { }
    std::uint64_t size() const override { return m_image.size(); }
    bool read(std::uint64_t offset, void *out, std::size_t count) const override;

private:
    std::string_view m_image;
};

/// One exception of an image, found by its id.
struct QueueImageHit {
    std::size_t row = 0; ///< rank - 1
    std::string itemId, locationId;
    double score = 0; ///< the exposure: the cost of doing nothing
    quint8 topFactor = 255; ///< engine::FactorKind of the largest factor, 255 when none
    double canSave = 0; ///< 0 in an image written before can-save was kept
    quint8 worstTier = 0; ///< of the customers it hits, 0 when none
    char abcClass = 0; ///< 'A', 'B', 'C' or 0
};

/// The exception with id `exceptionId` ("shortage:SKU1@DC-EAST"), nullopt when the
/// image holds none; an error when the image is damaged.
std::expected<std::optional<QueueImageHit>, QString> findInQueueImage(
    const ImageSource &image, std::string_view exceptionId);

} // namespace model
