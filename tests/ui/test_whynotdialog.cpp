// The "Why not?" dialog: pickers over ids, inline errors, the no-exception verdict and
// one tab per exception a SKU-location raises.

#include "explanationfixture.h"

#include "ui/detail/detailpanel.h"
#include "ui/detail/whynotdialog.h"

#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTabBar>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct FakeWorkbench {
    QStringList calls;
    model::Result<model::Explanation> explain(const QString &item, const QString &location)
    {
        calls.append(item + u'@' + location);
        if (item != u"SKU-100"_s)
            return std::unexpected(model::Error {model::Error::BadInput,
                u"Unknown item \"%1\": check the id in the item list."_s.arg(item), {}});
        if (location == u"DC-WEST"_s)
            return fixture::quietItemLocation();
        model::Explanation x = fixture::explanation();
        // A SKU-location lookup: no exception singled out, two raised.
        x.exception.reset();
        engine::ExceptionRecord late = fixture::shortage();
        late.id = "late_supply:SKU-100@DC-EAST";
        late.type = engine::ExceptionType::LateSupply;
        late.rank = 0;
        late.score = 300;
        late.factors.resize(1);
        late.factors[0].amount = 300;
        x.result.exceptions.push_back(late);
        return x;
    }
};

} // namespace

class TestWhyNotDialog : public QObject
{
    Q_OBJECT

private:
    FakeWorkbench m_workbench;
    std::unique_ptr<ui::WhyNotDialog> makeDialog()
    {
        m_workbench.calls.clear();
        auto dialog = std::make_unique<ui::WhyNotDialog>(
            [this](const QString &item, const QString &location) {
                return m_workbench.explain(item, location);
            },
            QStringList {u"SKU-100"_s, u"SKU-200"_s, u"XSKU-1000"_s},
            QStringList {u"DC-EAST"_s, u"DC-WEST"_s});
        dialog->show();
        return dialog;
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void pickersCompleteAnywhereInTheId()
    {
        auto dialog = makeDialog();
        auto *items = dialog->findChild<QComboBox *>(u"whyNotItemCombo"_s);
        QVERIFY(items);
        QCOMPARE(items->count(), 3);
        QVERIFY(items->isEditable());
        QCompleter *completer = items->completer();
        QCOMPARE(completer->filterMode(), Qt::MatchContains);
        completer->setCompletionPrefix(u"sku-1"_s);
        // "SKU-100" and "XSKU-1000" both contain it, case-insensitively.
        QCOMPARE(completer->completionCount(), 2);
    }

    void missingInputIsReportedInline()
    {
        auto dialog = makeDialog();
        dialog->findChild<QComboBox *>(u"whyNotLocationCombo"_s)->setEditText(u"DC-EAST"_s);
        dialog->findChild<QPushButton *>(u"whyNotExplainButton"_s)->click();
        auto *error = dialog->findChild<QLabel *>(u"whyNotErrorLabel"_s);
        QVERIFY(error->isVisible());
        QCOMPARE(error->text(), u"Enter an item id."_s);
        QVERIFY(m_workbench.calls.isEmpty());
    }

    void unknownItemShowsTheModelsMessage()
    {
        auto dialog = makeDialog();
        dialog->explain(u"NOPE"_s, u"DC-EAST"_s);
        QCOMPARE(m_workbench.calls, QStringList {u"NOPE@DC-EAST"_s});
        auto *error = dialog->findChild<QLabel *>(u"whyNotErrorLabel"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().startsWith(u"Unknown item \"NOPE\""_s), qPrintable(error->text()));
        QVERIFY(dialog->findChild<ui::DetailPanel *>(u"whyNotDetailPanel"_s)->isEmpty());
    }

    void quietSkuLocationExplainsWhyItIsNotInTheQueue()
    {
        auto dialog = makeDialog();
        dialog->explain(u"SKU-100"_s, u"DC-WEST"_s);
        QVERIFY(!dialog->findChild<QLabel *>(u"whyNotErrorLabel"_s)->isVisible());
        QVERIFY(!dialog->findChild<QTabBar *>(u"whyNotExceptionTabs"_s)->isVisible());
        auto *panel = dialog->findChild<ui::DetailPanel *>(u"whyNotDetailPanel"_s);
        QVERIFY(!panel->isEmpty());
        const QString verdict = panel->findChild<QLabel *>(u"detailActionLabel"_s)->text();
        QVERIFY2(
            verdict.contains(u"stockout probability 2.1% vs target 5%"_s), qPrintable(verdict));
    }

    void oneTabPerExceptionRaised()
    {
        auto dialog = makeDialog();
        dialog->explain(u"SKU-100"_s, u"DC-EAST"_s);
        auto *tabs = dialog->findChild<QTabBar *>(u"whyNotExceptionTabs"_s);
        QVERIFY(tabs->isVisible());
        QCOMPARE(tabs->count(), 2);
        auto *panel = dialog->findChild<ui::DetailPanel *>(u"whyNotDetailPanel"_s);
        QCOMPARE(panel->exceptionId(), u"shortage:SKU-100@DC-EAST"_s);
        QCOMPARE(panel->breakdownTotal(), 12400.0);
        tabs->setCurrentIndex(1);
        QCOMPARE(panel->exceptionId(), u"late_supply:SKU-100@DC-EAST"_s);
        QCOMPARE(panel->breakdownTotal(), 300.0);
        const QString summary = dialog->findChild<QLabel *>(u"whyNotSummaryLabel"_s)->text();
        QVERIFY2(summary.contains(u"raises 2 exceptions"_s), qPrintable(summary));
        // No decision is taken from a what-if view.
        QVERIFY(!panel->findChild<QPushButton *>(u"approveButton_0"_s)->isVisible());
    }
};

QTEST_MAIN(TestWhyNotDialog)
#include "test_whynotdialog.moc"
