#include "ui/queues/queuepage.h"

#include "ui/common/appsettings.h"
#include "ui/common/csvtable.h"
#include "ui/common/format.h"
#include "ui/decisions/decisioncommands.h"
#include "ui/decisions/overridedialog.h"
#include "ui/decisions/triagecontroller.h"
#include "ui/detail/detailpanel.h"
#include "ui/queues/filterbar.h"
#include "ui/queues/queueexport.h"
#include "ui/queues/queuelist.h"
#include "ui/queues/queuemodel.h"
#include "ui/queues/queuetableview.h"
#include "ui/queues/weightspanel.h"
#include "ui/simulation/proposallist.h"

#include <QAction>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

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

} // namespace

QueuePage::QueuePage(const model::User &user, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_model(new QueueModel(this))
    , m_recorder(new DecisionRecorder(this))
    , m_triage(new TriageController(m_model, m_recorder, undoStack, this))
{
    setObjectName(u"queuePage"_s);
    m_recorder->setUser(user);
    m_user = user;
    createWidgets();

    connect(m_model, &QueueModel::rowsRebuilt, this, [this] {
        updateTally();
        Q_EMIT rowsChanged();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &QueuePage::showCurrentExplanation);
    connect(m_queueList, &QueueList::currentTypeChanged, this, &QueuePage::switchQueue);
    connect(m_filterBar, &FilterBar::criteriaChanged, this, &QueuePage::applyCriteria);
    connect(m_filterBar, &FilterBar::leaveRequested, this, [this] { m_table->setFocus(); });
    // The panel already waits for a burst of edits to settle before it signals.
    connect(m_weightsPanel, &WeightsPanel::weightsChanged, this, &QueuePage::applyWeights);
    connect(m_detailPanel, &DetailPanel::approveRequested, this, [this](int recommendation) {
        m_triage->decideOne(
            m_detailPanel->exceptionId(), recommendation, model::Decision::Approved);
    });
    connect(m_detailPanel, &DetailPanel::rejectRequested, this, [this](int recommendation) {
        m_triage->decideOne(
            m_detailPanel->exceptionId(), recommendation, model::Decision::Rejected);
    });
    connect(m_detailPanel, &DetailPanel::overrideRequested, this, &QueuePage::askOverride);
    connect(m_detailPanel, &DetailPanel::secondApprovalRequested, this, &QueuePage::approveSecond);
    connect(m_triage, &TriageController::standingChanged, this,
        [this](const QString &exceptionId, model::Decision::Kind, int) {
            if (m_detailPanel->exceptionId() == exceptionId)
                showStandingDecision();
        });
    connect(m_recorder, &DecisionRecorder::failed, this, [this](const QString &message) {
        Q_EMIT errorOccurred(tr("Decision not recorded"), message);
    });
    // Another process (a nightly pwb import, a colleague's window) may change the
    // database while this window is open: look every two seconds.
    m_changeTimer = new QTimer(this);
    m_changeTimer->setInterval(2000);
    connect(m_changeTimer, &QTimer::timeout, this, &QueuePage::checkForChanges);
    m_changeTimer->start();

    showQueueState();
    updateTally();
}

QueuePage::~QueuePage() = default;

void QueuePage::setUser(const model::User &user)
{
    m_recorder->setUser(user);
    m_user = user;
    m_proposals->load(m_workbench ? m_workbench->databasePath() : QString(), m_user);
    // Who may give a second approval depends on who is at the window.
    if (!m_detailPanel->exceptionId().isEmpty())
        showStandingDecision();
}

void QueuePage::createWidgets()
{
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->setChildrenCollapsible(false);

    // The queues, and below them the network proposals, which are no exceptions of
    // the run and so have a list of their own.
    auto *left = new QWidget(m_splitter);
    m_queueList = new QueueList(left);
    m_proposalsButton = new QPushButton(tr("Network proposals"), left);
    m_proposalsButton->setObjectName(u"proposalQueueButton"_s);
    m_proposalsButton->setCheckable(true);
    m_proposalsButton->setToolTip(
        tr("Transfers that a scenario's network plan proposes, to approve or reject"));
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_queueList, 1);
    leftLayout->addWidget(m_proposalsButton);

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
    m_emptyState->setTextFormat(Qt::PlainText); // may name the snapshot

    m_table = new QueueTableView(m_model, m_tableStack);
    m_tableStack->addWidget(m_emptyState);
    m_tableStack->addWidget(m_table);
    m_proposals = new ProposalList(m_tableStack);
    m_tableStack->addWidget(m_proposals);
    connect(m_proposalsButton, &QPushButton::clicked, this, &QueuePage::showProposals);
    connect(m_proposals, &ProposalList::message, this,
        [this](const QString &text) { Q_EMIT statusMessage(text, 8000); });
    connect(m_proposals, &ProposalList::changed, this, [this] {
        const int open = m_proposals->undecidedCount();
        m_proposalsButton->setText(
            open > 0 ? tr("Network proposals (%1 to decide)").arg(open) : tr("Network proposals"));
    });
    // Back from the proposals to the queue chosen, even when it was chosen already.
    connect(m_queueList, &QListView::clicked, this, [this] { leaveProposals(); });

    auto *layout = new QVBoxLayout(centre);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tableStack, 1);

    m_detailPanel = new DetailPanel(m_splitter);

    m_splitter->addWidget(left);
    m_splitter->addWidget(centre);
    m_splitter->addWidget(m_detailPanel);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);

    // The window moves it into a dock of its own.
    m_weightsPanel = new WeightsPanel(this);

    // The filters narrow the queue list's counts as well as the table, so the bar
    // spans both; full width also leaves every picker room for its longest entry.
    m_filterBar = new FilterBar(this);
    auto *rootLayout = new QVBoxLayout(this);
    rootLayout->setContentsMargins(6, 6, 6, 0);
    rootLayout->setSpacing(6);
    rootLayout->addWidget(m_filterBar);
    rootLayout->addWidget(m_splitter, 1);
}

