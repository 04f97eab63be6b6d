#pragma once
// A "From [date] to [date]" filter whose ends are each on or off: off matches any
// day. The pages that list events over time (audit trail, override history) use it.

#include <QDate>
#include <QWidget>

class QCheckBox;
class QDateEdit;

namespace ui {

class DateRangeEdit : public QWidget
{
    Q_OBJECT
public:
    explicit DateRangeEdit(QWidget *parent = nullptr);

    /// The first day kept, or a null date when that end is off.
    QDate from() const;
    /// The last day kept, or a null date when that end is off.
    QDate to() const;
    /// Turns each end on at its date, or off for a null date; emits changed() once.
    void setRange(const QDate &from, const QDate &to);
    /// The days an end that is off starts from when turned on: the first and last
    /// day of what is listed.
    void setSpan(const QDate &first, const QDate &last);

Q_SIGNALS:
    void changed();

private:
    QCheckBox *m_fromOn;
    QDateEdit *m_from;
    QCheckBox *m_toOn;
    QDateEdit *m_to;
};

} // namespace ui
