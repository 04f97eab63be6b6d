#include "model/runs/queueimage.h"

#include "engine/core/policy.h"
#include "engine/scoring/scoringoutput.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <numeric>

using namespace Qt::StringLiterals;

namespace model {

namespace {

constexpr std::array<char, 8> kMagic {'P', 'W', 'B', 'Q', 'U', 'E', 'U', 'E'};
constexpr std::uint32_t kByteOrderMark = 0x01020304;

enum Section : std::size_t {
    ItemOffsets,
    ItemChars,
    LocationOffsets,
    LocationChars,
    SupplierOffsets,
    SupplierChars,
    ItemColumn,
    LocationColumn,
    SupplierColumn,
    TypeColumn,
    TopFactorColumn,
    ActionColumn,
    WorstTierColumn,
    AbcColumn,
    ScoreColumn,
    NeedDateColumn,
    ActionCostColumn,
    FactorColumns,
    KeyHashes,
    KeyRows,
    // Sections added by a later format come last: an older image's are a prefix.
    ActionFeasibleColumn,
    FactorMasks,
    CanSaveColumn,
    SectionCount
};

/// How many sections an image of `format` has.
constexpr std::size_t sectionCount(std::uint32_t format)
{
    switch (format) {
    case 1:
        return std::size_t(ActionFeasibleColumn);
    case 2:
        return std::size_t(FactorMasks);
    case 3:
        return std::size_t(CanSaveColumn);
    default:
        return std::size_t(SectionCount);
    }
}

/// From format 3 the factor amounts are sparse: a byte per row whose bit f says
/// that factor f is not zero, and only those amounts, in row and factor order. Most
/// exceptions have two to four factors of eight, so this halves the largest section.
constexpr bool sparseFactors(std::uint32_t format)
{
    return format >= 3;
}
static_assert(engine::kFactorCount <= 8, "a factor mask is one byte");

/// Whether a factor amount is stored in a sparse image: any bits set (so -0.0 and
/// every other value come back exactly).
bool storedAmount(double amount)
{
    return std::bit_cast<std::uint64_t>(amount) != 0;
}

/// The header before its section table (offsets, then sizes, one per section).
struct HeaderStart {
    std::array<char, 8> magic;
    std::uint32_t format;
    std::uint32_t byteOrder;
    std::uint64_t length;
    std::uint32_t rows;
    std::uint32_t factorCount;
    std::uint32_t itemCount;
    std::uint32_t locationCount;
    std::uint32_t supplierCount;
    std::uint32_t reserved;
};
static_assert(sizeof(HeaderStart) == 48);

/// A header as read and written; an older format's has zeros for sections it lacks.
struct Header : HeaderStart {
    std::array<std::uint64_t, SectionCount> offset;
    std::array<std::uint64_t, SectionCount> size;
};

/// The bytes the header of an image of `format` takes.
constexpr std::uint64_t headerBytes(std::uint32_t format)
{
    return sizeof(HeaderStart) + std::uint64_t(2 * 8) * sectionCount(format);
}

std::uint64_t alignUp(std::uint64_t n)
{
    return (n + 7) & ~std::uint64_t(7);
}

/// FNV-1a over the pieces of an exception id, as if they were one string.
class IdHash
{
public:
    void add(std::string_view part)
    {
        for (const char c : part) {
            m_value ^= std::uint8_t(c);
            m_value *= 0x100000001b3ULL;
        }
    }
    std::uint64_t value() const { return m_value; }

private:
    std::uint64_t m_value = 0xcbf29ce484222325ULL;
};

std::uint64_t hashId(std::string_view type, std::string_view item, std::string_view location)
{
    IdHash h;
    h.add(type);
    h.add(":");
    h.add(item);
    h.add("@");
    h.add(location);
    return h.value();
}

/// Section sizes that follow from the counts alone (the character sections do not).
std::array<std::uint64_t, SectionCount> fixedSizes(const Header &h)
{
    std::array<std::uint64_t, SectionCount> s {};
    const std::uint64_t n = h.rows;
    s[ItemOffsets] = (std::uint64_t(h.itemCount) + 1) * 4;
    s[LocationOffsets] = (std::uint64_t(h.locationCount) + 1) * 4;
    s[SupplierOffsets] = (std::uint64_t(h.supplierCount) + 1) * 4;
    s[ItemColumn] = s[LocationColumn] = s[SupplierColumn] = n * 4;
    s[TypeColumn] = s[TopFactorColumn] = s[ActionColumn] = s[WorstTierColumn] = s[AbcColumn] = n;
    s[ActionFeasibleColumn] = h.format == 1 ? 0 : n;
    s[ScoreColumn] = s[ActionCostColumn] = n * 8;
    s[NeedDateColumn] = n * 4;
    // Sparse factor amounts (format 3 on) have a size known from their masks only.
    s[FactorColumns] = sparseFactors(h.format) ? 0 : n * 8 * h.factorCount;
    s[FactorMasks] = sparseFactors(h.format) ? n : 0;
    s[CanSaveColumn] = h.format >= 4 ? n * 8 : 0;
    s[KeyHashes] = n * 8;
    s[KeyRows] = n * 4;
    return s;
}

std::expected<Header, QString> readHeader(const ImageSource &image)
{
    Header h {};
    HeaderStart &start = h;
    if (image.size() < sizeof start || !image.read(0, &start, sizeof start))
        return std::unexpected(u"is shorter than its header"_s);
    if (h.magic != kMagic)
        return std::unexpected(u"does not start with the queue image's magic"_s);
    if (!isReadableQueueImageFormat(h.format))
        return std::unexpected(u"is of format "_s + QString::number(h.format));
    const std::size_t sections = sectionCount(h.format);
    const std::uint64_t headerSize = headerBytes(h.format);
    if (image.size() < headerSize || !image.read(sizeof start, h.offset.data(), sections * 8)
        || !image.read(sizeof start + sections * 8, h.size.data(), sections * 8))
        return std::unexpected(u"is shorter than its header"_s);
    if (h.byteOrder != kByteOrderMark)
        return std::unexpected(u"was written with another byte order"_s);
    if (h.length != image.size())
        return std::unexpected(u"is not as long as its header says"_s);
    if (h.factorCount != engine::kFactorCount)
        return std::unexpected(u"has another number of factors"_s);
    const auto fixed = fixedSizes(h);
    for (std::size_t s = 0; s < sections; ++s) {
        const bool variable = s == ItemChars || s == LocationChars || s == SupplierChars
            || (s == FactorColumns && sparseFactors(h.format));
        // Sparse factor amounts are doubles: a size that is not a whole number of them
        // is damage, not something to round.
        const bool amounts = s == FactorColumns && h.size[s] % 8 != 0;
        if ((!variable && h.size[s] != fixed[s]) || amounts || h.offset[s] % 8 != 0
            || h.offset[s] < headerSize || h.offset[s] > h.length
            || h.size[s] > h.length - h.offset[s])
            return std::unexpected(u"has a section out of place"_s);
    }
    return h;
}

template <class T>
void put(std::string &out, const Header &h, Section s, const T *data, std::size_t count)
{
    if (count > 0)
        std::memcpy(out.data() + h.offset[s], data, count * sizeof(T));
}

/// Appends a string table's offsets and characters.
void putStrings(std::string &out, const Header &h, Section offsets, Section chars,
    const std::vector<std::string_view> &strings)
{
    std::uint32_t at = 0;
    char *offsetOut = out.data() + h.offset[offsets];
    char *charOut = out.data() + h.offset[chars];
    for (std::size_t i = 0; i <= strings.size(); ++i) {
        std::memcpy(offsetOut + i * 4, &at, 4);
        if (i < strings.size()) {
            std::memcpy(charOut + at, strings[i].data(), strings[i].size());
            at += std::uint32_t(strings[i].size());
        }
    }
}

std::uint64_t charCount(const std::vector<std::string_view> &strings)
{
    std::uint64_t n = 0;
    for (const auto s : strings)
        n += s.size();
    return n;
}

/// Reads one string of a table: checks its offsets against the character section.
bool readString(const ImageSource &image, const Header &h, Section offsets, Section chars,
    std::uint32_t index, std::string &out)
{
    std::array<std::uint32_t, 2> range {};
    if (!image.read(h.offset[offsets] + std::uint64_t(index) * 4, range.data(), 8))
        return false;
    if (range[0] > range[1] || range[1] > h.size[chars])
        return false;
    out.resize(range[1] - range[0]);
    return out.empty() || image.read(h.offset[chars] + range[0], out.data(), out.size());
}

template <class T>
bool readAt(const ImageSource &image, const Header &h, Section s, std::uint64_t index, T &out)
{
    return image.read(h.offset[s] + index * sizeof(T), &out, sizeof(T));
}

/// A string table as QStrings, its offsets checked.
std::expected<QStringList, QString> decodeStrings(
    std::string_view image, const Header &h, Section offsets, Section chars, std::uint32_t count)
{
    QStringList out;
    out.reserve(count);
    const char *offsetData = image.data() + h.offset[offsets];
    const char *charData = image.data() + h.offset[chars];
    std::uint32_t begin = 0;
    std::memcpy(&begin, offsetData, 4);
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint32_t end = 0;
        std::memcpy(&end, offsetData + (std::size_t(i) + 1) * 4, 4);
        if (begin > end || end > h.size[chars])
            return std::unexpected(u"has an id table out of range"_s);
        out.append(QString::fromUtf8(charData + begin, qsizetype(end - begin)));
        begin = end;
    }
    return out;
}

template <class T>
void take(std::string_view image, const Header &h, Section s, std::vector<T> &out)
{
    out.resize(h.size[s] / sizeof(T));
    if (!out.empty())
        std::memcpy(out.data(), image.data() + h.offset[s], out.size() * sizeof(T));
}

} // namespace

