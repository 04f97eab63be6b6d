#include "ui/shell/mainwindow.h"

#include "ui/common/appsettings.h"
#include "ui/common/format.h"
#include "ui/common/shortcutsdialog.h"
#include "ui/decisions/decisioncommands.h"
#include "ui/decisions/triagecontroller.h"
#include "ui/detail/detailpanel.h"
#include "ui/detail/whynotdialog.h"
#include "ui/import/importcontroller.h"
#include "ui/import/importerrordialog.h"
#include "ui/queues/filterbar.h"
#include "ui/queues/queuelist.h"
#include "ui/queues/queuemodel.h"
#include "ui/queues/queuetableview.h"
#include "ui/queues/weightspanel.h"
#include "ui/shell/snapshotstatus.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

QString currentUser()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return user.isEmpty() ? u"planner"_s : user;
}

/// The explanation as the what-if weights would score it, so the breakdown bars
/// still add up to the score shown in the table.
model::Explanation withWeights(
    model::Explanation explanation, const QueueModel::Weights &weights, qint32 liveRank)
{
    if (!explanation.exception)
        return explanation;
    engine::ExceptionRecord &record = *explanation.exception;
    double total = 0;
    for (engine::Factor &factor : record.factors) {
        factor.weight = weights[std::size_t(factor.kind)];
        total += factor.value();
    }
    std::stable_sort(record.factors.begin(), record.factors.end(),
        [](const engine::Factor &a, const engine::Factor &b) { return a.value() > b.value(); });
    record.score = total;
    if (liveRank > 0)
        record.rank = liveRank;
    return explanation;
}

/// "1 exception", "1,250 exceptions" (no translation files yet, so no %n plurals).
QString exceptionCount(qint64 count)
{
    return count == 1 ? MainWindow::tr("1 exception")
                      : MainWindow::tr("%1 exceptions").arg(QLocale().toString(count));
}

} // namespace

MainWindow::MainWindow(AppSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_queueModel(new QueueModel(this))
    , m_undoStack(new QUndoStack(this))
    , m_recorder(new DecisionRecorder(this))
    , m_importer(new ImportController(this, this))
    , m_triage(new TriageController(m_queueModel, m_recorder, m_undoStack, this))
    , m_actions(this, m_undoStack)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Planner Workbench"));
    m_recorder->setUser(currentUser());

    connectActions();
    setCentralWidget(createCentre());
    createMenus();
    createStatusBar();

    connect(m_queueModel, &QueueModel::rowsRebuilt, this, &MainWindow::updateStatus);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &MainWindow::showCurrentExplanation);
    connect(m_queueList, &QueueList::currentTypeChanged, this, &MainWindow::switchQueue);
    connect(m_filterBar, &FilterBar::criteriaChanged, this, &MainWindow::applyCriteria);
    connect(m_filterBar, &FilterBar::leaveRequested, this, [this] { m_table->setFocus(); });
    // The panel already waits for a burst of edits to settle before it signals.
    connect(m_weightsPanel, &WeightsPanel::weightsChanged, this, &MainWindow::applyWeights);
    connect(m_detailPanel, &DetailPanel::approveRequested, this, [this](int recommendation) {
        m_triage->decideOne(
            m_detailPanel->exceptionId(), recommendation, model::Decision::Approved);
    });
    connect(m_detailPanel, &DetailPanel::rejectRequested, this, [this](int recommendation) {
        m_triage->decideOne(
            m_detailPanel->exceptionId(), recommendation, model::Decision::Rejected);
    });
    connect(m_triage, &TriageController::standingChanged, this,
        [this](const QString &exceptionId, model::Decision::Kind kind, int recommendation) {
            if (m_detailPanel->exceptionId() == exceptionId)
                m_detailPanel->setDecision(kind, recommendation);
        });
    connect(m_recorder, &DecisionRecorder::failed, this,
        [this](const QString &message) { showError(tr("Decision not recorded"), message); });
    connect(m_importer, &ImportController::succeeded, this, &MainWindow::onImportSucceeded);
    connect(m_importer, &ImportController::failed, this, &MainWindow::onImportFailed);

    restoreLayout();
    showQueueState();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // Commands point at the workbench; drop them before it goes.
    m_undoStack->clear();
}

// --- construction ---------------------------------------------------------------

