#!/usr/bin/env bash
# tests/fuzz/replay.sh BUILD_DIR SOURCE_DIR HARNESS — ctest fuzz_replay_<harness>:
# runs the harness's properties (tests/fuzz/<harness>_fuzz.cpp, linked with
# replay_main.cpp into the ASan/UBSan test build) once on each input that
# fuzzing found a fault with (tests/fuzz/regress/<harness>/, when there are
# any) and on each seed (tests/fuzz/seeds.sh). No clang needed.
set -euo pipefail
build="$1" src="$2" h="$3"
work="$(mktemp -d /tmp/omb-replay-XXXXXX)"
trap 'rm -rf "$work"' EXIT
bash "$src/tests/fuzz/seeds.sh" "$work/seeds" >/dev/null
dirs=("$work/seeds/$h")
[ -d "$src/tests/fuzz/regress/$h" ] && dirs=("$src/tests/fuzz/regress/$h" "${dirs[@]}")
OMB_SOURCE_DIR="$src" "$build/tests/${h}_replay" "${dirs[@]}" | tail -1
