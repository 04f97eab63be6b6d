#include "mainwindow.h"

#include "appsettings.h"
#include "decisioncommands.h"
#include "detailpanel.h"
#include "filterbar.h"
#include "format.h"
#include "importcontroller.h"
#include "importerrordialog.h"
#include "queuelist.h"
#include "queuemodel.h"
#include "shortcutsdialog.h"
#include "weightspanel.h"
#include "whynotdialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

/// A table that never type-searches: plain letters are triage keys here, and a
/// keyboard search would walk the display text of a million rows.
class QueueTableView : public QTableView
{
public:
    using QTableView::QTableView;
    void keyboardSearch(const QString &) override { }
};

/// Batches larger than this are refused: one database write per row, and a
/// planner approving thousands at once has most likely pressed Ctrl+A by mistake.
constexpr qsizetype kMaxBatch = 1000;

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

QString plainText(const QAction *action)
{
    QString text = action->text();
    text.remove(u'&');
    if (text.endsWith(u'…'))
        text.chop(1);
    return text;
}

} // namespace

MainWindow::MainWindow(AppSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_queueModel(new QueueModel(this))
    , m_undoStack(new QUndoStack(this))
    , m_recorder(new DecisionRecorder(this))
    , m_importer(new ImportController(this, this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Planner Workbench"));
    m_recorder->setUser(currentUser());

    createActions();
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
        decideOne(m_detailPanel->exceptionId(), recommendation, model::Decision::Approved);
    });
    connect(m_detailPanel, &DetailPanel::rejectRequested, this, [this](int recommendation) {
        decideOne(m_detailPanel->exceptionId(), recommendation, model::Decision::Rejected);
    });
    connect(m_recorder, &DecisionRecorder::decisionChanged, this, &MainWindow::onDecisionChanged);
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

void MainWindow::createActions()
{
    auto make = [this](const QString &name, const QString &text, const QList<QKeySequence> &keys,
                    auto slot) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcuts(keys);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };

    m_importFileAction = make(u"actionImportSnapshot"_s, tr("&Import snapshot…"),
        {QKeySequence(Qt::CTRL | Qt::Key_I)}, &MainWindow::chooseSnapshotFile);
    m_importFileAction->setStatusTip(
        tr("Import a snapshot .zip or the manifest.json of a snapshot folder"));
    m_importFolderAction = make(u"actionImportFolder"_s, tr("Import snapshot &folder…"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I)}, &MainWindow::chooseSnapshotFolder);
    m_importDemoAction = make(
        u"actionImportDemo"_s, tr("Import &demo snapshot"), {}, [this] { importBundledDemo(); });
    m_openDatabaseAction = make(u"actionOpenDatabase"_s, tr("&Open database…"),
        {QKeySequence::Open}, &MainWindow::chooseDatabase);
    m_quitAction
        = make(u"actionQuit"_s, tr("&Quit"), {QKeySequence(Qt::CTRL | Qt::Key_Q)}, &QWidget::close);
    m_quitAction->setMenuRole(QAction::QuitRole);

    m_undoAction = m_undoStack->createUndoAction(this, tr("&Undo"));
    m_undoAction->setObjectName(u"actionUndo"_s);
    m_undoAction->setShortcuts(QKeySequence::Undo);
    m_redoAction = m_undoStack->createRedoAction(this, tr("&Redo"));
    m_redoAction->setObjectName(u"actionRedo"_s);
    m_redoAction->setShortcuts(QKeySequence::Redo);

    // Single-key triage: bound to the queue, the queue list and the detail panel only
    // (see createCentre), so typing in the filter box never approves anything.
    m_approveAction = make(u"actionApprove"_s, tr("&Approve top recommendation"),
        {QKeySequence(Qt::Key_A)}, [this] { decideSelected(model::Decision::Approved); });
    m_rejectAction = make(u"actionReject"_s, tr("&Reject top recommendation"),
        {QKeySequence(Qt::Key_R)}, [this] { decideSelected(model::Decision::Rejected); });
    m_undoDecisionAction = make(u"actionUndoDecision"_s, tr("&Undo last decision"),
        {QKeySequence(Qt::Key_U)}, [this] { m_undoStack->undo(); });
    m_nextAction = make(u"actionNext"_s, tr("&Next exception"), {QKeySequence(Qt::Key_J)},
        [this] { moveCurrent(+1); });
    m_previousAction = make(u"actionPrevious"_s, tr("&Previous exception"),
        {QKeySequence(Qt::Key_K)}, [this] { moveCurrent(-1); });
    m_detailsAction = make(u"actionShowDetails"_s, tr("Show &details"),
        {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}, &MainWindow::focusDetails);
    m_backAction = make(u"actionBackToQueue"_s, tr("&Back to the queue"),
        {QKeySequence(Qt::Key_Escape)}, [this] { m_table->setFocus(Qt::ShortcutFocusReason); });
    m_focusFilterAction = make(u"actionFocusFilter"_s, tr("&Filter…"),
        {QKeySequence(Qt::Key_Slash)}, [this] { m_filterBar->focusText(); });
    m_clearFiltersAction = make(u"actionClearFilters"_s, tr("&Clear filters"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)}, [this] { m_filterBar->clearFilters(); });
    for (int type = -1; type < engine::kExceptionTypeCount; ++type) {
        const QString label
            = type < 0 ? tr("All exceptions") : exceptionTypeLabel(engine::ExceptionType(type));
        QAction *action = make(u"actionQueue%1"_s.arg(type + 2), label,
            {QKeySequence(Qt::Key(Qt::Key_1 + type + 1))}, [this, type] { switchQueue(type); });
        action->setCheckable(true);
        m_queueActions << action;
    }
    for (QAction *action : {m_approveAction, m_rejectAction, m_undoDecisionAction, m_nextAction,
             m_previousAction, m_detailsAction, m_backAction, m_focusFilterAction})
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    for (QAction *action : std::as_const(m_queueActions))
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    m_whyNotAction = make(u"actionWhyNot"_s, tr("&Why not?…"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y)}, &MainWindow::showWhyNot);
    m_whyNotAction->setStatusTip(tr("Explain why a SKU-location is, or is not, in the queue"));
    m_shortcutsAction = make(u"actionShortcuts"_s, tr("&Keyboard shortcuts"),
        {QKeySequence(Qt::Key_F1)}, &MainWindow::showShortcuts);
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

    m_table = new QueueTableView(m_tableStack);
    m_table->setObjectName(u"queueTable"_s);
    m_table->setModel(m_queueModel);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setIconSize(QSize(10, 10));
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    QHeaderView *rows = m_table->verticalHeader();
    rows->hide();
    // Fixed row heights let the view skip sizing a million rows.
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setSortIndicator(QueueModel::Rank, Qt::AscendingOrder);
    const QFontMetrics metrics = m_table->fontMetrics();
    auto widthFor = [&](const QString &sample) { return metrics.horizontalAdvance(sample) + 14; };
    // Wide enough for every value of the fixed-format columns; the item column (id and
    // description) takes whatever is left, so the table fits the window without a
    // horizontal scroll bar. The separate description column is there to sort by.
    const std::array<int, QueueModel::ColumnCount> widths {widthFor(u"000,000"_s),
        widthFor(u"▼ −00,000"_s), widthFor(u"USD 000,000"_s), widthFor(u"■ Replenishment"_s),
        widthFor(u"SKU-000000"_s), widthFor(u"A longer item description"_s),
        widthFor(u"DC-WEST-00"_s), widthFor(u"00 Sep 0000"_s),
        widthFor(u"Count discrepancy risk"_s), widthFor(u"Notify customer service"_s),
        widthFor(u"✓ Approved"_s)};
    for (int column = 0; column < QueueModel::ColumnCount; ++column)
        header->resizeSection(column, widths[std::size_t(column)]);
    header->setSectionResizeMode(QueueModel::Item, QHeaderView::Stretch);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &MainWindow::showColumnMenu);
    header->setMinimumSectionSize(metrics.horizontalAdvance(u"Rank"_s) + 20);
    m_table->setSortingEnabled(true);
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
    m_weightsAction = m_weightsDock->toggleViewAction();
    m_weightsAction->setObjectName(u"actionWeights"_s);
    m_weightsAction->setText(tr("What-if &weights panel"));
    m_weightsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    m_weightsAction->setStatusTip(
        tr("Try other factor weights: the queue re-ranks live, nothing is saved"));

    const QList<QAction *> triage {m_approveAction, m_rejectAction, m_undoDecisionAction,
        m_nextAction, m_previousAction, m_focusFilterAction};
    for (QWidget *widget : {static_cast<QWidget *>(m_table), static_cast<QWidget *>(m_queueList),
             static_cast<QWidget *>(m_detailPanel)}) {
        widget->addActions(triage);
        widget->addActions(m_queueActions);
    }
    m_table->addAction(m_detailsAction);
    m_queueList->addAction(m_detailsAction);
    m_detailPanel->addAction(m_backAction);
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
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_importFileAction);
    file->addAction(m_importFolderAction);
    file->addAction(m_importDemoAction);
    m_recentSnapshots = file->addMenu(tr("Recent &snapshots"));
    m_recentSnapshots->setObjectName(u"menuRecentSnapshots"_s);
    file->addSeparator();
    file->addAction(m_openDatabaseAction);
    m_recentDatabases = file->addMenu(tr("&Recent databases"));
    m_recentDatabases->setObjectName(u"menuRecentDatabases"_s);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);

    QMenu *triage = menuBar()->addMenu(tr("&Triage"));
    triage->addAction(m_approveAction);
    triage->addAction(m_rejectAction);
    triage->addAction(m_undoDecisionAction);
    triage->addSeparator();
    triage->addAction(m_nextAction);
    triage->addAction(m_previousAction);
    triage->addAction(m_detailsAction);
    triage->addAction(m_backAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QMenu *queues = view->addMenu(tr("&Queue"));
    auto *queueGroup = new QActionGroup(this);
    for (QAction *action : std::as_const(m_queueActions)) {
        queueGroup->addAction(action);
        queues->addAction(action);
    }
    m_queueActions.front()->setChecked(true);
    view->addAction(m_focusFilterAction);
    view->addAction(m_clearFiltersAction);
    view->addSeparator();
    view->addAction(m_whyNotAction);
    view->addAction(m_weightsAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcutsAction);

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(u"mainToolBar"_s);
    tools->setMovable(false);
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addAction(m_importFileAction);
    tools->addSeparator();
    // The menu's undo/redo name the step ("Undo Approve shortage:…"); on the toolbar
    // that text would make the buttons jump, so they keep a short label and a tooltip.
    auto stackButton = [this, tools](const QString &text, bool redo) {
        auto *action = new QAction(text, this);
        action->setEnabled(redo ? m_undoStack->canRedo() : m_undoStack->canUndo());
        connect(m_undoStack, redo ? &QUndoStack::canRedoChanged : &QUndoStack::canUndoChanged,
            action, &QAction::setEnabled);
        connect(m_undoStack, redo ? &QUndoStack::redoTextChanged : &QUndoStack::undoTextChanged,
            action,
            [action, text](const QString &step) { action->setToolTip(text + u' ' + step); });
        connect(
            action, &QAction::triggered, m_undoStack, redo ? &QUndoStack::redo : &QUndoStack::undo);
        tools->addAction(action);
    };
    stackButton(tr("Undo"), false);
    stackButton(tr("Redo"), true);
    tools->addSeparator();
    tools->addAction(m_whyNotAction);
    tools->addAction(m_weightsAction);

    connect(m_recentDatabases, &QMenu::aboutToShow, this, &MainWindow::refreshRecentMenus);
    connect(m_recentSnapshots, &QMenu::aboutToShow, this, &MainWindow::refreshRecentMenus);
    refreshRecentMenus();
}

