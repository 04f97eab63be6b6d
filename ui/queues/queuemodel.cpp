#include "ui/queues/queuemodel.h"

#include "ui/common/format.h"
#include "ui/common/plaintext.h"

#include <QFont>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString decisionLabel(model::Decision::Kind kind)
{
    switch (kind) {
    case model::Decision::Approved:
        return QueueModel::tr("✓ Approved");
    case model::Decision::Rejected:
        return QueueModel::tr("✗ Rejected");
    case model::Decision::Overridden:
        return QueueModel::tr("✓ Overridden");
    case model::Decision::None:
        break;
    }
    return {};
}

/// Natural order: case-insensitive, with runs of ASCII digits compared as numbers
/// ("SKU2" < "SKU10"). Written out rather than asking QCollator, which takes
/// seconds over the hundreds of thousands of ids of a large snapshot.
bool naturalLess(QStringView a, QStringView b)
{
    auto isDigit = [](QChar c) { return c >= u'0' && c <= u'9'; };
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (isDigit(a[i]) && isDigit(b[j])) {
            while (i < a.size() && a[i] == u'0')
                ++i;
            while (j < b.size() && b[j] == u'0')
                ++j;
            qsizetype endA = i, endB = j;
            while (endA < a.size() && isDigit(a[endA]))
                ++endA;
            while (endB < b.size() && isDigit(b[endB]))
                ++endB;
            if (endA - i != endB - j)
                return endA - i < endB - j;
            for (; i < endA; ++i, ++j) {
                if (a[i] != b[j])
                    return a[i] < b[j];
            }
            continue;
        }
        const char16_t ca = a[i].toCaseFolded().unicode(), cb = b[j].toCaseFolded().unicode();
        if (ca != cb)
            return ca < cb;
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

/// Position of each string in natural order, so sorting a column of interned
/// strings compares integers.
std::vector<qint32> naturalOrder(const QStringList &strings)
{
    std::vector<qint32> byRank(std::size_t(strings.size()));
    std::iota(byRank.begin(), byRank.end(), 0);
    std::stable_sort(byRank.begin(), byRank.end(),
        [&](qint32 a, qint32 b) { return naturalLess(strings[a], strings[b]); });
    std::vector<qint32> order(byRank.size());
    for (std::size_t i = 0; i < byRank.size(); ++i)
        order[std::size_t(byRank[i])] = qint32(i);
    return order;
}

double orderOf(const std::vector<qint32> &order, qint32 id)
{
    return id >= 0 && std::size_t(id) < order.size() ? double(order[std::size_t(id)]) : kNaN;
}

} // namespace

QueueModel::QueueModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_policyWeights.fill(1.0);
    m_weights = m_policyWeights;
}

void QueueModel::setQueue(model::Queue queue, const Weights &policyWeights, engine::RankBy rankBy)
{
    m_queue = std::move(queue);
    m_policyWeights = policyWeights;
    m_weights = policyWeights;
    m_rankBy = rankBy;
    m_scores = m_queue.score;
    m_canSave = m_queue.canSave;
    m_canSave.resize(std::size_t(m_queue.size()), 0.0);
    m_ranks = m_queue.rank;
    m_sourceIsRanked = std::is_sorted(m_queue.rank.begin(), m_queue.rank.end());
    m_itemOrder.clear();
    m_descriptionOrder.clear();
    m_locationOrder.clear();
    rebuild();
}

void QueueModel::clear()
{
    setQueue({}, m_policyWeights, m_rankBy);
}

void QueueModel::setWeights(const Weights &weights)
{
    if (weights == m_weights)
        return;
    m_weights = weights;
    if (isReweighted()) {
        m_scores = QueueFilter::weightedScores(m_queue, m_weights);
        m_canSave = QueueFilter::whatIfCanSave(m_queue, m_scores);
        m_ranks = QueueFilter::ranks(m_queue, m_scores, m_canSave, m_rankBy);
    } else {
        // Back to the policy: the stored figures are exact, recomputing would add rounding.
        m_scores = m_queue.score;
        m_canSave = m_queue.canSave;
        m_canSave.resize(std::size_t(m_queue.size()), 0.0);
        m_ranks = m_queue.rank;
    }
    rebuild();
}

