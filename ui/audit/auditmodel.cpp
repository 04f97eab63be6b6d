#include "ui/audit/auditmodel.h"

#include "ui/common/plaintext.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

/// "2026-12-05T02:31:38Z" as "2026-12-05 02:31:38 UTC": the trail's own clock, which
/// is what an auditor compares with other systems.
QString shownTime(const QString &iso)
{
    const QDateTime at = QDateTime::fromString(iso, Qt::ISODate);
    if (!at.isValid())
        return iso;
    return at.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s) + u" UTC"_s;
}

QString eventLabel(const QString &event)
{
    static const QHash<QString, QString> labels {
        {QString::fromLatin1(model::AuditEvent::kUserAdd), AuditModel::tr("Account added")},
        {QString::fromLatin1(model::AuditEvent::kSignIn), AuditModel::tr("Sign-in")},
        {QString::fromLatin1(model::AuditEvent::kDecisionApprove), AuditModel::tr("Approval")},
        {QString::fromLatin1(model::AuditEvent::kDecisionReject), AuditModel::tr("Rejection")},
        {QString::fromLatin1(model::AuditEvent::kDecisionOverride), AuditModel::tr("Override")},
        {QString::fromLatin1(model::AuditEvent::kDecisionCheck), AuditModel::tr("Second approval")},
        {QString::fromLatin1(model::AuditEvent::kDecisionUndo), AuditModel::tr("Undo")},
    };
    return labels.value(event, event);
}

} // namespace

AuditModel::AuditModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void AuditModel::setEvents(std::vector<model::AuditEvent> events)
{
    beginResetModel();
    m_events = std::move(events);
    endResetModel();
}

QString AuditModel::rawText(const model::AuditEvent &e, int column)
{
    switch (Column(column)) {
    case Seq:
        return QString::number(e.seq);
    case When:
        return e.at;
    case Who:
        return e.user;
    case Role:
        return e.role;
    case Event:
        return e.event;
    case Exception:
        return e.exceptionId;
    case Outcome:
        return e.outcome;
    case Detail:
        return e.detail;
    case Snapshot:
        return e.snapshotId;
    case ScoringVersion:
        return e.scoringVersion;
    case PolicyHash:
        return e.policyHash;
    case ColumnCount:
        break;
    }
    return {};
}

QStringList AuditModel::eventTypes() const
{
    QSet<QString> seen;
    for (const model::AuditEvent &e : m_events)
        seen.insert(e.event);
    QStringList out(seen.cbegin(), seen.cend());
    out.sort();
    return out;
}

QStringList AuditModel::users() const
{
    QSet<QString> seen;
    for (const model::AuditEvent &e : m_events)
        seen.insert(e.user);
    QStringList out(seen.cbegin(), seen.cend());
    out.sort(Qt::CaseInsensitive);
    return out;
}

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const model::AuditEvent &e = m_events[std::size_t(index.row())];
    const int column = index.column();
    if (role == RawRole)
        return column == Seq ? QVariant(e.seq) : QVariant(rawText(e, column));
    if (role == Qt::DisplayRole) {
        switch (Column(column)) {
        case When:
            return shownTime(e.at);
        case Event:
            return eventLabel(e.event);
        case PolicyHash:
            return e.policyHash.left(12);
        case Detail:
        case Exception:
            return shownText(rawText(e, column));
        default:
            return rawText(e, column);
        }
    }
    if (role == Qt::ToolTipRole) {
        if (column == Event)
            return e.event;
        if (column == PolicyHash || column == Detail || column == Exception)
            return plainToolTip(rawText(e, column));
        return {};
    }
    if (role == Qt::ForegroundRole && column == Outcome && !e.outcome.startsWith(u"recorded"_s)
        && !e.outcome.startsWith(u"created"_s))
        return QBrush(QColor(0xb0, 0x1e, 0x1e)); // refused or failed: the eye stops there
    if (role == Qt::TextAlignmentRole && column == Seq)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Seq:
        return tr("#");
    case When:
        return tr("When");
    case Who:
        return tr("Who");
    case Role:
        return tr("Role");
    case Event:
        return tr("Event");
    case Exception:
        return tr("Exception");
    case Outcome:
        return tr("Outcome");
    case Detail:
        return tr("Detail");
    case Snapshot:
        return tr("Snapshot");
    case ScoringVersion:
        return tr("Scoring version");
    case PolicyHash:
        return tr("Policy hash");
    case ColumnCount:
        break;
    }
    return {};
}

// --- filter ---------------------------------------------------------------------

AuditFilterModel::AuditFilterModel(AuditModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setSourceModel(source);
    setSortRole(AuditModel::RawRole);
    sort(AuditModel::Seq, Qt::DescendingOrder);
}

void AuditFilterModel::setCriteria(const AuditCriteria &criteria)
{
    m_criteria = criteria;
    m_criteria.text = criteria.text.trimmed();
    invalidateFilter();
}

bool AuditFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const model::AuditEvent &e = m_source->eventAt(sourceRow);
    const AuditCriteria &c = m_criteria;
    if (!c.event.isEmpty() && e.event != c.event)
        return false;
    if (!c.user.isEmpty() && e.user.compare(c.user, Qt::CaseInsensitive) != 0)
        return false;
    if (c.from.isValid() || c.to.isValid()) {
        const QDate day = QDate::fromString(e.at.left(10), Qt::ISODate);
        if (!day.isValid() || (c.from.isValid() && day < c.from) || (c.to.isValid() && day > c.to))
            return false;
    }
    if (c.text.isEmpty())
        return true;
    for (int column = 0; column < AuditModel::ColumnCount; ++column) {
        if (AuditModel::rawText(e, column).contains(c.text, Qt::CaseInsensitive))
            return true;
    }
    // The labels shown ("Override") are searched too, not only the stored names.
    return m_source->data(m_source->index(sourceRow, AuditModel::Event))
        .toString()
        .contains(c.text, Qt::CaseInsensitive);
}

bool AuditFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(AuditModel::RawRole), b = right.data(AuditModel::RawRole);
    if (left.column() == AuditModel::Seq)
        return a.toLongLong() < b.toLongLong();
    const int order = QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
    if (order != 0)
        return order < 0;
    // Ties keep the trail's order.
    return m_source->eventAt(left.row()).seq < m_source->eventAt(right.row()).seq;
}

QList<QStringList> AuditFilterModel::shownRows() const
{
    QList<QStringList> rows;
    rows.reserve(rowCount());
    for (int r = 0; r < rowCount(); ++r) {
        const model::AuditEvent &e = m_source->eventAt(mapToSource(index(r, 0)).row());
        QStringList row;
        for (int column = 0; column < AuditModel::ColumnCount; ++column)
            row << AuditModel::rawText(e, column);
        rows << row;
    }
    return rows;
}

QStringList AuditFilterModel::header() const
{
    QStringList header;
    for (int column = 0; column < AuditModel::ColumnCount; ++column)
        header << m_source->headerData(column, Qt::Horizontal).toString();
    return header;
}

} // namespace ui
