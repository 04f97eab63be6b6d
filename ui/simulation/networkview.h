#pragma once
// The transfer network drawn: distribution centres on an inner ring, branches and
// stores on an outer one, every lane as a thin line, and the lanes a plan uses as
// arrows whose width shows the units moved and whose colour shows how full the lane
// runs on its busiest day. Clicking a lane (or Tab/arrow keys and Enter) selects it.

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

namespace ui {

class NetworkView : public QWidget
{
    Q_OBJECT

public:
    struct Location {
        QString id;
        bool centre = false; ///< a DC or plant: placed on the inner ring
    };
    struct Lane {
        int from = 0, to = 0; ///< positions in the locations
        double units = 0; ///< moved by the plan (0: unused)
        double peakUse = -1; ///< peak units per day / capacity; -1: unlimited
        bool closed = false; ///< closed by the scenario
    };

    explicit NetworkView(QWidget *parent = nullptr);

    void setNetwork(const QList<Location> &locations, const QList<Lane> &lanes);
    /// Shown instead of a drawing when there is nothing to draw.
    void setEmptyText(const QString &text);
    int selectedLane() const { return m_selected; }
    void selectLane(int lane);
    /// Where location `i` is drawn (widget coordinates).
    QPointF locationPoint(int i) const;
    QSize sizeHint() const override { return {520, 420}; }

Q_SIGNALS:
    void laneSelected(int lane);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    int laneAt(QPointF point) const;

    QList<Location> m_locations;
    QList<Lane> m_lanes;
    QString m_emptyText;
    int m_selected = -1;
};

} // namespace ui