void QueueModel::setCriteria(const QueueCriteria &criteria)
{
    if (criteria == m_criteria)
        return;
    m_criteria = criteria;
    rebuild();
}

void QueueModel::rebuild()
{
    beginResetModel();
    m_rows = QueueFilter::select(m_queue, m_scores, m_criteria, &m_tally);
    m_viewRowOf.clear();
    sortVisible();
    endResetModel();
    Q_EMIT rowsRebuilt();
}

void QueueModel::sortVisible()
{
    // select() returns source order, which is stored-rank order for a ranked queue:
    // the common case (rank ascending, no what-if) needs no sort at all.
    if (m_sortColumn == Rank && m_sortOrder == Qt::AscendingOrder && !isReweighted()
        && m_sourceIsRanked)
        return;
    m_viewRowOf.clear();
    if (m_sortColumn == Rank && QueueFilter::sortByRank(m_rows, m_ranks, m_sortOrder))
        return;
    QueueFilter::sortRows(m_rows, sortKeys(m_sortColumn), m_sortOrder, m_ranks);
}

void QueueModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<qint32> sourceRows;
    sourceRows.reserve(std::size_t(before.size()));
    for (const QModelIndex &index : before)
        sourceRows.push_back(sourceRow(index));
    sortVisible();
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        after.push_back(indexOfSourceRow(sourceRows[std::size_t(i)], before[i].column()));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

const std::vector<qint32> &QueueModel::collationOrder(int column) const
{
    switch (column) {
    case Item:
        if (m_itemOrder.empty())
            m_itemOrder = naturalOrder(m_queue.itemIds);
        return m_itemOrder;
    case Description:
        if (m_descriptionOrder.empty())
            m_descriptionOrder = naturalOrder(m_queue.itemDescriptions);
        return m_descriptionOrder;
    default:
        if (m_locationOrder.empty())
            m_locationOrder = naturalOrder(m_queue.locationIds);
        return m_locationOrder;
    }
}

std::vector<double> QueueModel::sortKeys(int column) const
{
    const auto n = std::size_t(m_queue.size());
    std::vector<double> keys(n, kNaN);
    switch (column) {
    case Rank:
        for (std::size_t r = 0; r < n; ++r)
            keys[r] = m_ranks[r];
        break;
    case Moved:
        for (std::size_t r = 0; r < n; ++r)
            keys[r] = double(m_queue.rank[r]) - double(m_ranks[r]);
        break;
    case Score:
        keys = m_scores;
        break;
    case CanSave:
        keys = m_canSave;
        break;
    case Type:
        for (std::size_t r = 0; r < n; ++r)
            keys[r] = m_queue.type[r];
        break;
    case Item:
    case Description: {
        const std::vector<qint32> &order = collationOrder(column);
        for (std::size_t r = 0; r < n; ++r)
            keys[r] = orderOf(order, m_queue.item[r]);
        break;
    }
    case Location: {
        const std::vector<qint32> &order = collationOrder(column);
        for (std::size_t r = 0; r < n; ++r)
            keys[r] = orderOf(order, m_queue.location[r]);
        break;
    }
    case NeedDate:
        for (std::size_t r = 0; r < n; ++r)
            keys[r] = m_queue.needDate[r] == engine::kNoDate ? kNaN : m_queue.needDate[r];
        break;
    case TopFactor:
        for (std::size_t r = 0; r < n; ++r)
            keys[r] = m_queue.topFactor[r] < engine::kFactorCount ? m_queue.topFactor[r] : kNaN;
        break;
    case Action:
        // By action, and within one the feasible before the late.
        for (std::size_t r = 0; r < n; ++r)
            keys[r] = m_queue.action[r] < 0 ? kNaN
                                            : m_queue.action[r] + (actionFeasible(r) ? 0.0 : 0.5);
        break;
    case Decision:
        for (std::size_t r = 0; r < n; ++r)
            keys[r] = m_queue.decision[r] != 0 ? m_queue.decision[r] : kNaN;
        break;
    default:
        break;
    }
    return keys;
}

bool QueueModel::actionFeasible(std::size_t r) const
{
    return m_queue.isActionFeasible(qsizetype(r));
}

