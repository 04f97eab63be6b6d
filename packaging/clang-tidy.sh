#!/usr/bin/env bash
# Runs clang-tidy with the checks of .clang-tidy over the project's own sources (engine/,
# model/, report/, ui/, app/; not the tests, the fuzz targets nor the files moc generates), in
# parallel, and fails on any finding. The test command of packaging/bootstrap.sh runs it.
#   bash packaging/clang-tidy.sh [build dir]     (default: $PWB_BUILD_DIR or ./build)
# The build folder must be built (the sources include what moc generates there).
#
# The compiler is g++ 12; clang-tidy is clang 16's (Debian 12's clang-tidy-14 cannot
# read libstdc++ 12's <expected>). Its own copy of compile_commands.json, in
# <build>/clang-tidy/, differs from the build's in three ways:
# - -std=c++23 is spelled -std=c++2b, the only name clang 16 knows;
# - g++'s precompiled headers are left out (clang cannot read them), so every source
#   is also checked to include what it uses;
# - __cpp_concepts is raised to 202002L: clang 16 implements what libstdc++ 12's
#   <expected> needs of C++20 concepts (conditionally trivial special members) but
#   still announces 201907L, and libstdc++ hides std::expected below 202002L.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$(cd "${1:-${PWB_BUILD_DIR:-$here/build}}" && pwd)
tidy=${CLANG_TIDY:-clang-tidy-16}
tidy_dir=$build_dir/clang-tidy
mkdir -p "$tidy_dir"

count=$(python3 - "$here" "$build_dir/compile_commands.json" "$tidy_dir/compile_commands.json" <<'EOF'
import json, os, re, shlex, sys
root, source, target = sys.argv[1:]
own = re.compile(r'(engine|model|report|ui|app)/')
entries = []
for entry in json.load(open(source)):
    path = os.path.relpath(os.path.join(entry['directory'], entry['file']), root)
    if not own.match(path):
        continue  # tests, fuzz targets, moc and rcc output in the build folder
    args, words = [], iter(shlex.split(entry['command']))
    for word in words:
        if word == '-include':
            header = next(words)
            if not header.endswith('cmake_pch.hxx'):
                args += [word, header]
            continue
        if word == '-Winvalid-pch':
            continue
        args.append('-std=c++2b' if word == '-std=c++23' else word)
    args[1:1] = ['-U__cpp_concepts', '-D__cpp_concepts=202002L']
    entries.append({'directory': entry['directory'], 'file': entry['file'],
                    'arguments': args})
json.dump(entries, open(target, 'w'), indent=1)
print(len(entries))
EOF
)
echo "clang-tidy: checking $count sources with $(nproc) jobs"
start=$SECONDS
status=0
# run-clang-tidy prints each command line before its output; keep only the findings.
run-clang-tidy-16 -clang-tidy-binary "$(command -v "$tidy")" -p "$tidy_dir" -j "$(nproc)" -quiet \
  -header-filter "^$here/(engine|model|report|ui|app)/" >"$tidy_dir/log" 2>&1 || status=$?
grep -v -E "^(/[^ ]*/)?$tidy |^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$" "$tidy_dir/log" || true
if [ "$status" -ne 0 ]; then
  echo "clang-tidy: findings above (full log: $tidy_dir/log)" >&2
  exit 1
fi
echo "clang-tidy: no findings in $count sources ($((SECONDS - start)) s)"
