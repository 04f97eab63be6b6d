#!/usr/bin/env bash
# Fails when an include climbs a layer (app -> ui -> report -> model -> engine), when ui/ reaches
# into model/ past the facade, its services and the data they return, or when a source
# file grows past 800 lines. Run from ctest as layer_check.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
fail=0
say() { echo "layers: $*" >&2; fail=1; }

sources() { git ls-files -co --exclude-standard -- "$@" 2>/dev/null || find "$@" -type f; }

# engine: no Qt, nothing from the layers above.
while IFS= read -r hit; do say "engine includes Qt or an upper layer: $hit"; done < <(
  sources 'engine/*.h' 'engine/*.cpp' | xargs grep -nE '#include\s*[<"](Q[A-Za-z]|Qt[A-Za-z]*/|model/|report/|ui/|app/)' || true)

# model: no widgets, nothing from ui/ or app/.
while IFS= read -r hit; do say "model includes the window layer: $hit"; done < <(
  sources 'model/*.h' 'model/*.cpp' | xargs grep -nE '#include\s*[<"](QtWidgets|QtCharts|QWidget|ui/|app/)' || true)

# model: nothing of the report layer either.
while IFS= read -r hit; do say "model includes the report layer: $hit"; done < <(
  sources 'model/*.h' 'model/*.cpp' | xargs grep -nE '#include\s*"report/' || true)

# report: QtGui only (the PDF is drawn without widgets, so `pwb report` needs no
# display), nothing from ui/ or app/, and no SQL: it reads through the model's facade.
while IFS= read -r hit; do say "report includes widgets, SQL or an upper layer: $hit"; done < <(
  sources 'report/*.h' 'report/*.cpp' | xargs grep -nE '#include\s*[<"](QtWidgets|QtCharts|QWidget|QChart|QtSql|QSql|ui/|app/)' || true)

# ui: from model/, only the facade, its service headers and the data headers.
allowed='model/(workbench|error)\.h|model/[a-z]+/(decision|decisionstore|queue|explanation|scoreruninfo|scoreruns|snapshotinfo|snapshotcatalog|importsummary|importer|user|useraccount|userstore|auditevent|auditlog|overridehistory|overriderates|kpifigures|kpidrilldown|kpistore|policyjson|networksimulation|scenariojson|scenariochoices|resultbreakdown|scenariostore|proposal)\.h'
while IFS= read -r hit; do say "ui reaches past the model facade: $hit"; done < <(
  sources 'ui/*.h' 'ui/*.cpp' | xargs grep -nE '#include\s*"model/' | grep -vE "\"($allowed)\"" || true)
while IFS= read -r hit; do say "ui uses QtSql: $hit"; done < <(
  sources 'ui/*.h' 'ui/*.cpp' | xargs grep -nE '#include\s*<(QtSql|QSql)' || true)

# No source file over 800 lines (tests included).
while read -r lines file; do
  [ "$file" = total ] && continue
  [ "$lines" -gt 800 ] && say "$file has $lines lines (at most 800)"
done < <(sources 'app/*.cpp' 'app/*.h' 'ui/*.cpp' 'ui/*.h' 'report/*.cpp' 'report/*.h' 'model/*.cpp' 'model/*.h' \
  'engine/*.cpp' 'engine/*.h' 'tests/*.cpp' 'tests/*.h' | xargs wc -l)

[ $fail -eq 0 ] && echo "layers: includes point down only; no file over 800 lines"
exit $fail
