#!/usr/bin/env bash
# Renders the README screenshots into docs/images at 1600x1000, offscreen, from the
# bundled demo snapshot: main window, top shortage in detail, the full detail panel,
# "Why not?", what-if weights with the re-ranked queue, and the import error dialog.
#   bash packaging/screenshots.sh [build dir]      (default: $PWB_BUILD_DIR or ./build)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-${PWB_BUILD_DIR:-$here/build}}
out_dir=$here/docs/images

if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build_dir" --target pwb-screenshots -j"${PWB_JOBS:-2}"

mkdir -p "$out_dir"
# Offscreen needs no display; a fixed locale keeps separators and dates as in the docs.
QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8 "$build_dir/tests/ui/pwb-screenshots" "$out_dir"
echo "screenshots: written to ${out_dir#"$here"/}"
