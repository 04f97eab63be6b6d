#pragma once
// The work queues down the left edge: All, then one per exception type, each with
// its count and total exposure for the current filter.

#include "ui/queues/queuefilter.h"

#include <QAbstractListModel>
#include <QListView>

namespace ui {

/// Seven rows: "All exceptions" (type -1), then the six exception types in queue order.
class QueueListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role : int {
        TypeRole = Qt::UserRole + 1, ///< engine::ExceptionType, -1 for All
        CountRole, ///< qint64
        ExposureRole, ///< double, in the snapshot currency
        ExposureTextRole, ///< the exposure formatted as money
    };
    static constexpr int kRowCount = 1 + engine::kExceptionTypeCount;

    explicit QueueListModel(QObject *parent = nullptr);

    void setTally(const QueueTally &tally, const QString &currency);
    static int typeOfRow(int row) { return row - 1; }
    static int rowOfType(int type) { return type + 1; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QueueTally m_tally;
    QString m_currency;
};

class QueueList : public QListView
{
    Q_OBJECT
public:
    explicit QueueList(QWidget *parent = nullptr);

    void setTally(const QueueTally &tally, const QString &currency);
    /// engine::ExceptionType of the selected queue, -1 for All.
    int currentType() const;
    void setCurrentType(int type);
    QueueListModel *listModel() const { return m_model; }

    QSize sizeHint() const override;

Q_SIGNALS:
    void currentTypeChanged(int type);

private:
    QueueListModel *m_model;
};

} // namespace ui