void MainWindow::connectActions()
{
    const MainWindowActions &a = m_actions;
    connect(a.importFile, &QAction::triggered, this, &MainWindow::chooseSnapshotFile);
    connect(a.importFolder, &QAction::triggered, this, &MainWindow::chooseSnapshotFolder);
    connect(a.importDemo, &QAction::triggered, this, [this] { importBundledDemo(); });
    connect(a.openDatabase, &QAction::triggered, this, &MainWindow::chooseDatabase);
    connect(a.quit, &QAction::triggered, this, &QWidget::close);
    connect(a.approve, &QAction::triggered, this,
        [this] { decideSelected(model::Decision::Approved); });
    connect(
        a.reject, &QAction::triggered, this, [this] { decideSelected(model::Decision::Rejected); });
    connect(a.undoDecision, &QAction::triggered, this, [this] { m_undoStack->undo(); });
    connect(a.next, &QAction::triggered, this, [this] { moveCurrent(+1); });
    connect(a.previous, &QAction::triggered, this, [this] { moveCurrent(-1); });
    connect(a.details, &QAction::triggered, this, &MainWindow::focusDetails);
    connect(
        a.back, &QAction::triggered, this, [this] { m_table->setFocus(Qt::ShortcutFocusReason); });
    connect(a.focusFilter, &QAction::triggered, this, [this] { m_filterBar->focusText(); });
    connect(a.clearFilters, &QAction::triggered, this, [this] { m_filterBar->clearFilters(); });
    for (int type = -1; type + 1 < a.queues.size(); ++type)
        connect(a.queues[type + 1], &QAction::triggered, this, [this, type] { switchQueue(type); });
    connect(a.whyNot, &QAction::triggered, this, &MainWindow::showWhyNot);
    connect(a.shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
}

QWidget *MainWindow::createCentre()
{
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->setChildrenCollapsible(false);

    m_queueList = new QueueList(m_splitter);

    auto *centre = new QWidget(m_splitter);
    m_tableStack = new QStackedWidget(centre);
    m_emptyState = new QLabel(m_tableStack);
    m_emptyState->setObjectName(u"queueEmptyState"_s);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setMargin(24);
    QFont emptyFont = m_emptyState->font();
    emptyFont.setPointSizeF(emptyFont.pointSizeF() * 1.15);
    m_emptyState->setFont(emptyFont);
    m_emptyState->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table = new QueueTableView(m_queueModel, m_tableStack);
    m_tableStack->addWidget(m_emptyState);
    m_tableStack->addWidget(m_table);

    auto *layout = new QVBoxLayout(centre);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tableStack, 1);

    m_detailPanel = new DetailPanel(m_splitter);

    m_splitter->addWidget(m_queueList);
    m_splitter->addWidget(centre);
    m_splitter->addWidget(m_detailPanel);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);

    m_weightsPanel = new WeightsPanel(this);
    m_weightsDock = new QDockWidget(tr("What-if weights"), this);
    m_weightsDock->setObjectName(u"weightsDock"_s);
    m_weightsDock->setWidget(m_weightsPanel);
    m_weightsDock->setAllowedAreas(
        Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea | Qt::BottomDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_weightsDock);
    m_weightsDock->hide();
    m_actions.adoptWeightsToggle(m_weightsDock->toggleViewAction());

    const QList<QAction *> triage = m_actions.triageActions();
    for (QWidget *widget : {static_cast<QWidget *>(m_table), static_cast<QWidget *>(m_queueList),
             static_cast<QWidget *>(m_detailPanel)}) {
        widget->addActions(triage);
        widget->addActions(m_actions.queues);
    }
    m_table->addAction(m_actions.details);
    m_queueList->addAction(m_actions.details);
    m_detailPanel->addAction(m_actions.back);
    // The filters narrow the queue list's counts as well as the table, so the bar
    // spans both; full width also leaves every picker room for its longest entry.
    auto *root = new QWidget(this);
    m_filterBar = new FilterBar(root);
    auto *rootLayout = new QVBoxLayout(root);
    rootLayout->setContentsMargins(6, 6, 6, 0);
    rootLayout->setSpacing(6);
    rootLayout->addWidget(m_filterBar);
    rootLayout->addWidget(m_splitter, 1);
    return root;
}

void MainWindow::createMenus()
{
    m_actions.buildMenus(this, m_undoStack);
    connect(m_actions.recentDatabases, &QMenu::aboutToShow, this, &MainWindow::refreshRecentMenus);
    connect(m_actions.recentSnapshots, &QMenu::aboutToShow, this, &MainWindow::refreshRecentMenus);
    refreshRecentMenus();
}

