#!/usr/bin/env bash
# tests/fuzz/seeds.sh OUT — seed corpora for the harnesses, from the project's own texts:
#   OUT/decode     corpus/ and tests/fixtures cut at line ends into pieces of <= 4 kB,
#                  and some of them as UTF-16LE/BE (with BOM), UTF-8 with BOM, windows-1252
#   OUT/normalize  the same pieces (UTF-8)
#   OUT/extract    the pieces, and the first 8 kB of every text (where doctype, date and
#                  organisation are looked for)
#   OUT/query      one file per line of tests/fuzz/queries.txt (queries of the unit tests and README)
#   OUT/rules      dictionaries/extract/*.toml
# Made anew on every run (cheap: about 250 files); libFuzzer's own finds go elsewhere.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: seeds.sh OUT}"
rm -rf "$out"
mkdir -p "$out"/{decode,normalize,extract,query,rules}

n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  split -C 4096 -d -a 3 "$f" "$out/normalize/t${n}-"
  head -c 8192 "$f" > "$out/extract/head${n}"
done < <(find "$root/corpus" "$root/tests/fixtures" -type f \( -name '*.txt' -o -name '*.md' \) -print0 | sort -z)
cp "$out"/normalize/* "$out/extract/"
cp "$out"/normalize/* "$out/decode/"

# Other encodings of every fifth piece (iconv is part of libc-bin).
i=0
for f in "$out"/normalize/*; do
  i=$((i + 1))
  [ $((i % 5)) -eq 0 ] || continue
  b="$(basename "$f")"
  { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$f"; } > "$out/decode/$b.u16le" 2>/dev/null || rm -f "$out/decode/$b.u16le"
  { printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$f"; } > "$out/decode/$b.u16be" 2>/dev/null || rm -f "$out/decode/$b.u16be"
  { printf '\xef\xbb\xbf'; cat "$f"; } > "$out/decode/$b.bom"
  iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT "$f" > "$out/decode/$b.cp1252" 2>/dev/null || rm -f "$out/decode/$b.cp1252"
done

i=0
while IFS= read -r q || [ -n "$q" ]; do
  i=$((i + 1))
  printf '%s' "$q" > "$out/query/q$i"
done < "$root/tests/fuzz/queries.txt"

cp "$root"/dictionaries/extract/*.toml "$out/rules/"
for d in decode normalize extract query rules; do
  printf '%s: %s seeds\n' "$d" "$(ls "$out/$d" | wc -l)"
done
