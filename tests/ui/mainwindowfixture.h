#pragma once
// What the main window tests share. Each test executable drives one real main window
// offscreen with key and mouse events, on a temporary database and settings file, and
// runs its cases in order on it; widgets are found by object name. The window records
// decisions as a test user and opens databases through an opener that remembers the
// paths it was asked for. Set PWB_SCREENSHOT_DIR to keep PNGs of the states the tests
// walk through.

#include "model/users/user.h"
#include "model/workbench.h"
#include "ui/common/appsettings.h"
#include "ui/queues/queuemodel.h"
#include "ui/shell/mainwindow.h"

#include <QApplication>
#include <QHash>
#include <QSignalSpy>
#include <QStringList>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

/// The bundled demo is a resource of a static library: it needs registering by hand,
/// from outside any namespace.
inline void initWorkbenchResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace mainwindowtest {

using namespace Qt::StringLiterals;
using ui::MainWindow;
using ui::QueueModel;

inline constexpr int kImportTimeoutMs = 120000;

template <class T> T *find(QWidget *parent, const QString &name)
{
    T *child = parent->findChild<T *>(name);
    if (!child)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return child;
}

/// Source rows in view order.
inline std::vector<qint32> shownRows(const QueueModel *model)
{
    std::vector<qint32> rows;
    for (int r = 0; r < model->rowCount(); ++r)
        rows.push_back(model->sourceRow(model->index(r, 0)));
    return rows;
}

inline model::Decision::Kind decisionOf(const QueueModel *model, qint32 sourceRow)
{
    return model::Decision::Kind(model->rawValue(sourceRow, QueueModel::Decision).toInt());
}

/// Standing decisions by exception id, read straight from the database through a
/// second connection.
inline QHash<QString, model::Decision> storedDecisionRecords(const QString &path)
{
    QHash<QString, model::Decision> result;
    auto workbench = model::Workbench::open(path);
    if (!workbench)
        return result;
    if (auto decisions = (*workbench)->decisions().standing()) {
        for (const model::Decision &d : *decisions)
            result.insert(d.exceptionId, d);
    }
    return result;
}

/// The kind of every standing decision, by exception id (see storedDecisionRecords()).
inline QHash<QString, model::Decision::Kind> storedDecisions(const QString &path)
{
    QHash<QString, model::Decision::Kind> result;
    const QHash<QString, model::Decision> records = storedDecisionRecords(path);
    for (auto it = records.begin(); it != records.end(); ++it)
        result.insert(it.key(), it->kind);
    return result;
}

/// Base of the main window test classes: owns the window, its database, its settings
/// and the helpers that drive it. Not a test class itself (it declares no slots).
class MainWindowFixture : public QObject
{
protected:
    /// For initTestCase(): fixes locale and style, and opens a window on an empty
    /// temporary database.
    bool setUpWindow()
    {
        initWorkbenchResources();
        if (!m_dir.isValid())
            return false;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        m_database = m_dir.filePath(u"workbench.sqlite"_s);
        m_settings = std::make_unique<ui::AppSettings>(m_dir.filePath(u"settings.ini"_s));
        m_window = openWindow();
        return m_window != nullptr;
    }

    /// Imports the bundled demo into the open window's database and waits for it.
    bool importDemo()
    {
        QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
        if (!m_window->importBundledDemo() || !finished.wait(kImportTimeoutMs))
            return false;
        return finished.first().first().toBool();
    }

    /// A new window on the test database, shown and active, as the application makes one.
    std::unique_ptr<MainWindow> openWindow()
    {
        auto opener = [this](const QString &path) {
            m_opened << path;
            return model::Workbench::open(path);
        };
        auto window = std::make_unique<MainWindow>(m_settings.get(), m_user, opener);
        window->resize(1600, 1000);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window.get()))
            return nullptr;
        auto workbench = model::Workbench::open(m_database);
        if (!workbench) {
            qWarning("%s", qPrintable(workbench.error().message));
            return nullptr;
        }
        if (auto shown = window->setWorkbench(std::move(*workbench)); !shown) {
            qWarning("%s", qPrintable(shown.error().message));
            return nullptr;
        }
        return window;
    }

    QTableView *table() const { return find<QTableView>(m_window.get(), u"queueTable"_s); }

    void focusTable()
    {
        // A dialog closed by an earlier step may have left no window active.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        table()->setFocus(Qt::OtherFocusReason);
        QTRY_VERIFY(table()->hasFocus());
    }

    void selectView(int viewRow)
    {
        table()->setCurrentIndex(m_window->queueModel()->index(viewRow, QueueModel::Item));
        focusTable();
    }

    void screenshot(const QString &name)
    {
        const QString dir = qEnvironmentVariable("PWB_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QCoreApplication::processEvents();
        m_window->grab().save(dir + u'/' + name + u".png"_s);
    }

    /// Who the window records decisions as: not the operating system's user.
    const model::User m_user {u"test-planner"_s, engine::Role::Planner};
    QTemporaryDir m_dir;
    QString m_database;
    std::unique_ptr<ui::AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    /// Every path the window asked its opener for, in order.
    QStringList m_opened;
};

} // namespace mainwindowtest
