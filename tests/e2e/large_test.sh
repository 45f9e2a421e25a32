#!/usr/bin/env bash
# End-to-end: one large file through the real binary (a test of its own so
# that ctest runs it beside e2e_cli: under ASan it is the longest test).
#   tests/e2e/large_test.sh BUILD_DIR SOURCE_DIR
# OMB_LARGE_MB sets its size (default 20: over the 16 MB from which a text is
# analysed in 8 MB parts as it is read, so every path of a large file runs;
# 200 MB took six minutes under ASan on 2 cores). bench/ingest.sh measures
# the 200 MB file's time and memory in the release build.
set -u
build="$1"
omb="$build/ombudsmine"
gen="$build/omb_gen_archive"
work=$(mktemp -d /tmp/omb-e2e-large-XXXXXX)
trap 'rm -rf "$work"' EXIT
mb="${OMB_LARGE_MB:-20}"
"$gen" --single "$work/single.txt" --mb "$mb"
"$omb" -q --db "$work/single.db" ingest --json "$work/single.txt" >"$work/single.json" 2>"$work/err"
rc=$?
added=$(sqlite3 :memory: "select json_extract(readfile('$work/single.json'), '\$.added')")
docs=$(sqlite3 "$work/single.db" "select count(*) from documents" 2>/dev/null)
if [ "$rc" = 0 ] && [ "$added" = 1 ] && [ "$docs" = 1 ]; then
  echo "ok   $mb MB single file ingests"
  exit 0
fi
echo "FAIL $mb MB single file ingests (exit $rc, added '$added', documents '$docs'): $(head -c 300 "$work/err")"
exit 1