void MainWindow::createStatusBar()
{
    // Permanent, so the import message that scrolls away does not take it along.
    m_warningsButton = new QToolButton(this);
    m_warningsButton->setObjectName(u"importWarningsButton"_s);
    m_warningsButton->setAutoRaise(true);
    m_warningsButton->setCursor(Qt::PointingHandCursor);
    m_warningsButton->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_warningsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_warningsButton->setToolTip(tr("Show what the last import warned about"));
    m_warningsButton->hide();
    connect(m_warningsButton, &QToolButton::clicked, this, &MainWindow::showImportWarnings);
    statusBar()->addPermanentWidget(m_warningsButton);
    m_status = new SnapshotStatus(this);
    statusBar()->addPermanentWidget(m_status);
}

void MainWindow::restoreLayout()
{
    if (!restoreGeometry(m_settings->windowGeometry()))
        resize(1600, 1000);
    restoreState(m_settings->windowState());
    if (!m_splitter->restoreState(m_settings->splitterState())) {
        const int list = m_queueList->sizeHint().width();
        // The narrow end of what the detail panel reads well at, so the queue keeps room.
        const int detail = 390;
        m_splitter->setSizes({list, std::max(400, width() - list - detail), detail});
    }
    m_table->restoreHeader(m_settings->tableHeaderState());

    const QueueCriteria criteria = m_settings->criteria();
    m_filterBar->setCriteria(criteria);
    m_queueModel->setCriteria(criteria);
    {
        const QSignalBlocker blocker(m_queueList);
        m_queueList->setCurrentType(criteria.type);
    }
    m_actions.queues[criteria.type + 1]->setChecked(true);
}

void MainWindow::saveLayout()
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setSplitterState(m_splitter->saveState());
    m_settings->setTableHeaderState(m_table->horizontalHeader()->saveState());
    m_settings->setCriteria(m_queueModel->criteria());
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_importer->isRunning()) {
        // The import keeps the database untouched until it commits, so stopping it is safe.
        m_importer->cancel();
        m_importer->waitForFinished();
    }
    saveLayout();
    event->accept();
}

// --- database and queue ---------------------------------------------------------

model::Result<void> MainWindow::openDatabase(const QString &path)
{
    if (m_importer->isRunning())
        return std::unexpected(model::Error {model::Error::Usage,
            tr("An import is running: wait for it to finish before opening another database."),
            {}});
    auto opened = model::Workbench::open(path);
    if (!opened)
        return std::unexpected(opened.error());
    m_undoStack->clear();
    m_importWarnings.clear();
    m_warningsButton->hide();
    m_workbench = std::move(*opened);
    m_recorder->setWorkbench(m_workbench.get());
    rememberDatabase(m_workbench->databasePath());
    setWindowTitle(tr("%1 — Planner Workbench").arg(QFileInfo(path).fileName()));
    reloadQueue();
    return {};
}

void MainWindow::rememberDatabase(const QString &path)
{
    m_settings->addRecentDatabase(path);
    refreshRecentMenus();
}

void MainWindow::reloadQueue()
{
    m_shownExplanation.reset();
    m_triage->setStandingDecisions({});
    if (!m_workbench) {
        m_queueModel->clear();
        showQueueState();
        return;
    }
    auto queue = m_workbench->runs().queue();
    if (!queue) {
        m_queueModel->clear();
        showQueueState();
        showError(tr("Cannot read the queue"), queue.error().message);
        return;
    }
    // Without them the table would show no decision status; the queue is still worth showing.
    if (auto decisions = m_workbench->decisions().standing())
        m_triage->setStandingDecisions(std::move(*decisions));
    else
        statusBar()->showMessage(
            tr("Cannot read the decisions: %1").arg(decisions.error().message));
    // The stored scores used the run's policy weights: the what-if baseline.
    QueueModel::Weights weights = engine::Policy {}.weights;
    if (auto policy = m_workbench->runs().runPolicy())
        weights = policy->weights;
    const QString keep = m_detailPanel->exceptionId();
    m_filterBar->setChoices(queue->locationIds, queue->supplierIds, queue->snapshot.currency);
    m_queueModel->setQueue(std::move(*queue), weights);
    {
        // The panel's echo of the baseline must not count as a what-if change.
        const QSignalBlocker blocker(m_weightsPanel);
        m_weightsPanel->setPolicyWeights(weights);
        m_weightsPanel->setWeights(weights);
    }
    m_table->setWhatIf(false);
    m_status->setWhatIf(false);
    showQueueState();
    selectFirstRowOr(keep.isEmpty() ? -1 : m_queueModel->findException(keep));
    Q_EMIT queueLoaded();
}

