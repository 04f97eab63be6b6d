#include "ui/detail/detailpanel.h"

#include "ui/charts/breakdownchart.h"
#include "ui/charts/projectionchart.h"
#include "ui/common/format.h"
#include "ui/common/plaintext.h"
#include "ui/detail/itemplanview.h"
#include "ui/detail/orderlinesview.h"
#include "ui/detail/recommendationlist.h"
#include "ui/detail/riskview.h"
#include "ui/detail/rowlookup.h"

#include <QCoreApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>
#include <numeric>

namespace ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ui::DetailPanel", text);
}

QString relativeDay(engine::Date date, engine::Date asOf)
{
    if (date == engine::kNoDate || asOf == engine::kNoDate)
        return {};
    const int days = date - asOf;
    if (days == 0)
        return tr("today");
    if (days == 1)
        return tr("tomorrow");
    if (days > 1)
        return tr("in %1 days").arg(days);
    if (days == -1)
        return tr("1 day overdue");
    return tr("%1 days overdue").arg(-days);
}

QString detailName(const std::string &key)
{
    QString name = QString::fromStdString(key);
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    return name;
}

QString chipStyle(const QColor &color)
{
    return QStringLiteral("QLabel { background: %1; color: white; border-radius: 3px;"
                          " padding: 2px 8px; font-weight: bold; }")
        .arg(color.name());
}

void setBold(QLabel *label, double scale = 1.0)
{
    QFont f = label->font();
    f.setBold(true);
    if (scale != 1.0)
        f.setPointSizeF(f.pointSizeF() * scale);
    label->setFont(f);
}

QLabel *wrapped(QWidget *parent, const QString &text = {})
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

QString noExceptionVerdict(const model::Explanation &explanation)
{
    if (!explanation.result.exceptions.empty() || explanation.exception)
        return {};
    const RowLookup rows(explanation.rows);
    const engine::RiskFigures &risk = explanation.result.risk;
    if (!risk.defined)
        return tr("No exception: stock covers the open orders over the horizon. The stockout "
                  "risk is not computed because no replenishment lead time is known.");
    const char abc = rows.abcClass(rows.itemOf(explanation.result.itemLocation));
    const double target = stockoutTarget(explanation.policy, abc);
    return tr("No exception: stock covers orders and risk is within the service target "
              "(stockout probability %1 vs target %2).")
        .arg(formatPercent(risk.stockoutProbability), formatPercent(target));
}

