#include "ui/audit/auditpage.h"

#include "model/workbench.h"
#include "ui/audit/auditmodel.h"
#include "ui/common/csvtable.h"
#include "ui/common/daterangeedit.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <array>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

/// Reads and checks the trail through a connection of its own (one per thread).
AuditReading readTrail(const QString &path)
{
    AuditReading reading;
    auto workbench = model::Workbench::openAs(path, model::OpenMode::ReadOnly);
    if (!workbench) {
        reading.error = workbench.error();
        return reading;
    }
    auto events = (*workbench)->audit().events();
    if (!events) {
        reading.error = events.error();
        return reading;
    }
    auto check = (*workbench)->audit().verify();
    if (!check) {
        reading.error = check.error();
        return reading;
    }
    reading.events = std::move(*events);
    reading.check = std::move(*check);
    return reading;
}

void setBanner(QLabel *label, bool good)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::Window, good ? QColor(0xe6, 0xf4, 0xe8) : QColor(0xfd, 0xe8, 0xe8));
    palette.setColor(
        QPalette::WindowText, good ? QColor(0x1e, 0x5b, 0x2a) : QColor(0x9b, 0x1c, 0x1c));
    label->setPalette(palette);
}

} // namespace

AuditPage::AuditPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new AuditModel(this))
    , m_filter(new AuditFilterModel(m_model, this))
{
    setObjectName(u"auditPage"_s);
    setWindowTitle(tr("Audit trail — Planner Workbench"));
    createWidgets();
    connect(&m_watcher, &QFutureWatcher<AuditReading>::finished, this, &AuditPage::onLoaded);
    showState();
}

AuditPage::~AuditPage()
{
    // The reading holds its own connection; let it end before the page goes.
    m_watcher.waitForFinished();
}

void AuditPage::createWidgets()
{
    m_chain = new QLabel(this);
    m_chain->setObjectName(u"auditChainStatus"_s);
    m_chain->setAutoFillBackground(true);
    m_chain->setMargin(8);
    m_chain->setWordWrap(true);
    m_chain->setTextFormat(Qt::PlainText);
    m_chain->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_chain->font();
    bold.setBold(true);
    m_chain->setFont(bold);

    m_search = new QLineEdit(this);
    m_search->setObjectName(u"auditSearch"_s);
    m_search->setPlaceholderText(tr("Search every column…"));
    m_search->setClearButtonEnabled(true);
    m_event = new QComboBox(this);
    m_event->setObjectName(u"auditEventFilter"_s);
    m_event->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_user = new QComboBox(this);
    m_user->setObjectName(u"auditUserFilter"_s);
    m_user->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_dates = new DateRangeEdit(this);
    m_dates->setObjectName(u"auditDates"_s);
    auto *clear = new QPushButton(tr("Clear filters"), this);
    clear->setObjectName(u"auditClearFilters"_s);
    auto *refresh = new QPushButton(tr("Refresh"), this);
    refresh->setObjectName(u"auditRefresh"_s);
    m_export = new QPushButton(tr("Export table…"), this);
    m_export->setObjectName(u"auditExport"_s);
    m_export->setToolTip(tr("Write the rows shown to a CSV file"));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 2);
    filters->addWidget(new QLabel(tr("Event"), this));
    filters->addWidget(m_event);
    filters->addWidget(new QLabel(tr("User"), this));
    filters->addWidget(m_user);
    filters->addWidget(m_dates);
    filters->addWidget(clear);
    filters->addStretch(1);
    filters->addWidget(refresh);
    filters->addWidget(m_export);

    m_table = new QTableView(this);
    m_table->setObjectName(u"auditTable"_s);
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AuditModel::Seq, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(AuditModel::Detail, QHeaderView::Stretch);
    const int digit = m_table->fontMetrics().horizontalAdvance(u'0');
    const std::array<int, AuditModel::ColumnCount> widths {
        6, 22, 12, 9, 15, 30, 16, 40, 20, 13, 14};
    for (int c = 0; c < AuditModel::ColumnCount; ++c)
        header->resizeSection(c, widths[std::size_t(c)] * digit);

    m_empty = new QLabel(this);
    m_empty->setObjectName(u"auditEmptyState"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::PlainText);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_table);

    m_count = new QLabel(this);
    m_count->setObjectName(u"auditCount"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_chain);
    layout->addLayout(filters);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_count);

    connect(m_search, &QLineEdit::textChanged, this, &AuditPage::applyFilters);
    for (QComboBox *box : {m_event, m_user})
        connect(box, &QComboBox::currentIndexChanged, this, &AuditPage::applyFilters);
    connect(m_dates, &DateRangeEdit::changed, this, &AuditPage::applyFilters);
    connect(clear, &QPushButton::clicked, this, &AuditPage::clearFilters);
    connect(refresh, &QPushButton::clicked, this, [this] { load(m_databasePath); });
    connect(m_export, &QPushButton::clicked, this, &AuditPage::chooseExportFile);
}

void AuditPage::load(const QString &databasePath)
{
    m_databasePath = databasePath;
    if (m_watcher.isRunning()) {
        m_reloadWanted = true;
        return;
    }
    m_error.clear();
    if (databasePath.isEmpty()) {
        m_model->setEvents({});
        m_check = {};
        showState();
        Q_EMIT loaded();
        return;
    }
    m_watcher.setFuture(QtConcurrent::run(readTrail, databasePath));
    showState();
}

bool AuditPage::isLoading() const
{
    return m_watcher.isRunning();
}