void MainWindow::showQueueState()
{
    const model::Queue &queue = m_queueModel->queue();
    QString empty;
    if (!m_workbench)
        empty = tr("No database open — File > Open database… (Ctrl+O)");
    else if (queue.snapshot.version == 0)
        empty = tr("No snapshot loaded — File > Import snapshot… (Ctrl+I)\n\n"
                   "To look around first: File > Import demo snapshot");
    else if (queue.size() == 0)
        empty
            = tr("Nothing to do: snapshot %1 raises no exceptions.").arg(queue.snapshot.snapshotId);
    else if (m_queueModel->rowCount() == 0)
        empty = tr(
            "No exception in this queue matches the filters — View > Clear filters (Ctrl+Shift+L)");
    m_emptyState->setText(empty);
    m_tableStack->setCurrentWidget(
        empty.isEmpty() ? static_cast<QWidget *>(m_table) : m_emptyState);
    if (!empty.isEmpty())
        m_detailPanel->clear(
            tr("Select an exception in the queue to see why it ranks where it does."));
}

void MainWindow::updateStatus()
{
    const model::Queue &queue = m_queueModel->queue();
    m_queueList->setTally(m_queueModel->tally(), queue.snapshot.currency);
    m_status->setQueue(queue, m_queueModel->rowCount());
}

void MainWindow::refreshRecentMenus()
{
    auto fill = [this](QMenu *menu, const QStringList &paths, auto open) {
        menu->clear();
        for (const QString &path : paths) {
            QAction *action = menu->addAction(QDir::toNativeSeparators(path));
            connect(action, &QAction::triggered, this, [open, path] { open(path); });
        }
        menu->setEnabled(!paths.isEmpty());
    };
    fill(m_actions.recentDatabases, m_settings->recentDatabases(),
        [this](const QString &path) { openDatabaseReporting(path); });
    fill(m_actions.recentSnapshots, m_settings->recentSnapshots(),
        [this](const QString &path) { importSnapshot(path); });
}

// --- selection and detail -------------------------------------------------------

qint32 MainWindow::currentSourceRow() const
{
    return m_queueModel->sourceRow(m_table->currentIndex());
}

