// How the KPI window copes with a long history: on a workbench database (say the year
// of tests/bench/kpi_year.sh), prints how long reading the KPIs takes (off the GUI
// thread in the window), how long the GUI thread spends putting them on the table and
// the two charts, the longest the GUI thread's event loop went without turning while
// the page read and drew everything, and how long the PDF report takes to draw.
//
//   kpi_page_bench DATABASE
//
// Runs offscreen unless QT_QPA_PLATFORM says otherwise. Prints figures, asserts nothing.

#include "report/kpireportwriter.h"
#include "report/reportdata.h"
#include "ui/charts/kpitrendchart.h"
#include "ui/kpi/kpipage.h"
#include "ui/kpi/kpitablemodel.h"

#include "model/workbench.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

double ms(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: kpi_page_bench DATABASE\n");
        return 1;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    auto workbench = model::Workbench::openAs(path, model::OpenMode::ReadOnly);
    if (!workbench) {
        std::fprintf(stderr, "kpi_page_bench: %s\n", qPrintable(workbench.error().message));
        return 1;
    }

    // What the page's worker thread does, three times, the fastest counting.
    double kpisMs = 1e18, topMs = 1e18, overridesMs = 1e18, firstKpisMs = 0;
    model::KpiReport kpis;
    std::vector<report::TopExposure> top;
    report::OverrideSummary overrides;
    for (int round = 0; round < 3; ++round) {
        QElapsedTimer t;
        t.start();
        auto read = (*workbench)->kpis().load({});
        kpisMs = std::min(kpisMs, ms(t));
        if (round == 0)
            firstKpisMs = ms(t); // nothing kept yet: every snapshot read
        if (!read) {
            std::fprintf(stderr, "kpi_page_bench: %s\n", qPrintable(read.error().message));
            return 1;
        }
        kpis = std::move(*read);
        t.restart();
        auto largest = report::topExposures(**workbench, 10);
        topMs = std::min(topMs, ms(t));
        if (largest)
            top = std::move(*largest);
        t.restart();
        auto rates = report::overrideSummary(**workbench, engine::kNoDate, engine::kNoDate);
        overridesMs = std::min(overridesMs, ms(t));
        if (rates)
            overrides = std::move(*rates);
    }
    std::printf("snapshots: %zu\n", kpis.snapshots.size());
    std::printf("read the KPIs of every snapshot (worker thread): first %.0f ms, again %.0f ms\n",
        firstKpisMs, kpisMs);
    std::printf("the ten largest exposures of the latest run (worker thread): %.0f ms\n", topMs);
    std::printf("override rates and drift (worker thread): %.0f ms\n", overridesMs);

    // The GUI thread's share: the table model and the two charts, then a paint.
    {
        ui::KpiTableModel model;
        ui::KpiTrendChart money(u"Exposure"_s, ui::KpiTrendChart::Scale::Money);
        ui::KpiTrendChart fill(u"Fill rate"_s, ui::KpiTrendChart::Scale::Percent);
        money.resize(900, 320);
        fill.resize(900, 320);
        money.show();
        fill.show();
        QCoreApplication::processEvents();
        double tableMs = 1e18, chartsMs = 1e18, paintMs = 1e18;
        for (int round = 0; round < 3; ++round) {
            QElapsedTimer t;
            t.start();
            model.setReport(kpis);
            tableMs = std::min(tableMs, ms(t));
            t.restart();
            money.setTrend(report::moneyTrend(kpis));
            fill.setTrend(report::fillRateTrend(kpis));
            chartsMs = std::min(chartsMs, ms(t));
            t.restart();
            (void)money.grab();
            (void)fill.grab();
            paintMs = std::min(paintMs, ms(t));
        }
        std::printf("GUI thread: table model %.1f ms, two charts' series and axes %.1f ms, "
                    "painting both %.1f ms\n",
            tableMs, chartsMs, paintMs);
    }

    // The page as the window shows it: the longest gap between two turns of the event
    // loop while it reads (on its worker) and then draws, against the longest gap of
    // the same loop doing nothing for a second (what the machine's load alone costs).
    {
        QElapsedTimer sinceTick;
        double idleGap = 0;
        QTimer idle;
        idle.setInterval(5);
        QObject::connect(&idle, &QTimer::timeout, &idle, [&] {
            idleGap = std::max(idleGap, ms(sinceTick));
            sinceTick.restart();
        });
        sinceTick.start();
        idle.start();
        QTest::qWait(1000);
        std::printf(
            "GUI thread idle for a second: longest gap between 5 ms ticks %.0f ms\n", idleGap);
    }
    {
        ui::KpiPage page;
        page.resize(1400, 900);
        page.show();
        QCoreApplication::processEvents();
        QElapsedTimer sinceTick;
        double longestGap = 0;
        QTimer ticker;
        ticker.setInterval(5);
        QElapsedTimer total;
        double gapEnd = 0;
        QObject::connect(&ticker, &QTimer::timeout, &ticker, [&] {
            if (ms(sinceTick) > longestGap) {
                longestGap = ms(sinceTick);
                gapEnd = ms(total);
            }
            sinceTick.restart();
        });
        QSignalSpy loaded(&page, &ui::KpiPage::loaded);
        total.start();
        sinceTick.start();
        ticker.start();
        page.load(path);
        if (!loaded.wait(600000)) {
            std::fprintf(stderr, "kpi_page_bench: the page did not finish reading\n");
            return 1;
        }
        const double loadMs = ms(total);
        QElapsedTimer paint;
        paint.start();
        page.repaint();
        const double repaintMs = ms(paint);
        QCoreApplication::processEvents();
        const double shownMs = ms(total);
        longestGap = std::max(longestGap, ms(sinceTick));
        ticker.stop();
        if (const QString dir = qEnvironmentVariable("PWB_SCREENSHOT_DIR"); !dir.isEmpty())
            page.grab().save(dir + u"/kpi-page-bench.png"_s);
        std::printf(
            "KPI page: read and shown in %.0f ms (loaded signal at %.0f ms, then a "
            "repaint of %.0f ms); the GUI thread's longest pause meanwhile %.0f ms, ending at "
            "%.0f ms\n",
            shownMs, loadMs, repaintMs, longestGap, gapEnd);
    }

    // The PDF report of the whole history.
    {
        QTemporaryDir dir;
        QElapsedTimer t;
        t.start();
        auto pages
            = report::writeKpiReport(dir.filePath(u"report.pdf"_s), path, {kpis, top, overrides});
        if (!pages) {
            std::fprintf(stderr, "kpi_page_bench: %s\n", qPrintable(pages.error().message));
            return 1;
        }
        std::printf("PDF report: %d pages in %.0f ms\n", *pages, ms(t));
    }
    return 0;
}
