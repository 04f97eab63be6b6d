#include "ui/simulation/scenarioeditor.h"

#include "model/simulation/scenariojson.h"
#include "ui/simulation/changewords.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ui {

namespace sim = engine::simulation;

namespace {

std::string text(const QComboBox *box)
{
    return box->currentText().trimmed().toStdString();
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

/// An editable picker whose list filters on what is typed, anywhere in the id.
QComboBox *picker(QWidget *parent, const QString &name, const QString &placeholder)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(name);
    box->setEditable(true);
    box->setInsertPolicy(QComboBox::NoInsert);
    box->setMaxVisibleItems(15);
    box->lineEdit()->setPlaceholderText(placeholder);
    box->completer()->setCompletionMode(QCompleter::PopupCompletion);
    box->completer()->setFilterMode(Qt::MatchContains);
    box->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    return box;
}

void setItems(QComboBox *box, const QStringList &items)
{
    const QString current = box->currentText();
    const QSignalBlocker blocker(box);
    box->clear();
    box->addItems(items);
    box->setCurrentText(current);
}

QDoubleSpinBox *number(QWidget *parent, const QString &name, double min, double max, int decimals)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setGroupSeparatorShown(true);
    return box;
}

QSpinBox *whole(QWidget *parent, const QString &name, int min, int max)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(min, max);
    return box;
}

/// "capacity_per_day": NaN (kUnset) is unlimited, which the spin box shows at -1.
double capacityShown(double c)
{
    return engine::isSet(c) ? c : -1.0;
}
double capacityRead(double v)
{
    return v < 0 ? engine::kUnset : v;
}

} // namespace

ScenarioEditor::ScenarioEditor(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"scenarioEditor"_s);
    m_modes = new QTabWidget(this);
    m_modes->setObjectName(u"editorModes"_s);
    m_modes->setDocumentMode(true);

    auto *form = new QWidget(m_modes);
    m_list = new QListWidget(form);
    m_list->setObjectName(u"changeList"_s);
    m_list->setWordWrap(true);
    m_kind = new QComboBox(form);
    m_kind->setObjectName(u"changeKind"_s);
    m_kind->addItems(
        {tr("Close a lane"), tr("Change a lane (transit, cost, capacity)"), tr("Delay a supplier"),
            tr("Delay a PO"), tr("Demand spike"), tr("Extra stock"), tr("New lane")});
    m_add = new QPushButton(tr("A&dd change"), form);
    m_add->setObjectName(u"addChange"_s);
    m_remove = new QPushButton(tr("Remo&ve"), form);
    m_remove->setObjectName(u"removeChange"_s);
    m_remove->setToolTip(tr("Remove the change selected"));
    m_formBox = new QGroupBox(form);
    m_formBox->setObjectName(u"changeForm"_s);
    m_form = new QFormLayout(m_formBox);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_problem = new QLabel(form);
    m_problem->setObjectName(u"changeProblem"_s);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(u"color: #b3261e;"_s);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_kind, 1);
    addRow->addWidget(m_add);
    addRow->addWidget(m_remove);
    auto *formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(0, 4, 0, 0);
    formLayout->addWidget(m_list, 1);
    formLayout->addLayout(addRow);
    formLayout->addWidget(m_formBox);
    formLayout->addWidget(m_problem);
    m_modes->addTab(form, tr("&Form"));

    auto *json = new QWidget(m_modes);
    m_json = new QPlainTextEdit(json);
    m_json->setObjectName(u"scenarioChanges"_s);
    m_json->setTabChangesFocus(true);
    m_json->setPlaceholderText(tr("One change per line, as in a scenario file"));
    m_inWords = new QLabel(json);
    m_inWords->setObjectName(u"changesInWords"_s);
    m_inWords->setWordWrap(true);
    m_inWords->setTextFormat(Qt::PlainText);
    auto *jsonLayout = new QVBoxLayout(json);
    jsonLayout->setContentsMargins(0, 4, 0, 0);
    jsonLayout->addWidget(m_json, 1);
    jsonLayout->addWidget(m_inWords);
    m_modes->addTab(json, tr("&JSON"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_modes);
    createForm();

    connect(m_list, &QListWidget::currentRowChanged, this, &ScenarioEditor::showChange);
    connect(m_add, &QPushButton::clicked, this,
        [this] { addChange(Kind(std::max(0, m_kind->currentIndex()))); });
    connect(m_remove, &QPushButton::clicked, this, &ScenarioEditor::removeChange);
    connect(m_json, &QPlainTextEdit::textChanged, this, &ScenarioEditor::readJson);
    refreshList();
    showChange();
}