void QueuePage::addKeyActions(const QList<QAction *> &keyActions, QAction *details, QAction *back)
{
    for (QWidget *widget : {static_cast<QWidget *>(m_table), static_cast<QWidget *>(m_queueList),
             static_cast<QWidget *>(m_detailPanel)})
        widget->addActions(keyActions);
    m_table->addAction(details);
    m_queueList->addAction(details);
    m_detailPanel->addAction(back);
}

void QueuePage::restoreLayout(const AppSettings &settings, int width)
{
    if (!m_splitter->restoreState(settings.splitterState())) {
        const int list = m_queueList->sizeHint().width();
        // The narrow end of what the detail panel reads well at, so the queue keeps room.
        const int detail = 390;
        m_splitter->setSizes({list, std::max(400, width - list - detail), detail});
    }
    m_table->restoreHeader(settings.tableHeaderState());

    const QueueCriteria criteria = settings.criteria();
    m_filterBar->setCriteria(criteria);
    m_model->setCriteria(criteria);
    const QSignalBlocker blocker(m_queueList);
    m_queueList->setCurrentType(criteria.type);
}

void QueuePage::saveLayout(AppSettings &settings) const
{
    settings.setSplitterState(m_splitter->saveState());
    settings.setTableHeaderState(m_table->horizontalHeader()->saveState());
    settings.setCriteria(m_model->criteria());
}

// --- workbench and queue --------------------------------------------------------

void QueuePage::setWorkbench(model::Workbench *workbench)
{
    m_workbench = workbench;
    m_recorder->setWorkbench(workbench);
    reload();
    m_proposals->load(workbench ? workbench->databasePath() : QString(), m_user);
}