DetailPanel::DetailPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("detailPanel"));
    m_stack = new QStackedWidget(this);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    m_emptyLabel = wrapped(m_stack);
    m_emptyLabel->setObjectName(QStringLiteral("detailEmptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setMargin(24);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_emptyLabel);

    m_scroll = new QScrollArea(m_stack);
    m_scroll->setObjectName(QStringLiteral("detailScrollArea"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_content = new QWidget;
    auto *content = new QVBoxLayout(m_content);
    content->setContentsMargins(12, 10, 12, 12);
    content->setSpacing(6);
    m_scroll->setWidget(m_content);
    m_stack->addWidget(m_scroll);

    // Header: what it is, how much it matters, what to do.
    auto *header = new QWidget(m_content);
    auto *headerLayout = new QVBoxLayout(header);
    headerLayout->setContentsMargins(0, 0, 0, 0);
    headerLayout->setSpacing(4);
    auto *topRow = new QHBoxLayout;
    m_typeChip = new QLabel(header);
    m_typeChip->setObjectName(QStringLiteral("detailTypeChip"));
    m_rankLabel = new QLabel(header);
    m_rankLabel->setObjectName(QStringLiteral("detailRankLabel"));
    setBold(m_rankLabel);
    m_scoreLabel = new QLabel(header);
    m_scoreLabel->setObjectName(QStringLiteral("detailScoreLabel"));
    m_scoreLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_scoreLabel->setToolTip(tr("Expected cost of doing nothing over the planning horizon"));
    m_scoreLabel->setTextFormat(Qt::PlainText); // money carries the snapshot's currency
    setBold(m_scoreLabel, 1.5);
    topRow->addWidget(m_typeChip);
    topRow->addWidget(m_rankLabel);
    topRow->addStretch(1);
    topRow->addWidget(m_scoreLabel);
    headerLayout->addLayout(topRow);
    m_titleLabel = wrapped(header);
    m_titleLabel->setObjectName(QStringLiteral("detailTitleLabel"));
    m_titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setBold(m_titleLabel, 1.2);
    headerLayout->addWidget(m_titleLabel);
    m_whereLabel = wrapped(header);
    m_whereLabel->setObjectName(QStringLiteral("detailWhereLabel"));
    headerLayout->addWidget(m_whereLabel);
    m_actionLabel = new QLabel(header);
    m_actionLabel->setObjectName(QStringLiteral("detailActionLabel"));
    m_actionLabel->setWordWrap(true);
    m_actionLabel->setTextFormat(Qt::RichText);
    m_actionLabel->setMargin(8);
    m_actionLabel->setAutoFillBackground(true);
    headerLayout->addSpacing(4);
    headerLayout->addWidget(m_actionLabel);
    content->addWidget(header);

    // Score breakdown: bars, then one sentence per factor, then the total.
    auto *breakdown = new QWidget(m_content);
    auto *breakdownLayout = new QVBoxLayout(breakdown);
    breakdownLayout->setContentsMargins(0, 0, 0, 0);
    m_breakdownChart = new BreakdownChart(breakdown);
    m_breakdownChart->setObjectName(QStringLiteral("breakdownChart"));
    breakdownLayout->addWidget(m_breakdownChart);
    m_factorList = new QWidget(breakdown);
    m_factorGrid = new QGridLayout(m_factorList);
    m_factorGrid->setContentsMargins(0, 0, 0, 0);
    m_factorGrid->setHorizontalSpacing(8);
    m_factorGrid->setVerticalSpacing(6);
    m_factorGrid->setColumnStretch(1, 1);
    breakdownLayout->addWidget(m_factorList);
    m_totalLabel = new QLabel(breakdown);
    m_totalLabel->setObjectName(QStringLiteral("breakdownTotalLabel"));
    m_totalLabel->setAlignment(Qt::AlignRight);
    m_totalLabel->setTextFormat(Qt::PlainText);
    setBold(m_totalLabel);
    breakdownLayout->addWidget(m_totalLabel);
    m_breakdownSection = addSection(breakdown, tr("Why it ranks here"), &m_breakdownTitle);

    m_riskView = new RiskView(m_content);
    m_riskView->setObjectName(QStringLiteral("riskView"));
    addSection(m_riskView, tr("Stockout risk over the replenishment lead time"));

    m_projectionChart = new ProjectionChart(m_content);
    m_projectionChart->setObjectName(QStringLiteral("projectionChart"));
    addSection(m_projectionChart, tr("Projected stock"), &m_projectionTitle);

    m_orderLines = new OrderLinesView(m_content);
    m_orderLines->setObjectName(QStringLiteral("orderLinesView"));
    m_ordersSection = addSection(m_orderLines, tr("Affected order lines"), &m_ordersTitle);

    m_recommendations = new RecommendationList(m_content);
    m_recommendations->setObjectName(QStringLiteral("recommendationList"));
    m_recommendationsSection = addSection(m_recommendations, tr("Recommendations, best first"));
    connect(m_recommendations, &RecommendationList::approveRequested, this,
        &DetailPanel::approveRequested);

    m_itemPlan = new ItemPlanView(m_content);
    m_itemPlan->setObjectName(QStringLiteral("itemPlanView"));
    m_planSection = addSection(m_itemPlan, tr("The item's plan"), &m_planTitle);
    connect(m_recommendations, &RecommendationList::rejectRequested, this,
        &DetailPanel::rejectRequested);
    connect(m_recommendations, &RecommendationList::overrideRequested, this,
        &DetailPanel::overrideRequested);
    connect(m_recommendations, &RecommendationList::secondApprovalRequested, this,
        &DetailPanel::secondApprovalRequested);

    content->addStretch(1);
    clear();
}

QWidget *DetailPanel::addSection(QWidget *body, const QString &title, QLabel **titleLabel)
{
    auto *section = new QWidget(m_content);
    auto *layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 10, 0, 0);
    layout->setSpacing(6);
    auto *heading = new QLabel(title, section);
    heading->setTextFormat(Qt::PlainText);
    setBold(heading, 1.1);
    // Headings carry figures ("Why it ranks here: USD 2,133,244 if nothing is done"):
    // they wrap rather than make the pane wider than its dock and clip every line.
    heading->setWordWrap(true);
    auto *rule = new QFrame(section);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Sunken);
    layout->addWidget(heading);
    layout->addWidget(rule);
    body->setParent(section);
    layout->addWidget(body);
    m_content->layout()->addWidget(section);
    if (titleLabel)
        *titleLabel = heading;
    return section;
}

void DetailPanel::clear(const QString &message)
{
    m_exceptionId.clear();
    m_emptyLabel->setText(message.isEmpty()
            ? tr("Select an exception in the queue to see why it ranks where it does and what "
                 "to do about it.")
            : message);
    m_breakdownChart->clear();
    m_projectionChart->clear();
    m_riskView->clear();
    m_stack->setCurrentWidget(m_emptyLabel);
}

QSize DetailPanel::sizeHint() const
{
    return QSize(520, 700);
}

QSize DetailPanel::minimumSizeHint() const
{
    // Narrower than this the chart legends and the order table start to clip.
    return QSize(360, 200);
}

bool DetailPanel::isEmpty() const
{
    return m_stack->currentWidget() == m_emptyLabel;
}

void DetailPanel::setDecisionsEnabled(bool enabled)
{
    m_recommendations->setDecisionsEnabled(enabled);
}

void DetailPanel::setDecision(
    model::Decision::Kind kind, int recommendationIndex, bool awaitingCheck)
{
    m_recommendations->setDecision(kind, recommendationIndex, awaitingCheck);
}

void DetailPanel::setSecondApproval(const SecondApproval &second)
{
    m_recommendations->setSecondApproval(second);
}

double DetailPanel::breakdownTotal() const
{
    const QList<double> values = m_breakdownChart->values();
    return std::accumulate(values.cbegin(), values.cend(), 0.0);
}

QList<double> DetailPanel::breakdownValues() const
{
    return m_breakdownChart->values();
}

void DetailPanel::setExplanation(const model::Explanation &explanation)
{
    // Rebuilding cards and charts in one go; repainting in between only flickers.
    setUpdatesEnabled(false);
    const RowLookup rows(explanation.rows);
    const QString &currency = explanation.snapshot.currency;
    const engine::ExceptionRecord *exception
        = explanation.exception ? &*explanation.exception : nullptr;
    m_exceptionId = exception ? QString::fromStdString(exception->id) : QString();

    showHeader(explanation, rows);

    m_breakdownSection->setVisible(exception);
    m_ordersSection->setVisible(exception && !exception->orders.empty());
    m_recommendationsSection->setVisible(exception);
    const engine::ItemPlanView &plan = explanation.result.plan;
    const bool showPlan = exception && plan.planned
        && (exception->type == engine::ExceptionType::Shortage
            || exception->type == engine::ExceptionType::Excess);
    m_planSection->setVisible(showPlan);
    if (showPlan) {
        m_planTitle->setText(tr("The item's plan, all its locations"));
        m_itemPlan->setPlan(plan, currency,
            QString::fromStdString(
                explanation.rows->locations.ids.at(explanation.exception->location)));
    }
    if (exception) {
        showBreakdown(*exception, currency);
        m_ordersTitle->setText(tr("Affected order lines (%1)").arg(exception->orders.size()));
        m_orderLines->setOrders(exception->orders, rows);
        m_recommendations->setRecommendations(
            exception->recommendations, currency, exception->needDate, rows);
    } else {
        m_breakdownChart->clear();
        m_recommendations->setRecommendations({}, currency, engine::kNoDate, rows);
    }

    const char abc = rows.abcClass(rows.itemOf(explanation.result.itemLocation));
    m_riskView->setRisk(explanation.result.risk, stockoutTarget(explanation.policy, abc));
    showProjection(explanation, rows);

    m_stack->setCurrentWidget(m_scroll);
    m_scroll->verticalScrollBar()->setValue(0);
    setUpdatesEnabled(true);
}

void DetailPanel::showHeader(const model::Explanation &explanation, const RowLookup &rows)
{
    const engine::ExceptionRecord *exception
        = explanation.exception ? &*explanation.exception : nullptr;
    const QString &currency = explanation.snapshot.currency;
    const engine::Index itemLocation = exception && exception->itemLocation != engine::kNone
        ? exception->itemLocation
        : explanation.result.itemLocation;
    engine::Index item = rows.itemOf(itemLocation);
    engine::Index location = rows.locationOf(itemLocation);
    if (exception && exception->item != engine::kNone)
        item = exception->item;
    if (exception && exception->location != engine::kNone)
        location = exception->location;

    if (exception) {
        m_typeChip->setText(exceptionTypeLabel(exception->type));
        m_typeChip->setStyleSheet(chipStyle(exceptionTypeColor(exception->type)));
    } else {
        m_typeChip->setText(
            explanation.result.exceptions.empty() ? tr("No exception") : tr("SKU-location"));
        m_typeChip->setStyleSheet(chipStyle(QColor(0x6c, 0x75, 0x7d)));
    }
    m_rankLabel->setVisible(exception && exception->rank > 0);
    if (exception)
        m_rankLabel->setText(tr("Rank %1").arg(QLocale().toString(exception->rank)));
    m_scoreLabel->setVisible(exception);
    if (exception)
        m_scoreLabel->setText(formatMoney(exception->score, currency));

    // Snapshot text, so plain text (set in wrapped()), and cut: the whole description
    // is one hover away.
    const QString description = rows.itemDescription(item);
    m_titleLabel->setText(
        shownText(description.isEmpty() ? rows.itemId(item)
                                        : rows.itemId(item) + QStringLiteral(" — ") + description));
    m_titleLabel->setToolTip(plainToolTip(description));

    QString where = rows.locationId(location);
    const QString locationName = rows.locationName(location);
    if (!locationName.isEmpty() && locationName != where)
        where += QStringLiteral(" · ") + locationName;
    if (exception && exception->needDate != engine::kNoDate) {
        where += QStringLiteral(" · ") + tr("need by %1").arg(formatDate(exception->needDate));
        const QString relative = relativeDay(exception->needDate, explanation.snapshot.asOf);
        if (!relative.isEmpty())
            where += QStringLiteral(" (") + relative + QLatin1Char(')');
    }
    m_whereLabel->setText(shownText(where));

    // One sentence on what to do, in a tinted box: the first thing the eye should find.
    QColor tint(0xee, 0xf7, 0xee);
    QString action;
    if (!exception) {
        const QString verdict = noExceptionVerdict(explanation);
        if (!verdict.isEmpty()) {
            action = verdict.toHtmlEscaped();
            tint = QColor(0xee, 0xf3, 0xfa);
        } else {
            action = tr("This SKU-location raises %1 exception(s); pick one to see its "
                        "breakdown.")
                         .arg(explanation.result.exceptions.size())
                         .toHtmlEscaped();
            tint = QColor(0xfd, 0xf3, 0xe3);
        }
    } else if (const engine::Recommendation *top = exception->topRecommendation()) {
        action = QStringLiteral("<b>%1</b> %2 — %3")
                     .arg(tr("What to do:").toHtmlEscaped(),
                         shownText(recommendationTitle(*top, rows)).toHtmlEscaped(),
                         tr("net benefit %1")
                             .arg(formatMoney(top->netBenefit(), currency))
                             .toHtmlEscaped());
    } else if (const engine::Recommendation *late = exception->bestRecommendation();
               late && late->netBenefit() > 0) {
        // Nothing arrives in time, but the best late move still saves money.
        action = QStringLiteral("<b>%1</b> %2 — %3")
                     .arg(tr("What to do, late:").toHtmlEscaped(),
                         shownText(recommendationTitle(*late, rows)).toHtmlEscaped(),
                         tr("it arrives after the need date but still saves %1 net")
                             .arg(formatMoney(late->netBenefit(), currency))
                             .toHtmlEscaped());
        tint = QColor(0xfd, 0xf3, 0xe3);
    } else if (exception->recommendations.empty()) {
        action = QStringLiteral("<b>%1</b> %2")
                     .arg(tr("No action pays:").toHtmlEscaped(),
                         tr("every transfer, expedite, purchase or return would cost more than "
                            "it saves. Waiting is the cheapest choice; keep an eye on it.")
                             .toHtmlEscaped());
        tint = QColor(0xfd, 0xf3, 0xe3);
    } else {
        action = QStringLiteral("<b>%1</b> %2")
                     .arg(tr("No feasible action:").toHtmlEscaped(),
                         tr("nothing can arrive by the need date. Review the alternatives below "
                            "or warn the customers affected.")
                             .toHtmlEscaped());
        tint = QColor(0xfd, 0xf3, 0xe3);
    }
    if (exception && engine::isSet(exception->canSave) && exception->score > 0)
        action += QStringLiteral("<br>")
            + tr("Acting as recommended saves %1 of the %2 at stake.")
                  .arg(formatMoney(exception->canSave, currency),
                      formatMoney(exception->score, currency))
                  .toHtmlEscaped();
    m_actionLabel->setText(action);
    QPalette palette = m_actionLabel->palette();
    palette.setColor(QPalette::Window, tint);
    m_actionLabel->setPalette(palette);
}

void DetailPanel::showBreakdown(const engine::ExceptionRecord &exception, const QString &currency)
{
    QList<BreakdownChart::Bar> bars;
    bars.reserve(qsizetype(exception.factors.size()));
    for (const engine::Factor &factor : exception.factors)
        bars.append({factorLabel(factor.kind), factor.value(), factorColor(factor.kind)});
    m_breakdownChart->setBars(bars, currency);
    m_breakdownTitle->setText(
        tr("Why it ranks here: %1 if nothing is done").arg(formatMoney(exception.score, currency)));

    while (QLayoutItem *item = m_factorGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    int row = 0;
    for (const engine::Factor &factor : exception.factors) {
        auto *swatch = new QLabel(m_factorList);
        swatch->setFixedSize(12, 12);
        swatch->setStyleSheet(QStringLiteral("background: %1; border-radius: 2px;")
                                  .arg(factorColor(factor.kind).name()));
        QString name = factorLabel(factor.kind);
        if (std::abs(factor.weight - 1.0) > 1e-9)
            name += QStringLiteral(" (%1 × %2)")
                        .arg(formatMoney(factor.amount, currency),
                            QLocale().toString(factor.weight, 'g', 3));
        auto *label = wrapped(m_factorList, name);
        setBold(label);
        auto *value = new QLabel(formatMoney(factor.value(), currency), m_factorList);
        value->setTextFormat(Qt::PlainText);
        value->setAlignment(Qt::AlignRight | Qt::AlignTop);
        setBold(value);
        QStringList inputs;
        for (const auto &[key, number] : factor.detail)
            inputs.append(
                detailName(key) + QStringLiteral(": ") + QLocale().toString(number, 'g', 8));
        if (!inputs.isEmpty()) {
            const QString tip = tr("Inputs: %1").arg(inputs.join(QStringLiteral(", ")));
            label->setToolTip(tip);
            value->setToolTip(tip);
        }
        m_factorGrid->addWidget(swatch, row, 0, Qt::AlignTop | Qt::AlignHCenter);
        m_factorGrid->addWidget(label, row, 1);
        m_factorGrid->addWidget(value, row, 2);
        ++row;
        if (!factor.text.empty()) {
            auto *sentence = wrapped(m_factorList, QString::fromStdString(factor.text));
            sentence->setForegroundRole(QPalette::PlaceholderText);
            m_factorGrid->addWidget(sentence, row, 1, 1, 2);
            ++row;
        }
    }
    if (exception.factors.empty()) {
        m_factorGrid->addWidget(wrapped(m_factorList, tr("No factor applies.")), 0, 0, 1, 3);
    }

    const double total = breakdownTotal();
    QString totalText = tr("= score %1").arg(formatMoney(total, currency));
    // The score is by contract the sum of its factors; say so if the record disagrees.
    if (std::abs(total - exception.score) > 0.005 * std::max(1.0, std::abs(exception.score)))
        totalText += QStringLiteral("  ")
            + tr("(stored score %1 differs)").arg(formatMoney(exception.score, currency));
    m_totalLabel->setText(totalText);
}

void DetailPanel::showProjection(const model::Explanation &explanation, const RowLookup &rows)
{
    QList<ProjectionChart::Day> days;
    days.reserve(qsizetype(explanation.result.projection.size()));
    for (const engine::ProjectionDay &day : explanation.result.projection) {
        const QDate date = toQDate(day.date);
        if (date.isValid())
            days.append({date, day.balance, day.receipts, day.ordersDue});
    }
    const engine::Date needDate
        = explanation.exception ? explanation.exception->needDate : engine::kNoDate;
    m_projectionChart->setProjection(
        days, rows.safetyStock(explanation.result.itemLocation), toQDate(needDate));
    m_projectionTitle->setText(days.isEmpty()
            ? tr("Projected stock: no projection available")
            : tr("Projected stock, %1 to %2")
                  .arg(formatDate(explanation.result.projection.front().date),
                      formatDate(explanation.result.projection.back().date)));
}

} // namespace ui
