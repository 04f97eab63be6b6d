#pragma once
// The results of several scenarios side by side, per location, item or lane: one row
// per key (a location id, ...), one column for the base plan, then for each scenario
// its figure and its change from the base. One figure at a time (units in, exposure
// left, ...); the raw value sorts (ComparisonModel::SortRole), the display text is as
// the rest of the Simulation window formats it (ui/common/format).

#include <QAbstractTableModel>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace ui {

class ComparisonModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int SortRole = Qt::UserRole;
    enum class Kind { Units, Money, Share };
    struct Figure {
        QString label;
        Kind kind = Kind::Units;
    };
    /// One result (the base, or a scenario's): for each row key, a value per figure.
    /// A key the result does not have counts as 0 in a difference (a new lane, an item
    /// planned in only one result); a NaN value shows as "—" and has no difference.
    struct Result {
        QString name;
        QStringList keys;
        std::vector<std::vector<double>> values; ///< [key][figure]
    };

    explicit ComparisonModel(QObject *parent = nullptr);

    /// Replaces everything: `keyHeader` titles the first column; results.front() is the
    /// base the others are compared with.
    void setResults(const QString &keyHeader, const QList<Figure> &figures,
        const std::vector<Result> &results, const QString &currency);
    void setFigure(int figure);
    int figure() const { return m_figure; }
    const QList<Figure> &figures() const { return m_figures; }
    int resultCount() const { return int(m_names.size()); }

    QString key(int row) const { return m_keys.value(row); }
    /// The figure of result `result` (0: base) on `row`; NaN when it has none.
    double value(int row, int result) const;
    /// value(row, result) - value(row, 0), missing values counting 0.
    double difference(int row, int result) const;
    /// The column of result `result`'s value (0: base at 1) and of its difference (+1).
    static int valueColumn(int result) { return result == 0 ? 1 : 2 * result; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /// The header and the rows `rows` (model rows, in that order) as raw values, for
    /// a CSV or XLSX file.
    QStringList header() const;
    QList<QStringList> rawRows(const QList<int> &rows) const;

private:
    QString text(double v, bool change) const;

    QString m_keyHeader, m_currency;
    QList<Figure> m_figures;
    QStringList m_names, m_keys;
    /// [result][row * figures + figure]; NaN where the result lacks the key.
    std::vector<std::vector<double>> m_values;
    int m_figure = 0;
};

} // namespace ui
