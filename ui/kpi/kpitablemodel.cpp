#include "ui/kpi/kpitablemodel.h"

#include "ui/common/format.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

QVariant optional(std::optional<double> value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace

KpiTableModel::KpiTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void KpiTableModel::setReport(const model::KpiReport &report)
{
    beginResetModel();
    m_rows.clear();
    for (const model::SnapshotKpis &s : report.snapshots) {
        m_rows.push_back({s.snapshot, {}, s.overall, s.runId > 0});
        for (const auto &[key, figures] : s.groups)
            m_rows.push_back({s.snapshot, key, figures,
                s.runId > 0 && report.by != model::KpiDimension::Planner});
    }
    endResetModel();
}

int KpiTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int KpiTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KpiTableModel::raw(const Row &row, int column) const
{
    const model::KpiFigures &f = row.figures;
    // Run and order figures mean nothing for a planner's row or an unscored snapshot.
    if (!row.scored && column >= Exposure && column <= InventoryTurns)
        return {};
    switch (Column(column)) {
    case AsOf:
        return toQDate(row.snapshot.asOf);
    case Snapshot:
        return row.snapshot.snapshotId;
    case Group:
        return row.group;
    case Exposure:
        return f.exposure;
    case CanSave:
        return f.canSave;
    case CanSaveTaken:
        return f.canSaveTaken;
    case CanSaveLeft:
        return f.canSaveLeft();
    case Exceptions:
        return f.exceptionCount();
    case FillRate:
        return optional(f.fillRate());
    case Tier1FillRate:
        return optional(f.tier1FillRate());
    case Backorders:
        return f.backorderLines;
    case BackorderValue:
        return f.backorderValue;
    case ExcessStock:
        return f.excessValue;
    case Decisions:
        return f.decisions;
    case AsProposed:
        return f.approved;
    case Overridden:
        return f.overridden;
    case Rejected:
        return f.rejected;
    case PerPlannerDay:
        return optional(f.decisionsPerPlannerDay());
    case TouchHours:
        return optional(f.medianTouchHours());
    case Stockouts:
        return f.stockouts;
    case InventoryTurns:
        return optional(f.inventoryTurns());
    case TransferExportHours:
        return optional(f.medianExportHours());
    case TransferAckHours:
        return optional(f.medianAckHours());
    case TransferReceivedHours:
        return optional(f.medianReceivedHours());
    case ColumnCount:
        break;
    }
    return {};
}

QVariant KpiTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    QVariant value = raw(row, index.column());
    if (role == Qt::UserRole)
        return value;
    if (role == Qt::TextAlignmentRole)
        return index.column() >= Exposure ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                          : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    if (index.column() == Group)
        return row.group.isEmpty() ? tr("All") : row.group;
    if (!value.isValid())
        return u"—"_s;
    const QLocale locale;
    const auto share = [&](int count) {
        const auto s = row.figures.share(count);
        return s ? tr("%1 (%2)").arg(locale.toString(count), formatPercent(*s))
                 : locale.toString(count);
    };
    switch (Column(index.column())) {
    case AsOf:
        return formatDate(row.snapshot.asOf);
    case Exposure:
    case CanSave:
    case CanSaveTaken:
    case CanSaveLeft:
    case BackorderValue:
    case ExcessStock:
        return formatMoney(value.toDouble(), row.snapshot.currency);
    case FillRate:
    case Tier1FillRate:
        return formatPercent(value.toDouble());
    case AsProposed:
        return share(row.figures.approved);
    case Overridden:
        return share(row.figures.overridden);
    case Rejected:
        return share(row.figures.rejected);
    case PerPlannerDay:
    case InventoryTurns:
        return locale.toString(value.toDouble(), 'f', 1);
    case TouchHours:
        return tr("%1 h").arg(locale.toString(value.toDouble(), 'f', 1));
    case TransferExportHours:
    case TransferAckHours:
    case TransferReceivedHours: {
        const model::KpiFigures &f = row.figures;
        const int open = f.openLeg(index.column() == TransferExportHours ? f.exportHours
                : index.column() == TransferAckHours                     ? f.ackHours
                                                                         : f.receivedHours);
        const QString hours = tr("%1 h").arg(locale.toString(value.toDouble(), 'f', 1));
        return open > 0 ? tr("%1 (%2 open)").arg(hours, locale.toString(open)) : hours;
    }
    default:
        return value.typeId() == QMetaType::Int ? locale.toString(value.toInt()) : value.toString();
    }
}

QVariant KpiTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= ColumnCount)
        return {};
    static const std::array<const char *, ColumnCount> titles {QT_TR_NOOP("As of"),
        QT_TR_NOOP("Snapshot"), QT_TR_NOOP("Group"), QT_TR_NOOP("Exposure"), QT_TR_NOOP("Can save"),
        QT_TR_NOOP("Can save taken"), QT_TR_NOOP("Can save left"), QT_TR_NOOP("Exceptions"),
        QT_TR_NOOP("Fill rate"), QT_TR_NOOP("Tier-1 fill rate"), QT_TR_NOOP("Backorders"),
        QT_TR_NOOP("Backorder value"), QT_TR_NOOP("Excess stock"), QT_TR_NOOP("Out of stock"),
        QT_TR_NOOP("Inventory turns"), QT_TR_NOOP("Decisions"), QT_TR_NOOP("As proposed"),
        QT_TR_NOOP("Overridden"), QT_TR_NOOP("Rejected"), QT_TR_NOOP("Per planner-day"),
        QT_TR_NOOP("Touch time (median)"), QT_TR_NOOP("Transfer approval→export (median)"),
        QT_TR_NOOP("Transfer export→ERP accepted (median)"),
        QT_TR_NOOP("Transfer approval→received (median)")};
    return tr(titles[std::size_t(section)]);
}

QStringList KpiTableModel::header() const
{
    QStringList titles;
    for (int c = 0; c < ColumnCount; ++c)
        titles << headerData(c, Qt::Horizontal).toString();
    titles << tr("Currency");
    return titles;
}

QList<QStringList> KpiTableModel::rawRows() const
{
    QList<QStringList> rows;
    for (const Row &row : m_rows) {
        QStringList cells;
        for (int c = 0; c < ColumnCount; ++c) {
            const QVariant value = raw(row, c);
            if (!value.isValid())
                cells << QString();
            else if (c == AsOf)
                cells << value.toDate().toString(Qt::ISODate);
            else if (c == Group)
                cells << (row.group.isEmpty() ? u"all"_s : row.group);
            else if (value.typeId() == QMetaType::Double)
                cells << QString::number(value.toDouble(), 'g', 15);
            else
                cells << value.toString();
        }
        cells << row.snapshot.currency;
        rows << cells;
    }
    return rows;
}

} // namespace ui
