#pragma once
// Help > Keyboard shortcuts: every key the window answers to, grouped, built from
// the window's own actions so the list cannot drift from what the keys do.

#include <QDialog>
#include <QKeySequence>
#include <QList>

namespace ui {

class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    struct Entry {
        QString group; ///< "Triage", "File", ...
        QString keys; ///< as shown, e.g. "A" or "Up / K"
        QString description;
    };

    explicit ShortcutsDialog(const QList<Entry> &entries, QWidget *parent = nullptr);

    /// The text of one key sequence as a planner reads it on this platform.
    static QString keysText(const QList<QKeySequence> &sequences);
};

} // namespace ui
