#pragma once
// What-if factor weights: one slider and spin box per factor. Changing them re-ranks
// the queue live; the saved policy is not touched (changing it is a governed action).

#include "engine/core/policy.h"

#include <QWidget>

#include <array>

QT_BEGIN_NAMESPACE
class QLabel;
class QSlider;
class QDoubleSpinBox;
class QPushButton;
class QTimer;
class QGridLayout;
QT_END_NAMESPACE

namespace ui {

class WeightsPanel : public QWidget
{
    Q_OBJECT

public:
    static constexpr double kMaxWeight = 3.0;

    explicit WeightsPanel(QWidget *parent = nullptr);

    /// The policy's weights, the baseline "Reset to policy" returns to. Weights not yet
    /// changed from the old baseline follow the new one, without a weightsChanged.
    void setPolicyWeights(const std::array<double, engine::kFactorCount> &weights);
    std::array<double, engine::kFactorCount> policyWeights() const { return m_policy; }
    std::array<double, engine::kFactorCount> weights() const;
    /// Sets the weights (clamped to 0..3, rounded to 0.1); emits weightsChanged like an
    /// edit would when they differ.
    void setWeights(const std::array<double, engine::kFactorCount> &weights);
    /// True when any weight differs from the policy.
    bool isModified() const;

Q_SIGNALS:
    /// Live, what-if only; sent once a burst of edits settles (about 100 ms).
    void weightsChanged(const std::array<double, engine::kFactorCount> &weights);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void arrange(int columns);
    void edited();
    void updateMarks();

    struct Row {
        QLabel *label = nullptr;
        QSlider *slider = nullptr;
        QDoubleSpinBox *spin = nullptr;
        QLabel *policy = nullptr;
    };
    std::array<Row, engine::kFactorCount> m_rows;
    std::array<double, engine::kFactorCount> m_policy {};
    std::array<double, engine::kFactorCount> m_emitted {};
    QPushButton *m_reset = nullptr;
    QTimer *m_debounce = nullptr;
    QGridLayout *m_grid = nullptr;
    int m_columns = 0;
};

} // namespace ui
