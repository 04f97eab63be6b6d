#!/usr/bin/env bash
# Makes the Debian package from a build folder and checks it as an installation would
# see it: the files in place, the declared dependencies, valid AppStream metadata and
# manual page, every library found, and the installed binaries working from the
# installed files: pwb --version, an import of the installed demo, and a short start
# of the window (offscreen). Run from ctest as package_check.
#   bash packaging/check-package.sh BUILD_FOLDER
set -euo pipefail
build=$1
id=io.github.plannerworkbench.PlannerWorkbench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "package: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || {
  cat "$work/cpack.log" >&2
  fail "cpack failed"
}
deb=$(ls "$work"/out/planner-workbench_*.deb) || fail "no .deb was made"
echo "package: $(basename "$deb"), $(du -h "$deb" | cut -f1)"

depends=$(dpkg-deb --field "$deb" Depends)
for dependency in libqt6core6 libqt6widgets6 libqt6charts6 libsqlite3-0 libsodium23 \
  libqt6sql6-sqlite qt6-qpa-plugins; do
  grep -q "$dependency" <<<"$depends" || fail "Depends lacks $dependency: $depends"
done

dpkg-deb -x "$deb" "$work/root"
usr=$work/root/usr
for file in bin/pwb bin/planner-workbench share/applications/$id.desktop \
  share/metainfo/$id.metainfo.xml share/icons/hicolor/scalable/apps/$id.svg \
  share/icons/hicolor/48x48/apps/$id.png share/icons/hicolor/256x256/apps/$id.png \
  share/man/man1/pwb.1.gz share/planner-workbench/demo/manifest.json \
  share/planner-workbench/policy/default-policy.json; do
  [ -f "$usr/$file" ] || fail "missing /usr/$file"
done

appstreamcli validate --no-net "$usr/share/metainfo/$id.metainfo.xml" >"$work/appstream.log" 2>&1 || {
  cat "$work/appstream.log" >&2
  fail "AppStream metadata does not validate"
}
warnings=$(zcat "$usr/share/man/man1/pwb.1.gz" | groff -man -ww -z 2>&1 || true)
[ -z "$warnings" ] || fail "pwb(1) has warnings: $warnings"
zcat "$usr/share/man/man1/pwb.1.gz" | grep -q '^\.SS import$' || fail "pwb(1) lacks the import command"

for binary in pwb planner-workbench; do
  if ldd "$usr/bin/$binary" | grep -q "not found"; then
    fail "$binary misses libraries: $(ldd "$usr/bin/$binary" | grep 'not found')"
  fi
done

"$usr/bin/pwb" --version | grep -Eq '^pwb [0-9]+\.[0-9]+\.[0-9]+ \(scoring ' || fail "pwb --version"
"$usr/bin/pwb" import "$usr/share/planner-workbench/demo" --db "$work/demo.db" >"$work/import.log" \
  || fail "pwb import of the installed demo: $(cat "$work/import.log")"
grep -q "exceptions" "$work/import.log" || fail "the import scored nothing"

# The window from the installed files: it starts, imports its demo and waits for
# someone to sign in; still running after a few seconds is a start.
set +e
HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config" \
  QT_QPA_PLATFORM=offscreen timeout 8 "$usr/bin/planner-workbench" >"$work/gui.log" 2>&1
code=$?
set -e
[ $code -eq 124 ] || fail "planner-workbench ended with $code within 8 s: $(cat "$work/gui.log")"
echo "package: installs, validates and runs"