void ScenarioEditor::createForm()
{
    QWidget *box = m_formBox;
    m_lane = new QComboBox(box);
    m_lane->setObjectName(u"laneField"_s);
    m_from = picker(box, u"fromField"_s, tr("from location"));
    m_to = picker(box, u"toField"_s, tr("to location"));
    m_supplier = picker(box, u"supplierField"_s, tr("supplier id"));
    m_po = picker(box, u"poField"_s, tr("PO number"));
    m_line = whole(box, u"lineField"_s, 0, 99999);
    m_line->setSpecialValueText(tr("all lines"));
    m_days = whole(box, u"daysField"_s, -365, 365);
    m_days->setSuffix(tr(" days"));
    m_location = picker(box, u"locationField"_s, tr("any location"));
    m_item = picker(box, u"itemField"_s, tr("any item"));
    m_group = picker(box, u"groupField"_s, tr("any group"));
    m_abc = new QComboBox(box);
    m_abc->setObjectName(u"abcField"_s);
    m_abc->addItems({tr("any class"), u"A"_s, u"B"_s, u"C"_s});
    m_percent = number(box, u"percentField"_s, -100, 10000, 1);
    m_percent->setSuffix(u" %"_s);
    m_units = number(box, u"unitsField"_s, -1e9, 1e9, 0);
    m_due = whole(box, u"dueField"_s, 0, 365);
    m_due->setSuffix(tr(" days"));
    m_tier = whole(box, u"tierField"_s, 1, 9);
    m_transit = number(box, u"transitField"_s, 0, 365, 1);
    m_cost = number(box, u"costField"_s, 0, 1e6, 2);
    m_capacity = number(box, u"capacityField"_s, -1, 1e9, 0);
    m_capacity->setSpecialValueText(tr("unlimited"));
    m_fixed = number(box, u"fixedCostField"_s, 0, 1e9, 2);
    const auto ticked = [box](QCheckBox **check, QDoubleSpinBox *spin, const QString &name) {
        auto *row = new QWidget(box);
        *check = new QCheckBox(tr("change to"), row);
        (*check)->setObjectName(name);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(*check);
        h->addWidget(spin, 1);
        spin->setParent(row);
        return row;
    };
    QWidget *transit = ticked(&m_transitOn, m_transit, u"transitOn"_s);
    QWidget *cost = ticked(&m_costOn, m_cost, u"costOn"_s);
    QWidget *capacity = ticked(&m_capacityOn, m_capacity, u"capacityOn"_s);

    const auto row = [this](const QString &label, QWidget *field, std::vector<int> kinds) {
        m_form->addRow(label, field);
        m_rows.emplace_back(field, std::move(kinds));
    };
    row(tr("&Lane"), m_lane, {DisableLane, ChangeLane});
    row(tr("&From"), m_from, {NewLane});
    row(tr("&To"), m_to, {NewLane});
    row(tr("&Supplier"), m_supplier, {DelaySupplier});
    row(tr("&PO"), m_po, {DelayPo});
    row(tr("L&ine"), m_line, {DelayPo});
    row(tr("&Delay"), m_days, {DelaySupplier, DelayPo});
    row(tr("&Item"), m_item, {DemandSpike, ExtraStock});
    row(tr("&Location"), m_location, {DemandSpike, ExtraStock});
    row(tr("&Group"), m_group, {DemandSpike});
    row(tr("&ABC class"), m_abc, {DemandSpike});
    row(tr("&More demand"), m_percent, {DemandSpike});
    row(tr("&Units"), m_units, {DemandSpike, ExtraStock});
    row(tr("D&ue in"), m_due, {DemandSpike});
    row(tr("Custo&mer tier"), m_tier, {DemandSpike});
    row(tr("T&ransit days"), transit, {ChangeLane, NewLane});
    row(tr("&Cost per unit"), cost, {ChangeLane, NewLane});
    row(tr("Ca&pacity per day"), capacity, {ChangeLane, NewLane});
    row(tr("Fi&xed cost"), m_fixed, {NewLane});
    m_units->setToolTip(tr("Demand spike: a new order line of these units at each SKU-location "
                           "matched. Extra stock: units on hand more (negative: fewer)."));

    for (QComboBox *field : {m_lane, m_abc})
        connect(field, &QComboBox::currentIndexChanged, this, &ScenarioEditor::readForm);
    for (QComboBox *field : {m_from, m_to, m_supplier, m_po, m_location, m_item, m_group})
        connect(field, &QComboBox::currentTextChanged, this, &ScenarioEditor::readForm);
    for (QSpinBox *field : {m_line, m_days, m_due, m_tier})
        connect(field, &QSpinBox::valueChanged, this, &ScenarioEditor::readForm);
    for (QDoubleSpinBox *field : {m_percent, m_units, m_transit, m_cost, m_capacity, m_fixed})
        connect(field, &QDoubleSpinBox::valueChanged, this, &ScenarioEditor::readForm);
    for (QCheckBox *field : {m_transitOn, m_costOn, m_capacityOn})
        connect(field, &QCheckBox::toggled, this, &ScenarioEditor::readForm);
}

