#!/usr/bin/env bash
# A year of nightly snapshots in one database, then the KPIs over it: the import of
# each night, `pwb kpi` and `pwb report` over the whole year, and (with --gui) the KPI
# window's reading and drawing (kpi_page_bench). Prints figures; it is not a ctest test
# (a slow machine is not a failure). See docs/performance.md, "KPIs over a year".
#
#   tests/bench/kpi_year.sh [--pwb PATH] [--nights N] [--items N] [--locations M]
#                           [--first DATE] [--db FILE] [--gui PATH]
#
# Defaults: 365 nights of 5,000 items x 10 locations (50,000 SKU-locations each), as of
# 2025-11-29 to 2026-11-28, night k generated with seed k (a different ERP state every
# night). --db keeps the database (an existing one is reused: only the import is skipped).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
pwb=""
gui=""
nights=365
items=5000
locations=10
first=2025-11-29
db=""
while [ $# -gt 0 ]; do
  case "$1" in
    --pwb) pwb=$2; shift 2 ;;
    --gui) gui=$2; shift 2 ;;
    --nights) nights=$2; shift 2 ;;
    --items) items=$2; shift 2 ;;
    --locations) locations=$2; shift 2 ;;
    --first) first=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "kpi_year.sh: unknown argument '$1' (see --help)" >&2; exit 1 ;;
  esac
done
[ -n "$pwb" ] || pwb=$here/build/app/pwb
[ -x "$pwb" ] || { echo "kpi_year.sh: no pwb binary at $pwb; build it or pass --pwb PATH" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "kpi_year.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
date -d "$first" +%F >/dev/null 2>&1 || { echo "kpi_year.sh: --first: not a date: '$first'" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "$db" ] || db=$work/year.db

# wall seconds, CPU seconds, peak MiB of one command, from GNU time.
measure() {
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || {
    echo "kpi_year.sh: failed: $*" >&2; cat "$work/err" >&2; exit 1; }
  awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$work/time"
}

echo "pwb: $pwb"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -s "$db" ]; then
  echo "importing $nights nights of $items items x $locations locations into $db"
  : >"$work/imports"
  for ((k = 0; k < nights; k++)); do
    day=$(date -d "$first + $k days" +%F)
    rm -rf "$work/snap"
    "$pwb" generate --items "$items" --locations "$locations" --seed $((k + 1)) \
      --as-of "$day" --out "$work/snap" >/dev/null
    read -r wall cpu mib < <(measure "$pwb" import "$work/snap" --db "$db")
    echo "$k $day $wall $cpu $mib" >>"$work/imports"
    if (((k + 1) % 30 == 0)) || ((k + 1 == nights)); then
      echo "  night $((k + 1)) ($day): import ${wall} s wall, ${cpu} s CPU, ${mib} MiB; database $(du -m "$db" | cut -f1) MiB"
    fi
  done
  sort -n -k3 "$work/imports" | awk -v n="$nights" '
    { w[NR] = $3; sum += $3 }
    END { printf "imports: %d, total %.0f s; per night median %.2f s, fastest %.2f s, slowest %.2f s\n",
            n, sum, w[int((NR + 1) / 2)], w[1], w[NR] }'
  # Does a night cost more as the database grows? The first and the last 30 nights.
  awk 'NR <= 30 { a += $3; na++ } { last[NR] = $3 } END {
         for (i = (NR > 30 ? NR - 29 : 1); i <= NR; i++) { b += last[i]; nb++ }
         printf "imports: mean of the first 30 nights %.2f s, of the last 30 %.2f s\n", a / na, b / nb }' "$work/imports"
fi
echo "database: $(du -m "$db" | cut -f1) MiB"

read -r wall cpu mib < <(measure "$pwb" kpi --db "$db" --format json)
echo "pwb kpi (json, the whole year): ${wall} s wall, ${cpu} s CPU, ${mib} MiB peak; $(grep -c '"as_of"' "$work/out") snapshots"
read -r wall cpu mib < <(measure "$pwb" kpi --db "$db" --format table)
echo "pwb kpi (table): ${wall} s wall, ${cpu} s CPU, ${mib} MiB peak"
read -r wall cpu mib < <(measure "$pwb" kpi --db "$db" --by location --format csv)
echo "pwb kpi --by location (csv): ${wall} s wall, ${cpu} s CPU, ${mib} MiB peak; $(($(wc -l <"$work/out") - 1)) rows"
read -r wall cpu mib < <(measure "$pwb" report --db "$db" --out "$work/report.pdf")
echo "pwb report (the whole year): ${wall} s wall, ${cpu} s CPU, ${mib} MiB peak; $(cat "$work/out")"
if [ -n "$gui" ]; then
  QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$gui" "$db"
fi
