#!/usr/bin/env bash
# Fails when a tracked C++ file differs from .clang-format. Run from ctest as format_check.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v clang-format >/dev/null || { echo "clang-format is not installed" >&2; exit 1; }
if git rev-parse --git-dir >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -co --exclude-standard -- '*.cpp' '*.h')
else
  mapfile -t files < <(find app ui model engine tests -name '*.cpp' -o -name '*.h')
fi
[ ${#files[@]} -eq 0 ] && { echo "no C++ files found" >&2; exit 1; }
clang-format --dry-run -Werror "${files[@]}"
echo "format: ${#files[@]} files checked, all match .clang-format"
