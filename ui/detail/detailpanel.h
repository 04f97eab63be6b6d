#pragma once
// The right-hand pane of the workbench: one explained exception (or a SKU-location
// without exception) with its score breakdown, risk figures, projected stock,
// affected order lines and recommendations. It is fed a domain object, never an
// index into the queue, so it does not care where the explanation came from.

#include "model/decisions/decision.h"
#include "model/runs/explanation.h"
#include "ui/detail/recommendationlist.h"

#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QScrollArea;
class QStackedWidget;
class QGridLayout;
QT_END_NAMESPACE

namespace ui {

class BreakdownChart;
class ProjectionChart;
class RiskView;
class OrderLinesView;
class ItemPlanView;
class RecommendationList;
class RowLookup;

/// Why a SKU-location raises no exception, in one sentence with its stockout
/// probability against the service target; empty when it does raise one.
QString noExceptionVerdict(const model::Explanation &explanation);

class DetailPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DetailPanel(QWidget *parent = nullptr);

    /// Shows one explained exception (or a SKU-location without exception). Fed a domain object,
    /// never an index.
    void setExplanation(const model::Explanation &explanation);
    /// Marks which recommendation has a standing decision (Approved/Rejected), to show it and
    /// disable buttons.
    void setDecision(
        model::Decision::Kind kind, int recommendationIndex, bool awaitingCheck = false);
    /// Whether the user may give the second approval the decided recommendation awaits.
    void setSecondApproval(const SecondApproval &second);
    /// Empty state with a helpful sentence; the default one says how to pick an exception.
    void clear(const QString &message = {});
    /// Shows or hides the Approve / Reject buttons (hidden in what-if views).
    void setDecisionsEnabled(bool enabled);

    /// True while the empty state is shown.
    bool isEmpty() const;
    /// Id of the exception shown, empty for a SKU-location or the empty state.
    QString exceptionId() const { return m_exceptionId; }
    /// The sum of the breakdown bars; equals the score.
    double breakdownTotal() const;
    /// The values the breakdown bars show, top (largest) first.
    QList<double> breakdownValues() const;

    /// About 520 px wide: charts, the order table and the cards read well from there.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void approveRequested(int recommendationIndex);
    void rejectRequested(int recommendationIndex);
    void overrideRequested(int recommendationIndex);
    void secondApprovalRequested(int recommendationIndex);

private:
    QWidget *addSection(QWidget *content, const QString &title, QLabel **titleLabel = nullptr);
    void showHeader(const model::Explanation &explanation, const RowLookup &rows);
    void showBreakdown(const engine::ExceptionRecord &exception, const QString &currency);
    void showProjection(const model::Explanation &explanation, const RowLookup &rows);

    QStackedWidget *m_stack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_content = nullptr;

    QLabel *m_typeChip = nullptr;
    QLabel *m_rankLabel = nullptr;
    QLabel *m_scoreLabel = nullptr;
    QLabel *m_titleLabel = nullptr;
    QLabel *m_whereLabel = nullptr;
    QLabel *m_actionLabel = nullptr;

    QWidget *m_breakdownSection = nullptr;
    QLabel *m_breakdownTitle = nullptr;
    BreakdownChart *m_breakdownChart = nullptr;
    QWidget *m_factorList = nullptr;
    QGridLayout *m_factorGrid = nullptr;
    QLabel *m_totalLabel = nullptr;

    RiskView *m_riskView = nullptr;
    QLabel *m_projectionTitle = nullptr;
    ProjectionChart *m_projectionChart = nullptr;

    QWidget *m_ordersSection = nullptr;
    QLabel *m_ordersTitle = nullptr;
    OrderLinesView *m_orderLines = nullptr;
    QWidget *m_planSection = nullptr;
    QLabel *m_planTitle = nullptr;
    ItemPlanView *m_itemPlan = nullptr;

    QWidget *m_recommendationsSection = nullptr;
    RecommendationList *m_recommendations = nullptr;

    QString m_exceptionId;
};

} // namespace ui
