#pragma once
// Runs GLPK's glpsol on an LP file written in CPLEX LP format and reads back its
// status and objective. Shared by the tests that check an optimum against it.

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <string>

namespace glpsoltest {

struct GlpkResult {
    bool optimal = false;
    double objective = 0;
    bool mip = false;
    QString log;
};

inline GlpkResult runGlpsol(const QString &glpsol, const QString &dir, const std::string &lp)
{
    GlpkResult r;
    const QString lpPath = dir + QStringLiteral("/model.lp");
    const QString solPath = dir + QStringLiteral("/model.sol");
    QFile f(lpPath);
    if (!f.open(QIODevice::WriteOnly)) {
        r.log = QStringLiteral("cannot write ") + lpPath;
        return r;
    }
    f.write(lp.data(), static_cast<qint64>(lp.size()));
    f.close();
    QFile::remove(solPath);
    QProcess p;
    p.start(glpsol, {QStringLiteral("--lp"), lpPath, QStringLiteral("-w"), solPath});
    if (!p.waitForFinished(600000)) {
        r.log = QStringLiteral("glpsol did not finish");
        return r;
    }
    r.log = QString::fromUtf8(p.readAllStandardOutput());
    QFile sol(solPath);
    if (!sol.open(QIODevice::ReadOnly))
        return r;
    // The solution file states the status in a comment and the objective as the last
    // field of its "s" line ("s bas ROWS COLS PRIM DUAL OBJ" or "s mip ROWS COLS STAT OBJ").
    bool statusOptimal = false;
    while (!sol.atEnd()) {
        const QByteArray line = sol.readLine().trimmed();
        if (line.startsWith("c Status:"))
            statusOptimal = line.contains("OPTIMAL") && !line.contains("UNDEFINED");
        if (line.startsWith("s ")) {
            const QList<QByteArray> fields = line.split(' ');
            r.mip = fields.value(1) == "mip";
            bool ok = false;
            r.objective = fields.last().toDouble(&ok);
            r.optimal = statusOptimal && ok;
        }
    }
    return r;
}

} // namespace glpsoltest
