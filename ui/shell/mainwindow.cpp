#include "ui/shell/mainwindow.h"

#include "engine/scoring/scoringoutput.h"
#include "ui/audit/auditpage.h"
#include "ui/common/appsettings.h"
#include "ui/common/format.h"
#include "ui/common/shortcutsdialog.h"
#include "ui/detail/whynotdialog.h"
#include "ui/export/exportdialog.h"
#include "ui/history/overridehistorypage.h"
#include "ui/import/importcontroller.h"
#include "ui/import/importerrordialog.h"
#include "ui/kpi/kpipage.h"
#include "ui/queues/queuemodel.h"
#include "ui/queues/queuepage.h"
#include "ui/queues/weightspanel.h"
#include "ui/shell/snapshotstatus.h"
#include "ui/simulation/simulationpage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>

#include <utility>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

/// "1 exception", "1,250 exceptions" (no translation files yet, so no %n plurals).
QString exceptionCount(qint64 count)
{
    return count == 1 ? MainWindow::tr("1 exception")
                      : MainWindow::tr("%1 exceptions").arg(QLocale().toString(count));
}

} // namespace

MainWindow::MainWindow(
    AppSettings *settings, const model::User &user, DatabaseOpener openDatabase, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_openDatabase(std::move(openDatabase))
    , m_user(user)
    , m_undoStack(new QUndoStack(this))
    , m_importer(new ImportController(this, this))
    , m_actions(this, m_undoStack)
    , m_page(new QueuePage(user, m_undoStack, this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Planner Workbench"));

    connectActions();
    setCentralWidget(m_page);
    createWeightsDock();
    m_page->addKeyActions(
        m_actions.triageActions() + m_actions.queues, m_actions.details, m_actions.back);
    createMenus();
    createStatusBar();
    connectPage();
    connect(m_importer, &ImportController::succeeded, this, &MainWindow::onImportSucceeded);
    connect(m_importer, &ImportController::failed, this, &MainWindow::onImportFailed);

    restoreLayout();
    updateStatus();
    updateRoleActions();
}

MainWindow::~MainWindow()
{
    // Commands and the page point at the workbench; drop them before it goes.
    m_undoStack->clear();
    delete m_page;
}

QueueModel *MainWindow::queueModel() const
{
    return m_page->model();
}

AuditPage *MainWindow::auditPage() const
{
    return m_auditPage;
}

OverrideHistoryPage *MainWindow::overrideHistoryPage() const
{
    return m_historyPage;
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
        [this] { m_page->decideSelected(model::Decision::Approved); });
    connect(a.reject, &QAction::triggered, this,
        [this] { m_page->decideSelected(model::Decision::Rejected); });
    connect(a.undoDecision, &QAction::triggered, this, [this] { m_undoStack->undo(); });
    connect(a.next, &QAction::triggered, this, [this] { m_page->moveCurrent(+1); });
    connect(a.previous, &QAction::triggered, this, [this] { m_page->moveCurrent(-1); });
    connect(a.details, &QAction::triggered, this, [this] { m_page->focusDetails(); });
    connect(a.back, &QAction::triggered, this, [this] { m_page->focusTable(); });
    connect(a.focusFilter, &QAction::triggered, this, [this] { m_page->focusFilter(); });
    connect(a.clearFilters, &QAction::triggered, this, [this] { m_page->clearFilters(); });
    connect(a.autoApproved, &QAction::triggered, this,
        [this] { m_page->showDecisions(DecisionView::ByRule); });
    for (int type = -1; type + 1 < a.queues.size(); ++type)
        connect(a.queues[type + 1], &QAction::triggered, this,
            [this, type] { m_page->switchQueue(type); });
    connect(a.whyNot, &QAction::triggered, this, &MainWindow::showWhyNot);
    connect(a.exportApproved, &QAction::triggered, this, &MainWindow::showExport);
    connect(a.shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(a.about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(a.auditTrail, &QAction::triggered, this, &MainWindow::showAuditTrail);
    connect(a.overrideHistory, &QAction::triggered, this, &MainWindow::showOverrideHistory);
    connect(a.kpis, &QAction::triggered, this, &MainWindow::showKpis);
    connect(a.exportQueue, &QAction::triggered, m_page, &QueuePage::chooseTableExport);
    connect(a.simulation, &QAction::triggered, this, &MainWindow::showSimulation);
    connect(a.kpiReport, &QAction::triggered, this, [this] {
        showKpis();
        findChild<KpiPage *>()->chooseReportFile();
    });
}

void MainWindow::connectPage()
{
    connect(m_page, &QueuePage::rowsChanged, this, &MainWindow::updateStatus);
    connect(m_page, &QueuePage::queueLoaded, this, &MainWindow::queueLoaded);
    connect(m_page, &QueuePage::queueSwitched, this, [this](int type) {
        if (type + 1 >= 0 && type + 1 < m_actions.queues.size())
            m_actions.queues[type + 1]->setChecked(true);
    });
    connect(m_page, &QueuePage::whatIfChanged, m_status, &SnapshotStatus::setWhatIf);
    connect(m_page, &QueuePage::statusMessage, this, [this](const QString &message, int timeoutMs) {
        statusBar()->showMessage(message, timeoutMs);
    });
    connect(m_page, &QueuePage::errorOccurred, this, &MainWindow::showError);
}

void MainWindow::createWeightsDock()
{
    m_weightsDock = new QDockWidget(tr("What-if weights"), this);
    m_weightsDock->setObjectName(u"weightsDock"_s);
    m_weightsDock->setWidget(m_page->weightsPanel());
    m_weightsDock->setAllowedAreas(
        Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea | Qt::BottomDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_weightsDock);
    m_weightsDock->hide();
    m_actions.adoptWeightsToggle(m_weightsDock->toggleViewAction());
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
    m_page->restoreLayout(*m_settings, width());
    const int type = m_page->currentType();
    if (type + 1 >= 0 && type + 1 < m_actions.queues.size())
        m_actions.queues[type + 1]->setChecked(true);
}

void MainWindow::saveLayout()
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_page->saveLayout(*m_settings);
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

model::Result<void> MainWindow::setWorkbench(std::unique_ptr<model::Workbench> workbench)
{
    if (m_importer->isRunning())
        return std::unexpected(model::Error {model::Error::Usage,
            tr("An import is running: wait for it to finish before opening another database."),
            {}});
    m_undoStack->clear();
    m_importWarnings.clear();
    m_warningsButton->hide();
    // The page lets go of the previous workbench before it closes.
    const std::unique_ptr<model::Workbench> previous
        = std::exchange(m_workbench, std::move(workbench));
    if (m_workbench) {
        rememberDatabase(m_workbench->databasePath());
        setWindowTitle(
            tr("%1 — Planner Workbench").arg(QFileInfo(m_workbench->databasePath()).fileName()));
    } else {
        setWindowTitle(tr("Planner Workbench"));
    }
    m_page->setWorkbench(m_workbench.get());
    // The audit and history windows follow the database on show.
    const QString path = m_workbench ? m_workbench->databasePath() : QString();
    if (m_auditPage)
        m_auditPage->load(path);
    if (m_historyPage)
        m_historyPage->load(path, m_user);
    if (auto *kpis = findChild<KpiPage *>())
        kpis->load(path);
    if (auto *simulation = findChild<SimulationPage *>())
        simulation->load(path, m_user);
    return {};
}

model::Result<void> MainWindow::openDatabase(const QString &path)
{
    if (m_importer->isRunning())
        return std::unexpected(model::Error {model::Error::Usage,
            tr("An import is running: wait for it to finish before opening another database."),
            {}});
    if (!m_openDatabase)
        return std::unexpected(model::Error {
            model::Error::Usage, tr("This window cannot open another database."), {}});
    auto opened = m_openDatabase(path);
    if (!opened)
        return std::unexpected(opened.error());
    return setWorkbench(std::move(*opened));
}

void MainWindow::rememberDatabase(const QString &path)
{
    m_settings->addRecentDatabase(path);
    refreshRecentMenus();
}

void MainWindow::updateStatus()
{
    const QueueModel *model = m_page->model();
    m_status->setQueue(model->queue(), model->rowCount());
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
    // The database's governed policy (pwb policy), else the built-in one.
    auto policy = m_workbench->policies().effective();
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
    m_page->reload();
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

QString MainWindow::aboutText()
{
    const QString commit = qApp->property("buildCommit").toString();
    return tr("<h3>Planner Workbench %1</h3>"
              "<p>Ranks inventory exceptions by what they cost the business, explains every "
              "score and recommends what to do about it.</p>"
              "<p>Scoring %2<br>Built from commit %3<br>Qt %4</p>"
              "<p>Licensed under the MIT licence.</p>")
        .arg(QCoreApplication::applicationVersion().toHtmlEscaped(),
            QString::fromLatin1(engine::kScoringVersion).toHtmlEscaped(),
            (commit.isEmpty() ? tr("unknown") : commit).toHtmlEscaped(),
            QString::fromLatin1(qVersion()));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Planner Workbench"), aboutText());
}

void MainWindow::setUser(const model::User &user)
{
    m_user = user;
    m_page->setUser(user);
    updateRoleActions();
    if (m_historyPage) {
        if (engine::roleCovers(user.role, OverrideHistoryPage::kRole))
            m_historyPage->load(m_workbench ? m_workbench->databasePath() : QString(), user);
        else
            m_historyPage->close(); // what the last user saw is not for this one
    }
}

void MainWindow::updateRoleActions()
{
    const bool manager = engine::roleCovers(m_user.role, OverrideHistoryPage::kRole);
    m_actions.overrideHistory->setEnabled(manager);
    m_actions.overrideHistory->setToolTip(manager
            ? tr("Overrides and rejections, what became of them, and override rates")
            : tr("Needs the manager role: %1 is signed in as a %2.")
                  .arg(m_user.name, roleLabel(m_user.role).toLower()));
}

void MainWindow::showAuditTrail()
{
    if (!m_auditPage) {
        m_auditPage = new AuditPage(this);
        m_auditPage->setWindowFlag(Qt::Window);
        m_auditPage->setAttribute(Qt::WA_DeleteOnClose);
        m_auditPage->resize(std::max(1100, width() - 80), std::max(600, height() - 120));
    }
    m_auditPage->load(m_workbench ? m_workbench->databasePath() : QString());
    m_auditPage->show();
    m_auditPage->raise();
    m_auditPage->activateWindow();
}

void MainWindow::showOverrideHistory()
{
    if (!engine::roleCovers(m_user.role, OverrideHistoryPage::kRole))
        return; // the action is disabled; a shortcut must not get round it
    if (!m_historyPage) {
        m_historyPage = new OverrideHistoryPage(this);
        m_historyPage->setWindowFlag(Qt::Window);
        m_historyPage->setAttribute(Qt::WA_DeleteOnClose);
        m_historyPage->resize(std::max(1100, width() - 80), std::max(700, height() - 80));
    }
    m_historyPage->load(m_workbench ? m_workbench->databasePath() : QString(), m_user);
    m_historyPage->show();
    m_historyPage->raise();
    m_historyPage->activateWindow();
}

void MainWindow::showKpis()
{
    auto *page = findChild<KpiPage *>();
    if (!page) {
        page = new KpiPage(this);
        page->setWindowFlag(Qt::Window);
        page->setAttribute(Qt::WA_DeleteOnClose);
        page->resize(std::max(1100, width() - 80), std::max(700, height() - 80));
    }
    page->load(m_workbench ? m_workbench->databasePath() : QString());
    page->show();
    page->raise();
    page->activateWindow();
}

void MainWindow::showSimulation()
{
    auto *page = findChild<SimulationPage *>();
    if (!page) {
        page = new SimulationPage(this);
        page->setWindowFlag(Qt::Window);
        page->setAttribute(Qt::WA_DeleteOnClose);
        page->resize(std::max(1400, width() - 40), std::max(860, height() - 40));
        connect(page, &SimulationPage::message, statusBar(),
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    }
    page->load(m_workbench ? m_workbench->databasePath() : QString(), m_user);
    page->show();
    page->raise();
    page->activateWindow();
}

void MainWindow::showExport()
{
    if (!m_workbench) {
        showError(tr("Export approved"), tr("Open a database first."));
        return;
    }
    const QString folder = QFileInfo(m_workbench->databasePath()).dir().filePath(u"erp-export"_s);
    auto *dialog = new ExportDialog(m_workbench->databasePath(), m_user, folder, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showError(const QString &title, const QString &message)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Close, this);
    box->setObjectName(u"errorMessage"_s);
    box->setTextFormat(Qt::PlainText); // messages quote snapshot values
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace ui