void ScenarioEditor::setChoices(const model::ScenarioChoices &choices)
{
    m_choices = choices;
    m_loading = true;
    fillPickers();
    m_loading = false;
    refreshList();
    showChange();
}

void ScenarioEditor::fillPickers()
{
    setItems(m_from, m_choices.locations);
    setItems(m_to, m_choices.locations);
    setItems(m_location, m_choices.locations);
    setItems(m_item, m_choices.items);
    setItems(m_group, m_choices.groups);
    setItems(m_supplier, m_choices.suppliers);
    setItems(m_po, m_choices.pos);
    const QSignalBlocker blocker(m_lane);
    m_lane->clear();
    for (const auto &[from, to] : m_choices.lanes)
        m_lane->addItem(from + u" → "_s + to, QStringList {from, to});
}

void ScenarioEditor::setChanges(const std::vector<sim::Change> &changes)
{
    m_changes = changes;
    m_jsonError.reset();
    refreshList();
    writeJson();
    selectChange(m_changes.empty() ? -1 : 0);
    Q_EMIT changed();
}

model::Result<sim::Scenario> ScenarioEditor::scenario(const QString &name) const
{
    if (m_jsonError)
        return std::unexpected(*m_jsonError);
    for (std::size_t n = 0; n < m_changes.size(); ++n) {
        if (const QString problem = changeProblem(m_changes[n], m_choices); !problem.isEmpty())
            return std::unexpected(model::Error {model::Error::BadInput,
                tr("Change %1 (%2): %3")
                    .arg(QString::number(n + 1), changeInWords(m_changes[n]), problem),
                {}});
    }
    // Through the scenario JSON, so the form is held to what a scenario file may say.
    sim::Scenario s {name.trimmed().toStdString(), m_changes};
    return model::scenarioFromJson(
        QJsonDocument(model::scenarioToJson(s)).toJson(QJsonDocument::Compact),
        tr("the scenario editor"));
}

sim::Change ScenarioEditor::defaultChange(Kind kind) const
{
    const auto first = [](const QStringList &ids) {
        return ids.isEmpty() ? std::string() : ids.front().toStdString();
    };
    std::string from, to;
    if (!m_choices.lanes.empty()) {
        from = m_choices.lanes.front().first.toStdString();
        to = m_choices.lanes.front().second.toStdString();
    }
    switch (kind) {
    case DisableLane:
        return sim::DisableLane {from, to};
    case ChangeLane:
        return sim::ChangeLane {from, to, 3.0, std::nullopt, std::nullopt};
    case DelaySupplier:
        return sim::DelaySupplier {first(m_choices.suppliers), 5};
    case DelayPo:
        return sim::DelayPo {first(m_choices.pos), 0, 5};
    case DemandSpike: {
        sim::DemandSpike s;
        s.abcClass = 'A';
        s.percent = 20;
        return s;
    }
    case ExtraStock:
        return sim::ExtraStock {first(m_choices.items), first(m_choices.locations), 100};
    case NewLane: {
        sim::NewLane l;
        l.from = from;
        l.to = first(m_choices.locations) == from && m_choices.locations.size() > 1
            ? m_choices.locations.at(1).toStdString()
            : first(m_choices.locations);
        l.transitDays = 2;
        return l;
    }
    }
    return sim::DisableLane {from, to};
}

void ScenarioEditor::addChange(Kind kind)
{
    m_changes.push_back(defaultChange(kind));
    m_jsonError.reset();
    refreshList();
    writeJson();
    selectChange(int(m_changes.size()) - 1);
    Q_EMIT changed();
}

void ScenarioEditor::removeChange()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= int(m_changes.size()))
        return;
    m_changes.erase(m_changes.begin() + row);
    refreshList();
    writeJson();
    selectChange(std::min(row, int(m_changes.size()) - 1));
    Q_EMIT changed();
}

void ScenarioEditor::selectChange(int row)
{
    m_list->setCurrentRow(row);
    showChange();
}