void MainWindow::createStatusBar()
{
    auto label = [this](const QString &name) {
        auto *l = new QLabel(this);
        l->setObjectName(name);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return l;
    };
    m_statusSnapshot = label(u"statusSnapshot"_s);
    m_statusAsOf = label(u"statusAsOf"_s);
    m_statusScoring = label(u"statusScoring"_s);
    m_statusWhatIf = label(u"statusWhatIf"_s);
    m_statusWhatIf->setText(tr("What-if weights: not saved"));
    m_statusWhatIf->setStyleSheet(u"color: #b45f06; font-weight: bold;"_s);
    m_statusWhatIf->hide();
    m_statusRows = label(u"statusRows"_s);
    statusBar()->addPermanentWidget(m_statusWhatIf);
    statusBar()->addPermanentWidget(m_statusSnapshot);
    statusBar()->addPermanentWidget(m_statusAsOf);
    statusBar()->addPermanentWidget(m_statusScoring);
    statusBar()->addPermanentWidget(m_statusRows);
}

void MainWindow::restoreLayout()
{
    if (!restoreGeometry(m_settings->windowGeometry()))
        resize(1600, 1000);
    restoreState(m_settings->windowState());
    if (!m_splitter->restoreState(m_settings->splitterState())) {
        const int list = m_queueList->sizeHint().width();
        const int detail = 420;
        m_splitter->setSizes({list, std::max(400, width() - list - detail), detail});
    }
    QHeaderView *header = m_table->horizontalHeader();
    if (header->restoreState(m_settings->tableHeaderState()))
        m_queueModel->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    m_table->setColumnHidden(QueueModel::Moved, true);
    if (m_settings->tableHeaderState().isEmpty())
        m_table->setColumnHidden(QueueModel::Description, true);
    header->setSectionResizeMode(QueueModel::Item, QHeaderView::Stretch);
    m_queueModel->setItemShowsDescription(m_table->isColumnHidden(QueueModel::Description));

    const QueueCriteria criteria = m_settings->criteria();
    m_filterBar->setCriteria(criteria);
    m_queueModel->setCriteria(criteria);
    {
        const QSignalBlocker blocker(m_queueList);
        m_queueList->setCurrentType(criteria.type);
    }
    m_queueActions[criteria.type + 1]->setChecked(true);
}

