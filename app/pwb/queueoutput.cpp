#include "queueoutput.h"

#include "textformat.h"

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace pwb {

namespace {

constexpr quint8 kNoFactor = 255;

/// The columns of the JSON objects and of the CSV, in order.
constexpr const char16_t *kMachineColumns[]
    = {u"exception_id", u"rank", u"type", u"item_id", u"location_id", u"score", u"need_date",
        u"top_factor", u"action", u"action_cost", u"supplier_id", u"currency",
        // Added after the others so that readers of the CSV by position keep working.
        u"action_feasible", u"can_save"};

QString idAt(const QStringList &ids, qint32 index)
{
    return index >= 0 && index < ids.size() ? ids.at(index) : QString();
}

QString typeName(const model::Queue &queue, qsizetype row)
{
    return QString::fromLatin1(
        engine::exceptionTypeName(static_cast<engine::ExceptionType>(queue.type[size_t(row)])));
}

std::optional<engine::FactorKind> topFactor(const model::Queue &queue, qsizetype row)
{
    const quint8 f = queue.topFactor[size_t(row)];
    if (f == kNoFactor || f >= engine::kFactorCount)
        return std::nullopt;
    return static_cast<engine::FactorKind>(f);
}

std::optional<engine::Action> topAction(const model::Queue &queue, qsizetype row)
{
    const qint8 a = queue.action[size_t(row)];
    if (a < 0)
        return std::nullopt;
    return static_cast<engine::Action>(a);
}

/// One column of a row, as a JSON literal and as CSV text.
struct Cell {
    const char16_t *name;
    QString json;
    QString csv;
};

QList<Cell> machineCells(const model::Queue &queue, qsizetype row)
{
    const auto r = size_t(row);
    auto text = [](const QString &value) {
        return Cell {nullptr, jsonString(value), csvField(value)};
    };
    auto optionalText = [&](const QString &value) {
        return value.isEmpty() ? Cell {nullptr, u"null"_s, QString()} : text(value);
    };
    auto number = [](double value, int decimals) {
        const QString n = formatNumber(value, decimals);
        return Cell {nullptr, n, n};
    };
    const auto factor = topFactor(queue, row);
    const auto action = topAction(queue, row);
    const QString date = QString::fromStdString(engine::formatDate(queue.needDate[r]));
    const QString feasible = queue.isActionFeasible(row) ? u"true"_s : u"false"_s;

    QList<Cell> cells {
        text(queue.exceptionId(row)),
        number(queue.rank[r], 0),
        text(typeName(queue, row)),
        text(idAt(queue.itemIds, queue.item[r])),
        text(idAt(queue.locationIds, queue.location[r])),
        number(queue.score[r], 2),
        optionalText(date),
        optionalText(factor ? QString::fromLatin1(engine::factorName(*factor)) : QString()),
        optionalText(action ? QString::fromLatin1(engine::actionName(*action)) : QString()),
        action ? number(queue.actionCost[r], 2) : Cell {nullptr, u"null"_s, QString()},
        optionalText(idAt(queue.supplierIds, queue.supplier[r])),
        text(queue.snapshot.currency),
        Cell {nullptr, feasible, feasible},
        number(r < queue.canSave.size() ? queue.canSave[r] : 0.0, 2),
    };
    for (qsizetype i = 0; i < cells.size(); ++i)
        cells[i].name = kMachineColumns[i];
    return cells;
}

} // namespace

std::vector<qsizetype> selectQueueRows(
    const model::Queue &queue, const QueueFilter &filter, qsizetype *matching)
{
    qint32 location = -1;
    if (!filter.locationId.isEmpty()) {
        location = qint32(queue.locationIds.indexOf(filter.locationId));
        if (location < 0) {
            if (matching)
                *matching = 0;
            return {};
        }
    }
    std::vector<qsizetype> rows;
    for (qsizetype row = 0; row < queue.size(); ++row) {
        const auto r = size_t(row);
        if (filter.type && queue.type[r] != quint8(*filter.type))
            continue;
        if (location >= 0 && queue.location[r] != location)
            continue;
        rows.push_back(row);
    }
    // The store returns the queue in rank order; sorting anyway keeps this function
    // correct for any row order at the cost of one pass over sorted data.
    std::stable_sort(rows.begin(), rows.end(),
        [&](qsizetype a, qsizetype b) { return queue.rank[size_t(a)] < queue.rank[size_t(b)]; });
    if (matching)
        *matching = qsizetype(rows.size());
    if (filter.limit > 0 && qsizetype(rows.size()) > filter.limit)
        rows.resize(size_t(filter.limit));
    return rows;
}

QString actionLabel(engine::Action action)
{
    switch (action) {
    case engine::Action::Transfer:
        return u"transfer"_s;
    case engine::Action::Expedite:
        return u"expedite"_s;
    case engine::Action::Purchase:
        return u"purchase"_s;
    case engine::Action::Substitute:
        return u"substitute"_s;
    case engine::Action::NotifyCustomerService:
        return u"notify CS"_s;
    case engine::Action::SupplierFollowUp:
        return u"follow up"_s;
    case engine::Action::Allocate:
        return u"allocate"_s;
    case engine::Action::ReturnToSupplier:
        return u"return"_s;
    case engine::Action::CycleCount:
        return u"cycle count"_s;
    }
    return {};
}

void writeQueueTable(QTextStream &out, const model::Queue &queue,
    const std::vector<qsizetype> &rows, qsizetype matching)
{
    if (queue.run.runId == 0) {
        out << "No scored snapshot yet: run 'pwb import' first.\n";
        return;
    }
    out << "Run " << queue.run.runId << " of snapshot " << terminalText(queue.snapshot.snapshotId)
        << " (as of " << QString::fromStdString(engine::formatDate(queue.snapshot.asOf)) << "), "
        << queue.run.exceptionCount << " exceptions, total exposure "
        << terminalText(queue.snapshot.currency) << ' ' << formatMoney(queue.run.totalScore)
        << "\n\n";
    if (rows.empty()) {
        out << "No exception matches.\n";
        return;
    }
    const QList<TableColumn> columns {{u"RANK"_s, true}, {u"TYPE"_s}, {u"ITEM"_s}, {u"LOCATION"_s},
        {u"SCORE "_s + queue.snapshot.currency, true}, {u"CAN SAVE"_s, true}, {u"NEED DATE"_s},
        {u"ACTION"_s}};
    QList<QStringList> cells;
    cells.reserve(qsizetype(rows.size()));
    for (const qsizetype row : rows) {
        const auto r = size_t(row);
        // A late best move that saves nothing is not a recommendation; `explain` shows
        // it with the reason.
        const auto action = queue.offersAction(row) ? topAction(queue, row) : std::nullopt;
        cells.append({QString::number(queue.rank[r]), typeName(queue, row),
            idAt(queue.itemIds, queue.item[r]), idAt(queue.locationIds, queue.location[r]),
            formatMoney(queue.score[r]),
            formatMoney(r < queue.canSave.size() ? queue.canSave[r] : 0.0),
            QString::fromStdString(engine::formatDate(queue.needDate[r])),
            !action                           ? u"-"_s
                : queue.isActionFeasible(row) ? actionLabel(*action)
                                              : actionLabel(*action) + u" (late)"_s});
    }
    out << renderTable(columns, cells);
    if (qsizetype(rows.size()) < matching)
        out << "\nShowing " << rows.size() << " of " << matching
            << " matching exceptions; --limit 0 shows all.\n";
}

void writeQueueJson(QTextStream &out, const model::Queue &queue, const std::vector<qsizetype> &rows)
{
    out << '[';
    bool first = true;
    for (const qsizetype row : rows) {
        out << (first ? "\n  {" : ",\n  {");
        first = false;
        bool firstCell = true;
        for (const Cell &cell : machineCells(queue, row)) {
            out << (firstCell ? "\"" : ", \"") << QStringView(cell.name) << "\": " << cell.json;
            firstCell = false;
        }
        out << '}';
    }
    out << (rows.empty() ? "]\n" : "\n]\n");
}

void writeQueueCsv(QTextStream &out, const model::Queue &queue, const std::vector<qsizetype> &rows)
{
    bool firstName = true;
    for (const char16_t *name : kMachineColumns) {
        out << (firstName ? "" : ",") << QStringView(name);
        firstName = false;
    }
    out << '\n';
    for (const qsizetype row : rows) {
        bool firstCell = true;
        for (const Cell &cell : machineCells(queue, row)) {
            out << (firstCell ? "" : ",") << cell.csv;
            firstCell = false;
        }
        out << '\n';
    }
}

} // namespace pwb