void QueueRows::resize(std::size_t rows)
{
    item.resize(rows);
    location.resize(rows);
    supplier.resize(rows);
    type.resize(rows);
    topFactor.resize(rows);
    worstTier.resize(rows);
    action.resize(rows);
    actionFeasible.resize(rows);
    abcClass.resize(rows);
    score.resize(rows);
    actionCost.resize(rows);
    canSave.resize(rows);
    needDate.resize(rows);
    factorAmounts.resize(rows * engine::kFactorCount);
}

bool MemoryImageSource::read(std::uint64_t offset, void *out, std::size_t count) const
{
    if (offset > m_image.size() || count > m_image.size() - offset)
        return false;
    std::memcpy(out, m_image.data() + offset, count);
    return true;
}

std::string encodeQueueImage(const QueueRows &rows, std::int64_t format)
{
    const std::size_t n = rows.size();
    Header h {};
    h.magic = kMagic;
    h.format = std::uint32_t(isReadableQueueImageFormat(format) ? format : kQueueImageFormat);
    const std::size_t sections = sectionCount(h.format);
    h.byteOrder = kByteOrderMark;
    h.rows = std::uint32_t(n);
    h.factorCount = engine::kFactorCount;
    h.itemCount = std::uint32_t(rows.itemIds.size());
    h.locationCount = std::uint32_t(rows.locationIds.size());
    h.supplierCount = std::uint32_t(rows.supplierIds.size());
    h.size = fixedSizes(h);
    h.size[ItemChars] = charCount(rows.itemIds);
    h.size[LocationChars] = charCount(rows.locationIds);
    h.size[SupplierChars] = charCount(rows.supplierIds);
    const bool sparse = sparseFactors(h.format);
    std::vector<std::uint8_t> masks;
    std::vector<double> amounts;
    if (sparse) {
        masks.assign(n, 0);
        amounts.reserve(n * 4);
        for (std::size_t r = 0; r < n; ++r) {
            for (int f = 0; f < engine::kFactorCount; ++f) {
                const double amount = rows.factorAmounts[r * engine::kFactorCount + std::size_t(f)];
                if (storedAmount(amount)) {
                    masks[r] |= std::uint8_t(1u << f);
                    amounts.push_back(amount);
                }
            }
        }
        h.size[FactorColumns] = amounts.size() * 8;
    }
    std::uint64_t at = alignUp(headerBytes(h.format));
    for (std::size_t s = 0; s < sections; ++s) {
        h.offset[s] = at;
        at = alignUp(at + h.size[s]);
    }
    h.length = at;

    std::string out(at, '\0');
    const HeaderStart &start = h;
    std::memcpy(out.data(), &start, sizeof start);
    std::memcpy(out.data() + sizeof start, h.offset.data(), sections * 8);
    std::memcpy(out.data() + sizeof start + sections * 8, h.size.data(), sections * 8);
    putStrings(out, h, ItemOffsets, ItemChars, rows.itemIds);
    putStrings(out, h, LocationOffsets, LocationChars, rows.locationIds);
    putStrings(out, h, SupplierOffsets, SupplierChars, rows.supplierIds);
    put(out, h, ItemColumn, rows.item.data(), n);
    put(out, h, LocationColumn, rows.location.data(), n);
    put(out, h, SupplierColumn, rows.supplier.data(), n);
    put(out, h, TypeColumn, rows.type.data(), n);
    put(out, h, TopFactorColumn, rows.topFactor.data(), n);
    put(out, h, ActionColumn, rows.action.data(), n);
    put(out, h, WorstTierColumn, rows.worstTier.data(), n);
    put(out, h, AbcColumn, rows.abcClass.data(), n);
    put(out, h, ScoreColumn, rows.score.data(), n);
    put(out, h, NeedDateColumn, rows.needDate.data(), n);
    put(out, h, ActionCostColumn, rows.actionCost.data(), n);
    if (sparse) {
        put(out, h, FactorColumns, amounts.data(), amounts.size());
        put(out, h, FactorMasks, masks.data(), n);
    } else {
        put(out, h, FactorColumns, rows.factorAmounts.data(), n * engine::kFactorCount);
    }
    if (sections > ActionFeasibleColumn)
        put(out, h, ActionFeasibleColumn, rows.actionFeasible.data(), n);
    if (sections > CanSaveColumn)
        put(out, h, CanSaveColumn, rows.canSave.data(), n);

    std::vector<std::pair<std::uint64_t, std::uint32_t>> keys(n);
    for (std::size_t r = 0; r < n; ++r) {
        keys[r] = {hashId(engine::exceptionTypeName(engine::ExceptionType(rows.type[r])),
                       rows.itemIds[std::size_t(rows.item[r])],
                       rows.locationIds[std::size_t(rows.location[r])]),
            std::uint32_t(r)};
    }
    std::sort(keys.begin(), keys.end());
    char *hashOut = out.data() + h.offset[KeyHashes];
    char *rowOut = out.data() + h.offset[KeyRows];
    for (std::size_t i = 0; i < n; ++i) {
        std::memcpy(hashOut + i * 8, &keys[i].first, 8);
        std::memcpy(rowOut + i * 4, &keys[i].second, 4);
    }
    return out;
}

