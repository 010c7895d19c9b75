#!/usr/bin/env bash
# Builds the MedQuAD scale corpus and its question lists for the benchmarks in BENCHMARKS.md.
#   bench/medquad-corpus.sh [DIR]      (default /tmp/medquad)
# DIR/corpus/guides/   the 5,473 guides from ../shared/bench/medquad-guides.tar.gz, as a corpus folder
# DIR/questions.txt    every distinct <h2> question of the guides (14,932), URL-encoded, one per line,
#                      in a fixed shuffled order, so any slice of it is a sample of the whole
# The guides are NIH and CDC pages (CC BY 4.0, see ../shared/bench/README.md); nothing here is
# copied into corpus/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
archive="$here/../../shared/bench/medquad-guides.tar.gz"
dir="${1:-/tmp/medquad}"
[ -f "$archive" ] || { echo "medquad-corpus: $archive is missing" >&2; exit 1; }
mkdir -p "$dir/corpus"
if [ ! -d "$dir/corpus/guides" ]; then
  tar xzf "$archive" -C "$dir/corpus"
fi
python3 - "$dir/corpus/guides" "$dir/questions.txt" <<'PY'
import html, os, random, re, sys, urllib.parse
guides, out = sys.argv[1], sys.argv[2]
questions = set()
for name in sorted(os.listdir(guides)):
    page = open(os.path.join(guides, name), encoding="utf-8").read()
    for heading in re.findall(r"<h2>(.*?)</h2>", page, re.S):
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", heading)).split())
        if text:
            questions.add(text)
ordered = sorted(questions)
random.Random(15).shuffle(ordered)
with open(out, "w", encoding="utf-8") as f:
    f.writelines(urllib.parse.quote_plus(q) + "\n" for q in ordered)
print(f"{len(os.listdir(guides))} guides in {os.path.dirname(guides)}, {len(ordered)} questions in {out}")
PY
