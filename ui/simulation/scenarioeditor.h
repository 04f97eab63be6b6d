#pragma once
// The Simulation window's scenario editor: the changes of a scenario as a list in
// plain words, "Add change" with a kind picker, and a form for the change selected
// whose pickers hold what the current snapshot has (locations, lanes, suppliers, POs,
// items, item groups), with what is wrong said under it. A JSON tab shows the same
// changes one per line, as a scenario file holds them, and takes edits and pastes:
// both read and write the scenario JSON of model/simulation/scenariojson.h.

#include "engine/simulation/scenario.h"
#include "model/error.h"
#include "model/simulation/scenariochoices.h"

#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace ui {

class ScenarioEditor : public QWidget
{
    Q_OBJECT

public:
    /// The kinds "Add change" offers, in the order of engine::simulation::Change.
    enum Kind { DisableLane, ChangeLane, DelaySupplier, DelayPo, DemandSpike, ExtraStock, NewLane };

    explicit ScenarioEditor(QWidget *parent = nullptr);

    /// Fills the pickers and checks the changes against the snapshot's ids.
    void setChoices(const model::ScenarioChoices &choices);
    const model::ScenarioChoices &choices() const { return m_choices; }

    /// Shows the changes of `scenario` (its name is the window's).
    void setChanges(const std::vector<engine::simulation::Change> &changes);
    const std::vector<engine::simulation::Change> &changes() const { return m_changes; }
    /// The changes as a scenario named `name`, or what is wrong: a JSON line that does
    /// not read, or the first change with a problem.
    model::Result<engine::simulation::Scenario> scenario(const QString &name) const;

    /// Adds a change of `kind`, filled with the snapshot's first lane, supplier, ...,
    /// and selects it.
    void addChange(Kind kind);
    void removeChange();
    /// Selects change `row` (0-based) in the list and shows it in the form.
    void selectChange(int row);

Q_SIGNALS:
    void changed();

private:
    void createForm();
    void showChange();
    void readForm();
    void showProblem();
    void refreshList();
    void writeJson();
    void readJson();
    void fillPickers();
    engine::simulation::Change defaultChange(Kind kind) const;

    model::ScenarioChoices m_choices;
    std::vector<engine::simulation::Change> m_changes;
    std::optional<model::Error> m_jsonError;
    bool m_loading = false;

    QTabWidget *m_modes = nullptr;
    QListWidget *m_list = nullptr;
    QComboBox *m_kind = nullptr;
    QPushButton *m_add = nullptr, *m_remove = nullptr;
    QGroupBox *m_formBox = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_problem = nullptr;
    QPlainTextEdit *m_json = nullptr;
    QLabel *m_inWords = nullptr;

    QComboBox *m_lane = nullptr, *m_from = nullptr, *m_to = nullptr;
    QComboBox *m_supplier = nullptr, *m_po = nullptr;
    QComboBox *m_location = nullptr, *m_item = nullptr, *m_group = nullptr, *m_abc = nullptr;
    QSpinBox *m_line = nullptr, *m_days = nullptr, *m_due = nullptr, *m_tier = nullptr;
    QDoubleSpinBox *m_percent = nullptr, *m_units = nullptr;
    QCheckBox *m_transitOn = nullptr, *m_costOn = nullptr, *m_capacityOn = nullptr;
    QDoubleSpinBox *m_transit = nullptr, *m_cost = nullptr, *m_capacity = nullptr;
    QDoubleSpinBox *m_fixed = nullptr;
    /// Per form row: its field widget and the kinds that show it.
    std::vector<std::pair<QWidget *, std::vector<int>>> m_rows;
};

} // namespace ui
