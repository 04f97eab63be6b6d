#include "report/kpireportwriter.h"

#include "report/reportformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>

#include <numeric>

using namespace Qt::StringLiterals;

namespace report {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("report::KpiReport", text);
}

constexpr int kLeft = 40, kWidth = 515, kTop = 40, kBottom = 800;

/// Draws rows of cells in columns of the given widths, a new page when one is full.
class TableWriter
{
public:
    TableWriter(QPdfWriter &writer, QPainter &painter)
        : m_writer(writer)
        , m_painter(painter)
    { }

    int y = kTop;
    int pages = 1;

    /// Starts a new page unless `height` more points fit on this one.
    void room(int height)
    {
        if (y + height > kBottom) {
            m_writer.newPage();
            ++pages;
            y = kTop;
        }
    }

    void heading(const QFont &font, const QString &text)
    {
        room(60);
        m_painter.setFont(font);
        m_painter.drawText(QRect(kLeft, y, kWidth, 18), Qt::AlignLeft, text);
        y += 22;
    }

    void paragraph(const QFont &font, const QString &text, int height)
    {
        room(height);
        m_painter.setFont(font);
        QRect used;
        m_painter.drawText(
            QRect(kLeft, y, kWidth, height), Qt::AlignLeft | Qt::TextWordWrap, text, &used);
        y += used.height() + 10;
    }

    /// A row of `cells` in columns of `widths`; a column in `right` is right-aligned.
    void row(const QList<int> &widths, const QList<bool> &right, const QStringList &cells,
        bool header, const QFont &body)
    {
        QFont font = body;
        font.setBold(header);
        m_painter.setFont(font);
        const int height = m_painter.fontMetrics().height() + 6;
        room(height);
        if (header) {
            m_painter.fillRect(
                QRect(kLeft, y, std::accumulate(widths.begin(), widths.end(), 0), height),
                QColor(0xe8, 0xec, 0xf2));
        }
        int x = kLeft;
        for (qsizetype c = 0; c < widths.size() && c < cells.size(); ++c) {
            const QRect cell(x + 3, y, widths[c] - 6, height);
            const Qt::Alignment align = right.value(c) ? Qt::AlignRight | Qt::AlignVCenter
                                                       : Qt::AlignLeft | Qt::AlignVCenter;
            m_painter.drawText(cell, int(align),
                m_painter.fontMetrics().elidedText(cells[c], Qt::ElideRight, cell.width()));
            x += widths[c];
        }
        m_painter.setPen(QColor(0xd0, 0xd4, 0xda));
        m_painter.drawLine(kLeft, y + height, x, y + height);
        m_painter.setPen(Qt::black);
        y += height;
    }

private:
    QPdfWriter &m_writer;
    QPainter &m_painter;
};

QString rateText(const model::RateCell &cell)
{
    return cell.decisions > 0 ? percent(cell.rate()) : u"—"_s;
}

} // namespace

Trend moneyTrend(const model::KpiReport &kpis)
{
    TrendLine exposure {tr("Exposure"), QColor(0xb0, 0x3a, 0x2e), {}};
    TrendLine canSave {tr("Can save"), QColor(0x2e, 0x7d, 0x32), {}};
    TrendLine taken {tr("Can save taken"), QColor(0x8a, 0xb8, 0x3c), {}};
    QString currency;
    for (const model::SnapshotKpis &s : kpis.snapshots) {
        if (s.runId <= 0)
            continue; // never scored: no run figure to draw
        exposure.points.append({toQDate(s.snapshot.asOf), s.overall.exposure});
        canSave.points.append({toQDate(s.snapshot.asOf), s.overall.canSave});
        taken.points.append({toQDate(s.snapshot.asOf), s.overall.canSaveTaken});
        currency = s.snapshot.currency;
    }
    Trend trend;
    trend.title = currency.isEmpty() ? tr("Exposure and can save")
                                     : tr("Exposure and can save (%1)").arg(currency);
    trend.scale = Trend::Scale::Money;
    trend.lines = {exposure, canSave, taken};
    return trend;
}

