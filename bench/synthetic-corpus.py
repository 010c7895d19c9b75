#!/usr/bin/env python3
"""Synthetic corpora for the cost curve: guides made of MedQuAD sentences resampled at random, so
the vocabulary, word frequencies and passage lengths are those of real health guides while no guide
says anything true. Clearly marked as synthetic in every title and description; written outside
corpus/, never part of the product.

    bench/synthetic-corpus.py PASSAGES OUT_DIR [SEED]    (MedQuAD guides in /tmp/medquad/guides)

Writes OUT_DIR/corpus/guides/synthetic-N.html, seven sections of one paragraph each per guide,
and OUT_DIR/questions.txt (URL-encoded MedQuAD questions, for the search benchmarks)."""
import html, os, random, re, sys, urllib.parse

passages, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20261130)
source = os.environ.get("MEDQUAD_GUIDES", "/tmp/medquad/guides")
text = lambda s: " ".join(html.unescape(re.sub(r"<[^>]+>", " ", s)).split())

sentences, questions = [], []
for name in sorted(os.listdir(source)):
    page = open(os.path.join(source, name), encoding="utf-8").read()
    questions += [text(q) for q in re.findall(r"<h2>(.*?)</h2>", page, re.S)]
    for paragraph in re.findall(r"<p>(.*?)</p>", page, re.S):
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", text(paragraph)) if len(s.split()) >= 4]

SECTIONS = 7
guides_dir = os.path.join(out, "corpus", "guides")
os.makedirs(guides_dir, exist_ok=True)
for g in range((passages + SECTIONS - 1) // SECTIONS):
    body = []
    for s in range(SECTIONS):
        paragraph = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        body.append(f'<h2 id="section-{s}">{html.escape(rng.choice(questions))}</h2>\n<p>{html.escape(paragraph)}</p>')
    topic = " ".join(rng.choice(sentences).split()[:4])
    with open(os.path.join(guides_dir, f"synthetic-{g}.html"), "w", encoding="utf-8") as f:
        f.write(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Synthetic guide {g}</title>
<meta name="description" content="Synthetic benchmark text resampled from MedQuAD sentences by bench/synthetic-corpus.py: not a real guide, not medical information."></head>
<body>
<h1>Synthetic guide {g}: {html.escape(topic)}</h1>
{chr(10).join(body)}
</body></html>
""")
rng.shuffle(questions)
with open(os.path.join(out, "questions.txt"), "w") as f:
    f.writelines(urllib.parse.quote_plus(q) + "\n" for q in dict.fromkeys(questions))
print(f"{(passages + SECTIONS - 1) // SECTIONS} synthetic guides ({passages} passages) in {guides_dir}")
