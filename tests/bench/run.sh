#!/usr/bin/env bash
# Import and scoring benchmark of the workbench at distributor scale, with the
# sqlite3 shell's bare CSV import of the same files as the yardstick. Prints figures;
# it is not a ctest test (a slow machine is not a failure). See docs/performance.md.
#
#   tests/bench/run.sh [--pwb PATH] [--items N] [--locations M] [--seed S] [--repeat R] [--keep]
#
# Defaults: 50,000 items x 20 locations (1,000,000 SKU-locations, ~500,000 open order
# lines, ~200,000 PO lines), the pwb of build/ or build-cli/, each step once. With
# --repeat R every timed step runs R times (each import into a fresh database) and the
# fastest run counts, which filters out other load on a shared machine.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
pwb=${PWB:-}
items=50000
locations=20
seed=1
repeat=1
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --pwb) pwb=$2; shift 2 ;;
    --items) items=$2; shift 2 ;;
    --locations) locations=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 1 ;;
  esac
done
if [ -z "$pwb" ]; then
  for candidate in "$here/build/app/pwb" "$here/build-cli/app/pwb"; do
    [ -x "$candidate" ] && { pwb=$candidate; break; }
  done
fi
[ -n "$pwb" ] && [ -x "$pwb" ] || { echo "run.sh: no pwb binary; build it or pass --pwb PATH" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "run.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "run.sh: needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/pwb-bench.XXXXXX")
if [ "$keep" -eq 0 ]; then
  trap 'rm -rf "$work"' EXIT
fi

# Runs a command under GNU time; sets $wall and $cpu (user + system, seconds) and
# $rss (peak resident MiB).
measure_once() {
  local log="$work/time.log"
  if ! /usr/bin/time -v -o "$log" "$@" >"$work/out.log" 2>"$work/err.log"; then
    echo "run.sh: failed: $*" >&2
    cat "$work/err.log" >&2
    exit 1
  fi
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, p, ":"); s = 0; for (i = 1; i <= n; ++i) s = s * 60 + p[i]; print s }' "$log")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
}

# measure_once, $repeat times, keeping the fastest; `setup` (a function name or
# "true") runs before each attempt, untimed.
measure() {
  local setup=$1 best_wall="" best_cpu="" best_rss=""
  shift
  for ((attempt = 0; attempt < repeat; ++attempt)); do
    "$setup"
    measure_once "$@"
    if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall=$wall best_cpu=$cpu best_rss=$rss
      cp "$work/out.log" "$work/best.log"
    fi
  done
  wall=$best_wall cpu=$best_cpu rss=$best_rss
  cp "$work/best.log" "$work/out.log"
}
fresh_workbench() { rm -f "$work"/workbench.db*; }
fresh_bare() { rm -f "$work"/bare.db*; }

echo "pwb benchmark: $items items x $locations locations, seed $seed"
echo "  binary  $pwb ($("$pwb" --version))"
echo "  cpu     $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo "  sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo "  work    $work"
echo "  load    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
echo

measure true "$pwb" generate --items "$items" --locations "$locations" --seed "$seed" --out "$work/snapshot"
gen_wall=$wall gen_cpu=$cpu
sed 's/^/  /' "$work/out.log"
du -sh "$work/snapshot" | awk '{ print "  " $1 " of CSV" }'
echo

measure fresh_workbench "$pwb" import "$work/snapshot" --db "$work/workbench.db"
import_wall=$wall import_cpu=$cpu import_rss=$rss
sed 's/^/  /' "$work/out.log"
echo

measure true "$pwb" score --db "$work/workbench.db"
score_wall=$wall score_cpu=$cpu score_rss=$rss
sed 's/^/  /' "$work/out.log" | grep 'item plans'

# The same re-score solving every item's plan again (as after a policy change that
# touches every plan's costs).
measure true "$pwb" score --db "$work/workbench.db" --replan
replan_wall=$wall replan_cpu=$cpu replan_rss=$rss
sed 's/^/  /' "$work/out.log" | grep 'item plans'
echo

# The yardstick: the same CSV files into empty tables with the same columns and no
# constraints, in a fresh database, by the sqlite3 shell alone.
script="$work/bare.sql"
: >"$script"
for csv in "$work"/snapshot/*.csv; do
  table=$(basename "$csv" .csv)
  columns=$(head -n1 "$csv" | tr -d '\r' | sed 's/[^,]*/"&"/g')
  echo "CREATE TABLE \"$table\" ($columns);" >>"$script"
  echo ".import --csv --skip 1 '$csv' \"$table\"" >>"$script"
done
measure fresh_bare sh -c "sqlite3 '$work/bare.db' < '$script'"
bare_wall=$wall bare_cpu=$cpu bare_rss=$rss

verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? "met" : "MISSED" }'; }
echo "Figures (best of $repeat)                    wall       cpu    peak memory"
printf '  %-34s %7.2f s %7.2f s\n' "pwb generate" "$gen_wall" "$gen_cpu"
printf '  %-34s %7.2f s %7.2f s %7s MiB\n' "pwb import (parse, store, score)" "$import_wall" \
  "$import_cpu" "$import_rss"
printf '  %-34s %7.2f s %7.2f s %7s MiB\n' "pwb score (full re-score)" "$score_wall" \
  "$score_cpu" "$score_rss"
printf '  %-34s %7.2f s %7.2f s %7s MiB\n' "pwb score --replan (every plan)" "$replan_wall" \
  "$replan_cpu" "$replan_rss"
printf '  %-34s %7.2f s %7.2f s %7s MiB\n' "sqlite3 .import, bare tables" "$bare_wall" \
  "$bare_cpu" "$bare_rss"
echo
import_goal=$(awk -v b="$bare_wall" 'BEGIN { printf "%.2f", b * 0.6 }')
fifth=$(awk -v b="$bare_wall" 'BEGIN { printf "%.2f", b / 5 }')
peak=$(( import_rss > score_rss ? import_rss : score_rss ))
peak=$(( peak > replan_rss ? peak : replan_rss ))
echo "Goals"
printf '  %-46s %-22s %s\n' "import+score within 0.6 of sqlite3 .import" \
  "$(printf '%.2f s vs %s s' "$import_wall" "$import_goal")" "$(verdict "$import_wall" "$import_goal")"
printf '  %-46s %-22s %s\n' "full re-score within 0.2 of sqlite3 .import" \
  "$(printf '%.2f s vs %s s' "$score_wall" "$fifth")" "$(verdict "$score_wall" "$fifth")"
printf '  %-46s %-22s %s\n' "  the same, every plan solved again (--replan)" \
  "$(printf '%.2f s vs %s s' "$replan_wall" "$fifth")" "$(verdict "$replan_wall" "$fifth")"
printf '  %-46s %-22s %s\n' "peak memory under 2 GiB" "$peak MiB" "$(verdict "$peak" 2048)"
[ "$keep" -eq 1 ] && echo && echo "Kept $work"
exit 0