Trend fillRateTrend(const model::KpiReport &kpis)
{
    TrendLine fillRate {tr("Fill rate"), QColor(0x3b, 0x6e, 0xa8), {}};
    TrendLine tier1 {tr("Tier-1 fill rate"), QColor(0x6a, 0x3d, 0x9a), {}};
    for (const model::SnapshotKpis &s : kpis.snapshots) {
        if (s.runId <= 0)
            continue;
        if (const auto rate = s.overall.fillRate())
            fillRate.points.append({toQDate(s.snapshot.asOf), *rate});
        if (const auto rate = s.overall.tier1FillRate())
            tier1.points.append({toQDate(s.snapshot.asOf), *rate});
    }
    Trend trend;
    trend.title = tr("Fill rate proxy");
    trend.scale = Trend::Scale::Percent;
    trend.lines = {fillRate, tier1};
    trend.target = kpis.fillRateTarget;
    trend.targetLabel = tr("Target %1").arg(percent(kpis.fillRateTarget));
    return trend;
}

Trend stockoutTrend(const model::KpiReport &kpis)
{
    TrendLine out {tr("SKU-locations out of stock"), QColor(0xc6, 0x6a, 0x1c), {}};
    for (const model::SnapshotKpis &s : kpis.snapshots) {
        if (s.runId > 0)
            out.points.append({toQDate(s.snapshot.asOf), double(s.overall.stockouts)});
    }
    Trend trend;
    trend.title = tr("Stockouts: %1 stockout days").arg(QLocale().toString(kpis.stockoutDays()));
    trend.scale = Trend::Scale::Number;
    trend.lines = {out};
    return trend;
}

Trend turnsTrend(const model::KpiReport &kpis)
{
    TrendLine turns {tr("Inventory turns"), QColor(0x00, 0x79, 0x6b), {}};
    for (const model::SnapshotKpis &s : kpis.snapshots) {
        if (s.runId <= 0)
            continue;
        if (const auto value = s.overall.inventoryTurns())
            turns.points.append({toQDate(s.snapshot.asOf), *value});
    }
    Trend trend;
    trend.title = tr("Inventory turns a year");
    trend.scale = Trend::Scale::Number;
    trend.lines = {turns};
    return trend;
}

Trend transferCycleTrend(const model::KpiReport &kpis)
{
    TrendLine toExport {tr("Approval→export"), QColor(0x3b, 0x6e, 0xa8), {}};
    TrendLine toAck {tr("Export→accepted"), QColor(0x8e, 0x44, 0xad), {}};
    TrendLine toReceived {tr("Approval→received"), QColor(0x2e, 0x7d, 0x32), {}};
    int transfers = 0;
    for (const model::SnapshotKpis &s : kpis.snapshots) {
        transfers += s.overall.transfers;
        const QDate date = toQDate(s.snapshot.asOf);
        if (const auto h = s.overall.medianExportHours())
            toExport.points.append({date, *h});
        if (const auto h = s.overall.medianAckHours())
            toAck.points.append({date, *h});
        if (const auto h = s.overall.medianReceivedHours())
            toReceived.points.append({date, *h});
    }
    Trend trend;
    trend.title = tr("Transfer cycle (median hours)");
    trend.scale = Trend::Scale::Number;
    trend.lines = {toExport, toAck, toReceived};
    trend.emptyText = transfers == 0
        ? tr("No transfer approved on these snapshots.")
        : tr("No approved transfer has been exported or received yet.");
    return trend;
}

