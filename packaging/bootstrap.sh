#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine with nothing but bash and apt:
#   bash packaging/bootstrap.sh run    install what is missing, build, open the workbench on the demo
#   bash packaging/bootstrap.sh test   install what is missing, then check everything, as CI does:
#                                      build with warnings as errors (preset ci, in build/),
#                                      clang-tidy (packaging/clang-tidy.sh), every test under
#                                      AddressSanitizer and UndefinedBehaviorSanitizer (preset
#                                      asan, in build-asan/), then every test on the ci build;
#                                      any finding of any stage fails it (PWB_STRICT=0 only
#                                      prints the clang-tidy and sanitizer findings)
#   bash packaging/bootstrap.sh build  install what is missing and build only
#   bash packaging/bootstrap.sh package  install what is missing, build, and make the
#                                      Debian package (build/planner-workbench_*.deb)
# Arguments after the mode go to the workbench (run) or to both ctest runs (test).
# Installing needs root or sudo; it is skipped when every package is already there.
set -euo pipefail

mode=${1:-run}
shift || true
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${PWB_BUILD_DIR:-$here/build}
asan_dir=${PWB_ASAN_BUILD_DIR:-$here/build-asan}

packages=(
  g++ cmake ninja-build pkg-config git ccache
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev libqt6sql6-sqlite qt6-tools-dev
  libgl-dev libboost-graph-dev libsqlite3-dev zlib1g-dev libsodium-dev
  xvfb xauth sqlite3 zip unzip clang-format clang-tidy-16 python3 glpk-utils
  dpkg-dev appstream qt6-qpa-plugins groff-base
  coinor-libclp-dev libxlsxwriter-dev poppler-utils
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

# A build writes a few GiB (objects, precompiled headers, test binaries); a compiler that
# runs out of room mid-build fails with errors that name no cause, so say it first.
check_disk() { # folder, GiB needed
  local parent=$1
  while [ ! -d "$parent" ]; do parent=$(dirname "$parent"); done
  local free_kib
  free_kib=$(df -Pk "$parent" | awk 'NR == 2 { print $4 }')
  if [ "$free_kib" -lt $(($2 * 1024 * 1024)) ]; then
    echo "bootstrap: only $((free_kib / 1024)) MiB free under $parent; this build needs about $2 GiB" >&2
    exit 1
  fi
}

configure_and_build() { # preset, build folder
  cmake --preset "$1" -S "$here" -B "$2" >/dev/null
  cmake --build "$2" --parallel "$(nproc)"
}

run_tests() { # build folder, ctest arguments
  (cd "$1" && shift && QT_QPA_PLATFORM=offscreen \
    ctest --output-on-failure --no-tests=error --parallel "$(nproc)" "$@")
}

case "$mode" in
  run|test|build|package) ;;
  *) echo "usage: bash packaging/bootstrap.sh run|test|build|package" >&2; exit 1 ;;
esac

install_missing

# run and build: warnings are errors only where CI=true; test: always.
preset=default
[ "${CI:-}" = "true" ] && preset=ci

case "$mode" in
  build)
    check_disk "$build_dir" 3
    configure_and_build "$preset" "$build_dir"
    ;;
  package)
    check_disk "$build_dir" 3
    configure_and_build "$preset" "$build_dir"
    (cd "$build_dir" && cpack -G DEB >/dev/null)
    echo "bootstrap: $(ls "$build_dir"/planner-workbench_*.deb)"
    ;;
  test)
    # clang-tidy and the sanitizer suite fail the run on any finding. PWB_STRICT=0 turns
    # them into warnings, for a look at every stage's findings in one run.
    check_disk "$build_dir" 4
    configure_and_build ci "$build_dir"
    strict=${PWB_STRICT:-1}
    if ! bash "$here/packaging/clang-tidy.sh" "$build_dir"; then
      [ "$strict" = 1 ] && exit 1
      echo "bootstrap: clang-tidy findings above (not fatal with PWB_STRICT=0)"
    fi
    # The same suite under the sanitizers (options as in the asan test preset).
    echo "bootstrap: every test under AddressSanitizer and UndefinedBehaviorSanitizer"
    check_disk "$asan_dir" 3
    if ! { configure_and_build asan "$asan_dir" &&
      ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1 \
      UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      LSAN_OPTIONS=suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0 \
        run_tests "$asan_dir" --timeout 600 "$@"; }; then
      [ "$strict" = 1 ] && exit 1
      echo "bootstrap: sanitizer findings above (not fatal with PWB_STRICT=0)"
    fi
    # Last, and always fatal: the whole suite on the warnings-as-errors build.
    echo "bootstrap: every test on the warnings-as-errors build"
    run_tests "$build_dir" "$@"
    ;;
  run)
    check_disk "$build_dir" 3
    configure_and_build "$preset" "$build_dir"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "bootstrap: no display found; starting the workbench inside a virtual X server (xvfb-run)"
      exec xvfb-run -a "$build_dir/app/planner-workbench" "$@"
    fi
    exec "$build_dir/app/planner-workbench" "$@"
    ;;
esac
