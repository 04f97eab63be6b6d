#include "ui/queues/queuefilter.h"

#include "model/decisions/decision.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <utility>

namespace ui {

namespace {

qint32 indexOf(const QStringList &ids, const QString &id)
{
    if (id.isEmpty())
        return -1;
    return qint32(ids.indexOf(id));
}

/// Which interned strings contain `text`: one test per distinct string instead of
/// one per row.
std::vector<char> matching(const QStringList &strings, const QString &text)
{
    std::vector<char> hits(std::size_t(strings.size()), 0);
    for (qsizetype i = 0; i < strings.size(); ++i)
        hits[std::size_t(i)] = strings[i].contains(text, Qt::CaseInsensitive) ? 1 : 0;
    return hits;
}

/// Maps a signed integer onto an unsigned one of the same order.
std::uint32_t orderable(qint32 value)
{
    return std::uint32_t(value) ^ 0x8000'0000u;
}

/// Maps a double onto a 64-bit unsigned integer of the same order (reversed when
/// `descending`); NaN maps above everything in both directions, so it sorts last.
std::uint64_t orderable(double value, bool descending)
{
    if (std::isnan(value))
        return ~std::uint64_t(0);
    if (value == 0.0)
        value = 0.0; // -0.0 and 0.0 are equal keys
    if (descending)
        value = -value;
    const auto bits = std::bit_cast<std::uint64_t>(value);
    const std::uint64_t key = bits & 0x8000'0000'0000'0000u ? ~bits : bits | 0x8000'0000'0000'0000u;
    // Keep the top value free for NaN (only +inf maps there, and it sorts the same).
    return std::min(key, ~std::uint64_t(0) - 1);
}

/// A stable least-significant-digit radix sort of row numbers, 11 bits a pass:
/// a million rows sort in a few tens of milliseconds, several times faster than a
/// comparison sort, and passes whose digit is the same for every row are skipped.
/// Sort by the least significant key first; each later sortBy() keeps the order of
/// the earlier ones among equal keys.
class RadixOrder
{
public:
    explicit RadixOrder(std::vector<qint32> rows)
        : m_rows(std::move(rows))
    { }

    template <class KeyOf> void sortBy(KeyOf keyOf, int bits)
    {
        const std::size_t n = m_rows.size();
        m_keys.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            m_keys[i] = keyOf(m_rows[i]);
        m_otherKeys.resize(n);
        m_otherRows.resize(n);
        std::vector<std::size_t> count(kBuckets);
        for (int shift = 0; shift < bits; shift += kDigitBits) {
            std::fill(count.begin(), count.end(), 0);
            for (std::size_t i = 0; i < n; ++i)
                ++count[digit(m_keys[i], shift)];
            if (n == 0 || count[digit(m_keys[0], shift)] == n)
                continue;
            std::size_t position = 0;
            for (std::size_t &c : count)
                position += std::exchange(c, position);
            for (std::size_t i = 0; i < n; ++i) {
                const std::size_t to = count[digit(m_keys[i], shift)]++;
                m_otherKeys[to] = m_keys[i];
                m_otherRows[to] = m_rows[i];
            }
            m_keys.swap(m_otherKeys);
            m_rows.swap(m_otherRows);
        }
    }

    std::vector<qint32> take() { return std::move(m_rows); }

private:
    static constexpr int kDigitBits = 11;
    static constexpr std::size_t kBuckets = std::size_t(1) << kDigitBits;
    static std::size_t digit(std::uint64_t key, int shift)
    {
        return std::size_t(key >> shift) & (kBuckets - 1);
    }

