#pragma once
// The audit trail as a table: one row per event, and the filter in front of it (a
// text search over every column, event type, user, date range), sorting and
// filtering on the raw values, never on the display text.

#include "model/audit/auditevent.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QSortFilterProxyModel>
#include <QStringList>

#include <vector>

namespace ui {

/// Every event of the audit trail, as read.
class AuditModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Seq,
        When,
        Who,
        Role,
        Event,
        Exception,
        Outcome,
        Detail,
        Snapshot,
        ScoringVersion,
        PolicyHash,
        ColumnCount
    };
    /// The unformatted value: seq as a number, the rest as stored (the time as ISO
    /// 8601 UTC, which sorts as text). What sorting, filtering and CSV use.
    static constexpr int RawRole = Qt::UserRole;

    explicit AuditModel(QObject *parent = nullptr);

    void setEvents(std::vector<model::AuditEvent> events);
    const model::AuditEvent &eventAt(int row) const { return m_events[std::size_t(row)]; }
    /// The value of `column` as stored, as RawRole gives it and CSV writes it.
    static QString rawText(const model::AuditEvent &event, int column);
    /// The event types and users of the trail, sorted, for the filter pickers.
    QStringList eventTypes() const;
    QStringList users() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<model::AuditEvent> m_events;
};

/// What the audit page narrows the trail to; empty fields and null dates match all.
struct AuditCriteria {
    QString text; ///< case-insensitive, in any column
    QString event; ///< exact event type, e.g. "decision.override"
    QString user; ///< exact user name (case-insensitive)
    QDate from, to; ///< UTC days, both included
};

/// The audit model narrowed by AuditCriteria, sorted on raw values (newest first).
class AuditFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AuditFilterModel(AuditModel *source, QObject *parent = nullptr);

    void setCriteria(const AuditCriteria &criteria);
    const AuditCriteria &criteria() const { return m_criteria; }
    /// The rows shown, in view order, every column as stored: what Export table… writes.
    QList<QStringList> shownRows() const;
    /// The column titles, as the CSV header names them.
    QStringList header() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    AuditModel *m_source;
    AuditCriteria m_criteria;
};

} // namespace ui