void QueuePage::reload()
{
    m_shownExplanation.reset();
    m_triage->setStandingDecisions({});
    if (!m_workbench) {
        m_model->clear();
        showQueueState();
        return;
    }
    auto queue = m_workbench->runs().queue();
    if (!queue) {
        m_model->clear();
        showQueueState();
        Q_EMIT errorOccurred(tr("Cannot read the queue"), queue.error().message);
        return;
    }
    // Without them the table would show no decision status; the queue is still worth showing.
    if (auto decisions = m_workbench->decisions().standing())
        m_triage->setStandingDecisions(std::move(*decisions));
    else
        Q_EMIT statusMessage(tr("Cannot read the decisions: %1").arg(decisions.error().message), 0);
    // The stored scores used the run's policy weights: the what-if baseline.
    QueueModel::Weights weights = engine::Policy {}.weights;
    engine::RankBy rankBy = engine::Policy {}.rankBy;
    if (auto policy = m_workbench->runs().runPolicy()) {
        weights = policy->weights;
        rankBy = policy->rankBy;
    }
    const QString keep = m_detailPanel->exceptionId();
    m_filterBar->setChoices(queue->locationIds, queue->supplierIds, queue->snapshot.currency);
    m_model->setQueue(std::move(*queue), weights, rankBy);
    {
        // The panel's echo of the baseline must not count as a what-if change.
        const QSignalBlocker blocker(m_weightsPanel);
        m_weightsPanel->setPolicyWeights(weights);
        m_weightsPanel->setWeights(weights);
    }
    m_table->setWhatIf(false);
    Q_EMIT whatIfChanged(false);
    showQueueState();
    selectFirstRowOr(keep.isEmpty() ? -1 : m_model->findException(keep));
    // Decisions go to the run on screen, or are refused once another is the latest.
    m_recorder->setRun(m_model->queue().run.runId);
    if (auto version = m_workbench->dataVersion())
        m_dataVersion = *version;
    Q_EMIT queueLoaded();
}

void QueuePage::askOverride(int recommendationIndex)
{
    if (!m_shownExplanation || !m_shownExplanation->exception)
        return;
    const auto &recommendations = m_shownExplanation->exception->recommendations;
    if (recommendationIndex < 0 || std::size_t(recommendationIndex) >= recommendations.size())
        return;
    const engine::Recommendation &r = recommendations[std::size_t(recommendationIndex)];
    const QString exceptionId = m_detailPanel->exceptionId();
    OverrideDialog dialog(
        tr("%1: %2 %3 units").arg(exceptionId, actionLabel(r.action), formatQty(r.qty)), r.qty,
        this);
    const qint64 run = m_model->queue().run.runId;
    if (dialog.exec() != QDialog::Accepted)
        return;
    // The queue may have been refreshed while the dialog was open (another process
    // scored or imported): the recommendation asked about may not be the one there now.
    if (m_model->queue().run.runId != run) {
        Q_EMIT errorOccurred(tr("Decision not recorded"),
            tr("The queue was refreshed to run %1 while the override was being entered. Look "
               "at the recommendation again and override it there.")
                .arg(m_model->queue().run.runId));
        return;
    }
    m_triage->decideOne(
        exceptionId, recommendationIndex, model::Decision::Overridden, dialog.details());
}

void QueuePage::checkForChanges()
{
    if (!m_workbench || m_dataVersion < 0)
        return;
    auto version = m_workbench->dataVersion();
    if (!version || *version == m_dataVersion)
        return;
    const qint64 before = m_model->queue().run.runId;
    reload();
    m_proposals->refresh();
    const qint64 after = m_model->queue().run.runId;
    Q_EMIT statusMessage(after != before
            ? tr("Another process changed the database: now showing run %1 (it was run %2).")
                  .arg(after)
                  .arg(before)
            : tr("Another process changed the database: the queue and its decisions were "
                 "refreshed."),
        0);
}

