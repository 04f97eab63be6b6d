#include "ui/simulation/simulationpage.h"

#include "model/simulation/scenariojson.h"
#include "model/workbench.h"
#include "ui/charts/scenariochart.h"
#include "ui/common/format.h"
#include "ui/simulation/networkview.h"
#include "ui/simulation/proposallist.h"
#include "ui/simulation/resulttabs.h"
#include "ui/simulation/scenarioeditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <map>

using namespace Qt::StringLiterals;

namespace ui {

namespace sim = engine::simulation;

namespace {

// The figures compared: key in the stored results, label, kind (m money, q units, p share).
struct Figure {
    const char *key;
    const char *label;
    char kind;
};
constexpr Figure kFigures[]
    = {{"units_moved", QT_TRANSLATE_NOOP("ui::SimulationPage", "Units moved"), 'q'},
        {"transfer_cost", QT_TRANSLATE_NOOP("ui::SimulationPage", "Transfer cost"), 'm'},
        {"value_covered", QT_TRANSLATE_NOOP("ui::SimulationPage", "Value covered on time"), 'm'},
        {"exposure_left", QT_TRANSLATE_NOOP("ui::SimulationPage", "Exposure left"), 'm'},
        {"fill_rate_tier1", QT_TRANSLATE_NOOP("ui::SimulationPage", "Fill rate, tier 1"), 'p'},
        {"fill_rate_all", QT_TRANSLATE_NOOP("ui::SimulationPage", "Fill rate, all lines"), 'p'}};

model::Result<model::ScenarioChoices> readChoices(const QString &path)
{
    auto workbench = model::Workbench::openAs(path, model::OpenMode::ReadOnly);
    if (!workbench)
        return std::unexpected(workbench.error());
    return model::currentScenarioChoices(**workbench);
}

model::Result<model::SimulationRun> simulate(const QString &path, const sim::Scenario &scenario,
    const std::shared_ptr<std::atomic<bool>> &cancel)
{
    auto workbench = model::Workbench::openAs(path, model::OpenMode::ReadOnly);
    if (!workbench)
        return std::unexpected(workbench.error());
    auto policy = (*workbench)->policies().effective();
    if (!policy)
        return std::unexpected(policy.error());
    sim::NetworkOptions options;
    options.keepInstance = false;
    options.cancel = cancel.get();
    auto run = model::simulateCurrent(**workbench, *policy, scenario, options);
    if (!run && cancel->load())
        return std::unexpected(model::Error {model::Error::Cancelled, QString(), {}});
    return run;
}

QTableWidgetItem *cell(const QString &text, bool number = false)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

SimulationPage::SimulationPage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"simulationPage"_s);
    setWindowTitle(tr("Simulation — Planner Workbench"));
    createWidgets();
    connect(&m_watcher, &QFutureWatcher<model::Result<model::SimulationRun>>::finished, this,
        &SimulationPage::onRunFinished);
    connect(&m_choicesWatcher, &QFutureWatcher<model::Result<model::ScenarioChoices>>::finished,
        this, [this] {
            if (auto choices = m_choicesWatcher.result())
                m_editor->setChoices(*choices);
            else
                fail(tr("Cannot read the snapshot's locations and lanes"), choices.error());
        });
}

SimulationPage::~SimulationPage()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished();
    m_choicesWatcher.waitForFinished();
}