const std::vector<qint32> &QueueModel::viewRows() const
{
    if (m_viewRowOf.size() != std::size_t(m_queue.size())) {
        m_viewRowOf.assign(std::size_t(m_queue.size()), -1);
        for (std::size_t v = 0; v < m_rows.size(); ++v)
            m_viewRowOf[std::size_t(m_rows[v])] = qint32(v);
    }
    return m_viewRowOf;
}

QueueModel::Row QueueModel::itemAt(const QModelIndex &index) const
{
    const qint32 row = sourceRow(index);
    if (row < 0)
        return {};
    const auto r = std::size_t(row);
    return {row, m_queue.exceptionId(row), m_queue.type[r], m_queue.action[r], actionFeasible(r),
        model::Decision::Kind(m_queue.decision[r])};
}

qint32 QueueModel::sourceRow(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= qsizetype(m_rows.size()))
        return -1;
    return m_rows[std::size_t(index.row())];
}

QModelIndex QueueModel::indexOfSourceRow(qint32 row, int column) const
{
    if (row < 0 || row >= m_queue.size())
        return {};
    const qint32 viewRow = viewRows()[std::size_t(row)];
    return viewRow < 0 ? QModelIndex() : index(viewRow, column);
}

qint32 QueueModel::findException(const QString &exceptionId) const
{
    const qsizetype colon = exceptionId.indexOf(u':');
    if (colon < 0)
        return -1;
    const QStringView typeName = QStringView(exceptionId).left(colon);
    const QStringView rest = QStringView(exceptionId).mid(colon + 1);
    int type = -1;
    for (int t = 0; t < engine::kExceptionTypeCount; ++t) {
        if (typeName == QLatin1StringView(engine::exceptionTypeName(engine::ExceptionType(t))))
            type = t;
    }
    if (type < 0)
        return -1;
    // Compare the pieces in place: building an id string per row would cost a
    // million allocations on a large queue.
    for (qsizetype r = 0; r < m_queue.size(); ++r) {
        const auto row = std::size_t(r);
        if (m_queue.type[row] != type)
            continue;
        const QString &item = m_queue.itemIds[m_queue.item[row]];
        const QString &location = m_queue.locationIds[m_queue.location[row]];
        if (rest.size() == item.size() + 1 + location.size() && rest.startsWith(item)
            && rest[item.size()] == u'@' && rest.endsWith(location))
            return qint32(r);
    }
    return -1;
}

void QueueModel::setItemShowsDescription(bool shows)
{
    if (shows == m_itemShowsDescription)
        return;
    m_itemShowsDescription = shows;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Item), index(rowCount() - 1, Item), {Qt::DisplayRole});
}

