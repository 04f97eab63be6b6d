#include "ui/simulation/comparisonmodel.h"

#include "ui/common/format.h"

#include <QHash>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

ComparisonModel::ComparisonModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ComparisonModel::setResults(const QString &keyHeader, const QList<Figure> &figures,
    const std::vector<Result> &results, const QString &currency)
{
    beginResetModel();
    m_keyHeader = keyHeader;
    m_currency = currency;
    m_figures = figures;
    m_names.clear();
    m_keys.clear();
    m_values.clear();
    // Rows in the base's order, then keys only a scenario has, in its order.
    QHash<QString, int> rowOf;
    for (const Result &r : results) {
        for (const QString &k : r.keys) {
            if (!rowOf.contains(k)) {
                rowOf.insert(k, int(m_keys.size()));
                m_keys << k;
            }
        }
    }
    const std::size_t nf = std::size_t(figures.size());
    for (const Result &r : results) {
        m_names << r.name;
        std::vector<double> values(std::size_t(m_keys.size()) * nf, kNaN);
        for (qsizetype k = 0; k < r.keys.size() && std::size_t(k) < r.values.size(); ++k) {
            const std::size_t row = std::size_t(rowOf.value(r.keys.at(k)));
            const std::vector<double> &v = r.values[std::size_t(k)];
            for (std::size_t f = 0; f < nf && f < v.size(); ++f)
                values[row * nf + f] = v[f];
        }
        m_values.push_back(std::move(values));
    }
    if (m_figure >= int(figures.size()))
        m_figure = 0;
    endResetModel();
}

void ComparisonModel::setFigure(int figure)
{
    if (figure < 0 || figure >= int(m_figures.size()) || figure == m_figure)
        return;
    m_figure = figure;
    if (rowCount() > 0 && columnCount() > 1)
        Q_EMIT dataChanged(index(0, 1), index(rowCount() - 1, columnCount() - 1));
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

double ComparisonModel::value(int row, int result) const
{
    if (row < 0 || row >= m_keys.size() || result < 0 || result >= int(m_values.size())
        || m_figures.isEmpty())
        return kNaN;
    return m_values[std::size_t(result)]
                   [std::size_t(row) * std::size_t(m_figures.size()) + std::size_t(m_figure)];
}

double ComparisonModel::difference(int row, int result) const
{
    const double a = value(row, 0), b = value(row, result);
    if (m_figures.value(m_figure).kind == Kind::Share && (std::isnan(a) || std::isnan(b)))
        return kNaN; // a share of nothing is not 0%
    return (std::isnan(b) ? 0.0 : b) - (std::isnan(a) ? 0.0 : a);
}

int ComparisonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int ComparisonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_names.isEmpty() ? 0 : int(2 * m_names.size());
}

QString ComparisonModel::text(double v, bool change) const
{
    if (std::isnan(v))
        return u"—"_s;
    const Kind kind = m_figures.value(m_figure).kind;
    if (kind == Kind::Share) {
        if (!change)
            return formatPercent(v);
        // Rounded first, so that a tiny loss does not read "-0.0".
        const double points = std::round(1000 * v) / 10;
        return (points > 0 ? u"+"_s : QString())
            + QString::number(points == 0 ? 0.0 : points, 'f', 1) + tr(" pts");
    }
    const QString sign = change && v > 0 ? u"+"_s : QString();
    return sign + (kind == Kind::Money ? formatMoney(v, m_currency) : formatQty(v));
}

QVariant ComparisonModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const int row = index.row(), column = index.column();
    if (column == 0) {
        if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole)
            return m_keys.at(row);
        return {};
    }
    const int result = column == 1 ? 0 : column / 2;
    const bool change = column > 1 && column % 2 == 1;
    const double v = change ? difference(row, result) : value(row, result);
    switch (role) {
    case Qt::DisplayRole:
        return text(v, change);
    case SortRole:
        // A missing value sorts below every number.
        return std::isnan(v) ? -std::numeric_limits<double>::infinity() : v;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == 0)
        return m_keyHeader;
    if (section == 1)
        return m_names.value(0);
    return section % 2 == 0 ? m_names.value(section / 2) : tr("vs base");
}

QStringList ComparisonModel::header() const
{
    QStringList out;
    const QString figure = m_figures.value(m_figure).label;
    for (int c = 0; c < columnCount(); ++c) {
        const QString h = headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        out << (c == 0 ? h
                       : figure + u", "_s
                    + (c % 2 == 1 && c > 1 ? m_names.value(c / 2) + u", "_s + h : h));
    }
    return out;
}

QList<QStringList> ComparisonModel::rawRows(const QList<int> &rows) const
{
    QList<QStringList> out;
    out.reserve(rows.size());
    for (int row : rows) {
        QStringList line {m_keys.value(row)};
        for (int c = 1; c < columnCount(); ++c) {
            const int result = c == 1 ? 0 : c / 2;
            const double v = c > 1 && c % 2 == 1 ? difference(row, result) : value(row, result);
            line << (std::isnan(v) ? QString() : QString::number(v, 'g', 12));
        }
        out << line;
    }
    return out;
}

} // namespace ui
