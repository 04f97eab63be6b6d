#pragma once
// Shared by the tests that read back what an import stored: a generated snapshot
// imported into a fresh database per test, and comparisons of queues and columns.

#include "model/workbench.h"
#include "testsupport.h"

#include <QDir>
#include <QStringList>
#include <QTemporaryDir>

#include <cmath>
#include <memory>
#include <type_traits>
#include <vector>

namespace storetest {

using namespace Qt::StringLiterals;

/// Users for decisions on a database without accounts (taken as given): admins, so the
/// role rule never stands in the way of a test about something else.
inline const model::User kAna {u"ana"_s, engine::Role::Admin};
inline const model::User kBen {u"ben"_s, engine::Role::Admin};

inline QStringList queueLines(const model::Queue &q)
{
    QStringList lines;
    for (qsizetype r = 0; r < q.size(); ++r) {
        const auto i = std::size_t(r);
        QString line = q.exceptionId(r) + u' ' + QString::number(q.rank[i]) + u' '
            + QString::number(q.score[i], 'g', 17) + u' ' + QString::number(q.needDate[i]) + u' '
            + QString::number(q.action[i]) + u' ' + QString::number(q.worstTier[i]);
        for (int f = 0; f < engine::kFactorCount; ++f)
            line += u' '
                + QString::number(
                    q.factorAmounts[i * engine::kFactorCount + std::size_t(f)], 'g', 17);
        lines << line;
    }
    return lines;
}

inline bool sameNumber(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

template <class T> bool sameColumn(const std::vector<T> &a, const std::vector<T> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if constexpr (std::is_floating_point_v<T>) {
            if (!sameNumber(a[i], b[i]))
                return false;
        } else if (!(a[i] == b[i])) {
            return false;
        }
    }
    return true;
}

inline bool sameIds(const engine::IdTable &a, const engine::IdTable &b)
{
    if (a.size() != b.size())
        return false;
    for (engine::Index i = 0; i < a.size(); ++i) {
        if (a.at(i) != b.at(i))
            return false;
    }
    return true;
}

/// Generates the snapshot the tests import (large enough that every exception type,
/// transfers, substitutes and forecasts occur) into `data`. Empty, or what failed.
inline QString generateSnapshot(const QTemporaryDir &data, QString &snapshot)
{
    snapshot = data.filePath(u"snapshot"_s);
    if (!QDir().mkpath(snapshot))
        return u"cannot create "_s + snapshot;
    return testsupport::generate(snapshot, 150, 5, 3);
}

/// A new database in a new folder with `snapshot` imported. Empty, or what failed.
inline QString importFresh(const QString &snapshot, std::unique_ptr<QTemporaryDir> &dir,
    QString &dbPath, std::unique_ptr<model::Workbench> &workbench, model::ImportSummary &summary,
    const engine::Policy &policy = {})
{
    workbench.reset();
    dir = std::make_unique<QTemporaryDir>();
    dbPath = dir->filePath(u"wb.db"_s);
    auto opened = model::Workbench::open(dbPath);
    if (!opened)
        return opened.error().message;
    workbench = std::move(*opened);
    auto imported = workbench->importer().importSnapshot(snapshot, policy);
    if (!imported)
        return imported.error().message + u'\n' + imported.error().details.join(u'\n');
    summary = *imported;
    if (summary.run.exceptionCount <= 20)
        return u"too few exceptions to test with"_s;
    return {};
}

} // namespace storetest