void AuditPage::onLoaded()
{
    if (m_reloadWanted) {
        m_reloadWanted = false;
        load(m_databasePath);
        return;
    }
    AuditReading reading = m_watcher.result();
    if (reading.error) {
        m_error = reading.error->message;
        m_model->setEvents({});
        m_check = {};
    } else {
        m_check = reading.check;
        m_model->setEvents(std::move(reading.events));
    }
    // The pickers list what the trail holds, keeping a choice that is still there.
    auto fill = [](QComboBox *box, const QString &all, const QStringList &values) {
        const QString kept = box->currentData().toString();
        const QSignalBlocker blocker(box);
        box->clear();
        box->addItem(all, QString());
        for (const QString &value : values)
            box->addItem(value, value);
        box->setCurrentIndex(std::max(0, box->findData(kept)));
    };
    fill(m_event, tr("All events"), m_model->eventTypes());
    fill(m_user, tr("All users"), m_model->users());
    if (m_model->rowCount() > 0) {
        m_dates->setSpan(QDate::fromString(m_model->eventAt(0).at.left(10), Qt::ISODate),
            QDate::fromString(m_model->eventAt(m_model->rowCount() - 1).at.left(10), Qt::ISODate));
    }
    applyFilters();
    Q_EMIT loaded();
}

QString AuditPage::chainStatus() const
{
    return m_chain->text();
}

void AuditPage::setCriteria(const AuditCriteria &criteria)
{
    {
        const QSignalBlocker a(m_search), b(m_event), c(m_user), d(m_dates);
        m_search->setText(criteria.text);
        // A choice the trail holds nothing of is still a choice: it lists nothing.
        for (auto [box, value] : {std::pair {m_event, criteria.event}, {m_user, criteria.user}}) {
            if (!value.isEmpty() && box->findData(value) < 0)
                box->addItem(value, value);
            box->setCurrentIndex(std::max(0, box->findData(value)));
        }
        m_dates->setRange(criteria.from, criteria.to);
    }
    applyFilters();
}

void AuditPage::applyFilters()
{
    AuditCriteria criteria;
    criteria.text = m_search->text();
    criteria.event = m_event->currentData().toString();
    criteria.user = m_user->currentData().toString();
    criteria.from = m_dates->from();
    criteria.to = m_dates->to();
    m_filter->setCriteria(criteria);
    showState();
}

void AuditPage::clearFilters()
{
    setCriteria({});
}

void AuditPage::showState()
{
    const QLocale locale;
    if (isLoading()) {
        m_chain->setText(tr("Reading and checking the audit trail…"));
        setBanner(m_chain, true);
    } else if (!m_error.isEmpty()) {
        m_chain->setText(tr("Cannot read the audit trail: %1").arg(m_error));
        setBanner(m_chain, false);
    } else if (m_databasePath.isEmpty()) {
        m_chain->setText(tr("No database open."));
        setBanner(m_chain, true);
    } else if (m_check.intact) {
        m_chain->setText(m_check.eventCount == 1
                ? tr("✔ Chain intact: 1 event, each holding the hash of the one before.")
                : tr("✔ Chain intact: %1 events, each holding the hash of the one before.")
                      .arg(locale.toString(m_check.eventCount)));
        m_chain->setToolTip(tr("Latest hash: %1").arg(m_check.latestHash));
        setBanner(m_chain, true);
    } else {
        m_chain->setText(tr("✖ Chain broken at event #%1: %2 The events below are as the "
                            "file holds them now.")
                             .arg(QString::number(m_check.brokenAt), m_check.problem));
        m_chain->setToolTip({});
        setBanner(m_chain, false);
    }

    QString empty;
    if (isLoading())
        empty = tr("Reading the audit trail…");
    else if (m_databasePath.isEmpty())
        empty = tr("No database open — File > Open database… (Ctrl+O)");
    else if (!m_error.isEmpty())
        empty = m_error;
    else if (m_model->rowCount() == 0)
        empty = tr("The audit trail is empty: sign-ins, account changes and every decision "
                   "will be listed here as they happen.");
    else if (m_filter->rowCount() == 0)
        empty = tr("No event matches the filters — Clear filters shows them all.");
    m_empty->setText(empty);
    m_stack->setCurrentWidget(empty.isEmpty() ? static_cast<QWidget *>(m_table) : m_empty);
    m_export->setEnabled(m_filter->rowCount() > 0);
    m_count->setText(m_filter->rowCount() == m_model->rowCount()
            ? tr("%1 events, newest first").arg(locale.toString(m_model->rowCount()))
            : tr("Showing %1 of %2 events")
                  .arg(
                      locale.toString(m_filter->rowCount()), locale.toString(m_model->rowCount())));
}

QByteArray AuditPage::csv() const
{
    return csvTable(m_filter->header(), m_filter->shownRows());
}

model::Result<void> AuditPage::exportTable(const QString &path)
{
    return writeTableFile(path, tr("Audit trail"), m_filter->header(), m_filter->shownRows());
}

void AuditPage::chooseExportFile()
{
    askTableExport(
        this, tr("Export the audit rows shown"), u"audit-trail"_s,
        [this](const QString &path) { return exportTable(path); },
        [this](const QString &path) {
            m_count->setText(
                tr("Wrote %1 rows to %2")
                    .arg(QLocale().toString(m_filter->rowCount()), QDir::toNativeSeparators(path)));
        });
}

} // namespace ui
