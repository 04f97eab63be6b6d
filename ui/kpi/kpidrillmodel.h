#pragma once
// The rows behind a KPI figure as a table: exceptions, open order lines or decisions,
// each with its own columns (model::KpiDrillDown). The column the figure sums is in
// bold. Sorting uses the raw values (Qt::UserRole), never the text.

#include "model/kpi/kpidrilldown.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace ui {

class KpiDrillModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit KpiDrillModel(QObject *parent = nullptr);

    void setDrillDown(const model::KpiDrillDown &drill);
    const model::KpiDrillDown &drillDown() const { return m_drill; }
    /// The column whose values add up to the figure (or count it), -1 when none.
    int figureColumn() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Column titles and every row as raw values (plain numbers, ISO dates), for export.
    QStringList header() const;
    QList<QStringList> rawRows() const;

private:
    /// The raw value of a cell: a number, a text, or an invalid QVariant for "none".
    QVariant raw(int row, int column) const;
    QString display(int row, int column, const QVariant &raw) const;

    model::KpiDrillDown m_drill;
};

} // namespace ui
