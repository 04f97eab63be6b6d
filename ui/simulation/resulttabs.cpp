#include "ui/simulation/resulttabs.h"

#include "ui/common/csvtable.h"
#include "ui/simulation/comparisonmodel.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

using Kind = ComparisonModel::Kind;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QList<ComparisonModel::Figure> locationFigures()
{
    return {{ResultTabs::tr("Units in"), Kind::Units}, {ResultTabs::tr("Units out"), Kind::Units},
        {ResultTabs::tr("Transfer cost (in)"), Kind::Money},
        {ResultTabs::tr("Value covered on time"), Kind::Money},
        {ResultTabs::tr("Exposure left"), Kind::Money},
        {ResultTabs::tr("Fill rate, tier 1"), Kind::Share},
        {ResultTabs::tr("Fill rate, all lines"), Kind::Share},
        {ResultTabs::tr("Units ordered"), Kind::Units},
        {ResultTabs::tr("Units on time"), Kind::Units}};
}

QList<ComparisonModel::Figure> itemFigures()
{
    return {{ResultTabs::tr("Units moved"), Kind::Units},
        {ResultTabs::tr("Transfer cost"), Kind::Money},
        {ResultTabs::tr("Value covered on time"), Kind::Money},
        {ResultTabs::tr("Exposure left"), Kind::Money},
        {ResultTabs::tr("Fill rate, tier 1"), Kind::Share},
        {ResultTabs::tr("Fill rate, all lines"), Kind::Share},
        {ResultTabs::tr("Plan cost"), Kind::Money}};
}

QList<ComparisonModel::Figure> laneFigures()
{
    return {{ResultTabs::tr("Units"), Kind::Units}, {ResultTabs::tr("Peak per day"), Kind::Units},
        {ResultTabs::tr("Peak utilisation"), Kind::Share},
        {ResultTabs::tr("Days full"), Kind::Units}};
}

/// A tier-1 fill rate where there are no tier-1 lines reads "—", not 100%.
double share(double onTime, double ordered)
{
    return ordered > 0 ? onTime / ordered : kNaN;
}

ComparisonModel::Result locations(const QString &name, const model::ResultBreakdown &b)
{
    ComparisonModel::Result r {name, {}, {}};
    for (const model::LocationFigures &l : b.locations) {
        r.keys << l.location;
        r.values.push_back({l.unitsIn, l.unitsOut, l.transferCost, l.valueCovered, l.exposureLeft,
            share(l.tier1OnTimeUnits, l.tier1Units), share(l.onTimeUnits, l.orderUnits),
            l.orderUnits, l.onTimeUnits});
    }
    return r;
}

ComparisonModel::Result items(const QString &name, const model::ResultBreakdown &b)
{
    ComparisonModel::Result r {name, {}, {}};
    for (const model::ItemFigures &i : b.items) {
        r.keys << i.item;
        r.values.push_back({i.unitsMoved, i.transferCost, i.valueCovered, i.exposureLeft,
            share(i.tier1OnTimeUnits, i.tier1Units), share(i.onTimeUnits, i.orderUnits), i.cost});
    }
    return r;
}

ComparisonModel::Result lanes(const QString &name, const model::ResultBreakdown &b)
{
    ComparisonModel::Result r {name, {}, {}};
    // A scenario may open a second lane between the same two places: number them.
    QHash<QString, int> seen;
    for (const model::LaneFigures &l : b.lanes) {
        QString key = l.from + u" → "_s + l.to;
        if (const int n = seen[key]++; n > 0)
            key += u" ("_s + QString::number(n + 1) + u')';
        r.keys << key;
        r.values.push_back({l.units, l.peakPerDay, l.capacityPerDay < 0 ? kNaN : l.peakUtilisation,
            l.capacityPerDay < 0 ? kNaN : double(l.daysFull)});
    }
    return r;
}

} // namespace

ResultTabs::ResultTabs(QWidget *parent)
    : QTabWidget(parent)
{
    setObjectName(u"resultTabs"_s);
    addPane(Locations, tr("By &location"), u"location"_s, false);
    addPane(Items, tr("By &item"), u"item"_s, true);
    addPane(Lanes, tr("La&nes"), u"lane"_s, false);
}

