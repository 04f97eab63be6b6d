#include "ui/kpi/kpireport.h"

#include "ui/charts/kpitrendchart.h"
#include "ui/common/format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QFileInfo>
#include <QLocale>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QPixmap>

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ui::KpiReport", text);
}

QString decidedText(const model::Decision &d, const QHash<qint64, model::ErpState> &erp)
{
    const QString when = formatDate(
        engine::parseDate(d.decidedAt.left(10).toStdString()).value_or(engine::kNoDate));
    QString text;
    switch (d.kind) {
    case model::Decision::Approved:
        text = tr("Approved by %1, %2").arg(d.user, when);
        break;
    case model::Decision::Overridden:
        text = tr("Overridden to %1 units by %2, %3 (%4)")
                   .arg(formatQty(d.overrideQty), d.user, when, d.reasonCode);
        break;
    case model::Decision::Rejected:
        text = d.reasonCode.isEmpty()
            ? tr("Rejected by %1, %2").arg(d.user, when)
            : tr("Rejected by %1, %2 (%3)").arg(d.user, when, d.reasonCode);
        break;
    case model::Decision::None:
        return tr("No decision");
    }
    if (d.awaitingCheck())
        text += tr(" · awaiting a second approval");
    const auto state = erp.constFind(d.id);
    if (state != erp.constEnd())
        text += tr(" · batch %1 %2").arg(QString::number(state->batchId), state->status);
    return text;
}

/// Draws rows of cells in columns of the given widths from `top`, a new page when one
/// is full; returns the y below the last row.
class TableWriter
{
public:
    TableWriter(QPdfWriter &writer, QPainter &painter, int bottom)
        : m_writer(writer)
        , m_painter(painter)
        , m_bottom(bottom)
    { }

    int y = 0;
    int pages = 1;

    /// A row of `cells` in columns of `widths`; a column in `right` is right-aligned.
    void row(const QList<int> &widths, const QList<bool> &right, const QStringList &cells,
        bool header, int left)
    {
        const int height = m_painter.fontMetrics().height() + 6;
        if (y + height > m_bottom) {
            m_writer.newPage();
            ++pages;
            y = 40;
        }
        QFont font = m_painter.font();
        font.setBold(header);
        m_painter.setFont(font);
        if (header) {
            m_painter.fillRect(
                QRect(left, y, std::accumulate(widths.begin(), widths.end(), 0), height),
                QColor(0xe8, 0xec, 0xf2));
        }
        int x = left;
        for (qsizetype c = 0; c < widths.size() && c < cells.size(); ++c) {
            const QRect cell(x + 3, y, widths[c] - 6, height);
            const Qt::Alignment align = right.value(c) ? Qt::AlignRight | Qt::AlignVCenter
                                                       : Qt::AlignLeft | Qt::AlignVCenter;
            m_painter.drawText(cell, int(align),
                m_painter.fontMetrics().elidedText(cells[c], Qt::ElideRight, cell.width()));
            x += widths[c];
        }
        m_painter.setPen(QColor(0xd0, 0xd4, 0xda));
        m_painter.drawLine(left, y + height, x, y + height);
        m_painter.setPen(Qt::black);
        y += height;
    }

private:
    QPdfWriter &m_writer;
    QPainter &m_painter;
    int m_bottom;
};

} // namespace

model::Result<std::vector<TopExposure>> topExposures(model::Workbench &workbench, int count)
{
    std::vector<TopExposure> top;
    auto queue = workbench.runs().queue();
    if (!queue)
        return std::unexpected(queue.error());
    auto standing = workbench.decisions().standing();
    if (!standing)
        return std::unexpected(standing.error());
    auto erp = workbench.exporter().erpStates();
    if (!erp)
        return std::unexpected(erp.error());
    std::vector<qsizetype> rows(std::size_t(queue->size()));
    std::iota(rows.begin(), rows.end(), qsizetype(0));
    std::stable_sort(rows.begin(), rows.end(), [&](qsizetype a, qsizetype b) {
        return queue->score[std::size_t(a)] > queue->score[std::size_t(b)];
    });
    rows.resize(std::min(rows.size(), std::size_t(std::max(0, count))));
    for (const qsizetype r : rows) {
        TopExposure t;
        t.exceptionId = queue->exceptionId(r);
        t.type = engine::ExceptionType(queue->type[std::size_t(r)]);
        t.exposure = queue->score[std::size_t(r)];
        t.canSave = queue->canSave[std::size_t(r)];
        t.currency = queue->snapshot.currency;
        t.decided = tr("No decision");
        for (const model::Decision &d : *standing) {
            if (d.exceptionId == t.exceptionId)
                t.decided = decidedText(d, *erp);
        }
        top.push_back(std::move(t));
    }
    return top;
}