void MainWindow::selectSourceRow(qint32 sourceRow)
{
    const QModelIndex index = m_queueModel->indexOfSourceRow(sourceRow);
    if (!index.isValid())
        return;
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void MainWindow::selectFirstRowOr(qint32 sourceRow)
{
    if (m_queueModel->indexOfSourceRow(sourceRow).isValid())
        selectSourceRow(sourceRow);
    else if (m_queueModel->rowCount() > 0)
        selectSourceRow(m_queueModel->sourceRow(m_queueModel->index(0, 0)));
    showQueueState();
    showCurrentExplanation();
}

void MainWindow::showCurrentExplanation()
{
    const qint32 row = currentSourceRow();
    if (row < 0 || !m_workbench) {
        m_shownExplanation.reset();
        if (m_queueModel->rowCount() > 0)
            m_detailPanel->clear();
        return;
    }
    const QString id = m_queueModel->queue().exceptionId(row);
    if (!m_shownExplanation || !m_shownExplanation->exception
        || m_shownExplanation->exception->id != id.toStdString()) {
        auto explanation = m_workbench->runs().explainException(id);
        if (!explanation) {
            m_shownExplanation.reset();
            m_detailPanel->clear(explanation.error().message);
            return;
        }
        m_shownExplanation = std::move(*explanation);
    }
    if (m_queueModel->isReweighted())
        m_detailPanel->setExplanation(
            withWeights(*m_shownExplanation, m_queueModel->weights(), m_queueModel->liveRank(row)));
    else
        m_detailPanel->setExplanation(*m_shownExplanation);
    const auto standing = m_triage->standingDecision(id);
    m_detailPanel->setDecision(standing ? standing->kind : model::Decision::None,
        standing ? standing->recommendationIndex : -1);
}

void MainWindow::moveCurrent(int delta)
{
    const int rows = m_queueModel->rowCount();
    if (rows == 0)
        return;
    const int current = m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -delta;
    const int next = std::clamp(current + delta, 0, rows - 1);
    const QModelIndex index
        = m_queueModel->index(next, std::max(0, m_table->currentIndex().column()));
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void MainWindow::focusDetails()
{
    if (m_detailPanel->focusPolicy() != Qt::NoFocus) {
        m_detailPanel->setFocus(Qt::ShortcutFocusReason);
        return;
    }
    // The panel itself takes no focus: give it to its first control that does.
    const QList<QWidget *> children = m_detailPanel->findChildren<QWidget *>();
    for (QWidget *child : children) {
        if (child->isVisibleTo(m_detailPanel) && child->isEnabled()
            && (child->focusPolicy() & Qt::TabFocus)) {
            child->setFocus(Qt::ShortcutFocusReason);
            return;
        }
    }
}

// --- narrowing and what-if ------------------------------------------------------

void MainWindow::applyCriteria()
{
    const qint32 keep = currentSourceRow();
    QueueCriteria criteria = m_filterBar->criteria();
    criteria.type = m_queueList->currentType();
    m_queueModel->setCriteria(criteria);
    selectFirstRowOr(keep);
}

void MainWindow::switchQueue(int type)
{
    if (m_queueList->currentType() != type) {
        // Selecting the row re-enters here through currentTypeChanged.
        m_queueList->setCurrentType(type);
        return;
    }
    if (type + 1 < m_actions.queues.size())
        m_actions.queues[type + 1]->setChecked(true);
    QueueCriteria criteria = m_filterBar->criteria();
    criteria.type = type;
    m_queueModel->setCriteria(criteria);
    // A new queue starts at its most costly exception.
    selectFirstRowOr(-1);
}

void MainWindow::applyWeights()
{
    const qint32 keep = currentSourceRow();
    m_queueModel->setWeights(m_weightsPanel->weights());
    const bool whatIf = m_queueModel->isReweighted();
    m_table->setWhatIf(whatIf);
    m_status->setWhatIf(whatIf);
    // Keep the same exception selected so the planner sees where it moves.
    selectFirstRowOr(keep);
}

// --- decisions ------------------------------------------------------------------

void MainWindow::decideSelected(model::Decision::Kind kind)
{
    QItemSelectionModel *selection = m_table->selectionModel();
    // Counted by ranges first: listing a million selected rows would itself stall.
    qsizetype selected = 0;
    for (const QItemSelectionRange &range : selection->selection())
        selected += range.height();
    QModelIndexList rows;
    if (selected <= TriageController::kMaxBatch)
        rows = selection->selectedRows();
    else
        rows.resize(selected);
    if (rows.isEmpty() && m_table->currentIndex().isValid())
        rows << m_table->currentIndex();
    const QString message = m_triage->decideRows(rows, kind);
    if (!message.isEmpty())
        statusBar()->showMessage(message, 6000);
}

// --- file menu ------------------------------------------------------------------

bool MainWindow::isImporting() const
{
    return m_importer->isRunning();
}

bool MainWindow::importSnapshot(const QString &path)
{
    if (!m_workbench) {
        showError(
            tr("No database open"), tr("Open or create a database first: File > Open database…"));
        return false;
    }
    if (m_importer->isRunning()) {
        statusBar()->showMessage(tr("An import is already running."), 5000);
        return false;
    }
    auto policy = model::loadPolicy({});
    if (!policy) {
        showError(tr("Cannot load the scoring policy"), policy.error().message);
        return false;
    }
    statusBar()->showMessage(tr("Importing %1…").arg(QDir::toNativeSeparators(path)));
    return m_importer->start(m_workbench->databasePath(), path, *policy);
}

bool MainWindow::importBundledDemo()
{
    auto copy = std::make_unique<QTemporaryDir>();
    if (!copy->isValid()) {
        showError(tr("Cannot import the demo"),
            tr("No temporary folder is available: %1").arg(copy->errorString()));
        return false;
    }
    const auto path = ImportController::copyBundledSnapshot(u":/demo"_s, copy->path());
    if (!path) {
        showError(tr("Cannot import the demo"), path.error().message);
        return false;
    }
    if (!importSnapshot(*path))
        return false;
    m_demoCopy = std::move(copy);
    return true;
}

void MainWindow::onImportSucceeded(const model::ImportSummary &summary, const QString &path)
{
    const bool fromDemo = m_demoCopy && path.startsWith(m_demoCopy->path());
    m_demoCopy.reset();
    if (!fromDemo)
        m_settings->addRecentSnapshot(path);
    // The new run has new exceptions: decisions of the old one can no longer be replayed.
    m_undoStack->clear();
    reloadQueue();
    QString message
        = tr("Imported %1: %2")
              .arg(summary.snapshot.snapshotId, exceptionCount(summary.run.exceptionCount));
    if (!summary.warnings.isEmpty())
        message += summary.warnings.size() == 1
            ? tr(", 1 warning (nothing blocking)")
            : tr(", %1 warnings (nothing blocking)")
                  .arg(QLocale().toString(summary.warnings.size()));
    statusBar()->showMessage(message, 10000);
    // The warnings of the snapshot on show stay one click away until the next import.
    m_importWarnings = summary.warnings;
    m_importWarningsPath = fromDemo ? tr("bundled demo") : QDir::toNativeSeparators(path);
    m_warningsButton->setText(summary.warnings.size() == 1
            ? tr("1 warning")
            : tr("%1 warnings").arg(QLocale().toString(summary.warnings.size())));
    m_warningsButton->setVisible(!summary.warnings.isEmpty());
    Q_EMIT importFinished(true);
}

void MainWindow::onImportFailed(const model::Error &error, const QString &path)
{
    m_demoCopy.reset();
    if (error.code == model::Error::Cancelled) {
        statusBar()->showMessage(tr("Import cancelled: nothing changed."), 10000);
    } else {
        statusBar()->showMessage(tr("Import refused: nothing changed."), 10000);
        auto *dialog = new ImportErrorDialog(error, QDir::toNativeSeparators(path), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    }
    Q_EMIT importFinished(false);
}

void MainWindow::showImportWarnings()
{
    if (m_importWarnings.isEmpty())
        return;
    auto *dialog = new ImportErrorDialog(m_importWarnings, m_importWarningsPath, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::chooseSnapshotFile()
{
    const QStringList recent = m_settings->recentSnapshots();
    auto *dialog = new QFileDialog(this, tr("Import snapshot"),
        recent.isEmpty() ? QDir::homePath() : QFileInfo(recent.front()).path(),
        tr("ERP snapshots (*.zip manifest.json);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setLabelText(QFileDialog::Accept, tr("Import"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        // A folder snapshot is chosen through its manifest.
        const QFileInfo info(file);
        importSnapshot(info.fileName().compare(u"manifest.json"_s, Qt::CaseInsensitive) == 0
                ? info.path()
                : file);
    });
    dialog->open();
}

void MainWindow::chooseSnapshotFolder()
{
    auto *dialog = new QFileDialog(this, tr("Import snapshot folder"), QDir::homePath());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setLabelText(QFileDialog::Accept, tr("Import"));
    connect(dialog, &QFileDialog::fileSelected, this,
        [this](const QString &folder) { importSnapshot(folder); });
    dialog->open();
}

void MainWindow::chooseDatabase()
{
    const QString start = m_workbench
        ? QFileInfo(m_workbench->databasePath()).path()
        : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    auto *dialog = new QFileDialog(this, tr("Open or create a workbench database"), start,
        tr("Workbench databases (*.sqlite *.db);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setLabelText(QFileDialog::Accept, tr("Open"));
    dialog->setDefaultSuffix(u"sqlite"_s);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::openDatabaseReporting);
    dialog->open();
}

void MainWindow::openDatabaseReporting(const QString &path)
{
    if (auto opened = openDatabase(path); !opened)
        showError(tr("Cannot open %1").arg(QDir::toNativeSeparators(path)), opened.error().message);
}

void MainWindow::showWhyNot()
{
    if (!m_workbench) {
        showError(tr("No database open"), tr("Open a database and import a snapshot first."));
        return;
    }
    auto explain = [this](const QString &item,
                       const QString &location) -> model::Result<model::Explanation> {
        if (!m_workbench)
            return std::unexpected(
                model::Error {model::Error::Usage, tr("No database is open."), {}});
        return m_workbench->runs().explainItemLocation(item, location);
    };
    // The whole snapshot, not only the queue: the question is often about an item that
    // raises nothing.
    auto items = m_workbench->snapshots().itemIds();
    auto locations = items ? m_workbench->snapshots().locationIds() : model::Result<QStringList>();
    if (!items || !locations) {
        showError(tr("Cannot list the snapshot's items"),
            (items ? locations.error() : items.error()).message);
        return;
    }
    auto *dialog = new WhyNotDialog(explain, *items, *locations, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(m_actions.shortcutEntries(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showError(const QString &title, const QString &message)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Close, this);
    box->setObjectName(u"errorMessage"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace ui