void SimulationPage::createWidgets()
{
    m_status = new QLabel(this);
    m_status->setObjectName(u"simulationStatus"_s);
    m_status->setWordWrap(true);

    auto *scenarios = new QGroupBox(tr("&Scenarios"), this);
    m_scenarios = new QListWidget(scenarios);
    m_scenarios->setObjectName(u"scenarioList"_s);
    m_name = new QLineEdit(scenarios);
    m_name->setObjectName(u"scenarioName"_s);
    m_name->setPlaceholderText(tr("Name, e.g. West lane closed"));
    m_editor = new ScenarioEditor(scenarios);
    m_save = new QPushButton(tr("Sa&ve"), scenarios);
    m_save->setObjectName(u"saveScenario"_s);
    m_delete = new QPushButton(tr("De&lete"), scenarios);
    m_delete->setObjectName(u"deleteScenario"_s);
    m_runButton = new QPushButton(tr("&Run"), scenarios);
    m_runButton->setObjectName(u"runScenario"_s);
    m_runButton->setDefault(true);
    m_runButton->setToolTip(tr("Plan the network with the scenario's changes (Ctrl+R)"));
    auto *runShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_R), this);
    runShortcut->setObjectName(u"runShortcut"_s);
    connect(runShortcut, &QShortcut::activated, this, [this] {
        if (m_runButton->isEnabled())
            runScenario();
    });
    auto *form = new QFormLayout;
    form->addRow(tr("&Name"), m_name);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    buttons->addWidget(m_runButton);
    auto *left = new QVBoxLayout(scenarios);
    left->addWidget(m_scenarios, 1);
    left->addLayout(form);
    left->addWidget(m_editor, 4);
    left->addLayout(buttons);

    auto *network = new QGroupBox(tr("Network: the scenario's plan"), this);
    m_network = new NetworkView(network);
    m_network->setObjectName(u"networkView"_s);
    m_laneTitle = new QLabel(tr("Select a lane to see what it carries."), network);
    m_laneTitle->setObjectName(u"laneTitle"_s);
    m_laneItems = new QTableWidget(0, 3, network);
    m_laneItems->setObjectName(u"laneItems"_s);
    m_laneItems->setHorizontalHeaderLabels({tr("Item"), tr("Units"), tr("Leaves on")});
    m_laneItems->horizontalHeader()->setStretchLastSection(true);
    m_laneItems->verticalHeader()->hide();
    m_laneItems->setMaximumHeight(150);
    m_laneItems->hide(); // until a lane is selected
    auto *middle = new QVBoxLayout(network);
    middle->addWidget(m_network, 1);
    middle->addWidget(m_laneTitle);
    middle->addWidget(m_laneItems);

    auto *results = new QGroupBox(tr("Results on the current snapshot, side by side"), this);
    m_comparison = new QTableWidget(results);
    m_comparison->setObjectName(u"comparisonTable"_s);
    m_comparison->verticalHeader()->setDefaultSectionSize(22);
    m_comparison->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_figure = new QComboBox(results);
    m_figure->setObjectName(u"chartFigure"_s);
    for (const Figure &f : kFigures)
        m_figure->addItem(tr(f.label));
    m_chart = new ScenarioChart(results);
    m_chart->setObjectName(u"scenarioChart"_s);
    m_propose = new QPushButton(tr("&Propose these transfers"), results);
    m_propose->setObjectName(u"proposeButton"_s);
    m_propose->setToolTip(
        tr("Hand the last run's plan to the planners as transfers to approve or reject"));
    m_tabs = new ResultTabs(results);
    auto *totals = new QWidget(m_tabs);
    auto *totalsLayout = new QVBoxLayout(totals);
    totalsLayout->addWidget(m_comparison, 2);
    auto *chartRow = new QHBoxLayout;
    chartRow->addWidget(new QLabel(tr("Chart"), totals));
    chartRow->addWidget(m_figure, 1);
    totalsLayout->addLayout(chartRow);
    totalsLayout->addWidget(m_chart, 3);
    m_tabs->insertTab(0, totals, tr("&Totals"));
    m_tabs->setCurrentIndex(0);
    // Before any run on the current snapshot: a sentence instead of empty tables.
    m_resultsEmpty = new QLabel(results);
    m_resultsEmpty->setObjectName(u"resultsEmptyState"_s);
    m_resultsEmpty->setWordWrap(true);
    m_resultsEmpty->setAlignment(Qt::AlignCenter);
    m_resultsEmpty->setMargin(24);
    auto *right = new QVBoxLayout(results);
    right->addWidget(m_resultsEmpty, 1);
    right->addWidget(m_tabs, 1);
    right->addWidget(m_propose);

    auto *proposals = new QGroupBox(tr("Network proposals (open)"), this);
    m_proposals = new ProposalList(proposals);
    m_proposals->setEmptyText(
        tr("No open network proposal. After a run, \"Propose the transfers\" hands the "
           "scenario's plan to the planners: each transfer then shows here to approve or "
           "reject."));
    auto *bottom = new QVBoxLayout(proposals);
    bottom->addWidget(m_proposals);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(scenarios);
    top->addWidget(network);
    top->addWidget(results);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 4);
    top->setStretchFactor(2, 5);
    // The results table holds a column per scenario and its change: it gets the most room.
    top->setSizes({300, 540, 760});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(top, 3);
    layout->addWidget(proposals, 1);

    connect(m_scenarios, &QListWidget::currentRowChanged, this, &SimulationPage::selectScenario);
    connect(m_tabs, &ResultTabs::message, this, &SimulationPage::message);
    connect(m_save, &QPushButton::clicked, this, &SimulationPage::saveScenario);
    connect(m_delete, &QPushButton::clicked, this, &SimulationPage::deleteScenario);
    connect(m_runButton, &QPushButton::clicked, this, &SimulationPage::runScenario);
    connect(m_network, &NetworkView::laneSelected, this, &SimulationPage::showLane);
    connect(m_figure, &QComboBox::currentIndexChanged, this, &SimulationPage::showChart);
    connect(m_propose, &QPushButton::clicked, this, &SimulationPage::proposeTransfers);
    connect(m_proposals, &ProposalList::message, this, &SimulationPage::message);
    connect(this, &SimulationPage::message, m_status, &QLabel::setText);
}

