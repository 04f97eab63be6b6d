// Formatting of money, dates, quantities and percentages as planners read them.

#include "ui/common/format.h"

#include <QDate>
#include <QLocale>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

engine::Date dateOf(int year, int month, int day)
{
    return engine::Date(QDate(1970, 1, 1).daysTo(QDate(year, month, day)));
}

const QString nbsp = QString(QChar(0x00A0));

} // namespace

class TestFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void cleanupTestCase() { QLocale::setDefault(QLocale::c()); }

    void moneyLargeAmountsShowWholeUnitsWithSeparators()
    {
        QCOMPARE(ui::formatMoney(12400.0, u"EUR"_s), u"EUR"_s + nbsp + u"12,400"_s);
        QCOMPARE(ui::formatMoney(1234567.89, u"USD"_s), u"USD"_s + nbsp + u"1,234,568"_s);
        QCOMPARE(ui::formatMoney(100.0, u"EUR"_s), u"EUR"_s + nbsp + u"100"_s);
    }

    void moneySmallAmountsShowCents()
    {
        QCOMPARE(ui::formatMoney(25.5, u"EUR"_s), u"EUR"_s + nbsp + u"25.50"_s);
        QCOMPARE(ui::formatMoney(0.0, u"EUR"_s), u"EUR"_s + nbsp + u"0.00"_s);
    }

    void moneyNeverShowsNegativeZero()
    {
        QCOMPARE(ui::formatMoney(-0.001, u"EUR"_s), u"EUR"_s + nbsp + u"0.00"_s);
        QCOMPARE(ui::formatMoney(-0.4, u"EUR"_s, 0), u"EUR"_s + nbsp + u"0"_s);
    }

    void moneyNegativeKeepsSignAndSeparators()
    {
        // A minus sign, not accounting brackets, so a loss is unmistakable.
        QCOMPARE(ui::formatMoney(-1500.0, u"EUR"_s), u"-EUR"_s + nbsp + u"1,500"_s);
        QCOMPARE(ui::formatMoney(-12.5, u"EUR"_s), u"-EUR"_s + nbsp + u"12.50"_s);
    }

    void moneyWithoutCurrencyIsTheBareNumber()
    {
        QCOMPARE(ui::formatMoney(12400.0, QString()), u"12,400"_s);
    }

    void moneyFollowsTheLocale()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QString text = ui::formatMoney(12400.0, u"EUR"_s);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY2(text.startsWith(u"12.400"_s), qPrintable(text));
        QVERIFY2(text.endsWith(u"EUR"_s), qPrintable(text));
    }

    void moneyNotANumberIsADash() { QCOMPARE(ui::formatMoney(qQNaN(), u"EUR"_s), u"—"_s); }

    void datesReadAsCalendarDates()
    {
        QCOMPARE(ui::formatDate(0), u"1 Jan 1970"_s);
        QCOMPARE(ui::formatDate(dateOf(2026, 12, 1)), u"1 Dec 2026"_s);
        QCOMPARE(ui::formatDate(dateOf(2024, 2, 29)), u"29 Feb 2024"_s);
        QCOMPARE(ui::formatShortDate(dateOf(2026, 3, 9)), u"9 Mar"_s);
        QCOMPARE(ui::toQDate(dateOf(2026, 12, 1)), QDate(2026, 12, 1));
    }

    void missingDateIsADash()
    {
        QCOMPARE(ui::formatDate(engine::kNoDate), u"—"_s);
        QVERIFY(!ui::toQDate(engine::kNoDate).isValid());
    }

    void quantities()
    {
        QCOMPARE(ui::formatQty(1250.0), u"1,250"_s);
        QCOMPARE(ui::formatQty(32.14), u"32.1"_s);
        QCOMPARE(ui::formatQty(100.96), u"101"_s);
        QCOMPARE(ui::formatQty(-0.04), u"0"_s);
        QCOMPARE(ui::formatQty(-40.0), u"-40"_s);
    }

    void percentages()
    {
        QCOMPARE(ui::formatPercent(0.43), u"43%"_s);
        QCOMPARE(ui::formatPercent(0.021), u"2.1%"_s);
        QCOMPARE(ui::formatPercent(0.959), u"95.9%"_s);
        QCOMPARE(ui::formatPercent(0.0), u"0%"_s);
        QCOMPARE(ui::formatPercent(1.0), u"100%"_s);
    }

    void tinyRisksNeverReadAsNone()
    {
        QCOMPARE(ui::formatPercent(0.0004), u"< 0.1%"_s);
        QCOMPARE(ui::formatPercent(0.9996), u"> 99.9%"_s);
    }

    void exceptionTypesHaveDistinctLabelsAndColours()
    {
        QCOMPARE(ui::exceptionTypeLabel(engine::ExceptionType::Shortage), u"Shortage"_s);
        QCOMPARE(ui::exceptionTypeLabel(engine::ExceptionType::LateSupply), u"Late supply"_s);
        QCOMPARE(ui::exceptionTypeLabel(engine::ExceptionType::CycleCount), u"Cycle count"_s);
        QSet<QString> labels;
        QSet<QRgb> colours;
        for (int t = 0; t < engine::kExceptionTypeCount; ++t) {
            labels.insert(ui::exceptionTypeLabel(engine::ExceptionType(t)));
            colours.insert(ui::exceptionTypeColor(engine::ExceptionType(t)).rgb());
        }
        QCOMPARE(labels.size(), engine::kExceptionTypeCount);
        QCOMPARE(colours.size(), engine::kExceptionTypeCount);
    }

    void factorsHaveDistinctLabelsAndColours()
    {
        QCOMPARE(ui::factorLabel(engine::FactorKind::MarginAtRisk), u"Margin at risk"_s);
        QCOMPARE(ui::factorLabel(engine::FactorKind::SlaPenalty), u"SLA penalty"_s);
        QSet<QString> labels;
        QSet<QRgb> colours;
        for (int f = 0; f < engine::kFactorCount; ++f) {
            labels.insert(ui::factorLabel(engine::FactorKind(f)));
            colours.insert(ui::factorColor(engine::FactorKind(f)).rgb());
        }
        QCOMPARE(labels.size(), engine::kFactorCount);
        QCOMPARE(colours.size(), engine::kFactorCount);
    }

    void actionsAndRoles()
    {
        QCOMPARE(ui::actionLabel(engine::Action::Expedite), u"Expedite PO"_s);
        QCOMPARE(
            ui::actionLabel(engine::Action::NotifyCustomerService), u"Notify customer service"_s);
        QCOMPARE(ui::roleLabel(engine::Role::Planner), u"Planner"_s);
        QCOMPARE(ui::roleLabel(engine::Role::Manager), u"Manager"_s);
        QCOMPARE(ui::roleLabel(engine::Role::Admin), u"Administrator"_s);
    }
};

QTEST_GUILESS_MAIN(TestFormat)
#include "test_format.moc"
