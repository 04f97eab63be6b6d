#include "ui/kpi/kpidrillmodel.h"

#include "engine/scoring/approval.h"
#include "ui/common/format.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>

#include <array>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

enum ExceptionColumn {
    ExException,
    ExType,
    ExItem,
    ExLocation,
    ExAbc,
    ExTier,
    ExRank,
    ExExposure,
    ExCanSave,
    ExExcess,
    ExTaken,
    ExColumnCount
};

enum OrderLineColumn {
    OlOrder,
    OlLine,
    OlCustomer,
    OlTier,
    OlItem,
    OlLocation,
    OlDue,
    OlDaysLate,
    OlQty,
    OlPrice,
    OlValue,
    OlShort,
    OlColumnCount
};

enum DecisionColumn {
    DePlanner,
    DeDecidedAt,
    DeException,
    DeAction,
    DeDecision,
    DeReason,
    DeState,
    DeTouch,
    DeRun,
    DeToExport, ///< the transfer cycle's legs, in hours: approval -> first export
    DeToAccepted, ///< first export -> accepted by the ERP
    DeToReceived, ///< approval -> seen received
    DeColumnCount
};

enum StockoutColumn {
    SoItem,
    SoLocation,
    SoAbc,
    SoOnHand,
    SoAllocated,
    SoOpenLines,
    SoOpenQty,
    SoForecast,
    SoColumnCount
};

enum StockColumn {
    StItem,
    StLocation,
    StAbc,
    StOnHand,
    StDailyDemand,
    StUnitCost,
    StStockAtCost,
    StAnnualCogs,
    StTurns,
    StColumnCount
};

const std::array<const char *, ExColumnCount> kExceptionTitles {
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Exception"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Type"), QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Item"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Location"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "ABC"), QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Tier"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Rank"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Exposure"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Can save"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Excess at cost"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Taken")};

const std::array<const char *, OlColumnCount> kOrderLineTitles {
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Order"), QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Line"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Customer"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Tier"), QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Item"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Location"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Due"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Days late"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Open qty"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Unit price"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Open value"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Short")};

const std::array<const char *, DeColumnCount> kDecisionTitles {
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Planner"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Decided (UTC)"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Exception"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Action"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Decision"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Reason"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "State"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Touch time (h)"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Run"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "To export (h)"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "To ERP accepted (h)"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "To received (h)")};

const std::array<const char *, SoColumnCount> kStockoutTitles {
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Item"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Location"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "ABC"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "On hand"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Allocated"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Open lines"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Open qty"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Forecast qty")};

const std::array<const char *, StColumnCount> kStockTitles {
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Item"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Location"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "ABC"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "On hand"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Daily demand"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Unit cost"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Stock at cost"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Annual cost of goods"),
    QT_TRANSLATE_NOOP("ui::KpiDrillModel", "Turns")};

bool isMoneyColumn(model::KpiBasis basis, int column)
{
    if (basis == model::KpiBasis::Exceptions)
        return column == ExExposure || column == ExCanSave || column == ExExcess;
    if (basis == model::KpiBasis::OrderLines)
        return column == OlPrice || column == OlValue;
    if (basis == model::KpiBasis::Stock)
        return column == StUnitCost || column == StStockAtCost || column == StAnnualCogs;
    return false;
}

QString actionText(const QString &name)
{
    engine::Action action {};
    return engine::parseAction(name.toStdString(), action) ? actionLabel(action) : name;
}

} // namespace

KpiDrillModel::KpiDrillModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void KpiDrillModel::setDrillDown(const model::KpiDrillDown &drill)
{
    beginResetModel();
    m_drill = drill;
    endResetModel();
}

int KpiDrillModel::figureColumn() const
{
    switch (m_drill.query.measure) {
    case model::KpiMeasure::Exposure:
    case model::KpiMeasure::Exceptions:
        return ExExposure;
    case model::KpiMeasure::CanSave:
    case model::KpiMeasure::CanSaveTaken:
    case model::KpiMeasure::CanSaveLeft:
        return ExCanSave;
    case model::KpiMeasure::ExcessStock:
        return ExExcess;
    case model::KpiMeasure::BackorderLines:
    case model::KpiMeasure::BackorderValue:
        return OlValue;
    case model::KpiMeasure::FillRate:
    case model::KpiMeasure::Tier1FillRate:
        return OlShort; // every row is short: the rate counts them
    case model::KpiMeasure::Approved:
    case model::KpiMeasure::Overridden:
    case model::KpiMeasure::Rejected:
        return DeDecision;
    case model::KpiMeasure::TouchHours:
        return DeTouch;
    case model::KpiMeasure::TransferExportHours:
        return DeToExport;
    case model::KpiMeasure::TransferAckHours:
        return DeToAccepted;
    case model::KpiMeasure::TransferReceivedHours:
        return DeToReceived;
    case model::KpiMeasure::Stockouts:
        return SoItem; // every row is one: the figure counts them
    case model::KpiMeasure::InventoryTurns:
        return StStockAtCost; // the rows' order; the dialog gives both sums
    case model::KpiMeasure::Decisions:
    case model::KpiMeasure::PerPlannerDay:
        break;
    }
    return -1;
}

int KpiDrillModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_drill.rowCount());
}

int KpiDrillModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    switch (m_drill.basis) {
    case model::KpiBasis::Exceptions:
        return ExColumnCount;
    case model::KpiBasis::OrderLines:
        return OlColumnCount;
    case model::KpiBasis::SkuLocations:
        return SoColumnCount;
    case model::KpiBasis::Stock:
        return StColumnCount;
    case model::KpiBasis::Decisions:
        break;
    }
    return DeColumnCount;
}

QVariant KpiDrillModel::raw(int row, int column) const
{
    const auto r = std::size_t(row);
    if (m_drill.basis == model::KpiBasis::Exceptions) {
        const model::KpiExceptionRow &e = m_drill.exceptions[r];
        switch (ExceptionColumn(column)) {
        case ExException:
            return e.exceptionId;
        case ExType:
            return exceptionTypeLabel(e.type);
        case ExItem:
            return e.item;
        case ExLocation:
            return e.location;
        case ExAbc:
            return e.abc;
        case ExTier:
            return e.tier;
        case ExRank:
            return e.rank;
        case ExExposure:
            return e.score;
        case ExCanSave:
            return e.canSave;
        case ExExcess:
            return e.type == engine::ExceptionType::Excess ? QVariant(e.excessValue) : QVariant();
        case ExTaken:
            return e.taken;
        case ExColumnCount:
            break;
        }
        return {};
    }
    if (m_drill.basis == model::KpiBasis::OrderLines) {
        const model::KpiOrderLineRow &l = m_drill.orderLines[r];
        switch (OrderLineColumn(column)) {
        case OlOrder:
            return l.orderId;
        case OlLine:
            return l.line;
        case OlCustomer:
            return l.customer.isEmpty() ? QVariant() : QVariant(l.customer);
        case OlTier:
            return l.tier > 0 ? QVariant(l.tier) : QVariant();
        case OlItem:
            return l.item;
        case OlLocation:
            return l.location;
        case OlDue:
            return toQDate(l.dueDate);
        case OlDaysLate:
            return l.daysLate;
        case OlQty:
            return l.qtyOpen;
        case OlPrice:
            return l.unitPrice;
        case OlValue:
            return l.value;
        case OlShort:
            return l.isShort;
        case OlColumnCount:
            break;
        }
        return {};
    }
    if (m_drill.basis == model::KpiBasis::SkuLocations) {
        const model::KpiStockoutRow &s = m_drill.stockouts[r];
        switch (StockoutColumn(column)) {
        case SoItem:
            return s.item;
        case SoLocation:
            return s.location;
        case SoAbc:
            return s.abc;
        case SoOnHand:
            return s.onHand;
        case SoAllocated:
            return s.allocated;
        case SoOpenLines:
            return s.openLines;
        case SoOpenQty:
            return s.openQty;
        case SoForecast:
            return s.forecastQty;
        case SoColumnCount:
            break;
        }
        return {};
    }
    if (m_drill.basis == model::KpiBasis::Stock) {
        const model::KpiStockRow &s = m_drill.stock[r];
        switch (StockColumn(column)) {
        case StItem:
            return s.item;
        case StLocation:
            return s.location;
        case StAbc:
            return s.abc;
        case StOnHand:
            return s.onHand;
        case StDailyDemand:
            return s.dailyDemand;
        case StUnitCost:
            return s.unitCost;
        case StStockAtCost:
            return s.stockAtCost;
        case StAnnualCogs:
            return s.annualCogs;
        case StTurns:
            return s.turns() ? QVariant(*s.turns()) : QVariant();
        case StColumnCount:
            break;
        }
        return {};
    }
    const model::KpiDecisionRow &d = m_drill.decisions[r];
    switch (DecisionColumn(column)) {
    case DePlanner:
        return d.planner;
    case DeDecidedAt: {
        const QDateTime at = QDateTime::fromString(d.decidedAt, Qt::ISODate);
        return at.isValid() ? QVariant(at.toUTC()) : QVariant(d.decidedAt);
    }
    case DeException:
        return d.exceptionId;
    case DeAction:
        return d.action;
    case DeDecision:
        // Sorted by kind: approved, rejected, overridden (Decision::Kind's order).
        return int(d.kind);
    case DeReason:
        return d.reasonCode.isEmpty() ? QVariant() : QVariant(d.reasonCode);
    case DeState:
        return d.state;
    case DeTouch:
        return d.touchHours ? QVariant(*d.touchHours) : QVariant();
    case DeRun:
        return d.runId;
    case DeToExport:
        return d.exportHours ? QVariant(*d.exportHours) : QVariant();
    case DeToAccepted:
        return d.ackHours ? QVariant(*d.ackHours) : QVariant();
    case DeToReceived:
        return d.receivedHours ? QVariant(*d.receivedHours) : QVariant();
    case DeColumnCount:
        break;
    }
    return {};
}

