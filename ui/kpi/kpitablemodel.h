#pragma once
// The KPI window's table: a row per snapshot (and per group within it when the report
// is cut by location, ABC class, tier or planner), a column per figure. Sorting uses
// the raw values (Qt::UserRole), never the text.

#include "model/kpi/kpifigures.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace ui {

class KpiTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        AsOf,
        Snapshot,
        Group,
        Exposure,
        CanSave,
        CanSaveTaken,
        CanSaveLeft,
        Exceptions,
        FillRate,
        Tier1FillRate,
        Backorders,
        BackorderValue,
        ExcessStock,
        Stockouts, ///< SKU-locations out of stock with demand
        InventoryTurns, ///< a year of forward demand at cost / stock at cost
        Decisions,
        AsProposed,
        Overridden,
        Rejected,
        PerPlannerDay,
        TouchHours,
        TransferExportHours, ///< the medians of the approved transfers' legs
        TransferAckHours,
        TransferReceivedHours,
        ColumnCount
    };

    /// One row: a snapshot's figures, overall or of one group.
    struct Row {
        model::SnapshotInfo snapshot;
        QString group; ///< empty for the snapshot as a whole
        model::KpiFigures figures;
        /// The run and order figures apply (a scored snapshot, not a planner's row).
        bool scored = false;
    };

    explicit KpiTableModel(QObject *parent = nullptr);

    void setReport(const model::KpiReport &report);
    const Row &rowAt(int row) const { return m_rows[std::size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Column titles and every row as raw values (plain numbers, ISO dates), for CSV.
    QStringList header() const;
    QList<QStringList> rawRows() const;

private:
    /// The raw value of a cell: a number, a date text, or an invalid QVariant for "none".
    QVariant raw(const Row &row, int column) const;

    std::vector<Row> m_rows;
};

} // namespace ui