void SimulationPage::load(const QString &databasePath, const model::User &user)
{
    m_databasePath = databasePath;
    m_user = user;
    refresh();
}

model::Result<std::unique_ptr<model::Workbench>> SimulationPage::openForWrite() const
{
    if (m_databasePath.isEmpty())
        return std::unexpected(
            model::Error {model::Error::Usage, tr("Open a database first."), {}});
    return model::Workbench::openAs(m_databasePath, model::OpenMode::Existing);
}

void SimulationPage::fail(const QString &what, const model::Error &error)
{
    Q_EMIT message(what + u": "_s + error.message);
}

void SimulationPage::refresh()
{
    const QString selected = m_name->text();
    m_scenarios->clear();
    m_snapshotVersion = 0;
    if (!m_databasePath.isEmpty()) {
        auto workbench = model::Workbench::openAs(m_databasePath, model::OpenMode::ReadOnly);
        if (workbench) {
            auto current = (*workbench)->snapshots().current();
            if (current && *current) {
                m_snapshotVersion = (*current)->version;
                m_currency = (*current)->currency;
            }
            auto all = (*workbench)->scenarios().list();
            if (all) {
                for (const model::SavedScenario &s : *all) {
                    auto *item = new QListWidgetItem(s.name, m_scenarios);
                    item->setToolTip(tr("By %1, updated %2").arg(s.author, s.updatedAt));
                }
            }
        }
    }
    if (m_snapshotVersion != m_editor->choices().snapshotVersion && m_snapshotVersion > 0
        && !m_choicesWatcher.isRunning())
        m_choicesWatcher.setFuture(QtConcurrent::run(readChoices, m_databasePath));
    // A snapshot without lanes is only known once run: the network then says so.
    const bool ready = m_snapshotVersion > 0;
    m_runButton->setEnabled(ready && !isRunning());
    const QString noSnapshot
        = tr("No snapshot yet: import one (File > Import snapshot) to simulate the network.");
    if (m_snapshotVersion == 0)
        m_status->setText(noSnapshot);
    else if (m_status->text().isEmpty() || m_status->text() == noSnapshot)
        m_status->setText(tr("Pick a saved scenario or add changes, then Run (Ctrl+R). Results "
                             "of every scenario run on this snapshot appear side by side."));
    if (!m_run)
        m_network->setEmptyText(
            ready ? tr("Run a scenario to see its plan on the network.") : m_status->text());
    for (int row = 0; row < m_scenarios->count(); ++row) {
        if (m_scenarios->item(row)->text().compare(selected, Qt::CaseInsensitive) == 0)
            m_scenarios->setCurrentRow(row);
    }
    const bool canPropose
        = m_run && m_run->withScenario && m_run->info.version == m_snapshotVersion;
    m_propose->setEnabled(canPropose);
    m_propose->setText(canPropose ? tr("&Propose the transfers of \"%1\"")
                                        .arg(QString::fromStdString(m_run->scenario->name))
                                  : tr("&Propose these transfers"));
    m_propose->setToolTip(canPropose
            ? tr("Hand the last run's plan to the planners as transfers to approve or reject")
            : tr("Run a scenario first: the plan of the last run is what is proposed"));
    showComparison();
    showProposals();
}

void SimulationPage::selectScenario()
{
    auto *item = m_scenarios->currentItem();
    if (!item)
        return;
    auto workbench = model::Workbench::openAs(m_databasePath, model::OpenMode::ReadOnly);
    if (!workbench)
        return fail(tr("Cannot read the scenario"), workbench.error());
    auto found = (*workbench)->scenarios().find(item->text());
    if (!found)
        return fail(tr("Cannot read the scenario"), found.error());
    editScenario(found->scenario);
}

