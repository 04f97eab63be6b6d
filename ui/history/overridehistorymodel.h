#pragma once
// The override history as a table: one row per override or rejection, with what became
// of the exception afterwards, and the filter in front of it (planner, exception type,
// reason, date range), sorting and filtering on raw values.

#include "model/history/overridehistory.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QSortFilterProxyModel>
#include <QStringList>

#include <vector>

namespace ui {

/// What the override history narrows to; empty fields, -1 and null dates match all.
struct HistoryCriteria {
    QString planner; ///< exact name (case-insensitive)
    int type = -1; ///< an engine::ExceptionType, -1 for every type
    QString reasonCode; ///< a code of model::reasonCodes()
    QDate from, to; ///< UTC days, both included

    /// Whether a decision counts for the rates shown: the reason is left out, since an
    /// approval has none.
    bool counts(const model::DecisionTally &decision) const;
    bool matches(const model::OverrideRecord &record) const;
};

/// "Still open on SYNTH-…: exposure USD 1,200 → USD 1,450", "Gone by SYNTH-… (29 Nov 2026)",
/// "No later snapshot yet".
QString aftermathText(const model::OverrideRecord &record);
/// The reason code's label ("Stock was found (count, returns, another bin)").
QString reasonLabel(const QString &code);

class OverrideHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        When,
        Planner,
        Decision,
        Type,
        Item,
        Location,
        Reason,
        ExposureThen,
        Afterwards,
        ExposureNow,
        Recommended,
        Approved,
        TopFactors,
        Comment,
        Snapshot,
        ExceptionId,
        ColumnCount
    };
    /// The unformatted value (numbers as numbers, the time as ISO 8601 UTC): what
    /// sorting and CSV use.
    static constexpr int RawRole = Qt::UserRole;

    explicit OverrideHistoryModel(QObject *parent = nullptr);

    void setRecords(std::vector<model::OverrideRecord> records);
    const model::OverrideRecord &recordAt(int row) const { return m_records[std::size_t(row)]; }
    /// The planners who decided anything, sorted.
    QStringList planners() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The value as CSV writes it: numbers plain, codes as stored.
    static QString csvText(const model::OverrideRecord &record, int column);

private:
    std::vector<model::OverrideRecord> m_records;
};

class OverrideHistoryFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit OverrideHistoryFilter(OverrideHistoryModel *source, QObject *parent = nullptr);

    void setCriteria(const HistoryCriteria &criteria);
    const HistoryCriteria &criteria() const { return m_criteria; }
    QStringList header() const;
    QList<QStringList> shownRows() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    OverrideHistoryModel *m_source;
    HistoryCriteria m_criteria;
};

} // namespace ui
