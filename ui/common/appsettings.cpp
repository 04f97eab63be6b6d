#include "ui/common/appsettings.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace ui {

namespace {
// Keys are versioned by group so a later layout change can ignore old blobs.
const QString kGeometry = u"window/geometry"_s;
const QString kState = u"window/state"_s;
const QString kSplitter = u"window/splitter"_s;
const QString kHeader = u"queueTable/header"_s;
const QString kRecentDatabases = u"recent/databases"_s;
const QString kRecentSnapshots = u"recent/snapshots"_s;
const QString kLastUser = u"signIn/lastUser"_s;
} // namespace

AppSettings::AppSettings()
    : m_settings(std::make_unique<QSettings>())
{ }

AppSettings::AppSettings(const QString &iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{ }

AppSettings::~AppSettings() = default;

QString AppSettings::lastUserName() const
{
    return m_settings->value(kLastUser).toString();
}

void AppSettings::setLastUserName(const QString &name)
{
    m_settings->setValue(kLastUser, name);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings->value(kGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(kGeometry, geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings->value(kState).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings->setValue(kState, state);
}

QByteArray AppSettings::splitterState() const
{
    return m_settings->value(kSplitter).toByteArray();
}

void AppSettings::setSplitterState(const QByteArray &state)
{
    m_settings->setValue(kSplitter, state);
}

QByteArray AppSettings::tableHeaderState() const
{
    return m_settings->value(kHeader).toByteArray();
}

void AppSettings::setTableHeaderState(const QByteArray &state)
{
    m_settings->setValue(kHeader, state);
}

QueueCriteria AppSettings::criteria() const
{
    QueueCriteria criteria;
    m_settings->beginGroup(u"filters"_s);
    criteria.type = m_settings->value(u"queue"_s, -1).toInt();
    criteria.text = m_settings->value(u"text"_s).toString();
    criteria.locationId = m_settings->value(u"location"_s).toString();
    criteria.supplierId = m_settings->value(u"supplier"_s).toString();
    criteria.tier = m_settings->value(u"tier"_s, 0).toInt();
    const QString abc = m_settings->value(u"abc"_s).toString();
    criteria.abcClass
        = abc.size() == 1 && abc >= u"A"_s && abc <= u"C"_s ? abc.front().toLatin1() : 0;
    criteria.minScore = m_settings->value(u"minScore"_s, 0.0).toDouble();
    const int decision = m_settings->value(u"decision"_s, 0).toInt();
    m_settings->endGroup();
    if (decision >= 0 && decision <= int(DecisionView::Overridden))
        criteria.decision = DecisionView(decision);
    // Values edited by hand must not put the window in an impossible state.
    if (criteria.type < -1 || criteria.type >= engine::kExceptionTypeCount)
        criteria.type = -1;
    if (criteria.tier < 0 || criteria.tier > 3)
        criteria.tier = 0;
    if (!(criteria.minScore >= 0))
        criteria.minScore = 0;
    return criteria;
}

void AppSettings::setCriteria(const QueueCriteria &criteria)
{
    m_settings->beginGroup(u"filters"_s);
    m_settings->setValue(u"queue"_s, criteria.type);
    m_settings->setValue(u"text"_s, criteria.text);
    m_settings->setValue(u"location"_s, criteria.locationId);
    m_settings->setValue(u"supplier"_s, criteria.supplierId);
    m_settings->setValue(u"tier"_s, criteria.tier);
    m_settings->setValue(
        u"abc"_s, criteria.abcClass ? QString(QLatin1Char(criteria.abcClass)) : QString());
    m_settings->setValue(u"minScore"_s, criteria.minScore);
    m_settings->setValue(u"decision"_s, int(criteria.decision));
    m_settings->endGroup();
}

QStringList AppSettings::recent(const QString &key) const
{
    return m_settings->value(key).toStringList();
}

void AppSettings::addRecent(const QString &key, const QString &path)
{
    if (path.isEmpty())
        return;
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QStringList list = recent(key);
    list.removeAll(clean);
    list.prepend(clean);
    while (list.size() > kRecentCount)
        list.removeLast();
    m_settings->setValue(key, list);
}

QStringList AppSettings::recentDatabases() const
{
    return recent(kRecentDatabases);
}

void AppSettings::addRecentDatabase(const QString &path)
{
    addRecent(kRecentDatabases, path);
}

QStringList AppSettings::recentSnapshots() const
{
    return recent(kRecentSnapshots);
}

void AppSettings::addRecentSnapshot(const QString &path)
{
    addRecent(kRecentSnapshots, path);
}

void AppSettings::removeRecent(const QString &path)
{
    for (const QString &key : {kRecentDatabases, kRecentSnapshots}) {
        QStringList list = recent(key);
        if (list.removeAll(path) > 0)
            m_settings->setValue(key, list);
    }
}

void AppSettings::sync()
{
    m_settings->sync();
}

} // namespace ui