void SimulationPage::editScenario(const sim::Scenario &scenario)
{
    m_name->setText(QString::fromStdString(scenario.name));
    m_editor->setChanges(scenario.changes);
}

model::Result<sim::Scenario> SimulationPage::editedScenario() const
{
    return m_editor->scenario(m_name->text());
}

void SimulationPage::saveScenario()
{
    auto scenario = editedScenario();
    if (!scenario)
        return fail(tr("Not saved"), scenario.error());
    auto workbench = openForWrite();
    if (!workbench)
        return fail(tr("Not saved"), workbench.error());
    auto saved = (*workbench)->scenarios().save(m_name->text(), *scenario, m_user);
    if (!saved)
        return fail(tr("Not saved"), saved.error());
    m_name->setText(saved->name);
    Q_EMIT message(tr("Saved scenario \"%1\".").arg(saved->name));
    refresh();
}

void SimulationPage::deleteScenario()
{
    if (m_name->text().trimmed().isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete scenario"),
        tr("Delete scenario \"%1\" and its results? Transfers it proposed stay.")
            .arg(m_name->text().trimmed()),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"deleteScenarioQuestion"_s);
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box->button(QMessageBox::Yes), &QAbstractButton::clicked, this,
        &SimulationPage::removeScenario);
    box->open();
}

void SimulationPage::removeScenario()
{
    auto workbench = openForWrite();
    if (!workbench)
        return fail(tr("Not deleted"), workbench.error());
    if (auto ok = (*workbench)->scenarios().remove(m_name->text(), m_user); !ok)
        return fail(tr("Not deleted"), ok.error());
    Q_EMIT message(tr("Deleted scenario \"%1\".").arg(m_name->text()));
    m_name->clear();
    m_editor->setChanges({});
    refresh();
}

void SimulationPage::runScenario()
{
    if (isRunning())
        return;
    auto scenario = editedScenario();
    if (!scenario)
        return fail(tr("Cannot run"), scenario.error());
    // A run keeps its results with the saved scenario: save what the editor holds first
    // (unless it is saved as it stands, which would only add an event to the trail).
    scenario->name = m_name->text().trimmed().toStdString();
    {
        auto reader = model::Workbench::openAs(m_databasePath, model::OpenMode::ReadOnly);
        if (!reader)
            return fail(tr("Cannot run"), reader.error());
        auto stored = (*reader)->scenarios().find(m_name->text());
        if (!stored || model::scenarioToJson(stored->scenario) != model::scenarioToJson(*scenario))
            saveScenario();
    }
    auto workbench = model::Workbench::openAs(m_databasePath, model::OpenMode::ReadOnly);
    if (!workbench)
        return fail(tr("Cannot run"), workbench.error());
    auto saved = (*workbench)->scenarios().find(m_name->text());
    if (!saved)
        return fail(tr("Cannot run"), saved.error());
    m_runScenarioId = saved->id;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_runButton->setEnabled(false);
    m_running = true;
    auto *progress = new QProgressDialog(
        tr("Planning every item over the network…"), tr("Cancel"), 0, 0, this);
    progress->setObjectName(u"simulationProgress"_s);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        progress, &QProgressDialog::canceled, this, [cancel = m_cancel] { cancel->store(true); });
    connect(this, &SimulationPage::runFinished, progress, &QProgressDialog::close);
    m_watcher.setFuture(QtConcurrent::run(simulate, m_databasePath, saved->scenario, m_cancel));
}

void SimulationPage::onRunFinished()
{
    auto result = m_watcher.result();
    m_running = false;
    m_runButton->setEnabled(true);
    if (!result) {
        if (result.error().code == model::Error::Cancelled)
            Q_EMIT message(tr("Run cancelled; nothing was kept."));
        else
            fail(tr("The run failed"), result.error());
        Q_EMIT runFinished();
        return;
    }
    m_run = std::move(*result);
    if (auto workbench = openForWrite()) {
        if (auto kept = (*workbench)->scenarios().recordResults(m_runScenarioId, *m_run); !kept)
            fail(tr("The results were not kept"), kept.error());
    }
    Q_EMIT message(tr("Ran \"%1\" on snapshot %2.")
                       .arg(QString::fromStdString(m_run->scenario->name), m_run->info.snapshotId));
    showNetwork();
    refresh();
    Q_EMIT runFinished();
}