void MainWindow::showColumnMenu(const QPoint &position)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    // Rank and item identify a row and Moved follows the what-if weights: not optional.
    for (int column = 0; column < QueueModel::ColumnCount; ++column) {
        if (column == QueueModel::Rank || column == QueueModel::Moved || column == QueueModel::Item)
            continue;
        QAction *action = menu->addAction(
            m_queueModel->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        action->setCheckable(true);
        action->setChecked(!m_table->isColumnHidden(column));
        connect(action, &QAction::toggled, this, [this, column](bool shown) {
            m_table->setColumnHidden(column, !shown);
            if (column == QueueModel::Description)
                m_queueModel->setItemShowsDescription(!shown);
        });
    }
    menu->popup(m_table->horizontalHeader()->viewport()->mapToGlobal(position));
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
    m_rowOfException.clear();
    m_standing.clear();
    if (!m_workbench) {
        m_queueModel->clear();
        showQueueState();
        return;
    }
    auto queue = m_workbench->queue();
    if (!queue) {
        m_queueModel->clear();
        showQueueState();
        showError(tr("Cannot read the queue"), queue.error().message);
        return;
    }
    if (auto decisions = m_workbench->decisions()) {
        for (model::Decision &decision : *decisions)
            m_standing.insert(decision.exceptionId, std::move(decision));
    }
    // The stored scores used the run's policy weights: the what-if baseline.
    QueueModel::Weights weights = engine::Policy {}.weights;
    if (queue->size() > 0) {
        if (auto first = m_workbench->explainException(queue->exceptionId(0)))
            weights = first->policy.weights;
    }
    const QString keep = m_detailPanel->exceptionId();
    m_filterBar->setChoices(queue->locationIds, queue->supplierIds, queue->snapshot.currency);
    m_queueModel->setQueue(std::move(*queue), weights);
    {
        // The panel's echo of the baseline must not count as a what-if change.
        const QSignalBlocker blocker(m_weightsPanel);
        m_weightsPanel->setPolicyWeights(weights);
        m_weightsPanel->setWeights(weights);
    }
    m_table->setColumnHidden(QueueModel::Moved, true);
    m_statusWhatIf->hide();
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
    const bool loaded = queue.snapshot.version > 0;
    m_statusSnapshot->setText(
        loaded ? tr("Snapshot %1").arg(queue.snapshot.snapshotId) : tr("No snapshot"));
    m_statusAsOf->setText(loaded ? tr("As of %1").arg(formatDate(queue.snapshot.asOf)) : QString());
    m_statusScoring->setText(queue.run.scoringVersion);
    m_statusScoring->setToolTip(
        tr("Scoring version; policy %1").arg(queue.run.policyHash.left(12)));
    const QLocale locale;
    m_statusRows->setText(
        tr("%1 of %2 exceptions shown")
            .arg(locale.toString(m_queueModel->rowCount()), locale.toString(queue.size())));
    m_statusAsOf->setVisible(loaded);
    m_statusScoring->setVisible(loaded);
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
    fill(m_recentDatabases, m_settings->recentDatabases(),
        [this](const QString &path) { openDatabaseReporting(path); });
    fill(m_recentSnapshots, m_settings->recentSnapshots(),
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
        auto explanation = m_workbench->explainException(id);
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
    const auto standing = standingDecision(id);
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
    if (type + 1 < m_queueActions.size())
        m_queueActions[type + 1]->setChecked(true);
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
    m_table->setColumnHidden(QueueModel::Moved, !whatIf);
    m_statusWhatIf->setVisible(whatIf);
    // Keep the same exception selected so the planner sees where it moves.
    selectFirstRowOr(keep);
}

// --- decisions ------------------------------------------------------------------

std::optional<model::Decision> MainWindow::standingDecision(const QString &exceptionId) const
{
    const auto it = m_standing.constFind(exceptionId);
    if (it == m_standing.constEnd())
        return std::nullopt;
    return *it;
}

void MainWindow::decideSelected(model::Decision::Kind kind)
{
    QItemSelectionModel *selection = m_table->selectionModel();
    qsizetype selected = 0;
    for (const QItemSelectionRange &range : selection->selection())
        selected += range.height();
    if (selected > kMaxBatch) {
        showError(tr("Too many rows selected"),
            tr("%1 rows are selected; decide at most %2 at once.")
                .arg(QLocale().toString(selected), QLocale().toString(kMaxBatch)));
        return;
    }
    QModelIndexList rows = selection->selectedRows();
    if (rows.isEmpty() && m_table->currentIndex().isValid())
        rows << m_table->currentIndex();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });

    const bool approve = kind == model::Decision::Approved;
    auto batch = std::make_unique<QUndoCommand>();
    int decided = 0, skipped = 0;
    for (const QModelIndex &index : std::as_const(rows)) {
        const QueueModel::Row row = m_queueModel->itemAt(index);
        // Recommendations come feasible first, so the top feasible one is index 0
        // whenever the queue names an action for the row.
        const auto standing = standingDecision(row.exceptionId);
        if (row.action < 0
            || (standing && standing->kind == kind && standing->recommendationIndex == 0)) {
            ++skipped;
            continue;
        }
        m_rowOfException.insert(row.exceptionId, row.sourceRow);
        if (DecisionCommand::create(m_recorder, row.exceptionId, 0, kind, standing, batch.get()))
            ++decided;
        else
            break; // the recorder reported why; later rows would fail the same way
    }
    if (decided == 0) {
        if (skipped > 0)
            statusBar()->showMessage(approve
                    ? tr("Nothing to approve: no feasible recommendation, or already approved.")
                    : tr("Nothing to reject: no feasible recommendation, or already rejected."),
                5000);
        return;
    }
    const QString count = exceptionCount(decided);
    batch->setText(decided == 1 ? batch->child(0)->text()
            : approve           ? tr("Approve %1").arg(count)
                                : tr("Reject %1").arg(count));
    m_undoStack->push(batch.release());
    QString message = approve ? tr("Approved %1").arg(count) : tr("Rejected %1").arg(count);
    if (skipped > 0)
        message += tr("; skipped %1 without a feasible recommendation or already decided")
                       .arg(QLocale().toString(skipped));
    statusBar()->showMessage(message + tr(". U undoes."), 5000);
}