std::expected<void, QString> decodeQueueImage(std::string_view image, Queue &q)
{
    const MemoryImageSource source(image);
    auto header = readHeader(source);
    if (!header)
        return std::unexpected(header.error());
    const Header &h = *header;
    auto items = decodeStrings(image, h, ItemOffsets, ItemChars, h.itemCount);
    auto locations = decodeStrings(image, h, LocationOffsets, LocationChars, h.locationCount);
    auto suppliers = decodeStrings(image, h, SupplierOffsets, SupplierChars, h.supplierCount);
    for (const auto *table : {&items, &locations, &suppliers}) {
        if (!*table)
            return std::unexpected(table->error());
    }
    q.itemIds = std::move(*items);
    q.locationIds = std::move(*locations);
    q.supplierIds = std::move(*suppliers);

    take(image, h, ItemColumn, q.item);
    take(image, h, LocationColumn, q.location);
    take(image, h, SupplierColumn, q.supplier);
    take(image, h, TypeColumn, q.type);
    take(image, h, TopFactorColumn, q.topFactor);
    take(image, h, ActionColumn, q.action);
    take(image, h, WorstTierColumn, q.worstTier);
    take(image, h, AbcColumn, q.abcClass);
    take(image, h, ScoreColumn, q.score);
    take(image, h, NeedDateColumn, q.needDate);
    take(image, h, ActionCostColumn, q.actionCost);
    const std::size_t n = h.rows;
    if (sparseFactors(h.format)) {
        std::vector<std::uint8_t> masks;
        std::vector<double> amounts;
        take(image, h, FactorMasks, masks);
        take(image, h, FactorColumns, amounts);
        std::size_t stored = 0;
        for (const std::uint8_t mask : masks)
            stored += std::size_t(std::popcount(mask));
        if (h.size[FactorColumns] != stored * 8)
            return std::unexpected(u"has factor amounts that do not match their masks"_s);
        q.factorAmounts.assign(n * engine::kFactorCount, 0.0);
        std::size_t next = 0;
        for (std::size_t r = 0; r < n; ++r) {
            for (int f = 0; f < engine::kFactorCount; ++f) {
                if (masks[r] & (1u << f))
                    q.factorAmounts[r * engine::kFactorCount + std::size_t(f)] = amounts[next++];
            }
        }
    } else {
        take(image, h, FactorColumns, q.factorAmounts);
    }
    if (sectionCount(h.format) > ActionFeasibleColumn) {
        take(image, h, ActionFeasibleColumn, q.actionFeasible);
    } else {
        // Format 1 kept an action only when it was feasible.
        q.actionFeasible.resize(n);
        for (std::size_t r = 0; r < n; ++r)
            q.actionFeasible[r] = q.action[r] >= 0 ? 1 : 0;
    }
    if (sectionCount(h.format) > CanSaveColumn)
        take(image, h, CanSaveColumn, q.canSave);
    else
        q.canSave.assign(n, 0.0); // scored before the item plan: nothing is known
    q.rank.resize(n);
    std::iota(q.rank.begin(), q.rank.end(), 1);
    q.decision.assign(n, 0);

    // The views index tables with these: a damaged image must not reach them.
    for (std::size_t r = 0; r < n; ++r) {
        if (q.item[r] < 0 || std::uint32_t(q.item[r]) >= h.itemCount || q.location[r] < 0
            || std::uint32_t(q.location[r]) >= h.locationCount
            || (q.supplier[r] != -1
                && (q.supplier[r] < 0 || std::uint32_t(q.supplier[r]) >= h.supplierCount)))
            return std::unexpected(u"has an id out of range"_s);
        if (q.type[r] >= engine::kExceptionTypeCount
            || (q.topFactor[r] != 255 && q.topFactor[r] >= engine::kFactorCount) || q.action[r] < -1
            || q.action[r] > qint8(engine::Action::CycleCount) || q.actionFeasible[r] > 1
            || (q.actionFeasible[r] == 1 && q.action[r] < 0))
            return std::unexpected(u"has an unknown exception type, factor or action"_s);
    }
    return {};
}

