#!/usr/bin/env bash
# Every program that a test or script calls is installed by scripts/ (issue #15).
#
# A fresh minimal Debian 12 (debootstrap --variant=minbase) has only the
# packages of priority "required"; CI on a developer's machine has far more,
# so a test that calls curl passes there and fails for a user. This test
# reads the shell scripts under tests/, scripts/ and .ci/, takes every word
# in command position, and for each program it finds on this machine asks
# dpkg which package owns it. That package must be of priority "required"
# (on every Debian) or be named in OMB_PACKAGES in scripts/lib.sh.
#   tests/e2e/tools_test.sh BUILD_DIR SOURCE_DIR
set -u
src="$2"
command -v dpkg-query >/dev/null 2>&1 || { echo "left out: no dpkg here (not Debian), nothing to check"; exit 77; }

# The packages scripts/ installs.
OMB_PACKAGES=()
eval "$(sed -n '/^OMB_PACKAGES=(/,/^)/p' "$src/scripts/lib.sh")"
[ ${#OMB_PACKAGES[@]} -gt 0 ] || { echo "FAIL cannot read OMB_PACKAGES from scripts/lib.sh"; exit 1; }
# … and what a script installs for itself (omb_install_deps PKG, apt-get install PKG).
extra=$(grep -ohE 'omb_install_deps( [a-z0-9.+-]+)+' "$src"/scripts/* | sed 's/omb_install_deps//')
extra+=" $(grep -ohE 'apt-get install( +[-a-z0-9.+]+)+' "$src"/scripts/* | sed 's/apt-get install//' | tr ' ' '\n' | grep -v '^-' | paste -sd' ')"
installed=" ${OMB_PACKAGES[*]} $extra "

files=$(cd "$src" && { ls tests/e2e/*.sh tests/fuzz/*.sh 2>/dev/null; grep -lE "^#!.*(ba)?sh" scripts/* .ci/* 2>/dev/null; } | grep -v tools_test.sh | sort -u)
# Shell words that are not programs.
skip=" if then else elif fi for while until do done case esac in function select time return local export set unset
  shift source eval exec exit trap wait read printf echo test true false cd pwd type command declare readonly let
  break continue kill ulimit umask builtin getopts hash jobs disown mapfile readarray shopt alias "

# A script without its comments and the text of its strings; what a
# double-quoted string runs ($( … )) stays, on a line of its own.
strip() {
  perl -ne 's/(^|\s)#.*$/$1/;
    s{("(?:[^"\\]|\\.)*")|(\x27[^\x27]*\x27)}{ my $s = $1 // ""; my @run = $s =~ /\$\(([^()]*)\)/g; @run ? "\n" . join("\n", @run) . "\n" : "\"\"" }ge;
    print' "$1"
}
# Words in command position: at a line's start, after ; & | ( ` $( && || !
# and after then/do/else; without assignments, options, paths and variables.
words=$(cd "$src" && for f in $files; do
  strip "$f" | grep -oE '(^|[;&|(`!]|\$\(|\b(then|do|else|time|exec|timeout [0-9.]+|nice( -n [0-9]+)?|taskset -c [0-9,]+|flock [^ ]+))[[:space:]]*[a-z][a-z0-9_.+-]*([[:space:]]|$)' |
    sed -E 's/^.*[;&|(`!][[:space:]]*//; s/^[[:space:]]*//; s/^(then|do|else|time|exec|timeout [0-9.]+|nice( -n [0-9]+)?|taskset -c [0-9,]+|flock [^ ]+)[[:space:]]+//; s/[[:space:]]+$//'
done | sort -u)

pass=0; fail=0
owner() {  # the package that owns program $1 (usr-merged paths tried both ways)
  local p real
  p=$(command -v "$1") || return 1
  real=$(readlink -f "$p")
  for cand in "$real" "$p" "${real#/usr}" "${p#/usr}" "/usr$real"; do
    dpkg-query -S "$cand" 2>/dev/null | head -1 | sed 's/:.*//; s/, .*//' && return 0
  done
  return 1
}
for w in $words; do
  case "$skip" in *" $w "*) continue ;; esac
  # A function defined in one of the scripts, or a program the build makes.
  if (cd "$src" && grep -qE "^[[:space:]]*(function[[:space:]]+)?$w[[:space:]]*\(\)" $files); then continue; fi
  case "$w" in ombudsmine*|omb_*) continue ;; esac
  command -v "$w" >/dev/null 2>&1 || continue   # not a program here (a word the scan took for one)
  [ "$(type -t "$w")" = "file" ] || continue
  pkg=$(owner "$w") || { echo "FAIL $w: no Debian package owns $(command -v "$w")"; fail=$((fail + 1)); continue; }
  prio=$(dpkg-query -W -f='${Priority}' "$pkg" 2>/dev/null)
  if [ "$prio" = "required" ]; then pass=$((pass + 1)); continue; fi
  case "$installed" in
    *" $pkg "*) pass=$((pass + 1)) ;;
    *)
      # A package may come as a dependency of one that is named (curl of
      # libcurl, say): that is luck, not a promise. Name it.
      where=$(cd "$src" && grep -lwE "$w" $files | paste -sd' ')
      echo "FAIL '$w' (package $pkg, priority ${prio:-?}) is called by $where but scripts/lib.sh never installs it"
      fail=$((fail + 1)) ;;
  esac
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
