#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine with nothing but bash and apt:
#   bash packaging/bootstrap.sh run    install what is missing, build, open the workbench on the demo
#   bash packaging/bootstrap.sh test   install what is missing, build, run every test (ctest)
#   bash packaging/bootstrap.sh build  install what is missing and build only
# Installing needs root or sudo; it is skipped when every package is already there.
set -euo pipefail

mode=${1:-run}
shift || true
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${PWB_BUILD_DIR:-$here/build}

packages=(
  g++ cmake ninja-build pkg-config git ccache
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev libqt6sql6-sqlite qt6-tools-dev
  libgl-dev libboost-graph-dev libsqlite3-dev zlib1g-dev libsodium-dev
  xvfb xauth sqlite3 zip unzip clang-format glpk-utils
)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "bootstrap: installing ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "bootstrap: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

configure_and_build() {
  local preset=default
  [ "${CI:-}" = "true" ] && preset=ci
  cmake --preset "$preset" -S "$here" -B "$build_dir" >/dev/null
  cmake --build "$build_dir" --parallel "$(nproc)"
}

install_missing
configure_and_build

case "$mode" in
  build) ;;
  test)
    cd "$build_dir"
    QT_QPA_PLATFORM=offscreen ctest --output-on-failure --no-tests=error --parallel "$(nproc)" "$@"
    ;;
  run)
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "bootstrap: no display found; starting the workbench inside a virtual X server (xvfb-run)"
      exec xvfb-run -a "$build_dir/app/planner-workbench" "$@"
    fi
    exec "$build_dir/app/planner-workbench" "$@"
    ;;
  *) echo "usage: bash packaging/bootstrap.sh run|test|build" >&2; exit 1 ;;
esac
