#pragma once
// Two snapshots for the KPI tests: the bundled demo (as of 2026-11-28), and the demo a
// day later (as of 2026-11-29, its own id) with one more order line: 4 units of
// SKU-00001 at BR-01 for tier-1 customer C-0001, due 2026-11-02 at 10.00, which makes
// BR-01 short of SKU-00001.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

namespace kpitest {

using namespace Qt::StringLiterals;

/// Copies the demo snapshot into `folder`; with `nextDay`, as the second snapshot.
inline bool writeDemo(const QString &demoDir, const QString &folder, bool nextDay)
{
    const QDir demo(demoDir);
    if (!QDir().mkpath(folder))
        return false;
    for (const QString &name : demo.entryList(QDir::Files)) {
        if (!QFile::copy(demo.filePath(name), folder + u'/' + name))
            return false;
    }
    if (!nextDay)
        return true;
    QFile manifest(folder + u"/manifest.json"_s);
    if (!manifest.open(QIODevice::ReadOnly))
        return false;
    QByteArray text = manifest.readAll();
    manifest.close();
    text.replace("SYNTH-7-2026-11-28", "SYNTH-7-2026-11-29");
    text.replace("\"as_of\": \"2026-11-28\"", "\"as_of\": \"2026-11-29\"");
    if (!manifest.open(QIODevice::WriteOnly | QIODevice::Truncate) || manifest.write(text) <= 0)
        return false;
    manifest.close();
    QFile orders(folder + u"/sales_orders.csv"_s);
    return orders.open(QIODevice::Append)
        && orders.write("SO-999999,1,C-0001,SKU-00001,BR-01,4,2026-11-01,2026-11-02,10.00\n") > 0;
}

} // namespace kpitest