    std::vector<qint32> m_rows, m_otherRows;
    std::vector<std::uint64_t> m_keys, m_otherKeys;
};

} // namespace

bool QueueCriteria::isUnfiltered() const
{
    return text.isEmpty() && locationId.isEmpty() && supplierId.isEmpty() && tier == 0
        && abcClass == 0 && minScore <= 0 && decision == DecisionView::Any;
}

bool QueueFilter::decisionMatches(const model::Queue &queue, qint32 row, DecisionView view)
{
    const auto r = std::size_t(row);
    const auto kind = r < queue.decision.size() ? model::Decision::Kind(queue.decision[r])
                                                : model::Decision::None;
    switch (view) {
    case DecisionView::Any:
        return true;
    case DecisionView::Undecided:
        return kind == model::Decision::None;
    case DecisionView::Approved:
        return kind == model::Decision::Approved && !queue.autoRule.contains(row);
    case DecisionView::ByRule:
        return kind != model::Decision::None && queue.autoRule.contains(row);
    case DecisionView::Rejected:
        return kind == model::Decision::Rejected;
    case DecisionView::Overridden:
        return kind == model::Decision::Overridden;
    }
    return true;
}

std::vector<qint32> QueueFilter::select(const model::Queue &queue, std::span<const double> scores,
    const QueueCriteria &criteria, QueueTally *tally)
{
    const qsizetype n = queue.size();
    std::vector<qint32> rows;
    if (tally)
        *tally = {};

    const QString text = criteria.text.trimmed();
    std::vector<char> itemHit, locationHit;
    if (!text.isEmpty()) {
        itemHit = matching(queue.itemIds, text);
        const std::vector<char> descriptionHit = matching(queue.itemDescriptions, text);
        for (std::size_t i = 0; i < itemHit.size() && i < descriptionHit.size(); ++i)
            itemHit[i] = char(itemHit[i] | descriptionHit[i]);
        locationHit = matching(queue.locationIds, text);
    }
    const qint32 location = indexOf(queue.locationIds, criteria.locationId);
    const qint32 supplier = indexOf(queue.supplierIds, criteria.supplierId);
    // An id the queue does not know (a filter restored from another snapshot) matches nothing.
    const bool impossible = (!criteria.locationId.isEmpty() && location < 0)
        || (!criteria.supplierId.isEmpty() && supplier < 0);
    if (impossible)
        return rows;

    auto hit = [](const std::vector<char> &table, qint32 i) {
        return i >= 0 && std::size_t(i) < table.size() && table[std::size_t(i)];
    };

    rows.reserve(std::size_t(criteria.isUnfiltered() && criteria.type < 0 ? n : n / 4));
    for (qsizetype r = 0; r < n; ++r) {
        const auto row = std::size_t(r);
        if (location >= 0 && queue.location[row] != location)
            continue;
        if (supplier >= 0 && queue.supplier[row] != supplier)
            continue;
        if (criteria.tier > 0 && queue.worstTier[row] != criteria.tier)
            continue;
        if (criteria.abcClass != 0 && queue.abcClass[row] != criteria.abcClass)
            continue;
        if (criteria.minScore > 0 && !(scores[row] >= criteria.minScore))
            continue;
        if (!text.isEmpty() && !hit(itemHit, queue.item[row])
            && !hit(locationHit, queue.location[row]))
            continue;
        if (criteria.decision != DecisionView::Any
            && !decisionMatches(queue, qint32(r), criteria.decision))
            continue;
        const int type = queue.type[row];
        if (tally && type < engine::kExceptionTypeCount) {
            ++tally->count[std::size_t(type)];
            tally->exposure[std::size_t(type)] += scores[row];
            ++tally->totalCount;
            tally->totalExposure += scores[row];
        }
        if (criteria.type >= 0 && type != criteria.type)
            continue;
        rows.push_back(qint32(r));
    }
    return rows;
}

void QueueFilter::sortRows(std::vector<qint32> &rows, std::span<const double> keys,
    Qt::SortOrder order, std::span<const qint32> tieBreak)
{
    const bool descending = order == Qt::DescendingOrder;
    // Rows usually arrive in rank order already (the source order), which makes the
    // tie-break pass unnecessary.
    const bool inTieOrder = std::is_sorted(rows.begin(), rows.end(),
        [&](qint32 a, qint32 b) { return tieBreak[std::size_t(a)] < tieBreak[std::size_t(b)]; });
    RadixOrder radix(std::move(rows));
    if (!inTieOrder)
        radix.sortBy(
            [&](qint32 row) { return std::uint64_t(orderable(tieBreak[std::size_t(row)])); }, 32);
    radix.sortBy([&](qint32 row) { return orderable(keys[std::size_t(row)], descending); }, 64);
    rows = radix.take();
}

bool QueueFilter::sortByRank(
    std::vector<qint32> &rows, std::span<const qint32> ranks, Qt::SortOrder order)
{
    // Ranks are a permutation of 1..n: each row has its slot, no comparison needed.
    std::vector<qint32> slot(ranks.size(), -1);
    for (const qint32 row : rows) {
        const qint32 rank = ranks[std::size_t(row)];
        if (rank < 1 || std::size_t(rank) > slot.size() || slot[std::size_t(rank - 1)] >= 0)
            return false;
        slot[std::size_t(rank - 1)] = row;
    }
    std::size_t out = 0;
    auto collect = [&](qint32 row) {
        if (row >= 0)
            rows[out++] = row;
    };
    if (order == Qt::AscendingOrder)
        std::for_each(slot.begin(), slot.end(), collect);
    else
        std::for_each(slot.rbegin(), slot.rend(), collect);
    return true;
}

std::vector<double> QueueFilter::weightedScores(
    const model::Queue &queue, const std::array<double, engine::kFactorCount> &weights)
{
    const auto n = std::size_t(queue.size());
    constexpr auto k = std::size_t(engine::kFactorCount);
    std::vector<double> scores(n, 0.0);
    if (queue.factorAmounts.size() < n * k)
        return scores;
    const double *amounts = queue.factorAmounts.data();
    for (std::size_t r = 0; r < n; ++r) {
        double sum = 0;
        for (std::size_t f = 0; f < k; ++f)
            sum += weights[f] * amounts[r * k + f];
        scores[r] = sum;
    }
    return scores;
}

std::vector<double> QueueFilter::whatIfCanSave(
    const model::Queue &queue, std::span<const double> scores)
{
    const auto n = std::size_t(queue.size());
    std::vector<double> canSave(n, 0.0);
    for (std::size_t r = 0; r < n && r < queue.canSave.size() && r < scores.size(); ++r) {
        const double stored = queue.score[r];
        canSave[r]
            = stored > 0 ? queue.canSave[r] * std::max(0.0, scores[r]) / stored : queue.canSave[r];
    }
    return canSave;
}

std::vector<qint32> QueueFilter::ranks(const model::Queue &queue, std::span<const double> scores,
    std::span<const double> canSave, engine::RankBy by)
{
    const auto n = std::size_t(queue.size());
    std::vector<qint32> rows(n);
    std::iota(rows.begin(), rows.end(), 0);
    // Least significant key first: stored rank, need date (none last), score (highest first).
    RadixOrder radix(std::move(rows));
    if (!std::is_sorted(queue.rank.begin(), queue.rank.end()))
        radix.sortBy(
            [&](qint32 row) { return std::uint64_t(orderable(queue.rank[std::size_t(row)])); }, 32);
    radix.sortBy(
        [&](qint32 row) {
            const engine::Date need = queue.needDate[std::size_t(row)];
            return std::uint64_t(need == engine::kNoDate ? ~std::uint32_t(0) : orderable(need));
        },
        32);
    radix.sortBy([&](qint32 row) { return orderable(scores[std::size_t(row)], true); }, 64);
    if (by == engine::RankBy::CanSave && canSave.size() >= n)
        radix.sortBy([&](qint32 row) { return orderable(canSave[std::size_t(row)], true); }, 64);
    rows = radix.take();
    std::vector<qint32> result(n);
    for (std::size_t i = 0; i < n; ++i)
        result[std::size_t(rows[i])] = qint32(i + 1);
    return result;
}

} // namespace ui
