#!/usr/bin/env bash
# Writes the pwb(1) manual page to standard output from the binary's own help texts,
# so the page never drifts from the program: the overview, then every command listed
# by `pwb --help`, each with its `pwb COMMAND --help`.
#   bash packaging/manpage.sh build/app/pwb > pwb.1
set -euo pipefail
pwb=$1
version=$("$pwb" --version | awk '{ print $2 }')

# Help text as literal lines: backslashes escaped, and a line starting with a dot or a
# quote cannot be taken for a request.
literal() { sed -e 's/\\/\\e/g' -e 's/^\([.'"'"']\)/\\\&\1/'; }

commands=$("$pwb" --help | awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }')

cat <<HEAD
.TH PWB 1 "" "pwb $version" "User Commands"
.SH NAME
pwb \\- the planner workbench on the command line
.SH SYNOPSIS
.B pwb
.I COMMAND
.RI [ options ]
.SH DESCRIPTION
.nf
HEAD
"$pwb" --help | literal
echo ".fi"
echo ".SH COMMANDS"
for command in $commands; do
  echo ".SS $command"
  echo ".nf"
  "$pwb" "$command" --help | literal
  echo ".fi"
done
cat <<'TAIL'
.SH FILES
.TP
.I /usr/share/planner-workbench/demo
The demo snapshot (import it with \fBpwb import\fR).
.TP
.I /usr/share/planner-workbench/policy/default-policy.json
The built-in scoring policy, as a starting point for \fB\-\-policy\fR.
TAIL
