#include "ui/shell/mainwindowactions.h"

#include "ui/common/format.h"

#include <QAction>
#include <QActionGroup>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

QString plainText(const QAction *action)
{
    QString text = action->text();
    text.remove(u'&');
    if (text.endsWith(u'…'))
        text.chop(1);
    return text;
}

} // namespace

MainWindowActions::MainWindowActions(QMainWindow *window, QUndoStack *undoStack)
{
    auto make
        = [window](const QString &name, const QString &text, const QList<QKeySequence> &keys) {
              auto *action = new QAction(text, window);
              action->setObjectName(name);
              action->setShortcuts(keys);
              return action;
          };

    importFile = make(
        u"actionImportSnapshot"_s, tr("&Import snapshot…"), {QKeySequence(Qt::CTRL | Qt::Key_I)});
    importFile->setStatusTip(
        tr("Import a snapshot .zip or the manifest.json of a snapshot folder"));
    importFolder = make(u"actionImportFolder"_s, tr("Import snapshot &folder…"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I)});
    importDemo = make(u"actionImportDemo"_s, tr("Import &demo snapshot"), {});
    openDatabase = make(u"actionOpenDatabase"_s, tr("&Open database…"), {QKeySequence::Open});
    kpiReport = make(u"actionKpiReport"_s, tr("Export &report…"), {});
    kpiReport->setStatusTip(
        tr("A PDF of the KPI trends, the KPIs per snapshot and the largest exposures"));
    exportQueue = make(u"actionExportQueueTable"_s, tr("Export queue &table…"), {});
    exportQueue->setStatusTip(
        tr("The rows of the queue as shown, as a CSV file or an Excel workbook"));
    exportApproved = make(
        u"actionExportApproved"_s, tr("&Export approved…"), {QKeySequence(Qt::CTRL | Qt::Key_E)});
    exportApproved->setStatusTip(
        tr("Write the approved transfers, expedites and purchases not exported yet for the ERP"));
    quit = make(u"actionQuit"_s, tr("&Quit"), {QKeySequence(Qt::CTRL | Qt::Key_Q)});
    quit->setMenuRole(QAction::QuitRole);

    undo = undoStack->createUndoAction(window, tr("&Undo"));
    undo->setObjectName(u"actionUndo"_s);
    undo->setShortcuts(QKeySequence::Undo);
    redo = undoStack->createRedoAction(window, tr("&Redo"));
    redo->setObjectName(u"actionRedo"_s);
    redo->setShortcuts(QKeySequence::Redo);

    // Single-key triage: bound to the queue, the queue list and the detail panel only
    // (see QueuePage::addKeyActions), so typing in the filter box never approves anything.
    approve
        = make(u"actionApprove"_s, tr("&Approve top recommendation"), {QKeySequence(Qt::Key_A)});
    reject = make(u"actionReject"_s, tr("&Reject top recommendation"), {QKeySequence(Qt::Key_R)});
    undoDecision
        = make(u"actionUndoDecision"_s, tr("&Undo last decision"), {QKeySequence(Qt::Key_U)});
    next = make(u"actionNext"_s, tr("&Next exception"), {QKeySequence(Qt::Key_J)});
    previous = make(u"actionPrevious"_s, tr("&Previous exception"), {QKeySequence(Qt::Key_K)});
    details = make(u"actionShowDetails"_s, tr("Show &details"),
        {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    back = make(u"actionBackToQueue"_s, tr("&Back to the queue"), {QKeySequence(Qt::Key_Escape)});
    focusFilter = make(u"actionFocusFilter"_s, tr("&Filter…"), {QKeySequence(Qt::Key_Slash)});
    clearFilters = make(u"actionClearFilters"_s, tr("&Clear filters"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)});
    autoApproved = make(u"actionAutoApproved"_s, tr("Approved by &rule"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)});
    autoApproved->setStatusTip(tr("Every exception the policy's auto-approve rules approved, "
                                  "to check or undo before export"));
    for (int type = -1; type < engine::kExceptionTypeCount; ++type) {
        const QString label
            = type < 0 ? tr("All exceptions") : exceptionTypeLabel(engine::ExceptionType(type));
        QAction *action = make(
            u"actionQueue%1"_s.arg(type + 2), label, {QKeySequence(Qt::Key(Qt::Key_1 + type + 1))});
        action->setCheckable(true);
        queues << action;
    }
    for (QAction *action :
        {approve, reject, undoDecision, next, previous, details, back, focusFilter})
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    for (QAction *action : std::as_const(queues))
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    whyNot = make(
        u"actionWhyNot"_s, tr("&Why not?…"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y)});
    whyNot->setStatusTip(tr("Explain why a SKU-location is, or is not, in the queue"));
    auditTrail = make(u"actionAuditTrail"_s, tr("&Audit trail…"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)});
    auditTrail->setStatusTip(
        tr("Every sign-in, account change and decision, with the state of the hash chain"));
    overrideHistory = make(u"actionOverrideHistory"_s, tr("&Override history…"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H)});
    overrideHistory->setStatusTip(
        tr("Overrides and rejections, what became of them, and override rates"));
    kpis = make(u"actionKpis"_s, tr("&KPIs…"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K)});
    kpis->setStatusTip(tr("Exposure, fill rate, backorders, excess stock and decisions per "
                          "snapshot, as trends and a table"));
    simulation = make(u"actionSimulation"_s, tr("&Simulation…"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)});
    simulation->setStatusTip(tr("The transfer network: scenarios, their plans side by side, and "
                                "proposing a plan's transfers to the planners"));
    shortcuts = make(u"actionShortcuts"_s, tr("&Keyboard shortcuts"), {QKeySequence(Qt::Key_F1)});
    about = make(u"actionAbout"_s, tr("&About Planner Workbench"), {});
    about->setMenuRole(QAction::AboutRole);
}