void MainWindow::decideOne(
    const QString &exceptionId, int recommendationIndex, model::Decision::Kind kind)
{
    if (exceptionId.isEmpty())
        return;
    const auto standing = standingDecision(exceptionId);
    if (standing && standing->kind == kind && standing->recommendationIndex == recommendationIndex)
        return;
    const qint32 row = currentSourceRow();
    if (row >= 0 && m_queueModel->queue().exceptionId(row) == exceptionId)
        m_rowOfException.insert(exceptionId, row);
    auto command
        = DecisionCommand::create(m_recorder, exceptionId, recommendationIndex, kind, standing);
    if (command)
        m_undoStack->push(*command);
}

void MainWindow::onDecisionChanged(
    const QString &exceptionId, model::Decision::Kind kind, int recommendationIndex)
{
    if (kind == model::Decision::None) {
        m_standing.remove(exceptionId);
    } else {
        model::Decision decision;
        decision.exceptionId = exceptionId;
        decision.kind = kind;
        decision.recommendationIndex = recommendationIndex;
        m_standing.insert(exceptionId, decision);
    }
    qint32 row = m_rowOfException.value(exceptionId, -1);
    if (row < 0) {
        row = m_queueModel->findException(exceptionId);
        m_rowOfException.insert(exceptionId, row);
    }
    m_queueModel->setDecision(row, kind);
    if (m_detailPanel->exceptionId() == exceptionId)
        m_detailPanel->setDecision(kind, recommendationIndex);
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
    auto policy = model::Workbench::loadPolicy({});
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
    // The importer reads real files (it may memory-map or unzip them), so the
    // resource is copied out first.
    QString path;
    if (QFileInfo(u":/demo"_s).isDir()) {
        path = copy->filePath(u"demo"_s);
        QDirIterator it(u":/demo"_s, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString source = it.next();
            const QString target = path + source.mid(QStringLiteral(":/demo").size());
            QDir().mkpath(QFileInfo(target).path());
            if (!QFile::copy(source, target)) {
                showError(tr("Cannot import the demo"), tr("Cannot write %1.").arg(target));
                return false;
            }
        }
    } else if (QFileInfo::exists(u":/demo.zip"_s)) {
        path = copy->filePath(u"demo.zip"_s);
        if (!QFile::copy(u":/demo.zip"_s, path)) {
            showError(tr("Cannot import the demo"), tr("Cannot write %1.").arg(path));
            return false;
        }
    } else {
        showError(
            tr("Cannot import the demo"), tr("This build does not bundle the demo snapshot."));
        return false;
    }
    if (!importSnapshot(path))
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
        return m_workbench->explainItemLocation(item, location);
    };
    const model::Queue &queue = m_queueModel->queue();
    auto *dialog = new WhyNotDialog(explain, queue.itemIds, queue.locationIds, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showShortcuts()
{
    QList<ShortcutsDialog::Entry> entries;
    auto add
        = [&entries](const QString &group, const QAction *action, const QString &extraKeys = {}) {
              QString keys = ShortcutsDialog::keysText(action->shortcuts());
              if (!extraKeys.isEmpty())
                  keys = extraKeys + u" / "_s + keys;
              entries.push_back({group, keys, plainText(action)});
          };
    const QString triage = tr("Triage (in the queue, queue list or detail panel)");
    add(triage, m_nextAction, tr("Down"));
    add(triage, m_previousAction, tr("Up"));
    entries.push_back(
        {triage, tr("Shift+Up / Shift+Down, Ctrl+click"), tr("Select several exceptions")});
    add(triage, m_approveAction);
    add(triage, m_rejectAction);
    add(triage, m_undoDecisionAction);
    add(triage, m_detailsAction);
    add(triage, m_backAction);
    add(triage, m_focusFilterAction);
    for (const QAction *action : std::as_const(m_queueActions))
        entries.push_back({triage, ShortcutsDialog::keysText(action->shortcuts()),
            tr("Show the queue: %1").arg(plainText(action))});
    const QString general = tr("Anywhere in the window");
    for (const QAction *action :
        {m_importFileAction, m_importFolderAction, m_openDatabaseAction, m_undoAction, m_redoAction,
            m_clearFiltersAction, m_whyNotAction, m_weightsAction, m_shortcutsAction, m_quitAction})
        add(general, action);
    entries.push_back(
        {tr("In the filter box"), tr("Enter / Esc"), tr("Apply now and go back to the queue")});

    auto *dialog = new ShortcutsDialog(entries, this);
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