void QueuePage::showQueueState()
{
    const model::Queue &queue = m_model->queue();
    QString empty;
    if (!m_workbench)
        empty = tr("No database open — File > Open database… (Ctrl+O)");
    else if (queue.snapshot.version == 0)
        empty = tr("No snapshot loaded — File > Import snapshot… (Ctrl+I)\n\n"
                   "To look around first: File > Import demo snapshot");
    else if (queue.size() == 0)
        empty
            = tr("Nothing to do: snapshot %1 raises no exceptions.").arg(queue.snapshot.snapshotId);
    else if (m_model->rowCount() == 0)
        empty = tr(
            "No exception in this queue matches the filters — View > Clear filters (Ctrl+Shift+L)");
    m_emptyState->setText(empty);
    if (m_proposalsButton->isChecked()) {
        m_tableStack->setCurrentWidget(m_proposals);
        return;
    }
    m_tableStack->setCurrentWidget(
        empty.isEmpty() ? static_cast<QWidget *>(m_table) : m_emptyState);
    if (!empty.isEmpty())
        m_detailPanel->clear(
            tr("Select an exception in the queue to see why it ranks where it does."));
}

void QueuePage::updateTally()
{
    m_queueList->setTally(m_model->tally(), m_model->queue().snapshot.currency);
}

// --- selection and detail -------------------------------------------------------

qint32 QueuePage::currentSourceRow() const
{
    return m_model->sourceRow(m_table->currentIndex());
}