QString driftText(const OverrideSummary &overrides)
{
    if (overrides.driftThreshold <= 0)
        return tr("The policy's override_drift_threshold is 0: drift is not watched.");
    if (overrides.drift.empty())
        return tr("No drift: no exception type's override rate stayed above %1 for %2 weeks "
                  "in a row.")
            .arg(percent(overrides.driftThreshold), QString::number(overrides.driftWeeks));
    QStringList lines;
    for (const model::DriftWarning &w : overrides.drift) {
        lines << tr("Drift: %1 override rate above %2 for %3 weeks in a row (weeks of %4 to "
                    "%5, lowest %6)%7.")
                     .arg(typeLabel(w.type), percent(overrides.driftThreshold),
                         QString::number(w.weeks), day(w.firstWeek), day(w.lastWeek),
                         percent(w.lowestRate), w.ongoing ? tr(", still going") : QString());
    }
    return lines.join(u' ')
        + tr(" The recommendations of that type may no longer fit how planners work: review "
             "the override reasons and the policy.");
}

model::Result<int> writeKpiReport(
    const QString &path, const QString &source, const ReportData &data)
{
    const model::KpiReport &kpis = data.kpis;
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(72); // one unit a point: A4 is 595 x 842
    writer.setTitle(tr("KPI report"));
    writer.setCreator(u"Planner Workbench"_s);
    QPainter painter;
    if (!painter.begin(&writer))
        return std::unexpected(model::Error {model::Error::Io,
            tr("Cannot write %1: check that its folder exists and is writable.")
                .arg(QDir::toNativeSeparators(path)),
            {}});
    QFont body(u"Sans Serif"_s);
    body.setPointSizeF(8.5);
    QFont heading = body;
    heading.setPointSizeF(16);
    heading.setBold(true);
    QFont subheading = body;
    subheading.setPointSizeF(11);
    subheading.setBold(true);

    // Page 1: what a manager reads first: the heading, the drift warning, the trends.
    int y = kTop;
    painter.setFont(heading);
    painter.drawText(QRect(kLeft, y, kWidth, 24), Qt::AlignLeft, tr("KPI report"));
    y += 28;
    painter.setFont(body);
    QString range;
    if (kpis.snapshots.empty())
        range = tr("no snapshot");
    else if (kpis.snapshots.size() == 1)
        range = tr("1 snapshot, as of %1").arg(day(kpis.snapshots.front().snapshot.asOf));
    else
        range = tr("%1 snapshots, as of %2 to %3")
                    .arg(QString::number(kpis.snapshots.size()),
                        day(kpis.snapshots.front().snapshot.asOf),
                        day(kpis.snapshots.back().snapshot.asOf));
    const QString currency
        = kpis.snapshots.empty() ? QString() : kpis.snapshots.back().snapshot.currency;
    painter.drawText(QRect(kLeft, y, kWidth, 14), Qt::AlignLeft,
        tr("%1 · %2 · amounts in %3 · written %4")
            .arg(QFileInfo(source).fileName(), range, currency,
                QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat)));
    y += 22;
    const bool drifting = !data.overrides.drift.empty();
    const QRect banner(kLeft, y, kWidth, 44);
    painter.fillRect(banner, drifting ? QColor(0xfd, 0xec, 0xea) : QColor(0xea, 0xf4, 0xea));
    QFont bannerFont = body;
    bannerFont.setBold(true);
    painter.setFont(bannerFont);
    const model::RateCell &total = data.overrides.total;
    const QString rates = total.decisions == 0
        ? tr("No decision taken in these dates yet.")
        : tr("Override rate %1 (%2 of %3 decisions overridden or rejected).")
              .arg(rateText(total), QString::number(total.overridden),
                  QString::number(total.decisions));
    painter.drawText(banner.adjusted(8, 4, -8, -4),
        Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
        rates + u' ' + driftText(data.overrides));
    y += 54;
    painter.setFont(body);
    paintTrend(painter, QRectF(kLeft, y, kWidth, 275), moneyTrend(kpis));
    y += 290;
    paintTrend(painter, QRectF(kLeft, y, kWidth, 275), fillRateTrend(kpis));
    y += 290;
    painter.setFont(body);
    painter.drawText(QRect(kLeft, y, kWidth, 60), Qt::AlignLeft | Qt::TextWordWrap,
        tr("Exposure: the cost of doing nothing, summed over the latest run's exceptions; can "
           "save: what acting as recommended saves of it. Fill rate proxy: the open order lines "
           "not at an item-location the run shows short; the dashed line is the policy's "
           "service target. Override rate: overrides and rejections over all decisions. "
           "Formulas: docs/kpis.md."));

    // Page 2: the stock and the transfers.
    writer.newPage();
    y = kTop;
    paintTrend(painter, QRectF(kLeft, y, kWidth, 225), stockoutTrend(kpis));
    y += 238;
    paintTrend(painter, QRectF(kLeft, y, kWidth, 225), turnsTrend(kpis));
    y += 238;
    paintTrend(painter, QRectF(kLeft, y, kWidth, 225), transferCycleTrend(kpis));
    y += 238;
    painter.setFont(body);
    painter.drawText(QRect(kLeft, y, kWidth, 40), Qt::AlignLeft | Qt::TextWordWrap,
        tr("Stockouts: SKU-locations with no free stock and open orders or forecast, one a "
           "night; stockout days sum them over the snapshots. Inventory turns: a year of the "
           "snapshot's daily forecast demand at cost over the stock on hand at cost. Transfer "
           "cycle: the median hours of the approved transfers' steps that have ended. No "
           "policy sets a target for these."));

    // Page 3 on: what was done about the largest exposures, the override rates, the figures.
    writer.newPage();
    TableWriter table(writer, painter);
    table.pages = 3;
    table.heading(subheading,
        kpis.snapshots.empty()
            ? tr("Largest exposures")
            : tr("The %1 largest exposures as of %2, and what was decided")
                  .arg(QString::number(data.top.size()), day(kpis.snapshots.back().snapshot.asOf)));
    const QList<int> topWidths {20, 192, 53, 50, 200};
    const QList<bool> topRight {true, false, true, true, false};
    table.row(topWidths, topRight,
        {u"#"_s, tr("Exception"), tr("Exposure"), tr("Can save"), tr("Decision")}, true, body);
    int n = 0;
    for (const TopExposure &t : data.top)
        table.row(topWidths, topRight,
            {QString::number(++n), t.exceptionId, money(t.exposure), money(t.canSave), t.decided},
            false, body);
    if (data.top.empty())
        table.row(topWidths, topRight, {QString(), tr("Nothing scored yet.")}, false, body);
    table.y += 14;

    table.heading(subheading, tr("Override rates by exception type"));
    const QList<int> rateWidths {150, 80, 150, 80};
    const QList<bool> rateRight {false, true, true, true};
    table.row(rateWidths, rateRight,
        {tr("Exception type"), tr("Decisions"), tr("Overridden or rejected"), tr("Rate")}, true,
        body);
    for (int t = 0; t < engine::kExceptionTypeCount; ++t) {
        const model::RateCell &cell = data.overrides.byType[std::size_t(t)];
        if (cell.decisions == 0)
            continue;
        table.row(rateWidths, rateRight,
            {typeLabel(engine::ExceptionType(t)), QString::number(cell.decisions),
                QString::number(cell.overridden), rateText(cell)},
            false, body);
    }
    table.row(rateWidths, rateRight,
        {tr("All types"), QString::number(data.overrides.total.decisions),
            QString::number(data.overrides.total.overridden), rateText(data.overrides.total)},
        true, body);
    table.y += 6;
    table.paragraph(body, driftText(data.overrides), 40);

    table.heading(subheading, tr("KPIs per snapshot"));
    const QList<int> kpiWidths {70, 55, 55, 40, 42, 42, 60, 63, 88};
    const QList<bool> kpiRight {false, true, true, true, true, true, true, true, false};
    const QStringList kpiHeader {tr("As of"), tr("Exposure"), tr("Can save"), tr("Exc."),
        tr("Fill"), tr("Tier 1"), tr("Past due"), tr("Excess"), tr("Decided")};
    table.row(kpiWidths, kpiRight, kpiHeader, true, body);
    for (const model::SnapshotKpis &s : kpis.snapshots) {
        const model::KpiFigures &f = s.overall;
        const auto share = [](std::optional<double> v) { return v ? percent(*v) : u"—"_s; };
        const bool scored = s.runId > 0;
        if (table.y + 20 > kBottom) {
            table.room(40);
            table.row(kpiWidths, kpiRight, kpiHeader, true, body); // the header again on a new page
        }
        table.row(kpiWidths, kpiRight,
            {day(s.snapshot.asOf), scored ? money(f.exposure) : u"—"_s,
                scored ? money(f.canSave) : u"—"_s,
                scored ? QLocale().toString(f.exceptionCount()) : u"—"_s, share(f.fillRate()),
                share(f.tier1FillRate()), scored ? money(f.backorderValue) : u"—"_s,
                scored ? money(f.excessValue) : u"—"_s,
                tr("%1 (%2/%3/%4)")
                    .arg(QString::number(f.decisions), QString::number(f.approved),
                        QString::number(f.overridden), QString::number(f.rejected))},
            false, body);
    }
    table.y += 4;
    table.paragraph(body,
        tr("Exc.: exceptions. Fill, Tier 1: fill rate proxy, all lines and tier-1 customers' "
           "lines. Past due: open order value due before the as-of date. Excess: excess stock "
           "at cost. Decided: decisions taken (as proposed / overridden / rejected)."),
        40);

    table.heading(subheading, tr("Stock and transfers per snapshot"));
    const QList<int> stockWidths {72, 30, 60, 60, 40, 60, 64, 64, 65};
    const QList<bool> stockRight {false, true, true, true, true, true, true, true, true};
    const QStringList stockHeader {tr("As of"), tr("Out"), tr("Stock"), tr("COGS/yr"), tr("Turns"),
        tr("Transfers"), tr("Export h"), tr("ERP ok h"), tr("Received h")};
    table.row(stockWidths, stockRight, stockHeader, true, body);
    for (const model::SnapshotKpis &s : kpis.snapshots) {
        const model::KpiFigures &f = s.overall;
        const bool scored = s.runId > 0;
        const auto hours
            = [](std::optional<double> h) { return h ? QLocale().toString(*h, 'f', 1) : u"—"_s; };
        if (table.y + 20 > kBottom) {
            table.room(40);
            table.row(stockWidths, stockRight, stockHeader, true, body);
        }
        const auto turns = f.inventoryTurns();
        table.row(stockWidths, stockRight,
            {day(s.snapshot.asOf), scored ? QLocale().toString(f.stockouts) : u"—"_s,
                scored ? money(f.stockAtCost) : u"—"_s, scored ? money(f.annualCogs) : u"—"_s,
                scored && turns ? QLocale().toString(*turns, 'f', 1) : u"—"_s,
                QLocale().toString(f.transfers), hours(f.medianExportHours()),
                hours(f.medianAckHours()), hours(f.medianReceivedHours())},
            false, body);
    }
    table.y += 4;
    table.paragraph(body,
        tr("Out: SKU-locations out of stock with demand (%1 stockout days in all). Stock: "
           "on hand at cost. COGS/yr: a year of forecast demand at cost; turns: COGS/yr over "
           "stock. Transfers: approved transfers. Export h, ERP ok h, Received h: the median "
           "hours from approval to export, from export to the ERP's acceptance and from "
           "approval to received, over the transfers that got there.")
            .arg(QLocale().toString(kpis.stockoutDays())),
        40);
    if (!painter.end())
        return std::unexpected(model::Error {model::Error::Io,
            tr("Could not finish writing %1.").arg(QDir::toNativeSeparators(path)), {}});
    return table.pages;
}

} // namespace report
