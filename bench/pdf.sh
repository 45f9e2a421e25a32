#!/usr/bin/env bash
# bench/pdf.sh — PDFs through the whole ingest pipeline, against the command-line tools.
#
#  1. Text-layer PDFs (made from corpus/ reports with omb_make_pdf): pages per second of
#     `ombudsmine ingest` (read, text layer, normalise, extract, index, store) against
#     `pdftotext` alone on the same files, both with 2 processes/workers. Aim: >= 0.8x.
#  2. Scanned pages (300 dpi images, nothing else): seconds per page of `ombudsmine ingest`
#     (render + OCR + the pipeline) against the `tesseract` command on the same pages
#     rendered by `pdftoppm -r 300 -gray` (rendering not counted for the command), 2 at
#     a time. Aim: no slower, both cores used.
# Usage: bench/pdf.sh [BUILD_DIR] [TEXT_PAGES_PER_FILE] [SCANNED_PAGES]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build/release}"
tpages="${2:-200}"
spages="${3:-6}"
omb="$build/ombudsmine"
mk="$build/omb_make_pdf"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
mkdir -p "$work/text" "$work/scan" "$work/png"

# 1. Text-layer PDFs: 5 files of $tpages A4 pages from five reports.
i=0
for f in $(ls "$root"/corpus/20*/*.txt | head -5); do
  i=$((i + 1))
  "$mk" "$work/text/r$i.pdf" "t*$tpages" "$f" 300
done
pages=$((5 * tpages))
t0=$(now)
ls "$work"/text/*.pdf | xargs -P2 -I{} pdftotext {} {}.txt
t1=$(now)
mkdir -p "$work/astext" && mv "$work"/text/*.txt "$work/astext/"
"$omb" -q --db "$work/t.db" ingest -j2 "$work/text" >/dev/null
t2=$(now)
# The bound on the ratio: the same text ingested from pdftotext's .txt files
# (normalise, extract, index, store; no PDF reading).
"$omb" -q --db "$work/a.db" ingest -j2 "$work/astext" >/dev/null
t3=$(now)
awk -v p="$pages" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
  pt = p / (b - a); om = p / (c - b);
  printf "text layer: %d pages; pdftotext %.2f s (%.0f pages/s); ombudsmine ingest %.2f s (%.0f pages/s); ratio %.2fx\n",
         p, b - a, pt, c - b, om, om / pt;
  printf "  the same text from .txt files: ingest %.2f s; ratio if reading PDFs were free %.2fx\n", d - c, (b - a) / (d - c) }'

# 2. Scanned pages.
"$mk" "$work/scan/scan.pdf" "s*$spages" "$(ls "$root"/corpus/20*/*.txt | head -1)" 220
pdftoppm -r 300 -gray "$work/scan/scan.pdf" "$work/png/p"
t0=$(now)
ls "$work"/png/* | OMP_THREAD_LIMIT=1 xargs -P2 -I{} tesseract {} {}.out -l nld >/dev/null 2>&1
t1=$(now)
"$omb" -q --db "$work/s.db" ingest -j2 "$work/scan" >/dev/null
t2=$(now)
conf=$(sqlite3 "$work/s.db" "SELECT printf('%.2f', avg(confidence)) FROM page_sources WHERE method = 'ocr'")
awk -v p="$spages" -v a="$t0" -v b="$t1" -v c="$t2" -v conf="$conf" 'BEGIN {
  printf "scanned: %d pages; tesseract command %.2f s (%.2f s/page); ombudsmine ingest %.2f s (%.2f s/page, render included); mean confidence %s\n",
         p, b - a, (b - a) / p, c - b, (c - b) / p, conf }'