void drawKpiTrends(const model::KpiReport &report, KpiTrendChart *money, KpiTrendChart *fill)
{
    KpiTrendChart::Line exposure {tr("Exposure"), QColor(0xb0, 0x3a, 0x2e), {}};
    KpiTrendChart::Line canSave {tr("Can save"), QColor(0x2e, 0x7d, 0x32), {}};
    KpiTrendChart::Line fillRate {tr("Fill rate"), QColor(0x3b, 0x6e, 0xa8), {}};
    KpiTrendChart::Line tier1 {tr("Tier-1 fill rate"), QColor(0x6a, 0x3d, 0x9a), {}};
    for (const model::SnapshotKpis &s : report.snapshots) {
        if (s.runId <= 0)
            continue; // never scored: no run figure to draw
        const QDate date = toQDate(s.snapshot.asOf);
        exposure.points.append({date, s.overall.exposure});
        canSave.points.append({date, s.overall.canSave});
        if (const auto rate = s.overall.fillRate())
            fillRate.points.append({date, *rate});
        if (const auto rate = s.overall.tier1FillRate())
            tier1.points.append({date, *rate});
    }
    money->setLines({exposure, canSave});
    fill->setLines({fillRate, tier1}, report.fillRateTarget,
        tr("Target %1").arg(formatPercent(report.fillRateTarget)));
}