QString KpiDrillModel::display(int row, int column, const QVariant &value) const
{
    if (!value.isValid())
        return u"—"_s;
    const QLocale locale;
    if (isMoneyColumn(m_drill.basis, column))
        return locale.toString(value.toDouble(), 'f', 2);
    if (m_drill.basis == model::KpiBasis::Exceptions && column == ExTaken)
        return value.toBool() ? tr("approved") : QString();
    if (m_drill.basis == model::KpiBasis::OrderLines) {
        if (column == OlDue)
            return formatDate(m_drill.orderLines[std::size_t(row)].dueDate);
        if (column == OlQty)
            return formatQty(value.toDouble());
        if (column == OlShort)
            return value.toBool() ? tr("short") : QString();
    }
    if (m_drill.basis == model::KpiBasis::SkuLocations && column != SoOpenLines
        && value.typeId() == QMetaType::Double)
        return formatQty(value.toDouble());
    if (m_drill.basis == model::KpiBasis::Stock) {
        if (column == StOnHand)
            return formatQty(value.toDouble());
        if (column == StDailyDemand || column == StTurns)
            return locale.toString(value.toDouble(), 'f', 2);
    }
    if (m_drill.basis == model::KpiBasis::Decisions) {
        const model::KpiDecisionRow &d = m_drill.decisions[std::size_t(row)];
        switch (DecisionColumn(column)) {
        case DeDecidedAt:
            return value.typeId() == QMetaType::QDateTime
                ? value.toDateTime().toString(u"yyyy-MM-dd HH:mm"_s)
                : value.toString();
        case DeAction:
            return actionText(d.action);
        case DeDecision:
            switch (d.kind) {
            case model::Decision::Approved:
                return tr("Approved as proposed");
            case model::Decision::Overridden:
                return tr("Overridden to %1").arg(formatQty(d.overrideQty));
            case model::Decision::Rejected:
                return tr("Rejected");
            case model::Decision::None:
                break;
            }
            return {};
        case DeTouch:
        case DeToExport:
        case DeToAccepted:
        case DeToReceived:
            return locale.toString(value.toDouble(), 'f', 1);
        default:
            break;
        }
    }
    if (value.typeId() == QMetaType::Int || value.typeId() == QMetaType::LongLong)
        return locale.toString(value.toLongLong());
    return value.toString();
}

QVariant KpiDrillModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    QVariant value = raw(index.row(), index.column());
    switch (role) {
    case Qt::UserRole:
        return value;
    case Qt::DisplayRole:
        return display(index.row(), index.column(), value);
    case Qt::TextAlignmentRole:
        return value.typeId() == QMetaType::Double || value.typeId() == QMetaType::Int
                || value.typeId() == QMetaType::LongLong
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::FontRole:
        if (index.column() == figureColumn()) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant KpiDrillModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (role == Qt::FontRole && section == figureColumn()) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role != Qt::DisplayRole)
        return {};
    const char *title = m_drill.basis == model::KpiBasis::Exceptions
        ? kExceptionTitles[std::size_t(section)]
        : m_drill.basis == model::KpiBasis::OrderLines   ? kOrderLineTitles[std::size_t(section)]
        : m_drill.basis == model::KpiBasis::SkuLocations ? kStockoutTitles[std::size_t(section)]
        : m_drill.basis == model::KpiBasis::Stock        ? kStockTitles[std::size_t(section)]
                                                         : kDecisionTitles[std::size_t(section)];
    const QString text = tr(title);
    // Amounts in the snapshot's currency, said once in the header.
    if (isMoneyColumn(m_drill.basis, section) && !m_drill.snapshot.currency.isEmpty())
        return tr("%1 (%2)").arg(text, m_drill.snapshot.currency);
    return text;
}

QStringList KpiDrillModel::header() const
{
    QStringList titles;
    for (int c = 0; c < columnCount(); ++c)
        titles << headerData(c, Qt::Horizontal).toString();
    return titles;
}

QList<QStringList> KpiDrillModel::rawRows() const
{
    QList<QStringList> rows;
    for (int r = 0; r < rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < columnCount(); ++c) {
            const QVariant value = raw(r, c);
            if (!value.isValid())
                cells << QString();
            else if (value.typeId() == QMetaType::QDate)
                cells << value.toDate().toString(Qt::ISODate);
            else if (value.typeId() == QMetaType::QDateTime)
                cells << value.toDateTime().toString(Qt::ISODate);
            else if (value.typeId() == QMetaType::Double)
                cells << QString::number(value.toDouble(), 'g', 15);
            else if (value.typeId() == QMetaType::Bool)
                cells << (value.toBool() ? u"yes"_s : u"no"_s);
            else if (m_drill.basis == model::KpiBasis::Decisions && c == DeDecision)
                cells << display(r, c, value);
            else
                cells << value.toString();
        }
        rows << cells;
    }
    return rows;
}

} // namespace ui
