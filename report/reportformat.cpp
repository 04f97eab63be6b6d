#include "report/reportformat.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace report {

QString money(double amount)
{
    if (!std::isfinite(amount))
        return u"—"_s;
    const int decimals = std::abs(amount) >= 100.0 ? 0 : 2;
    const double scale = std::pow(10.0, decimals);
    if (std::round(amount * scale) == 0.0)
        amount = 0.0; // never "-0"
    return QLocale().toString(amount, 'f', decimals);
}

QString shortMoney(double amount)
{
    const QLocale locale;
    const double a = std::abs(amount);
    // One decimal below ten thousands or millions, and none when it is a zero.
    const auto scaled = [&](double value, double unit, QChar suffix) {
        const double v = value / unit;
        const bool whole = std::abs(v) >= 10.0 || std::round(v * 10.0) == std::round(v) * 10.0;
        QString text = locale.toString(v, 'f', whole ? 0 : 1);
        text.append(suffix); // not a QStringBuilder sum: GCC 12 misreads it as uninitialised
        return text;
    };
    if (a >= 1e6)
        return scaled(amount, 1e6, u'M');
    if (a >= 1e3)
        return scaled(amount, 1e3, u'k');
    return locale.toString(amount, 'f', 0);
}

QDate toQDate(engine::Date date)
{
    if (date == engine::kNoDate)
        return {};
    return QDate(1970, 1, 1).addDays(date);
}

QString day(engine::Date date)
{
    const QDate d = toQDate(date);
    return d.isValid() ? QLocale().toString(d, u"d MMM yyyy"_s) : u"—"_s;
}

QString percent(double fraction)
{
    if (!std::isfinite(fraction))
        return u"—"_s;
    const QLocale locale;
    const double tenths = std::round(fraction * 1000.0) / 10.0;
    const bool whole = tenths == std::round(tenths);
    QString text = locale.toString(tenths == 0.0 ? 0.0 : tenths, 'f', whole ? 0 : 1);
    text.append(locale.percent());
    return text;
}

QString typeLabel(engine::ExceptionType type)
{
    const auto tr
        = [](const char *text) { return QCoreApplication::translate("report::Format", text); };
    switch (type) {
    case engine::ExceptionType::Shortage:
        return tr("Shortage");
    case engine::ExceptionType::Replenishment:
        return tr("Replenishment");
    case engine::ExceptionType::LateSupply:
        return tr("Late supply");
    case engine::ExceptionType::Allocation:
        return tr("Allocation");
    case engine::ExceptionType::Excess:
        return tr("Excess");
    case engine::ExceptionType::CycleCount:
        return tr("Cycle count");
    case engine::ExceptionType::Count:
        break;
    }
    return QString::fromLatin1(engine::exceptionTypeName(type));
}

} // namespace report