std::expected<std::optional<QueueImageHit>, QString> findInQueueImage(
    const ImageSource &image, std::string_view exceptionId)
{
    auto header = readHeader(image);
    if (!header)
        return std::unexpected(header.error());
    const Header &h = *header;
    IdHash idHash;
    idHash.add(exceptionId);
    const std::uint64_t wanted = idHash.value();
    const auto damaged = [] { return std::unexpected(u"has a damaged lookup key"_s); };

    // The first hash not below the wanted one.
    std::uint64_t low = 0, high = h.rows;
    while (low < high) {
        const std::uint64_t mid = low + (high - low) / 2;
        std::uint64_t hash = 0;
        if (!readAt(image, h, KeyHashes, mid, hash))
            return damaged();
        if (hash < wanted)
            low = mid + 1;
        else
            high = mid;
    }
    QueueImageHit hit;
    for (std::uint64_t i = low; i < h.rows; ++i) {
        std::uint64_t hash = 0;
        std::uint32_t row = 0;
        if (!readAt(image, h, KeyHashes, i, hash))
            return damaged();
        if (hash != wanted)
            break;
        // Equal hashes are candidates: the id itself decides.
        quint8 type = 0;
        qint32 item = 0, location = 0;
        if (!readAt(image, h, KeyRows, i, row) || row >= h.rows
            || !readAt(image, h, TypeColumn, row, type) || !readAt(image, h, ItemColumn, row, item)
            || !readAt(image, h, LocationColumn, row, location)
            || type >= engine::kExceptionTypeCount || item < 0 || location < 0
            || std::uint32_t(item) >= h.itemCount || std::uint32_t(location) >= h.locationCount
            || !readString(image, h, ItemOffsets, ItemChars, std::uint32_t(item), hit.itemId)
            || !readString(
                image, h, LocationOffsets, LocationChars, std::uint32_t(location), hit.locationId))
            return damaged();
        const std::string_view typeName = engine::exceptionTypeName(engine::ExceptionType(type));
        std::string id;
        id.reserve(typeName.size() + hit.itemId.size() + hit.locationId.size() + 2);
        id.append(typeName).append(1, ':').append(hit.itemId).append(1, '@').append(hit.locationId);
        if (id == exceptionId) {
            hit.row = row;
            if (!readAt(image, h, ScoreColumn, row, hit.score)
                || !readAt(image, h, TopFactorColumn, row, hit.topFactor)
                || (hit.topFactor != 255 && hit.topFactor >= engine::kFactorCount)
                || !readAt(image, h, WorstTierColumn, row, hit.worstTier)
                || !readAt(image, h, AbcColumn, row, hit.abcClass))
                return damaged();
            if (sectionCount(h.format) > CanSaveColumn
                && !readAt(image, h, CanSaveColumn, row, hit.canSave))
                return damaged();
            return hit;
        }
    }
    return std::nullopt;
}

} // namespace model
