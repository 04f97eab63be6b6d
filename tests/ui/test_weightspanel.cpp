// The what-if weights panel: slider and spin box agree, edits are debounced into one
// weightsChanged, values are clamped, and "Reset to policy" returns to the baseline.

#include "ui/queues/weightspanel.h"

#include <QDoubleSpinBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

using namespace Qt::StringLiterals;
using Weights = std::array<double, engine::kFactorCount>;

class TestWeightsPanel : public QObject
{
    Q_OBJECT

private:
    static QString factor(engine::FactorKind kind)
    {
        return QString::fromLatin1(engine::factorName(kind));
    }

private Q_SLOTS:
    void startsAtOneAndUnmodified()
    {
        ui::WeightsPanel panel;
        Weights ones;
        ones.fill(1.0);
        QCOMPARE(panel.weights(), ones);
        QVERIFY(!panel.isModified());
        QVERIFY(!panel.findChild<QPushButton *>(u"resetWeightsButton"_s)->isEnabled());
    }

    void followingANewPolicyIsNotAWhatIf()
    {
        ui::WeightsPanel panel;
        QSignalSpy spy(&panel, &ui::WeightsPanel::weightsChanged);
        Weights policy {1, 2, 1, 0.5, 1, 1, 1, 1};
        panel.setPolicyWeights(policy);
        QCOMPARE(panel.weights(), policy);
        QVERIFY(!panel.isModified());
        QTest::qWait(250);
        QCOMPARE(spy.size(), 0);
    }

    void spinBoxEditMovesTheSliderAndEmitsOnce()
    {
        ui::WeightsPanel panel;
        QSignalSpy spy(&panel, &ui::WeightsPanel::weightsChanged);
        const QString name = factor(engine::FactorKind::SlaPenalty);
        auto *spin = panel.findChild<QDoubleSpinBox *>(u"weightSpin_"_s + name);
        auto *slider = panel.findChild<QSlider *>(u"weightSlider_"_s + name);
        QVERIFY(spin && slider);
        // A burst of edits, as when dragging: only the settled value is sent.
        spin->setValue(1.5);
        spin->setValue(2.0);
        spin->setValue(2.5);
        QCOMPARE(slider->value(), 25);
        QCOMPARE(spy.size(), 0);
        QVERIFY(spy.wait(1000));
        QCOMPARE(spy.size(), 1);
        const auto sent = spy.at(0).at(0).value<Weights>();
        QCOMPARE(sent[std::size_t(engine::FactorKind::SlaPenalty)], 2.5);
        QCOMPARE(sent[std::size_t(engine::FactorKind::MarginAtRisk)], 1.0);
        QVERIFY(panel.isModified());
        QTest::qWait(250);
        QCOMPARE(spy.size(), 1);
    }

    void sliderMovesTheSpinBox()
    {
        ui::WeightsPanel panel;
        const QString name = factor(engine::FactorKind::CarryingCost);
        auto *slider = panel.findChild<QSlider *>(u"weightSlider_"_s + name);
        auto *spin = panel.findChild<QDoubleSpinBox *>(u"weightSpin_"_s + name);
        slider->setValue(3);
        QCOMPARE(spin->value(), 0.3);
        QCOMPARE(panel.weights()[std::size_t(engine::FactorKind::CarryingCost)], 0.3);
    }

    void weightsAreClampedAndRoundedToATenth()
    {
        ui::WeightsPanel panel;
        panel.setWeights({5.0, -1.0, 0.26, 1, 1, 1, 1, qQNaN()});
        const Weights w = panel.weights();
        QCOMPARE(w[0], 3.0);
        QCOMPARE(w[1], 0.0);
        QCOMPARE(w[2], 0.3);
        QCOMPARE(w[7], 1.0);
    }

    void resetReturnsToThePolicy()
    {
        ui::WeightsPanel panel;
        const Weights policy {1, 2, 1, 1, 1, 1, 1, 1};
        panel.setPolicyWeights(policy);
        auto *reset = panel.findChild<QPushButton *>(u"resetWeightsButton"_s);
        panel.setWeights({0, 0, 0, 0, 0, 0, 0, 0});
        QVERIFY(panel.isModified());
        QVERIFY(reset->isEnabled());
        QSignalSpy spy(&panel, &ui::WeightsPanel::weightsChanged);
        QVERIFY(spy.wait(1000)); // the zeros
        reset->click();
        QCOMPARE(panel.weights(), policy);
        QVERIFY(!panel.isModified());
        QVERIFY(!reset->isEnabled());
        QVERIFY(spy.wait(1000));
        QCOMPARE(spy.last().at(0).value<Weights>(), policy);
    }

    void aNewPolicyDoesNotOverrideAWhatIf()
    {
        ui::WeightsPanel panel;
        panel.setWeights({2, 1, 1, 1, 1, 1, 1, 1});
        panel.setPolicyWeights({1, 1, 1, 1, 1, 1, 1, 1.5});
        QCOMPARE(panel.weights()[0], 2.0);
        QCOMPARE(panel.weights()[7], 1.0);
        QVERIFY(panel.isModified());
    }
};

QTEST_MAIN(TestWeightsPanel)
#include "test_weightspanel.moc"
