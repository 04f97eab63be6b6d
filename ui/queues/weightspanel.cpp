#include "ui/queues/weightspanel.h"

#include "ui/common/format.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {

constexpr int kSliderSteps = 10; // slider units per 1.0 of weight
constexpr int kDebounceMs = 100;
constexpr int kMaxSliderWidth = 360;
constexpr int kCellsPerRow = 4; // label, slider, spin box, policy value
constexpr int kTwoColumnWidth = 1000;

double snap(double weight)
{
    if (!std::isfinite(weight))
        return 1.0;
    return std::round(std::clamp(weight, 0.0, WeightsPanel::kMaxWeight) * kSliderSteps)
        / kSliderSteps;
}

bool same(double a, double b)
{
    return std::abs(a - b) < 0.5 / kSliderSteps;
}

} // namespace

WeightsPanel::WeightsPanel(QWidget *parent)
    : QWidget(parent)
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("weightsPanel"));
    m_policy.fill(1.0);
    m_emitted.fill(1.0);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, [this] {
        const auto current = weights();
        if (current == m_emitted)
            return;
        m_emitted = current;
        Q_EMIT weightsChanged(current);
    });

    auto *layout = new QVBoxLayout(this);
    // Title, note and reset on one row: docked along the bottom, height is what is scarce.
    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("Factor weights"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    header->addWidget(title, 0, Qt::AlignTop);
    auto *note = new QLabel(tr("What-if only: the saved policy does not change. The queue "
                               "re-ranks as you move a slider."),
        this);
    note->setObjectName(QStringLiteral("weightsNote"));
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    header->addWidget(note, 1, Qt::AlignTop);
    m_reset = new QPushButton(tr("Reset to policy"), this);
    m_reset->setObjectName(QStringLiteral("resetWeightsButton"));
    connect(m_reset, &QPushButton::clicked, this, [this] { setWeights(m_policy); });
    header->addWidget(m_reset, 0, Qt::AlignTop);
    layout->addLayout(header);

    m_grid = new QGridLayout;
    m_grid->setHorizontalSpacing(10);
    for (int f = 0; f < engine::kFactorCount; ++f) {
        Row &row = m_rows[std::size_t(f)];
        const auto kind = engine::FactorKind(f);
        const QString name = QString::fromLatin1(engine::factorName(kind));
        row.label = new QLabel(factorLabel(kind), this);
        row.slider = new QSlider(Qt::Horizontal, this);
        row.slider->setObjectName(QStringLiteral("weightSlider_") + name);
        row.slider->setRange(0, int(kMaxWeight * kSliderSteps));
        row.slider->setPageStep(kSliderSteps / 2);
        row.slider->setTickPosition(QSlider::TicksBelow);
        row.slider->setTickInterval(kSliderSteps);
        row.slider->setMinimumWidth(120);
        row.slider->setMaximumWidth(kMaxSliderWidth);
        row.spin = new QDoubleSpinBox(this);
        row.spin->setObjectName(QStringLiteral("weightSpin_") + name);
        row.spin->setRange(0.0, kMaxWeight);
        row.spin->setSingleStep(1.0 / kSliderSteps);
        row.spin->setDecimals(1);
        row.spin->setAccelerated(true);
        row.label->setBuddy(row.spin);
        row.policy = new QLabel(this);
        row.policy->setForegroundRole(QPalette::PlaceholderText);
        row.policy->setMinimumWidth(row.policy->fontMetrics().horizontalAdvance(tr("policy 0.0")));

        connect(row.slider, &QSlider::valueChanged, this, [this, f](int value) {
            const QSignalBlocker block(m_rows[std::size_t(f)].spin);
            m_rows[std::size_t(f)].spin->setValue(double(value) / kSliderSteps);
            edited();
        });
        connect(row.spin, &QDoubleSpinBox::valueChanged, this, [this, f](double value) {
            const QSignalBlocker block(m_rows[std::size_t(f)].slider);
            m_rows[std::size_t(f)].slider->setValue(int(std::lround(value * kSliderSteps)));
            edited();
        });
    }
    layout->addLayout(m_grid);
    arrange(1);

    layout->addStretch(1);

    setWeights(m_policy);
    m_debounce->stop();
    m_emitted = m_policy;
}

void WeightsPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Docked along the bottom of the window the panel is wide and short: two columns of
    // four factors keep every slider visible without stealing the queue's rows.
    arrange(width() >= kTwoColumnWidth ? 2 : 1);
}

void WeightsPanel::arrange(int columns)
{
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (const Row &row : m_rows) {
        for (QWidget *w : {static_cast<QWidget *>(row.label), static_cast<QWidget *>(row.slider),
                 static_cast<QWidget *>(row.spin), static_cast<QWidget *>(row.policy)})
            m_grid->removeWidget(w);
    }
    for (int c = 0; c < m_grid->columnCount(); ++c) {
        m_grid->setColumnStretch(c, 0);
        m_grid->setColumnMinimumWidth(c, 0);
    }
    const int perColumn = (engine::kFactorCount + columns - 1) / columns;
    // One spacer column between groups, and a stretching one at the end.
    for (int f = 0; f < engine::kFactorCount; ++f) {
        const Row &row = m_rows[std::size_t(f)];
        const int r = f % perColumn;
        const int base = (f / perColumn) * (kCellsPerRow + 1);
        m_grid->addWidget(row.label, r, base);
        m_grid->addWidget(row.slider, r, base + 1);
        m_grid->addWidget(row.spin, r, base + 2);
        m_grid->addWidget(row.policy, r, base + 3);
        m_grid->setColumnStretch(base + 1, 1);
        if (f / perColumn > 0)
            m_grid->setColumnMinimumWidth(base - 1, 24);
    }
    m_grid->setColumnStretch(columns * (kCellsPerRow + 1) - 1, 1);
}

std::array<double, engine::kFactorCount> WeightsPanel::weights() const
{
    std::array<double, engine::kFactorCount> out {};
    for (std::size_t f = 0; f < out.size(); ++f)
        out[f] = double(m_rows[f].slider->value()) / kSliderSteps;
    return out;
}

void WeightsPanel::setWeights(const std::array<double, engine::kFactorCount> &weights)
{
    for (std::size_t f = 0; f < weights.size(); ++f) {
        const double w = snap(weights[f]);
        const QSignalBlocker blockSlider(m_rows[f].slider);
        const QSignalBlocker blockSpin(m_rows[f].spin);
        m_rows[f].slider->setValue(int(std::lround(w * kSliderSteps)));
        m_rows[f].spin->setValue(w);
    }
    edited();
}

void WeightsPanel::setPolicyWeights(const std::array<double, engine::kFactorCount> &weights)
{
    const bool follow = !isModified();
    for (std::size_t f = 0; f < weights.size(); ++f)
        m_policy[f] = snap(weights[f]);
    if (follow) {
        // The queue already reflects the policy, so following it is not a what-if edit.
        setWeights(m_policy);
        m_debounce->stop();
        m_emitted = m_policy;
    } else {
        updateMarks();
    }
}

bool WeightsPanel::isModified() const
{
    const auto current = weights();
    for (std::size_t f = 0; f < current.size(); ++f) {
        if (!same(current[f], m_policy[f]))
            return true;
    }
    return false;
}

void WeightsPanel::edited()
{
    updateMarks();
    m_debounce->start();
}

void WeightsPanel::updateMarks()
{
    const auto current = weights();
    for (std::size_t f = 0; f < current.size(); ++f) {
        const Row &row = m_rows[f];
        const bool changed = !same(current[f], m_policy[f]);
        QFont font = row.label->font();
        font.setBold(changed);
        row.label->setFont(font);
        row.policy->setText(
            changed ? tr("policy %1").arg(QLocale().toString(m_policy[f], 'f', 1)) : QString());
    }
    m_reset->setEnabled(isModified());
}

} // namespace ui