void QueueModel::setDecision(qint32 row, model::Decision::Kind kind)
{
    if (row < 0 || row >= m_queue.size())
        return;
    m_queue.decision[std::size_t(row)] = quint8(kind);
    m_queue.autoRule.remove(row); // decided by a person now
    const QModelIndex cell = indexOfSourceRow(row, Decision);
    if (cell.isValid())
        Q_EMIT dataChanged(cell, cell);
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueModel::rawValue(qint32 row, int column) const
{
    if (row < 0 || row >= m_queue.size())
        return {};
    const auto r = std::size_t(row);
    switch (column) {
    case Rank:
        return m_ranks[r];
    case Moved:
        return m_queue.rank[r] - m_ranks[r];
    case Score:
        return m_scores[r];
    case CanSave:
        return m_canSave[r];
    case Type:
        return int(m_queue.type[r]);
    case Item:
        return m_queue.itemIds.value(m_queue.item[r]);
    case Description:
        return m_queue.itemDescriptions.value(m_queue.item[r]);
    case Location:
        return m_queue.locationIds.value(m_queue.location[r]);
    case NeedDate:
        return m_queue.needDate[r] == engine::kNoDate ? QVariant()
                                                      : QVariant(toQDate(m_queue.needDate[r]));
    case TopFactor:
        return m_queue.topFactor[r] < engine::kFactorCount ? QVariant(int(m_queue.topFactor[r]))
                                                           : QVariant();
    case Action:
        return m_queue.action[r] >= 0 ? QVariant(int(m_queue.action[r])) : QVariant();
    case Decision:
        return int(m_queue.decision[r]);
    default:
        return {};
    }
}

QVariant QueueModel::display(std::size_t r, int column) const
{
    switch (column) {
    case Rank:
        return QLocale().toString(m_ranks[r]);
    case Moved: {
        const qint32 moved = m_queue.rank[r] - m_ranks[r];
        if (!isReweighted() || moved == 0)
            return QString();
        const QString amount = QLocale().toString(std::abs(moved));
        return QString(moved > 0 ? u"▲ +"_s + amount : u"▼ −"_s + amount);
    }
    case Score:
        return formatMoney(m_scores[r], m_queue.snapshot.currency);
    case CanSave:
        return formatMoney(m_canSave[r], m_queue.snapshot.currency);
    case Type:
        return exceptionTypeLabel(engine::ExceptionType(m_queue.type[r]));
    case Item: {
        const QString id = m_queue.itemIds.value(m_queue.item[r]);
        const QString description = m_queue.itemDescriptions.value(m_queue.item[r]);
        if (!m_itemShowsDescription || description.isEmpty())
            return id;
        return QString(id + u"  ·  "_s + shownText(description));
    }
    case Description:
        // A cell shows one line: no need to lay out more than the pane can hold.
        return shownText(m_queue.itemDescriptions.value(m_queue.item[r]));
    case Location:
        return m_queue.locationIds.value(m_queue.location[r]);
    case NeedDate:
        return formatDate(m_queue.needDate[r]);
    case TopFactor:
        return m_queue.topFactor[r] < engine::kFactorCount
            ? factorLabel(engine::FactorKind(m_queue.topFactor[r]))
            : QString();
    case Action:
        // A best move that is late and saves nothing (its source has nothing to spare,
        // or it lands after the need is over) is not a recommendation: the detail pane
        // shows it with the reason.
        if (!m_queue.offersAction(qsizetype(r)))
            return tr("No action pays");
        if (!actionFeasible(r))
            return tr("%1 (late)").arg(actionLabel(engine::Action(m_queue.action[r])));
        return actionLabel(engine::Action(m_queue.action[r]));
    case Decision:
        if (m_queue.autoRule.contains(qint32(r)))
            return tr("✓ By rule"); // approved by the system; the tooltip names the rule
        return decisionLabel(model::Decision::Kind(m_queue.decision[r]));
    default:
        return {};
    }
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    const qint32 row = sourceRow(index);
    if (row < 0)
        return {};
    const auto r = std::size_t(row);
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(r, column);
    case RawValueRole:
        return rawValue(row, column);
    case ExceptionIdRole:
        return m_queue.exceptionId(row);
    case SourceRowRole:
        return row;
    case Qt::TextAlignmentRole:
        if (column == Rank || column == Moved || column == Score || column == CanSave)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DecorationRole:
        if (column == Type)
            return exceptionTypeColor(engine::ExceptionType(m_queue.type[r]));
        return {};
    case Qt::ForegroundRole:
        if (column == Moved && isReweighted()) {
            const qint32 moved = m_queue.rank[r] - m_ranks[r];
            if (moved != 0)
                return moved > 0 ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28);
        }
        if (column == Decision && m_queue.decision[r] != 0)
            return m_queue.decision[r] != model::Decision::Rejected ? QColor(0x2e, 0x7d, 0x32)
                                                                    : QColor(0xc6, 0x28, 0x28);
        if (column == NeedDate && m_queue.needDate[r] != engine::kNoDate
            && m_queue.snapshot.asOf != engine::kNoDate
            && m_queue.needDate[r] < m_queue.snapshot.asOf)
            return QColor(0xc6, 0x28, 0x28);
        if (column == Action && !actionFeasible(r))
            return QColor(0x75, 0x75, 0x75);
        return {};
    case Qt::FontRole:
        if (column == Rank) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case Decision:
            if (auto rule = m_queue.autoRule.constFind(qint32(r)); rule != m_queue.autoRule.cend())
                return plainToolTip(tr("Approved by the system under the policy's rule %1; "
                                       "undo it (pwb decide --undo) until it is exported")
                                        .arg(*rule));
            return {};
        case Rank:
        case Moved:
            if (isReweighted())
                return tr("Rank %1 with the what-if weights; stored rank %2")
                    .arg(QLocale().toString(m_ranks[r]), QLocale().toString(m_queue.rank[r]));
            return {};
        case Score:
            if (isReweighted())
                // The currency is the snapshot's text: escaped like any other.
                return plainToolTip(
                    tr("What-if score %1; stored score %2")
                        .arg(formatMoney(m_scores[r], m_queue.snapshot.currency),
                            formatMoney(m_queue.score[r], m_queue.snapshot.currency)));
            return tr("Expected cost of doing nothing over the planning horizon");
        case CanSave:
            if (isReweighted())
                return plainToolTip(
                    tr("What-if estimate %1 (the same share of the what-if score); stored %2")
                        .arg(formatMoney(m_canSave[r], m_queue.snapshot.currency),
                            formatMoney(r < m_queue.canSave.size() ? m_queue.canSave[r] : 0.0,
                                m_queue.snapshot.currency)));
            return tr("What acting as recommended saves of that cost, after the actions' own "
                      "cost");
        case Item:
        case Description:
            // Escaped: a description that looks like HTML must not render as HTML.
            return plainToolTip(m_queue.itemIds.value(m_queue.item[r]) + u" — "_s
                + m_queue.itemDescriptions.value(m_queue.item[r]));
        case NeedDate:
            if (m_queue.needDate[r] != engine::kNoDate
                && m_queue.snapshot.asOf != engine::kNoDate) {
                const int days = m_queue.needDate[r] - m_queue.snapshot.asOf;
                if (days == 0)
                    return tr("Due on the snapshot date");
                if (days == -1 || days == 1)
                    return days < 0 ? tr("1 day past due") : tr("1 day after the snapshot date");
                return days < 0 ? tr("%1 days past due").arg(-days)
                                : tr("%1 days after the snapshot date").arg(days);
            }
            return {};
        case Action:
            if (m_queue.action[r] >= 0 && !m_queue.offersAction(qsizetype(r)))
                return plainToolTip(tr("%1 cannot help now: its source has nothing to spare or "
                                       "it lands too late to save anything. Waiting is the "
                                       "cheapest choice; the details say why")
                                        .arg(actionLabel(engine::Action(m_queue.action[r]))));
            if (m_queue.action[r] >= 0 && r < m_queue.actionCost.size()) {
                const QString cost = formatMoney(m_queue.actionCost[r], m_queue.snapshot.currency);
                return plainToolTip(actionFeasible(r)
                        ? tr("Costs %1").arg(cost)
                        : tr("Costs %1; arrives after the need date and does not pay for "
                             "itself: nothing better can be done")
                              .arg(cost));
            }
            return tr("No action saves more than it costs: waiting is the cheapest choice");
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole) {
        if (section == Rank || section == Moved || section == Score || section == CanSave)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Rank:
            return m_rankBy == engine::RankBy::CanSave
                ? tr("Ranked by what acting can save, then by score (the policy's rank_by)")
                : tr("Ranked by score, the cost of doing nothing (the policy's rank_by)");
        case Moved:
            return tr("Places gained (▲) or lost (▼) with the what-if weights");
        case Score:
            return plainToolTip(
                tr("Expected cost of doing nothing, in %1").arg(m_queue.snapshot.currency));
        case CanSave:
            return plainToolTip(tr("What acting as recommended saves, net of the actions' cost, "
                                   "in %1")
                                    .arg(m_queue.snapshot.currency));
        case TopFactor:
            return tr("The factor contributing most to the score");
        case Action:
            return tr("The first recommendation: the item plan's action, or the best of "
                      "the rest");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Rank:
        return tr("Rank");
    case Moved:
        return tr("Moved");
    case Score:
        return tr("Score");
    case CanSave:
        return tr("Can save");
    case Type:
        return tr("Type");
    case Item:
        return tr("Item");
    case Description:
        return tr("Description");
    case Location:
        return tr("Location");
    case NeedDate:
        return tr("Need date");
    case TopFactor:
        return tr("Top factor");
    case Action:
        return tr("Recommended action");
    case Decision:
        return tr("Decision");
    default:
        return {};
    }
}

} // namespace ui