void SimulationPage::showNetwork()
{
    if (!m_run || !m_run->withScenario)
        return;
    const engine::Snapshot &s = *m_run->scenarioSnapshot;
    if (s.lanes.size() == 0) {
        m_network->setNetwork({}, {});
        m_network->setEmptyText(
            tr("The current snapshot has no transfer lanes: there is no network to draw."));
        return;
    }
    QList<NetworkView::Location> locations;
    for (engine::Index l = 0; l < s.locations.size(); ++l) {
        const auto type = s.locations.type.at(std::size_t(l));
        locations.push_back({QString::fromStdString(s.locations.ids.at(l)),
            type == engine::LocationType::Dc || type == engine::LocationType::Plant});
    }
    QList<NetworkView::Lane> lanes;
    const auto &uses = m_run->withScenario->result.lanes;
    for (engine::Index l = 0; l < s.lanes.size(); ++l) {
        const auto i = std::size_t(l);
        NetworkView::Lane lane;
        lane.from = int(s.lanes.from[i]);
        lane.to = int(s.lanes.to[i]);
        lane.closed = !s.lanes.active.empty() && s.lanes.active[i] == 0;
        for (const sim::LaneUse &u : uses) {
            if (u.lane != l)
                continue;
            lane.units = u.units;
            lane.peakUse = u.capacityPerDay == sim::kUnlimited ? -1 : u.peakUtilisation();
        }
        lanes.push_back(lane);
    }
    m_network->setNetwork(locations, lanes);
    m_laneItems->setRowCount(0);
}

void SimulationPage::showLane(int lane)
{
    m_laneItems->setRowCount(0);
    m_laneItems->hide();
    if (!m_run || !m_run->withScenario || lane < 0)
        return;
    const engine::Snapshot &s = *m_run->scenarioSnapshot;
    const sim::Simulation &plan = *m_run->withScenario;
    std::map<std::pair<std::string, int>, double> carried; // (item, day) -> units
    for (const sim::Shipment &sh : plan.plan.shipments) {
        const sim::ItemModel &m = plan.model.items[std::size_t(sh.item)];
        for (const sim::Hop &hop : m.routes[std::size_t(sh.lane)]) {
            if (hop.lane == lane)
                carried[{s.items.ids.at(m.item), sh.shipDay + hop.offsetDays}] += sh.qty;
        }
    }
    const auto i = std::size_t(lane);
    // No translation files yet, so the plural is chosen here rather than by %n.
    const QString shipments = carried.size() == 1
        ? tr("1 shipment")
        : tr("%1 shipments").arg(QLocale().toString(qint64(carried.size())));
    const QString from = QString::fromStdString(s.locations.ids.at(s.lanes.from[i]));
    const QString to = QString::fromStdString(s.locations.ids.at(s.lanes.to[i]));
    m_laneTitle->setText(carried.empty() ? tr("%1 → %2 carries nothing in this plan.").arg(from, to)
                                         : tr("%1 → %2 carries %3").arg(from, to, shipments));
    for (const auto &[key, units] : carried) {
        const int row = m_laneItems->rowCount();
        m_laneItems->insertRow(row);
        m_laneItems->setItem(row, 0, cell(QString::fromStdString(key.first)));
        m_laneItems->setItem(row, 1, cell(formatQty(units), true));
        m_laneItems->setItem(row, 2, cell(formatDate(m_run->info.asOf + key.second)));
    }
    m_laneItems->setVisible(!carried.empty());
}

