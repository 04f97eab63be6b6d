#pragma once
// The main window's actions, menus and toolbar, and the keyboard-shortcut table built
// from them: what the window offers and on which keys. What each action does stays with
// the window, which connects them.

#include "ui/common/shortcutsdialog.h"

#include <QCoreApplication>
#include <QList>

class QAction;
class QMainWindow;
class QMenu;
class QUndoStack;

namespace ui {

/// The window's actions with their object names, keys and shortcut contexts. They are
/// children of the window, so its tests and the menus find them there.
struct MainWindowActions {
    Q_DECLARE_TR_FUNCTIONS(MainWindowActions)

public:
    /// Creates every action but the weights toggle, unconnected; undo and redo come from
    /// `undoStack`, which must outlive the window.
    MainWindowActions(QMainWindow *window, QUndoStack *undoStack);

    /// Names and keys the weights dock's toggle so it joins the menus and the shortcut table.
    void adoptWeightsToggle(QAction *toggle);
    /// Fills the menu bar and adds the main toolbar; the recent menus are left empty.
    void buildMenus(QMainWindow *window, QUndoStack *undoStack);
    /// The single-key triage actions, for the widgets that should answer to them.
    QList<QAction *> triageActions() const;
    /// Every key the window answers to, for Help > Keyboard shortcuts.
    QList<ShortcutsDialog::Entry> shortcutEntries() const;

    QAction *importFile = nullptr;
    QAction *importFolder = nullptr;
    QAction *importDemo = nullptr;
    QAction *openDatabase = nullptr;
    QAction *exportApproved = nullptr;
    QAction *quit = nullptr;
    QAction *undo = nullptr;
    QAction *redo = nullptr;
    QAction *approve = nullptr;
    QAction *reject = nullptr;
    QAction *undoDecision = nullptr;
    QAction *next = nullptr;
    QAction *previous = nullptr;
    QAction *details = nullptr;
    QAction *back = nullptr;
    QAction *focusFilter = nullptr;
    QAction *clearFilters = nullptr;
    QAction *autoApproved = nullptr;
    /// "All exceptions" first, then one per exception type in engine order.
    QList<QAction *> queues;
    QAction *whyNot = nullptr;
    QAction *weights = nullptr;
    QAction *auditTrail = nullptr;
    /// For managers: a planner sees it disabled, with the reason as its tooltip.
    QAction *overrideHistory = nullptr;
    QAction *kpis = nullptr;
    QAction *simulation = nullptr;
    QAction *kpiReport = nullptr;
    QAction *exportQueue = nullptr;
    QAction *shortcuts = nullptr;
    QAction *about = nullptr;

    QMenu *recentSnapshots = nullptr;
    QMenu *recentDatabases = nullptr;
};

} // namespace ui