model::Result<int> writeKpiReport(const QString &path, const QString &source,
    const model::KpiReport &report, const std::vector<TopExposure> &top)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(72); // one unit a point: A4 is 595 x 842
    writer.setTitle(tr("KPI report"));
    writer.setCreator(u"Planner Workbench"_s);
    QPainter painter;
    if (!painter.begin(&writer))
        return std::unexpected(model::Error {model::Error::Io,
            tr("Cannot write %1: check that its folder exists and is writable.").arg(path), {}});
    const int left = 40, width = 515, bottom = 800;
    QFont body(u"Sans Serif"_s);
    body.setPointSizeF(8.5);
    QFont heading = body;
    heading.setPointSizeF(16);
    heading.setBold(true);
    QFont subheading = body;
    subheading.setPointSizeF(11);
    subheading.setBold(true);

    // Page 1: the heading and the trends.
    int y = 40;
    painter.setFont(heading);
    painter.drawText(QRect(left, y, width, 24), Qt::AlignLeft, tr("KPI report"));
    y += 28;
    painter.setFont(body);
    const QString range = report.snapshots.empty()
        ? tr("no snapshot")
        : tr("%1 snapshots, as of %2 to %3")
              .arg(QString::number(report.snapshots.size()),
                  formatDate(report.snapshots.front().snapshot.asOf),
                  formatDate(report.snapshots.back().snapshot.asOf));
    const QString currency
        = report.snapshots.empty() ? QString() : report.snapshots.back().snapshot.currency;
    painter.drawText(QRect(left, y, width, 14), Qt::AlignLeft,
        tr("%1 · %2 · amounts in %3 · written %4")
            .arg(QFileInfo(source).fileName(), range, currency,
                QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat)));
    y += 24;
    KpiTrendChart money(tr("Exposure and can save"), KpiTrendChart::Scale::Money);
    KpiTrendChart fill(tr("Fill rate proxy"), KpiTrendChart::Scale::Percent);
    drawKpiTrends(report, &money, &fill);
    for (KpiTrendChart *chart : {&money, &fill}) {
        // Laid out as if shown, without a window or a nested event loop: the chart
        // places its axes and legend on the layout requests its new size posts.
        chart->setAttribute(Qt::WA_DontShowOnScreen);
        chart->resize(width, 300);
        chart->show();
        // The legend lays itself out after the chart: a few rounds settle both.
        for (int round = 0; round < 3; ++round)
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        // As an image at three times the page's resolution: the legend of a chart drawn
        // straight onto a PDF painter loses its entries.
        QPixmap image(chart->size() * 3);
        image.setDevicePixelRatio(3);
        image.fill(Qt::white);
        chart->render(&image, QPoint(), QRegion(), QWidget::DrawChildren);
        painter.drawPixmap(QRect(QPoint(left, y), chart->size()), image);
        y += 310;
    }
    painter.setFont(body);
    painter.drawText(QRect(left, y, width, 60), Qt::AlignLeft | Qt::TextWordWrap,
        tr("Exposure: the cost of doing nothing, summed over the latest run's exceptions; can "
           "save: what acting as recommended saves of it. Fill rate proxy: the open order lines "
           "not at an item-location the run shows short; the dashed line is the policy's "
           "service target. Formulas: docs/kpis.md."));

    // Page 2: the figures and the largest exposures.
    writer.newPage();
    TableWriter table(writer, painter, bottom);
    table.y = 40;
    painter.setFont(subheading);
    painter.drawText(QRect(left, table.y, width, 18), Qt::AlignLeft, tr("KPIs per snapshot"));
    table.y += 22;
    painter.setFont(body);
    const QList<int> kpiWidths {70, 55, 55, 40, 42, 42, 60, 63, 88};
    const QList<bool> kpiRight {false, true, true, true, true, true, true, true, false};
    table.row(kpiWidths, kpiRight,
        {tr("As of"), tr("Exposure"), tr("Can save"), tr("Exc."), tr("Fill"), tr("Tier 1"),
            tr("Past due"), tr("Excess"), tr("Decided")},
        true, left);
    for (const model::SnapshotKpis &s : report.snapshots) {
        const model::KpiFigures &f = s.overall;
        const auto percent = [](std::optional<double> v) { return v ? formatPercent(*v) : u"—"_s; };
        const bool scored = s.runId > 0;
        table.row(kpiWidths, kpiRight,
            {formatDate(s.snapshot.asOf), scored ? formatMoney(f.exposure, {}) : u"—"_s,
                scored ? formatMoney(f.canSave, {}) : u"—"_s,
                scored ? QString::number(f.exceptionCount()) : u"—"_s, percent(f.fillRate()),
                percent(f.tier1FillRate()), scored ? formatMoney(f.backorderValue, {}) : u"—"_s,
                scored ? formatMoney(f.excessValue, {}) : u"—"_s,
                tr("%1 (%2/%3/%4)")
                    .arg(QString::number(f.decisions), QString::number(f.approved),
                        QString::number(f.overridden), QString::number(f.rejected))},
            false, left);
    }
    painter.setFont(body);
    painter.drawText(QRect(left, table.y + 4, width, 40), Qt::AlignLeft | Qt::TextWordWrap,
        tr("Exc.: exceptions. Fill, Tier 1: fill rate proxy, all lines and tier-1 customers' "
           "lines. Past due: open order value due before the as-of date. Excess: excess stock "
           "at cost. Decided: decisions taken (as proposed / overridden / rejected)."));
    table.y += 54;
    painter.setFont(subheading);
    painter.drawText(QRect(left, table.y, width, 18), Qt::AlignLeft,
        report.snapshots.empty() ? tr("Largest exposures")
                                 : tr("The %1 largest exposures as of %2, and what was decided")
                                       .arg(QString::number(top.size()),
                                           formatDate(report.snapshots.back().snapshot.asOf)));
    table.y += 22;
    painter.setFont(body);
    const QList<int> topWidths {20, 195, 55, 55, 190};
    const QList<bool> topRight {true, false, true, true, false};
    table.row(topWidths, topRight,
        {u"#"_s, tr("Exception"), tr("Exposure"), tr("Can save"), tr("Decision")}, true, left);
    int n = 0;
    for (const TopExposure &t : top)
        table.row(topWidths, topRight,
            {QString::number(++n), t.exceptionId, formatMoney(t.exposure, {}),
                formatMoney(t.canSave, {}), t.decided},
            false, left);
    if (top.empty())
        table.row(topWidths, topRight, {QString(), tr("Nothing scored yet.")}, false, left);
    if (!painter.end())
        return std::unexpected(
            model::Error {model::Error::Io, tr("Could not finish writing %1.").arg(path), {}});
    return 1 + table.pages;
}

} // namespace ui
