#include "ui/common/format.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ui::Format", text);
}

// Qt's currency patterns put a code straight against the digits in many locales
// ("EUR12,400"); a no-break space keeps it readable and on one line.
QString spaceOutSymbol(QString text, const QString &symbol)
{
    const qsizetype at = text.indexOf(symbol);
    if (at < 0)
        return text;
    const qsizetype after = at + symbol.size();
    if (after < text.size() && text.at(after).isDigit())
        text.insert(after, QChar(0x00A0));
    if (at > 0 && text.at(at - 1).isDigit())
        text.insert(at, QChar(0x00A0));
    return text;
}

} // namespace

QString formatMoney(double amount, const QString &currency)
{
    return formatMoney(amount, currency, std::abs(amount) >= 100.0 ? 0 : 2);
}

QString formatMoney(double amount, const QString &currency, int decimals)
{
    if (!std::isfinite(amount))
        return QStringLiteral("—");
    // A value that rounds to zero must not show as "-0".
    const double scale = std::pow(10.0, decimals);
    if (std::round(amount * scale) == 0.0)
        amount = 0.0;
    const QLocale locale;
    if (currency.isEmpty())
        return locale.toString(amount, 'f', decimals);
    // A leading minus rather than the locale's accounting brackets: a negative net
    // benefit must be unmistakable at a glance.
    const QString text
        = spaceOutSymbol(locale.toCurrencyString(std::abs(amount), currency, decimals), currency);
    return amount < 0 ? locale.negativeSign() + text : text;
}

QDate toQDate(engine::Date date)
{
    if (date == engine::kNoDate)
        return {};
    return QDate(1970, 1, 1).addDays(date);
}

QString formatDate(engine::Date date)
{
    const QDate d = toQDate(date);
    if (!d.isValid())
        return QStringLiteral("—");
    return QLocale().toString(d, QStringLiteral("d MMM yyyy"));
}

QString formatShortDate(engine::Date date)
{
    const QDate d = toQDate(date);
    if (!d.isValid())
        return QStringLiteral("—");
    return QLocale().toString(d, QStringLiteral("d MMM"));
}

QString formatQty(double quantity)
{
    if (!std::isfinite(quantity))
        return QStringLiteral("—");
    const double rounded = std::round(quantity * 10.0) / 10.0;
    const bool whole = rounded == std::round(rounded);
    return QLocale().toString(rounded == 0.0 ? 0.0 : rounded, 'f', whole ? 0 : 1);
}

QString formatPercent(double fraction)
{
    if (!std::isfinite(fraction))
        return QStringLiteral("—");
    const QLocale locale;
    const QString percent = locale.percent();
    if (fraction > 0.0 && fraction < 0.001)
        return u"< "_s + locale.toString(0.1, 'f', 1) + percent;
    if (fraction < 1.0 && fraction > 0.999)
        return u"> "_s + locale.toString(99.9, 'f', 1) + percent;
    const double tenths = std::round(fraction * 1000.0) / 10.0;
    const bool whole = tenths == std::round(tenths);
    return locale.toString(tenths == 0.0 ? 0.0 : tenths, 'f', whole ? 0 : 1) + percent;
}

QString exceptionTypeLabel(engine::ExceptionType type)
{
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
    return tr("Unknown");
}

QColor exceptionTypeColor(engine::ExceptionType type)
{
    // Hue by urgency: customer-facing risk warm, stock hygiene cool.
    switch (type) {
    case engine::ExceptionType::Shortage:
        return QColor(0xd6, 0x3c, 0x3c);
    case engine::ExceptionType::Replenishment:
        return QColor(0xe6, 0x7e, 0x22);
    case engine::ExceptionType::LateSupply:
        return QColor(0xc9, 0x9a, 0x06);
    case engine::ExceptionType::Allocation:
        return QColor(0x8e, 0x44, 0xad);
    case engine::ExceptionType::Excess:
        return QColor(0x2e, 0x6f, 0xc9);
    case engine::ExceptionType::CycleCount:
        return QColor(0x16, 0x8f, 0x80);
    case engine::ExceptionType::Count:
        break;
    }
    return QColor(Qt::gray);
}

QString factorLabel(engine::FactorKind kind)
{
    switch (kind) {
    case engine::FactorKind::MarginAtRisk:
        return tr("Margin at risk");
    case engine::FactorKind::SlaPenalty:
        return tr("SLA penalty");
    case engine::FactorKind::OrderAging:
        return tr("Order aging");
    case engine::FactorKind::LeadTimeVolatility:
        return tr("Lead-time volatility");
    case engine::FactorKind::CapacityPressure:
        return tr("Capacity pressure");
    case engine::FactorKind::CarryingCost:
        return tr("Carrying cost");
    case engine::FactorKind::ShelfLifeRisk:
        return tr("Shelf-life risk");
    case engine::FactorKind::CountDiscrepancyRisk:
        return tr("Count discrepancy risk");
    case engine::FactorKind::Count:
        break;
    }
    return tr("Unknown factor");
}

QColor factorColor(engine::FactorKind kind)
{
    // A qualitative palette that stays distinguishable for common colour-vision deficiencies.
    switch (kind) {
    case engine::FactorKind::MarginAtRisk:
        return QColor(0x1f, 0x77, 0xb4);
    case engine::FactorKind::SlaPenalty:
        return QColor(0xd6, 0x27, 0x28);
    case engine::FactorKind::OrderAging:
        return QColor(0xff, 0x7f, 0x0e);
    case engine::FactorKind::LeadTimeVolatility:
        return QColor(0x94, 0x67, 0xbd);
    case engine::FactorKind::CapacityPressure:
        return QColor(0x8c, 0x56, 0x4b);
    case engine::FactorKind::CarryingCost:
        return QColor(0x2c, 0xa0, 0x2c);
    case engine::FactorKind::ShelfLifeRisk:
        return QColor(0xe3, 0x77, 0xc2);
    case engine::FactorKind::CountDiscrepancyRisk:
        return QColor(0x17, 0xbe, 0xcf);
    case engine::FactorKind::Count:
        break;
    }
    return QColor(Qt::gray);
}

QString actionLabel(engine::Action action)
{
    switch (action) {
    case engine::Action::Transfer:
        return tr("Transfer");
    case engine::Action::Expedite:
        return tr("Expedite PO");
    case engine::Action::Purchase:
        return tr("Purchase");
    case engine::Action::Substitute:
        return tr("Substitute");
    case engine::Action::NotifyCustomerService:
        return tr("Notify customer service");
    case engine::Action::SupplierFollowUp:
        return tr("Supplier follow-up");
    case engine::Action::Allocate:
        return tr("Allocate");
    case engine::Action::ReturnToSupplier:
        return tr("Return to supplier");
    case engine::Action::CycleCount:
        return tr("Cycle count");
    }
    return tr("Unknown action");
}

QString roleLabel(engine::Role role)
{
    switch (role) {
    case engine::Role::Planner:
        return tr("Planner");
    case engine::Role::Manager:
        return tr("Manager");
    case engine::Role::Admin:
        return tr("Administrator");
    }
    return tr("Planner");
}

} // namespace ui
