#include "ui/detail/whynotdialog.h"

#include "ui/common/format.h"
#include "ui/detail/detailpanel.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QStringListModel>
#include <QTabBar>
#include <QVBoxLayout>

namespace ui {

namespace {

// An editable picker over tens of thousands of ids: a plain string-list model, a list
// view with uniform rows, and a completer matching anywhere in the id.
QComboBox *makePicker(QStringListModel *model, const QString &objectName, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->setMaxVisibleItems(15);
    combo->setMinimumContentsLength(18);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *view = new QListView(combo);
    view->setUniformItemSizes(true);
    combo->setView(view);
    combo->setModel(model);
    auto *completer = new QCompleter(model, combo);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    completer->setMaxVisibleItems(12);
    combo->setCompleter(completer);
    combo->setCurrentIndex(-1);
    combo->setEditText(QString());
    return combo;
}

} // namespace

WhyNotDialog::WhyNotDialog(ExplainFunction explain, const QStringList &itemIds,
    const QStringList &locationIds, QWidget *parent)
    : QDialog(parent)
    , m_explain(std::move(explain))
    , m_itemModel(new QStringListModel(itemIds, this))
    , m_locationModel(new QStringListModel(locationIds, this))
{
    setObjectName(QStringLiteral("whyNotDialog"));
    setWindowTitle(tr("Why not? Explain a SKU-location"));

    auto *intro = new QLabel(tr("Pick an item and a location to see its stockout risk, its "
                                "projected stock and the exceptions it raises — or why it raises "
                                "none."),
        this);
    intro->setWordWrap(true);

    m_itemCombo = makePicker(m_itemModel, QStringLiteral("whyNotItemCombo"), this);
    m_itemCombo->lineEdit()->setPlaceholderText(tr("Item id, e.g. SKU123"));
    m_locationCombo = makePicker(m_locationModel, QStringLiteral("whyNotLocationCombo"), this);
    m_locationCombo->lineEdit()->setPlaceholderText(tr("Location id"));
    m_explainButton = new QPushButton(tr("Explain"), this);
    m_explainButton->setObjectName(QStringLiteral("whyNotExplainButton"));
    m_explainButton->setDefault(true);

    auto *pickers = new QHBoxLayout;
    auto *itemLabel = new QLabel(tr("&Item:"), this);
    itemLabel->setBuddy(m_itemCombo);
    auto *locationLabel = new QLabel(tr("&Location:"), this);
    locationLabel->setBuddy(m_locationCombo);
    pickers->addWidget(itemLabel);
    pickers->addWidget(m_itemCombo, 3);
    pickers->addSpacing(8);
    pickers->addWidget(locationLabel);
    pickers->addWidget(m_locationCombo, 2);
    pickers->addWidget(m_explainButton);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("whyNotErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText);
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(
        QPalette::WindowText, exceptionTypeColor(engine::ExceptionType::Shortage));
    m_errorLabel->setPalette(errorPalette);
    m_errorLabel->hide();

    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("whyNotSummaryLabel"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextFormat(Qt::PlainText);
    m_summaryLabel->hide();

    m_exceptionTabs = new QTabBar(this);
    m_exceptionTabs->setObjectName(QStringLiteral("whyNotExceptionTabs"));
    m_exceptionTabs->setExpanding(false);
    m_exceptionTabs->setDrawBase(false);
    m_exceptionTabs->hide();

    m_panel = new DetailPanel(this);
    m_panel->setObjectName(QStringLiteral("whyNotDetailPanel"));
    m_panel->setDecisionsEnabled(false);
    m_panel->clear(tr("Choose an item and a location, then press Explain."));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(pickers);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_exceptionTabs);
    layout->addWidget(m_panel, 1);
    layout->addWidget(buttons);

    connect(m_explainButton, &QPushButton::clicked, this, &WhyNotDialog::explainCurrent);
    connect(m_exceptionTabs, &QTabBar::currentChanged, this, &WhyNotDialog::showException);
    resize(760, 860);
}

void WhyNotDialog::explain(const QString &item, const QString &location)
{
    m_itemCombo->setEditText(item);
    m_locationCombo->setEditText(location);
    explainCurrent();
}

void WhyNotDialog::showError(const QString &message, const QStringList &details)
{
    QString text = message;
    if (!details.isEmpty())
        text += QLatin1Char('\n') + details.join(QLatin1Char('\n'));
    m_errorLabel->setText(text);
    m_errorLabel->show();
    m_summaryLabel->hide();
    m_exceptionTabs->hide();
    m_panel->clear(tr("Nothing to explain yet."));
}

void WhyNotDialog::explainCurrent()
{
    const QString item = m_itemCombo->currentText().trimmed();
    const QString location = m_locationCombo->currentText().trimmed();
    if (item.isEmpty() || location.isEmpty()) {
        showError(item.isEmpty() ? tr("Enter an item id.") : tr("Enter a location id."));
        (item.isEmpty() ? m_itemCombo : m_locationCombo)->setFocus();
        return;
    }
    if (!m_explain) {
        showError(tr("No workbench is open: import a snapshot first."));
        return;
    }
    const model::Result<model::Explanation> result = m_explain(item, location);
    if (!result) {
        showError(result.error().message, result.error().details);
        return;
    }
    m_errorLabel->hide();
    m_explanation = *result;

    const auto &exceptions = m_explanation.result.exceptions;
    {
        const QSignalBlocker block(m_exceptionTabs);
        while (m_exceptionTabs->count() > 0)
            m_exceptionTabs->removeTab(0);
        for (const engine::ExceptionRecord &e : exceptions)
            m_exceptionTabs->addTab(exceptionTypeLabel(e.type) + QStringLiteral("  ")
                + formatMoney(e.score, m_explanation.snapshot.currency));
    }
    m_exceptionTabs->setVisible(exceptions.size() > 1);

    if (exceptions.empty()) {
        m_summaryLabel->hide();
        m_panel->setExplanation(m_explanation);
        return;
    }
    QStringList names;
    for (const engine::ExceptionRecord &e : exceptions)
        names.append(exceptionTypeLabel(e.type).toLower());
    // Spelled out rather than "%n exception(s)": no translation is loaded for English.
    const QString text = exceptions.size() == 1 ? tr("%1 at %2 raises 1 exception: %3.")
                                                : tr("%1 at %2 raises %4 exceptions: %3.");
    m_summaryLabel->setText(text.arg(
        item, location, names.join(QStringLiteral(", ")), QString::number(exceptions.size())));
    m_summaryLabel->show();
    int first = 0;
    if (m_explanation.exception) {
        for (int i = 0; i < int(exceptions.size()); ++i) {
            if (exceptions[std::size_t(i)].id == m_explanation.exception->id)
                first = i;
        }
    }
    m_exceptionTabs->setCurrentIndex(first);
    showException(first);
}

void WhyNotDialog::showException(int index)
{
    const auto &exceptions = m_explanation.result.exceptions;
    if (index < 0 || index >= int(exceptions.size()))
        return;
    model::Explanation shown = m_explanation;
    engine::ExceptionRecord record = exceptions[std::size_t(index)];
    // analyse() leaves exceptions unranked; keep the stored rank when the model gave one.
    if (m_explanation.exception && m_explanation.exception->id == record.id)
        record.rank = m_explanation.exception->rank;
    shown.exception = std::move(record);
    m_panel->setExplanation(shown);
}

} // namespace ui