void ScenarioEditor::refreshList()
{
    const int current = m_list->currentRow();
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (std::size_t n = 0; n < m_changes.size(); ++n) {
        const bool bad = !changeProblem(m_changes[n], m_choices).isEmpty();
        auto *item = new QListWidgetItem(
            QString::number(n + 1) + u". "_s + changeInWords(m_changes[n]), m_list);
        if (bad) {
            item->setForeground(QColor(0xb3, 0x26, 0x1e));
            item->setToolTip(changeProblem(m_changes[n], m_choices));
        }
    }
    if (m_changes.empty()) {
        auto *hint = new QListWidgetItem(tr("No change yet: the plan as the snapshot stands. "
                                            "Pick a kind of change and Add change."),
            m_list);
        hint->setFlags(Qt::NoItemFlags);
    }
    m_list->setCurrentRow(current < int(m_changes.size()) ? current : -1);
    QStringList lines;
    for (int n = 0; n < int(m_changes.size()); ++n)
        lines << m_list->item(n)->text();
    m_inWords->setText(m_jsonError ? m_jsonError->message
            : lines.isEmpty()      ? tr("No change: the plan as the snapshot stands.")
                                   : lines.join(u'\n'));
}

void ScenarioEditor::showChange()
{
    const int row = m_list->currentRow();
    const bool has = row >= 0 && row < int(m_changes.size());
    m_formBox->setVisible(has);
    m_remove->setEnabled(has);
    if (!has) {
        showProblem();
        return;
    }
    const sim::Change &c = m_changes[std::size_t(row)];
    const int kind = int(c.index());
    m_formBox->setTitle(tr("Change %1: %2").arg(row + 1).arg(m_kind->itemText(kind)));
    for (const auto &[field, kinds] : m_rows)
        m_form->setRowVisible(field, std::find(kinds.begin(), kinds.end(), kind) != kinds.end());
    m_transitOn->setVisible(kind == ChangeLane);
    m_costOn->setVisible(kind == ChangeLane);
    m_capacityOn->setVisible(kind == ChangeLane);

    m_loading = true;
    const auto setLane = [this](const std::string &from, const std::string &to) {
        const QStringList key {qs(from), qs(to)};
        int at = m_lane->findData(key);
        if (at < 0) { // a lane the snapshot does not have: shown so it round-trips
            m_lane->addItem(key.join(u" → "_s) + tr(" (not in the snapshot)"), key);
            at = m_lane->count() - 1;
        }
        m_lane->setCurrentIndex(at);
    };
    const auto optional
        = [](QCheckBox *on, QDoubleSpinBox *spin, std::optional<double> v, bool capacity) {
              on->setChecked(v.has_value());
              spin->setEnabled(v.has_value());
              if (v)
                  spin->setValue(capacity ? capacityShown(*v) : *v);
          };
    if (const auto *d = std::get_if<sim::DisableLane>(&c)) {
        setLane(d->from, d->to);
    } else if (const auto *l = std::get_if<sim::ChangeLane>(&c)) {
        setLane(l->from, l->to);
        optional(m_transitOn, m_transit, l->transitDays, false);
        optional(m_costOn, m_cost, l->costPerUnit, false);
        optional(m_capacityOn, m_capacity, l->capacityPerDay, true);
    } else if (const auto *s = std::get_if<sim::DelaySupplier>(&c)) {
        m_supplier->setCurrentText(qs(s->supplier));
        m_days->setValue(s->days);
    } else if (const auto *p = std::get_if<sim::DelayPo>(&c)) {
        m_po->setCurrentText(qs(p->po));
        m_line->setValue(p->line);
        m_days->setValue(p->days);
    } else if (const auto *x = std::get_if<sim::DemandSpike>(&c)) {
        m_location->setCurrentText(qs(x->location));
        m_item->setCurrentText(qs(x->item));
        m_group->setCurrentText(qs(x->group));
        m_abc->setCurrentIndex(x->abcClass == 0
                ? 0
                : std::max(0, m_abc->findText(QString(QChar::fromLatin1(x->abcClass)))));
        m_percent->setValue(x->percent);
        m_units->setValue(x->units);
        m_due->setValue(x->dueInDays);
        m_tier->setValue(x->tier);
    } else if (const auto *e = std::get_if<sim::ExtraStock>(&c)) {
        m_item->setCurrentText(qs(e->item));
        m_location->setCurrentText(qs(e->location));
        m_units->setValue(e->units);
    } else if (const auto *n = std::get_if<sim::NewLane>(&c)) {
        m_from->setCurrentText(qs(n->from));
        m_to->setCurrentText(qs(n->to));
        m_transit->setEnabled(true);
        m_cost->setEnabled(true);
        m_capacity->setEnabled(true);
        m_transit->setValue(n->transitDays);
        m_cost->setValue(n->costPerUnit);
        m_capacity->setValue(capacityShown(n->capacityPerDay));
        m_fixed->setValue(n->fixedCost);
    }
    m_loading = false;
    showProblem();
}

