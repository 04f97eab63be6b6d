#include "ui/history/overridehistorymodel.h"

#include "ui/common/format.h"
#include "ui/common/plaintext.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QSet>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

QDate toDate(engine::Date day)
{
    return day == engine::kNoDate ? QDate() : toQDate(day);
}

QString number(double value)
{
    return QString::number(value, 'g', 12);
}

QString topFactorsText(const model::OverrideRecord &r, bool withValues)
{
    QStringList parts;
    for (std::size_t i = 0; i < r.factors.size() && i < 2; ++i) {
        QString name = r.factors[i].first;
        for (int f = 0; f < engine::kFactorCount; ++f) {
            if (name == QString::fromLatin1(engine::factorName(engine::FactorKind(f))))
                name = factorLabel(engine::FactorKind(f));
        }
        parts << (withValues ? name + u' ' + formatMoney(r.factors[i].second, r.currency) : name);
    }
    if (parts.isEmpty() && r.topFactor >= 0)
        parts << factorLabel(engine::FactorKind(r.topFactor));
    return parts.join(u", "_s);
}

QString decisionText(const model::OverrideRecord &r)
{
    return r.kind == model::Decision::Rejected ? OverrideHistoryModel::tr("Rejected")
                                               : OverrideHistoryModel::tr("Overridden");
}

} // namespace

bool HistoryCriteria::counts(const model::DecisionTally &d) const
{
    if (!planner.isEmpty() && d.planner.compare(planner, Qt::CaseInsensitive) != 0)
        return false;
    if (type >= 0 && int(d.type) != type)
        return false;
    const QDate day = toDate(d.day);
    return (!from.isValid() || (day.isValid() && day >= from))
        && (!to.isValid() || (day.isValid() && day <= to));
}

bool HistoryCriteria::matches(const model::OverrideRecord &r) const
{
    if (!reasonCode.isEmpty() && r.reasonCode != reasonCode)
        return false;
    return counts({r.planner, r.type, r.day, true});
}

QString reasonLabel(const QString &code)
{
    for (const model::ReasonCode &reason : model::reasonCodes()) {
        if (code == QLatin1StringView(reason.code))
            return QString::fromUtf8(reason.label);
    }
    return code;
}

QString aftermathText(const model::OverrideRecord &r)
{
    using A = model::OverrideRecord::Aftermath;
    switch (r.aftermath()) {
    case A::NoLaterSnapshot:
        return OverrideHistoryModel::tr("No later snapshot yet");
    case A::Gone: {
        const model::LaterLook *gone = r.firstGone();
        return OverrideHistoryModel::tr("Gone by %1 (%2)")
            .arg(gone->snapshotId, formatDate(gone->asOf));
    }
    case A::StillOpen: {
        const double now = r.latestExposure().value_or(0);
        QString text
            = OverrideHistoryModel::tr("Still open: exposure %1").arg(formatMoney(now, r.currency));
        if (r.exposure && *r.exposure > 0) {
            const double change = (now - *r.exposure) / *r.exposure;
            text += std::abs(change) < 0.005
                ? OverrideHistoryModel::tr(", unchanged")
                : OverrideHistoryModel::tr(", %1%2 since")
                      .arg(change > 0 ? u"+"_s : u"−"_s, formatPercent(std::abs(change)));
        }
        return text;
    }
    }
    return {};
}

OverrideHistoryModel::OverrideHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void OverrideHistoryModel::setRecords(std::vector<model::OverrideRecord> records)
{
    beginResetModel();
    m_records = std::move(records);
    endResetModel();
}

QStringList OverrideHistoryModel::planners() const
{
    QSet<QString> seen;
    for (const model::OverrideRecord &r : m_records)
        seen.insert(r.planner);
    QStringList out(seen.cbegin(), seen.cend());
    out.sort(Qt::CaseInsensitive);
    return out;
}

int OverrideHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int OverrideHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OverrideHistoryModel::csvText(const model::OverrideRecord &r, int column)
{
    switch (Column(column)) {
    case When:
        return r.decidedAt;
    case Planner:
        return r.planner;
    case Decision:
        return r.kind == model::Decision::Rejected ? u"rejected"_s : u"overridden"_s;
    case Type:
        return QString::fromLatin1(engine::exceptionTypeName(r.type));
    case Item:
        return r.itemId;
    case Location:
        return r.locationId;
    case Reason:
        return r.reasonCode;
    case Comment:
        return r.comment;
    case ExposureThen:
        return r.exposure ? number(*r.exposure) : QString();
    case TopFactors: {
        QStringList parts;
        for (const auto &[name, value] : r.factors)
            parts << name + u'=' + number(value);
        return parts.join(u';');
    }
    case Recommended:
        return r.recommendedQty ? number(*r.recommendedQty) : QString();
    case Approved:
        return r.kind == model::Decision::Overridden ? number(r.overrideQty) : u"0"_s;
    case Afterwards:
        return aftermathText(r);
    case ExposureNow:
        return r.latestExposure() ? number(*r.latestExposure()) : QString();
    case Snapshot:
        return r.snapshotId;
    case ExceptionId:
        return r.exceptionId;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant OverrideHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const model::OverrideRecord &r = m_records[std::size_t(index.row())];
    const int column = index.column();
    if (role == RawRole) {
        switch (Column(column)) {
        case ExposureThen:
            return r.exposure.value_or(-1);
        case ExposureNow:
            return r.latestExposure().value_or(-1);
        case Recommended:
            return r.recommendedQty.value_or(-1);
        case Approved:
            return r.kind == model::Decision::Overridden ? r.overrideQty : 0.0;
        case Afterwards:
            return int(r.aftermath());
        default:
            return csvText(r, column);
        }
    }
    if (role == Qt::DisplayRole) {
        switch (Column(column)) {
        case When: {
            const QDateTime at = QDateTime::fromString(r.decidedAt, Qt::ISODate);
            return at.isValid() ? at.toUTC().toString(u"yyyy-MM-dd HH:mm"_s) : r.decidedAt;
        }
        case Decision:
            return decisionText(r);
        case Type:
            return exceptionTypeLabel(r.type);
        case Reason:
            return r.reasonCode.isEmpty() ? tr("—") : reasonLabel(r.reasonCode);
        case Comment:
        case Item:
        case Location:
        case ExceptionId:
            return shownText(csvText(r, column));
        case ExposureThen:
            return r.exposure ? formatMoney(*r.exposure, r.currency) : tr("—");
        case ExposureNow: {
            const auto now = r.latestExposure();
            return now ? formatMoney(*now, r.currency) : tr("—");
        }
        case TopFactors:
            return topFactorsText(r, false);
        case Recommended:
            return r.recommendedQty ? formatQty(*r.recommendedQty) : tr("—");
        case Approved:
            return r.kind == model::Decision::Overridden ? formatQty(r.overrideQty) : tr("none");
        default:
            return csvText(r, column);
        }
    }
    if (role == Qt::ToolTipRole) {
        if (column == TopFactors)
            return topFactorsText(r, true);
        if (column == Afterwards || column == ExposureNow) {
            QStringList lines;
            for (const model::LaterLook &look : r.later) {
                lines << (look.runId == 0 ? tr("%1: not scored").arg(look.snapshotId)
                        : look.present
                        ? tr("%1: open, exposure %2")
                              .arg(look.snapshotId, formatMoney(look.exposure, r.currency))
                        : tr("%1: gone").arg(look.snapshotId));
            }
            return lines.isEmpty() ? QVariant() : QVariant(plainToolTip(lines.join(u'\n')));
        }
        if (column == Comment || column == ExceptionId)
            return plainToolTip(csvText(r, column));
        return {};
    }
    if (role == Qt::ForegroundRole && column == Afterwards) {
        // Open after an override or rejection is what a manager looks into first.
        using A = model::OverrideRecord::Aftermath;
        if (r.aftermath() == A::StillOpen)
            return QBrush(QColor(0xb0, 0x1e, 0x1e));
        if (r.aftermath() == A::Gone)
            return QBrush(QColor(0x1e, 0x7b, 0x34));
    }
    if (role == Qt::TextAlignmentRole
        && (column == ExposureThen || column == ExposureNow || column == Recommended
            || column == Approved))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant OverrideHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case When:
        return tr("When (UTC)");
    case Planner:
        return tr("Planner");
    case Decision:
        return tr("Decision");
    case Type:
        return tr("Type");
    case Item:
        return tr("Item");
    case Location:
        return tr("Location");
    case Reason:
        return tr("Reason");
    case Comment:
        return tr("Comment");
    case ExposureThen:
        return tr("Exposure then");
    case TopFactors:
        return tr("Top factors then");
    case Recommended:
        return tr("Recommended qty");
    case Approved:
        return tr("Approved qty");
    case Afterwards:
        return tr("What happened after");
    case ExposureNow:
        return tr("Exposure now");
    case Snapshot:
        return tr("Decided on snapshot");
    case ExceptionId:
        return tr("Exception");
    case ColumnCount:
        break;
    }
    return {};
}

// --- filter ---------------------------------------------------------------------

OverrideHistoryFilter::OverrideHistoryFilter(OverrideHistoryModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setSourceModel(source);
    setSortRole(OverrideHistoryModel::RawRole);
    sort(OverrideHistoryModel::When, Qt::DescendingOrder);
}

void OverrideHistoryFilter::setCriteria(const HistoryCriteria &criteria)
{
    m_criteria = criteria;
    invalidateFilter();
}

bool OverrideHistoryFilter::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    return m_criteria.matches(m_source->recordAt(sourceRow));
}

bool OverrideHistoryFilter::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(OverrideHistoryModel::RawRole);
    const QVariant b = right.data(OverrideHistoryModel::RawRole);
    if (a.typeId() == QMetaType::Double || a.typeId() == QMetaType::Int) {
        if (a.toDouble() != b.toDouble())
            return a.toDouble() < b.toDouble();
    } else if (const int order = QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
               order != 0) {
        return order < 0;
    }
    return m_source->recordAt(left.row()).decisionId < m_source->recordAt(right.row()).decisionId;
}

QStringList OverrideHistoryFilter::header() const
{
    QStringList header;
    for (int column = 0; column < OverrideHistoryModel::ColumnCount; ++column)
        header << m_source->headerData(column, Qt::Horizontal).toString();
    return header;
}

QList<QStringList> OverrideHistoryFilter::shownRows() const
{
    QList<QStringList> rows;
    rows.reserve(rowCount());
    for (int r = 0; r < rowCount(); ++r) {
        const model::OverrideRecord &record = m_source->recordAt(mapToSource(index(r, 0)).row());
        QStringList row;
        for (int column = 0; column < OverrideHistoryModel::ColumnCount; ++column)
            row << OverrideHistoryModel::csvText(record, column);
        rows << row;
    }
    return rows;
}

} // namespace ui
