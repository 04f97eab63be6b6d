#include "ui/simulation/networkview.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

QColor useColour(double peakUse)
{
    if (peakUse < 0)
        return QColor(0x3b, 0x6e, 0xa8); // unlimited
    if (peakUse >= 0.9)
        return QColor(0xc0, 0x39, 0x2b);
    if (peakUse >= 0.5)
        return QColor(0xe6, 0x7e, 0x22);
    return QColor(0x27, 0x8e, 0x4f);
}

double distanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF d = b - a;
    const double length2 = QPointF::dotProduct(d, d);
    const double t
        = length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, d) / length2, 0.0, 1.0) : 0.0;
    const QPointF q = a + t * d;
    return std::hypot(p.x() - q.x(), p.y() - q.y());
}

/// The two ends of lane a -> b, moved sideways so that b -> a is drawn beside it.
std::pair<QPointF, QPointF> laneEnds(QPointF a, QPointF b)
{
    const QPointF d = b - a;
    const double length = std::hypot(d.x(), d.y());
    if (length < 1)
        return {a, b};
    const QPointF unit = d / length;
    const QPointF side(-unit.y() * 7, unit.x() * 7);
    return {a + unit * 22 + side, b - unit * 22 + side};
}

} // namespace

NetworkView::NetworkView(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(360, 300);
    setAccessibleName(tr("Transfer network"));
}

void NetworkView::setNetwork(const QList<Location> &locations, const QList<Lane> &lanes)
{
    m_locations = locations;
    m_lanes = lanes;
    m_selected = -1;
    update();
}

void NetworkView::setEmptyText(const QString &text)
{
    m_emptyText = text;
    update();
}

void NetworkView::selectLane(int lane)
{
    m_selected = lane >= 0 && lane < m_lanes.size() ? lane : -1;
    update();
    Q_EMIT laneSelected(m_selected);
}

QPointF NetworkView::locationPoint(int i) const
{
    QList<int> ring;
    const bool centre = m_locations.at(i).centre;
    for (int j = 0; j < m_locations.size(); ++j) {
        if (m_locations.at(j).centre == centre)
            ring << j;
    }
    const QPointF middle(width() / 2.0, (height() - 44) / 2.0 + 4);
    const double outer = std::max(60.0, std::min(width(), height() - 56) / 2.0 - 44);
    const bool allOneKind = ring.size() == m_locations.size();
    const double radius = centre && !allOneKind ? outer * 0.42 : outer;
    if (ring.size() == 1 && centre && !allOneKind)
        return middle;
    const double angle = 2 * std::numbers::pi * ring.indexOf(i) / ring.size() - std::numbers::pi / 2
        + (centre ? std::numbers::pi / 4 : 0);
    return middle + QPointF(std::cos(angle), std::sin(angle)) * radius;
}

int NetworkView::laneAt(QPointF point) const
{
    int best = -1;
    double bestDistance = 8;
    for (int l = 0; l < m_lanes.size(); ++l) {
        const auto [a, b]
            = laneEnds(locationPoint(m_lanes.at(l).from), locationPoint(m_lanes.at(l).to));
        const double d = distanceToSegment(point, a, b);
        if (d < bestDistance) {
            bestDistance = d;
            best = l;
        }
    }
    return best;
}

void NetworkView::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    selectLane(laneAt(event->position()));
}

void NetworkView::keyPressEvent(QKeyEvent *event)
{
    if (m_lanes.isEmpty()
        || (event->key() != Qt::Key_Right && event->key() != Qt::Key_Left
            && event->key() != Qt::Key_Down && event->key() != Qt::Key_Up)) {
        QWidget::keyPressEvent(event);
        return;
    }
    const int step = event->key() == Qt::Key_Right || event->key() == Qt::Key_Down ? 1 : -1;
    selectLane((std::max(m_selected, step > 0 ? -1 : 0) + step + int(m_lanes.size()))
        % int(m_lanes.size()));
}

void NetworkView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    if (m_locations.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(
            rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
        return;
    }
    double most = 0;
    for (const Lane &lane : std::as_const(m_lanes))
        most = std::max(most, lane.units);
    for (int l = 0; l < m_lanes.size(); ++l) {
        const Lane &lane = m_lanes.at(l);
        const auto [a, b] = laneEnds(locationPoint(lane.from), locationPoint(lane.to));
        const bool used = lane.units > 0;
        const double width = used ? 2 + 8 * std::sqrt(lane.units / std::max(most, 1.0)) : 1;
        QColor colour = used ? useColour(lane.peakUse) : QColor(0xb0, 0xb4, 0xba);
        QPen pen(colour, width, lane.closed ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap);
        if (lane.closed)
            pen.setColor(QColor(0x90, 0x90, 0x90));
        p.setPen(pen);
        p.drawLine(a, b);
        if (used) {
            // The arrow head at the receiving end.
            const QPointF d = (b - a) / std::max(1.0, std::hypot((b - a).x(), (b - a).y()));
            const QPointF side(-d.y(), d.x());
            const double head = 6 + width;
            QPainterPath arrow;
            arrow.moveTo(b);
            arrow.lineTo(b - d * head + side * head / 2);
            arrow.lineTo(b - d * head - side * head / 2);
            arrow.closeSubpath();
            p.fillPath(arrow, colour);
        }
        if (l == m_selected) {
            p.setPen(
                QPen(palette().color(QPalette::Highlight), width + 6, Qt::SolidLine, Qt::RoundCap));
            p.setOpacity(0.35);
            p.drawLine(a, b);
            p.setOpacity(1);
        }
    }
    QFont bold = font();
    bold.setBold(true);
    for (int i = 0; i < m_locations.size(); ++i) {
        const QPointF at = locationPoint(i);
        const bool centre = m_locations.at(i).centre;
        p.setPen(QPen(palette().color(QPalette::Text), 1.5));
        p.setBrush(centre ? QColor(0xdd, 0xe6, 0xf3) : QColor(0xf4, 0xf4, 0xf4));
        const QRectF box(at.x() - 20, at.y() - 14, 40, 28);
        if (centre)
            p.drawRect(box);
        else
            p.drawEllipse(box);
        p.setFont(bold);
        const QRectF label(at.x() - 60, at.y() + 15, 120, 18);
        p.drawText(label, Qt::AlignHCenter | Qt::AlignTop, m_locations.at(i).id);
    }
    // The key: what width and colour mean.
    p.setFont(font());
    const int y = height() - 10;
    int x = 10;
    // Short words, so that the key fits the narrow pane the window gives the network.
    const QList<std::pair<QColor, QString>> key {{useColour(0.1), tr("under 50%")},
        {useColour(0.6), tr("50–90%")}, {useColour(0.95), tr("90% or more")},
        {useColour(-1), tr("no limit")}};
    for (const auto &[colour, text] : key) {
        p.fillRect(QRectF(x, y - 5, 18, 6), colour);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QPointF(x + 22, y + 3), text);
        x += 30 + p.fontMetrics().horizontalAdvance(text);
    }
    p.drawText(QPointF(10, y - 14),
        tr("Width: units moved · dashed: closed · colour: fill on the busiest day"));
    if (hasFocus() && m_selected < 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QPointF(10, 18), tr("Arrow keys or a click select a lane"));
    }
}

} // namespace ui