void QueuePage::selectSourceRow(qint32 sourceRow)
{
    const QModelIndex index = m_model->indexOfSourceRow(sourceRow);
    if (!index.isValid())
        return;
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void QueuePage::selectFirstRowOr(qint32 sourceRow)
{
    if (m_model->indexOfSourceRow(sourceRow).isValid())
        selectSourceRow(sourceRow);
    else if (m_model->rowCount() > 0)
        selectSourceRow(m_model->sourceRow(m_model->index(0, 0)));
    showQueueState();
    showCurrentExplanation();
}

void QueuePage::showCurrentExplanation()
{
    const qint32 row = currentSourceRow();
    if (row < 0 || !m_workbench) {
        m_shownExplanation.reset();
        if (m_model->rowCount() > 0)
            m_detailPanel->clear();
        return;
    }
    const QString id = m_model->queue().exceptionId(row);
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
    if (m_model->isReweighted())
        m_detailPanel->setExplanation(
            withWeights(*m_shownExplanation, m_model->weights(), m_model->liveRank(row)));
    else
        m_detailPanel->setExplanation(*m_shownExplanation);
    showStandingDecision();
}

void QueuePage::showStandingDecision()
{
    const auto standing = m_triage->standingDecision(m_detailPanel->exceptionId());
    m_detailPanel->setDecision(standing ? standing->kind : model::Decision::None,
        standing ? standing->recommendationIndex : -1, standing && standing->awaitingCheck());
    SecondApproval second;
    if (standing)
        second.checkedBy = standing->checkedBy;
    if (standing && standing->awaitingCheck()) {
        const model::User &user = m_recorder->user();
        // The model decides (DecisionStore::record); the card only says beforehand
        // what it would refuse.
        if (standing->user.compare(user.name, Qt::CaseInsensitive) == 0) {
            second.why = tr("%1 approved this first: another user must give the second "
                            "approval.")
                             .arg(standing->user);
        } else if (m_shownExplanation && m_shownExplanation->exception
            && standing->recommendationIndex >= 0
            && std::size_t(standing->recommendationIndex)
                < m_shownExplanation->exception->recommendations.size()) {
            const engine::Role needed = model::DecisionStore::roleNeeded(
                m_shownExplanation->exception
                    ->recommendations[std::size_t(standing->recommendationIndex)],
                standing->kind, standing->overrideQty, m_shownExplanation->exception->worstTier,
                m_shownExplanation->policy);
            second.allowed = engine::roleCovers(user.role, needed);
            if (!second.allowed)
                second.why = tr("The second approval needs the %1 role; %2 is a %3.")
                                 .arg(roleLabel(needed).toLower(), user.name,
                                     roleLabel(user.role).toLower());
        }
    }
    m_detailPanel->setSecondApproval(second);
}

void QueuePage::approveSecond(int recommendationIndex)
{
    const QString id = m_detailPanel->exceptionId();
    const auto standing = m_triage->standingDecision(id);
    if (id.isEmpty() || !standing || standing->recommendationIndex != recommendationIndex)
        return;
    m_triage->approveSecond(id);
}

void QueuePage::moveCurrent(int delta)
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    const int current = m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -delta;
    const int next = std::clamp(current + delta, 0, rows - 1);
    const QModelIndex index = m_model->index(next, std::max(0, m_table->currentIndex().column()));
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void QueuePage::focusTable()
{
    m_table->setFocus(Qt::ShortcutFocusReason);
}

void QueuePage::focusDetails()
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

void QueuePage::focusFilter()
{
    m_filterBar->focusText();
}

void QueuePage::clearFilters()
{
    m_filterBar->clearFilters();
}

void QueuePage::showDecisions(DecisionView view)
{
    switchQueue(-1);
    m_filterBar->showDecisions(view);
}

// --- narrowing and what-if ------------------------------------------------------

int QueuePage::currentType() const
{
    return m_queueList->currentType();
}

void QueuePage::applyCriteria()
{
    const qint32 keep = currentSourceRow();
    QueueCriteria criteria = m_filterBar->criteria();
    criteria.type = m_queueList->currentType();
    m_model->setCriteria(criteria);
    selectFirstRowOr(keep);
}

void QueuePage::showProposals()
{
    m_proposalsButton->setChecked(true);
    // No queue is on show: none is marked (the current one stays, to go back to).
    m_queueList->selectionModel()->clearSelection();
    m_proposals->load(m_workbench ? m_workbench->databasePath() : QString(), m_user);
    m_tableStack->setCurrentWidget(m_proposals);
    m_detailPanel->clear(tr("Network proposals are transfers of a scenario's plan: select them "
                            "and approve or reject them here."));
    m_proposals->table()->setFocus();
}

void QueuePage::leaveProposals()
{
    if (!m_proposalsButton->isChecked())
        return;
    m_proposalsButton->setChecked(false);
    // The queue chosen is marked again (showProposals() left it unmarked).
    m_queueList->selectionModel()->select(
        m_queueList->currentIndex(), QItemSelectionModel::ClearAndSelect);
    showQueueState();
}

bool QueuePage::showsProposals() const
{
    return m_tableStack->currentWidget() == m_proposals;
}

void QueuePage::switchQueue(int type)
{
    leaveProposals();
    if (m_queueList->currentType() != type) {
        // Selecting the row re-enters here through currentTypeChanged.
        m_queueList->setCurrentType(type);
        return;
    }
    Q_EMIT queueSwitched(type);
    QueueCriteria criteria = m_filterBar->criteria();
    criteria.type = type;
    m_model->setCriteria(criteria);
    // A new queue starts at its most costly exception.
    selectFirstRowOr(-1);
}

void QueuePage::applyWeights()
{
    const qint32 keep = currentSourceRow();
    m_model->setWeights(m_weightsPanel->weights());
    const bool whatIf = m_model->isReweighted();
    m_table->setWhatIf(whatIf);
    Q_EMIT whatIfChanged(whatIf);
    // Keep the same exception selected so the planner sees where it moves.
    selectFirstRowOr(keep);
}

// --- decisions ------------------------------------------------------------------

void QueuePage::decideSelected(model::Decision::Kind kind)
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
        Q_EMIT statusMessage(message, 6000);
}

model::Result<void> QueuePage::exportTable(const QString &path)
{
    return writeTableFile(path, tr("Queue"), queueTableHeader(*m_model), queueTableRows(*m_model));
}

void QueuePage::chooseTableExport()
{
    askTableExport(
        this, tr("Export the queue table"), u"queue"_s,
        [this](const QString &path) { return exportTable(path); },
        [this](const QString &path) {
            Q_EMIT statusMessage(
                tr("Wrote %1 rows to %2")
                    .arg(QString::number(m_model->rowCount()), QDir::toNativeSeparators(path)),
                0);
        });
}

} // namespace ui
