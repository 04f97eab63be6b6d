#include "ui/common/daterangeedit.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QHBoxLayout>

using namespace Qt::StringLiterals;

namespace ui {

DateRangeEdit::DateRangeEdit(QWidget *parent)
    : QWidget(parent)
    , m_fromOn(new QCheckBox(tr("From"), this))
    , m_from(new QDateEdit(QDate::currentDate(), this))
    , m_toOn(new QCheckBox(tr("to"), this))
    , m_to(new QDateEdit(QDate::currentDate(), this))
{
    m_fromOn->setObjectName(u"fromEnabled"_s);
    m_from->setObjectName(u"fromDate"_s);
    m_toOn->setObjectName(u"toEnabled"_s);
    m_to->setObjectName(u"toDate"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (auto [on, edit] : {std::pair {m_fromOn, m_from}, std::pair {m_toOn, m_to}}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd"_s);
        edit->setEnabled(false);
        layout->addWidget(on);
        layout->addWidget(edit);
        connect(on, &QCheckBox::toggled, edit, &QWidget::setEnabled);
        connect(on, &QCheckBox::toggled, this, &DateRangeEdit::changed);
        connect(edit, &QDateEdit::dateChanged, this, [this, on] {
            if (on->isChecked())
                Q_EMIT changed();
        });
    }
}

QDate DateRangeEdit::from() const
{
    return m_fromOn->isChecked() ? m_from->date() : QDate();
}

QDate DateRangeEdit::to() const
{
    return m_toOn->isChecked() ? m_to->date() : QDate();
}

void DateRangeEdit::setRange(const QDate &from, const QDate &to)
{
    {
        const QSignalBlocker a(m_fromOn), b(m_from), c(m_toOn), d(m_to);
        for (auto [on, edit, day] :
            {std::tuple {m_fromOn, m_from, from}, std::tuple {m_toOn, m_to, to}}) {
            on->setChecked(day.isValid());
            edit->setEnabled(day.isValid());
            if (day.isValid())
                edit->setDate(day);
        }
    }
    Q_EMIT changed();
}

void DateRangeEdit::setSpan(const QDate &first, const QDate &last)
{
    const QSignalBlocker a(m_from), b(m_to);
    if (!m_fromOn->isChecked() && first.isValid())
        m_from->setDate(first);
    if (!m_toOn->isChecked() && last.isValid())
        m_to->setDate(last);
}

} // namespace ui