void SimulationPage::showComparison()
{
    m_comparison->clear();
    QStringList columns {tr("Base")};
    QList<QJsonObject> results;
    std::vector<ResultTabs::Run> runs;
    if (!m_databasePath.isEmpty() && m_snapshotVersion > 0) {
        auto workbench = model::Workbench::openAs(m_databasePath, model::OpenMode::ReadOnly);
        auto all = workbench
            ? (*workbench)->scenarios().list()
            : model::Result<std::vector<model::SavedScenario>>(std::unexpected(workbench.error()));
        if (all) {
            for (const model::SavedScenario &s : *all) {
                if (const model::ScenarioResults *r = s.resultsOn(m_snapshotVersion)) {
                    results << r->results;
                    columns << s.name + (r->matchesScenario ? QString() : tr(" (edited since)"))
                            << tr("vs base");
                    auto breakdown = (*workbench)->scenarios().breakdown(s.id, m_snapshotVersion);
                    if (breakdown && *breakdown)
                        runs.push_back({columns.at(columns.size() - 2), std::move(**breakdown)});
                }
            }
        }
    }
    m_tabs->setRuns(runs, m_currency);
    m_comparison->setColumnCount(int(columns.size()));
    m_comparison->setRowCount(int(std::size(kFigures)));
    m_comparison->setHorizontalHeaderLabels(columns);
    QStringList rows;
    for (const Figure &f : kFigures)
        rows << tr(f.label);
    m_comparison->setVerticalHeaderLabels(rows);
    const bool any = !results.isEmpty();
    m_resultsEmpty->setVisible(!any);
    m_tabs->setVisible(any);
    m_propose->setVisible(any);
    m_resultsEmpty->setText(m_snapshotVersion == 0
            ? tr("No snapshot yet: import one (File > Import snapshot) to simulate the network.")
            : tr("No simulation run yet on this snapshot.\n\nChoose a scenario on the left, or "
                 "add changes to a new one, and press Run (Ctrl+R). Its totals beside the base "
                 "plan, a chart and the figures by location, item and lane then show here."));
    const auto text = [this](const Figure &f, double v, bool change) -> QString {
        if (f.kind == 'p') {
            if (!change)
                return formatPercent(v);
            // Rounded first, so that a tiny loss does not read "-0.0".
            const double points = std::round(1000 * v) / 10;
            return (points > 0 ? u"+"_s : QString())
                + QString::number(points == 0 ? 0.0 : points, 'f', 1) + tr(" pts");
        }
        const QString sign = change && v > 0 ? u"+"_s : QString();
        return QString(sign + (f.kind == 'm' ? formatMoney(v, m_currency) : formatQty(v)));
    };
    // The value itself beside its text, for the chart.
    const auto valueCell = [&text](const Figure &f, double v, bool change) {
        QTableWidgetItem *item = cell(text(f, v, change), true);
        item->setData(Qt::UserRole, v);
        return item;
    };
    for (int r = 0; r < int(std::size(kFigures)); ++r) {
        const Figure &f = kFigures[r];
        const QString key = QString::fromLatin1(f.key);
        if (!results.isEmpty())
            m_comparison->setItem(
                r, 0, valueCell(f, results.front()[u"base"_s][key].toDouble(), false));
        for (int c = 0; c < results.size(); ++c) {
            m_comparison->setItem(
                r, 1 + 2 * c, valueCell(f, results[c][u"with_scenario"_s][key].toDouble(), false));
            m_comparison->setItem(
                r, 2 + 2 * c, valueCell(f, results[c][u"difference"_s][key].toDouble(), true));
        }
    }
    showChart();
}

void SimulationPage::showChart()
{
    const int figure = std::max(0, m_figure->currentIndex());
    const Figure &f = kFigures[figure];
    QStringList labels;
    QList<double> values;
    for (int c = 0; c < m_comparison->columnCount(); c += c == 0 ? 1 : 2) {
        const QTableWidgetItem *item = m_comparison->item(figure, c);
        if (!item)
            continue;
        labels << m_comparison->horizontalHeaderItem(c)->text();
        // Shares are charted in percent, as the table shows them.
        values << item->data(Qt::UserRole).toDouble() * (f.kind == 'p' ? 100 : 1);
    }
    m_chart->setBars(tr(f.label)
            + (f.kind == 'p'        ? tr(" (%)")
                    : f.kind == 'm' ? u" ("_s + m_currency + u')'
                                    : QString()),
        labels, values, f.kind == 'p' ? 1 : 0);
}

void SimulationPage::proposeTransfers()
{
    if (!m_run || !m_run->withScenario)
        return;
    auto workbench = openForWrite();
    if (!workbench)
        return fail(tr("Nothing proposed"), workbench.error());
    auto proposal = (*workbench)->scenarios().propose(m_runScenarioId, *m_run, m_user);
    if (!proposal)
        return fail(tr("Nothing proposed"), proposal.error());
    const qsizetype count = proposal->transfers.size();
    const QString transfers
        = count == 1 ? tr("1 transfer") : tr("%1 transfers").arg(QLocale().toString(qint64(count)));
    Q_EMIT message(tr("Proposed %1 of \"%2\" to the planners (proposal %3).")
                       .arg(transfers, proposal->scenarioName, QString::number(proposal->id)));
    showProposals();
}

void SimulationPage::showProposals()
{
    m_proposals->load(m_databasePath, m_user);
}

} // namespace ui
