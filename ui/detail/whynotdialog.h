#pragma once
// "Why is this not in my queue?": pick any item and location, see the risk, the
// projected stock and the exceptions that SKU-location raises, or why it raises none.

#include "model/error.h"
#include "model/runs/explanation.h"

#include <QDialog>
#include <QStringList>

#include <functional>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QPushButton;
class QTabBar;
class QStringListModel;
QT_END_NAMESPACE

namespace ui {

class DetailPanel;

class WhyNotDialog : public QDialog
{
    Q_OBJECT

public:
    using ExplainFunction = std::function<model::Result<model::Explanation>(
        const QString &item, const QString &location)>;

    /// `explain` runs model::ScoreRuns::explainItemLocation (A passes a lambda).
    WhyNotDialog(std::function<model::Result<model::Explanation>(
                     const QString &item, const QString &location)>
                     explain,
        const QStringList &itemIds, const QStringList &locationIds, QWidget *parent = nullptr);

    /// Fills the pickers and explains at once (e.g. from the queue's selection).
    void explain(const QString &item, const QString &location);

private:
    void explainCurrent();
    void showException(int index);
    void showError(const QString &message, const QStringList &details = {});

    ExplainFunction m_explain;
    QComboBox *m_itemCombo = nullptr;
    QComboBox *m_locationCombo = nullptr;
    QStringListModel *m_itemModel = nullptr;
    QStringListModel *m_locationModel = nullptr;
    QPushButton *m_explainButton = nullptr;
    QLabel *m_errorLabel = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QTabBar *m_exceptionTabs = nullptr;
    DetailPanel *m_panel = nullptr;
    model::Explanation m_explanation;
};

} // namespace ui