void MainWindowActions::adoptWeightsToggle(QAction *toggle)
{
    weights = toggle;
    weights->setObjectName(u"actionWeights"_s);
    weights->setText(tr("What-if &weights panel"));
    weights->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    weights->setStatusTip(
        tr("Try other factor weights: the queue re-ranks live, nothing is saved"));
}

QList<QAction *> MainWindowActions::triageActions() const
{
    return {approve, reject, undoDecision, next, previous, focusFilter};
}

void MainWindowActions::buildMenus(QMainWindow *window, QUndoStack *undoStack)
{
    QMenuBar *bar = window->menuBar();
    QMenu *file = bar->addMenu(tr("&File"));
    file->addAction(importFile);
    file->addAction(importFolder);
    file->addAction(importDemo);
    recentSnapshots = file->addMenu(tr("Recent &snapshots"));
    recentSnapshots->setObjectName(u"menuRecentSnapshots"_s);
    file->addSeparator();
    file->addAction(openDatabase);
    recentDatabases = file->addMenu(tr("&Recent databases"));
    recentDatabases->setObjectName(u"menuRecentDatabases"_s);
    file->addSeparator();
    file->addAction(exportApproved);
    file->addAction(kpiReport);
    file->addAction(exportQueue);
    file->addSeparator();
    file->addAction(quit);

    QMenu *edit = bar->addMenu(tr("&Edit"));
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *triage = bar->addMenu(tr("&Triage"));
    triage->addAction(approve);
    triage->addAction(reject);
    triage->addAction(undoDecision);
    triage->addSeparator();
    triage->addAction(next);
    triage->addAction(previous);
    triage->addAction(details);
    triage->addAction(back);

    QMenu *view = bar->addMenu(tr("&View"));
    QMenu *queueMenu = view->addMenu(tr("&Queue"));
    auto *queueGroup = new QActionGroup(window);
    for (QAction *action : std::as_const(queues)) {
        queueGroup->addAction(action);
        queueMenu->addAction(action);
    }
    queues.front()->setChecked(true);
    view->addAction(focusFilter);
    view->addAction(clearFilters);
    view->addAction(autoApproved);
    view->addSeparator();
    view->addAction(whyNot);
    view->addAction(weights);
    view->addSeparator();
    view->addAction(auditTrail);
    view->addAction(overrideHistory);
    view->addAction(kpis);
    view->addAction(simulation);
    // A disabled item says why in its tooltip.
    view->setToolTipsVisible(true);

    QMenu *help = bar->addMenu(tr("&Help"));
    help->addAction(shortcuts);
    help->addAction(about);

    QToolBar *tools = window->addToolBar(tr("Main"));
    tools->setObjectName(u"mainToolBar"_s);
    tools->setMovable(false);
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addAction(importFile);
    tools->addSeparator();
    // The menu's undo/redo name the step ("Undo Approve shortage:…"); on the toolbar
    // that text would make the buttons jump, so they keep a short label and a tooltip.
    auto stackButton = [window, undoStack, tools](const QString &text, bool isRedo) {
        auto *action = new QAction(text, window);
        action->setEnabled(isRedo ? undoStack->canRedo() : undoStack->canUndo());
        QObject::connect(undoStack,
            isRedo ? &QUndoStack::canRedoChanged : &QUndoStack::canUndoChanged, action,
            &QAction::setEnabled);
        QObject::connect(undoStack,
            isRedo ? &QUndoStack::redoTextChanged : &QUndoStack::undoTextChanged, action,
            [action, text](const QString &step) { action->setToolTip(text + u' ' + step); });
        QObject::connect(
            action, &QAction::triggered, undoStack, isRedo ? &QUndoStack::redo : &QUndoStack::undo);
        tools->addAction(action);
    };
    stackButton(tr("Undo"), false);
    stackButton(tr("Redo"), true);
    tools->addSeparator();
    tools->addAction(whyNot);
    tools->addAction(weights);
}

QList<ShortcutsDialog::Entry> MainWindowActions::shortcutEntries() const
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
    add(triage, next, tr("Down"));
    add(triage, previous, tr("Up"));
    entries.push_back(
        {triage, tr("Shift+Up / Shift+Down, Ctrl+click"), tr("Select several exceptions")});
    add(triage, approve);
    add(triage, reject);
    add(triage, undoDecision);
    add(triage, details);
    add(triage, back);
    add(triage, focusFilter);
    for (const QAction *action : std::as_const(queues))
        entries.push_back({triage, ShortcutsDialog::keysText(action->shortcuts()),
            tr("Show the queue: %1").arg(plainText(action))});
    const QString general = tr("Anywhere in the window");
    for (const QAction *action : {importFile, importFolder, openDatabase, exportApproved, undo,
             redo, clearFilters, autoApproved, whyNot, weights, auditTrail, overrideHistory, kpis,
             simulation, shortcuts, quit})
        add(general, action);
    entries.push_back(
        {tr("In the filter box"), tr("Enter / Esc"), tr("Apply now and go back to the queue")});
    return entries;
}

} // namespace ui