void ResultTabs::addPane(Table table, const QString &title, const QString &name, bool searchable)
{
    Pane &p = m_panes[table];
    auto *page = new QWidget(this);
    p.model = new ComparisonModel(page);
    p.proxy = new QSortFilterProxyModel(page);
    p.proxy->setSourceModel(p.model);
    p.proxy->setSortRole(ComparisonModel::SortRole);
    p.proxy->setFilterKeyColumn(0);
    p.proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    p.view = new QTableView(page);
    p.view->setObjectName(name + u"Table"_s);
    p.view->setModel(p.proxy);
    p.view->setSortingEnabled(true);
    p.view->sortByColumn(0, Qt::AscendingOrder);
    p.view->setSelectionBehavior(QAbstractItemView::SelectRows);
    p.view->verticalHeader()->hide();
    p.view->verticalHeader()->setDefaultSectionSize(22);
    p.view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    p.figure = new QComboBox(page);
    p.figure->setObjectName(name + u"Figure"_s);
    p.count = new QLabel(page);
    p.count->setObjectName(name + u"Count"_s);
    auto *exportButton = new QPushButton(tr("&Export…"), page);
    exportButton->setObjectName(name + u"Export"_s);
    exportButton->setToolTip(tr("Save this table as CSV or XLSX"));
    auto *row = new QHBoxLayout;
    auto *figureLabel = new QLabel(tr("&Figure"), page);
    figureLabel->setBuddy(p.figure);
    row->addWidget(figureLabel);
    row->addWidget(p.figure, 1);
    if (searchable) {
        p.search = new QLineEdit(page);
        p.search->setObjectName(name + u"Search"_s);
        p.search->setPlaceholderText(tr("Search items"));
        p.search->setClearButtonEnabled(true);
        row->addWidget(p.search, 1);
        connect(p.search, &QLineEdit::textChanged, this, [this, table](const QString &text) {
            m_panes[table].proxy->setFilterFixedString(text.trimmed());
            showCount(table);
        });
    }
    row->addWidget(exportButton);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(row);
    layout->addWidget(p.view, 1);
    layout->addWidget(p.count);
    addTab(page, title);
    connect(p.figure, &QComboBox::currentIndexChanged, p.model, &ComparisonModel::setFigure);
    connect(exportButton, &QPushButton::clicked, this, [this, table] { chooseExportFile(table); });
}

void ResultTabs::setRuns(const std::vector<Run> &runs, const QString &currency)
{
    const QList<ComparisonModel::Figure> figures[TableCount]
        = {locationFigures(), itemFigures(), laneFigures()};
    const QString keys[TableCount] = {tr("Location"), tr("Item"), tr("Lane")};
    for (int t = 0; t < TableCount; ++t) {
        std::vector<ComparisonModel::Result> results;
        const auto make = [t](const QString &name, const model::ResultBreakdown &b) {
            return t == Locations ? locations(name, b)
                : t == Items      ? items(name, b)
                                  : lanes(name, b);
        };
        if (!runs.empty()) {
            results.push_back(make(tr("Base"), runs.front().breakdown.base));
            for (const Run &r : runs)
                results.push_back(make(r.name, r.breakdown.withScenario));
        }
        Pane &p = m_panes[t];
        p.model->setResults(keys[t], figures[t], results, currency);
        if (p.figure->count() != figures[t].size()) {
            const QSignalBlocker blocker(p.figure);
            p.figure->clear();
            for (const auto &f : figures[t])
                p.figure->addItem(f.label);
        }
        p.model->setFigure(std::max(0, p.figure->currentIndex()));
        showCount(Table(t));
    }
}

void ResultTabs::showCount(Table table)
{
    const Pane &p = m_panes[table];
    const int shown = p.proxy->rowCount(), all = p.model->rowCount();
    const QLocale locale;
    // An empty table says why instead of showing its headers alone.
    static const char *const why[TableCount]
        = {QT_TR_NOOP("No location has order lines or transfers in these plans."),
            QT_TR_NOOP("No item is short on this snapshot: the plans have no item to move."),
            QT_TR_NOOP("The snapshot has no transfer lanes: nothing can move between locations.")};
    p.view->setVisible(shown > 0);
    if (p.model->resultCount() == 0)
        p.count->setText(tr("Run a scenario to see its figures here."));
    else if (all == 0)
        p.count->setText(tr(why[table]));
    else if (shown == 0)
        p.count->setText(
            tr("No item matches \"%1\".").arg(p.search ? p.search->text() : QString()));
    else
        p.count->setText(shown == all
                ? tr("%1 rows").arg(locale.toString(all))
                : tr("%1 of %2 rows").arg(locale.toString(shown), locale.toString(all)));
}

ComparisonModel *ResultTabs::model(Table table) const
{
    return m_panes[table].model;
}

QSortFilterProxyModel *ResultTabs::proxy(Table table) const
{
    return m_panes[table].proxy;
}

QTableView *ResultTabs::view(Table table) const
{
    return m_panes[table].view;
}

model::Result<void> ResultTabs::exportTable(Table table, const QString &path) const
{
    const Pane &p = m_panes[table];
    QList<int> rows;
    for (int r = 0; r < p.proxy->rowCount(); ++r)
        rows << p.proxy->mapToSource(p.proxy->index(r, 0)).row();
    return writeTableFile(path, tabText(int(table) + (count() - TableCount)).remove(u'&'),
        p.model->header(), p.model->rawRows(rows));
}

void ResultTabs::chooseExportFile(Table table)
{
    static const char *const names[TableCount]
        = {"simulation-by-location", "simulation-by-item", "simulation-lanes"};
    askTableExport(
        this, tr("Export the simulation results"), QString::fromLatin1(names[table]),
        [this, table](const QString &path) { return exportTable(table, path); },
        [this, table](const QString &path) {
            Q_EMIT message(tr("Wrote %1 rows to %2")
                               .arg(QLocale().toString(m_panes[table].proxy->rowCount()),
                                   QDir::toNativeSeparators(path)));
        });
}

} // namespace ui