void ScenarioEditor::readForm()
{
    const int row = m_list->currentRow();
    if (m_loading || row < 0 || row >= int(m_changes.size()))
        return;
    sim::Change &c = m_changes[std::size_t(row)];
    const QStringList lane = m_lane->currentData().toStringList();
    const std::string from = lane.value(0).toStdString(), to = lane.value(1).toStdString();
    const auto optional = [](QCheckBox *on, QDoubleSpinBox *spin, bool capacity) {
        spin->setEnabled(on->isChecked());
        return on->isChecked()
            ? std::optional<double>(capacity ? capacityRead(spin->value()) : spin->value())
            : std::nullopt;
    };
    switch (Kind(c.index())) {
    case DisableLane:
        c = sim::DisableLane {from, to};
        break;
    case ChangeLane:
        c = sim::ChangeLane {from, to, optional(m_transitOn, m_transit, false),
            optional(m_costOn, m_cost, false), optional(m_capacityOn, m_capacity, true)};
        break;
    case DelaySupplier:
        c = sim::DelaySupplier {text(m_supplier), m_days->value()};
        break;
    case DelayPo:
        c = sim::DelayPo {text(m_po), m_line->value(), m_days->value()};
        break;
    case DemandSpike: {
        sim::DemandSpike s;
        s.location = text(m_location);
        s.item = text(m_item);
        s.group = text(m_group);
        s.abcClass = m_abc->currentIndex() > 0 ? m_abc->currentText().at(0).toLatin1() : char(0);
        s.percent = m_percent->value();
        s.units = m_units->value();
        s.dueInDays = m_due->value();
        s.tier = m_tier->value();
        c = s;
        break;
    }
    case ExtraStock:
        c = sim::ExtraStock {text(m_item), text(m_location), m_units->value()};
        break;
    case NewLane: {
        sim::NewLane l;
        l.from = text(m_from);
        l.to = text(m_to);
        l.transitDays = m_transit->value();
        l.costPerUnit = m_cost->value();
        l.fixedCost = m_fixed->value();
        l.capacityPerDay = capacityRead(m_capacity->value());
        c = l;
        break;
    }
    }
    refreshList();
    writeJson();
    showProblem();
    Q_EMIT changed();
}

void ScenarioEditor::showProblem()
{
    const int row = m_list->currentRow();
    QString problem;
    if (m_jsonError)
        problem
            = tr("The JSON tab holds a change that does not read: %1").arg(m_jsonError->message);
    else if (row >= 0 && row < int(m_changes.size()))
        problem = changeProblem(m_changes[std::size_t(row)], m_choices);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

void ScenarioEditor::writeJson()
{
    QStringList lines;
    const QJsonArray changes
        = model::scenarioToJson(sim::Scenario {{}, m_changes})[u"changes"_s].toArray();
    for (const auto &change : changes)
        lines << QString::fromUtf8(QJsonDocument(change.toObject()).toJson(QJsonDocument::Compact));
    const QSignalBlocker blocker(m_json);
    m_json->setPlainText(lines.join(u'\n'));
}

void ScenarioEditor::readJson()
{
    QJsonArray changes;
    const QStringList lines = m_json->toPlainText().split(u'\n');
    m_jsonError.reset();
    for (int n = 0; n < lines.size() && !m_jsonError; ++n) {
        const QString line = lines.at(n).trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
        if (!doc.isObject())
            m_jsonError = model::Error {model::Error::BadInput,
                tr("Change on line %1 is not a JSON object (%2).")
                    .arg(n + 1)
                    .arg(error.error == QJsonParseError::NoError ? tr("not an object")
                                                                 : error.errorString()),
                {}};
        else
            changes.append(doc.object());
    }
    if (!m_jsonError) {
        auto read = model::scenarioFromJson(
            QJsonDocument(QJsonObject {{u"changes"_s, changes}}).toJson(QJsonDocument::Compact),
            tr("the scenario editor"));
        if (read)
            m_changes = std::move(read->changes);
        else
            m_jsonError = read.error();
    }
    refreshList();
    if (!m_jsonError && m_list->currentRow() < 0 && !m_changes.empty())
        m_list->setCurrentRow(0);
    showChange();
    Q_EMIT changed();
}

} // namespace ui
